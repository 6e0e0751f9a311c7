// Shared typed records. Every stage imports its inputs from here; a missing value is null with a reason, never 0.

/** track1 (124M to 3.28 by wall clock), track2 (350M to 2.92), track3 (the optimization benchmark: 124M to 3.28 in
 * the fewest steps at a fixed architecture and batch), nanochat (GPT-2 capability). */
export type Track = "track1" | "track2" | "track3" | "nanochat";

/** One row of a record table (README.md / RECORDS.md of modded-nanogpt, or nanochat's leaderboard). */
export interface RecordRow {
  readonly track: Track;
  /** Record number as printed; the three rows numbered 21 in track 1 stay distinct through `rowIndex`. */
  readonly record: number;
  /** 0-based position of the row in its table, unique within a track. */
  readonly rowIndex: number;
  /** ISO date (YYYY-MM-DD), null where the table gives none ("-"). */
  readonly date: string | null;
  /** Record time in seconds as the table states it (minutes, hours; a trailing "*" marker is dropped). */
  readonly timeS: number | null;
  readonly description: string;
  /** Log links relative to the source checkout (files or folders); empty where the table has none. */
  readonly logPaths: readonly string[];
  readonly contributors: string;
  /** Where the row came from: `file:line`. */
  readonly source: string;
  /** Track 3 only (null elsewhere): the table's "Evidence" and "Steps to 3.28" cells, parsed. */
  readonly evidence?: RecordEvidence | null;
}

/**
 * Track 3's "Evidence" cell (`3.2741 (n=5)✓`) with its "Steps to 3.28" cell (`3325(!)`): the mean final val loss over
 * n runs at that step count, whether the README marks it significant (✓) or not (Ⓧ), and whether it set a new record.
 */
export interface RecordEvidence {
  readonly steps: number;
  readonly newRecord: boolean;
  readonly meanLoss: number;
  readonly nRuns: number;
  /** "significant" for ✓, "not_significant" for Ⓧ, null when the cell has no mark. */
  readonly mark: "significant" | "not_significant" | null;
}

/** One validation evaluation of a run. */
export interface EvalPoint {
  /** Optimizer steps taken before this evaluation (`step:k/N val_loss` is printed after k steps). */
  readonly step: number;
  /** Training tokens seen before this evaluation. Null where the token schedule is unknown. */
  readonly tokens: number | null;
  /** Train time in ms at this evaluation, null where the format has no timing (llm.c). */
  readonly trainTimeMs: number | null;
  readonly valLoss: number;
}

export interface TrainPoint {
  readonly step: number;
  readonly trainLoss: number;
}

/**
 * `mismatch`: a linked log whose printed script is another record's (recordDefects.ts): kept, out of the row's figures.
 */
export type RunRole = "record" | "baseline" | "ablation" | "rerun" | "scaleup" | "other" | "mismatch";
export type RunStatus = "reached_target" | "missed_target" | "diverged" | "no_evals";

// ---- ingest: runs parsed from training logs -------------------------------------------------------------------

/** Log format eras (see FACTS.md): llm.c C/CUDA, llm.c PyTorch variant, modded-nanogpt `step:N/M ...` lines. */
export type LogFormat = "llmc_cuda" | "llmc_pytorch" | "modded_nanogpt" | "nanochat_table";

/** How tokens per optimizer step were determined from the printed script. */
export type TokenScheduleKind = "constant" | "index_schedule" | "stage_schedule" | "table";

/** Kinds of bad input the ingest counts and reports (batch mode) or stops at (`--strict`). */
export type IngestWarningKind =
  | "empty_file"
  | "binary_file"
  | "unknown_format"
  | "truncated_file"
  | "malformed_line"
  | "nonfinite_loss"
  | "duplicate_step"
  | "out_of_order_step"
  | "bad_table_row"
  | "diverged_run"
  // A loss that is neither a number nor nan/inf (e.g. `3.2x8`): corrupt text, not a diverged run.
  | "corrupt_loss"
  // File-level trouble: the file is skipped and the ingest goes on (src/ingest/findLogs.ts, src/ingest/loadRun.ts).
  | "unreadable_file"
  | "vanished_file"
  | "special_file"
  | "symlink_loop"
  | "dangling_link"
  | "link_outside_source"
  | "file_too_large"
  | "line_too_long"
  // A log-named file under records/ but outside the three track folders: counted, not read.
  | "outside_tracks"
  // A listed log replaced (by a link or another file) before it was read: not read (src/ingest/loadRun.ts).
  | "changed_file"
  // A path too deep to open (past PATH_MAX): reported, never skipped in silence (src/ingest/findLogs.ts).
  | "path_too_deep";

export interface IngestWarning {
  readonly kind: IngestWarningKind;
  /** Path relative to the source checkout. */
  readonly file: string;
  /** 1-based line, null when the trouble is the file as a whole. */
  readonly line: number | null;
  readonly message: string;
}

/** An evaluation point that remembers the log line it came from. */
export interface EvalPointWithSource extends EvalPoint {
  readonly sourceLine: number;
}

/** One training run (one log file, or one nanochat leaderboard row), with the derived figures of runs.csv. */
export interface Run {
  /**
   * Source path without the `records/` prefix and extension for logs (`track_1_short/2024-10-13_llmc/main`);
   * `nanochat/<row>`.
   */
  readonly runId: string;
  readonly track: Track;
  /** Record number as printed in the table, null when the run belongs to no record row. */
  readonly record: number | null;
  /** 0-based row of the record table (keeps the three rows numbered 21 apart). */
  readonly recordRow: number | null;
  readonly role: RunRole;
  /** Path relative to the source checkout (`records/...`). */
  readonly sourcePath: string;
  readonly format: LogFormat;
  /** Record date (ISO) where the run is tied to a record row. */
  readonly date: string | null;
  readonly gpus: number | null;
  readonly nLayer: number | null;
  readonly modelDim: number | null;
  /** Parameters including embeddings (token, value and bigram-hash embedding tables count as embeddings). */
  readonly nParams: number | null;
  /** Parameters excluding embedding tables; an untied lm_head counts here (as the logs' own counts do). */
  readonly nParamsNonEmbedding: number | null;
  /** How nParams was found (`printed`, `computed:<formula>`), or why it is null. */
  readonly nParamsSource: string;
  /** Weight-matrix parameters a token passes through, LM head included (tied or not), embedding lookups excluded. */
  readonly nParamsMatmul: number | null;
  /**
   * Training FLOPs per token: 6 * nParamsMatmul + attention (src/ingest/flopsPerToken.ts); null with the reason in
   * note.
   */
  readonly flopsPerToken: number | null;
  /** How flopsPerToken was computed, or why it is null. */
  readonly flopsPerTokenSource: string;
  readonly totalSteps: number | null;
  readonly tokensPerStep: string;
  readonly tokenSchedule: TokenScheduleKind | null;
  readonly totalTokens: number | null;
  readonly trainTimeS: number | null;
  readonly finalValLoss: number | null;
  /** nanochat only: validation bits per byte and DCLM CORE score from the leaderboard (not comparable to val loss). */
  readonly valBpb: number | null;
  readonly coreScore: number | null;
  readonly targetLoss: number | null;
  /** Tokens seen before the first evaluation at or below the target. */
  readonly tokensToTarget: number | null;
  readonly timeToTargetS: number | null;
  /** Linear interpolation in val loss between the last evaluation above and the first at or below the target. */
  readonly tokensToTargetInterp: number | null;
  readonly timeToTargetInterpS: number | null;
  readonly status: RunStatus;
  readonly diverged: boolean;
  /** Reasons for null fields and other remarks, `field: reason` joined by `; `. */
  readonly note: string;
  readonly evals: readonly EvalPointWithSource[];
  readonly trains: readonly TrainPoint[];
}

// ---- kinds of change and measurements with a kind (shared by the transfer-pair and attribution analyses) ---------

/**
 * What kind of change a record row or a transfer pair is. One vocabulary for the record categories
 * (data/record_categories.csv) and the cross-scale transfer catalogue; `recipe` is a whole recipe against a baseline.
 */
export type ChangeCategory =
  | "architecture" // architecture and attention
  | "optimizer"
  | "hyperparameters" // hyperparameters and schedule
  | "data" // data, batch and tokens per parameter
  | "systems" // systems and kernels (no change in what is computed)
  | "evaluation" // evaluation or rules change
  | "recipe"; // a whole recipe against a baseline

export const CHANGE_CATEGORIES: readonly ChangeCategory[] = Object.freeze([
  "architecture",
  "optimizer",
  "hyperparameters",
  "data",
  "systems",
  "evaluation",
  "recipe",
]);

/**
 * What a measured value is: a point estimate (interpolated crossing of complete runs), a lower or upper bound
 * (the true value lies above / below `value`), or a two-sided interval known only as [lo, hi].
 */
export type MeasurementKind = "estimate" | "lower_bound" | "upper_bound" | "interval";

/**
 * One cross-scale measurement of a compute multiplier: at one scale, the baseline needs `multiplier` times the
 * treatment's FLOPs to reach the same target loss (Gundlach et al. 2025's compute-equivalent gain). `flops` is the
 * treatment's FLOPs to the target, the compute axis of the scale model. `lo`/`hi` is the measurement interval from
 * run-to-run noise where known (for a bound: lo = multiplier for a lower bound, hi = multiplier for an upper bound).
 */
export interface TransferMeasurement {
  readonly pairId: string;
  readonly innovation: string;
  readonly category: ChangeCategory;
  /** Nominal size, a label only ("124M", "350M", "1.5B"): never used in arithmetic. */
  readonly scaleLabel: string;
  readonly nParamsMatmul: number | null;
  readonly flopsPerToken: number | null;
  readonly flops: number | null;
  readonly targetLoss: number | null;
  readonly targetRule: string;
  readonly multiplier: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly kind: MeasurementKind;
  /** Standard deviation of ln(multiplier) from reruns, null where there are none. */
  readonly logSd: number | null;
  /** "logs" (computed from the training logs) or "literature" (published numbers, see `source`). */
  readonly origin: "logs" | "literature";
  readonly method: string;
  /** Log paths (file:line) or the citation. */
  readonly source: string;
  readonly note: string;
  /** The catalogue row's id (data/transfer_pairs.csv `id`): one pair at one scale may be read several ways. */
  readonly measurementId?: string;
  /**
   * The catalogue marks one reading per pair and scale as the one that stands for it (a complete end point over a
   * mid-schedule crossing where both exist); the others stay in the table as alternatives.
   */
  readonly preferred?: boolean;
}
