// Adapters from analysis results to the inputs of the rate figures (segmentedTrendFigure, forecastScoresFigure,
// attributionWaterfallFigure), so notebooks stay a few calls per cell.
import type { AttributionRow } from "../analysis/attribution/attribution";
import { frontierRows } from "../analysis/progress/halvingTime";
import { olsFit } from "../math/olsFit";
import type { ForecastScore } from "../analysis/progress/rollingForecast";
import { segmentedTrend } from "../analysis/progress/segmentedTrend";
import { addMonths, monthsBetween } from "../math/months";
import type { RecordCompute } from "../analysis/types";
import type { AttributionPart } from "./attributionWaterfallFigure";
import type { ForecastScorePoint } from "./forecastScoresFigure";
import type { SegmentedTrendInput } from "./segmentedTrendFigure";

const UNIT: Readonly<Record<string, { scale: number; name: string }>> = {
  record_time: { scale: 1 / 60, name: "record time (minutes)" },
  tokens_to_target: { scale: 1e-9, name: "tokens to target (billions)" },
  flops_to_target: { scale: 1, name: "FLOPs to target" },
};

/** Frontier records of a track with the single exponential and the segmented trend through them (fitted here the
 * way progressRates.ts fits them). Values in minutes (record time), billions of tokens, or FLOPs. */
export function segmentedTrendInput(
  rows: readonly RecordCompute[],
  track: string,
  metric: "record_time" | "tokens_to_target" | "flops_to_target" = "record_time",
): SegmentedTrendInput {
  const unit = UNIT[metric];
  const value = (r: RecordCompute) =>
    metric === "record_time" ? r.recordTimeS : metric === "tokens_to_target" ? r.tokensToTarget : r.flopsToTarget;
  const pts = frontierRows(rows, track)
    .filter((r) => (value(r) ?? 0) > 0)
    .map((r) => ({ date: r.date as string, value: value(r) as number }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (pts.length < 3) throw new Error(`segmentedTrendInput: ${track} ${metric} has ${pts.length} points (need 3)`);
  const t0 = pts[0].date;
  const x = pts.map((p) => monthsBetween(t0, p.date));
  const y = pts.map((p) => Math.log(p.value));
  const line = olsFit(x, y);
  const seg = segmentedTrend(x, y);
  const at = (m: number, v: number) => ({ date: addMonths(t0, m), value: Math.exp(v) * unit.scale });
  const xEnd = x[x.length - 1];
  const halving = (s: number | null) => (s !== null && s < 0 ? `${(Math.LN2 / -s).toFixed(1)} months` : "no decline");
  return {
    label: `${track} ${unit.name}`,
    points: pts.map((p) => ({ date: p.date, value: p.value * unit.scale })),
    single: [at(0, line.intercept), at(xEnd, line.intercept + line.slope * xEnd)],
    segmented:
      seg.breakX === null || seg.intercept === null || seg.slopeBefore === null || seg.slopeAfter === null
        ? []
        : [
            at(0, seg.intercept),
            at(seg.breakX, seg.intercept + seg.slopeBefore * seg.breakX),
            at(xEnd, seg.intercept + seg.slopeBefore * seg.breakX + seg.slopeAfter * (xEnd - seg.breakX)),
          ],
    singleLabel: `one exponential: halving ${halving(line.slope)}`,
    segmentedLabel: `with a break at ${seg.breakX === null ? "n/a" : addMonths(t0, seg.breakX)}: ${halving(seg.slopeBefore)}, then ${halving(seg.slopeAfter)}`,
    breakLo: seg.breakLo === null ? null : addMonths(t0, seg.breakLo),
    breakHi: seg.breakHi === null ? null : addMonths(t0, seg.breakHi),
  };
}

export function forecastScorePoints(scores: readonly ForecastScore[], track: string): ForecastScorePoint[] {
  return scores.filter((s) => s.series === track && s.n > 0);
}

/** One track's attribution rows (one scope) as waterfall parts, largest factor first, without the total row. */
export function attributionParts(
  rows: readonly (AttributionRow & { scope?: string })[],
  track: string,
  kind: "time" | "token" | "flops" = "time",
  scope = "all records",
): AttributionPart[] {
  const pick = (r: AttributionRow) =>
    kind === "time"
      ? [r.timeFactor, r.timeLo, r.timeHi]
      : kind === "token"
        ? [r.tokenFactor, r.tokenLo, r.tokenHi]
        : [r.flopsFactor, r.flopsLo, r.flopsHi];
  return rows
    .filter((r) => r.track === track && r.category !== "total" && (r.scope === undefined || r.scope === scope))
    .map((r) => {
      const [f, lo, hi] = pick(r);
      return {
        label: `${r.category} (${r.steps})`,
        factor: f as number,
        ...(lo !== null && hi !== null ? { lo: lo as number, hi: hi as number } : {}),
      };
    })
    .filter((p) => p.factor !== null && p.factor > 0)
    .sort((a, b) => b.factor - a.factor);
}
