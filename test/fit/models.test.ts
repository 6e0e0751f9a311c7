import { strict as assert } from "node:assert";
import { fitModel, getModel, modelNames, predictModel } from "../../src/index";
import { mulberry32 } from "../../src/fit/random";
import { logspace, synthetic } from "./helpers";

// Truths in natural form, with inputs in realistic units (FLOPs, tokens, N and D).
const cases: Record<string, { natural: number[]; x: number[][] }> = {
  power: { natural: [2.5, 3000, 0.2], x: logspace(15, 20, 40).map((v) => [v]) },
  chinchilla: {
    natural: [1.69, 406.4, 410.7, 0.34, 0.28],
    x: logspace(7.5, 10, 8).flatMap((n) => logspace(9, 11.5, 8).map((d) => [n, d])),
  },
  kaplan: { natural: [3.1e8, 0.05], x: logspace(-3, 4, 40).map((v) => [v]) },
  broken_power: { natural: [2, 1000, 0.15, 0.2, 1e18, 0.5], x: logspace(15, 21, 60).map((v) => [v]) },
};

describe("scaling-law models", () => {
  it("has a test case for every registered model", () => {
    assert.deepEqual([...modelNames].sort(), Object.keys(cases).sort());
  });

  for (const name of modelNames) {
    const { natural, x } = cases[name];
    const spec = getModel(name);

    it(`${name}: analytic Jacobian matches central finite differences`, () => {
      const rng = mulberry32(7);
      const cols = spec.inputs.map((_, j) => Float64Array.from(x, (r) => Math.log(r[j])));
      const n = x.length;
      const p = spec.paramNames.length;
      for (let trial = 0; trial < 5; trial++) {
        const theta = spec.fromNatural(natural).map((v) => v + (rng() - 0.5) * 0.2);
        const pred = new Float64Array(n);
        const jac = new Float64Array(n * p);
        spec.logPredict(theta, { cols, n }, pred, jac);
        for (let j = 0; j < p; j++) {
          const h = 1e-6 * Math.max(1, Math.abs(theta[j]));
          const up = theta.slice();
          const dn = theta.slice();
          up[j] += h;
          dn[j] -= h;
          const pu = new Float64Array(n);
          const pd = new Float64Array(n);
          spec.logPredict(up, { cols, n }, pu, null);
          spec.logPredict(dn, { cols, n }, pd, null);
          for (let i = 0; i < n; i++) {
            const fd = (pu[i] - pd[i]) / (2 * h);
            assert.ok(
              Math.abs(fd - jac[i * p + j]) <= 1e-6 * Math.max(1, Math.abs(fd)),
              `${spec.internalNames[j]} at point ${i}: analytic ${jac[i * p + j]} vs finite difference ${fd}`,
            );
          }
        }
      }
    });

    it(`${name}: natural and internal parameters round-trip`, () => {
      const back = spec.toNatural(spec.fromNatural(natural));
      back.forEach((v, j) =>
        assert.ok(
          Math.abs(v - natural[j]) <= 1e-12 * Math.abs(natural[j]),
          `${spec.paramNames[j]}: ${v} vs ${natural[j]}`,
        ),
      );
    });

    for (const loss of ["ls", "ls_log", "huber:1e-3"] as const) {
      it(`${name}: recovers the parameters of noiseless data exactly (loss ${loss})`, () => {
        const y = synthetic(name, natural, x);
        const r = fitModel(name, { x, y }, { loss: loss === "huber:1e-3" ? { huber: 1e-3 } : loss, workers: 1 });
        assert.notEqual(r.status, "failed", r.reason);
        spec.paramNames.forEach((pn, j) => {
          assert.ok(
            Math.abs(r.params[pn] - natural[j]) <= 1e-6 * Math.abs(natural[j]),
            `${pn}: fitted ${r.params[pn]} vs true ${natural[j]}`,
          );
        });
        assert.ok(r.objective < 1e-20, `objective ${r.objective}`);
        const yHat = predictModel(r, x[3]);
        assert.ok(Math.abs(yHat - y[3]) < 1e-9 * y[3], `prediction ${yHat} vs ${y[3]}`);
      });
    }

    it(`${name}: recovers the parameters of noisy data within 4 standard errors (0.5% log-normal noise, Huber)`, () => {
      const y = synthetic(name, natural, x, 0.005, 11);
      const r = fitModel(name, { x, y }, { workers: 1 });
      assert.notEqual(r.status, "failed", r.reason);
      spec.paramNames.forEach((pn, j) => {
        const se = r.se[pn];
        assert.ok(se !== null && se > 0, `${pn}: SE ${se}`);
        assert.ok(
          Math.abs(r.params[pn] - natural[j]) <= 4 * se!,
          `${pn}: fitted ${r.params[pn]} +- ${se} vs true ${natural[j]}`,
        );
      });
    });
  }
});
