import { strict as assert } from "node:assert";
import { getModel } from "../../src/index";
import { MlAdapter, solveWithMl } from "../../src/fit/mlSolve";
import { LOSS_HUBER, LOSS_LS, LOSS_LS_LOG, makeProblem, objectiveAt } from "../../src/fit/problem";
import { Solver, STATUS_CONVERGED } from "../../src/fit/solver";
import { logspace, synthetic } from "./helpers";

const x = logspace(15, 20, 30).map((v) => [v]);
const y = synthetic("power", [2.5, 3000, 0.2], x, 0.01, 5);
const spec = getModel("power");
const cols = [Float64Array.from(x, (r) => Math.log(r[0]))];
const weights = Float64Array.from(x, (_, i) => 1 + (i % 3));
const problemFor = (kind: number) => makeProblem(spec, cols, Float64Array.from(y), weights, kind, 1e-3);
const theta = [0.9, 7.5, 0.21];
const settings = { maxIterations: 500, ftol: 1e-13, xtol: 1e-11 };

describe("solveWithMl (ml-levenberg-marquardt adapter)", () => {
  for (const [label, kind, compressed] of [
    ["Huber", LOSS_HUBER, true],
    ["least squares on log loss", LOSS_LS_LOG, true],
    ["least squares on loss", LOSS_LS, true],
    ["Huber, uncompressed (one row per point)", LOSS_HUBER, false],
    ["least squares on loss, uncompressed (one row per point)", LOSS_LS, false],
  ] as const) {
    it(`gives ml-LM an error equal to the weighted objective: ${label}`, () => {
      const problem = problemFor(kind);
      const adapter = new MlAdapter(problem, problem.w, null, compressed);
      const f = adapter.evaluate(theta);
      const pred = new Float64Array(problem.n);
      spec.logPredict(theta, problem.x, pred, null);
      const objective = objectiveAt(problem, pred, weights);
      const error = f.reduce((a, v) => a + v * v, 0);
      assert.ok(Math.abs(error - objective) <= 1e-12 * objective, `${error} vs ${objective}`);
      // The objective the adapter reports (summed in its evaluation loop) is objectiveAt's, bit for bit.
      let reported = NaN;
      new MlAdapter(problem, problem.w, (_, value) => (reported = value), compressed).evaluate(theta);
      assert.equal(reported, objective);
    });

    it(
      `feeds ml-LM a step model whose gradient K^T s is the objective's, checked by central ` + `differences: ${label}`,
      () => {
        const problem = problemFor(kind);
        const adapter = new MlAdapter(problem, problem.w, null, compressed);
        const p = problem.p;
        adapter.evaluate(theta);
        // ml-LM's call pattern: the base point, then probes base + 1 e_j, read as (f(base) - f(probe)) / 1.
        const atBase = adapter.fn(theta.slice());
        assert.equal(adapter.rows, compressed ? p + 1 : problem.n);
        const s = Array.from({ length: adapter.rows }, (_, i) => atBase(i));
        const grad = new Array<number>(p).fill(0);
        for (let j = 0; j < p; j++) {
          const probe = theta.slice();
          probe[j] += 1;
          const g = adapter.fn(probe);
          for (let i = 0; i < adapter.rows; i++) grad[j] += (g(i) - s[i]) * s[i];
        }
        assert.equal(adapter.evaluations, 1);
        assert.equal(adapter.modelCalls, p + 1);
        const obj = (t: number[]) => {
          const pred = new Float64Array(problem.n);
          spec.logPredict(t, problem.x, pred, null);
          return objectiveAt(problem, pred, weights);
        };
        // Least squares: K^T s is half the gradient of sum w r^2; Huber: the gradient of sum w rho.
        const factor = kind === LOSS_HUBER ? 1 : 0.5;
        for (let j = 0; j < p; j++) {
          const h = 1e-6;
          const up = theta.slice();
          const down = theta.slice();
          up[j] += h;
          down[j] -= h;
          const fd = (factor * (obj(up) - obj(down))) / (2 * h);
          assert.ok(
            Math.abs(grad[j] - fd) <= 1e-5 * Math.abs(fd) + 1e-12,
            `d/d${spec.internalNames[j]}: ${grad[j]} vs ${fd}`,
          );
        }
      },
    );
  }

  it(
    "makes one real evaluation and p + 1 answered model calls per ml-LM iteration (pins ml-LM 4.1.3's call " +
      "pattern)",
    () => {
      const problem = problemFor(LOSS_HUBER);
      let evaluations = 0;
      const adapter = new MlAdapter(problem, problem.w, () => evaluations++);
      const { levenbergMarquardt } = require("ml-levenberg-marquardt") as typeof import("ml-levenberg-marquardt");
      levenbergMarquardt(
        { x: Array.from({ length: adapter.rows }, (_, i) => i), y: new Float64Array(adapter.rows) },
        adapter.fn,
        {
          initialValues: theta.slice(),
          gradientDifference: [1, 1, 1],
          damping: 1e-4,
          maxIterations: 7,
          errorTolerance: 0,
        },
      );
      assert.equal(evaluations, 1 + 7);
      assert.equal(adapter.evaluations, 1 + 7);
      assert.equal(adapter.modelCalls, 7 * (problem.p + 1));
    },
  );

  it("reaches the optimum from distant starts, compressed or not, and gives the same bits twice", () => {
    const problem = problemFor(LOSS_HUBER);
    const reference = new Solver(problem).solve([1, 8, 0.2], { maxIterations: 2000, ftol: 1e-15, xtol: 1e-14 });
    for (const start of [
      [0.5, 5, 0.5],
      [1, 8, 0.2],
      [2, 12, 0.4],
    ]) {
      const ml = solveWithMl(problem, start, settings);
      const full = solveWithMl(problem, start, settings, problem.w, false);
      assert.ok(
        Math.abs(full.objective - ml.objective) <= 1e-10 * ml.objective,
        `uncompressed from ${start}: ${full.objective} vs ${ml.objective}`,
      );
      assert.ok(
        ml.objective <= reference.objective * (1 + 1e-10),
        `from ${start}: ${ml.objective} vs ${reference.objective}`,
      );
      assert.equal(ml.status, STATUS_CONVERGED, ml.reason);
      assert.ok(ml.reason.startsWith("ml-levenberg-marquardt: "), ml.reason);
      assert.deepEqual(Array.from(solveWithMl(problem, start, settings).theta), Array.from(ml.theta));
    }
  });
});
