// Headline numbers a notebook reports in a form a test can read back and compare with results/summary.json, with the
// path in summary.json's own keys (`track1.token_ratio.upper`, `halving_time_months.track1.months.estimate`,
// `verdict`). The paths are typed against the summary (`SummaryPath`): a renamed field does not compile in a notebook.
// In a kernel the exact values travel in the metadata of an output that shows nothing (`summaryMetadataKey`) and the
// reader sees `<path>: <value>` lines; outside a kernel (a script, a test) they are text lines
// `summary.<path> = <JSON value>`.
import type { Bounded, PathOf } from "../results/summary";
import { currentDisplayWriter, type MimeBundle } from "./displayBundle";

const segment = /([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g;

/**
 * The value at `path` in `summary` (any path, e.g. one read back from a notebook); throws naming the first missing key.
 */
export function summaryValue(summary: unknown, path: string): unknown {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/.test(path))
    throw new Error(`summaryValue: invalid path: ${path}`);
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
const summaryMetadataKey = "speedrun_summary";

/**
 * The display bundle that carries the values: an empty text/plain (every viewer shows nothing) and the values in
 * metadata.
 */
function summaryValuesBundle<T>(summary: T, paths: readonly PathOf<T>[]): MimeBundle {
  const values: Record<string, unknown> = {};
  for (const p of paths) values[p] = summaryValue(summary, p);
  return { data: { "text/plain": "" }, metadata: { [summaryMetadataKey]: values } };
}

/**
 * The values at `paths`, for the reader and for the notebook test. In a kernel it displays `summaryValuesBundle` (the
 * exact values, invisible, for the test) and returns readable lines `<path>: <value>` (numbers to 4 significant
 * digits), so the notebooks' `console.log(formatSummaryValues(...))` prints the headline numbers it names; outside a
 * kernel it returns the `summary.<path> = <JSON value>` lines parseSummaryValues reads back, in the given order.
 */
export function formatSummaryValues<T>(
  summary: T,
  paths: readonly PathOf<T>[],
  writer = currentDisplayWriter(),
): string {
  if (writer) {
    writer(summaryValuesBundle(summary, paths));
    return readableSummaryLines(summary, paths);
  }
  return summaryValueLines(summary, paths);
}

const isBounded = (v: unknown): v is Bounded<number | string> =>
  typeof v === "object" && v !== null && "kind" in v && "estimate" in v && "lower" in v && "upper" in v;

const KIND_WORDS: Readonly<Record<string, string>> = { newey_west: "Newey-West", ols: "OLS" };

/** A bounded value in words: "≤ 26.77 (upper bound)", "6.48 (95% Newey-West: 4.772 to 10.09)". */
function boundedWords(b: Bounded<number | string>, show: (v: unknown) => string): string {
  const kind = KIND_WORDS[b.kind] ?? b.kind.replace(/_/g, " ");
  if (b.kind === "not_identified") return "not identified";
  if (b.kind === "upper_bound") return `≤ ${show(b.upper)} (upper bound)`;
  if (b.kind === "lower_bound") return `≥ ${show(b.lower)} (lower bound)`;
  if (b.estimate === null && b.lower === null && b.upper !== null) return `≤ ${show(b.upper)} (95% ${kind} limit)`;
  if (b.estimate === null && b.upper === null && b.lower !== null) return `≥ ${show(b.lower)} (95% ${kind} limit)`;
  const limits = b.lower !== null || b.upper !== null ? `95% ${kind}: ${show(b.lower)} to ${show(b.upper)}` : "";
  if (b.estimate === null) return limits || "n/a";
  return limits ? `${show(b.estimate)} (${limits})` : show(b.estimate);
}

/** `<path>: <value>` lines: numbers to 4 significant digits, text as it is, missing values as "n/a". */
function readableSummaryLines<T>(summary: T, paths: readonly PathOf<T>[]): string {
  const show = (v: unknown): string =>
    typeof v === "number"
      ? Number.isFinite(v)
        ? String(Number(v.toPrecision(4)))
        : String(v)
      : v === null || v === undefined
        ? "n/a"
        : typeof v === "string"
          ? v
          : isBounded(v)
            ? boundedWords(v, show)
            : JSON.stringify(v);
  return paths.map((p) => `${p}: ${show(summaryValue(summary, p))}`).join("\n");
}

/** `summary.<path> = <JSON value>` lines for `paths`, in the given order. */
function summaryValueLines<T>(summary: T, paths: readonly PathOf<T>[]): string {
  return paths.map((p) => `summary.${p} = ${JSON.stringify(summaryValue(summary, p))}`).join("\n");
}

/** Every value carried in outputs' metadata (see summaryValuesBundle), in output order. */
export function summaryValuesFromOutputs(
  outputs: readonly { readonly metadata?: { readonly [key: string]: unknown } }[],
): PrintedSummaryValue[] {
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
