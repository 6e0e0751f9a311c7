// A record series on a log axis with the single exponential and the segmented trend (one break) drawn through it,
// the break's interval shaded: the shape question of the rates of progress at a glance.
import {
  axis,
  baseLayout,
  checkNonEmpty,
  checkNumber,
  colour,
  figureDefaults,
  resolveOptions,
  withAlpha,
} from "./style";
import type { Figure, FigureOptions, Trace } from "./types";

export interface DatedValuePoint {
  /** ISO date, YYYY-MM-DD. */
  readonly date: string;
  readonly value: number;
}

export interface SegmentedTrendInput {
  readonly label: string;
  readonly points: readonly DatedValuePoint[];
  /** The single exponential at its first and last date. */
  readonly single: readonly DatedValuePoint[];
  /** The segmented trend at the first date, the break and the last date (empty when no break was fitted). */
  readonly segmented: readonly DatedValuePoint[];
  readonly singleLabel: string;
  readonly segmentedLabel: string;
  readonly breakLo: string | null;
  readonly breakHi: string | null;
}

export interface SegmentedTrendOptions extends FigureOptions {
  readonly yTitle?: string;
}

const segmentedTrendDefaults = {
  ...figureDefaults,
  caption: "A straight line is a constant halving time: look for where the slope changes at the break.",
  yTitle: "Record time (minutes, log scale)",
};

const builder = "segmentedTrendFigure";
const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function segmentedTrendFigure(input: SegmentedTrendInput, options: SegmentedTrendOptions = {}): Figure {
  const o = resolveOptions(builder, options, segmentedTrendDefaults);
  checkNonEmpty(builder, "points", input.points);
  const check = (list: readonly DatedValuePoint[], name: string) =>
    list.map((p, j) => {
      if (!ISO.test(p.date))
        throw new Error(`${builder}: ${name} point ${j} has date ${JSON.stringify(p.date)} (expected YYYY-MM-DD)`);
      return { date: p.date, value: checkNumber(builder, `${name} point ${j}`, "value", p.value, true) };
    });
  const pts = check(input.points, "series")
    .slice()
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const single = check(input.single, "single");
  const seg = check(input.segmented, "segmented");
  const data: Trace[] = [
    {
      type: "scatter",
      mode: "markers",
      name: input.label,
      x: pts.map((p) => p.date),
      y: pts.map((p) => p.value),
      marker: { color: "#444444", size: 6 },
      hovertemplate: "%{x}: %{y:.3g}<extra></extra>",
    },
    {
      type: "scatter",
      mode: "lines",
      name: input.singleLabel,
      x: single.map((p) => p.date),
      y: single.map((p) => p.value),
      line: { color: colour(0), width: 2, dash: "dash" },
      hoverinfo: "skip",
    },
  ];
  if (seg.length)
    data.push({
      type: "scatter",
      mode: "lines",
      name: input.segmentedLabel,
      x: seg.map((p) => p.date),
      y: seg.map((p) => p.value),
      line: { color: colour(1), width: 2.5 },
      hoverinfo: "skip",
    });
  const shapes =
    input.breakLo && input.breakHi && ISO.test(input.breakLo) && ISO.test(input.breakHi)
      ? [
          {
            type: "rect",
            xref: "x",
            yref: "paper",
            x0: input.breakLo,
            x1: input.breakHi,
            y0: 0,
            y1: 1,
            fillcolor: withAlpha(colour(1), 0.15),
            line: { width: 0 },
            layer: "below",
          },
        ]
      : [];
  return { data, layout: { ...baseLayout(o, axis("Date", "date"), axis(o.yTitle, "log")), shapes } };
}
