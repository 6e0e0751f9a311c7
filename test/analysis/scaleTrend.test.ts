import assert from "node:assert/strict";
import { computeRecordCompute, computeRunsToTarget } from "../../src/analysis/recordCompute";
import { buildScalePoints, extrapolateScale, fitScaleTrend, hindcastScale } from "../../src/analysis/scaleTrend";
import { scaleVerdict } from "../../src/analysis/scaleVerdict";
import { close, loadFixture } from "./fixture";

function points() {
  const inp = loadFixture();
  const recordCompute = computeRecordCompute(inp.records, computeRunsToTarget(inp));
  return buildScalePoints({ recordCompute, records: inp.records, runs: inp.runs, evals: inp.evals });
}

describe("scaleTrend", () => {
  it("computes the 1.5B Muon-vs-AdamW equal-loss multiplier from the three ScaleUp1B runs", () => {
    const p = points().points.find((x) => x.id === "1.5B_muon_vs_adamw")!;
    const slope = (2.7297 - 2.7672) / Math.log(10 / 7.5);
    const dStar = 7.5e9 * Math.exp((2.7737 - 2.7672) / slope);
    assert.ok(close(p.multiplier, 10e9 / dStar));
    assert.ok(close(p.multiplier, 1.40151, 1e-5));
    // the 10B Muon curve crosses 2.7737 at 9e9 - 2e9 * (2.76 - 2.7737) / (2.76 - 2.8)... interpolated: 8.315e9
    assert.ok(close(p.lo, 10e9 / 8.315e9, 1e-9));
    assert.equal(p.inFit, true);
  });
  it("pairs each larger scale with the track-1 record current at its date", () => {
    const pts = points().points;
    const p124 = pts.find((x) => x.id === "124M_vs_llmc_2024-10")!;
    assert.equal(p124.vintage, "2024-10-15");
    assert.ok(close(p124.multiplier, 2.5e9 / 430e6));
    assert.ok(close(p124.lo, 2.5e9 / 440e6) && close(p124.hi, 2.5e9 / 420e6));
    const p350 = pts.find((x) => x.id === "350M_vs_llmc_2025-01")!;
    assert.equal(p350.lowerBound, true);
    assert.ok(close(p350.multiplier, 30e9 / 3.7e9));
  });
  it("keeps non-comparable points (cost on other data, other hardware) out of the fit", () => {
    const pts = points().points;
    const cost = pts.find((x) => x.id === "1.5B_cost_vs_llmc")!;
    assert.ok(close(cost.multiplier, 576 / 233));
    assert.equal(cost.comparable, false);
    assert.equal(cost.inFit, false);
    assert.ok(close(pts.find((x) => x.id === "gpt2xl_nanochat_vs_gpt2_2019")!.multiplier, 604800 / 5940));
  });
  it("reports a missing scale point with its reason instead of a row", () => {
    const inp = loadFixture();
    const recordCompute = computeRecordCompute(inp.records, computeRunsToTarget(inp));
    const r = buildScalePoints({ recordCompute, records: inp.records, runs: inp.runs.filter((x) => x.role !== "scaleup"), evals: inp.evals });
    assert.equal(r.points.find((x) => x.id === "1.5B_muon_vs_adamw"), undefined);
    assert.match(r.missing.find((m) => m.id === "1.5B_muon_vs_adamw")!.reason, /ScaleUp1B runs/);
  });
  it("fits ln(multiplier) on log10(params) through the three in-fit points and flags extrapolations", () => {
    const pts = points().points;
    const fit = fitScaleTrend(pts, "params").summary;
    assert.equal(fit.n, 3);
    const inFit = pts.filter((p) => p.inFit);
    const x = inFit.map((p) => Math.log10(p.params));
    const y = inFit.map((p) => Math.log(p.multiplier as number));
    const xm = x.reduce((a, b) => a + b) / 3;
    const ym = y.reduce((a, b) => a + b) / 3;
    const slope = x.reduce((s, xi, i) => s + (xi - xm) * (y[i] - ym), 0) / x.reduce((s, xi) => s + (xi - xm) ** 2, 0);
    assert.ok(close(fit.slopePerDecade, slope));
    const ex = extrapolateScale(pts, "params", [7e9, 1e12]);
    assert.ok(ex.every((e) => e.extrapolated && /beyond the fitted range/.test(e.reason)));
    assert.ok(ex.every((e) => (e.bandLo as number) <= (e.multiplier as number) && (e.bandHi as number) >= (e.multiplier as number)));
    assert.ok(ex.every((e) => (e.bandLo as number) < (e.bandHi as number)));
    // 1 residual degree of freedom: the 1T interval spans more than a factor 100
    assert.ok((ex[1].hi as number) / (ex[1].lo as number) > 100);
  });
  it("hindcasts 1.5B from the 124M and 350M points and scores the log error", () => {
    const pts = points().points;
    const h = hindcastScale(pts, 400e6);
    assert.equal(h.nFit, 2);
    assert.equal(h.nScored, 1);
    const a = pts.find((p) => p.id === "124M_vs_llmc_2024-10")!;
    const b = pts.find((p) => p.id === "350M_vs_llmc_2025-01")!;
    const c = pts.find((p) => p.id === "1.5B_muon_vs_adamw")!;
    const slope = (Math.log(b.multiplier!) - Math.log(a.multiplier!)) / (Math.log10(b.params) - Math.log10(a.params));
    const pred = Math.log(a.multiplier!) + slope * (Math.log10(c.params) - Math.log10(a.params));
    assert.ok(close(h.meanAbsLog10Error, Math.abs(pred - Math.log(c.multiplier!)) / Math.LN10));
  });
  it("writes a verdict sentence from the numbers", () => {
    const pts = points().points;
    const v = scaleVerdict(pts, fitScaleTrend(pts, "params").summary, extrapolateScale(pts, "params", [7e9, 1e12]));
    assert.match(v.sentence, /^Equal-loss multipliers over an AdamW baseline go from 5\.81x at 124M to 1\.40x at 1\.55B;/);
    assert.equal(v.fateAtLargest, "undetermined");
    assert.match(v.sentence, /1T parameters/);
    assert.doesNotMatch(v.sentence, /NaN|Infinity/);
  });
});
