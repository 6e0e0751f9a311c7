import { strict as assert } from "node:assert";
import { FLAT_MARGIN_LN_PER_DECADE, perDecadeText, plainTrendWords, trendVerdict } from "../../src/analysis/transferVerdict";

describe("trendVerdict", () => {
  it("says not identified when only bounds were measured (no pair with points at two scales)", () => {
    const v = trendVerdict({ slope: { estimate: 0.5, lo: 0.2, hi: 0.9 }, nPairs: 0 });
    assert.equal(v.trend, "not identified");
    assert.match(v.reason, /bounds alone cannot show a direction/);
  });
  it("says not identified when the profile interval is open on one side", () => {
    assert.equal(trendVerdict({ slope: { estimate: 0.3, lo: 0.1, hi: null }, nPairs: 3 }).trend, "not identified");
  });
  it("says grows only when the whole interval is above zero", () => {
    assert.equal(trendVerdict({ slope: { estimate: 0.3, lo: 0.01, hi: 0.6 }, nPairs: 2 }).trend, "grows");
    assert.equal(trendVerdict({ slope: { estimate: 0.3, lo: -0.01, hi: 0.6 }, nPairs: 2 }).trend, "not identified");
  });
  it("says shrinks when the whole interval is below zero", () => {
    assert.equal(trendVerdict({ slope: { estimate: -0.3, lo: -0.5, hi: -0.02 }, nPairs: 4 }).trend, "shrinks");
  });
  it("says flat only inside the +-ln(1.25) per decade margin", () => {
    assert.equal(FLAT_MARGIN_LN_PER_DECADE, Math.log(1.25));
    assert.equal(trendVerdict({ slope: { estimate: 0, lo: -0.2, hi: 0.2 }, nPairs: 5 }).trend, "flat");
    const wide = trendVerdict({ slope: { estimate: 0, lo: -0.3, hi: 0.2 }, nPairs: 5 });
    assert.equal(wide.trend, "not identified");
    assert.equal(wide.reason, "95% interval [-0.300, 0.200] contains 0 but allows more than a 25% change per decade");
  });
  it("judges flat against the margin it is given (analysis option scaleModel.flatMarginLnPerDecade), and says it", () => {
    const slope = { estimate: 0, lo: -0.2, hi: 0.2 };
    const narrow = trendVerdict({ slope, nPairs: 5 }, Math.log(1.1));
    assert.equal(narrow.trend, "not identified");
    assert.equal(narrow.reason, "95% interval [-0.200, 0.200] contains 0 but allows more than a 10% change per decade");
    const wide = trendVerdict({ slope: { estimate: 0, lo: -0.3, hi: 0.2 }, nPairs: 5 }, Math.log(1.5));
    assert.equal(wide.trend, "flat");
    assert.equal(wide.reason, "95% interval [-0.300, 0.200] contains 0 and lies within +-ln(1.5) per decade");
    assert.equal(trendVerdict({ slope, nPairs: 5 }).reason, "95% interval [-0.200, 0.200] contains 0 and lies within +-ln(1.25) per decade");
    assert.match(plainTrendWords("flat", Math.log(1.1)), /by more than 10% per decade of compute$/);
    assert.throws(() => trendVerdict({ slope, nPairs: 5 }, 0), /^Error: trendVerdict: invalid flat margin 0 \(expected a positive number of ln M per decade\)$/);
  });
  it("puts each trend in plain words, never a direction for not identified", () => {
    assert.equal(plainTrendWords("not identified"), "The data cannot yet tell whether the speedrun's gains grow or shrink with compute");
    assert.equal(plainTrendWords("flat"), "The speedrun's gains look scale-invariant: the multiplier neither grows nor shrinks by more than 25% per decade of compute");
  });
  it("prints the per-decade factor", () => {
    assert.equal(perDecadeText(Math.log(0.8)), "x0.800 per decade");
    assert.equal(perDecadeText(null), "not identified");
  });
});
