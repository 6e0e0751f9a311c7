import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { fitModel, getModel } from "../../src/index";
import { mlLevenbergMarquardt } from "../../src/fit/mlLevenbergMarquardt";
import { MlAdapter, mlImplementation, solveWithMl } from "../../src/fit/mlSolve";
import { LOSS_HUBER, LOSS_LS, LOSS_LS_LOG, makeProblem } from "../../src/fit/problem";
import { mulberry32 } from "../../src/fit/random";
import { epochCsv, loadEpoch, logspace, synthetic } from "./helpers";

const { levenbergMarquardt } = require("ml-levenberg-marquardt") as typeof import("ml-levenberg-marquardt");

function withImplementation<T>(impl: "port" | "library", fn: () => T): T {
  const before = mlImplementation.current;
  mlImplementation.current = impl;
  try {
    return fn();
  } finally {
    mlImplementation.current = before;
  }
}

const bits = (v: ArrayLike<number>) => Array.from(v, (x) => (Object.is(x, -0) ? "-0" : String(x)));

describe("mlLevenbergMarquardt (ml-levenberg-marquardt 4.1.3 transcribed)", () => {
  const x = logspace(15, 20, 40).map((v) => [v]);
  const spec = getModel("power");
  const cols = [Float64Array.from(x, (r) => Math.log(r[0]))];

  it("takes the library's steps bit for bit: same calls, same optimum, same error, same iteration count", () => {
    const rng = mulberry32(7);
    for (const [kind, compressed] of [
      [LOSS_HUBER, true],
      [LOSS_LS_LOG, true],
      [LOSS_LS, true],
      [LOSS_HUBER, false],
    ] as const) {
      for (let trial = 0; trial < 10; trial++) {
        const y = synthetic("power", [2 + rng(), 100 + 5000 * rng(), 0.1 + 0.4 * rng()], x, 0.02 * rng(), trial + 1);
        const problem = makeProblem(spec, cols, Float64Array.from(y), new Float64Array(x.length).fill(1), kind, 1e-3);
        const start = [rng() * 2 - 1, 2 + 10 * rng(), 2 * rng()];
        const run = (impl: "port" | "library") => {
          const seen: string[] = [];
          const adapter = new MlAdapter(
            problem,
            problem.w,
            (t, f) => seen.push(`${bits(t).join(",")}:${f}`),
            compressed,
          );
          const options = {
            initialValues: start.slice(),
            minValues: spec.lower,
            maxValues: spec.upper,
            gradientDifference: [1, 1, 1],
            centralDifference: false,
            damping: 1e-4,
            maxIterations: 30,
            errorTolerance: 0,
          };
          let r: { parameterValues: number[]; parameterError: number; iterations: number } | string;
          try {
            r =
              impl === "library"
                ? levenbergMarquardt(
                    { x: Array.from({ length: adapter.rows }, (_, i) => i), y: new Float64Array(adapter.rows) },
                    adapter.fn,
                    options,
                  )
                : mlLevenbergMarquardt(adapter.rows, adapter.fn, options);
          } catch (e) {
            r = (e as Error).message;
          }
          return {
            r: typeof r === "string" ? r : { ...r, parameterValues: bits(r.parameterValues) },
            seen,
            modelCalls: adapter.modelCalls,
          };
        };
        assert.deepStrictEqual(run("port"), run("library"), `loss ${kind}, compressed ${compressed}, trial ${trial}`);
      }
    }
  });

  it(
    "gives solveWithMl and fitModel the same bits as the library (power grid; Epoch's Chinchilla data when " +
      "present)",
    () => {
      const y = synthetic("power", [2.5, 3000, 0.2], x, 0.01, 5);
      const problem = makeProblem(
        spec,
        cols,
        Float64Array.from(y),
        new Float64Array(x.length).fill(1),
        LOSS_HUBER,
        1e-3,
      );
      const settings = { maxIterations: 500, ftol: 1e-13, xtol: 1e-11 };
      for (const start of [
        [0.5, 5, 0.5],
        [1, 8, 0.2],
        [-3, 30, 3],
        [0, 0, 0],
      ]) {
        const port = withImplementation("port", () => solveWithMl(problem, start, settings));
        const lib = withImplementation("library", () => solveWithMl(problem, start, settings));
        assert.deepStrictEqual(
          { ...port, theta: bits(port.theta) },
          { ...lib, theta: bits(lib.theta) },
          `start ${start}`,
        );
      }
      const fitOptions = { workers: 1, refineTop: 4, screenIterations: 8 };
      const a = withImplementation("port", () => fitModel("power", { x, y }, fitOptions));
      const b = withImplementation("library", () => fitModel("power", { x, y }, fitOptions));
      assert.deepStrictEqual(bits(Object.values(a.paramsInternal)), bits(Object.values(b.paramsInternal)));
      assert.equal(a.reason, b.reason);
      const epoch = existsSync(epochCsv) ? loadEpoch() : null;
      if (epoch) {
        const options = { workers: 1, refineTop: 8, bootstrap: { resamples: 20, seed: 1 } };
        const c = withImplementation("port", () => fitModel("chinchilla", epoch, options));
        const d = withImplementation("library", () => fitModel("chinchilla", epoch, options));
        assert.deepStrictEqual(bits(Object.values(c.paramsInternal)), bits(Object.values(d.paramsInternal)));
        assert.deepStrictEqual(c.ci, d.ci);
        assert.equal(c.iterations, d.iterations);
      }
    },
  );
});
