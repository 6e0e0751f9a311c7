// The analysis on the embedded dataset (data/speedrun), with expected values worked out independently of the
// library (python on the raw llm.c log and on evals.csv) or read off the README tables.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEvalsCsv, parseRecordsCsv, parseRunsCsv, type AnalysisInput } from "../../src/analysis/inputs";
import { FAST_CURVE_FIT, powerCurveFitter } from "../../src/analysis/powerCurveFitter";
import { resultFiles, runAnalysis, type AnalysisResults } from "../../src/analysis/runAnalysis";
import { close } from "./fixture";

const dataDir = join(__dirname, "..", "..", "data", "speedrun");

function load(): AnalysisInput {
  const read = (f: string) => readFileSync(join(dataDir, f), "utf8");
  return { records: parseRecordsCsv(read("records.csv")), runs: parseRunsCsv(read("runs.csv")), evals: parseEvalsCsv(read("evals.csv")) };
}

describe("analysis on the embedded data", function () {
  this.timeout(120_000);
  let input: AnalysisInput;
  let results: AnalysisResults;
  before(() => {
    input = load();
    results = runAnalysis(input, { fitCurve: powerCurveFitter(FAST_CURVE_FIT) });
  });

  it("gives the track-1 time ratio of the README times (45 min / 1.23 min)", () => {
    const t1 = results.headlines.find((h) => h.track === "track1")!;
    assert.ok(close(t1.timeRatio, 2700 / 73.8));
    assert.equal(t1.latestRecord, 89);
  });
  it("gives the track-1 token ratio: llm.c crossing 3.28 at 8.9347B tokens over record 89's median 0.36321B", () => {
    // llm.c main.log: s:17000 tel:3.2803 and s:17250 tel:3.2785 (x 524,288 tokens) -> 8,934,741,333 tokens;
    // record 89: median crossing of its 11 runs that reach 3.28 (13 runs) = 363,211,139 tokens
    const t1 = results.headlines.find((h) => h.track === "track1")!;
    assert.ok(close(t1.baselineTokensToTarget, 8934741333.33335, 1e-9));
    assert.ok(close(t1.latestTokensToTarget, 363211139.4594595, 1e-9));
    assert.ok(close(t1.tokenRatio, 24.59930426866937, 1e-9));
  });
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
  it("finds the 1.5B Muon-vs-AdamW multiplier between the curve crossing and the end-point chord", () => {
    const chord = results.scalePoints.find((p) => p.id === "1.5B_muon_vs_adamw")!;
    const cross = results.scalePoints.find((p) => p.id === "1.5B_muon_vs_adamw_crossing")!;
    // chord of the Muon end points (7.4996B tokens, 2.7672; 9.9995B, 2.7297) to AdamW's 2.7737
    const slope = (2.7297 - 2.7672) / Math.log(9999482880 / 7499612160);
    assert.ok(close(chord.multiplier, 9999482880 / (7499612160 * Math.exp((2.7737 - 2.7672) / slope))));
    assert.ok((cross.multiplier as number) > 1 && (cross.multiplier as number) < (chord.multiplier as number));
  });
  it("scores the halving-time hindcast: the pre-2025 rate predicts far faster progress than happened", () => {
    const h = results.hindcasts.find((x) => x.kind === "halving_time")!;
    assert.equal(h.cutoff, "2025-01-13");
    assert.ok((h.meanAbsLog10Error as number) > 1, `error ${h.meanAbsLog10Error}`);
    assert.ok((h.medianRatio as number) < 0.1);
  });
  it("scores the scale hindcast (124M -> 350M slope predicting 1.5B) under both scale models", () => {
    const [ll, lg] = results.hindcasts.filter((x) => x.kind === "scale_trend");
    assert.match(ll.description, /model loglog/);
    assert.match(lg.description, /model log\)/);
    assert.ok((ll.meanAbsLog10Error as number) < (lg.meanAbsLog10Error as number));
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
    assert.ok(s.extrapolation.every((r: { extrapolated: boolean }) => r.extrapolated));
    assert.equal(typeof s.verdict, "string");
  });
});
