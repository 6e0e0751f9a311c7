import assert from "node:assert/strict";
import { computeRecordCompute, computeRunsToTarget } from "../../src/analysis/recordCompute";
import {
  buildScalePoints, extrapolateScale, fitScaleTrend, hindcastScale, pairedFit, PAIR_OPTIMIZER, PAIR_RECIPE,
} from "../../src/analysis/scaleTrend";
import { MATERIAL_MULTIPLIER, scaleVerdict } from "../../src/analysis/scaleVerdict";
import type { ScalePoint } from "../../src/analysis/types";
import { close, loadFixture } from "./fixture";

function points() {
  const inp = loadFixture();
  const recordCompute = computeRecordCompute(inp.records, computeRunsToTarget(inp));
  return buildScalePoints({ recordCompute, records: inp.records, runs: inp.runs, evals: inp.evals });
}

function pt(id: string, params: number, multiplier: number, pair: string | null): ScalePoint {
  return { id, params, flops: params * 1e10, multiplier, lo: null, hi: null, metric: "", vintage: null, baseline: "", comparable: true, pair, inFit: pair !== null, lowerBound: false, caveat: "", source: "" };
}

describe("scaleTrend", () => {
  it("computes the 1.5B Muon-vs-AdamW multipliers from the three ScaleUp1B runs (chord and curve crossing)", () => {
    const pts = points().points;
    const chord = pts.find((x) => x.id === "1.5B_muon_vs_adamw")!;
    const slope = (2.7297 - 2.7672) / Math.log(10 / 7.5);
    const dStar = 7.5e9 * Math.exp((2.7737 - 2.7672) / slope);
    assert.ok(close(chord.multiplier, 10e9 / dStar));
    assert.ok(close(chord.multiplier, 1.40151, 1e-5));
    assert.equal(chord.inFit, false);
    // the 10B Muon curve (2.80 at 7e9, 2.76 at 9e9) crosses 2.7737 at 7e9 + 2e9 * 0.0263 / 0.04 = 8.315e9
    const crossing = pts.find((x) => x.id === "1.5B_muon_vs_adamw_crossing")!;
    assert.ok(close(crossing.multiplier, 10e9 / 8.315e9));
    assert.equal(crossing.pair, PAIR_OPTIMIZER);
  });
  it("pairs the 350M point with the track-1 record current at its date", () => {
    const pts = points().points;
    const p124 = pts.find((x) => x.id === "124M_vs_llmc_2025-01")!;
    assert.equal(p124.vintage, "2024-10-15");
    assert.ok(close(p124.multiplier, 2.5e9 / 430e6));
    assert.ok(close(p124.lo, 2.5e9 / 440e6) && close(p124.hi, 2.5e9 / 420e6));
    assert.equal(p124.pair, PAIR_RECIPE);
    const p350 = pts.find((x) => x.id === "350M_vs_llmc_2025-01")!;
    assert.equal(p350.lowerBound, true);
    assert.ok(close(p350.multiplier, 30e9 / 3.7e9));
    // hi: the baseline continued from its final 2.93 to 2.92 at Chinchilla's (Epoch) data slope beta B D^-beta
    const slope = 0.3658 * 2085.43 * Math.pow(30e9, -0.3658);
    assert.ok(close(p350.hi, (30e9 * Math.exp(0.01 / slope)) / 3.7e9));
    assert.match(p350.caveat, /Chinchilla/);
  });
  it("keeps non-comparable points (cost on other data, other hardware) out of the fit", () => {
    const pts = points().points;
    const cost = pts.find((x) => x.id === "1.5B_cost_vs_llmc")!;
    assert.ok(close(cost.multiplier, 576 / 233));
    assert.equal(cost.comparable, false);
    assert.equal(cost.inFit, false);
    assert.ok(close(pts.find((x) => x.id === "gpt2xl_nanochat_vs_gpt2_2019")!.multiplier, 604800 / 5940));
  });
  it("reports missing scale points with their reasons instead of rows", () => {
    const inp = loadFixture();
    const recordCompute = computeRecordCompute(inp.records, computeRunsToTarget(inp));
    const r = buildScalePoints({ recordCompute, records: inp.records, runs: inp.runs.filter((x) => x.role !== "scaleup"), evals: inp.evals });
    assert.equal(r.points.find((x) => x.id.startsWith("1.5B_muon")), undefined);
    assert.match(r.missing.find((m) => m.id === "1.5B_muon_vs_adamw")!.reason, /ScaleUp1B runs/);
    // the fixture has no 2.67B-token record run, so the 124M optimizer point is missing too, with its reason
    assert.match(r.missing.find((m) => m.id === "124M_muon_vs_adamw_crossing")!.reason, /2673868800 tokens/);
  });
  it("fits a common slope with free pair intercepts: the pooled within-pair slope, 1 dof with 2 pairs of 2", () => {
    const pts = [pt("a", 1e8, 10, "p"), pt("b", 1e9, 5, "p"), pt("c", 1e8, 2, "q"), pt("d", 1e10, 1.5, "q")];
    const f = pairedFit(pts, "params", "log")!;
    const sp = Math.log(5 / 10) / 1;
    const sq = Math.log(1.5 / 2) / 2;
    assert.ok(close(f.pairSlopes.p, sp) && close(f.pairSlopes.q, sq));
    // within-pair Sxx: 0.5 and 2; Sxy: 0.5 sp and 2 sq
    assert.ok(close(f.slope, (0.5 * sp + 2 * sq) / 2.5));
    assert.equal(f.dof, 1);
    const ll = pairedFit(pts, "params", "loglog")!;
    assert.ok(close(ll.pairSlopes.p, Math.log(Math.log(5) / Math.log(10))));
  });
  it("carries the anchor along the slope, flags extrapolations and never goes below 1x in the ln ln model", () => {
    const pts = [pt("a", 1e8, 10, "p"), pt("b", 1e9, 5, "p"), pt("c", 1e8, 2, "q"), pt("d", 1e10, 1.5, "q")];
    const { fit } = fitScaleTrend(pts, "params");
    const ex = extrapolateScale(fit, { x: 8, multiplier: 20, label: "anchor" }, "params", [1e9, 1e12]);
    assert.ok(close(ex[1].multiplier, Math.exp(Math.exp(Math.log(Math.log(20)) + fit!.slope * 4))));
    assert.equal(ex[0].extrapolated, false);
    assert.equal(ex[1].extrapolated, true);
    assert.match(ex[1].reason, /beyond the fitted range/);
    assert.ok(ex.every((e) => (e.lo as number) > 1 && (e.bandLo as number) <= (e.multiplier as number) && (e.multiplier as number) <= (e.bandHi as number)));
  });
  it("hindcasts the 1.5B point from the 124M -> 350M slope and scores the log error", () => {
    const pts = [pt("124r", 124e6, 12, PAIR_RECIPE), pt("350r", 350e6, 8, PAIR_RECIPE), pt("124o", 124e6, 1.2, PAIR_OPTIMIZER), pt("1.5o", 1.55e9, 1.15, PAIR_OPTIMIZER)];
    const h = hindcastScale(pts, "log");
    const slope = Math.log(8 / 12) / Math.log10(350 / 124);
    const pred = Math.log(1.2) + slope * Math.log10(1.55e9 / 124e6);
    assert.ok(close(h.meanAbsLog10Error, Math.abs(pred - Math.log(1.15)) / Math.LN10));
  });
  it("writes a verdict sentence from the numbers, with a material-gain threshold the ln ln model can fail", () => {
    const pts = [pt("a", 1e8, 10, "p"), pt("b", 1e9, 5, "p"), pt("c", 1e8, 2, "q"), pt("d", 1e10, 1.5, "q")];
    const { fit, summary } = fitScaleTrend(pts, "params");
    const ex = extrapolateScale(fit, { x: 8, multiplier: 20, label: "anchor" }, "params", [1e12]);
    const v = scaleVerdict(pts, summary, ex);
    assert.match(v.sentence, /^Same-vintage pairs \(10\.0x at 100M -> 5\.00x at 1B; 2\.00x at 100M -> 1\.50x at 10B\)/);
    assert.doesNotMatch(v.sentence, /NaN|Infinity/);
    assert.equal(MATERIAL_MULTIPLIER, 1.1);
    assert.ok(["persists", "vanishes", "undetermined"].includes(v.fateAtLargest));
  });
});
