// Rates of progress with honest intervals, per track and metric (record time, tokens to target, FLOPs to target):
// the single exponential's halving time with its Newey-West interval (neweyWest.ts) and the plain OLS interval beside
// it, and a trend with one estimated break (segmentedTrend.ts) with BIC saying which shape the data prefer. Points are
// the rows that set a new best record time (frontierRows), in date order; x = months since the first.
import { addMonths, monthsBetween } from "../../math/months";
import { frontierRows, halvingInterval } from "./halvingTime";
import { neweyWestSlope } from "../../math/neweyWest";
import { segmentedTrend } from "./segmentedTrend";
import type { RecordCompute } from "../types";

export type RateMetric = "record_time" | "tokens_to_target" | "flops_to_target";
const RATE_METRICS: readonly RateMetric[] = ["record_time", "tokens_to_target", "flops_to_target"];

export interface ProgressRate {
  readonly track: string;
  readonly metric: RateMetric;
  readonly n: number;
  readonly firstDate: string | null;
  readonly lastDate: string | null;
  readonly estimate: number | null;
  /** Newey-West 95% interval of the halving time (months); hi null = unbounded (slope interval reaches 0). */
  readonly lo: number | null;
  readonly hi: number | null;
  readonly olsLo: number | null;
  readonly olsHi: number | null;
  readonly method: string;
  readonly lag: number | null;
  readonly residualLag1: number | null;
  /** Robust / OLS width of the slope interval. */
  readonly widthRatio: number | null;
  readonly breakDate: string | null;
  readonly breakLo: string | null;
  readonly breakHi: string | null;
  readonly beforeMonths: number | null;
  readonly afterMonths: number | null;
  readonly bicSingle: number | null;
  readonly bicSegmented: number | null;
  readonly preferred: "single" | "segmented" | null;
  readonly reason: string;
  /** The fitted lines the charts draw (plot/rateSeries.ts); not a column of progress_rates.csv. */
  readonly fitted: RateFit | null;
}

/** The fitted trends of ln(value) against months since `firstDate`: the one line and, when found, the hinge. */
export interface RateFit {
  /** Months from firstDate to lastDate. */
  readonly xEnd: number;
  readonly line: { readonly intercept: number; readonly slope: number };
  readonly hinge: {
    readonly breakX: number;
    readonly intercept: number;
    readonly slopeBefore: number;
    readonly slopeAfter: number;
  } | null;
}

function value(r: RecordCompute, metric: RateMetric): number | null {
  return metric === "record_time" ? r.recordTimeS : metric === "tokens_to_target" ? r.tokensToTarget : r.flopsToTarget;
}

const halving = (slope: number | null) => (slope !== null && slope < 0 ? Math.LN2 / -slope : null);

function progressRate(rows: readonly RecordCompute[], track: string, metric: RateMetric): ProgressRate {
  const pts = frontierRows(rows, track)
    .map((r) => ({ date: r.date as string, v: value(r, metric) }))
    .filter((p): p is { date: string; v: number } => p.v !== null && p.v > 0)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const base = {
    track,
    metric,
    n: pts.length,
    firstDate: pts[0]?.date ?? null,
    lastDate: pts[pts.length - 1]?.date ?? null,
    estimate: null,
    lo: null,
    hi: null,
    olsLo: null,
    olsHi: null,
    method: "",
    lag: null,
    residualLag1: null,
    widthRatio: null,
    breakDate: null,
    breakLo: null,
    breakHi: null,
    beforeMonths: null,
    afterMonths: null,
    bicSingle: null,
    bicSegmented: null,
    preferred: null,
    fitted: null,
  };
  if (pts.length < 3 || new Set(pts.map((p) => p.date)).size < 2)
    return { ...base, reason: `need 3 or more dated points on distinct dates, have ${pts.length}` };
  const t0 = pts[0].date;
  const x = pts.map((p) => monthsBetween(t0, p.date));
  const y = pts.map((p) => Math.log(p.v));
  const nw = neweyWestSlope(x, y);
  const robust = halvingInterval(nw.ols.slope, nw.slopeCi);
  const ols = halvingInterval(nw.ols.slope, nw.ols.slopeCi);
  const seg = segmentedTrend(x, y);
  const toDate = (m: number | null) => (m === null ? null : addMonths(t0, m));
  const olsWidth = nw.ols.slopeCi ? nw.ols.slopeCi[1] - nw.ols.slopeCi[0] : null;
  const nwWidth = nw.slopeCi ? nw.slopeCi[1] - nw.slopeCi[0] : null;
  return {
    ...base,
    estimate: robust.estimate,
    lo: robust.lo,
    hi: robust.hi,
    olsLo: ols.lo,
    olsHi: ols.hi,
    method: nw.method,
    lag: nw.lag,
    residualLag1: nw.residualLag1,
    widthRatio: olsWidth && nwWidth ? nwWidth / olsWidth : null,
    breakDate: toDate(seg.breakX),
    breakLo: toDate(seg.breakLo),
    breakHi: toDate(seg.breakHi),
    beforeMonths: halving(seg.slopeBefore),
    afterMonths: halving(seg.slopeAfter),
    bicSingle: seg.bicLine,
    bicSegmented: seg.bicSegmented,
    preferred: seg.breakX === null ? "single" : seg.preferred,
    reason: [robust.note, seg.reason].filter(Boolean).join("; "),
    fitted: {
      xEnd: x[x.length - 1],
      line: { intercept: nw.ols.intercept, slope: nw.ols.slope },
      hinge:
        seg.breakX === null || seg.intercept === null || seg.slopeBefore === null || seg.slopeAfter === null
          ? null
          : { breakX: seg.breakX, intercept: seg.intercept, slopeBefore: seg.slopeBefore, slopeAfter: seg.slopeAfter },
    },
  };
}

export function computeProgressRates(
  rows: readonly RecordCompute[],
  tracks: readonly string[] = ["track1", "track2", "track3"],
): ProgressRate[] {
  // Track 3's table has no times: its rates are in tokens and FLOPs to target only.
  return tracks.flatMap((t) =>
    RATE_METRICS.filter((m) => m !== "record_time" || rows.some((r) => r.track === t && r.recordTimeS !== null)).map(
      (m) => progressRate(rows, t, m),
    ),
  );
}
