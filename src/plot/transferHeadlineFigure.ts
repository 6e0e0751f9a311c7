// The site's lead chart, from results/summary.json alone: today's whole recipe extrapolated along the scale model
// (the fan of `extrapolation` rows with category "recipe_today"), the pre-registered ~3B prediction as a marker with
// its interval, and the verdict's trend word in the title. Takes the parsed summary (unknown) and says which field is
// missing rather than drawing a partial chart.
import { scaleFanFigure, type ScaleFanRow } from "./scaleFanFigure";
import type { Figure, FigureOptions, Trace } from "./types";

type Obj = { readonly [k: string]: unknown };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function transferHeadlineFigure(summary: unknown, options: FigureOptions = {}): Figure {
  const b = "transferHeadlineFigure";
  if (!isObj(summary)) throw new Error(`${b}: summary must be the parsed summary.json object`);
  if (!Array.isArray(summary.extrapolation)) throw new Error(`${b}: summary.extrapolation is missing (run npm start)`);
  const rows: ScaleFanRow[] = summary.extrapolation.filter(isObj).filter((r) => r.category === "recipe_today").map((r) => ({
    category: "today's recipe", flops: num(r.flops) as number, multiplier: num(r.multiplier), lo: num(r.lo), hi: num(r.hi),
    ...(num(r.anchor_flops) !== null && num(r.anchor_multiplier) !== null ? { anchorFlops: num(r.anchor_flops) as number, anchorMultiplier: num(r.anchor_multiplier) as number } : {}),
  }));
  if (rows.length === 0) throw new Error(`${b}: summary.extrapolation has no row with category recipe_today`);
  const sd = isObj(summary.scale_dependence) ? summary.scale_dependence : null;
  const trend = sd && typeof sd.recipe_trend === "string" ? sd.recipe_trend : "not stated";
  const fig = scaleFanFigure(rows, [], { title: options.title ?? `Today's speedrun recipe across scale (trend: ${trend})`, ...(options.widthPx ? { widthPx: options.widthPx } : {}), ...(options.heightPx ? { heightPx: options.heightPx } : {}) });
  const p = isObj(summary.prediction) ? summary.prediction : null;
  const extra: Trace[] = [];
  if (p && num(p.flops) !== null && num(p.multiplier) !== null && num(p.lo) !== null && num(p.hi) !== null) {
    const m = num(p.multiplier) as number;
    extra.push({
      type: "scatter", mode: "markers", name: `pre-registered ~3B prediction (${String(p.registered_on ?? "")})`,
      x: [num(p.flops) as number], y: [m],
      error_y: { type: "data", symmetric: false, array: [(num(p.hi) as number) - m], arrayminus: [m - (num(p.lo) as number)], color: "#222222", thickness: 1.5, width: 6 },
      marker: { color: "#ffffff", size: 12, symbol: "star", line: { color: "#222222", width: 2 } },
      hovertemplate: "predicted %{y:.3g}× at %{x:.3e} FLOPs<extra></extra>",
    });
  }
  const noGain: Trace = { type: "scatter", mode: "lines", name: "no gain (1×)", x: [rows[0].anchorFlops ?? rows[0].flops, rows[rows.length - 1].flops], y: [1, 1], line: { color: "#888888", width: 1, dash: "dot" }, hoverinfo: "skip" };
  return { data: [...fig.data, ...extra, noGain], layout: fig.layout };
}
