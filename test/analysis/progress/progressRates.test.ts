import { strict as assert } from "node:assert";
import { mulberry32 } from "../../../src/fit/random";
import { andrewsBartlettLag, neweyWestSlope } from "../../../src/math/neweyWest";
import { segmentedTrend } from "../../../src/analysis/progress/segmentedTrend";
import { forecastWinners, rollingForecastScores } from "../../../src/analysis/progress/rollingForecast";
import { addMonths } from "../../../src/math/months";

function ar1(n: number, rho: number, seed: number): number[] {
  const rng = mulberry32(seed);
  const out: number[] = [];
  let e = 0;
  for (let i = 0; i < n; i++) {
    // Box-Muller standard normal
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    e = i === 0 ? z / Math.sqrt(1 - rho * rho) : rho * e + z;
    out.push(e);
  }
  return out;
}

describe("progress rates: Newey-West, segmented trend, rolling-origin forecasts", () => {
  it("widens the slope interval of a trend with AR(1) errors by about sqrt((1 + rho) / (1 - rho)) over OLS", () => {
    // For a linear trend regressor and AR(1) errors the slope's true variance is (1 + rho) / (1 - rho) times the
    // OLS formula's in large samples: sqrt(3) = 1.732 at rho = 0.5.
    const n = 4000;
    const e = ar1(n, 0.5, 7);
    const x = e.map((_, i) => i);
    const y = e.map((v, i) => 0.01 * i + v);
    const fit = neweyWestSlope(x, y);
    const olsW = (fit.ols.slopeCi as [number, number])[1] - (fit.ols.slopeCi as [number, number])[0];
    const nwW = (fit.slopeCi as [number, number])[1] - (fit.slopeCi as [number, number])[0];
    const ratio = nwW / olsW;
    assert.equal(fit.lag, 21);
    assert.ok(Math.abs((fit.residualLag1 as number) - 0.5) < 0.03, `lag-1 autocorrelation ${fit.residualLag1}`);
    assert.ok(Math.abs(ratio - Math.sqrt(3)) < 0.1 * Math.sqrt(3), `width ratio ${ratio}`);
    assert.equal(ratio.toFixed(4), "1.6082");
  });

  it("leaves the interval about as wide as OLS for independent errors", () => {
    const e = ar1(4000, 0, 11);
    const fit = neweyWestSlope(
      e.map((_, i) => i),
      e.map((v, i) => -0.002 * i + v),
    );
    const ratio = (fit.slopeSe as number) / (fit.ols.slopeSe as number);
    assert.ok(Math.abs(ratio - 1) < 0.05, `se ratio ${ratio}`);
  });

  it("picks the Andrews AR(1) bandwidth and caps it at n / 3", () => {
    assert.equal(andrewsBartlettLag(0.5, 100), 6);
    assert.equal(andrewsBartlettLag(0.9, 86), 22);
    assert.equal(andrewsBartlettLag(0.99, 30), 10);
    assert.equal(andrewsBartlettLag(0, 1000), 0);
  });

  it("recovers a known break and prefers the segmented trend by BIC", () => {
    // ln y falls 0.3 per month for 10 months, then 0.05 per month: break at x = 10.
    const x = Array.from({ length: 31 }, (_, i) => i);
    const noise = ar1(31, 0, 3).map((v) => 0.01 * v);
    const y = x.map((xi, i) => 4 - 0.3 * Math.min(xi, 10) - 0.05 * Math.max(0, xi - 10) + noise[i]);
    const fit = segmentedTrend(x, y);
    assert.equal(fit.preferred, "segmented");
    assert.ok(Math.abs((fit.breakX as number) - 10) <= 0.15, `break ${fit.breakX}`);
    assert.ok((fit.breakLo as number) <= 10 && (fit.breakHi as number) >= 10, `interval ${fit.breakLo}-${fit.breakHi}`);
    assert.ok(Math.abs((fit.slopeBefore as number) + 0.3) < 0.01);
    assert.ok(Math.abs((fit.slopeAfter as number) + 0.05) < 0.01);
  });

  it("says so when the break sits at the edge of its search range (a lone early point, as track 2's baseline)", () => {
    const x = [0, 8, 9, 10, 11, 12, 13, 14];
    const y = x.map((xi) => (xi === 0 ? 3 : 0 - 0.02 * xi));
    const fit = segmentedTrend(x, y);
    assert.equal(fit.breakX, 9);
    assert.match(fit.reason, /^break at the edge of the search range \(3 points a side, earliest allowed\)/);
  });

  it("prefers the single line when there is no break", () => {
    const x = Array.from({ length: 40 }, (_, i) => i);
    const noise = ar1(40, 0, 5).map((v) => 0.05 * v);
    const fit = segmentedTrend(
      x,
      x.map((xi, i) => 1 - 0.1 * xi + noise[i]),
    );
    assert.equal(fit.preferred, "single");
  });

  it("scores persistence as the winner on a series that stops improving", () => {
    // Halves every month for 6 months, then no new record for 18 months (one last record at the end fixes the span).
    const pts = [0, 1, 2, 3, 4, 5].map((m) => ({ date: addMonths("2024-01-01", m), value: 100 / 2 ** m }));
    pts.push({ date: addMonths("2024-01-01", 24), value: 100 / 2 ** 5 - 1e-9 });
    const scores = rollingForecastScores("toy", pts, { horizonsMonths: [3], minPoints: 5 });
    const get = (m: string) => scores.find((s) => s.method === m)!;
    assert.equal(get("persistence").n, 18);
    // Persistence misses only the last halving, from the cut-offs at months 4 and 4.97 (day-based months): 2 log10 2 /
    // 18.
    assert.ok(Math.abs((get("persistence").meanAbsLog10Error as number) - (2 * Math.log10(2)) / 18) < 1e-9);
    // The trend keeps halving: at the first cut-off (month 4) it predicts month 7 at 100 / 2^7 against 100 / 2^5.
    assert.ok((get("exponential").meanAbsLog10Error as number) > 1);
    assert.deepEqual(forecastWinners(scores), [
      { series: "toy", horizonMonths: 3, winner: "persistence", exponentialBeatsPersistence: false },
    ]);
  });
});
