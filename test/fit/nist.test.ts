// The Levenberg-Marquardt path against NIST's certified values (StRD nonlinear regression, test/fixtures/nist-strd,
// provenance in its README). Agreement is counted as NIST does, in significant digits: the log relative error
// LRE = -log10(|estimate - certified| / |certified|); relative 1e-6 below is LRE 6.
import { strict as assert } from "node:assert";
import { fitModel } from "../../src/index";
import { mlLevenbergMarquardt } from "../../src/fit/mlLevenbergMarquardt";
import { logModels, naturalModels, readNist, type NistProblem } from "./nistProblems";

const { levenbergMarquardt } = require("ml-levenberg-marquardt") as typeof import("ml-levenberg-marquardt");

const LOWER = ["DanWood", "Misra1a", "Chwirut2"];
const AVERAGE = ["Misra1c", "Misra1d"];
const HIGHER = ["Bennett5", "BoxBOD", "Rat43", "MGH09", "Eckerle4"];
const problems = new Map([...LOWER, ...AVERAGE, ...HIGHER].map((name) => [name, readNist(name)]));

function assertClose(actual: readonly number[], certified: readonly number[], rel: number, what: string): void {
  actual.forEach((v, k) => {
    const err = Math.abs(v - certified[k]) / Math.abs(certified[k]);
    assert.ok(
      err <= rel,
      `${what}: b${k + 1} = ${v}, certified ${certified[k]} (relative error ${err.toExponential(2)})`,
    );
  });
}

function rss(problem: NistProblem, b: readonly number[]): number {
  const f = naturalModels[problem.name](b);
  return problem.x.reduce((s, x, i) => s + (problem.y[i] - f(x)) ** 2, 0);
}

describe("Levenberg-Marquardt against NIST StRD certified values", function () {
  this.timeout(120_000);
  it(
    "reads the NIST files: 10 problems with two starts, certified values and the documented observation " + "counts",
    () => {
      assert.equal(problems.size, 10);
      const danWood = problems.get("DanWood")!;
      assert.deepEqual(danWood.starts, [
        [1, 5],
        [0.7, 4],
      ]);
      assert.deepEqual(danWood.certified, [7.6886226176e-1, 3.8604055871]);
      assert.equal(danWood.certifiedRss, 4.3173084083e-3);
      assert.equal(problems.get("Bennett5")!.x.length, 154);
      // The certified parameters are the least-squares optimum: our own residual sum of squares there is NIST's.
      for (const p of problems.values()) assertClose([rss(p, p.certified)], [p.certifiedRss], 1e-9, `${p.name} RSS`);
    },
  );

  it(
    "fitModel (ml-levenberg-marquardt, then our kernel's polish) reaches the certified parameters, standard " +
      "deviations and RSS of the problems in our model forms from both NIST starts",
    () => {
      // DanWood (lower difficulty) is the pure power law; Misra1c and Misra1d (average) saturating power-type curves;
      // Bennett5 (higher) the shifted power law b1 (b2 + x)^(-1/b3). Worst agreement measured: 6.4 digits (Bennett5).
      for (const [name, { spec, sign }] of Object.entries(logModels)) {
        const p = problems.get(name)!;
        p.starts.forEach((start, s) => {
          const r = fitModel(
            spec,
            { x: p.x.map((v) => [v]), y: p.y.map((v) => sign * v) },
            {
              loss: "ls",
              grid: [spec.fromNatural(start)],
              workers: 1,
            },
          );
          const what = `${name} from start ${s + 1}`;
          assert.equal(r.status, "converged", `${what}: ${r.reason}`);
          assertClose(Object.values(r.params), p.certified, 1e-6, what);
          assertClose(
            Object.values(r.se).map((v) => v ?? NaN),
            p.certifiedSd,
            1e-6,
            `${what}, standard deviation`,
          );
          assertClose([r.objective], [p.certifiedRss], 1e-9, `${what}, RSS`);
          assert.equal(r.solvers.refine.solver, "ml-levenberg-marquardt");
        });
      }
    },
  );

  // ml-levenberg-marquardt 4.1.3 on its own, through its model interface (central differences, steps 1e-6 of each
  // start value, no error tolerance: it runs all its iterations and returns the best point it saw).
  const libraryFit = (p: NistProblem, start: readonly number[]) =>
    levenbergMarquardt({ x: p.x.slice(), y: p.y.slice() }, naturalModels[p.name], {
      initialValues: start.slice(),
      damping: 1e-2,
      gradientDifference: start.map((v) => 1e-6 * Math.abs(v)),
      centralDifference: true,
      maxIterations: 2000,
      errorTolerance: 0,
    });

  it(
    "ml-levenberg-marquardt alone reaches the certified values of every lower and average problem from both " +
      "starts, and of the higher ones but Bennett5 from start 2",
    () => {
      for (const name of [...LOWER, ...AVERAGE, ...HIGHER.filter((h) => h !== "Bennett5")]) {
        const p = problems.get(name)!;
        const starts = HIGHER.includes(name) ? [p.starts[1]] : p.starts;
        for (const start of starts) {
          const r = libraryFit(p, start);
          assertClose(r.parameterValues, p.certified, 1e-8, `${name} from ${start}`);
          assertClose([r.parameterError], [p.certifiedRss], 1e-9, `${name} from ${start}, RSS`);
        }
      }
    },
  );

  it(
    "ml-levenberg-marquardt alone fails on Bennett5 in 2,000 iterations from both starts (fitModel reaches it) " +
      "and from start 1 of BoxBOD, Rat43 and MGH09",
    () => {
      for (const [name, s] of [
        ["Bennett5", 0],
        ["Bennett5", 1],
        ["BoxBOD", 0],
        ["Rat43", 0],
        ["MGH09", 0],
      ] as const) {
        const p = problems.get(name)!;
        const r = libraryFit(p, p.starts[s]);
        const err = Math.abs(r.parameterError - p.certifiedRss) / p.certifiedRss;
        assert.ok(err > 1e-3, `${name} from start ${s + 1}: RSS ${r.parameterError} vs certified ${p.certifiedRss}`);
      }
    },
  );

  it(
    "the transcription (src/fit/mlLevenbergMarquardt.ts) takes the library's steps bit for bit on every " +
      "problem and start, and reaches the certified values where forward differences allow",
    () => {
      // The transcription supports what solveWithMl uses: forward differences, no bounds that bind, y = 0 (the model
      // function returns the residual f(x_i) - y_i). Steps 1e-7 of each start value (1e-7 absolute for a zero start).
      const reached: string[] = [];
      for (const p of problems.values()) {
        const f = naturalModels[p.name];
        p.starts.forEach((start, s) => {
          const options = {
            initialValues: start.slice(),
            minValues: start.map(() => -Infinity),
            maxValues: start.map(() => Infinity),
            gradientDifference: start.map((v) => 1e-7 * Math.max(Math.abs(v), 1)),
            damping: 1e-2,
            maxIterations: 1000,
          };
          const residual = (b: number[]) => (i: number) => f(b)(p.x[i]) - p.y[i];
          const port = mlLevenbergMarquardt(p.x.length, residual, options);
          const rows = Array.from({ length: p.x.length }, (_, i) => i);
          const lib = levenbergMarquardt({ x: rows, y: new Float64Array(rows.length) }, residual, {
            ...options,
            centralDifference: false,
            errorTolerance: 0,
          });
          const what = `${p.name} from start ${s + 1}`;
          assert.deepEqual(port, lib, what);
          const err = Math.max(
            ...port.parameterValues.map((v, k) => Math.abs(v - p.certified[k]) / Math.abs(p.certified[k])),
          );
          if (err <= 1e-6) reached.push(what);
        });
      }
      // Measured: all but Bennett5 (both starts: too slow), BoxBOD, Rat43, MGH09 and Eckerle4 from start 1.
      const expected = [...problems.keys()]
        .flatMap((name) => [1, 2].map((s) => `${name} from start ${s}`))
        .filter((w) => !/^(Bennett5 from start \d|(BoxBOD|Rat43|MGH09|Eckerle4) from start 1)$/.test(w));
      assert.deepEqual(reached, expected);
    },
  );
});
