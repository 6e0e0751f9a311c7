import { strict as assert } from "node:assert";
import { multiplierVsLossFigure } from "../../src/plot/multiplierVsLossFigure";
import { scaleFanFigure } from "../../src/plot/scaleFanFigure";
import { transferHeadlineFigure } from "../../src/plot/transferHeadlineFigure";
import { transferPairsFigure } from "../../src/plot/transferPairsFigure";
import type { MeasurementKind, TransferMeasurement } from "../../src/types";
import { assertSnapshot } from "../helpers/snapshot";
import { committedSummary, recipeRows, summaryWith } from "../helpers/summary";

function row(
  pairId: string,
  scaleLabel: string,
  flops: number | null,
  multiplier: number | null,
  kind: MeasurementKind,
  origin: "logs" | "literature" = "logs",
): TransferMeasurement {
  return {
    pairId,
    innovation: pairId,
    category: pairId.startsWith("wen") ? "optimizer" : "recipe",
    scaleLabel,
    nParamsMatmul: null,
    flopsPerToken: null,
    flops,
    targetLoss: null,
    targetRule: "",
    multiplier,
    lo: kind === "interval" ? 1.2 : null,
    hi: kind === "interval" ? 1.6 : null,
    kind,
    logSd: null,
    origin,
    method: "",
    source: "",
    note: "",
  };
}

const pairs = [
  row("recipe_2025_01", "124M", 5.4e17, 12.3, "estimate"),
  row("recipe_2025_01", "350M", 8.1e18, 8.13, "lower_bound"),
  row("wen2025", "0.1B", 1.2e18, 1.4, "estimate", "literature"),
  row("wen2025", "1.2B", 1.728e20, 1.1, "interval", "literature"),
  row("context", "n/a", null, 2, "estimate", "literature"),
];

const anchor = { flops: 2.7e17, multiplier: 24.6 };
const fan = [1e21, 1e24, 1e26].map((flops, i) => ({ flops, multiplier: 20 - 4 * i, lo: 5 - i, hi: 40 + 10 * i }));
const summary = summaryWith({
  track1: {
    ...committedSummary().track1,
    flops_ratio: { estimate: anchor.multiplier, lower: null, upper: null, kind: "point" },
  },
  scale_dependence: {
    trend: "not identified",
    measured_from: "124M",
    measured_to: "1.5B",
    recipe_anchor: { flops: anchor.flops, ratio: "flops_ratio" },
  },
  extrapolation: recipeRows(
    fan.map((r) => r.flops),
    (i) => ({ estimate: fan[i].multiplier, lower: fan[i].lo, upper: fan[i].hi }),
  ),
});
/** Today's recipe anchored on an upper bound: only 95% upper limits, no central line. */
const upperSummary = summaryWith({
  track1: {
    ...committedSummary().track1,
    flops_ratio: { estimate: null, lower: null, upper: 20.3, kind: "upper_bound" },
  },
  scale_dependence: {
    trend: "not identified",
    measured_from: "124M",
    measured_to: "1.5B",
    recipe_anchor: { flops: 3.5e17, ratio: "flops_ratio" },
  },
  extrapolation: recipeRows([1e21, 1e24, 1e26], (i) => ({ estimate: null, lower: null, upper: 60 + 100 * i })),
});

describe("transferPairsFigure", () => {
  it("matches the committed snapshot", () => {
    assertSnapshot(__dirname, "transferPairsFigure", transferPairsFigure(pairs));
  });
  it("draws a lower bound as an upward triangle without an error bar, and dots the pair's line", () => {
    // legend names are readable (pairLabel)
    const t = transferPairsFigure(pairs).data.find((d) => String(d.name).startsWith("recipe 2025 01"))!;
    assert.deepEqual((t.marker as { symbol: string[] }).symbol, ["circle", "triangle-up"]);
    assert.deepEqual((t.error_y as { array: number[] }).array, [0, 0]);
    assert.equal((t.line as { dash: string }).dash, "dot");
  });
  it("leaves out rows without compute and says so when none is left", () => {
    assert.equal(transferPairsFigure(pairs).data.length, 2);
    assert.throws(
      () => transferPairsFigure([pairs[4]]),
      /transferPairsFigure: no measurement has both flops and a multiplier \(got 1 rows\)/,
    );
  });
});

describe("scaleFanFigure", () => {
  it("matches the committed snapshot", () => {
    const rows = fan.map((r) => ({
      category: "recipe",
      ...r,
      anchorFlops: anchor.flops,
      anchorMultiplier: anchor.multiplier,
    }));
    assertSnapshot(
      __dirname,
      "scaleFanFigure",
      scaleFanFigure(rows, [{ label: "Wen et al. 1.2B", flops: 1.728e20, multiplier: 1.1 }]),
    );
  });
  it("rejects a row whose interval does not contain its multiplier, naming it", () => {
    assert.throws(
      () => scaleFanFigure([{ category: "x", flops: 1e21, multiplier: 3, lo: 4, hi: 5 }]),
      /scaleFanFigure: category "x" row 0 has lo 4, multiplier 3, hi 5/,
    );
  });
});

describe("transferHeadlineFigure", () => {
  it("matches the committed snapshot", () => {
    assertSnapshot(__dirname, "transferHeadlineFigure", transferHeadlineFigure(summary));
  });
  it("draws only the 95% upper limit (no central line) when today's 124M value is an upper bound", () => {
    const fig = transferHeadlineFigure(upperSummary);
    assert.deepEqual(
      fig.data.map((t) => t.name),
      ["zero", "today's recipe: 95% upper limit", "measured at 124M (at most 20.3×)", "no gain (1×)"],
    );
    assert.deepEqual(fig.data[1].y, [20.3, 60, 160, 260]);
    assert.match(String((fig.layout.title as { text: string }).text), /measured trend, 124M to 1\.5B: not identified/);
  });
  it("says so when the summary carries no extrapolation of today's recipe", () => {
    assert.throws(
      () => transferHeadlineFigure(summaryWith({ extrapolation: [] })),
      /summary.extrapolation has no row with category recipe_today/,
    );
  });
});

describe("multiplierVsLossFigure", () => {
  it("matches the committed snapshot, with a pair's scales sharing a colour and the loss axis reversed", () => {
    const fig = multiplierVsLossFigure([
      {
        label: "recipe @124M",
        group: "recipe",
        points: [
          { loss: 3.4, multiplier: 10 },
          { loss: 3.3, multiplier: 12 },
          { loss: 3.28, multiplier: 14 },
        ],
      },
      {
        label: "recipe @350M",
        group: "recipe",
        points: [
          { loss: 3.0, multiplier: 9 },
          { loss: 2.95, multiplier: 11 },
        ],
      },
    ]);
    assertSnapshot(__dirname, "multiplierVsLossFigure", fig);
    assert.equal((fig.data[0].line as { color: string }).color, (fig.data[1].line as { color: string }).color);
    assert.deepEqual(fig.data[0].x, [3.4, 3.3, 3.28]);
    assert.equal((fig.layout.xaxis as { autorange: string }).autorange, "reversed");
  });
});
