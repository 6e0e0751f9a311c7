// Runs and record rows -> the CSV files of data/speedrun/ (pure). Rows are sorted and numbers formatted so that
// re-ingesting the same sources gives byte-identical files.
import type { RecordRow, Run, Track } from "../types";
import { toCsv, type CsvValue } from "./csv";

const RECORDS_COLUMNS = [
  "track",
  "record",
  "date",
  "time_s",
  "description",
  "log_paths",
  "contributors",
  "record_row",
  "source",
  // Track 3's table (empty elsewhere): "Steps to 3.28" and its "(!)" new-record mark, and the "Evidence" cell.
  "steps_to_target",
  "new_record",
  "evidence_loss",
  "evidence_runs",
  "evidence_mark",
] as const;
const RUNS_COLUMNS = [
  "run_id",
  "track",
  "record",
  "role",
  "source_path",
  "format",
  "n_params",
  "n_params_non_embedding",
  "total_steps",
  "total_tokens",
  "train_time_s",
  "final_val_loss",
  "target_loss",
  "tokens_to_target",
  "time_to_target_s",
  "status",
  "note",
  "record_row",
  "date",
  "gpus",
  "n_layer",
  "model_dim",
  "n_params_source",
  "tokens_per_step",
  "token_schedule",
  "tokens_to_target_interp",
  "time_to_target_interp_s",
  "diverged",
  "val_bpb",
  "core_score",
  "n_evals",
  "n_params_matmul",
  "flops_per_token",
  "flops_per_token_source",
] as const;
const EVALS_COLUMNS = ["run_id", "step", "tokens", "train_time_ms", "val_loss", "source_line"] as const;
const TRAINS_COLUMNS = ["run_id", "step", "train_loss"] as const;

const TRACK_ORDER: Readonly<Record<Track, number>> = { track1: 0, track2: 1, track3: 2, nanochat: 3 };

function sortRecords(rows: readonly RecordRow[]): RecordRow[] {
  return [...rows].sort((a, b) => TRACK_ORDER[a.track] - TRACK_ORDER[b.track] || a.rowIndex - b.rowIndex);
}

/** Track, then record row (runs tied to no row last), then run id. */
function sortRuns(runs: readonly Run[]): Run[] {
  const rowKey = (r: Run): number => (r.recordRow === null ? Number.MAX_SAFE_INTEGER : r.recordRow);
  return [...runs].sort(
    (a, b) =>
      TRACK_ORDER[a.track] - TRACK_ORDER[b.track] ||
      rowKey(a) - rowKey(b) ||
      (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0),
  );
}

export function recordsCsv(rows: readonly RecordRow[]): string {
  return toCsv(
    RECORDS_COLUMNS,
    sortRecords(rows).map((r) => {
      const e = r.evidence ?? null;
      return [
        r.track,
        r.record,
        r.date,
        r.timeS,
        r.description,
        r.logPaths.join(";"),
        r.contributors,
        r.rowIndex,
        r.source,
        e?.steps ?? null,
        e === null ? null : e.newRecord,
        e?.meanLoss ?? null,
        e?.nRuns ?? null,
        e?.mark ?? null,
      ];
    }),
  );
}

const roundOrNull = (x: number | null): number | null => (x === null ? null : Math.round(x));
const msRound = (s: number | null): number | null => (s === null ? null : Math.round(s * 1000) / 1000);

export function runsCsv(runs: readonly Run[]): string {
  return toCsv(
    RUNS_COLUMNS,
    sortRuns(runs).map((r): CsvValue[] => [
      r.runId,
      r.track,
      r.record,
      r.role,
      r.sourcePath,
      r.format,
      r.nParams,
      r.nParamsNonEmbedding,
      r.totalSteps,
      r.totalTokens,
      msRound(r.trainTimeS),
      r.finalValLoss,
      r.targetLoss,
      r.tokensToTarget,
      msRound(r.timeToTargetS),
      r.status,
      r.note,
      r.recordRow,
      r.date,
      r.gpus,
      r.nLayer,
      r.modelDim,
      r.nParamsSource,
      r.tokensPerStep,
      r.tokenSchedule,
      roundOrNull(r.tokensToTargetInterp),
      msRound(r.timeToTargetInterpS),
      r.diverged,
      r.valBpb,
      r.coreScore,
      r.evals.length,
      r.nParamsMatmul,
      roundOrNull(r.flopsPerToken),
      r.flopsPerTokenSource,
    ]),
  );
}

export function evalsCsv(runs: readonly Run[]): string {
  const rows: CsvValue[][] = [];
  for (const r of sortRuns(runs)) {
    for (const e of r.evals) rows.push([r.runId, e.step, e.tokens, e.trainTimeMs, e.valLoss, e.sourceLine]);
  }
  return toCsv(EVALS_COLUMNS, rows);
}

/** The runs' train losses (already thinned to every TRAIN_LOSS_EVERY steps plus the last by buildRun). */
export function trainsCsv(runs: readonly Run[]): string {
  const rows: CsvValue[][] = [];
  for (const r of sortRuns(runs)) for (const t of r.trains) rows.push([r.runId, t.step, t.trainLoss]);
  return toCsv(TRAINS_COLUMNS, rows);
}
