// Each transfer pair's compute multiplier at each scale it was measured at (x = the treatment's FLOPs to the target),
// the scales of one pair connected. Bounds are drawn as bounds: a lower bound is an upward triangle (the value lies
// above it), an upper bound a downward one, never a plain point; a two-sided interval is a diamond with its bar.
// Rows without compute or multiplier (context rows) are left out: this chart is the fitted data.
import { pairLabel } from "./fromResults";
import { axis, baseLayout, checkNumber, colour, figureDefaults, multiplierAxis, resolveOptions } from "./style";
import type { Figure, FigureOptions, Trace } from "./types";
import type { TransferMeasurement } from "../types";

export interface TransferPairsOptions extends FigureOptions {
  readonly xTitle?: string;
  readonly yTitle?: string;
}

const transferPairsDefaults = {
  ...figureDefaults,
  caption:
    "One line per change at two or more sizes (rising: grows with scale). ● estimate ▲ lower bound ▼ upper " +
    "bound ◆ interval",
  widthPx: 1000,
  heightPx: 600,
  xTitle: "Treatment's compute to the target (FLOPs)",
  yTitle: "Compute multiplier M (×, log scale)",
};

const builder = "transferPairsFigure";

const BOUND_SYMBOLS = {
  estimate: "circle",
  lower_bound: "triangle-up",
  upper_bound: "triangle-down",
  interval: "diamond",
} as const;

export function transferPairsFigure(
  measurements: readonly TransferMeasurement[],
  options: TransferPairsOptions = {},
): Figure {
  const o = resolveOptions(builder, options, transferPairsDefaults);
  const rows = measurements.filter((m) => m.flops !== null && m.multiplier !== null);
  if (rows.length === 0)
    throw new Error(`${builder}: no measurement has both flops and a multiplier (got ${measurements.length} rows)`);
  const categories = [...new Set(rows.map((m) => m.category))].sort();
  const pairIds = [...new Set(rows.map((m) => m.pairId))].sort();
  const traces: Trace[] = pairIds.map((id) => {
    const mine = rows.filter((m) => m.pairId === id).sort((a, b) => (a.flops as number) - (b.flops as number));
    const c = colour(categories.indexOf(mine[0].category));
    const pts = mine.map((m, j) => {
      const where = `pair "${id}" row ${j}`;
      const y = checkNumber(builder, where, "multiplier", m.multiplier, true);
      const lo = m.kind === "interval" || m.kind === "estimate" ? (m.lo ?? y) : y;
      const hi = m.kind === "interval" || m.kind === "estimate" ? (m.hi ?? y) : y;
      return {
        x: checkNumber(builder, where, "flops", m.flops, true),
        y,
        lo: Math.min(lo, y),
        hi: Math.max(hi, y),
        kind: m.kind,
        label: m.scaleLabel,
      };
    });
    const anyBound = pts.some((p) => p.kind === "lower_bound" || p.kind === "upper_bound");
    return {
      type: "scatter",
      mode: "lines+markers",
      name: `${pairLabel(id)} (${mine[0].category}${mine[0].origin === "literature" ? ", literature" : ""})`,
      legendgroup: mine[0].category,
      x: pts.map((p) => p.x),
      y: pts.map((p) => p.y),
      text: pts.map((p) => `${p.label}: ${p.kind.replace("_", " ")}`),
      error_y: {
        type: "data",
        symmetric: false,
        array: pts.map((p) => p.hi - p.y),
        arrayminus: pts.map((p) => p.y - p.lo),
        color: c,
        thickness: 1.2,
        width: 3,
      },
      marker: { color: c, size: 11, symbol: pts.map((p) => BOUND_SYMBOLS[p.kind]), line: { color: c, width: 1.5 } },
      line: { color: c, width: 1.5, dash: anyBound ? "dot" : "solid" },
      hovertemplate: "%{text}<br>C = %{x:.3e} FLOPs<br>M = %{y:.3g}×<extra>%{fullData.name}</extra>",
    };
  });
  // Tick range over every point and its interval ends.
  const ys = traces.flatMap((tr) => {
    const err = tr.error_y as { array?: number[]; arrayminus?: number[] } | undefined;
    return (tr.y as number[]).flatMap((y, k) => [y, y + (err?.array?.[k] ?? 0), y - (err?.arrayminus?.[k] ?? 0)]);
  });
  const layout = baseLayout(o, axis(o.xTitle, "log"), multiplierAxis(o.yTitle, ys));
  return {
    data: traces,
    layout: {
      ...layout,
      // Many pairs: the legend goes to the right, one name a line, instead of under the x axis.
      legend: { orientation: "v", x: 1.02, xanchor: "left", y: 1, yanchor: "top", font: { size: 11 } },
      margin: { ...(layout.margin as object), r: 310, b: 70 },
    },
  };
}
