// Headline numbers a notebook reports in a form a test can read back and compare with results/summary.json, with the
// path in summary.json's own keys (`track1.token_ratio`, `halving_time_months.track1.estimate`, `verdict`).
// In a kernel they travel in the metadata of an output that shows nothing (`summaryMetadataKey`), so the saved notebook
// and the published page read as a report, not a debug log; outside a kernel (a script, a test) they are text lines
// `summary.<path> = <JSON value>`.
import { currentDisplayWriter, type MimeBundle } from "./displayBundle";

const segment = /([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g;

/** The value at `path` in `summary`; throws naming the path and the first missing key. */
export function summaryValue(summary: unknown, path: string): unknown {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/.test(path)) throw new Error(`summaryValue: invalid path: ${path}`);
  let v: unknown = summary;
  for (const m of path.matchAll(segment)) {
    const key = m[1] ?? Number(m[2]);
    if (v === null || typeof v !== "object" || !Object.prototype.hasOwnProperty.call(v, key)) {
      throw new Error(`summaryValue: ${path}: no ${typeof key === "number" ? `[${key}]` : key} in the summary`);
    }
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/** The output metadata key that carries `{ path: value }` for the notebook test. */
export const summaryMetadataKey = "speedrun_summary";

/** The display bundle that carries the values: an empty text/plain (every viewer shows nothing) and the values in metadata. */
export function summaryValuesBundle(summary: unknown, paths: readonly string[]): MimeBundle {
  const values: Record<string, unknown> = {};
  for (const p of paths) values[p] = summaryValue(summary, p);
  return { data: { "text/plain": "" }, metadata: { [summaryMetadataKey]: values } };
}

/**
 * Reports the values at `paths` for the notebook test. In a kernel it displays `summaryValuesBundle` (invisible) and
 * returns "", so the notebooks' `console.log(formatSummaryValues(...))` leaves only an empty line, which the site drops;
 * outside a kernel it returns the `summary.<path> = <JSON value>` lines, in the given order.
 */
export function formatSummaryValues(summary: unknown, paths: readonly string[], writer = currentDisplayWriter()): string {
  if (writer) {
    writer(summaryValuesBundle(summary, paths));
    return "";
  }
  return summaryValueLines(summary, paths);
}

/** `summary.<path> = <JSON value>` lines for `paths`, in the given order. */
export function summaryValueLines(summary: unknown, paths: readonly string[]): string {
  return paths.map((p) => `summary.${p} = ${JSON.stringify(summaryValue(summary, p))}`).join("\n");
}

/** Every value carried in outputs' metadata (see summaryValuesBundle), in output order. */
export function summaryValuesFromOutputs(outputs: readonly { readonly metadata?: { readonly [key: string]: unknown } }[]): PrintedSummaryValue[] {
  const out: PrintedSummaryValue[] = [];
  for (const o of outputs) {
    const values = o.metadata?.[summaryMetadataKey];
    if (typeof values !== "object" || values === null) continue;
    for (const [path, value] of Object.entries(values)) out.push({ path, value });
  }
  return out;
}

export interface PrintedSummaryValue {
  readonly path: string;
  readonly value: unknown;
}

/** Reads back every `summary.<path> = <JSON>` line of a notebook's text output. */
export function parseSummaryValues(text: string): PrintedSummaryValue[] {
  const out: PrintedSummaryValue[] = [];
  for (const line of text.split("\n")) {
    const m = /^summary\.([A-Za-z0-9_.[\]]+) = (.*)$/.exec(line);
    if (!m) continue;
    try {
      out.push({ path: m[1], value: JSON.parse(m[2]) as unknown });
    } catch {
      throw new Error(`parseSummaryValues: ${m[1]}: value is not JSON: ${m[2]}`);
    }
  }
  return out;
}
