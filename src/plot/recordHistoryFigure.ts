// Record history: each world record's time against its date, on a log time axis (a constant halving rate is a line).
import { axis, baseLayout, checkNonEmpty, checkNumber, colour, figureDefaults, resolveOptions } from "./style";
import type { Figure, FigureOptions, RecordSeries, Trace } from "./types";

export interface RecordHistoryOptions extends FigureOptions {
  readonly yTitle?: string;
}

const recordHistoryDefaults = {
  ...figureDefaults,
  caption: "Each step down is a new record; a straight slope on this log axis is a steady halving time.",
  yTitle: "Record time (minutes, log scale)",
};

const builder = "recordHistoryFigure";
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function recordHistoryFigure(series: readonly RecordSeries[], options: RecordHistoryOptions = {}): Figure {
  const o = resolveOptions(builder, options, recordHistoryDefaults);
  checkNonEmpty(builder, "series", series);
  const traces: Trace[] = series.map((s, i) => {
    const records = s.records.map((r, j) => {
      const where = `series "${s.label}" record ${j}`;
      if (typeof r.date !== "string" || !isoDate.test(r.date) || Number.isNaN(Date.parse(r.date))) {
        throw new Error(`${builder}: ${where} has date = ${String(r.date)} (expected YYYY-MM-DD)`);
      }
      return { date: r.date, timeS: checkNumber(builder, where, "timeS", r.timeS, true), text: r.text ?? "" };
    });
    // Stable sort by date keeps table order among same-day records.
    records.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return {
      type: "scatter",
      mode: "lines+markers",
      name: s.label,
      x: records.map((r) => r.date),
      y: records.map((r) => r.timeS / 60),
      text: records.map((r) => r.text),
      line: { color: colour(i), width: 2, shape: "hv" },
      marker: { color: colour(i), size: 6 },
      hovertemplate: "%{x}<br>%{y:.3g} min<br>%{text}<extra>%{fullData.name}</extra>",
    };
  });
  return { data: traces, layout: baseLayout(o, axis("Record date", "date"), axis(o.yTitle, "log")) };
}
