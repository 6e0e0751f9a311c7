// The site's lead chart, from results/summary.json alone: today's whole recipe at 124M and what the scale model says
// it becomes at larger budgets (the `extrapolation` rows with category "recipe_today"). Where the 124M value is an
// upper bound only the 95% upper limit is drawn (a line with the region under it), never a central line; otherwise
// the median and the 95% band (scaleFanFigure). The measured trend word is in the title. Takes the parsed summary
// (unknown) and says which field is missing rather than drawing a partial chart.
import { scaleFanFigure, type ScaleFanRow } from "./scaleFanFigure";
import { axis, baseLayout, multiplierAxis, resolveOptions, figureDefaults } from "./style";
import type { Figure, FigureOptions, Trace } from "./types";

type Obj = { readonly [k: string]: unknown };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

const defaults = {
  ...figureDefaults,
  heightPx: 560,
  caption:
    "Beyond the measured sizes the lines assume each gain's log-multiplier stays linear in log compute; below 1× would mean no gain.",
};

export function transferHeadlineFigure(summary: unknown, options: FigureOptions = {}): Figure {
  const b = "transferHeadlineFigure";
  if (!isObj(summary)) throw new Error(`${b}: summary must be the parsed summary.json object`);
  if (!Array.isArray(summary.extrapolation)) throw new Error(`${b}: summary.extrapolation is missing (run npm start)`);
  const raw = summary.extrapolation
    .filter(isObj)
    .filter((r) => r.category === "recipe_today")
    .sort((x, y) => (num(x.flops) ?? 0) - (num(y.flops) ?? 0));
  if (raw.length === 0) throw new Error(`${b}: summary.extrapolation has no row with category recipe_today`);
  const sd = isObj(summary.scale_dependence) ? summary.scale_dependence : null;
  const anchor = sd && isObj(sd.recipe_anchor) ? sd.recipe_anchor : null;
  const trend = sd && typeof sd.trend === "string" ? sd.trend : "not stated";
  const measured =
    sd && typeof sd.measured_from === "string" && typeof sd.measured_to === "string"
      ? `, ${sd.measured_from} to ${sd.measured_to}`
      : "";
  const title = options.title ?? `Today's speedrun recipe across scale (measured trend${measured}: ${trend})`;
  const aFlops = anchor ? num(anchor.flops) : null;
  const aM = anchor ? num(anchor.multiplier) : null;
  const noGain = (x0: number, x1: number): Trace => ({
    type: "scatter",
    mode: "lines",
    name: "no gain (1×)",
    x: [x0, x1],
    y: [1, 1],
    line: { color: "#888888", width: 1, dash: "dot" },
    hoverinfo: "skip",
  });
  const upper = raw.every((r) => r.bound === "upper" && num(r.hi) !== null);
  if (!upper) {
    const rows: ScaleFanRow[] = raw.map((r) => ({
      category: "today's recipe",
      flops: num(r.flops) as number,
      multiplier: num(r.multiplier),
      lo: num(r.lo),
      hi: num(r.hi),
      ...(aFlops !== null && aM !== null ? { anchorFlops: aFlops, anchorMultiplier: aM } : {}),
    }));
    const fig = scaleFanFigure(rows, [], {
      title,
      ...(options.widthPx ? { widthPx: options.widthPx } : {}),
      ...(options.heightPx ? { heightPx: options.heightPx } : {}),
    });
    return { data: [...fig.data, noGain(aFlops ?? rows[0].flops, rows[rows.length - 1].flops)], layout: fig.layout };
  }
  const o = resolveOptions(b, { ...options, title }, defaults);
  const xs = raw.map((r) => num(r.flops) as number);
  const his = raw.map((r) => num(r.hi) as number);
  const x = aFlops !== null && aM !== null ? [aFlops, ...xs] : xs;
  const y = aFlops !== null && aM !== null ? [aM, ...his] : his;
  const traces: Trace[] = [
    {
      type: "scatter",
      mode: "lines",
      name: "zero",
      x,
      y: x.map(() => 1e-9),
      line: { width: 0 },
      showlegend: false,
      hoverinfo: "skip",
    },
    {
      type: "scatter",
      mode: "lines",
      name: "today's recipe: 95% upper limit",
      x,
      y,
      fill: "tonexty",
      fillcolor: "rgba(31,119,180,0.15)",
      line: { color: "#1f77b4", width: 2, dash: "dash" },
      hovertemplate: "at most %{y:.3g}× at %{x:.2e} FLOPs<extra></extra>",
    },
  ];
  if (aFlops !== null && aM !== null)
    traces.push({
      type: "scatter",
      mode: "markers",
      name: `measured at 124M (at most ${Number(aM.toPrecision(3))}×)`,
      x: [aFlops],
      y: [aM],
      marker: { color: "#1f77b4", size: 11, symbol: "triangle-down" },
      hovertemplate: "at most %{y:.3g}× at %{x:.2e} FLOPs<extra></extra>",
    });
  traces.push(noGain(x[0], x[x.length - 1]));
  return {
    data: traces,
    layout: baseLayout(
      o,
      axis("Compute (FLOPs)", "log"),
      multiplierAxis("Compute multiplier M (×, log scale)", [...y, 1]),
    ),
  };
}
