// The committed catalogue (data/transfer_pairs.csv) measured on the embedded dataset.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { measureTransferPairs } from "../../src/scale/measureTransferPairs";
import { loadAnalysisInput } from "../../src/analysis/io/analysisIo";
import { readCsv } from "../../src/dataset/csv";
import { DATASET_DIR } from "../../src/dataset/sharedDir";
import type { TransferMeasurement } from "../../src/types";

describe("the committed transfer catalogue on the embedded data", function () {
  this.timeout(60_000);
  let ms: TransferMeasurement[] = [];
  before(() => {
    const input = loadAnalysisInput();
    ms = [...measureTransferPairs(input, input.transferPairs ?? []).measurements];
  });
  const byId = (id: string) => {
    const m = ms.find((x) => x.measurementId === id);
    assert.ok(m, id);
    return m;
  };

  it("holds at least ten pairs measured at two or more scales (preferred rows)", () => {
    const scales = new Map<string, Set<string>>();
    for (const m of ms.filter((x) => x.preferred && x.multiplier !== null))
      scales.set(m.pairId, new Set([...(scales.get(m.pairId) ?? []), m.scaleLabel]));
    const multi = [...scales].filter(([, s]) => s.size >= 2).map(([p]) => p);
    assert.equal(multi.length, 13, multi.join(", "));
  });

  it(
    "prefers the Muon 7.5B crossing after 90% of its run (an estimate by the rule) over its end-point lower " + "bound",
    () => {
      const cross = byId("muon_adamw@1.5B/cross7.5B");
      assert.deepEqual([cross.kind, cross.preferred], ["estimate", true]);
      assert.ok(Math.abs((cross.multiplier as number) - 1.375) < 0.001, String(cross.multiplier));
      const m = byId("muon_adamw@1.5B/end7.5B");
      assert.equal(m.kind, "lower_bound");
      assert.equal(m.preferred, false);
      assert.equal(m.multiplier, 9_999_482_880 / 7_499_612_160);
      assert.equal(m.targetLoss, 2.7737);
      // the mid-schedule reading of the 10B curve stays in the table as an alternative, also a lower bound
      assert.deepEqual(
        [byId("muon_adamw@1.5B/mid10B").kind, byId("muon_adamw@1.5B/mid10B").preferred],
        ["lower_bound", false],
      );
    },
  );

  it("measures track 3's AdamW (#2, 1 run) against its tuned Muon (#36, 10 runs) at 3.28: 1.74x, not preferred", () => {
    const m = byId("muon_adamw@124M/track3");
    assert.deepEqual([m.kind, m.preferred, m.targetLoss, m.scaleLabel], ["estimate", false, 3.28, "124M"]);
    // AdamW crosses 3.28 at step 5,575 (between its evaluations at 5500 and 5625), the Muon runs at 3,190-3,228 of
    // 3,250, same model and batch (FLOPs ratio = steps ratio); 2 of the 10 Muon runs end above 3.28 (censored)
    assert.ok(Math.abs((m.multiplier as number) - 1.736) < 0.001, String(m.multiplier));
    assert.ok((m.lo as number) < (m.multiplier as number) && (m.multiplier as number) < (m.hi as number));
    assert.ok((m.logSd as number) > 0 && (m.logSd as number) < 0.01, String(m.logSd));
    assert.match(m.note, /1 baseline x 10 treatment run\(s\); 2 of 10 combination\(s\) are bounds/);
  });

  it(
    "reads the 124M recipe rows at each treatment's own final loss: bounds 10-13% tighter than at llm.c's " + "3.2722",
    () => {
      for (const month of ["2025-01", "2025-04", "2025-09", "2025-11", "2025-12"]) {
        const own = byId(`recipe_${month}@124M`);
        const old = byId(`recipe_${month}@124M/3.2722`);
        assert.deepEqual([own.kind, own.preferred, old.preferred], ["upper_bound", true, false]);
        const tighter = 1 - (own.multiplier as number) / (old.multiplier as number);
        assert.ok(tighter > 0.1 && tighter < 0.13, `${month}: ${tighter}`);
      }
    },
  );

  it(
    "measures the January 2025 recipe in FLOPs at both scales with the baseline's own final loss as the " + "target",
    () => {
      const small = byId("recipe_2025-01@124M/3.2722");
      const large = byId("recipe_2025-01@350M");
      // 124M: record 20 ends at 3.2785, above llm.c's final 3.2722: at most llm.c's FLOPs over record 20's
      assert.equal(small.kind, "upper_bound");
      // record 20's FLOPs a token: 6 * 121,208,832 + 12 * 11 * 768 * K, K = 603.2448 keys (its window
      // next_multiple_of_n(1728 * s / 1393, 128) averaged over 1,393 steps, 2 long and 4 short layers), stored rounded
      const want = (10_255_073_280 * 798_087_168) / (730_333_184 * 788_407_536);
      assert.ok(Math.abs((small.multiplier as number) / want - 1) < 1e-12, `${small.multiplier} vs ${want}`);
      // 350M: track 2's first record crosses llm.c 350M's final 2.9282 at the end of its schedule: an estimate
      assert.equal(large.kind, "estimate");
      assert.equal(large.targetLoss, 2.9282);
      // track 2 record 2: 6 * 248,643,584 + 12 * 15 * 1024 * 562.8885 (window 128 -> 1792 over 7,500 steps)
      assert.equal(large.flopsPerToken, 1_595_613_118);
      assert.ok(Math.abs((large.multiplier as number) - 11.97) < 0.01, String(large.multiplier));
    },
  );

  it("lists rejected candidates with a reason each", () => {
    const { header, rows } = readCsv(
      readFileSync(join(DATASET_DIR, "..", "transfer_rejected.csv"), "utf8"),
      "transfer_rejected.csv",
    );
    assert.deepEqual(header, ["candidate", "innovation", "scales", "reason"]);
    assert.ok(rows.length >= 10);
    for (const r of rows)
      assert.ok(
        r.cells.every((c) => c.trim() !== ""),
        `line ${r.line}`,
      );
  });
});
