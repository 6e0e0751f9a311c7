// Loss versus training compute: measured points per run or recipe, the fitted law as a line, its confidence band
// shaded.
import { bandCurveTraces } from "./bandCurveTraces";
import {
  axis,
  baseLayout,
  checkInterval,
  checkNonEmpty,
  checkNumber,
  colour,
  figureDefaults,
  resolveOptions,
} from "./style";
import type { Figure, FigureOptions, LossCurveSeries, Trace } from "./types";

export interface LossVsComputeOptions extends FigureOptions {
  /** Log scale on the loss axis too (the usual view of a power law plus offset). Default true. */
  readonly logY?: boolean;
  readonly xTitle?: string;
  readonly yTitle?: string;
  /** Draws the target loss as a dashed horizontal line across the compute range (NaN: none). */
  readonly targetLoss?: number;
}

export const lossVsComputeDefaults = {
  ...figureDefaults,
  caption:
    "Lower at the same compute is better: a curve left of another reaches each loss with fewer FLOPs. Dashed: fits.",
  logY: true,
  xTitle: "Training compute C = 6ND (FLOPs)",
  yTitle: "Validation loss (nats/token)",
  targetLoss: Number.NaN,
};

const builder = "lossVsComputeFigure";

export function lossVsComputeFigure(series: readonly LossCurveSeries[], options: LossVsComputeOptions = {}): Figure {
  const o = resolveOptions(builder, options, lossVsComputeDefaults);
  checkNonEmpty(builder, "series", series);
  const traces: Trace[] = [];
  series.forEach((s, i) => {
    const c = colour(i);
    const points = s.points.map((p, j) => ({
      x: checkNumber(builder, `series "${s.label}" point ${j}`, "x", p.x, true),
      y: checkNumber(builder, `series "${s.label}" point ${j}`, "y", p.y, o.logY),
    }));
    if (s.fit && s.fit.length > 0) {
      const fit = s.fit.map((p, j) => {
        const where = `series "${s.label}" fit point ${j}`;
        const q = {
          x: checkNumber(builder, where, "x", p.x, true),
          y: checkNumber(builder, where, "y", p.y, o.logY),
          lo: checkNumber(builder, where, "lo", p.lo, o.logY),
          hi: checkNumber(builder, where, "hi", p.hi, o.logY),
        };
        checkInterval(builder, where, "y", q.lo, q.y, q.hi);
        return q;
      });
      const curve = bandCurveTraces(s.label, c, fit, {
        name: `${s.label} fit`,
        hovertemplate: "C = %{x:.3e} FLOPs<br>fitted loss %{y:.4f}<extra>%{fullData.name}</extra>",
      });
      // One legend entry per series (its markers; the fit toggles with them): the caption says dashed lines are fits.
      if (points.length > 0) curve[curve.length - 1] = { ...curve[curve.length - 1], showlegend: false };
      traces.push(...curve);
    }
    traces.push({
      type: "scatter",
      mode: "markers",
      name: s.label,
      legendgroup: s.label,
      x: points.map((p) => p.x),
      y: points.map((p) => p.y),
      marker: { color: c, size: 7 },
      hovertemplate: "C = %{x:.3e} FLOPs<br>loss %{y:.4f}<extra>%{fullData.name}</extra>",
    });
  });
  if (!Number.isNaN(o.targetLoss)) {
    checkNumber(builder, "option targetLoss", "value", o.targetLoss, o.logY);
    // A trace, not a layout shape: shapes on a log axis take log10 coordinates; a trace also gets a legend entry.
    const xs = traces.flatMap((t) => (Array.isArray(t.x) ? (t.x as number[]) : []));
    traces.push({
      type: "scatter",
      mode: "lines",
      name: `target loss ${o.targetLoss}`,
      x: [Math.min(...xs), Math.max(...xs)],
      y: [o.targetLoss, o.targetLoss],
      line: { color: "#444444", width: 1.5, dash: "dash" },
      hoverinfo: "name",
    });
  }
  return {
    data: traces,
    layout: baseLayout(o, axis(o.xTitle, "log"), axis(o.yTitle, o.logY ? "log" : "linear")),
  };
}
