import { strict as assert } from "node:assert";
import { extrapolateScaleModel } from "../../src/analysis/extrapolateScaleModel";
import { hindcastScaleModel } from "../../src/analysis/hindcastScaleModel";
import { scaleDependence, scaleDependenceJson } from "../../src/analysis/scaleDependence";
import type { ScaleModelFit } from "../../src/analysis/fitScaleModel";
import type { ChangeCategory, MeasurementKind, TransferMeasurement } from "../../src/types";

function row(pairId: string, category: ChangeCategory, scaleLabel: string, flops: number, multiplier: number, kind: MeasurementKind = "estimate"): TransferMeasurement {
  return {
    pairId, innovation: pairId, category, scaleLabel, nParamsMatmul: null, flopsPerToken: null, flops, targetLoss: null, targetRule: "",
    multiplier, lo: null, hi: null, kind, logSd: null, origin: "logs", method: "synthetic", source: "test", note: "",
  };
}

describe("scaleDependence", function () {
  this.timeout(20000);
  it("says not identified everywhere when the larger scales hold only bounds", () => {
    const logs = [
      row("a", "optimizer", "124M", 1e18, 3, "lower_bound"), row("a", "optimizer", "1.5B", 1e20, 2, "lower_bound"),
      row("b", "recipe", "124M", 1e18, 12), row("b", "recipe", "350M", 1e19, 8, "lower_bound"),
      row("b2", "recipe", "124M", 2e18, 5, "lower_bound"), row("b2", "recipe", "350M", 2e19, 4, "lower_bound"),
    ];
    const d = scaleDependence({ logs, literature: [], recipeAnchor: null });
    assert.deepEqual(d.logsOnly.boundsOnlyPairs, ["a", "b2"]);
    assert.equal(d.headline.fit.nPairs, 1);
    assert.equal(d.headline.trend, "not identified");
    assert.equal(d.headline.byCategory.find((c) => c.category === "optimizer")?.trend, "not identified");
    assert.equal(d.recipeTrend, "not identified");
    const json = scaleDependenceJson(d) as { scale_dependence: { n_censored: number } };
    assert.equal(json.scale_dependence.n_censored, 1);
  });
  it("finds a shrinking trend when every pair shrinks by the same factor, and predicts with it", () => {
    const logs: TransferMeasurement[] = [];
    for (const [i, m0] of [[0, 4], [1, 2], [2, 8], [3, 3], [4, 6]] as const)
      for (const [label, x] of [["124M", 18], ["350M", 19], ["1.5B", 20]] as const)
        logs.push(row(`p${i}`, i < 3 ? "optimizer" : "recipe", label, 10 ** (x + 0.1 * i), m0 * Math.exp(-0.3 * (x - 18) + 0.01 * ((i * 7 + x) % 3 - 1))));
    const d = scaleDependence({ logs, literature: [], recipeAnchor: { label: "today", flops: 1e18, multiplier: 10, logSd: null } });
    assert.equal(d.headline.trend, "shrinks");
    assert.ok(Math.abs((d.headline.fit.slope.estimate as number) - -0.3) < 0.01);
    assert.equal(d.hindcast.status, "ok");
    assert.equal(d.hindcast.winner, "model");
    assert.ok(d.prediction !== null && d.prediction.multiplier !== null && d.prediction.multiplier < 10);
    assert.equal(d.prediction?.registeredOn, "2026-11-29");
    assert.equal(d.extrapolation.filter((e) => e.category === "recipe_today").length, 6);
  });
});

describe("extrapolateScaleModel", () => {
  it("widens the interval with the between-pair spread and the distance from the anchor", () => {
    const fit = { slope: { estimate: -0.1, lo: -0.1 - 1.959963984540054 * 0.05, hi: -0.1 + 1.959963984540054 * 0.05 }, tau: 0.2, sigma: 0.1, reason: "" } as unknown as ScaleModelFit;
    const [r] = extrapolateScaleModel(fit, { label: "a", flops: 1e18, multiplier: 5, logSd: null }, [1e22], "x", "all pairs");
    const sd = Math.sqrt((0.05 ** 2 + 0.04) * 16 + 0.01);
    assert.ok(Math.abs((r.multiplier as number) - 5 * Math.exp(-0.4)) < 1e-12);
    assert.ok(Math.abs((r.hi as number) - 5 * Math.exp(-0.4 + 1.959963984540054 * sd)) < 1e-9);
  });
});

describe("hindcastScaleModel", () => {
  it("reports a 1.5B bound as checked, not scored", () => {
    const logs = [
      row("a", "optimizer", "124M", 1e18, 3), row("a", "optimizer", "350M", 1e19, 2.5), row("a", "optimizer", "1.5B", 1e20, 2, "lower_bound"),
      row("b", "optimizer", "124M", 1e18, 5), row("b", "optimizer", "350M", 1e19, 4),
    ];
    const h = hindcastScaleModel(logs);
    assert.equal(h.status, "not_scorable");
    assert.equal(h.nBoundsChecked, 1);
    assert.equal(h.nScored, 0);
  });
});
