import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseLiteratureTransfer } from "../../src/scale/literatureTransfer";
import { parseLossLaws } from "../../src/scale/lossLaws";
import { groupScalePairs } from "../../src/scale/pairs";

const HEADER =
  "pair_id,innovation,category,scale_label,params,tokens_per_param,multiplier,kind,citation,location,read_in,note";

describe("parseLiteratureTransfer", () => {
  it("reads the committed file: Wen et al. in the fit, the rest as context", () => {
    const rows = parseLiteratureTransfer(
      readFileSync(join(__dirname, "../../data/literature_transfer.csv"), "utf8"),
      "data/literature_transfer.csv",
      parseLossLaws(readFileSync(join(__dirname, "../../data/loss_laws.csv"), "utf8")),
    );
    assert.equal(rows.length, 15);
    const wen = rows.filter((r) => r.pairId === "wen2025_matrix_vs_adamw");
    assert.deepEqual(
      wen.map((r) => [r.scaleLabel, r.multiplier, r.flops]),
      [
        ["0.1B", 1.4, 1.2e18],
        ["1.2B", 1.1, 6 * 1.2e9 * 20 * 1.2e9],
      ],
    );
    assert.ok(rows.every((r) => r.origin === "literature"));
    const set = groupScalePairs(rows);
    assert.deepEqual(
      set.pairs.map((p) => p.pairId),
      ["wen2025_matrix_vs_adamw"],
    );
  });
  it("names file, line and value for a bad category, a duplicate and a missing source", () => {
    const ok = `wen,x,optimizer,0.1B,1e8,20,1.4,estimate,c,l,r,n`;
    assert.throws(
      () => parseLiteratureTransfer(`${HEADER}\n${ok.replace("optimizer", "optimiser")}\n`, "lit.csv"),
      /lit.csv:2: invalid category: optimiser \(expected one of/,
    );
    assert.throws(
      () => parseLiteratureTransfer(`${HEADER}\n${ok}\n${ok}\n`, "lit.csv"),
      /lit.csv:3: duplicate row wen at 0.1B/,
    );
    assert.throws(
      () => parseLiteratureTransfer(`${HEADER}\n${ok.replace(",c,l,", ",,l,")}\n`, "lit.csv"),
      /lit.csv:2: empty citation/,
    );
    assert.throws(
      () => parseLiteratureTransfer(`${HEADER}\n${ok.replace("1.4", "-1")}\n`, "lit.csv"),
      /lit.csv:2: invalid multiplier: -1/,
    );
    assert.throws(
      () => parseLiteratureTransfer(`${HEADER}\n${ok.replace("1e8,20", "1e8,")}\n`, "lit.csv"),
      /lit.csv:2: params and tokens_per_param go together/,
    );
  });
});

describe("loss laws: a published loss difference as a compute multiplier", () => {
  const LAW_HEADER = "law,flops,loss,unit,citation,location,read_in";
  const committed = () => parseLossLaws(readFileSync(join(__dirname, "../../data/loss_laws.csv"), "utf8"));

  it("fits nanochat's 2026-01-27 frontier (LOG.md lines 510-513) as -0.0951 val_bpb per decade", () => {
    const [law] = committed();
    // least squares of (0.8972, 0.8616, 0.8293, 0.7999) on log10 of (1e18, 2e18, 5e18, 1e19), by hand:
    const x = [18, Math.log10(2e18), Math.log10(5e18), 19];
    const y = [0.8972, 0.8616, 0.8293, 0.7999];
    const xm = x.reduce((s, v) => s + v) / 4;
    const ym = y.reduce((s, v) => s + v) / 4;
    const slope = x.reduce((s, v, i) => s + (v - xm) * (y[i] - ym), 0) / x.reduce((s, v) => s + (v - xm) ** 2, 0);
    assert.equal(law.law, "nanochat_frontier_2026-01-27");
    assert.ok(Math.abs(law.slope - slope) < 1e-12);
    assert.ok(Math.abs(law.slope + 0.0951) < 1e-4, String(law.slope));
    assert.deepEqual([law.flopsMin, law.flopsMax, law.points], [1e18, 1e19, 4]);
  });

  it("converts the x0-lambda deltas (LOG.md lines 996-999): 1.28x at d8 down to 1.10x at d20, context only", () => {
    const rows = parseLiteratureTransfer(
      readFileSync(join(__dirname, "../../data/literature_transfer.csv"), "utf8"),
      "data/literature_transfer.csv",
      committed(),
    ).filter((r) => r.pairId === "nanochat_x0_lambdas");
    const slope = committed()[0].slope;
    const expected = [
      ["d8", 1.0885, 1.0782],
      ["d12", 0.977, 0.9693],
      ["d16", 0.9059, 0.9002],
      ["d20", 0.8565, 0.8526],
    ] as const;
    assert.deepEqual(
      rows.map((r) => r.scaleLabel),
      expected.map((e) => e[0]),
    );
    for (const [i, [, b, t]] of expected.entries()) {
      const r = rows[i];
      assert.ok(Math.abs((r.multiplier as number) - 10 ** ((b - t) / -slope)) < 1e-12);
      assert.ok((r.lo as number) < (r.multiplier as number) && (r.multiplier as number) < (r.hi as number));
      assert.equal(r.flops, null);
      assert.match(r.method, /context only; val_bpb .* converted with nanochat_frontier_2026-01-27/);
    }
    assert.deepEqual(
      rows.map((r) => Number((r.multiplier as number).toFixed(2))),
      [1.28, 1.2, 1.15, 1.1],
    );
    // without a compute to place them, they are not scale pairs
    assert.deepEqual(groupScalePairs(rows).pairs, []);
  });

  it("names file, line and value of a law or a loss row it cannot use", () => {
    const law = (rows: string[]) => parseLossLaws([LAW_HEADER, ...rows].join("\n"), "laws.csv");
    const pt = (f: string, l: string) => `a,${f},${l},bpb,c,loc,r`;
    assert.throws(() => law([pt("1e18", "0.9"), pt("1e19", "0.8")]), /laws.csv:2: law a has 2 points/);
    assert.throws(() => law([pt("1e18", "0.8"), pt("1e19", "0.9"), pt("1e20", "1")]), /does not fall with compute/);
    assert.throws(() => law([pt("-1", "0.8")]), /laws.csv:2: invalid flops: -1/);
    const laws = law([pt("1e18", "0.9"), pt("1e19", "0.8"), pt("1e20", "0.7")]);
    const head = `${HEADER},baseline_loss,treatment_loss,loss_law`;
    const row = (tail: string) => `x,y,architecture,d8,,,,estimate,c,l,r,n,${tail}`;
    const lit = (tail: string) => parseLiteratureTransfer(`${head}\n${row(tail)}\n`, "lit.csv", laws);
    assert.ok(Math.abs((lit("1.0,0.95,a")[0].multiplier as number) - 10 ** 0.5) < 1e-12); // 0.1 per decade
    assert.throws(() => lit("1.0,0.95,b"), /lit.csv:2: unknown loss_law b \(laws: a\)/);
    assert.throws(() => lit("1.0,,a"), /lit.csv:2: baseline_loss, treatment_loss and loss_law go together/);
    assert.throws(
      () =>
        parseLiteratureTransfer(
          `${head}\n${row("1.0,0.95,a").replace(",,,estimate", ",,1.2,estimate")}\n`,
          "lit.csv",
          laws,
        ),
      /lit.csv:2: a multiplier and a loss difference to convert/,
    );
  });
});
