import { strict as assert } from "node:assert";
import { compareModels, computeOptimalAllocation, computeToReachLoss, fitModel, predictModel } from "../../src/index";
import { logspace, synthetic } from "./helpers";

describe("derived quantities", () => {
  const chinX = logspace(7.5, 10, 8).flatMap((n) => logspace(9, 11.5, 8).map((d) => [n, d]));
  const truth = [1.69, 406.4, 410.7, 0.34, 0.28];
  const chin = fitModel("chinchilla", { x: chinX, y: synthetic("chinchilla", truth, chinX) }, { workers: 1 });

  it("puts the compute-optimal allocation at the minimum of the fitted loss along C = 6 N D", () => {
    const flops = 5.76e23;
    const alloc = computeOptimalAllocation(chin, flops);
    const nOpt = alloc.params.value!;
    const lossAt = (n: number) => predictModel(chin, [n, flops / (6 * n)]);
    // A brute-force scan over N (log-spaced) finds nothing lower than the closed form.
    const best = logspace(Math.log10(nOpt) - 1, Math.log10(nOpt) + 1, 2001).reduce((a, n) =>
      lossAt(n) < lossAt(a) ? n : a,
    );
    assert.ok(Math.abs(best / nOpt - 1) < 0.003, `scan ${best} vs closed form ${nOpt}`);
    assert.ok(lossAt(nOpt) <= lossAt(nOpt * 1.01) && lossAt(nOpt) <= lossAt(nOpt / 1.01));
    assert.equal(alloc.params.ci, null, "no bootstrap, no interval");
  });

  it("finds the input at which a power law reaches a target loss (closed form (A / (L - E))^(1/alpha))", () => {
    const x = logspace(15, 20, 30).map((v) => [v]);
    const r = fitModel(
      "power",
      { x, y: synthetic("power", [2.5, 3000, 0.2], x) },
      { workers: 1, bootstrap: { resamples: 50, seed: 1 } },
    );
    const d = computeToReachLoss(r, 3.0);
    const closed = Math.pow(3000 / 0.5, 1 / 0.2);
    assert.ok(Math.abs(d.value! / closed - 1) < 1e-6, `${d.value} vs ${closed}`);
    assert.ok(d.ci !== null && d.ci[0] <= d.value! * (1 + 1e-9) && d.value! <= d.ci[1] * (1 + 1e-9));
    const below = computeToReachLoss(r, 2.4);
    assert.equal(below.value, null);
    assert.match(below.reason!, /^target loss 2.4 is at or below the fitted floor E = 2\.(5|4999)/);
  });

  it("finds the compute at which the compute-optimal Chinchilla loss reaches a target", () => {
    const d = computeToReachLoss(chin, 2.2);
    const alloc = computeOptimalAllocation(chin, d.value!);
    const loss = predictModel(chin, [alloc.params.value!, alloc.tokens.value!]);
    assert.ok(Math.abs(loss - 2.2) < 1e-9, `loss at the returned compute: ${loss}`);
  });

  it("prefers the broken power law on bent data by AIC, with leave-one-out errors for every form", () => {
    const x = logspace(15, 21, 60).map((v) => [v]);
    const y = synthetic("broken_power", [2, 1000, 0.15, 0.4, 1e18, 0.3], x, 0.002, 4);
    const rows = compareModels(["power", "kaplan", "broken_power"], { x, y }, { workers: 1, holdoutLargest: 10 });
    assert.equal(rows[0].model, "broken_power");
    assert.equal(rows[0].deltaAic, 0);
    for (const r of rows.slice(1)) assert.ok(r.deltaAic > 10, `${r.model}: delta AIC ${r.deltaAic}`);
    for (const r of rows) assert.ok(r.looRmse !== null && r.looRmse > 0, `${r.model}: ${r.looRmse}`);
    for (const r of rows.slice(1))
      assert.ok(rows[0].looRmse! < r.looRmse!, `held-out error agrees with AIC (${r.model})`);
    for (const r of rows)
      assert.ok(r.holdoutRmse !== null && r.holdoutRmse > 0, `${r.model}: holdout ${r.holdoutRmse}`);
    assert.throws(
      () => compareModels(["power"], { x, y }, { holdoutLargest: 60 }),
      /^Error: invalid option holdoutLargest: 60 \(expected an integer in \[1, 59\]\)$/,
    );
  });
});
