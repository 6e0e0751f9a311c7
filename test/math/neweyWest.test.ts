// Newey-West slope standard errors against statsmodels 0.13.5 (OLS with cov_type "HAC", Bartlett kernel, maxlags L,
// use_correction=True), computed independently of this code by test/fixtures/neweyWest/statsmodels_reference.py,
// whose output (statsmodels_reference.txt) the numbers below are copied from.
import assert from "node:assert/strict";
import { neweyWestSlope } from "../../src/math/neweyWest";
import { studentTQuantile } from "../../src/math/studentT";

// 16 points of 3 - 0.25 x plus AR(1) noise (rho 0.6), y rounded to 4 decimals: the script's literal data.
const x = [0.0, 0.4, 1.1, 1.5, 2.0, 2.2, 3.1, 3.5, 4.4, 4.6, 5.3, 6.0, 6.2, 7.1, 7.7, 8.0];
const y = [
  3.0553, 2.955, 2.7522, 2.4094, 2.4138, 2.1856, 2.1574, 2.145, 1.995, 1.9898, 1.7887, 1.5147, 1.4281, 1.3627, 1.0994,
  0.9918,
];
const STATSMODELS_SLOPE = -0.23555652365317251;
const STATSMODELS_SLOPE_SE: [number, number][] = [
  [0, 0.01029167954967884],
  [1, 0.011518080667999291],
  [2, 0.011888302742080721],
  [3, 0.011571221500120698],
  [5, 0.010450509890567051],
];

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("neweyWestSlope against statsmodels", () => {
  it("gives statsmodels' HAC slope standard error (small-sample factor n / (n - 2)) at lags 0, 1, 2, 3 and 5", () => {
    for (const [lag, se] of STATSMODELS_SLOPE_SE) {
      const r = neweyWestSlope(x, y, { lag });
      assert.ok(rel(r.ols.slope, STATSMODELS_SLOPE) < 1e-12, `slope ${r.ols.slope}`);
      assert.ok(rel(r.slopeSe!, se) < 1e-12, `lag ${lag}: ${r.slopeSe} vs statsmodels ${se}`);
      const t = studentTQuantile(0.975, 14);
      assert.deepEqual(r.slopeCi, [r.ols.slope - t * r.slopeSe!, r.ols.slope + t * r.slopeSe!]);
    }
  });

  it("picks lag 2 by the Andrews (1991) AR(1) plug-in from the residuals' lag-1 autocorrelation", () => {
    const r = neweyWestSlope(x, y);
    const rho = r.residualLag1!;
    const alpha = (4 * rho * rho) / ((1 - rho) ** 2 * (1 + rho) ** 2);
    assert.equal(r.lag, Math.floor(1.1447 * Math.cbrt(alpha * x.length)));
    assert.equal(r.lag, 2);
    assert.ok(rel(r.slopeSe!, STATSMODELS_SLOPE_SE[2][1]) < 1e-12);
  });
});
