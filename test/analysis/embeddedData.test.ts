// The analysis on the embedded dataset (data/speedrun), with expected values worked out independently of the
// library (python on the raw llm.c log and on evals.csv) or read off the README tables.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AnalysisInput } from "../../src/analysis/analysisInput";
import { parseEvalsCsv, parseRecordsCsv, parseRunsCsv } from "../../src/analysis/inputs";
import { FAST_CURVE_FIT, powerCurveFitter } from "../../src/analysis/compute/powerCurveFitter";
import { runAnalysis, type AnalysisResults } from "../../src/analysis/runAnalysis";
import { resultFiles } from "../../src/results/resultFiles";
import { analyzeData } from "../../src/analysis/io/analyzeData";
import { close } from "./fixture";

const dataDir = join(__dirname, "..", "..", "data", "speedrun");

function load(): AnalysisInput {
  const read = (f: string) => readFileSync(join(dataDir, f), "utf8");
  return {
    records: parseRecordsCsv(read("records.csv")),
    runs: parseRunsCsv(read("runs.csv")),
    evals: parseEvalsCsv(read("evals.csv")),
  };
}

describe("analysis on the embedded data", function () {
  this.timeout(120_000);
  let input: AnalysisInput;
  let results: AnalysisResults;
  before(() => {
    input = load();
    results = runAnalysis(input, { fitCurve: powerCurveFitter(FAST_CURVE_FIT) });
  });

  it("gives the track-1 time ratio at equal loss, the README times' ratio (45 min / 1.23 min) beside it", () => {
    const t1 = results.headlines.find((h) => h.track === "track1")!;
    // llm.c's 45 min charged up to its 3.28 crossing (8.9347B of 10.255B tokens) over record 89's 73.8 s
    assert.ok(close(t1.timeRatio, (2700 * 8934741333.33335) / 10255073280 / 73.8, 1e-9));
    assert.ok(close(t1.readmeTimeRatio, 2700 / 73.8));
    assert.equal(t1.latestRecord, 89);
  });
  it(
    "gives the track-1 token ratio: llm.c crossing 3.28 at 8.9347B tokens over record 89's censored median " +
      "0.36359B",
    () => {
      // llm.c main.log: s:17000 tel:3.2803 and s:17250 tel:3.2785 (x 524,288 tokens) -> 8,934,741,333 tokens;
      // record 89: 11 of its 13 runs reach 3.28; the 2 that miss are censored at 365,690,880 tokens, so the
      // Kaplan-Meier median is the 7th smallest crossing, 363,585,133 (dropping the misses gave the 6th, 363,211,139)
      const t1 = results.headlines.find((h) => h.track === "track1")!;
      assert.ok(close(t1.baselineTokensToTarget, 8934741333.33335, 1e-9));
      assert.ok(close(t1.latestTokensToTarget, 363585133.11475414, 1e-9));
      assert.ok(close(t1.tokenRatio, 24.57400074857676, 1e-9));
    },
  );
  it("reproduces the 14x-in-8-months claim from the README times (45 / 3.142 min by 2025-01-13)", () => {
    const c = results.claims.find((x) => x.claim.startsWith("14x"))!;
    assert.ok(close(c.measured.time_ratio as number, 2700 / 188.52));
    assert.equal(c.verdict, "consistent");
  });
  it("marks the 350M llm.c baseline, which ends at 2.9282, as a lower bound on its 31.46B tokens", () => {
    const base = results.recordCompute.find((r) => r.track === "track2" && r.rowIndex === 0)!;
    assert.equal(base.lowerBound, true);
    assert.equal(base.tokensToTarget, 60000 * 524288);
    assert.equal(results.headlines.find((h) => h.track === "track2")!.lowerBound, true);
  });
  it("scores the halving-time hindcast: the pre-2025 rate predicts far faster progress than happened", () => {
    const h = results.hindcasts.find((x) => x.kind === "halving_time")!;
    assert.equal(h.cutoff, "2025-01-13");
    assert.ok((h.meanAbsLog10Error as number) > 1, `error ${h.meanAbsLog10Error}`);
    assert.ok((h.medianRatio as number) < 0.1);
  });
  it("writes no NaN or Infinity and the same bytes on a second run", () => {
    const a = resultFiles(results);
    const b = resultFiles(runAnalysis(input, { fitCurve: powerCurveFitter(FAST_CURVE_FIT) }));
    for (const k of Object.keys(a)) {
      assert.equal(a[k], b[k], k);
      assert.doesNotMatch(a[k], /NaN|Infinity/, k);
    }
    const s = JSON.parse(a["summary.json"]);
    assert.deepEqual(s.warnings, []);
    assert.equal(s.verdict, results.scaleDependence.verdict);
    assert.ok(s.extrapolation.every((r: { category?: string }) => typeof r.category === "string"));
    // One answer: the two-pair model's keys and files are gone.
    for (const k of [
      "verdict_sensitivity_loglog",
      "verdict_sensitivity_loglog_detail",
      "extrapolation_sensitivity_envelope",
      "extrapolation_sensitivity_log_model",
      "multiplier_by_scale",
      "scale_fit",
      "prediction",
    ])
      assert.equal(k in s, false, k);
    for (const f of ["scale_points.csv", "extrapolation.csv", "extrapolation_envelope.csv", "prediction.json"])
      assert.equal(f in a, false, f);
  });
  it(
    "fits the scale model to the catalogue and the literature; one-sided pairs (the recipes, Muon at 1.5B) are " +
      "predicted, not fitted",
    () => {
      // The analysis as npm start and the notebooks run it: from the run's analysis cache when another test (or a
      // notebook) already ran it with the same code, data and options.
      const { input: full, results: npmStart } = analyzeData();
      assert.ok((full.literatureTransfer ?? []).length > 0 && (full.transferPairs ?? []).length > 0);
      const d = npmStart.scaleDependence;
      const fitted = d.fit.pairs.map((p) => p.pairId);
      assert.ok(fitted.includes("wen2025_matrix_vs_adamw") && fitted.includes("backout"), fitted.join(", "));
      assert.ok(
        d.oneSided.some((p) => p.pairId === "muon_vs_adamw") &&
          d.oneSided.some((p) => p.pairId === "recipe_vs_llmc_2025-12"),
      );
      assert.deepEqual([d.measuredFrom, d.measuredTo], ["124M", "1.5B"]);
      assert.match(d.verdict, /^Measured \(124M to 1\.5B /);
      // Today's recipe is anchored on a 124M upper bound: only 95% upper limits, never a central value beside them.
      const at = d.extrapolation.find((e) => e.pairId === "recipe_today" && e.flops === 1e24)!;
      assert.deepEqual([at.bound, at.multiplier, at.lo], ["upper", null, null]);
      assert.ok((at.hi as number) > 1);
      assert.doesNotMatch(d.verdict, /at most [^(]*\(95% (prediction )?interval/);
    },
  );
});
