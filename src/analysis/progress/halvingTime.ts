// Analysis 4: rate of progress. ln(record time) and ln(tokens to target) regressed on the record date (months);
// halving time = ln 2 / -slope with a t-based 95% interval from the slope's interval, per track, for comparison with
// Ho et al.'s ~8 months for language models in general. Only rows that set a new best time enter the fit (the
// re-timings of record 21 are "not a new record" and are slower than it).
import { monthsBetween } from "../../math/months";
import { olsFit, olsPredict } from "../../math/olsFit";
import type { HalvingTimeRow, HindcastRow, Interval, RecordCompute } from "../types";

export interface DatedValue {
  readonly date: string;
  readonly value: number;
}

/**
 * Rows of one track that improved the best record time so far, in table order, with date and time. A track whose
 * table has no times (track 3, the optimization benchmark: fewest steps at a fixed model and batch) progresses in
 * tokens to target instead (steps x its fixed 524,288-token batch, from the rows' own runs).
 */
export function frontierRows(rows: readonly RecordCompute[], track: string): RecordCompute[] {
  const dated = rows.filter((r) => r.track === track && r.date !== null);
  const timed = dated.some((r) => r.recordTimeS !== null);
  const progress = (r: RecordCompute): number | null => (timed ? r.recordTimeS : r.tokensToTarget);
  const mine = dated.filter((r) => (progress(r) ?? 0) > 0).sort((a, b) => a.rowIndex - b.rowIndex);
  const out: RecordCompute[] = [];
  let best = Infinity;
  for (const r of mine)
    if ((progress(r) as number) < best) {
      best = progress(r) as number;
      out.push(r);
    }
  return out;
}

export function halvingInterval(slope: number, slopeCi: readonly [number, number] | null): Interval {
  if (!(slope < 0))
    return { estimate: null, lo: null, hi: null, note: `no decline (slope ${slope.toPrecision(3)} per month)` };
  const estimate = Math.LN2 / -slope;
  if (!slopeCi) return { estimate, lo: null, hi: null, note: "two points: no interval" };
  const lo = slopeCi[0] < 0 ? Math.LN2 / -slopeCi[0] : null;
  const hi = slopeCi[1] < 0 ? Math.LN2 / -slopeCi[1] : null;
  return { estimate, lo, hi, note: hi === null ? "upper end unbounded: the slope's 95% interval reaches zero" : "" };
}

export function halvingTime(
  points: readonly DatedValue[],
  track: string,
  metric: HalvingTimeRow["metric"],
  variant: string,
): HalvingTimeRow {
  const pts = points
    .filter((p) => p.value > 0)
    .slice()
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const base = {
    track,
    metric,
    variant,
    n: pts.length,
    firstDate: pts[0]?.date ?? null,
    lastDate: pts[pts.length - 1]?.date ?? null,
  };
  const distinctDates = new Set(pts.map((p) => p.date)).size;
  if (pts.length < 2 || distinctDates < 2)
    return {
      ...base,
      slopeLnPerMonth: null,
      halvingMonths: { estimate: null, lo: null, hi: null, note: "" },
      reason: `need 2 or more dated points on distinct dates, have ${pts.length}`,
    };
  const x = pts.map((p) => monthsBetween(pts[0].date, p.date));
  const y = pts.map((p) => Math.log(p.value));
  const fit = olsFit(x, y);
  return { ...base, slopeLnPerMonth: fit.slope, halvingMonths: halvingInterval(fit.slope, fit.slopeCi), reason: "" };
}

/**
 * Per track and metric: all frontier rows; without the baseline row (the llm.c runs predate the speedrun); and split
 * at `splitDate` (default 2025-01-13, the date of the "14x in ~8 months" claim) to show whether the pace held.
 */
export function computeHalvingTimes(rows: readonly RecordCompute[], splitDate = "2025-01-13"): HalvingTimeRow[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(splitDate)) throw new Error(`invalid splitDate: ${splitDate} (expected YYYY-MM-DD)`);
  const tracks = [...new Set(rows.map((r) => r.track))].sort();
  const out: HalvingTimeRow[] = [];
  for (const track of tracks) {
    const front = frontierRows(rows, track);
    const series: [HalvingTimeRow["metric"], DatedValue[]][] = [
      [
        "record_time",
        front
          .filter((r) => r.recordTimeS !== null)
          .map((r) => ({ date: r.date as string, value: r.recordTimeS as number })),
      ],
      [
        "tokens_to_target",
        front
          .filter((r) => r.tokensToTarget !== null)
          .map((r) => ({ date: r.date as string, value: r.tokensToTarget as number })),
      ],
    ];
    for (const [metric, pts] of series) {
      if (!pts.length) continue;
      out.push(halvingTime(pts, track, metric, "all"));
      out.push(halvingTime(pts.slice(1), track, metric, "excluding_baseline"));
      const before = pts.filter((p) => p.date <= splitDate);
      const after = pts.filter((p) => p.date >= splitDate);
      if (before.length >= 3 && after.length >= 3) {
        out.push(halvingTime(before, track, metric, `until_${splitDate}`));
        out.push(halvingTime(after, track, metric, `from_${splitDate}`));
      }
    }
  }
  return out;
}

/**
 * Hindcast: fit ln(record time) on the frontier rows dated on or before `cutoff`, predict every later frontier row,
 * and score the predictions (mean |log10 error|, median predicted/actual, share inside the 95% prediction interval).
 */
export function hindcastHalving(rows: readonly RecordCompute[], track: string, cutoff: string): HindcastRow {
  const front = frontierRows(rows, track);
  const fitRows = front.filter((r) => (r.date as string) <= cutoff);
  const later = front.filter((r) => (r.date as string) > cutoff);
  const description =
    `${track}: ln(record time) vs date fitted on records up to ${cutoff}, predicting the ` + `later records`;
  const base = { kind: "halving_time" as const, description, cutoff, nFit: fitRows.length, nScored: later.length };
  if (fitRows.length < 3 || later.length === 0)
    return {
      ...base,
      meanAbsLog10Error: null,
      medianRatio: null,
      coverage: null,
      reason: `need >= 3 fit rows and >= 1 later row (have ${fitRows.length}, ${later.length})`,
    };
  const t0 = fitRows[0].date as string;
  const fit = olsFit(
    fitRows.map((r) => monthsBetween(t0, r.date as string)),
    fitRows.map((r) => Math.log(r.recordTimeS as number)),
  );
  let absErr = 0;
  let inside = 0;
  const ratios: number[] = [];
  for (const r of later) {
    const p = olsPredict(fit, monthsBetween(t0, r.date as string));
    const actual = Math.log(r.recordTimeS as number);
    absErr += Math.abs(p.y - actual) / Math.LN10;
    ratios.push(Math.exp(p.y - actual));
    if (p.lo !== null && p.hi !== null && actual >= p.lo && actual <= p.hi) inside++;
  }
  ratios.sort((a, b) => a - b);
  const m = Math.floor(ratios.length / 2);
  const medianRatio = ratios.length % 2 ? ratios[m] : 0.5 * (ratios[m - 1] + ratios[m]);
  return {
    ...base,
    meanAbsLog10Error: absErr / later.length,
    medianRatio,
    coverage: inside / later.length,
    reason: "",
  };
}
