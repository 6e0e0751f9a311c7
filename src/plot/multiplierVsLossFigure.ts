// M(L): a pair's compute multiplier as a function of the target loss it is read at (both runs' FLOPs to each loss
// on their own curves), one line per pair and scale. Shows how much a single-target multiplier depends on the target:
// a flat line means the choice of target does not matter, a steep one that it does. x is reversed (lower loss, i.e.
// further into training, to the right).
import {
  axis,
  baseLayout,
  checkNonEmpty,
  checkNumber,
  colour,
  figureDefaults,
  multiplierAxis,
  resolveOptions,
} from "./style";
import type { Figure, FigureOptions, Trace } from "./types";

export interface MultiplierLossSeries {
  readonly label: string;
  readonly points: readonly { readonly loss: number; readonly multiplier: number }[];
  /** Series sharing a group share a colour (e.g. one pair at two scales); dash distinguishes members. */
  readonly group?: string;
}

export interface MultiplierVsLossOptions extends FigureOptions {
  readonly xTitle?: string;
  readonly yTitle?: string;
}

const multiplierVsLossDefaults = {
  ...figureDefaults,
  caption: "How much the multiplier depends on the target loss chosen: a flat curve means the choice does not matter.",
  xTitle: "Target validation loss (reversed: later in training to the right)",
  // Short: a long vertical title runs past the plot area into the subtitle above it.
  yTitle: "Multiplier M(L) (×, log)",
};

const builder = "multiplierVsLossFigure";
const DASHES = ["solid", "dash", "dot", "dashdot"] as const;

export function multiplierVsLossFigure(
  series: readonly MultiplierLossSeries[],
  options: MultiplierVsLossOptions = {},
): Figure {
  const o = resolveOptions(builder, options, multiplierVsLossDefaults);
  checkNonEmpty(builder, "series", series);
  const groups = [...new Set(series.map((s) => s.group ?? s.label))];
  const seen = new Map<string, number>();
  const traces: Trace[] = series.map((s) => {
    const g = s.group ?? s.label;
    const k = seen.get(g) ?? 0;
    seen.set(g, k + 1);
    const pts = [...s.points]
      .sort((a, b) => b.loss - a.loss)
      .map((p, j) => ({
        x: checkNumber(builder, `series "${s.label}" point ${j}`, "loss", p.loss, true),
        y: checkNumber(builder, `series "${s.label}" point ${j}`, "multiplier", p.multiplier, true),
      }));
    const c = colour(groups.indexOf(g));
    return {
      type: "scatter",
      mode: "lines+markers",
      name: s.label,
      legendgroup: g,
      x: pts.map((p) => p.x),
      y: pts.map((p) => p.y),
      line: { color: c, width: 2, dash: DASHES[k % DASHES.length] },
      marker: { color: c, size: 5 },
      hovertemplate: "L = %{x:.4f}<br>M = %{y:.3g}×<extra>%{fullData.name}</extra>",
    };
  });
  const x = axis(o.xTitle, "linear");
  return {
    data: traces,
    layout: baseLayout(
      o,
      { ...x, autorange: "reversed" },
      multiplierAxis(
        o.yTitle,
        traces.flatMap((tr) => tr.y as number[]),
      ),
    ),
  };
}
