// The scale model's extrapolation as a fan per category: from each category's anchor (its measured multiplier at
// the smallest compute) out to 1e26 FLOPs, the central line dashed and the 95% prediction interval as a band, with
// published measurements drawn beside it as crosses so the fan can be read against outside evidence.
import { bandCurveTraces } from "./bandCurveTraces";
import {
  axis,
  baseLayout,
  checkInterval,
  checkNumber,
  colour,
  figureDefaults,
  multiplierAxis,
  resolveOptions,
} from "./style";
import type { Figure, FigureOptions, Trace } from "./types";

/** One extrapolated multiplier (summary.json `extrapolation` rows have this shape). */
export interface ScaleFanRow {
  readonly category: string;
  readonly flops: number;
  readonly multiplier: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly anchorFlops?: number;
  readonly anchorMultiplier?: number;
}

/** A measurement drawn beside the fan (literature or logs). */
export interface ScaleFanMarker {
  readonly label: string;
  readonly flops: number;
  readonly multiplier: number;
}

export interface ScaleFanOptions extends FigureOptions {
  readonly xTitle?: string;
  readonly yTitle?: string;
}

const scaleFanDefaults = {
  ...figureDefaults,
  caption: "The band is the 95% prediction interval: below 1× would mean no gain at that compute.",
  heightPx: 560,
  xTitle: "Compute (FLOPs)",
  yTitle: "Compute multiplier M (×, log scale)",
};

const builder = "scaleFanFigure";

export function scaleFanFigure(
  rows: readonly ScaleFanRow[],
  beside: readonly ScaleFanMarker[] = [],
  options: ScaleFanOptions = {},
): Figure {
  const o = resolveOptions(builder, options, scaleFanDefaults);
  const usable = rows.filter((r) => r.multiplier !== null && r.lo !== null && r.hi !== null);
  if (usable.length === 0)
    throw new Error(`${builder}: no row with a multiplier and an interval (got ${rows.length} rows)`);
  const cats = [...new Set(usable.map((r) => r.category))];
  const traces: Trace[] = [];
  const ys: number[] = [];
  cats.forEach((cat, i) => {
    const c = colour(i);
    const mine = usable.filter((r) => r.category === cat).sort((a, b) => a.flops - b.flops);
    const pts = mine.map((r, j) => {
      const where = `category "${cat}" row ${j}`;
      const q = {
        x: checkNumber(builder, where, "flops", r.flops, true),
        y: checkNumber(builder, where, "multiplier", r.multiplier, true),
        lo: checkNumber(builder, where, "lo", r.lo, true),
        hi: checkNumber(builder, where, "hi", r.hi, true),
      };
      checkInterval(builder, where, "multiplier", q.lo, q.y, q.hi);
      return q;
    });
    const a = mine[0];
    if (a.anchorFlops !== undefined && a.anchorMultiplier !== undefined) {
      const x = checkNumber(builder, `category "${cat}" anchor`, "anchorFlops", a.anchorFlops, true);
      const y = checkNumber(builder, `category "${cat}" anchor`, "anchorMultiplier", a.anchorMultiplier, true);
      pts.unshift({ x, y, lo: y, hi: y });
      traces.push({
        type: "scatter",
        mode: "markers",
        name: `${categoryName(cat)} anchor`,
        legendgroup: cat,
        showlegend: false,
        x: [x],
        y: [y],
        marker: { color: c, size: 10 },
        hovertemplate: "anchor: C = %{x:.3e}<br>%{y:.3g}×<extra>" + categoryName(cat) + "</extra>",
      });
    }
    ys.push(...pts.flatMap((p) => [p.lo, p.y, p.hi]));
    traces.push(
      ...bandCurveTraces(cat, c, pts, {
        name: `${categoryName(cat)} (95% PI)`,
        hovertemplate: "C = %{x:.3e}<br>%{y:.3g}×<extra>%{fullData.name}</extra>",
      }),
    );
  });
  if (beside.length > 0) {
    const pts = beside.map((m, j) => ({
      label: m.label,
      x: checkNumber(builder, `marker ${j}`, "flops", m.flops, true),
      y: checkNumber(builder, `marker ${j}`, "multiplier", m.multiplier, true),
    }));
    ys.push(...pts.map((p) => p.y));
    traces.push({
      type: "scatter",
      mode: "markers",
      name: "published measurements",
      x: pts.map((p) => p.x),
      y: pts.map((p) => p.y),
      text: pts.map((p) => p.label),
      marker: { color: "#222222", size: 10, symbol: "x" },
      hovertemplate: "%{text}<br>C = %{x:.3e}<br>%{y:.3g}×<extra></extra>",
    });
  }
  return { data: traces, layout: baseLayout(o, axis(o.xTitle, "log"), multiplierAxis(o.yTitle, [...ys, 1])) };
}

/** A category as a legend reads it: `recipe_today` is "today's recipe"; the others are plain words already. */
function categoryName(cat: string): string {
  return cat === "recipe_today" ? "today's recipe" : cat.replace(/_/g, " ");
}
