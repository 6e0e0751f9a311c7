// The analysis on the embedded dataset (data/speedrun), with expected values worked out independently of the
// library (python on the raw llm.c log and on evals.csv) or read off the README tables.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEvalsCsv, parseRecordsCsv, parseRunsCsv, type AnalysisInput } from "../../src/analysis/inputs";
import { FAST_CURVE_FIT, powerCurveFitter } from "../../src/analysis/powerCurveFitter";
import { resultFiles, runAnalysis, type AnalysisResults } from "../../src/analysis/runAnalysis";
import { loadAnalysisInput } from "../../src/cli/analysisIo";
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

  it("gives the track-1 time ratio at equal loss, the README times' ratio (45 min / 1.23 min) beside it", () => {
    const t1 = results.headlines.find((h) => h.track === "track1")!;
    // llm.c's 45 min charged up to its 3.28 crossing (8.9347B of 10.255B tokens) over record 89's 73.8 s
    assert.ok(close(t1.timeRatio, (2700 * 8934741333.33335) / 10255073280 / 73.8, 1e-9));
    assert.ok(close(t1.readmeTimeRatio, 2700 / 73.8));
    assert.equal(t1.latestRecord, 89);
  });
  it("gives the track-1 token ratio: llm.c crossing 3.28 at 8.9347B tokens over record 89's censored median 0.36359B", () => {
    // llm.c main.log: s:17000 tel:3.2803 and s:17250 tel:3.2785 (x 524,288 tokens) -> 8,934,741,333 tokens;
    // record 89: 11 of its 13 runs reach 3.28; the 2 that miss are censored at 365,690,880 tokens, so the
    // Kaplan-Meier median is the 7th smallest crossing, 363,585,133 (dropping the misses gave the 6th, 363,211,139)
    const t1 = results.headlines.find((h) => h.track === "track1")!;
    assert.ok(close(t1.baselineTokensToTarget, 8934741333.33335, 1e-9));
    assert.ok(close(t1.latestTokensToTarget, 363585133.11475414, 1e-9));
    assert.ok(close(t1.tokenRatio, 24.57400074857676, 1e-9));
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
  it("gives the headline extrapolation with its envelope over both scale models at 7B/70B/400B/1T and 1e24/1e25/1e26 FLOP", () => {
    // [axis, x, ln ln M central, envelope lo, envelope hi, lo from, hi from, ln M central]; regression values of this
    // data (24.574x anchor), the 1e26 FLOP ends re-derived by hand below
    const A = 24.57400074857676;
    const expected: [string, number, number, number, number, string, string, number][] = [
      ["params", 7e9, 7.3923206086270055, 1.694197520724131, A, "ln ln M 95% PI", "124M anchor cap", 18.44333116511017],
      ["params", 7e10, 4.615412798031931, 1.2363480057386653, A, "ln ln M 95% PI", "124M anchor cap", 15.656210942703632],
      ["params", 4e11, 3.483787173309552, 0.9786769525254735, A, "ln M pair-slope band", "124M anchor cap", 13.830146395518446],
      ["params", 1e12, 3.0698947621710975, 0.679006284032529, A, "ln M pair-slope band", "124M anchor cap", 12.957233078895953],
      ["flops", 1e24, 2.9603631536841446, 1.7724743813090387, 21.017443393002587, "ln M pair-slope band", "ln M pair-slope band", 10.634678789193138],
      ["flops", 1e25, 2.510915879356687, 1.188216357913935, 20.52356421020161, "ln M pair-slope band", "ln M pair-slope band", 9.362613915449915],
      ["flops", 1e26, 2.1835810558520015, 0.7965464144940405, 20.041290465923442, "ln M pair-slope band", "ln M pair-slope band", 8.242706814883228],
    ];
    const rows = results.extrapolationEnvelope;
    assert.equal(rows.length, expected.length);
    expected.forEach(([axis, x, m, lo, hi, loFrom, hiFrom, logM], i) => {
      const e = rows[i];
      assert.equal(e.axis, axis);
      assert.equal(axis === "params" ? e.params : e.flops, x);
      for (const [got, want, name] of [[e.multiplier, m, "multiplier"], [e.envelopeLo, lo, "lo"], [e.envelopeHi, hi, "hi"], [e.centralLogModel, logM, "ln M"]] as const)
        assert.ok(close(got, want, 1e-9), `${axis} ${x} ${name}: ${got} vs ${want}`);
      assert.deepEqual([e.envelopeLoFrom, e.envelopeHiFrom, e.cappedAtAnchor, e.extrapolated], [loFrom, hiFrom, axis === "params", true]);
      assert.ok((e.envelopeLo as number) <= (e.multiplier as number) && (e.multiplier as number) <= (e.envelopeHi as number));
    });
    // independently: at 1e26 FLOP both ends come from the pairs' own ln M slopes per decade of compute, carried from
    // the anchor (latest record's FLOPs to 3.28)
    const pair = (id: string) => results.scalePoints.filter((p) => p.pair === id).sort((a, b) => a.params - b.params);
    const lnSlope = (ps: typeof results.scalePoints) => Math.log((ps[1].multiplier as number) / (ps[0].multiplier as number)) / Math.log10((ps[1].flops as number) / (ps[0].flops as number));
    const anchorFlops = results.recordCompute.filter((r) => r.track === "track1" && r.rowIndex > 0 && r.tokensToTarget !== null && r.flopsToTarget !== null).pop()!.flopsToTarget as number;
    const d = 26 - Math.log10(anchorFlops);
    assert.ok(close(rows[6].envelopeLo, A * Math.exp(lnSlope(pair("recipe_vs_llmc_2025-01")) * d), 1e-9));
    assert.ok(close(rows[6].envelopeHi, A * Math.exp(lnSlope(pair("muon_vs_adamw_2024-10")) * d), 1e-9));
  });
  it("states the verdict in one sentence whose words follow the rules", () => {
    assert.equal(results.verdict.sentence, "The 124M gains shrink with scale but have not vanished: every same-vintage pair is smaller at the larger model "
      + "(12.3x -> >=8.13x at 350M; >=1.18x -> >=1.14x at 1.55B); carried to 1e26 FLOP, today's 24.6x becomes about 2.2x "
      + "(envelope 0.8x-20x), so the gain may vanish at the frontier, its size uncertain by an order of magnitude.");
    assert.deepEqual([results.verdict.trend, results.verdict.fateAtLargest], ["shrinks", "may vanish"]);
    assert.equal(results.verdict.detail.atLargestParams!.fate, "may vanish");
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
    assert.ok(s.extrapolation_sensitivity_envelope.every((r: { extrapolated: boolean }) => r.extrapolated));
    // The old ln ln M envelope stays as a sensitivity row: lo/hi = the envelope, its components alongside
    const at = s.extrapolation_sensitivity_envelope.find((r: { flops?: number }) => r.flops === 1e24);
    assert.deepEqual([at.lo, at.hi, at.pi_lo, at.pi_hi, at.central_log_model, at.interval], [1.77247, 21.0174, 1.92477, 6.04272, 10.6347, "envelope"]);
    assert.match(s.extrapolation_sensitivity_envelope_interval, /^envelope lo\/hi = union of/);
    assert.equal(s.verdict, results.scaleDependence.verdict);
    assert.ok(s.extrapolation.every((r: { category?: string }) => typeof r.category === "string"));
    assert.equal(a["prediction.json"], `${JSON.stringify(s.prediction, null, 2)}\n`);
  });
  it("fits the scale model to the catalogue and the literature: the 1.5B optimizer pair (bounds at both sizes) informs no slope", () => {
    const full = loadAnalysisInput();
    assert.ok((full.literatureTransfer ?? []).length > 0 && (full.transferPairs ?? []).length > 0);
    const d = runAnalysis(full).scaleDependence;
    assert.ok(d.withLiterature.boundsOnlyPairs.includes("muon_vs_adamw"));
    assert.ok(d.logsOnly.fit.nPairs >= 10, `logs-only pairs ${d.logsOnly.fit.nPairs}`);
    assert.equal(d.withLiterature.fit.nPairs, d.logsOnly.fit.nPairs + 1); // + Wen et al.
    for (const c of d.headline.byCategory) if (c.nPairs === 0) assert.equal(c.trend, "not identified", c.category);
  });
});
