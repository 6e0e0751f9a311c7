// A curve with its uncertainty band as Plotly traces: the fitted law of lossVsComputeFigure and the extrapolated
// multiplier of multiplierVsScaleFigure are drawn alike.
import { withAlpha } from "./style";
import type { BandPoint, Trace } from "./types";

/**
 * The band as one closed polygon (upper edge forward, lower edge back), so it toggles with its legend group, then the
 * curve as a dashed line named `curve.name`. A zero-width band (no uncertainty given) is left out rather than drawn as
 * an invisible polygon. The points are checked by the caller, which knows their names.
 */
export function bandCurveTraces(
  label: string,
  colour: string,
  points: readonly BandPoint[],
  curve: { readonly name: string; readonly hovertemplate: string },
): Trace[] {
  const traces: Trace[] = [];
  const xs = points.map((p) => p.x);
  if (points.some((p) => p.hi > p.lo)) {
    traces.push({
      type: "scatter",
      mode: "lines",
      name: `${label} band`,
      legendgroup: label,
      showlegend: false,
      hoverinfo: "skip",
      x: [...xs, ...[...xs].reverse()],
      y: [...points.map((p) => p.hi), ...points.map((p) => p.lo).reverse()],
      fill: "toself",
      fillcolor: withAlpha(colour, 0.18),
      line: { width: 0, color: colour },
    });
  }
  traces.push({
    type: "scatter",
    mode: "lines",
    name: curve.name,
    legendgroup: label,
    x: xs,
    y: points.map((p) => p.y),
    line: { color: colour, width: 2, dash: "dash" },
    hovertemplate: curve.hovertemplate,
  });
  return traces;
}
