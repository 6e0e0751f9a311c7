// Compute multiplier versus model size: measured multipliers with error bars, extrapolation as a dashed line and band.
import { bandCurveTraces } from "./bandCurveTraces";
import {
  axis,
  baseLayout,
  checkInterval,
  checkNonEmpty,
  checkNumber,
  colour,
  figureDefaults,
  formatCount,
  multiplierAxis,
  resolveOptions,
} from "./style";
import type { Figure, FigureOptions, MultiplierSeries, Trace } from "./types";

export interface MultiplierVsScaleOptions extends FigureOptions {
  readonly xTitle?: string;
  readonly yTitle?: string;
}

const multiplierVsScaleDefaults = {
  ...figureDefaults,
  caption:
    "Joined points: one change measured at two sizes; a line falling to the right means the gain shrinks with " +
    "scale. ▲ = lower bound.",
  xTitle: "Model size N (parameters)",
  yTitle: "Compute multiplier (×, log scale)",
};

const builder = "multiplierVsScaleFigure";

export function multiplierVsScaleFigure(
  series: readonly MultiplierSeries[],
  options: MultiplierVsScaleOptions = {},
): Figure {
  const o = resolveOptions(builder, options, multiplierVsScaleDefaults);
  checkNonEmpty(builder, "series", series);
  // The x axis holds parameters unless its title says FLOPs (multiplierSeries writes either into `params`).
  const flopsAxis = /flop/i.test(o.xTitle);
  const xText = (x: number) =>
    flopsAxis ? `C = ${Number(x.toPrecision(3)).toExponential()} FLOPs`.replace("e+", "e") : `N = ${formatCount(x)}`;
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
      const curve = bandCurveTraces(s.label, c, ex, {
        name: s.label,
        hovertemplate: "%{customdata}<br>%{y:.3g}× (extrapolated)<extra>%{fullData.name}</extra>",
      });
      const line = curve[curve.length - 1];
      curve[curve.length - 1] = { ...line, customdata: ex.map((p) => xText(p.x)) };
      traces.push(...curve);
    }
    const points = s.points.map((p, j) => {
      const where = `series "${s.label}" point ${j}`;
      const multiplier = checkNumber(builder, where, "multiplier", p.multiplier, true);
      const lo = p.lo === undefined ? multiplier : checkNumber(builder, where, "lo", p.lo, true);
      const hi = p.hi === undefined ? multiplier : checkNumber(builder, where, "hi", p.hi, true);
      checkInterval(builder, where, "multiplier", lo, multiplier, hi);
      return {
        params: checkNumber(builder, where, "params", p.params, true),
        multiplier,
        lo,
        hi,
        name: p.name ?? "",
        lowerBound: p.lowerBound === true,
      };
    });
    const connect = s.connect === true && points.length > 1;
    traces.push({
      type: "scatter",
      mode: connect ? "lines+markers" : "markers",
      name: s.label,
      legendgroup: s.label,
      // A series with an extrapolation is listed once in the legend, by its line.
      ...(s.extrapolation && s.extrapolation.length > 0 ? { showlegend: false } : {}),
      x: points.map((p) => p.params),
      y: points.map((p) => p.multiplier),
      customdata: points.map((p) => [
        p.name === "" ? s.label : p.name,
        xText(p.params),
        p.lowerBound ? "≥ " : "",
        p.hi > p.lo ? ` (${Number(p.lo.toPrecision(3))}–${Number(p.hi.toPrecision(3))})` : "",
      ]),
      error_y: {
        type: "data",
        symmetric: false,
        array: points.map((p) => p.hi - p.multiplier),
        arrayminus: points.map((p) => p.multiplier - p.lo),
        color: c,
        thickness: 1.5,
        width: 4,
      },
      marker: { color: c, size: 9, symbol: points.map((p) => (p.lowerBound ? "triangle-up" : "circle")) },
      ...(connect ? { line: { color: c, width: 1.5 } } : {}),
      hovertemplate:
        "%{customdata[0]}<br>%{customdata[1]}<br>%{customdata[2]}%{y:.3g}×%{customdata[3]}<extra>" +
        "%{fullData.name}</extra>",
    });
  });
  // Multipliers span a few decades at most: ticks at 1, 2, 5, 10, ... written as multipliers, not every digit.
  const ys = series.flatMap((s) => [
    ...s.points.flatMap((p) => [p.multiplier, p.lo ?? p.multiplier, p.hi ?? p.multiplier]),
    ...(s.extrapolation ?? []).flatMap((p) => [p.lo, p.hi]),
  ]);
  return { data: traces, layout: baseLayout(o, axis(o.xTitle, "log"), multiplierAxis(o.yTitle, ys)) };
}
