import { strict as assert } from "node:assert";
import { attributionWaterfallFigure } from "../../src/plot/attributionWaterfallFigure";
import { forecastScoresFigure } from "../../src/plot/forecastScoresFigure";
import { segmentedTrendFigure } from "../../src/plot/segmentedTrendFigure";
import { assertSnapshot } from "../helpers/snapshot";

// First track-1 records (RECORDS.md), minutes; the lines are illustrative end points.
const trend = {
  label: "track1 record time (minutes)",
  points: [
    { date: "2024-05-28", value: 45 },
    { date: "2024-06-06", value: 31.4 },
    { date: "2024-10-11", value: 22.3 },
    { date: "2024-11-03", value: 10.8 },
  ],
  single: [
    { date: "2024-05-28", value: 40 },
    { date: "2024-11-03", value: 12 },
  ],
  segmented: [
    { date: "2024-05-28", value: 44 },
    { date: "2024-10-01", value: 24 },
    { date: "2024-11-03", value: 11 },
  ],
  singleLabel: "one exponential",
  segmentedLabel: "with a break",
  breakLo: "2024-09-01",
  breakHi: "2024-10-20",
};
// Rolling-origin scores in the shape rollingForecastScores returns.
const scores = [
  { method: "exponential", horizonMonths: 3, meanAbsLog10Error: 0.42, coverage95: 0.63, n: 19 },
  { method: "persistence", horizonMonths: 3, meanAbsLog10Error: 0.12, coverage95: 0.95, n: 19 },
  { method: "exponential", horizonMonths: 6, meanAbsLog10Error: 0.7, coverage95: 0.5, n: 16 },
  { method: "persistence", horizonMonths: 6, meanAbsLog10Error: 0.2, coverage95: 1, n: 16 },
];
const parts = [
  { label: "architecture", factor: 3.59, lo: 3.57, hi: 3.63 },
  { label: "optimizer", factor: 1.41 },
  { label: "systems", factor: 0.94 },
];

describe("rate figures: segmented trend, forecast scores, attribution waterfall", () => {
  it("segmentedTrendFigure matches the committed snapshot", () =>
    assertSnapshot(__dirname, "segmentedTrendFigure", segmentedTrendFigure(trend)));
  it("forecastScoresFigure matches the committed snapshot", () =>
    assertSnapshot(__dirname, "forecastScoresFigure", forecastScoresFigure(scores)));
  it("attributionWaterfallFigure matches the committed snapshot", () =>
    assertSnapshot(__dirname, "attributionWaterfallFigure", attributionWaterfallFigure(parts)));

  it("shades the break interval and draws the hinge through three points", () => {
    const fig = segmentedTrendFigure(trend);
    assert.deepEqual(
      (fig.layout.shapes as { x0: string; x1: string }[]).map((s) => [s.x0, s.x1]),
      [["2024-09-01", "2024-10-20"]],
    );
    assert.equal((fig.data[2].x as string[]).length, 3);
  });

  it("steps the waterfall in log10 and totals the product", () => {
    const fig = attributionWaterfallFigure(parts);
    const y = fig.data[0].y as number[];
    assert.ok(Math.abs(y[0] - Math.log10(3.59)) < 1e-15);
    assert.equal((fig.data[0].text as string[])[3], `${(3.59 * 1.41 * 0.94).toPrecision(3)}x`);
    assert.equal((fig.data[0].text as string[])[0], "3.59x (3.57-3.63)");
    // Each step floats from the running total; the total bar stands on 1x; connectors join the steps at that total.
    const base = fig.data[0].base as number[];
    assert.deepEqual(
      base.map((b) => b.toFixed(12)),
      [0, Math.log10(3.59), Math.log10(3.59 * 1.41), 0].map((b) => b.toFixed(12)),
    );
    assert.ok(Math.abs(y[3] - Math.log10(3.59 * 1.41 * 0.94)) < 1e-15);
    assert.ok(y[2] < 0, "a factor below 1 steps down");
    const levels = (fig.layout.shapes as { y0: number }[]).map((c) => c.y0.toFixed(12));
    assert.deepEqual(
      levels,
      [Math.log10(3.59), Math.log10(3.59 * 1.41), Math.log10(3.59 * 1.41 * 0.94)].map((b) => b.toFixed(12)),
    );
  });

  it("rejects bad input naming builder, part and value", () => {
    assert.throws(
      () => attributionWaterfallFigure([{ label: "data", factor: 0 }]),
      new RegExp(
        String.raw`^Error: attributionWaterfallFigure: part 0 \("data"\) has factor = 0 \(expected ` +
          String.raw`a positive finite number \(log axis\)\)$`,
      ),
    );
    assert.throws(
      () => segmentedTrendFigure({ ...trend, points: [{ date: "2024/05/28", value: 45 }] }),
      /^Error: segmentedTrendFigure: series point 0 has date "2024\/05\/28" \(expected YYYY-MM-DD\)$/,
    );
    assert.throws(
      () =>
        forecastScoresFigure([
          { method: "persistence", horizonMonths: 3, meanAbsLog10Error: -1, coverage95: null, n: 1 },
        ]),
      /meanAbsLog10Error = -1/,
    );
  });
});
