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
  /**
   * Columns to show, in order; default: all (for rows, the keys of the first row, then new keys in order of
   * appearance).
   */
  readonly columns?: readonly string[];
  /** Rows beyond this are left out, with a note saying how many. */
  readonly maxRows?: number;
  /** Significant digits for non-integer numbers. */
  readonly digits?: number;
  readonly caption?: string;
  /** Header text per column key; columns not named here get `readableHeader(key)`. */
  readonly labels?: { readonly [column: string]: string };
}

export const tableDefaults = { maxRows: 50, digits: 4, caption: "" };

// Words of a column key shown differently: units go in parentheses at the end, abbreviations are spelled as in papers.
// ("min" is left out: in `tokensToTargetMin` it is the minimum, not minutes.)
const unitWords: Readonly<Record<string, string>> = { s: "(s)", ms: "(ms)", pct: "(%)", months: "(months)" };
const spelledWords: Readonly<Record<string, string>> = {
  flops: "FLOPs",
  ci95: "95% CI",
  pi95: "95% PI",
  se: "SE",
  sd: "SD",
  lo: "low",
  hi: "high",
  dof: "dof",
  id: "id",
  log10: "log10",
  ln: "ln",
  aic: "AIC",
  bic: "BIC",
  pi: "PI",
  ci: "CI",
  gpus: "GPUs",
  gpu: "GPU",
  // Names of the sources the notebooks compare with.
  hoffmann: "Hoffmann",
  epoch: "Epoch",
  ho: "Ho",
  kaplan: "Kaplan",
  chinchilla: "Chinchilla",
  wen: "Wen",
  nanochat: "nanochat",
};
const greek = new Set(["alpha", "beta", "gamma", "delta", "sigma", "mu"]);

/**
 * A column key as a header a reader understands: `tokensToTargetMedian` -> "Tokens to target median",
 * `timeToTargetS` -> "Time to target (s)", `nRuns` -> "Runs (n)", `ci95Lo` -> "95% CI low", `token_ratio` -> "Token
 * ratio".
 * A key that is one capitalised symbol (`E`, `A`, `N`) or already has spaces is kept as written.
 */
export function readableHeader(key: string): string {
  if (/\s/.test(key) || /^[A-Z][A-Za-z]?\d*$/.test(key) || /^[a-z]\d*$/.test(key) || greek.has(key)) return key;
  const words = key
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .replace(/([a-z])(\d{4})/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_]+/)
    .filter((w) => w !== "")
    .map((w) => (/^[A-Z\d]+$/.test(w) && w.length > 1 ? w : w.toLowerCase()));
  const units: string[] = [];
  const out: string[] = [];
  words.forEach((w, i) => {
    if (i > 0 && unitWords[w] !== undefined) {
      units.push(unitWords[w]);
    } else out.push(spelledWords[w] ?? w);
  });
  let counted = false;
  if (out[0] === "n" && out.length > 1) {
    out.shift();
    counted = true;
  }
  const text = [...out, ...units, ...(counted ? ["(n)"] : [])].join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How a column's large numbers read: FLOPs in powers of ten (2.2e19), counts with a suffix (124M, 8.93B). */
function numberStyle(key: string): "flops" | "count" {
  return /flop/i.test(key) ? "flops" : "count";
}

interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

function isDataFrameLike(x: unknown): x is DataFrameLike {
  return (
    typeof x === "object" &&
    x !== null &&
    !Array.isArray(x) &&
    Array.isArray((x as DataFrameLike).columns) &&
    Array.isArray((x as DataFrameLike).values)
  );
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
  if (!Array.isArray(input))
    throw new Error(`showTable: expected an array of rows or a DataFrame, got ${String(input)}`);
  const rows = input as readonly { readonly [key: string]: unknown }[];
  const cols: string[] = columns ? [...columns] : [];
  if (!columns) for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  return { columns: cols, rows: rows.map((r) => cols.map((c) => r[c])) };
}

/**
 * Fixed formatting so tables are byte-for-byte stable and read as papers write numbers: from a million up, three
 * significant digits with a suffix (124M, 8.94B, 1.2T; beyond 1e15 or in a FLOPs column, 6.65e18); integers below
 * that in full with thousands separators from 10,000; other numbers to `digits` significant digits; yes/no for
 * booleans.
 */
export function formatCell(value: unknown, digits: number, style: "flops" | "count" = "count"): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return String(value);
    const abs = Math.abs(value);
    if (abs >= 1e6) {
      if (style === "count" && abs < 1e15) {
        const [size, suffix] = abs >= 1e12 ? [1e12, "T"] : abs >= 1e9 ? [1e9, "B"] : [1e6, "M"];
        return `${Number((value / size).toPrecision(3))}${suffix}`;
      }
      const [mantissa, exponent] = value.toExponential(2).split("e");
      return `${Number(mantissa)}e${Number(exponent)}`;
    }
    if (Number.isInteger(value)) return abs >= 1e4 ? value.toLocaleString("en-US") : String(value);
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
  if (!Number.isInteger(o.maxRows) || o.maxRows < 1)
    throw new Error(`showTable: invalid maxRows: ${o.maxRows} (expected a positive integer)`);
  if (!Number.isInteger(o.digits) || o.digits < 1 || o.digits > 17)
    throw new Error(`showTable: invalid digits: ${o.digits} (expected an integer from 1 to 17)`);
  const table = toTable(input, options.columns);
  const shown = table.rows.slice(0, o.maxRows);
  const styles = table.columns.map(numberStyle);
  const cells = shown.map((r) => r.map((v, j) => formatCell(v, o.digits, styles[j])));
  const headers = table.columns.map((c) => options.labels?.[c] ?? readableHeader(c));
  const numeric = table.columns.map(
    (_, j) =>
      shown.length > 0 && shown.every((r) => typeof r[j] === "number" || typeof r[j] === "boolean" || r[j] == null),
  );
  const more = table.rows.length - shown.length;
  const note = more > 0 ? `… ${more} more rows (${table.rows.length} in all)` : "";

  const align = (j: number) => (numeric[j] ? ' style="text-align:right"' : "");
  const bodyRow = (r: (typeof cells)[number]) =>
    `<tr>${r.map((c, j) => `<td${align(j)}>${escapeHtml(c)}</td>`).join("")}</tr>`;
  const html = [
    "<table>",
    o.caption ? `<caption>${escapeHtml(o.caption)}</caption>` : "",
    `<thead><tr>${headers.map((c, j) => `<th${align(j)}>${escapeHtml(c)}</th>`).join("")}</tr></thead>`,
    `<tbody>${cells.map(bodyRow).join("")}</tbody>`,
    "</table>",
    note ? `<p>${escapeHtml(note)}</p>` : "",
  ].join("");

  const widths = headers.map((c, j) => Math.max(c.length, ...cells.map((r) => r[j].length)));
  const pad = (s: string, j: number) => (numeric[j] ? s.padStart(widths[j]) : s.padEnd(widths[j]));
  const lines = [
    ...(o.caption ? [o.caption] : []),
    headers
      .map((c, j) => pad(c, j))
      .join("  ")
      .trimEnd(),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...cells.map((r) =>
      r
        .map((c, j) => pad(c, j))
        .join("  ")
        .trimEnd(),
    ),
    ...(note ? [note] : []),
  ];
  return { data: { "text/html": html, "text/plain": lines.join("\n") } };
}

/** Displays rows (typed records) or a danfojs DataFrame as a table in the running cell. */
export function showTable(input: DataFrameLike | readonly object[], options: TableOptions = {}): void {
  displayBundle(tableBundle(input, options));
}
