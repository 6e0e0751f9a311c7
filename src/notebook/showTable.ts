// showTable(rows | DataFrame): an HTML table (rendered by every notebook viewer, GitHub included: tables survive its
// sanitiser) with an aligned plain-text fallback. danfojs is not imported: a DataFrame is recognised by its shape
// (`columns` and `values`), so importing the library stays fast.
import { displayBundle, type MimeBundle } from "./displayBundle";

/** What danfojs-node's DataFrame exposes and showTable reads. */
export interface DataFrameLike {
  readonly columns: readonly string[];
  readonly values: readonly (readonly unknown[])[] | readonly unknown[];
}

export interface TableOptions {
  /** Columns to show, in order; default: all (for rows, the keys of the first row, then new keys in order of appearance). */
  readonly columns?: readonly string[];
  /** Rows beyond this are left out, with a note saying how many. */
  readonly maxRows?: number;
  /** Significant digits for non-integer numbers. */
  readonly digits?: number;
  readonly caption?: string;
}

export const tableDefaults = { maxRows: 50, digits: 4, caption: "" };

interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

function isDataFrameLike(x: unknown): x is DataFrameLike {
  return typeof x === "object" && x !== null && !Array.isArray(x) && Array.isArray((x as DataFrameLike).columns) && Array.isArray((x as DataFrameLike).values);
}

function toTable(input: DataFrameLike | readonly object[], columns: readonly string[] | undefined): Table {
  if (isDataFrameLike(input)) {
    const all = input.columns;
    const values = input.values as readonly unknown[];
    // A one-column frame's values may be a flat array.
    const rows = values.map((r) => (Array.isArray(r) ? (r as readonly unknown[]) : [r]));
    const cols = columns ?? all;
    const index = cols.map((c) => {
      const i = all.indexOf(c);
      if (i < 0) throw new Error(`showTable: unknown column ${c} (the table has ${all.join(", ")})`);
      return i;
    });
    return { columns: cols, rows: rows.map((r) => index.map((i) => r[i])) };
  }
  if (!Array.isArray(input)) throw new Error(`showTable: expected an array of rows or a DataFrame, got ${String(input)}`);
  const rows = input as readonly { readonly [key: string]: unknown }[];
  const cols: string[] = columns ? [...columns] : [];
  if (!columns) for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  return { columns: cols, rows: rows.map((r) => cols.map((c) => r[c])) };
}

/** Fixed formatting so tables are byte-for-byte stable: integers in full, others to `digits` significant digits. */
export function formatCell(value: unknown, digits: number): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") {
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
    if (!Number.isFinite(value)) return String(value);
    return Number(value.toPrecision(digits)).toString();
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Builds the text/html + text/plain bundle for a table. */
export function tableBundle(input: DataFrameLike | readonly object[], options: TableOptions = {}): MimeBundle {
  const o = { ...tableDefaults, ...options };
  if (!Number.isInteger(o.maxRows) || o.maxRows < 1) throw new Error(`showTable: invalid maxRows: ${o.maxRows} (expected a positive integer)`);
  if (!Number.isInteger(o.digits) || o.digits < 1 || o.digits > 17) throw new Error(`showTable: invalid digits: ${o.digits} (expected an integer from 1 to 17)`);
  const table = toTable(input, options.columns);
  const shown = table.rows.slice(0, o.maxRows);
  const cells = shown.map((r) => r.map((v) => formatCell(v, o.digits)));
  const numeric = table.columns.map((_, j) => shown.length > 0 && shown.every((r) => typeof r[j] === "number" || r[j] == null));
  const more = table.rows.length - shown.length;
  const note = more > 0 ? `… ${more} more rows (${table.rows.length} in all)` : "";

  const align = (j: number) => (numeric[j] ? ' style="text-align:right"' : "");
  const html = [
    "<table>",
    o.caption ? `<caption>${escapeHtml(o.caption)}</caption>` : "",
    `<thead><tr>${table.columns.map((c, j) => `<th${align(j)}>${escapeHtml(c)}</th>`).join("")}</tr></thead>`,
    `<tbody>${cells.map((r) => `<tr>${r.map((c, j) => `<td${align(j)}>${escapeHtml(c)}</td>`).join("")}</tr>`).join("")}</tbody>`,
    "</table>",
    note ? `<p>${escapeHtml(note)}</p>` : "",
  ].join("");

  const widths = table.columns.map((c, j) => Math.max(c.length, ...cells.map((r) => r[j].length)));
  const pad = (s: string, j: number) => (numeric[j] ? s.padStart(widths[j]) : s.padEnd(widths[j]));
  const lines = [
    ...(o.caption ? [o.caption] : []),
    table.columns.map((c, j) => pad(c, j)).join("  ").trimEnd(),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...cells.map((r) => r.map((c, j) => pad(c, j)).join("  ").trimEnd()),
    ...(note ? [note] : []),
  ];
  return { data: { "text/html": html, "text/plain": lines.join("\n") } };
}

/** Displays rows (typed records) or a danfojs DataFrame as a table in the running cell. */
export function showTable(input: DataFrameLike | readonly object[], options: TableOptions = {}): void {
  displayBundle(tableBundle(input, options));
}
