import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { attributeByCategory, attributionSteps } from "../../../src/analysis/attribution/attribution";
import { parseRecordCategories } from "../../../src/analysis/attribution/recordCategories";
import { computeRecordCompute, computeRunsToTarget } from "../../../src/analysis/compute/recordCompute";
import { track1TableUntil } from "../../../src/analysis/progress/rateAnchors";
import { rejudgeCommenterSplit } from "../../../src/analysis/claims/rejudgeClaims";
import { findScriptChanges } from "../../../src/analysis/scriptChanges";
import type { RecordInput } from "../../../src/analysis/inputs";
import { loadAnalysisInput } from "../../../src/analysis/io/analysisIo";
import { REPO_ROOT } from "../../../src/dataset/sharedDir";

const rec = (track: string, record: number, rowIndex: number): RecordInput => ({
  track,
  record,
  rowIndex,
  date: "2025-01-01",
  timeS: 100,
  description: "",
  source: "",
});
const records = [rec("track1", 1, 0), rec("track1", 2, 1), rec("track1", 3, 2)];
const header = "track,record,record_row,category,reason\n";

describe("record categories and the attribution by kind of change", () => {
  it("reads a valid categories file", () => {
    const c = parseRecordCategories(
      header + "track1,2,1,optimizer,Muon\ntrack1,3,2,systems,kernels\n",
      "cats.csv",
      records,
      ["track1"],
    );
    assert.deepEqual(
      c.map((x) => [x.record, x.category, x.source]),
      [
        [2, "optimizer", "cats.csv:2"],
        [3, "systems", "cats.csv:3"],
      ],
    );
  });

  it(
    "rejects an unknown record, a duplicate, a bad category, a missing reason and a missing row, naming file " +
      "and line",
    () => {
      const bad = (body: string) => () => parseRecordCategories(header + body, "cats.csv", records, ["track1"]);
      assert.throws(
        bad("track1,9,7,optimizer,x\n"),
        /^Error: cats.csv:2: unknown record: track1 record_row 7 is not a row of the record table$/,
      );
      assert.throws(
        bad("track1,5,1,optimizer,x\n"),
        /^Error: cats.csv:2: unknown record: track1 record_row 1 is record 2, not 5$/,
      );
      assert.throws(
        bad("track1,2,1,optimizer,x\ntrack1,2,1,systems,y\n"),
        /^Error: cats.csv:3: duplicate: track1 record_row 1 already given at line 2$/,
      );
      assert.throws(
        bad("track1,2,1,optimiser,x\ntrack1,3,2,systems,y\n"),
        new RegExp(
          String.raw`^Error: cats.csv:2: invalid category: "optimiser" \(expected one of architecture, ` +
            String.raw`optimizer, hyperparameters, data, systems, evaluation, recipe\)$`,
        ),
      );
      assert.throws(bad("track1,2,1,optimizer, \n"), /^Error: cats.csv:2: missing reason for track1 record 2$/);
      assert.throws(
        bad("track1,2,1,optimizer,x\n"),
        /^Error: cats.csv: missing 1 record row\(s\): track1 record 3 \(record_row 2\)$/,
      );
    },
  );

  describe("on the embedded data", () => {
    const input = loadAnalysisInput();
    const runs = computeRunsToTarget(input, { curveFit: { scope: "none" } });
    const rows = computeRecordCompute(input.records, runs);
    const cats = parseRecordCategories(
      readFileSync(join(REPO_ROOT, "data", "record_categories.csv"), "utf8"),
      "data/record_categories.csv",
      input.records,
    );

    it("covers all 107 record rows after the baselines", () => {
      assert.equal(cats.length, 107);
      assert.equal(input.categories?.length, 107);
    });

    it(
      "multiplies the categories' factors to the headline ratios, and credits record 3's missing log to its " +
        "neighbour's kind",
      () => {
        const a = attributeByCategory(rows, runs, cats, "track1", { bootstrap: 50 });
        const total = a.find((r) => r.category === "total")!;
        const product = (k: "tokenFactor" | "timeFactor") =>
          a.filter((r) => r.category !== "total").reduce((s, r) => s * (r[k] as number), 1);
        assert.ok(Math.abs(product("tokenFactor") / total.tokenFactor - 1) < 1e-12);
        assert.ok(Math.abs(product("timeFactor") / (total.timeFactor as number) - 1) < 1e-12);
        assert.ok(Math.abs(total.tokenFactor - 8934741333.33335 / 363585133.11475414) < 1e-9);
        const step = attributionSteps(rows, cats, "track1").find((s) => s.toRecord === 4)!;
        assert.deepEqual([step.fromRecord, step.rows, step.category], [2, [2, 3], "optimizer"]);
      },
    );

    it(
      "splits track 1 up to 2025-01-13 into 3.59x architecture, 1.41x optimizer, ... of a 12.5x equal-loss " +
        "speedup",
      () => {
        const a = attributeByCategory(rows, runs, cats, "track1", { untilDate: "2025-01-13", bootstrap: 200 });
        const f = (c: string) => a.find((r) => r.category === c)!;
        assert.equal(f("architecture").timeFactor!.toFixed(4), "3.5931");
        assert.equal(f("optimizer").timeFactor!.toFixed(4), "1.4081");
        assert.equal(f("systems").timeFactor!.toFixed(4), "1.3316");
        assert.equal(f("total").timeFactor!.toFixed(4), "12.4781");
        assert.equal(
          a.some((r) => r.category === "data"),
          false,
        );
        assert.ok(
          f("architecture").timeLo! <= f("architecture").timeFactor! &&
            f("architecture").timeFactor! <= f("architecture").timeHi!,
        );
        const claim = rejudgeCommenterSplit(a, 1.11);
        assert.equal(claim.verdict, "partly");
        assert.match(
          claim.note,
          new RegExp(
            String.raw`Holds: architecture 3\.59x \(claimed 4x\)\. Does not hold: tokens per ` +
              String.raw`parameter 1\.00x \(claimed 1\.5x\); the rest 3\.47x \(claimed 2x\)\.`,
          ),
        );
      },
    );

    it(
      "puts METR's count (31x, 45 to 1.43 min over 77 records to March 2026) beside the table: 79 rows, 85.56 " +
        "s, 31.6x",
      () => {
        // 79 rows = 77 records plus the two re-timings of record 21
        const t = track1TableUntil(rows, "2026-03-31");
        assert.deepEqual([t.rows, t.bestTimeS, t.readmeTimeRatio!.toFixed(2)], [79, 85.56, "31.56"]);
      },
    );

    it(
      "leaves track 2 record 17's 5,960-step logs to the ingest's script_mismatch, out of the row: no schedule " +
        "flag",
      () => {
        // The analysis flagged record 17 for running a longer schedule than both neighbours (5960 steps against 5535
        // and 4740); the ingest now finds why, by rule: its logs run record 8's April script (data_issues.csv).
        const flags = findScriptChanges(input.records, input.runs);
        assert.deepEqual(
          flags.filter((f) => f.detail.startsWith("track2")).map((f) => f.detail),
          [],
        );
        assert.deepEqual(
          input.runs.filter((r) => r.track === "track2" && r.record === 17).map((r) => r.role),
          ["mismatch", "mismatch"],
        );
        assert.ok(
          (input.dataIssues ?? []).some((i) => i.kind === "script_mismatch" && i.detail.includes("track2 record 17")),
        );
      },
    );
  });
});
