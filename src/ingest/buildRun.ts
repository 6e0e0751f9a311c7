// ParsedLog + where it sits (record row, role, target) -> Run with tokens at every evaluation and the target crossing.
import { deepFreeze } from "../deepFreeze";
import type {
  EvalPointWithSource,
  IngestWarning,
  RecordRow,
  Run,
  RunRole,
  RunStatus,
  Track,
  TrainPoint,
} from "../types";
import { flopsPerTokenFor } from "./flopsPerToken";
import { paramCountFor } from "./paramCount";
import type { ParsedLog, TrainSeries } from "./parseLog";
import { targetCrossing } from "./targetCrossing";
import { tokenScheduleFor } from "./tokenSchedule";

/** Target val loss per track (RECORDS.md headings): 3.28 for GPT-2 small, 2.92 for GPT-2 medium. */
export const TARGET_LOSS: Readonly<Record<Track, number | null>> = deepFreeze(
  { track1: 3.28, track2: 2.92, track3: 3.28, nanochat: null },
  "TARGET_LOSS",
);

/**
 * A run diverged when a loss is NaN/inf or its last val loss sits this far above its best one; such runs are kept
 * and flagged, never dropped. 0.5 nats is far beyond run-to-run noise (~0.005) and end-of-run bumps.
 */
export const DIVERGENCE_MARGIN = 0.5;

/**
 * Runs keep logged train losses every this many steps plus the last one, as train_losses.csv does (all of them would be
 * ~10 MB of mostly noise); ParsedLog.trains has every point.
 */
export const TRAIN_LOSS_EVERY = 25;

export function thinTrainLosses(series: TrainSeries, every: number): TrainPoint[] {
  const out: TrainPoint[] = [];
  const n = series.steps.length;
  for (let i = 0; i < n; i++) {
    if (series.steps[i] % every === 0 || i === n - 1) out.push({ step: series.steps[i], trainLoss: series.losses[i] });
  }
  return out;
}

export interface RunContext {
  readonly track: Track;
  readonly row: RecordRow | null;
  readonly role: RunRole;
  /** Path relative to the checkout, `records/...`. */
  readonly sourcePath: string;
  readonly rule: string;
  /** The k-th of n runs printed in one file (ParsedLog.runStarts); absent for a file holding one run. */
  readonly part?: { readonly index: number; readonly of: number };
}

export interface BuiltRun {
  readonly run: Run;
  readonly warnings: readonly IngestWarning[];
}

function runIdOf(sourcePath: string): string {
  return sourcePath.replace(/^records\//, "").replace(/\.(txt|log)$/, "");
}

export function buildRun(log: ParsedLog, ctx: RunContext): BuiltRun {
  const notes: string[] = [];
  const warnings: IngestWarning[] = [];
  const tokens = tokenScheduleFor(log);
  if (tokens.schedule === null) notes.push(`tokens: ${tokens.reason}`);
  const evals: EvalPointWithSource[] = log.evals.map((e) => ({
    ...e,
    tokens: tokens.schedule === null ? null : tokens.schedule.tokensBefore(e.step),
  }));
  const params = paramCountFor(log, ctx.track);
  if (params.nParams === null) notes.push(`n_params: ${params.source}`);
  const flops = flopsPerTokenFor(log, ctx.track, params);
  if (flops.flopsPerToken === null || flops.windowAssumed) notes.push(`flops_per_token: ${flops.source}`);
  const last = evals.length > 0 ? evals[evals.length - 1] : null;
  const best = evals.reduce((m, e) => Math.min(m, e.valLoss), Infinity);
  const diverged = log.sawNonFiniteLoss || (last !== null && last.valLoss > best + DIVERGENCE_MARGIN);
  if (diverged) {
    const why = log.sawNonFiniteLoss
      ? "a NaN/inf loss"
      : `final val loss ${last?.valLoss} > best ${best} + ${DIVERGENCE_MARGIN}`;
    warnings.push({
      kind: "diverged_run",
      file: ctx.sourcePath,
      line: last?.sourceLine ?? null,
      message: `run diverged: ${why}`,
    });
    notes.push(`diverged: ${why}`);
  }
  const targetLoss = TARGET_LOSS[ctx.track];
  const crossing = targetLoss === null ? null : targetCrossing(evals, targetLoss);
  if (last !== null && last.trainTimeMs === null) notes.push("time: the log format has no timing");
  if (log.gpus === null)
    notes.push(
      log.format === "modded_nanogpt" ? "gpus: no nvidia-smi block in the log" : "gpus: llm.c logs show no hardware",
    );
  else if (log.gpus !== 8) notes.push(`gpus: the log shows ${log.gpus} GPU(s), not 8`);
  if (log.declaredSteps !== null && last !== null && last.step !== log.declaredSteps) {
    notes.push(`steps: last evaluation at ${last.step} of ${log.declaredSteps} declared`);
  }
  if (ctx.role !== "record") notes.push(`role: ${ctx.rule}`);
  if (ctx.part !== undefined) notes.push(`run ${ctx.part.index} of ${ctx.part.of} printed in one file`);
  const status: RunStatus =
    evals.length === 0
      ? "no_evals"
      : diverged
        ? "diverged"
        : crossing?.step != null
          ? "reached_target"
          : "missed_target";
  const run: Run = {
    runId: ctx.part === undefined ? runIdOf(ctx.sourcePath) : `${runIdOf(ctx.sourcePath)}#${ctx.part.index}`,
    track: ctx.track,
    record: ctx.row?.record ?? null,
    recordRow: ctx.row?.rowIndex ?? null,
    role: ctx.role,
    sourcePath: ctx.sourcePath,
    format: log.format ?? "modded_nanogpt",
    date: ctx.row?.date ?? null,
    gpus: log.gpus,
    nLayer: params.nLayer,
    modelDim: params.modelDim,
    nParams: params.nParams,
    nParamsNonEmbedding: params.nParamsNonEmbedding,
    nParamsSource: params.source,
    nParamsMatmul: flops.nParamsMatmul,
    flopsPerToken: flops.flopsPerToken,
    flopsPerTokenSource: flops.source,
    totalSteps: last?.step ?? null,
    tokensPerStep: tokens.schedule?.description ?? `unknown: ${tokens.reason}`,
    tokenSchedule: tokens.schedule?.kind ?? null,
    totalTokens: last?.tokens ?? null,
    trainTimeS: last?.trainTimeMs == null ? null : last.trainTimeMs / 1000,
    finalValLoss: last?.valLoss ?? null,
    valBpb: null,
    coreScore: null,
    targetLoss,
    tokensToTarget: crossing?.tokensToTarget ?? null,
    timeToTargetS: crossing?.timeToTargetS ?? null,
    tokensToTargetInterp: crossing?.tokensToTargetInterp ?? null,
    timeToTargetInterpS: crossing?.timeToTargetInterpS ?? null,
    status,
    diverged,
    note: notes.join("; "),
    evals,
    trains: thinTrainLosses(log.trains, TRAIN_LOSS_EVERY),
  };
  return { run, warnings };
}
