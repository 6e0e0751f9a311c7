// Straight-line trend with a standard error that survives autocorrelated residuals: Newey & West (1987)
// heteroskedasticity-and-autocorrelation-consistent (HAC) variance of the OLS slope, Bartlett kernel.
// Why: successive speedrun records build on each other, so the residuals of ln(record time) against date stay on one
// side of the line for many records in a row; OLS treats them as independent and its interval is too narrow.
// Bandwidth: Andrews (1991, Econometrica 59:817, eq. 6.2 and Table I) AR(1) plug-in for the Bartlett kernel,
// L = 1.1447 (alpha n)^(1/3) with alpha = 4 rho^2 / ((1 - rho)^2 (1 + rho)^2), rho the residuals' lag-1
// autocorrelation; capped at floor(n / 3) so that a near-unit-root residual still leaves lags to average.
import { olsFit, type OlsFit } from "./olsFit";
import { studentTQuantile } from "./studentT";

export interface RobustSlope {
  readonly ols: OlsFit;
  /** HAC standard error of the slope (with the n / (n - 2) small-sample factor). */
  readonly slopeSe: number | null;
  readonly slopeCi: readonly [number, number] | null;
  readonly lag: number;
  /** Lag-1 autocorrelation of the OLS residuals (the plug-in's input). */
  readonly residualLag1: number | null;
  readonly method: string;
}

/** Andrews (1991) AR(1) plug-in bandwidth for the Bartlett kernel, capped at floor(n / 3). */
export function andrewsBartlettLag(rho: number, n: number): number {
  const r = Math.max(-0.97, Math.min(0.97, rho));
  const alpha = (4 * r * r) / ((1 - r) ** 2 * (1 + r) ** 2);
  const lag = Math.floor(1.1447 * Math.cbrt(alpha * n));
  return Math.max(0, Math.min(lag, Math.floor(n / 3)));
}

/**
 * OLS of y on x (in the given order: the order is the time order the autocorrelation runs along) with the Newey-West
 * slope interval at `level`. `lag` overrides the plug-in bandwidth.
 */
export function neweyWestSlope(
  x: readonly number[],
  y: readonly number[],
  options: { level?: number; lag?: number } = {},
): RobustSlope {
  const level = options.level ?? 0.95;
  const ols = olsFit(x, y, level);
  const n = x.length;
  if (ols.dof <= 0)
    return {
      ols,
      slopeSe: null,
      slopeCi: null,
      lag: 0,
      residualLag1: null,
      method: "Newey-West: two points, no interval",
    };
  const u = x.map((xi, i) => y[i] - ols.intercept - ols.slope * xi);
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    den += u[i] * u[i];
    if (i > 0) num += u[i] * u[i - 1];
  }
  const rho = den > 0 ? num / den : 0;
  if (options.lag !== undefined && !(Number.isInteger(options.lag) && options.lag >= 0))
    throw new Error(`invalid lag: ${options.lag} (expected a non-negative integer)`);
  const lag = options.lag ?? andrewsBartlettLag(rho, n);
  // Slope score z_t = (x_t - mean x) u_t; with a centred regressor the slope's HAC variance is S / Sxx^2.
  const z = x.map((xi, i) => (xi - ols.xMean) * u[i]);
  let s = 0;
  for (let i = 0; i < n; i++) s += z[i] * z[i];
  for (let l = 1; l <= lag; l++) {
    const w = 1 - l / (lag + 1);
    let g = 0;
    for (let i = l; i < n; i++) g += z[i] * z[i - l];
    s += 2 * w * g;
  }
  const variance = (Math.max(s, 0) / (ols.sxx * ols.sxx)) * (n / (n - 2));
  const slopeSe = Math.sqrt(variance);
  const t = studentTQuantile(0.5 + level / 2, ols.dof);
  return {
    ols,
    slopeSe,
    slopeCi: [ols.slope - t * slopeSe, ols.slope + t * slopeSe],
    lag,
    residualLag1: rho,
    method:
      `Newey-West HAC, Bartlett kernel, lag ${lag} (Andrews 1991 AR(1) plug-in from residual lag-1 ` +
      `autocorrelation ${rho.toFixed(2)}, cap n/3), t(${ols.dof}) quantile`,
  };
}
