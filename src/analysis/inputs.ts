// Typed input rows of the analysis, one interface per embedded CSV (data/speedrun/*.csv), read from CSV text with the
// project's CSV reader. The analysis maps the columns itself rather than taking loadDataset's records: loadDataset
// needs every column the ingest writes, while the analysis depends only on the columns it uses, which both the ingest
// stage and the hand-made test fixtures (test/fixtures/analysis: row_index, no source column) satisfy; and its rows
// name their own CSV line (`records.csv:12`) where loadDataset's records carry the upstream source (`RECORDS.md:12`).
import { readCsv } from "../dataset/csv";
import type { DataIssue } from "../ingest/logIntegrity";

export interface RecordInput {
  readonly track: string;
  readonly record: number;
  /** 0-based row of the record table within its track; the three rows numbered 21 in track 1 stay distinct. */
  readonly rowIndex: number;
  readonly date: string | null;
  /** Record time as the table states it, in seconds. */
  readonly timeS: number | null;
  readonly description: string;
  /** `records.csv:<line>` */
  readonly source: string;
}

export interface RunInput {
  readonly runId: string;
  readonly track: string;
  readonly record: number | null;
  /** Row of the record table this run belongs to, when the CSV says (column record_row or row_index). */
  readonly rowIndex: number | null;
  readonly role: string;
  readonly sourcePath: string;
  readonly nParams: number | null;
  readonly nParamsNonEmbedding: number | null;
  /**
   * Matmul weights (LM head included) and training FLOPs per token from the run's model (runs.csv; null where unknown).
   */
  readonly nParamsMatmul: number | null;
  readonly flopsPerToken: number | null;
  readonly totalSteps: number | null;
  readonly totalTokens: number | null;
  readonly trainTimeS: number | null;
  readonly finalValLoss: number | null;
  readonly targetLoss: number | null;
  readonly status: string;
  /** GPUs the run used (extra column `gpus`); null means the track's 8xH100. */
  readonly gpus: number | null;
  /** Shape and schedule from the printed script (optional columns n_layer, model_dim, tokens_per_step, token_schedule;
   * null / "" where absent): read by scriptChanges.ts to spot unannounced changes. */
  readonly nLayer?: number | null;
  readonly modelDim?: number | null;
  readonly tokensPerStep?: string;
  readonly tokenSchedule?: string;
  readonly source: string;
}

export interface EvalInput {
  readonly runId: string;
  readonly step: number;
  readonly tokens: number | null;
  readonly trainTimeMs: number | null;
  readonly valLoss: number;
}

export type { DataIssue };

export function parseDataIssuesCsv(text: string, file = "data_issues.csv"): DataIssue[] {
  return tableRows(text, file, ["kind", "path", "detail"]).map(({ row }) => ({
    kind: row.kind,
    path: row.path,
    detail: row.detail,
  }));
}

type Row = Record<string, string>;

function tableRows(text: string, file: string, required: readonly string[]): { row: Row; line: number }[] {
  const { header, rows } = readCsv(text, file);
  if (header.length === 0) throw new Error(`${file}: empty file`);
  for (const col of required)
    if (!header.includes(col)) throw new Error(`${file}:1: missing column ${col} (header: ${header.join(",")})`);
  return rows.map(({ line, cells }) => {
    if (cells.length !== header.length)
      throw new Error(`${file}:${line}: ${cells.length} fields, header has ${header.length}`);
    const row: Row = {};
    header.forEach((h, j) => (row[h] = cells[j]));
    return { row, line };
  });
}

function num(row: Row, col: string, file: string, line: number): number | null {
  const v = row[col];
  if (v === undefined || v === "" || v === "NA" || v === "null") return null;
  const x = Number(v);
  if (!Number.isFinite(x)) throw new Error(`${file}:${line}: column ${col}: not a number: ${JSON.stringify(v)}`);
  return x;
}

function reqNum(row: Row, col: string, file: string, line: number): number {
  const x = num(row, col, file, line);
  if (x === null) throw new Error(`${file}:${line}: column ${col}: missing value`);
  return x;
}

export function parseRecordsCsv(text: string, file = "records.csv"): RecordInput[] {
  const rows = tableRows(text, file, ["track", "record", "date", "time_s", "description"]);
  const seen = new Map<string, number>();
  return rows.map(({ row, line }) => {
    const position = seen.get(row.track) ?? 0;
    seen.set(row.track, position + 1);
    const explicit = num(row, "row_index", file, line) ?? num(row, "record_row", file, line);
    const date = row.date && /^\d{4}-\d{2}-\d{2}$/.test(row.date) ? row.date : null;
    return {
      track: row.track,
      record: reqNum(row, "record", file, line),
      rowIndex: explicit ?? position,
      date,
      timeS: num(row, "time_s", file, line),
      description: row.description,
      source: `${file}:${line}`,
    };
  });
}

export function parseRunsCsv(text: string, file = "runs.csv"): RunInput[] {
  const rows = tableRows(text, file, [
    "run_id",
    "track",
    "record",
    "role",
    "source_path",
    "total_tokens",
    "final_val_loss",
  ]);
  return rows.map(({ row, line }) => ({
    runId: row.run_id,
    track: row.track,
    record: num(row, "record", file, line),
    rowIndex: num(row, "record_row", file, line) ?? num(row, "row_index", file, line),
    role: row.role,
    sourcePath: row.source_path,
    nParams: num(row, "n_params", file, line),
    nParamsNonEmbedding: num(row, "n_params_non_embedding", file, line),
    nParamsMatmul: num(row, "n_params_matmul", file, line),
    flopsPerToken: num(row, "flops_per_token", file, line),
    totalSteps: num(row, "total_steps", file, line),
    totalTokens: num(row, "total_tokens", file, line),
    trainTimeS: num(row, "train_time_s", file, line),
    finalValLoss: num(row, "final_val_loss", file, line),
    targetLoss: num(row, "target_loss", file, line),
    status: row.status ?? "",
    gpus: num(row, "gpus", file, line),
    nLayer: num(row, "n_layer", file, line),
    modelDim: num(row, "model_dim", file, line),
    tokensPerStep: row.tokens_per_step ?? "",
    tokenSchedule: row.token_schedule ?? "",
    source: `${file}:${line}`,
  }));
}

export function parseEvalsCsv(text: string, file = "evals.csv"): EvalInput[] {
  const rows = tableRows(text, file, ["run_id", "step", "tokens", "train_time_ms", "val_loss"]);
  return rows.map(({ row, line }) => ({
    runId: row.run_id,
    step: reqNum(row, "step", file, line),
    tokens: num(row, "tokens", file, line),
    trainTimeMs: num(row, "train_time_ms", file, line),
    valLoss: reqNum(row, "val_loss", file, line),
  }));
}
