// Quick charts of a table, in the spirit of plotly.py's px.line / px.scatter: name the x and y columns (and a column
// to colour by) of a danfojs DataFrame or an array of rows, get a figure in the project's style (style.ts). For
// exploring in a notebook: `await show(linePlot(evals, { x: "tokens", y: "val_loss", color: "run_id", logX: true }))`.
// Empty cells (NaN, null) and values a log axis cannot show (zero, negatives) are left out, as plotly.py does; any
// other non-numeric y value is an error naming the row.
import { axis, baseLayout, colour, figureDefaults, resolveOptions } from "./style";
import type { Figure, Json, Trace } from "./types";

/** A danfojs DataFrame as read here (its column names and row values). */
export interface ColumnTable {
  readonly columns: readonly string[];
  readonly values: readonly unknown[];
}

export interface QuickFigureOptions {
  /** Column for the x axis. */
  readonly x: string;
  /** Column(s) for the y axis: several columns give one series each (px's wide form). */
  readonly y: string | readonly string[];
  /** Column whose distinct values split the rows into series (px's `color`), in order of first appearance. */
  readonly color?: string;
  readonly logX?: boolean;
  readonly logY?: boolean;
  readonly title?: string;
  /** Axis titles; default: the column names. */
  readonly xTitle?: string;
  readonly yTitle?: string;
  /** A horizontal reference line at this y (for example the target loss); NaN draws none. */
  readonly hline?: number;
  readonly hlineLabel?: string;
  readonly widthPx?: number;
  readonly heightPx?: number;
}

export const quickFigureDefaults = {
  ...figureDefaults,
  logX: false,
  logY: false,
  xTitle: "",
  yTitle: "",
  hline: Number.NaN,
  hlineLabel: "",
};

const MAX_SERIES = 40;

function rowsOf(
  builder: string,
  data: ColumnTable | readonly object[],
): { columns: readonly string[]; rows: readonly (readonly unknown[])[] } {
  if (Array.isArray(data)) {
    const rows = data as readonly { readonly [key: string]: unknown }[];
    const columns: string[] = [];
    for (const r of rows) {
      if (typeof r !== "object" || r === null)
        throw new Error(`${builder}: row ${rows.indexOf(r)} is ${String(r)} (expected an object)`);
      for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
    }
    return { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
  }
  const t = data as ColumnTable;
  if (t === null || typeof t !== "object" || !Array.isArray(t.columns) || !Array.isArray(t.values)) {
    throw new Error(
      `${builder}: expected a DataFrame or an array of rows, got ${Object.prototype.toString.call(data)}`,
    );
  }
  return { columns: t.columns, rows: t.values.map((r) => (Array.isArray(r) ? (r as unknown[]) : [r])) };
}

function quickFigure(
  builder: string,
  mode: "lines" | "markers",
  data: ColumnTable | readonly object[],
  options: QuickFigureOptions,
): Figure {
  if (typeof options !== "object" || options === null) throw new Error(`${builder}: options { x, y } are required`);
  const { x, y, color, ...rest } = options;
  const o = resolveOptions(builder, rest, quickFigureDefaults);
  const { columns, rows } = rowsOf(builder, data);
  const column = (role: string, name: unknown): number => {
    if (typeof name !== "string")
      throw new Error(`${builder}: ${role} must be a column name (got ${JSON.stringify(name)})`);
    const j = columns.indexOf(name);
    if (j < 0) throw new Error(`${builder}: unknown ${role} column ${name} (the table has ${columns.join(", ")})`);
    return j;
  };
  const xj = column("x", x);
  const ys = typeof y === "string" ? [y] : Array.isArray(y) && y.length > 0 ? y : null;
  if (!ys)
    throw new Error(`${builder}: y must be a column name or a non-empty array of them (got ${JSON.stringify(y)})`);
  const yjs = ys.map((name) => column("y", name));
  const cj = color === undefined ? -1 : column("color", color);

  // Series keys in order of first appearance; one trace per (y column, colour value).
  const groups = new Map<string, { name: string; xs: Json[]; ys: number[] }>();
  rows.forEach((r, i) => {
    const xv = r[xj];
    if (xv === null || xv === undefined || (typeof xv === "number" && Number.isNaN(xv))) return; // an empty cell
    if (typeof xv !== "number" && typeof xv !== "string")
      throw new Error(`${builder}: row ${i} has ${x} = ${String(xv)} (expected a number or a string)`);
    if (o.logX && typeof xv !== "number")
      throw new Error(`${builder}: row ${i} has ${x} = ${String(xv)} (expected a number on a log x axis)`);
    if (o.logX && (xv as number) <= 0) return; // not on a log axis (step 0 has 0 tokens): left out, as plotly does
    yjs.forEach((yj, k) => {
      const yv = r[yj];
      if (yv === null || yv === undefined || (typeof yv === "number" && Number.isNaN(yv))) return;
      if (typeof yv !== "number" || !Number.isFinite(yv))
        throw new Error(`${builder}: row ${i} has ${ys[k]} = ${String(yv)} (expected a finite number)`);
      if (o.logY && yv <= 0) return;
      const group = cj >= 0 ? String(r[cj]) : "";
      const name = [ys.length > 1 || cj < 0 ? ys[k] : "", group].filter((s) => s !== "").join(" · ");
      const key = `${k}\u0000${group}`;
      let g = groups.get(key);
      if (!g) {
        if (groups.size >= MAX_SERIES)
          throw new Error(
            `${builder}: more than ${MAX_SERIES} series (colour by ${color} has too many values; filter the ` +
              `rows first)`,
          );
        g = { name, xs: [], ys: [] };
        groups.set(key, g);
      }
      g.xs.push(xv);
      g.ys.push(yv);
    });
  });
  if (groups.size === 0) throw new Error(`${builder}: no row has both ${x} and ${ys.join(", ")} (${rows.length} rows)`);

  const traces: Trace[] = [...groups.values()].map((g, i) => ({
    type: "scatter",
    mode,
    name: g.name,
    x: g.xs,
    y: g.ys,
    ...(mode === "lines" ? { line: { color: colour(i), width: 2 } } : { marker: { color: colour(i), size: 7 } }),
    hovertemplate: `${x} = %{x}<br>%{fullData.name}: %{y}<extra></extra>`,
  }));
  if (!Number.isNaN(o.hline)) {
    if (!Number.isFinite(o.hline) || (o.logY && o.hline <= 0))
      throw new Error(
        `${builder}: invalid hline: ${o.hline} (expected a finite number${o.logY ? ", positive on a log y axis" : ""})`,
      );
    // A trace, not a layout shape: shapes on log axes take log10 coordinates, a trap; a trace also gets a legend entry.
    const xs = [...groups.values()].flatMap((g) => g.xs).filter((v): v is number => typeof v === "number");
    if (xs.length > 0) {
      traces.push({
        type: "scatter",
        mode: "lines",
        name: o.hlineLabel || `${ys.length === 1 ? ys[0] : "y"} = ${o.hline}`,
        x: [Math.min(...xs), Math.max(...xs)],
        y: [o.hline, o.hline],
        line: { color: "#444444", width: 1.5, dash: "dash" },
        hoverinfo: "name",
      });
    }
  }
  const layout = baseLayout(
    o,
    axis(o.xTitle || x, o.logX ? "log" : typeof [...groups.values()][0].xs[0] === "string" ? "category" : "linear"),
    axis(o.yTitle || ys.join(", "), o.logY ? "log" : "linear"),
  );
  return { data: traces, layout };
}

/** Lines through the rows in table order, one per y column and colour value (px.line). */
export function linePlot(data: ColumnTable | readonly object[], options: QuickFigureOptions): Figure {
  return quickFigure("linePlot", "lines", data, options);
}

/** Points, one series per y column and colour value (px.scatter). */
export function scatterPlot(data: ColumnTable | readonly object[], options: QuickFigureOptions): Figure {
  return quickFigure("scatterPlot", "markers", data, options);
}
