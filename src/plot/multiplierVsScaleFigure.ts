// Compute multiplier versus model size: measured multipliers with error bars, extrapolation as a dashed line and band.
import { axis, baseLayout, checkNonEmpty, checkNumber, colour, figureDefaults, resolveOptions, withAlpha } from "./style";
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
        if (!(q.lo <= q.multiplier && q.multiplier <= q.hi)) {
          throw new Error(`${builder}: ${where} has lo ${q.lo}, multiplier ${q.multiplier}, hi ${q.hi} (expected lo <= multiplier <= hi)`);
        }
        return q;
      });
      // A zero-width band (no uncertainty given) is left out rather than drawn as an invisible polygon.
      if (ex.some((p) => p.hi > p.lo)) {
        traces.push({
          type: "scatter",
          mode: "lines",
          name: `${s.label} band`,
          legendgroup: s.label,
          showlegend: false,
          hoverinfo: "skip",
          x: [...ex.map((p) => p.params), ...ex.map((p) => p.params).reverse()],
          y: [...ex.map((p) => p.hi), ...ex.map((p) => p.lo).reverse()],
          fill: "toself",
          fillcolor: withAlpha(c, 0.18),
          line: { width: 0, color: c },
        });
      }
      traces.push({
        type: "scatter",
        mode: "lines",
        name: `${s.label} extrapolated`,
        legendgroup: s.label,
        x: ex.map((p) => p.params),
        y: ex.map((p) => p.multiplier),
        line: { color: c, width: 2, dash: "dash" },
        hovertemplate: "N = %{x:.3s}<br>%{y:.3g}× (extrapolated)<extra>%{fullData.name}</extra>",
      });
    }
    const points = s.points.map((p, j) => {
      const where = `series "${s.label}" point ${j}`;
      const multiplier = checkNumber(builder, where, "multiplier", p.multiplier, true);
      const lo = p.lo === undefined ? multiplier : checkNumber(builder, where, "lo", p.lo, true);
      const hi = p.hi === undefined ? multiplier : checkNumber(builder, where, "hi", p.hi, true);
      if (!(lo <= multiplier && multiplier <= hi)) {
        throw new Error(`${builder}: ${where} has lo ${lo}, multiplier ${multiplier}, hi ${hi} (expected lo <= multiplier <= hi)`);
      }
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
