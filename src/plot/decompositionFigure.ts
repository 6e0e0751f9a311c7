// Decomposition bars: the factors a total speed-up splits into (architecture, tokens/parameter ratio, ...), on a log
// axis because factors multiply: equal bar lengths mean equal contributions.
import { axis, baseLayout, checkFactorParts, colour, figureDefaults, resolveOptions, topMarginPx } from "./style";
import type { DecompositionPart, Figure, FigureOptions } from "./types";

export interface DecompositionOptions extends FigureOptions {
  readonly xTitle?: string;
}

const decompositionDefaults = {
  ...figureDefaults,
  caption: "Factors multiply: on this log axis, bars of equal length are equal contributions to the total.",
  xTitle: "Speed-up factor (×, log scale)",
};

const builder = "decompositionFigure";

export function decompositionFigure(parts: readonly DecompositionPart[], options: DecompositionOptions = {}): Figure {
  const o = resolveOptions(builder, options, decompositionDefaults);
  const rows = checkFactorParts(builder, parts);
  // First part at the top: Plotly draws categories bottom-up, so the category order is reversed.
  const yaxis = { ...axis("", "category"), autorange: "reversed", showgrid: false };
  // Bars grow from 1× (no speed-up): a log axis has no zero, so its range starts at 10^0, with room for the labels.
  const top = Math.max(...rows.map((r) => r.hi));
  const xaxis = { ...axis(o.xTitle, "log"), range: [0, Math.log10(top) + 0.15] };
  return {
    data: [
      {
        type: "bar",
        orientation: "h",
        name: "factor",
        x: rows.map((r) => r.factor),
        y: rows.map((r) => r.label),
        text: rows.map((r) => `${r.factor.toPrecision(3)}×`),
        textposition: "outside",
        marker: { color: rows.map((_, j) => colour(j)) },
        ...(rows.some((r) => r.hi > r.lo)
          ? {
              error_x: {
                type: "data",
                symmetric: false,
                array: rows.map((r) => r.hi - r.factor),
                arrayminus: rows.map((r) => r.factor - r.lo),
                color: "#444444",
                thickness: 1.5,
                width: 4,
              },
            }
          : {}),
        hovertemplate: "%{y}: %{x:.3g}×<extra></extra>",
      },
    ],
    layout: { ...baseLayout(o, xaxis, yaxis), showlegend: false, margin: { l: 200, r: 40, t: topMarginPx(o), b: 70 } },
  };
}
