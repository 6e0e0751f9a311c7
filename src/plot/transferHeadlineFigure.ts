// The site's lead chart, from results/summary.json alone: today's whole recipe at 124M and what the scale model says
// it becomes at larger budgets (the `extrapolation` rows with category "recipe_today"). Where the 124M value is an
// upper bound only the 95% upper limit is drawn (a line with the region under it), never a central line; otherwise
// the median and the 95% band (scaleFanFigure). The measured trend word is in the title. The numbers are the
// summary's: nothing is fitted here.
import { shownValue, type Summary } from "../results/summary";
import { scaleFanFigure, type ScaleFanRow } from "./scaleFanFigure";
import { axis, baseLayout, multiplierAxis, resolveOptions, figureDefaults } from "./style";
import type { Figure, FigureOptions, Trace } from "./types";

const defaults = {
  ...figureDefaults,
  heightPx: 560,
  caption:
    "Beyond the measured sizes the lines assume each gain's log-multiplier stays linear in log compute; below " +
    "1× would mean no gain.",
};

export function transferHeadlineFigure(summary: Summary, options: FigureOptions = {}): Figure {
  const b = "transferHeadlineFigure";
  const raw = summary.extrapolation.filter((r) => r.category === "recipe_today").sort((x, y) => x.flops - y.flops);
  if (raw.length === 0) throw new Error(`${b}: summary.extrapolation has no row with category recipe_today`);
  const sd = summary.scale_dependence;
  const anchor = sd.recipe_anchor;
  const measured =
    sd.measured_from !== null && sd.measured_to !== null ? `, ${sd.measured_from} to ${sd.measured_to}` : "";
  const title = options.title ?? `Today's speedrun recipe across scale (measured trend${measured}: ${sd.trend})`;
  // The anchor is track 1's measured ratio (a point or a bound), drawn at the FLOPs the scale model places it.
  const aFlops = anchor ? anchor.flops : null;
  const aM = anchor ? shownValue(summary.track1[anchor.ratio]) : null;
  const noGain = (x0: number, x1: number): Trace => ({
    type: "scatter",
    mode: "lines",
    name: "no gain (1×)",
    x: [x0, x1],
    y: [1, 1],
    line: { color: "#888888", width: 1, dash: "dot" },
    hoverinfo: "skip",
  });
  // Only an upper limit where the anchor is an upper bound: no median, no lower limit.
  const upper = raw.every(
    (r) => r.multiplier.estimate === null && r.multiplier.lower === null && r.multiplier.upper !== null,
  );
  if (!upper) {
    const rows: ScaleFanRow[] = raw.map((r) => ({
      category: "today's recipe",
      flops: r.flops,
      multiplier: r.multiplier.estimate,
      lo: r.multiplier.lower,
      hi: r.multiplier.upper,
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
  const xs = raw.map((r) => r.flops);
  const his = raw.map((r) => r.multiplier.upper as number);
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
