// The rate charts draw the analysis's fitted trends: the halving time a chart shows is the one in the results.
import { strict as assert } from "node:assert";
import { runAnalysis } from "../../src/analysis/runAnalysis";
import { monthsBetween } from "../../src/math/months";
import { segmentedTrendInput } from "../../src/plot/rateSeries";
import { loadFixture } from "../analysis/fixture";

describe("segmentedTrendInput", () => {
  const results = runAnalysis(loadFixture());

  it("draws the lines progressRates fitted, so the chart's halving time is the results' one", () => {
    const rate = results.rates.find((r) => r.track === "track1" && r.metric === "record_time")!;
    const input = segmentedTrendInput(results, "track1");
    const [a, b] = input.single;
    // minutes on the chart; the slope of ln(value) per month gives the halving time.
    const slope = Math.log(b.value / a.value) / monthsBetween(a.date, b.date);
    assert.ok(Math.abs(Math.LN2 / -slope - (rate.estimate as number)) < 0.05 * (rate.estimate as number));
    assert.equal(input.single[0].value, Math.exp(rate.fitted!.line.intercept) / 60);
    assert.equal(input.singleLabel, `one exponential: halving ${rate.estimate!.toFixed(1)} months`);
    assert.equal(input.breakLo, rate.breakLo);
    assert.equal(input.points.length, rate.n);
  });

  it("names the track and metric the analysis fitted no trend for", () => {
    assert.throws(() => segmentedTrendInput(results, "track9"), /no record_time trend for track9/);
  });
});
