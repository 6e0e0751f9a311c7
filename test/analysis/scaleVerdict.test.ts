import assert from "node:assert/strict";
import { envelopeRow } from "../../src/analysis/extrapolationEnvelope";
import { certaintyOf, fateOf, MATERIAL_MULTIPLIER, pairChanges, scaleVerdict, trendOf } from "../../src/analysis/scaleVerdict";
import type { ExtrapolationEnvelopeRow, ScalePoint, ScaleTrendFit } from "../../src/analysis/types";

function pt(id: string, params: number, multiplier: number, pair: string | null, lowerBound = false): ScalePoint {
  return { id, params, flops: params * 1e10, multiplier, lo: null, hi: null, metric: "", vintage: null, baseline: "", comparable: true, pair, inFit: pair !== null, lowerBound, caveat: "", source: "" };
}
/** A headline row at a compute budget with the given envelope (built directly, not through a fit). */
function env(flops: number, multiplier: number, lo: number, hi: number, axis: "params" | "flops" = "flops"): ExtrapolationEnvelopeRow {
  const base = { axis, model: "loglog" as const, params: axis === "params" ? flops : null, flops: axis === "flops" ? flops : null, anchorMultiplier: 24.6, retention: null, multiplier, lo, hi, bandLo: lo, bandHi: hi, extrapolated: true, reason: "" };
  return envelopeRow(base, { ...base, model: "log", multiplier: multiplier * 2 }, false);
}
const shrinking = [pt("a", 124e6, 12.3, "recipe"), pt("b", 350e6, 8.13, "recipe", true), pt("c", 124e6, 1.18, "muon", true), pt("d", 1.55e9, 1.14, "muon", true)];
const proseWords = (s: string) => s.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w)).length;

describe("scaleVerdict", () => {
  it("writes one short sentence from the numbers: shrink, not vanished, likely, an order of magnitude", () => {
    const v = scaleVerdict(shrinking, [env(1e25, 2.64, 1.72, 20.6), env(1e26, 2.29, 1.21, 20.1), env(1e12, 3, 0.68, 24.6, "params")]);
    assert.equal(v.sentence, "The 124M gains shrink with scale but have not vanished: every same-vintage pair is smaller at the larger model "
      + "(12.3x -> >=8.13x at 350M; >=1.18x -> >=1.14x at 1.55B); carried to 1e26 FLOP, today's 24.6x becomes about 2.3x "
      + "(envelope 1.2x-20x), so a frontier gain is likely, its size uncertain by an order of magnitude.");
    assert.ok(proseWords(v.sentence) <= 45, `${proseWords(v.sentence)} words`);
    assert.deepEqual([v.trend, v.fateAtLargest, v.certainty], ["shrinks", "persists", "uncertain by an order of magnitude"]);
    assert.equal(v.detail.atLargestBudget!.at, 1e26);
    assert.equal(v.detail.atLargestParams!.fate, "may vanish");
    assert.match(v.detail.text, /at 1T parameters .* envelope 0\.680x/);
  });
  it("classifies the trend from each pair's own change: shrinks, grows, mixed, unknown", () => {
    assert.equal(trendOf(pairChanges(shrinking)), "shrinks");
    assert.equal(trendOf(pairChanges([pt("a", 1e8, 2, "p"), pt("b", 1e9, 3, "p")])), "grows");
    assert.equal(trendOf(pairChanges([pt("a", 1e8, 2, "p"), pt("b", 1e9, 3, "p"), pt("c", 1e8, 5, "q"), pt("d", 1e9, 4, "q")])), "mixed");
    assert.equal(trendOf(pairChanges([pt("a", 1e8, 2, null), pt("b", 1e9, 3, "p")])), "unknown");
  });
  it("judges the fate at the largest budget from the envelope's ends, with 1.1x as the material threshold", () => {
    assert.equal(MATERIAL_MULTIPLIER, 1.1);
    assert.equal(fateOf(1.11, 20), "persists");
    assert.equal(fateOf(1.1, 20), "may be negligible");
    assert.equal(fateOf(1, 20), "may be negligible");
    assert.equal(fateOf(0.99, 20), "may vanish");
    assert.equal(fateOf(0.5, 1.09), "vanishes");
  });
  it("states certainty as orders of magnitude, a factor, or known within a factor", () => {
    assert.equal(certaintyOf(1.2, 20), "uncertain by an order of magnitude");
    assert.equal(certaintyOf(0.01, 20), "uncertain by 3 orders of magnitude");
    assert.equal(certaintyOf(2, 9), "uncertain by a factor of 4.5");
    assert.equal(certaintyOf(2, 3), "known within a factor of 1.5");
  });
  it("words each fate branch in the sentence", () => {
    const at = (lo: number, hi: number) => scaleVerdict(shrinking, [env(1e26, Math.max(lo, 1.05), lo, hi)]).sentence;
    assert.match(at(1.05, 3), /so a frontier gain is possible but may be negligible, its size uncertain by a factor of 2\.9\.$/);
    assert.match(at(0.7, 21), /so the gain may vanish at the frontier, its size uncertain by an order of magnitude\.$/);
    assert.match(at(0.9, 1.08), /so no material frontier gain is expected, its size known within a factor of 1\.2\.$/);
  });
  it("words the trend branches and a pair that has already vanished", () => {
    const grows = scaleVerdict([pt("a", 1e8, 2, "p"), pt("b", 1e9, 3, "p")], [env(1e26, 4, 3, 5)]);
    assert.match(grows.sentence, /^The 124M gains grow with scale: every same-vintage pair is larger at the larger model \(2\.00x -> 3\.00x at 1B\)/);
    const mixed = scaleVerdict([pt("a", 1e8, 2, "p"), pt("b", 1e9, 3, "p"), pt("c", 1e8, 5, "q"), pt("d", 1e9, 4, "q")], [env(1e26, 2, 1.5, 3)]);
    assert.match(mixed.sentence, /^The 124M gains do not move consistently with scale but have not vanished: the same-vintage pairs disagree/);
    const gone = scaleVerdict([pt("a", 1e8, 2, "p"), pt("b", 1e9, 0.9, "p")], [env(1e26, 1.01, 0.5, 1.05)]);
    assert.match(gone.sentence, /^The 124M gains shrink with scale and have vanished in at least one pair:/);
    assert.equal(gone.fateAtLargest, "vanishes");
  });
  it("says it cannot tell without pairs or without a compute-axis envelope", () => {
    const none = scaleVerdict([pt("a", 1e8, 2, null)], [env(1e26, 2, 1.5, 3)]);
    assert.deepEqual([none.trend, none.fateAtLargest], ["unknown", "undetermined"]);
    assert.match(none.sentence, /^Not enough same-vintage pairs/);
    const noBudget = scaleVerdict(shrinking, [env(1e12, 3, 1.5, 20, "params")]);
    assert.equal(noBudget.fateAtLargest, "undetermined");
    assert.match(noBudget.sentence, /could not be carried to a compute budget/);
  });
  it("puts the fitted slopes with their intervals into the long explanation", () => {
    const fit: ScaleTrendFit = { axis: "params", model: "loglog", n: 4, pairs: 2, dof: 1, pairSlopes: { muon: -0.25, recipe: -0.4 }, residualSd: 0.05, slopePerDecade: -0.27, slopeLo: -0.96, slopeHi: 0.42, xMin: 1, xMax: 2, reason: "" };
    const v = scaleVerdict(shrinking, [env(1e26, 2.29, 1.21, 20.1)], [fit]);
    assert.match(v.detail.text, /slope of ln\(ln M\) per decade of parameters -0\.27 \(95% CI -0\.96 to 0\.42, 1 residual dof, not distinguishable from flat; pairs alone: muon -0\.25, recipe -0\.40\)/);
    assert.doesNotMatch(v.sentence + v.detail.text, /NaN|Infinity|undefined/);
  });
});
