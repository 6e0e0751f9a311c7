// The attribution waterfall: each kind of change's chained equal-loss factor as a step on a log scale (factors
// multiply, so log steps add), ending at the total; ticks read as "2x", "10x". A factor below 1 steps down.
import { axis, baseLayout, checkFactorParts, figureDefaults, resolveOptions } from "./style";
import type { Figure, FigureOptions } from "./types";

export interface AttributionPart {
  readonly label: string;
  readonly factor: number;
  readonly lo?: number;
  readonly hi?: number;
}

export const attributionWaterfallDefaults = { ...figureDefaults, caption: "Each step multiplies: on this log axis, equal heights are equal factors, and they add up to the total.", totalLabel: "total", yTitle: "Cumulative factor (log scale)" };

const builder = "attributionWaterfallFigure";
const TICKS = [0.5, 1, 2, 5, 10, 20, 50, 100];

export function attributionWaterfallFigure(parts: readonly AttributionPart[], options: FigureOptions & { totalLabel?: string; yTitle?: string } = {}): Figure {
  const o = resolveOptions(builder, options, attributionWaterfallDefaults);
  const rows = checkFactorParts(builder, parts);
  const total = rows.reduce((s, r) => s * r.factor, 1);
  const label = (r: { factor: number; lo: number; hi: number }) =>
    `${r.factor.toPrecision(3)}x${r.hi > r.lo ? ` (${r.lo.toPrecision(3)}-${r.hi.toPrecision(3)})` : ""}`;
  let cum = 0;
  let top = 0;
  let bottom = 0;
  for (const r of rows) { cum += Math.log10(r.factor); top = Math.max(top, cum); bottom = Math.min(bottom, cum); }
  const ticks = TICKS.filter((t) => Math.log10(t) >= bottom - 0.3 && Math.log10(t) <= top + 0.3);
  const yaxis = { ...axis(o.yTitle, "linear"), tickvals: ticks.map((t) => Math.log10(t)), ticktext: ticks.map((t) => `${t}x`), range: [Math.min(bottom, 0) - 0.1, top + 0.25] };
  return {
    data: [{
      type: "waterfall", orientation: "v", name: "factor",
      measure: [...rows.map(() => "relative"), "total"],
      x: [...rows.map((r) => r.label), o.totalLabel],
      y: [...rows.map((r) => Math.log10(r.factor)), 0],
      text: [...rows.map(label), `${total.toPrecision(3)}x`],
      textposition: "outside",
      connector: { line: { color: "#888888", width: 1 } },
      increasing: { marker: { color: "#2a9d8f" } },
      decreasing: { marker: { color: "#e76f51" } },
      totals: { marker: { color: "#264653" } },
      hoverinfo: "text",
    }],
    layout: { ...baseLayout(o, axis("", "category"), yaxis), showlegend: false },
  };
}
