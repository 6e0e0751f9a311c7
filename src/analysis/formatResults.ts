// Fixed, byte-stable formatting of results: numbers to 6 significant digits, no NaN or Infinity (replaced by null and
// reported by path), CSV columns in a fixed order. Same data and seed give the same bytes.
import { toCsv as writeCsv, type CsvValue } from "../dataset/csv";

const SIGNIFICANT_DIGITS = 6;

/** Round to 6 significant digits; integers below 1e15 stay exact. */
function roundNumber(x: number): number {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return x;
  const r = Number(x.toPrecision(SIGNIFICANT_DIGITS));
  return Object.is(r, -0) ? 0 : r;
}

/** Deep copy with numbers rounded; non-finite numbers become null and their paths are pushed to `problems`. */
export function sanitize(value: unknown, problems: string[] = [], path = "$"): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      problems.push(`${path}: ${value}`);
      return null;
    }
    return roundNumber(value);
  }
  if (Array.isArray(value)) return value.map((v, i) => sanitize(v, problems, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      out[k] = sanitize(v, problems, `${path}.${k}`);
    return out;
  }
  return value;
}

export function stableJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/** A result value as a cell of the dataset's CSV writer: numbers rounded, non-finite ones empty, objects as JSON. */
function resultCell(v: unknown): CsvValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? roundNumber(v) : null;
  if (typeof v === "boolean") return v;
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** CSV with snake_case headers from the given keys (in that order); nested objects are flattened one level. */
export function toCsv(rows: readonly object[], columns?: readonly string[]): string {
  const flat = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) {
      if (v !== null && typeof v === "object" && !Array.isArray(v)) {
        for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) out[`${k}.${k2}`] = v2;
      } else out[k] = v;
    }
    return out;
  });
  const cols = columns ?? [...new Set(flat.flatMap((r) => Object.keys(r)))];
  const header = cols.map((c) => snake(c).replace(/\./g, "_"));
  return writeCsv(
    header,
    flat.map((r) => cols.map((c) => resultCell(r[c]))),
  );
}
