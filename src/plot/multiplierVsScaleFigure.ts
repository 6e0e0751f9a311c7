// Compute multiplier versus model size: measured multipliers with error bars, extrapolation as a dashed line and band.
import { bandCurveTraces } from "./bandCurveTraces";
import { axis, baseLayout, checkInterval, checkNonEmpty, checkNumber, colour, figureDefaults, resolveOptions } from "./style";
import type { Figure, FigureOptions, MultiplierSeries, Trace } from "./types";

export interface MultiplierVsScaleOptions extends FigureOptions {
  readonly xTitle?: string;
  readonly yTitle?: string;
}

export const multiplierVsScaleDefaults = {
  ...figureDefaults,
  xTitle: "Model size N (parameters)",
  yTitle: "Compute multiplier (×, log scale)",
};

const builder = "multiplierVsScaleFigure";

export function multiplierVsScaleFigure(series: readonly MultiplierSeries[], options: MultiplierVsScaleOptions = {}): Figure {
  const o = resolveOptions(builder, options, multiplierVsScaleDefaults);
  checkNonEmpty(builder, "series", series);
  const traces: Trace[] = [];
  series.forEach((s, i) => {
    const c = colour(i);
    if (s.extrapolation && s.extrapolation.length > 0) {
      const ex = s.extrapolation.map((p, j) => {
        const where = `series "${s.label}" extrapolation point ${j}`;
        const q = {
          params: checkNumber(builder, where, "params", p.params, true),
          multiplier: checkNumber(builder, where, "multiplier", p.multiplier, true),
          lo: checkNumber(builder, where, "lo", p.lo, true),
          hi: checkNumber(builder, where, "hi", p.hi, true),
        };
        checkInterval(builder, where, "multiplier", q.lo, q.multiplier, q.hi);
        return { x: q.params, y: q.multiplier, lo: q.lo, hi: q.hi };
      });
      traces.push(
        ...bandCurveTraces(s.label, c, ex, {
          name: `${s.label} extrapolated`,
          hovertemplate: "N = %{x:.3s}<br>%{y:.3g}× (extrapolated)<extra>%{fullData.name}</extra>",
        }),
      );
    }
    const points = s.points.map((p, j) => {
      const where = `series "${s.label}" point ${j}`;
      const multiplier = checkNumber(builder, where, "multiplier", p.multiplier, true);
      const lo = p.lo === undefined ? multiplier : checkNumber(builder, where, "lo", p.lo, true);
      const hi = p.hi === undefined ? multiplier : checkNumber(builder, where, "hi", p.hi, true);
      checkInterval(builder, where, "multiplier", lo, multiplier, hi);
      return { params: checkNumber(builder, where, "params", p.params, true), multiplier, lo, hi };
    });
    traces.push({
      type: "scatter",
      mode: "markers",
      name: s.label,
      legendgroup: s.label,
      x: points.map((p) => p.params),
      y: points.map((p) => p.multiplier),
      error_y: {
        type: "data",
        symmetric: false,
        array: points.map((p) => p.hi - p.multiplier),
        arrayminus: points.map((p) => p.multiplier - p.lo),
        color: c,
        thickness: 1.5,
        width: 4,
      },
      marker: { color: c, size: 9 },
      hovertemplate: "N = %{x:.3s}<br>%{y:.3g}×<extra>%{fullData.name}</extra>",
    });
  });
  return { data: traces, layout: baseLayout(o, axis(o.xTitle, "log"), axis(o.yTitle, "log")) };
}
