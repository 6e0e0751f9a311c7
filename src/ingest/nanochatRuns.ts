// nanochat leaderboard rows -> Runs. Each row is a finished speedrun whose end is the target (GPT-2's CORE score), so
// its time and tokens are the time and tokens to target; there is no val-loss target and no evaluation curve.
import type { Run } from "../types";
import type { LeaderboardRun } from "./parseLeaderboard";

/** GPT-2 (1.6B)'s DCLM CORE score that the nanochat leaderboard runs must beat (LEADERBOARD.md). */
const NANOCHAT_TARGET_CORE = 0.256525;

export function nanochatRun(entry: LeaderboardRun, sourcePath: string): Run {
  const { row } = entry;
  const notes: string[] = [];
  const tokens = entry.steps !== null && entry.batchTokens !== null ? entry.steps * entry.batchTokens : null;
  if (tokens === null) notes.push("tokens: the leaderboard gives no steps x batch for this run");
  notes.push("n_params: nanochat logs are not in ../shared; depth only");
  notes.push(`target: CORE >= ${NANOCHAT_TARGET_CORE} (no val-loss target)`);
  if (entry.valBpb !== null) notes.push("final_val_loss: nanochat reports val_bpb (bits per byte), see val_bpb");
  const isOpenAi = row.record === 0;
  if (isOpenAi) notes.push("role: OpenAI's 2019 GPT-2 run (32 TPU v3), the reference the leaderboard beats");
  const trainTimeS = entry.trainTimeS ?? row.timeS;
  return {
    runId: `nanochat/${row.record}`,
    track: "nanochat",
    record: row.record,
    recordRow: row.rowIndex,
    role: isOpenAi ? "baseline" : "record",
    sourcePath,
    format: "nanochat_table",
    date: row.date,
    gpus: isOpenAi ? null : 8,
    nLayer: entry.depth,
    modelDim: null,
    nParams: null,
    nParamsNonEmbedding: null,
    nParamsSource: "not given by the leaderboard",
    nParamsMatmul: null,
    flopsPerToken: null,
    flopsPerTokenSource: "not given by the leaderboard",
    totalSteps: entry.steps,
    tokensPerStep:
      entry.batchTokens === null
        ? "unknown: no total batch in the per-run table"
        : `constant ${entry.batchTokens} (per-run table)`,
    tokenSchedule: entry.batchTokens === null ? null : "table",
    totalTokens: tokens,
    trainTimeS,
    finalValLoss: null,
    valBpb: entry.valBpb,
    coreScore: entry.core,
    targetLoss: null,
    tokensToTarget: tokens,
    timeToTargetS: trainTimeS,
    tokensToTargetInterp: null,
    timeToTargetInterpS: null,
    status: entry.core !== null && entry.core >= NANOCHAT_TARGET_CORE ? "reached_target" : "missed_target",
    diverged: false,
    note: notes.join("; "),
    evals: [],
    trains: [],
  };
}
