// Adapters from analysis results to the inputs of the rate figures (segmentedTrendFigure, forecastScoresFigure,
// attributionWaterfallFigure), so notebooks stay a few calls per cell. They draw the analysis's numbers and fit
// nothing:
// a chart cannot drift from the halving times it illustrates.
import type { AttributionRow } from "../analysis/attribution/attribution";
import { frontierRows } from "../analysis/progress/halvingTime";
import type { ProgressRate } from "../analysis/progress/progressRates";
import type { ForecastScore } from "../analysis/progress/rollingForecast";
import { addMonths } from "../math/months";
import type { RecordCompute } from "../analysis/types";
import type { AttributionPart } from "./attributionWaterfallFigure";
import type { ForecastScorePoint } from "./forecastScoresFigure";
import type { SegmentedTrendInput } from "./segmentedTrendFigure";

const UNIT: Readonly<Record<string, { scale: number; name: string }>> = {
  record_time: { scale: 1 / 60, name: "record time (minutes)" },
  tokens_to_target: { scale: 1e-9, name: "tokens to target (billions)" },
  flops_to_target: { scale: 1, name: "FLOPs to target" },
};

/**
 * Frontier records of a track with the single exponential and the segmented trend the analysis fitted through them
 * (progressRates.ts: `results.rates`). Values in minutes (record time), billions of tokens, or FLOPs.
 */
export function segmentedTrendInput(
  results: { readonly recordCompute: readonly RecordCompute[]; readonly rates: readonly ProgressRate[] },
  track: string,
  metric: "record_time" | "tokens_to_target" | "flops_to_target" = "record_time",
): SegmentedTrendInput {
  const unit = UNIT[metric];
  const rate = results.rates.find((r) => r.track === track && r.metric === metric);
  if (!rate || rate.fitted === null || rate.firstDate === null)
    throw new Error(`segmentedTrendInput: the analysis fitted no ${metric} trend for ${track}`);
  const value = (r: RecordCompute) =>
    metric === "record_time" ? r.recordTimeS : metric === "tokens_to_target" ? r.tokensToTarget : r.flopsToTarget;
  const pts = frontierRows(results.recordCompute, track)
    .filter((r) => (value(r) ?? 0) > 0)
    .map((r) => ({ date: r.date as string, value: value(r) as number }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const t0 = rate.firstDate;
  const { line, hinge, xEnd } = rate.fitted;
  const at = (m: number, v: number) => ({ date: addMonths(t0, m), value: Math.exp(v) * unit.scale });
  const months = (x: number | null) => (x === null ? "no decline" : `${x.toFixed(1)} months`);
  return {
    label: `${track} ${unit.name}`,
    points: pts.map((p) => ({ date: p.date, value: p.value * unit.scale })),
    single: [at(0, line.intercept), at(xEnd, line.intercept + line.slope * xEnd)],
    segmented:
      hinge === null
        ? []
        : [
            at(0, hinge.intercept),
            at(hinge.breakX, hinge.intercept + hinge.slopeBefore * hinge.breakX),
            at(xEnd, hinge.intercept + hinge.slopeBefore * hinge.breakX + hinge.slopeAfter * (xEnd - hinge.breakX)),
          ],
    singleLabel: `one exponential: halving ${months(rate.estimate)}`,
    segmentedLabel:
      `with a break at ${rate.breakDate ?? "n/a"}: ${months(rate.beforeMonths)}, ` + `then ${months(rate.afterMonths)}`,
    breakLo: rate.breakLo,
    breakHi: rate.breakHi,
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
