// Headline numbers printed by notebooks in a form a test can read back and compare with results/summary.json:
// one line per value, `summary.<path> = <JSON value>`, with the path in summary.json's own keys
// (`track1.token_ratio`, `halving_time_months.track1.estimate`, `claims[0].measured.time_ratio`, `verdict`).

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

/** `summary.<path> = <JSON value>` lines for `paths`, in the given order. */
export function formatSummaryValues(summary: unknown, paths: readonly string[]): string {
  return paths.map((p) => `summary.${p} = ${JSON.stringify(summaryValue(summary, p))}`).join("\n");
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
