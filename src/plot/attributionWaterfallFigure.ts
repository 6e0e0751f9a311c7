// The attribution waterfall: each kind of change's chained equal-loss factor as a step on a log scale (factors
// multiply, so log steps add), ending at the total; ticks read as "2x", "10x". A factor below 1 steps down.
// Drawn as floating bars (a bar trace with a base per bar, thin connector lines as shapes) rather than Plotly's
// waterfall trace: bars are in plotly.js's basic bundle, which draws the notebooks' static images in a quarter of the
// full bundle's start-up time (src/notebook/renderFigurePng.ts).
import { axis, baseLayout, checkFactorParts, figureDefaults, resolveOptions } from "./style";
import type { Figure, FigureOptions } from "./types";

export interface AttributionPart {
  readonly label: string;
  readonly factor: number;
  readonly lo?: number;
  readonly hi?: number;
}

const attributionWaterfallDefaults = {
  ...figureDefaults,
  caption: "Each step multiplies: on this log axis, equal heights are equal factors, and they add up to the total.",
  totalLabel: "total",
  yTitle: "Cumulative factor (log scale)",
};

const builder = "attributionWaterfallFigure";
const TICKS = [0.5, 1, 2, 5, 10, 20, 50, 100];
const BAR_WIDTH = 0.8;
const INCREASING = "#2a9d8f";
const DECREASING = "#e76f51";
const TOTAL = "#264653";

export function attributionWaterfallFigure(
  parts: readonly AttributionPart[],
  options: FigureOptions & { totalLabel?: string; yTitle?: string } = {},
): Figure {
  const o = resolveOptions(builder, options, attributionWaterfallDefaults);
  const rows = checkFactorParts(builder, parts);
  const total = rows.reduce((s, r) => s * r.factor, 1);
  const label = (r: { factor: number; lo: number; hi: number }) =>
    `${r.factor.toPrecision(3)}x${r.hi > r.lo ? ` (${r.lo.toPrecision(3)}-${r.hi.toPrecision(3)})` : ""}`;
  const steps = rows.map((r) => Math.log10(r.factor));
  const bases: number[] = [];
  let cum = 0;
  for (const step of steps) {
    bases.push(cum);
    cum += step;
  }
  const ends = steps.map((step, i) => bases[i] + step);
  const top = Math.max(0, ...ends);
  const bottom = Math.min(0, ...ends);
  const ticks = TICKS.filter((t) => Math.log10(t) >= bottom - 0.3 && Math.log10(t) <= top + 0.3);
  const yaxis = {
    ...axis(o.yTitle, "linear"),
    tickvals: ticks.map((t) => Math.log10(t)),
    ticktext: ticks.map((t) => `${t}x`),
    range: [bottom - 0.1, top + 0.25],
  };
  // Connector from each bar's end to the next bar's start, at the running total (bars are BAR_WIDTH categories wide).
  const connectors = ends.map((level, i) => ({
    type: "line",
    xref: "x",
    yref: "y",
    x0: i + BAR_WIDTH / 2,
    x1: i + 1 - BAR_WIDTH / 2,
    y0: level,
    y1: level,
    line: { color: "#888888", width: 1 },
  }));
  return {
    data: [
      {
        type: "bar",
        orientation: "v",
        name: "factor",
        x: [...rows.map((r) => r.label), o.totalLabel],
        base: [...bases, 0],
        y: [...steps, cum],
        width: BAR_WIDTH,
        marker: { color: [...rows.map((r) => (r.factor >= 1 ? INCREASING : DECREASING)), TOTAL] },
        text: [...rows.map(label), `${total.toPrecision(3)}x`],
        textposition: "outside",
        hoverinfo: "text",
      },
    ],
    layout: { ...baseLayout(o, axis("", "category"), yaxis), showlegend: false, shapes: connectors },
  };
}
