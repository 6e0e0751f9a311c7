// Forecasts scored like forecasts: rolling-origin evaluation (Tashman 2000, Int. J. Forecasting 16:437) of three ways
// to predict a record series h months ahead. At each cut-off c (monthly, from the date the series first has `minPoints`
// records until the last record date minus h), every method sees only the records dated on or before c and predicts
// ln(best value in force at c + h): the record standing then, a step function of time. Scores: mean |log10(predicted /
// actual)| and the share of actual values inside each method's 95% interval.
//   exponential: OLS of ln(value) on months over the records known at c, 95% prediction interval of a new point.
//   persistence: no further change, y(c); interval +- 1.96 sigma0 sqrt(h), sigma0^2 = mean squared monthly change
//     of the step series over the months before c (a random walk without drift).
//   random_walk_drift: y(c) + d h with d the mean monthly change so far; interval +- 1.96 sqrt(s^2 h + h^2 s^2 / m),
//     s the sd of the m monthly changes (Hyndman & Athanasopoulos, FPP3 5.2, drift method).
// The last record date bounds the truth: past it the data cannot say whether a record would have fallen. Forecasts from
// consecutive cut-offs overlap, so their errors are correlated; n counts cut-offs, not independent tests.
import { olsFit, olsPredict } from "../../math/olsFit";
import { addMonths, monthsBetween } from "../../math/months";

export type ForecastMethod = "exponential" | "persistence" | "random_walk_drift";
const FORECAST_METHODS: readonly ForecastMethod[] = ["exponential", "persistence", "random_walk_drift"];

export interface DatedPoint {
  readonly date: string;
  readonly value: number;
}

export interface ForecastScore {
  readonly series: string;
  readonly method: ForecastMethod;
  readonly horizonMonths: number;
  readonly meanAbsLog10Error: number | null;
  readonly coverage95: number | null;
  readonly n: number;
}

export interface RollingForecastOptions {
  readonly horizonsMonths?: readonly number[];
  /** Records the series must hold at a cut-off before it is scored. */
  readonly minPoints?: number;
}

/** Frozen; the analysis option forecast defaults to these. */
export const rollingForecastDefaults = Object.freeze({
  horizonsMonths: Object.freeze([3, 6, 12]) as readonly number[],
  minPoints: 5 as number,
});

const Z95 = 1.959963984540054;

/** ln of the best (lowest) value among points dated on or before `date`; null before the first point. */
function bestLnAt(points: readonly DatedPoint[], date: string): number | null {
  let best = Infinity;
  for (const p of points) if (p.date <= date && p.value < best) best = p.value;
  return Number.isFinite(best) ? Math.log(best) : null;
}

interface Forecast {
  readonly y: number;
  readonly lo: number | null;
  readonly hi: number | null;
}

/** The three forecasts of ln(best value at c + h) from the points known at c. */
function forecastsAt(
  points: readonly DatedPoint[],
  cutoff: string,
  h: number,
): Record<ForecastMethod, Forecast> | null {
  const known = points.filter((p) => p.date <= cutoff);
  const yc = bestLnAt(known, cutoff);
  if (yc === null || known.length < 2) return null;
  const first = known.reduce((a, b) => (b.date < a.date ? b : a)).date;
  // Monthly grid c - m, ..., c (as many whole months as the history holds) and its changes.
  const m = Math.floor(monthsBetween(first, cutoff) + 1e-9);
  const changes: number[] = [];
  let prev: number | null = null;
  for (let j = m; j >= 0; j--) {
    const v = bestLnAt(known, addMonths(cutoff, -j));
    if (prev !== null && v !== null) changes.push(v - prev);
    if (v !== null) prev = v;
  }
  const t0 = first;
  const fit =
    new Set(known.map((p) => p.date)).size >= 2
      ? olsFit(
          known.map((p) => monthsBetween(t0, p.date)),
          known.map((p) => Math.log(p.value)),
        )
      : null;
  const pred = fit ? olsPredict(fit, monthsBetween(t0, cutoff) + h) : null;
  const k = changes.length;
  const drift = k ? changes.reduce((s, d) => s + d, 0) / k : 0;
  const ms0 = k ? changes.reduce((s, d) => s + d * d, 0) / k : null;
  const s2 = k > 1 ? changes.reduce((s, d) => s + (d - drift) ** 2, 0) / (k - 1) : null;
  const half0 = ms0 === null ? null : Z95 * Math.sqrt(ms0 * h);
  const halfD = s2 === null ? null : Z95 * Math.sqrt(s2 * h + (h * h * s2) / k);
  return {
    exponential: pred ? { y: pred.y, lo: pred.lo, hi: pred.hi } : { y: yc, lo: null, hi: null },
    persistence: { y: yc, lo: half0 === null ? null : yc - half0, hi: half0 === null ? null : yc + half0 },
    random_walk_drift: {
      y: yc + drift * h,
      lo: halfD === null ? null : yc + drift * h - halfD,
      hi: halfD === null ? null : yc + drift * h + halfD,
    },
  };
}

/** Rolling-origin scores of the three methods for one series (e.g. "track1 record_time"). */
export function rollingForecastScores(
  series: string,
  pointsIn: readonly DatedPoint[],
  options: RollingForecastOptions = {},
): ForecastScore[] {
  const o = { ...rollingForecastDefaults, ...options };
  for (const h of o.horizonsMonths) if (!(h > 0)) throw new Error(`invalid horizon: ${h} months (expected > 0)`);
  if (!(Number.isInteger(o.minPoints) && o.minPoints >= 3))
    throw new Error(`invalid minPoints: ${o.minPoints} (expected an integer >= 3)`);
  const points = pointsIn
    .filter((p) => p.value > 0)
    .slice()
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const p of points)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(p.date))
      throw new Error(`${series}: invalid date: ${p.date} (expected YYYY-MM-DD)`);
  const out: ForecastScore[] = [];
  if (points.length < o.minPoints) {
    for (const h of o.horizonsMonths)
      for (const method of FORECAST_METHODS)
        out.push({ series, method, horizonMonths: h, meanAbsLog10Error: null, coverage95: null, n: 0 });
    return out;
  }
  const start = points[o.minPoints - 1].date;
  const last = points[points.length - 1].date;
  for (const h of o.horizonsMonths) {
    const err: Record<ForecastMethod, number[]> = { exponential: [], persistence: [], random_walk_drift: [] };
    const hit: Record<ForecastMethod, number[]> = { exponential: [], persistence: [], random_walk_drift: [] };
    for (let j = 0; ; j++) {
      const cutoff = addMonths(start, j);
      const target = addMonths(cutoff, h);
      if (target > last) break;
      const f = forecastsAt(points, cutoff, h);
      const actual = bestLnAt(points, target);
      if (f === null || actual === null) continue;
      for (const method of FORECAST_METHODS) {
        err[method].push(Math.abs(f[method].y - actual) / Math.LN10);
        const { lo, hi } = f[method];
        if (lo !== null && hi !== null) hit[method].push(actual >= lo && actual <= hi ? 1 : 0);
      }
    }
    for (const method of FORECAST_METHODS) {
      const e = err[method];
      const c = hit[method];
      out.push({
        series,
        method,
        horizonMonths: h,
        n: e.length,
        meanAbsLog10Error: e.length ? e.reduce((s, v) => s + v, 0) / e.length : null,
        coverage95: c.length ? c.reduce((s, v) => s + v, 0) / c.length : null,
      });
    }
  }
  return out;
}

/** Per series and horizon, the method with the lowest mean |log10 error| and whether the trend beats persistence. */
export function forecastWinners(scores: readonly ForecastScore[]): {
  series: string;
  horizonMonths: number;
  winner: ForecastMethod | null;
  exponentialBeatsPersistence: boolean | null;
}[] {
  const keys = [...new Set(scores.map((s) => `${s.series}\u0000${s.horizonMonths}`))];
  return keys.map((key) => {
    const [series, hs] = key.split("\u0000");
    const rows = scores.filter(
      (s) => s.series === series && s.horizonMonths === Number(hs) && s.meanAbsLog10Error !== null,
    );
    const winner = rows.length
      ? rows.reduce((a, b) => ((b.meanAbsLog10Error as number) < (a.meanAbsLog10Error as number) ? b : a)).method
      : null;
    const e = rows.find((r) => r.method === "exponential");
    const p = rows.find((r) => r.method === "persistence");
    return {
      series,
      horizonMonths: Number(hs),
      winner,
      exponentialBeatsPersistence: e && p ? (e.meanAbsLog10Error as number) < (p.meanAbsLog10Error as number) : null,
    };
  });
}
