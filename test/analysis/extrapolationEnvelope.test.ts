import assert from "node:assert/strict";
import { allPairsShrink, ENVELOPE_RULE, envelopeRow, extrapolationEnvelope } from "../../src/analysis/extrapolationEnvelope";
import { extrapolateScale, fitScaleTrend } from "../../src/analysis/scaleTrend";
import type { ExtrapolationRow, ScalePoint, ScaleTrendFit } from "../../src/analysis/types";
import { close } from "./fixture";

const row = (over: Partial<ExtrapolationRow>): ExtrapolationRow => ({
  axis: "flops", model: "loglog", params: null, flops: 1e25, anchorMultiplier: 20, retention: null, multiplier: 3,
  lo: 2, hi: 4, bandLo: 2.8, bandHi: 3.2, extrapolated: true, reason: "", ...over,
});
const fit = (model: "loglog" | "log", slopes: number[], axis: "params" | "flops" = "flops"): ScaleTrendFit => ({
  axis, model, n: 4, pairs: slopes.length, dof: 1, pairSlopes: Object.fromEntries(slopes.map((b, i) => [`p${i}`, b])), residualSd: 0.1,
  slopePerDecade: -0.1, slopeLo: null, slopeHi: null, xMin: 1, xMax: 10, reason: "",
});
function pt(id: string, params: number, multiplier: number, pair: string): ScalePoint {
  return { id, params, flops: params * 1e10, multiplier, lo: null, hi: null, metric: "", vintage: null, baseline: "", comparable: true, pair, inFit: true, lowerBound: false, caveat: "", source: "" };
}

describe("extrapolationEnvelope", () => {
  it("takes the union of the ln ln M 95% PI and both models' pair-slope bands, naming the component behind each end", () => {
    const e = envelopeRow(row({}), row({ model: "log", multiplier: 10, lo: 1e-5, hi: 1e6, bandLo: 2.5, bandHi: 15 }), true);
    assert.deepEqual([e.envelopeLo, e.envelopeHi, e.envelopeLoFrom, e.envelopeHiFrom, e.cappedAtAnchor], [2, 15, "ln ln M 95% PI", "ln M pair-slope band", false]);
    assert.deepEqual([e.centralLogModel, e.bandLoLogModel, e.bandHiLogModel, e.piLoLogModel, e.piHiLogModel], [10, 2.5, 15, 1e-5, 1e6]);
    // the headline's own fields keep their meaning
    assert.deepEqual([e.multiplier, e.lo, e.hi, e.bandLo, e.bandHi], [3, 2, 4, 2.8, 3.2]);
  });
  it("leaves the ln M model's 95% PI out of the envelope (t with 1 dof makes it span many decades)", () => {
    const e = envelopeRow(row({}), row({ model: "log", lo: 1e-6, hi: 1e8, bandLo: 1.5, bandHi: 5 }), false);
    assert.deepEqual([e.envelopeLo, e.envelopeHi], [1.5, 5]);
  });
  it("caps the upper end at the 124M anchor only when told every pair shrinks", () => {
    const wide = row({ hi: 2000 });
    const capped = envelopeRow(wide, null, true);
    assert.deepEqual([capped.envelopeHi, capped.envelopeHiFrom, capped.cappedAtAnchor], [20, "124M anchor cap", true]);
    const uncapped = envelopeRow(wide, null, false);
    assert.deepEqual([uncapped.envelopeHi, uncapped.envelopeHiFrom, uncapped.cappedAtAnchor], [2000, "ln ln M 95% PI", false]);
  });
  it("does not floor the lower end: below 1x stays (the recipe could be worse than its baseline there)", () => {
    const e = envelopeRow(row({}), row({ model: "log", bandLo: 0.68, bandHi: 21 }), true);
    assert.equal(e.envelopeLo, 0.68);
    assert.equal(e.envelopeHi, 20);
  });
  it("keeps the central estimate inside the envelope when components are missing", () => {
    const e = envelopeRow(row({ lo: null, hi: null, bandLo: null, bandHi: null }), null, true);
    assert.deepEqual([e.envelopeLo, e.envelopeHi], [null, null]);
    const only = envelopeRow(row({ lo: null, hi: null, bandLo: 3.5, bandHi: 4 }), null, false);
    assert.deepEqual([only.envelopeLo, only.envelopeHi], [3, 4]);
  });
  it("applies the cap on an axis only when every pair shrinks under both models' fits on it", () => {
    assert.equal(allPairsShrink([fit("loglog", [-0.2, -0.1]), fit("log", [-0.3, -0.01])]), true);
    assert.equal(allPairsShrink([fit("loglog", [-0.2, 0.1]), fit("log", [-0.3, -0.01])]), false);
    assert.equal(allPairsShrink([fit("loglog", [])]), false);
    assert.equal(allPairsShrink([]), false);
    const rows = [row({ hi: 50 }), row({ model: "log", bandHi: 30 }), row({ axis: "params", params: 1e12, flops: null, hi: 50 })];
    const shrink = extrapolationEnvelope(rows, [fit("loglog", [-0.2]), fit("log", [-0.2]), fit("loglog", [-0.2], "params"), fit("log", [0.1], "params")]);
    assert.equal(shrink.length, 2, "one envelope row per ln ln M row");
    assert.deepEqual(shrink.map((e) => [e.axis, e.envelopeHi, e.cappedAtAnchor, e.centralLogModel]), [["flops", 20, true, 3], ["params", 50, false, null]]);
    // without the ln M fit on an axis there is no evidence from both models: no cap
    assert.equal(extrapolationEnvelope(rows, [fit("loglog", [-0.2])])[0].envelopeHi, 50);
  });
  it("on a synthetic two-pair fit covers both models' central estimates", () => {
    const pts = [pt("a", 1e8, 10, "p"), pt("b", 1e9, 5, "p"), pt("c", 1e8, 2, "q"), pt("d", 1e10, 1.5, "q")];
    const ll = fitScaleTrend(pts, "params", "loglog");
    const lg = fitScaleTrend(pts, "params", "log");
    const anchor = { x: 8, multiplier: 20, label: "anchor" };
    const rows = [...extrapolateScale(ll.fit, anchor, "params", [1e12]), ...extrapolateScale(lg.fit, anchor, "params", [1e12])];
    const [e] = extrapolationEnvelope(rows, [ll.summary, lg.summary]);
    const log = rows[1];
    assert.ok((e.envelopeLo as number) <= Math.min(e.multiplier as number, log.multiplier as number));
    assert.ok((e.envelopeHi as number) >= Math.max(e.multiplier as number, log.multiplier as number));
    assert.ok(close(e.envelopeLo, Math.min(rows[0].lo as number, rows[0].bandLo as number, log.bandLo as number)));
    assert.equal(e.envelopeHi, 20, "every pair shrinks, so the PI's upper end is capped at the anchor");
  });
  it("states its rule for summary.json", () => {
    assert.match(ENVELOPE_RULE, /union of the ln ln M model's 95% prediction interval and the pair-slope bands/);
    assert.match(ENVELOPE_RULE, /capped at today's 124M multiplier/);
  });
});
