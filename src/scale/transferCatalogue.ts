// The cross-scale transfer catalogue (data/transfer_pairs.csv): which runs form each comparison, as data. One loader
// validates it; a bad row is an error naming the file, the line and the value. The code in measureTransferPairs.ts
// computes from the rows; the file says what is compared and why.
//
// Columns (one row per measurement: a pair at one scale, read one way):
//   id           unique measurement id (`muon_vs_adamw@1.5B/end7.5B`)
//   pair_id      the pair it belongs to; rows of one pair share innovation and category
//   innovation   what changed, in words
//   category     architecture | optimizer | hyperparameters | data | systems | evaluation | recipe
//   scale_label  nominal size, a label only ("124M", "350M", "1.5B")
//   baseline, treatment   run selectors:
//                  row:<track>:<record_row>          the runs (roles record, rerun) of a record-table row (0-based)
//                  record:<track>:<number>           same, by record number (an error where the number has
//                                                    several rows)
//                  run:<run_id>[+<run_id>...]        named runs
//                  published:<loss>@<tokens>@<run_id>  a published complete end point without a log; FLOPs per token
//                                                    from <run_id>, a run of the same model
//   target_rule  baseline_final (the baseline's own final loss of its complete schedule; the default for a baseline
//                trained past the target, e.g. llm.c) | track_target (the track's record target, 3.28 / 2.92, which
//                both sides' schedules were tuned to end at: record vs record) | treatment_final (each treatment
//                run's own final loss, read on the baseline's curve: for a treatment that stops short of the
//                baseline's final loss, a complete end point instead of a bound) | loss:<value>
//   method       crossing (read the treatment's curve at the target) | endpoint (compare complete end points only)
//   preferred    yes | no: the row that stands for the pair at this scale (exactly one yes per pair and scale)
//   reason       why the comparison is made and what it may confound; the source of published numbers
import { readCsv } from "../dataset/csv";
import { CHANGE_CATEGORIES, type ChangeCategory } from "../types";
import type { RecordInput, RunInput } from "../analysis/inputs";

/** The dataset rows a catalogue is checked against. */
export type CatalogueInput = { readonly records: readonly RecordInput[]; readonly runs: readonly RunInput[] };

export type TransferMethod = "crossing" | "endpoint";

export type RunSelector =
  | { readonly kind: "row"; readonly track: string; readonly rowIndex: number }
  | { readonly kind: "record"; readonly track: string; readonly record: number }
  | { readonly kind: "runs"; readonly runIds: readonly string[] }
  | { readonly kind: "published"; readonly loss: number; readonly tokens: number; readonly shapeRunId: string };

export type TargetRule =
  | { readonly kind: "baseline_final" }
  | { readonly kind: "treatment_final" }
  | { readonly kind: "track_target" }
  | { readonly kind: "loss"; readonly loss: number };

export interface TransferPairRow {
  readonly id: string;
  readonly pairId: string;
  readonly innovation: string;
  readonly category: ChangeCategory;
  readonly scaleLabel: string;
  readonly baseline: RunSelector;
  readonly treatment: RunSelector;
  /** The selectors as written, for tables and messages. */
  readonly baselineText: string;
  readonly treatmentText: string;
  readonly targetRule: TargetRule;
  readonly method: TransferMethod;
  readonly preferred: boolean;
  readonly reason: string;
  /** `file:line` of the row. */
  readonly source: string;
}

const TRANSFER_CATALOGUE_COLUMNS = [
  "id",
  "pair_id",
  "innovation",
  "category",
  "scale_label",
  "baseline",
  "treatment",
  "target_rule",
  "method",
  "preferred",
  "reason",
] as const;

/** Parses and validates the catalogue text. With `input`, every selector must name runs that exist (else an error). */
export function parseTransferCatalogue(
  text: string,
  file = "transfer_pairs.csv",
  input?: CatalogueInput,
): TransferPairRow[] {
  const { header, rows } = readCsv(text, file);
  for (const col of TRANSFER_CATALOGUE_COLUMNS)
    if (!header.includes(col)) throw new Error(`${file}:1: missing column ${col} (header: ${header.join(",")})`);
  const seen = new Map<string, number>();
  const pairs = new Map<string, { innovation: string; category: string; line: number }>();
  const preferredAt = new Map<string, number[]>();
  const out: TransferPairRow[] = [];
  for (const { line, cells } of rows) {
    if (cells.length !== header.length)
      throw new Error(`${file}:${line}: ${cells.length} fields, header has ${header.length}`);
    const row: Record<string, string> = {};
    header.forEach((h, j) => (row[h] = cells[j].trim()));
    const at = `${file}:${line}`;
    for (const col of TRANSFER_CATALOGUE_COLUMNS) if (row[col] === "") throw new Error(`${at}: missing ${col}`);
    const first = seen.get(row.id);
    if (first !== undefined) throw new Error(`${at}: duplicate id ${row.id} (first at line ${first})`);
    seen.set(row.id, line);
    if (!(CHANGE_CATEGORIES as readonly string[]).includes(row.category)) {
      throw new Error(`${at}: unknown category ${row.category} (expected one of ${CHANGE_CATEGORIES.join(", ")})`);
    }
    const pair = pairs.get(row.pair_id);
    if (pair === undefined) pairs.set(row.pair_id, { innovation: row.innovation, category: row.category, line });
    else if (pair.innovation !== row.innovation || pair.category !== row.category) {
      throw new Error(
        `${at}: pair ${row.pair_id} has innovation/category "${row.innovation}"/${row.category}, ` +
          `line ${pair.line} has "${pair.innovation}"/${pair.category}`,
      );
    }
    if (row.method !== "crossing" && row.method !== "endpoint")
      throw new Error(`${at}: unknown method ${row.method} (expected crossing or endpoint)`);
    if (row.preferred !== "yes" && row.preferred !== "no")
      throw new Error(`${at}: preferred must be yes or no, got ${row.preferred}`);
    const key = `${row.pair_id} at ${row.scale_label}`;
    if (row.preferred === "yes") preferredAt.set(key, [...(preferredAt.get(key) ?? []), line]);
    else if (!preferredAt.has(key)) preferredAt.set(key, []);
    const baseline = parseSelector(row.baseline, `${at}: baseline`);
    const treatment = parseSelector(row.treatment, `${at}: treatment`);
    if (treatment.kind === "published")
      throw new Error(`${at}: treatment: a published end point can only be a baseline`);
    out.push({
      id: row.id,
      pairId: row.pair_id,
      innovation: row.innovation,
      category: row.category as ChangeCategory,
      scaleLabel: row.scale_label,
      baseline,
      treatment,
      baselineText: row.baseline,
      treatmentText: row.treatment,
      targetRule: parseTargetRule(row.target_rule, at),
      method: row.method,
      preferred: row.preferred === "yes",
      reason: row.reason,
      source: at,
    });
  }
  for (const [key, lines] of preferredAt) {
    if (lines.length !== 1)
      throw new Error(
        `${file}: ${key} has ${lines.length} rows marked ` +
          `preferred${lines.length ? ` (lines ${lines.join(", ")})` : ""}; expected exactly one`,
      );
  }
  if (input !== undefined)
    for (const r of out) for (const s of [r.baseline, r.treatment]) checkSelector(s, input, r.source);
  return out;
}

function parseSelector(text: string, at: string): RunSelector {
  let m = /^(row|record):(track1|track2|track3|nanochat):(\d+)$/.exec(text);
  if (m !== null)
    return m[1] === "row"
      ? { kind: "row", track: m[2], rowIndex: Number(m[3]) }
      : { kind: "record", track: m[2], record: Number(m[3]) };
  m = /^run:(.+)$/.exec(text);
  if (m !== null) {
    const ids = m[1].split("+").map((s) => s.trim());
    if (ids.some((s) => s === "")) throw new Error(`${at}: empty run id in ${text}`);
    return { kind: "runs", runIds: ids };
  }
  m = /^published:([0-9.]+)@([0-9]+)@(.+)$/.exec(text);
  if (m !== null) {
    const loss = Number(m[1]);
    const tokens = Number(m[2]);
    if (!(loss > 0) || !(tokens > 0)) throw new Error(`${at}: published loss and tokens must be positive: ${text}`);
    return { kind: "published", loss, tokens, shapeRunId: m[3] };
  }
  throw new Error(
    `${at}: unknown selector ${text} (expected row:<track>:<row>, record:<track>:<number>, run:<id>[+<id>], ` +
      `published:<loss>@<tokens>@<run_id>)`,
  );
}

function parseTargetRule(text: string, at: string): TargetRule {
  if (text === "baseline_final") return { kind: "baseline_final" };
  if (text === "track_target") return { kind: "track_target" };
  if (text === "treatment_final") return { kind: "treatment_final" };
  const m = /^loss:([0-9.]+)$/.exec(text);
  if (m !== null && Number(m[1]) > 0) return { kind: "loss", loss: Number(m[1]) };
  throw new Error(
    `${at}: unknown target_rule ${text} (expected baseline_final, treatment_final, track_target or loss:<value>)`,
  );
}

/** Record-table rows a selector means; an error when it names none or (by record number) several. */
export function selectorRowIndex(s: RunSelector, input: CatalogueInput, at: string): number | null {
  if (s.kind === "row") {
    if (!input.records.some((r) => r.track === s.track && r.rowIndex === s.rowIndex))
      throw new Error(`${at}: unknown record row ${s.track}:${s.rowIndex}`);
    return s.rowIndex;
  }
  if (s.kind === "record") {
    const rows = input.records.filter((r) => r.track === s.track && r.record === s.record);
    if (rows.length === 0) throw new Error(`${at}: unknown record ${s.track} #${s.record}`);
    if (rows.length > 1)
      throw new Error(
        `${at}: record ${s.track} #${s.record} has ${rows.length} table rows ` +
          `(${rows.map((r) => r.rowIndex).join(", ")}): use row:${s.track}:<row>`,
      );
    return rows[0].rowIndex;
  }
  return null;
}

function checkSelector(s: RunSelector, input: CatalogueInput, at: string): void {
  const ids = new Set(input.runs.map((r) => r.runId));
  if (s.kind === "runs") {
    for (const id of s.runIds) if (!ids.has(id)) throw new Error(`${at}: unknown run ${id}`);
    return;
  }
  if (s.kind === "published") {
    if (!ids.has(s.shapeRunId)) throw new Error(`${at}: unknown run ${s.shapeRunId}`);
    return;
  }
  const row = selectorRowIndex(s, input, at);
  if (
    !input.runs.some((r) => r.track === s.track && r.rowIndex === row && (r.role === "record" || r.role === "rerun"))
  ) {
    throw new Error(`${at}: record row ${s.track}:${row} has no runs with a log`);
  }
}
