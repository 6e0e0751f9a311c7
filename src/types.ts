// Shared typed records. Every stage imports its inputs from here; a missing value is null with a reason, never 0.

export type Track = "track1" | "track2" | "nanochat";

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

export type RunRole = "record" | "baseline" | "ablation" | "rerun" | "scaleup" | "other";
export type RunStatus = "reached_target" | "missed_target" | "diverged" | "no_evals";

/** A value that could not be determined carries the reason instead of a guess. */
export interface Unknown {
  readonly value: null;
  readonly reason: string;
}
