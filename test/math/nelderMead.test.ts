// Nelder-Mead on standard test functions with published minimisers: Rosenbrock (1960) in 2 and 3 dimensions, Beale
// (1958), Booth, Himmelblau (1972), Goldstein-Price (1971), and Powell's singular function (1962), whose Hessian at
// the minimum is singular. Settings like the scale fit's (src/scale/fit.ts) are tested beside a tight tolerance that
// shows the method, not the stopping rule, sets the accuracy.
import assert from "node:assert/strict";
import { nelderMead } from "../../src/math/nelderMead";

type F = (x: readonly number[]) => number;
const rosenbrock: F = (x) => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
  return s;
};
const beale: F = ([a, b]) => (1.5 - a + a * b) ** 2 + (2.25 - a + a * b ** 2) ** 2 + (2.625 - a + a * b ** 3) ** 2;
const booth: F = ([a, b]) => (a + 2 * b - 7) ** 2 + (2 * a + b - 5) ** 2;
const himmelblau: F = ([a, b]) => (a * a + b - 11) ** 2 + (a + b * b - 7) ** 2;
const goldsteinPrice: F = ([a, b]) =>
  (1 + (a + b + 1) ** 2 * (19 - 14 * a + 3 * a * a - 14 * b + 6 * a * b + 3 * b * b)) *
  (30 + (2 * a - 3 * b) ** 2 * (18 - 32 * a + 12 * a * a + 48 * b - 36 * a * b + 27 * b * b));
const powell: F = ([a, b, c, d]) => (a + 10 * b) ** 2 + 5 * (c - d) ** 2 + (b - 2 * c) ** 4 + 10 * (a - d) ** 4;

/** [name, f, start, published minimiser, minimum value] */
const problems: [string, F, number[], number[], number][] = [
  ["Rosenbrock 2-D", rosenbrock, [-1.2, 1], [1, 1], 0],
  ["Rosenbrock 3-D", rosenbrock, [-1.2, 1, 1], [1, 1, 1], 0],
  ["Beale", beale, [1, 1], [3, 0.5], 0],
  ["Booth", booth, [0, 0], [1, 3], 0],
  ["Himmelblau (from 0, 0)", himmelblau, [0, 0], [3, 2], 0],
  ["Powell singular", powell, [3, -1, 0, 1], [0, 0, 0, 0], 0],
];

function maxDistance(x: readonly number[], target: readonly number[]): number {
  return Math.max(...x.map((v, i) => Math.abs(v - target[i])));
}

describe("nelderMead on standard test functions", () => {
  it(
    "reaches each published minimum with the scale fit's settings (1e-9 tolerance: within 1e-3, value below " + "1e-7)",
    () => {
      for (const [name, f, x0, xMin, fMin] of problems) {
        const r = nelderMead(f, x0, { step: 0.7, maxIterations: 800, tolerance: 1e-9 });
        assert.ok(r.converged, `${name}: not converged after ${r.iterations} iterations`);
        assert.ok(maxDistance(r.x, xMin) < 1e-3, `${name}: x = ${r.x}`);
        assert.ok(r.value - fMin < 1e-7, `${name}: f = ${r.value}`);
      }
    },
  );

  it("reaches them to 1e-8 (Powell's singular function: 1e-6) with a tolerance of 1e-20", () => {
    for (const [name, f, x0, xMin] of problems) {
      const r = nelderMead(f, x0, { maxIterations: 5000, tolerance: 1e-20 });
      assert.ok(r.converged, `${name}: not converged after ${r.iterations} iterations`);
      const tol = name.startsWith("Powell") ? 1e-6 : 1e-8;
      assert.ok(maxDistance(r.x, xMin) < tol, `${name}: x = ${r.x}`);
    }
  });

  it("finds Goldstein-Price's global minimum 3 at (0, -1) from the origin", () => {
    const r = nelderMead(goldsteinPrice, [0, 0]);
    assert.ok(r.converged);
    assert.ok(maxDistance(r.x, [0, -1]) < 1e-4, `x = ${r.x}`);
    assert.ok(Math.abs(r.value - 3) < 1e-6, `f = ${r.value}`);
  });

  it("treats NaN and infinite values as +Infinity, so it stays inside the function's domain", () => {
    const f: F = ([a]) => (a <= 0 ? NaN : (Math.log(a) - 1) ** 2);
    const r = nelderMead(f, [0.2], { step: -1 });
    assert.ok(r.converged);
    assert.ok(Math.abs(r.x[0] - Math.E) < 1e-3, `x = ${r.x}`);
  });

  it("is deterministic and reports a run cut off by maxIterations as not converged", () => {
    assert.deepEqual(nelderMead(rosenbrock, [-1.2, 1]), nelderMead(rosenbrock, [-1.2, 1]));
    const cut = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 10 });
    assert.equal(cut.converged, false);
    assert.equal(cut.iterations, 10);
    assert.deepEqual(
      nelderMead(() => 7, []),
      { x: [], value: 7, iterations: 0, converged: true },
    );
  });
});
