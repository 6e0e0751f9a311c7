// The embedded dataset (data/speedrun/*.csv) back as typed records (as danfojs-node DataFrames: loadDataFrames.ts).
// Every cell is checked on the way in: a bad number names the file, line and column.
import { join } from "node:path";
import type {
  EvalPointWithSource,
  LogFormat,
  RecordEvidence,
  RecordRow,
  Run,
  RunRole,
  RunStatus,
  TokenScheduleKind,
  Track,
  TrainPoint,
} from "../types";
import { parseCsv } from "./csv";
import { readOutputFolder } from "./readOutputFolder";
import { DATASET_DIR } from "./sharedDir";

export interface Dataset {
  readonly records: readonly RecordRow[];
  /** Runs with their evaluation points and (thinned) train losses attached. */
  readonly runs: readonly Run[];
}

/** A table's header positions and raw rows (string arrays, as parsed): loadDataset reads cells by column name. */
export interface RawTable {
  readonly file: string;
  readonly header: readonly string[];
  readonly columns: ReadonlyMap<string, number>;
  readonly rows: readonly (readonly string[])[];
}

const HINT = "run npm run ingest, or pass another data folder";

/** The dataset's files `names`, as one version even while an ingest replaces the folder (readOutputFolder.ts). */
function readDatasetFiles(dir: string, names: readonly string[]): Map<string, Buffer> {
  return readOutputFolder(dir, "dataset", names, { what: "data file", hint: HINT }).files;
}

function readRawTable(dir: string, name: string, bytes: Buffer = readDatasetFiles(dir, [name]).get(name)!): RawTable {
  const file = join(dir, name);
  const { header, rows } = parseCsv(bytes.toString("utf8"), file);
  // A repeated column name reads its last column.
  return { file, header, columns: new Map(header.map((h, i) => [h, i])), rows };
}

class Cells {
  constructor(
    private readonly table: RawTable,
    private readonly row: readonly string[],
    private readonly line: number,
  ) {}
  has(col: string): boolean {
    return this.table.columns.has(col);
  }
  where(): string {
    return `${this.table.file}:${this.line}`;
  }
  str(col: string): string {
    const k = this.table.columns.get(col);
    if (k === undefined) throw new Error(`${this.table.file}: missing column ${col}`);
    return this.row[k];
  }
  strOrNull(col: string): string | null {
    const v = this.str(col);
    return v === "" ? null : v;
  }
  num(col: string): number {
    const v = this.numOrNull(col);
    if (v === null) throw new Error(`${this.table.file}:${this.line}: column ${col} is empty`);
    return v;
  }
  numOrNull(col: string): number | null {
    const v = this.str(col);
    if (v === "") return null;
    const x = Number(v);
    if (!Number.isFinite(x)) throw new Error(`${this.table.file}:${this.line}: column ${col} is not a number: ${v}`);
    return x;
  }
  bool(col: string): boolean {
    const v = this.str(col);
    if (v !== "true" && v !== "false")
      throw new Error(`${this.table.file}:${this.line}: column ${col} is not true/false: ${v}`);
    return v === "true";
  }
}

/** Track 3's evidence columns, null where the row has none (or the dataset predates them). */
function evidenceOf(c: Cells): RecordEvidence | null {
  if (!c.has("steps_to_target") || c.str("steps_to_target") === "") return null;
  const mark = c.str("evidence_mark");
  if (mark !== "" && mark !== "significant" && mark !== "not_significant")
    throw new Error(`${c.where()}: column evidence_mark is not significant/not_significant: ${mark}`);
  return {
    steps: c.num("steps_to_target"),
    newRecord: c.bool("new_record"),
    meanLoss: c.num("evidence_loss"),
    nRuns: c.num("evidence_runs"),
    mark: mark === "" ? null : mark,
  };
}

function cellsOf(table: RawTable): Cells[] {
  return table.rows.map((r, i) => new Cells(table, r, i + 2));
}

/** The four tables of a dataset folder, each read and parsed once (loadDataset and loadDataFrames share them). */
export interface DatasetTables {
  readonly records: RawTable;
  readonly evals: RawTable;
  readonly trainLosses: RawTable;
  readonly runs: RawTable;
}

/** Reads the dataset's four CSVs (records, evals, train losses, runs: the order a missing file is reported in). */
export function readDatasetTables(dir: string = DATASET_DIR): DatasetTables {
  // One consistent version of the folder (readOutputFolder's marker check), even while a writer replaces it.
  const files = readDatasetFiles(dir, ["records.csv", "evals.csv", "train_losses.csv", "runs.csv"]);
  return {
    records: readRawTable(dir, "records.csv", files.get("records.csv")),
    evals: readRawTable(dir, "evals.csv", files.get("evals.csv")),
    trainLosses: readRawTable(dir, "train_losses.csv", files.get("train_losses.csv")),
    runs: readRawTable(dir, "runs.csv", files.get("runs.csv")),
  };
}

/** The dataset as typed records, every cell checked; `tables` when the caller has already read them. */
export function loadDataset(dir: string = DATASET_DIR, tables?: DatasetTables): Dataset {
  const t = tables ?? readDatasetTables(dir);
  const rec = t.records;
  const records: RecordRow[] = cellsOf(rec).map((c) => ({
    track: c.str("track") as Track,
    record: c.num("record"),
    rowIndex: c.num("record_row"),
    date: c.strOrNull("date"),
    timeS: c.numOrNull("time_s"),
    description: c.str("description"),
    logPaths: c.str("log_paths") === "" ? [] : c.str("log_paths").split(";"),
    contributors: c.str("contributors"),
    source: c.str("source"),
    evidence: evidenceOf(c),
  }));

  const ev = t.evals;
  const evalsByRun = new Map<string, EvalPointWithSource[]>();
  for (const c of cellsOf(ev)) {
    const id = c.str("run_id");
    const list = evalsByRun.get(id) ?? [];
    list.push({
      step: c.num("step"),
      tokens: c.numOrNull("tokens"),
      trainTimeMs: c.numOrNull("train_time_ms"),
      valLoss: c.num("val_loss"),
      sourceLine: c.num("source_line"),
    });
    evalsByRun.set(id, list);
  }
  const tr = t.trainLosses;
  const trainsByRun = new Map<string, TrainPoint[]>();
  for (const c of cellsOf(tr)) {
    const id = c.str("run_id");
    const list = trainsByRun.get(id) ?? [];
    list.push({ step: c.num("step"), trainLoss: c.num("train_loss") });
    trainsByRun.set(id, list);
  }

  const ru = t.runs;
  const runs: Run[] = cellsOf(ru).map((c) => {
    const runId = c.str("run_id");
    return {
      runId,
      track: c.str("track") as Track,
      record: c.numOrNull("record"),
      recordRow: c.numOrNull("record_row"),
      role: c.str("role") as RunRole,
      sourcePath: c.str("source_path"),
      format: c.str("format") as LogFormat,
      date: c.strOrNull("date"),
      gpus: c.numOrNull("gpus"),
      nLayer: c.numOrNull("n_layer"),
      modelDim: c.numOrNull("model_dim"),
      nParams: c.numOrNull("n_params"),
      nParamsNonEmbedding: c.numOrNull("n_params_non_embedding"),
      nParamsSource: c.str("n_params_source"),
      nParamsMatmul: c.numOrNull("n_params_matmul"),
      flopsPerToken: c.numOrNull("flops_per_token"),
      flopsPerTokenSource: c.str("flops_per_token_source"),
      totalSteps: c.numOrNull("total_steps"),
      tokensPerStep: c.str("tokens_per_step"),
      tokenSchedule: c.strOrNull("token_schedule") as TokenScheduleKind | null,
      totalTokens: c.numOrNull("total_tokens"),
      trainTimeS: c.numOrNull("train_time_s"),
      finalValLoss: c.numOrNull("final_val_loss"),
      valBpb: c.numOrNull("val_bpb"),
      coreScore: c.numOrNull("core_score"),
      targetLoss: c.numOrNull("target_loss"),
      tokensToTarget: c.numOrNull("tokens_to_target"),
      timeToTargetS: c.numOrNull("time_to_target_s"),
      tokensToTargetInterp: c.numOrNull("tokens_to_target_interp"),
      timeToTargetInterpS: c.numOrNull("time_to_target_interp_s"),
      status: c.str("status") as RunStatus,
      diverged: c.bool("diverged"),
      note: c.str("note"),
      evals: evalsByRun.get(runId) ?? [],
      trains: trainsByRun.get(runId) ?? [],
    };
  });
  return { records, runs };
}
