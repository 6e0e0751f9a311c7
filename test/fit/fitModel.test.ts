import { strict as assert } from "node:assert";
import { fitDefaults, fitModel, getModel, shutdownPool } from "../../src/index";
import { logspace, synthetic } from "./helpers";

const x = logspace(15, 20, 30).map((v) => [v]);
const y = synthetic("power", [2.5, 3000, 0.2], x, 0.01, 5);

/** The result without the fields that legitimately differ between runs (timing, thread use). */
function stable(r: ReturnType<typeof fitModel>): string {
  const { seconds: _s, bootstrapSeconds: _b, parallel: _p, ...rest } = r;
  return JSON.stringify(rest);
}

describe("fitModel", () => {
  after(() => shutdownPool());

  it(
    "pins its defaults: Huber 1e-3 on log residuals, default grid, 95% level, screening 4 iterations then 64 " +
      "full solves, all by ml-levenberg-marquardt",
    () => {
      assert.deepEqual(fitDefaults, {
        loss: { huber: 1e-3 },
        grid: "default",
        level: 0.95,
        refineTop: 64,
        screenIterations: 4,
        maxIterations: 500,
        ftol: 1e-13,
        xtol: 1e-11,
        topK: 10,
        keepSamples: true,
        solver: "ml",
      });
      const r = fitModel("power", { x, y }, { workers: 1 });
      assert.equal(r.loss, "huber:0.001");
      assert.equal(r.level, 0.95);
      assert.equal(r.starts.count, 160);
      assert.equal(r.starts.refined, 64);
      assert.equal(r.ci, null);
      assert.equal(r.bootstrap, null);
      assert.equal(r.solvers.screen!.solver, "ml-levenberg-marquardt");
      assert.equal(r.solvers.refine.solver, "ml-levenberg-marquardt");
      assert.equal(r.solvers.polish.solver, "lm-kernel");
      assert.equal(r.solvers.bootstrap, null);
    },
  );

  it("reports parameters, log-form parameters, standard errors, status and the spread of the top starts", () => {
    const r = fitModel("power", { x, y }, { workers: 1 });
    assert.deepEqual(r.paramNames, ["E", "A", "alpha"]);
    assert.deepEqual(Object.keys(r.paramsInternal), ["e", "a", "alpha"]);
    assert.ok(Math.abs(Math.exp(r.paramsInternal.e) - r.params.E) < 1e-12 * r.params.E);
    assert.equal(r.status, "converged");
    assert.ok(r.reason.length > 0);
    assert.ok(r.iterations > 0);
    assert.equal(r.n, 30);
    assert.equal(r.starts.topK, 10);
    assert.ok(r.starts.topObjective[0] <= r.starts.topObjective[1]);
    assert.ok(r.starts.topObjective[0] >= r.objective - 1e-15);
    for (const name of r.paramNames) {
      const [lo, hi] = r.starts.topParams[name];
      assert.ok(lo <= hi);
      assert.ok(typeof r.se[name] === "number" && r.se[name]! > 0);
      assert.ok(typeof r.seRobust[name] === "number" && r.seRobust[name]! > 0);
    }
    assert.ok(Number.isFinite(r.aic) && Number.isFinite(r.bic) && r.bic > r.aic);
  });

  it("gives the same bytes with 1 and 2 worker threads, bootstrap included", () => {
    const opts = { bootstrap: { resamples: 200, seed: 3 } };
    const one = fitModel("power", { x, y }, { ...opts, workers: 1 });
    const two = fitModel("power", { x, y }, { ...opts, workers: 2 });
    assert.equal(one.parallel.threads, 1);
    assert.equal(two.parallel.threads, 2, `worker threads not used: ${two.parallel.note}`);
    assert.equal(stable(one), stable(two));
  });

  it("runs a custom model spec in the calling thread and says why in the result", () => {
    const custom = { ...getModel("power"), name: "my_power" };
    const r = fitModel(custom, { x, y }, { workers: 2 });
    const builtIn = fitModel("power", { x, y }, { workers: 2 });
    assert.equal(r.model, "my_power");
    assert.deepEqual(r.parallel, {
      requested: 2,
      threads: 1,
      note: "custom model specs run in the calling thread (workers look models up by name)",
    });
    assert.deepEqual(r.params, builtIn.params);
  });

  it("gives the same bootstrap for the same seed and a different one for another seed", () => {
    const a = fitModel("power", { x, y }, { bootstrap: { resamples: 100, seed: 1 }, workers: 1 });
    const b = fitModel("power", { x, y }, { bootstrap: { resamples: 100, seed: 1 }, workers: 1 });
    const c = fitModel("power", { x, y }, { bootstrap: { resamples: 100, seed: 2 }, workers: 1 });
    assert.deepEqual(a.ci, b.ci);
    assert.notDeepEqual(a.ci, c.ci);
    assert.equal(a.bootstrap!.samples!.alpha.length, 100);
    const [lo, hi] = a.ci!.alpha;
    assert.ok(lo < a.params.alpha && a.params.alpha < hi, `CI [${lo}, ${hi}] around ${a.params.alpha}`);
  });

  it("honours weights: a zero weight removes a point", () => {
    const yOut = y.slice();
    yOut[10] *= 3;
    const w = y.map((_, i) => (i === 10 ? 0 : 1));
    const dropped = fitModel(
      "power",
      { x: x.filter((_, i) => i !== 10), y: y.filter((_, i) => i !== 10) },
      { workers: 1, loss: "ls_log" },
    );
    const weighted = fitModel("power", { x, y: yOut, weights: w }, { workers: 1, loss: "ls_log" });
    for (const name of dropped.paramNames)
      assert.ok(Math.abs(dropped.params[name] - weighted.params[name]) <= 1e-6 * Math.abs(dropped.params[name]), name);
  });

  it("returns status failed with a reason, never NaN, when no start has a finite objective", () => {
    const tinyX = logspace(-300, -290, 10).map((v) => [v]);
    const r = fitModel("power", { x: tinyX, y: tinyX.map(() => 3) }, { loss: "ls", grid: [[0, 100, 5]], workers: 1 });
    assert.equal(r.status, "failed");
    assert.equal(r.reason, "no start reached a finite objective (1 starts)");
    assert.deepEqual(r.params, {});
    assert.ok(!JSON.stringify(r).includes("NaN"));
  });

  it(
    "solves with ml-levenberg-marquardt by default and reaches the optimum of our own kernel, the polish " +
      "barely moving it",
    () => {
      const ml = fitModel("power", { x, y }, { workers: 1, bootstrap: { resamples: 50, seed: 1 } });
      const lm = fitModel("power", { x, y }, { workers: 1, bootstrap: { resamples: 50, seed: 1 }, solver: "lm" });
      assert.equal(ml.solvers.refine.solver, "ml-levenberg-marquardt");
      assert.equal(ml.solvers.bootstrap, "ml-levenberg-marquardt");
      assert.equal(lm.solvers.screen!.solver, "lm-kernel");
      assert.equal(lm.solvers.refine.solver, "lm-kernel");
      assert.equal(lm.solvers.bootstrap, "lm-kernel");
      assert.ok(ml.solvers.refine.iterations > 0);
      assert.ok(
        ml.solvers.polish.objectiveDecrease <= 1e-10 * ml.objective,
        `polish lowered the objective by ${ml.solvers.polish.objectiveDecrease}`,
      );
      assert.ok(Math.abs(ml.objective - lm.objective) <= 1e-9 * lm.objective, `${ml.objective} vs ${lm.objective}`);
      assert.ok(Math.abs(ml.params.alpha - lm.params.alpha) <= 1e-5 * lm.params.alpha);
      for (const name of ml.paramNames) {
        const [a, b] = [ml.ci![name], lm.ci![name]];
        assert.ok(
          Math.abs(a[0] - b[0]) <= 1e-5 * Math.abs(b[0]) && Math.abs(a[1] - b[1]) <= 1e-5 * Math.abs(b[1]),
          `${name}: ${a} vs ${b}`,
        );
      }
    },
  );

  describe("rejects bad input with a message naming the value", () => {
    const cases: [string, () => unknown, string][] = [
      [
        "an unknown model",
        () => fitModel("chinchila", { x, y }),
        "invalid model: chinchila (expected one of power, chinchilla, kaplan, broken_power)",
      ],
      [
        "an unknown loss",
        () => fitModel("power", { x, y }, { loss: "l1" as never }),
        'invalid loss: "l1" (expected "ls", "ls_log", "huber:<delta>" or { huber: delta } with delta > 0)',
      ],
      [
        "a non-positive Huber delta",
        () => fitModel("power", { x, y }, { loss: { huber: 0 } }),
        'invalid loss: {"huber":0} (expected "ls", "ls_log", "huber:<delta>" or { huber: delta } with delta > 0)',
      ],
      [
        "an unknown grid",
        () => fitModel("power", { x, y }, { grid: "hoffmann" }),
        "invalid option grid: hoffmann (model power has grids: default)",
      ],
      [
        "an unknown option",
        () => fitModel("power", { x, y }, { seed: 1 } as never),
        "invalid option seed (expected one of loss, grid, bootstrap, level, workers, refineTop, " +
          "screenIterations, maxIterations, ftol, xtol, topK, keepSamples, solver, screenSolver)",
      ],
      [
        "an unknown solver",
        () => fitModel("power", { x, y }, { solver: "scipy" as never }),
        'invalid option solver: "scipy" (expected "lm" or "ml")',
      ],
      [
        "a bad bootstrap seed",
        () => fitModel("power", { x, y }, { bootstrap: { resamples: 10, seed: -1 } }),
        "invalid option bootstrap.seed: -1 (expected an integer in [0, 2^32))",
      ],
      ["empty data", () => fitModel("power", { x: [], y: [] }), "invalid data: no points"],
      [
        "fewer points than parameters",
        () => fitModel("power", { x: x.slice(0, 2), y: y.slice(0, 2) }),
        "invalid data: 2 points but model power has 3 parameters (E, A, alpha)",
      ],
      [
        "a non-positive input",
        () => fitModel("power", { x: [[1], [0], [3]], y: [3, 2, 1] }),
        "invalid data: x[1][0] (x) = 0 (inputs must be finite and positive)",
      ],
      [
        "a NaN loss",
        () => fitModel("power", { x: [[1], [2], [3]], y: [3, NaN, 1] }),
        "invalid data: y[1] = NaN (losses must be finite and positive)",
      ],
      [
        "rows of the wrong width",
        () => fitModel("chinchilla", { x: [[1], [2], [3], [4], [5]], y: [5, 4, 3, 2, 1] }),
        "invalid data: x[0] = [1] (model chinchilla expects 2 inputs: N, D)",
      ],
      [
        "mismatched lengths",
        () => fitModel("power", { x: [[1], [2], [3]], y: [3, 2] }),
        "invalid data: x has 3 rows but y has 2",
      ],
      [
        "negative weights",
        () => fitModel("power", { x: [[1], [2], [3]], y: [3, 2, 1], weights: [1, -1, 1] }),
        "invalid data: weights[1] = -1 (weights must be finite and >= 0)",
      ],
    ];
    for (const [what, call, message] of cases) {
      it(`rejects ${what}`, () =>
        assert.throws(call, (e: Error) => e.message === message || assert.fail(`got: ${e.message}`)));
    }
  });
});
