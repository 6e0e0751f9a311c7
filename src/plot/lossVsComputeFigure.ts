// Loss versus training compute: measured points per run or recipe, the fitted law as a line, its confidence band shaded.
import { axis, baseLayout, checkNonEmpty, checkNumber, colour, figureDefaults, resolveOptions, withAlpha } from "./style";
import type { Figure, FigureOptions, LossCurveSeries, Trace } from "./types";

export interface LossVsComputeOptions extends FigureOptions {
  /** Log scale on the loss axis too (the usual view of a power law plus offset). Default true. */
  readonly logY?: boolean;
  readonly xTitle?: string;
  readonly yTitle?: string;
}

export const lossVsComputeDefaults = {
  ...figureDefaults,
  logY: true,
  xTitle: "Training compute C = 6ND (FLOPs)",
  yTitle: "Validation loss (nats/token)",
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
        if (!(q.lo <= q.y && q.y <= q.hi)) throw new Error(`${builder}: ${where} has lo ${q.lo}, y ${q.y}, hi ${q.hi} (expected lo <= y <= hi)`);
        return q;
      });
      // Band as one closed polygon (upper edge forward, lower edge back), so it toggles with its legend group.
      // A zero-width band (no uncertainty given) is left out rather than drawn as an invisible polygon.
      if (fit.some((p) => p.hi > p.lo)) {
        traces.push({
          type: "scatter",
          mode: "lines",
          name: `${s.label} band`,
          legendgroup: s.label,
          showlegend: false,
          hoverinfo: "skip",
          x: [...fit.map((p) => p.x), ...fit.map((p) => p.x).reverse()],
          y: [...fit.map((p) => p.hi), ...fit.map((p) => p.lo).reverse()],
          fill: "toself",
          fillcolor: withAlpha(c, 0.18),
          line: { width: 0, color: c },
        });
      }
      traces.push({
        type: "scatter",
        mode: "lines",
        name: `${s.label} fit`,
        legendgroup: s.label,
        x: fit.map((p) => p.x),
        y: fit.map((p) => p.y),
        line: { color: c, width: 2, dash: "dash" },
        hovertemplate: "C = %{x:.3e} FLOPs<br>fitted loss %{y:.4f}<extra>%{fullData.name}</extra>",
      });
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
  return {
    data: traces,
    layout: baseLayout(o, axis(o.xTitle, "log"), axis(o.yTitle, o.logY ? "log" : "linear")),
  };
}
