// Closed-form ordinary least squares for y = intercept + slope * x, with t-based intervals.
// Used for the straight-line fits of the analysis (log time vs date, log multiplier vs log size); nonlinear curve
// fits go through fitModel in src/fit. With 3-4 points the t quantile is large (12.7 at 1 dof), so the intervals are
// honestly wide; with 2 points there is no residual variance and the fit says so instead of reporting zero width.
import { studentTQuantile } from "./studentT";

export interface OlsFit {
  readonly n: number;
  readonly intercept: number;
  readonly slope: number;
  /** Standard errors; null when n <= 2 (no residual degrees of freedom). */
  readonly slopeSe: number | null;
  readonly interceptSe: number | null;
  /** Residual standard deviation, null when n <= 2. */
  readonly residualSd: number | null;
  readonly dof: number;
  readonly level: number;
  /** Two-sided interval for the slope at `level`, null when n <= 2. */
  readonly slopeCi: readonly [number, number] | null;
  readonly xMean: number;
  readonly sxx: number;
  readonly xMin: number;
  readonly xMax: number;
}

export interface OlsPrediction {
  readonly x: number;
  readonly y: number;
  /** Interval for the mean line at x (confidence band). */
  readonly meanLo: number | null;
  readonly meanHi: number | null;
  /** Interval for a new observation at x (prediction band). */
  readonly lo: number | null;
  readonly hi: number | null;
  /** x outside [xMin, xMax] of the fitted data. */
  readonly extrapolated: boolean;
}

/** Fit y = intercept + slope x; throws on fewer than 2 points, mismatched lengths, non-finite values or constant x. */
export function olsFit(x: readonly number[], y: readonly number[], level = 0.95): OlsFit {
  if (x.length !== y.length) throw new Error(`olsFit: x has ${x.length} values but y has ${y.length}`);
  if (x.length < 2) throw new Error(`olsFit: need at least 2 points, got ${x.length}`);
  if (!(level > 0 && level < 1)) throw new Error(`olsFit: invalid level: ${level} (expected 0 < level < 1)`);
  x.forEach((v, i) => {
    if (!Number.isFinite(v) || !Number.isFinite(y[i]))
      throw new Error(`olsFit: non-finite point ${i}: (${v}, ${y[i]})`);
  });
  const n = x.length;
  const xMean = x.reduce((s, v) => s + v, 0) / n;
  const yMean = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - xMean) ** 2;
    sxy += (x[i] - xMean) * (y[i] - yMean);
  }
  if (!(sxx > 0)) throw new Error(`olsFit: all ${n} x values are equal (${x[0]}); slope undefined`);
  const slope = sxy / sxx;
  const intercept = yMean - slope * xMean;
  const dof = n - 2;
  let residualSd: number | null = null;
  let slopeSe: number | null = null;
  let interceptSe: number | null = null;
  let slopeCi: [number, number] | null = null;
  if (dof > 0) {
    let rss = 0;
    for (let i = 0; i < n; i++) rss += (y[i] - intercept - slope * x[i]) ** 2;
    residualSd = Math.sqrt(rss / dof);
    slopeSe = residualSd / Math.sqrt(sxx);
    interceptSe = residualSd * Math.sqrt(1 / n + (xMean * xMean) / sxx);
    const t = studentTQuantile(0.5 + level / 2, dof);
    slopeCi = [slope - t * slopeSe, slope + t * slopeSe];
  }
  return {
    n,
    intercept,
    slope,
    slopeSe,
    interceptSe,
    residualSd,
    dof,
    level,
    slopeCi,
    xMean,
    sxx,
    xMin: Math.min(...x),
    xMax: Math.max(...x),
  };
}

/** Point prediction with confidence and prediction intervals at x0 (Montgomery & Peck, simple regression). */
export function olsPredict(fit: OlsFit, x0: number): OlsPrediction {
  const y = fit.intercept + fit.slope * x0;
  const extrapolated = x0 < fit.xMin - 1e-12 * Math.abs(fit.xMin) || x0 > fit.xMax + 1e-12 * Math.abs(fit.xMax);
  if (fit.residualSd === null) return { x: x0, y, meanLo: null, meanHi: null, lo: null, hi: null, extrapolated };
  const t = studentTQuantile(0.5 + fit.level / 2, fit.dof);
  const lever = 1 / fit.n + (x0 - fit.xMean) ** 2 / fit.sxx;
  const meanHalf = t * fit.residualSd * Math.sqrt(lever);
  const predHalf = t * fit.residualSd * Math.sqrt(1 + lever);
  return { x: x0, y, meanLo: y - meanHalf, meanHi: y + meanHalf, lo: y - predHalf, hi: y + predHalf, extrapolated };
}
