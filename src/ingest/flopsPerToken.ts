// Training FLOPs per token from a run's model shape (its printed script, or llm.c's known shapes).
//
//   flops_per_token = 6 * N_matmul + 12 * L_attn * d_attn * K
//
// N_matmul: weight-matrix parameters a token passes through (attention, MLP, LM head; paramCount.ts). Embedding
// lookups (token, value and bigram-hash tables) are not FLOPs. 6 = 2 (multiply-add) x 3 (forward + backward), as in
// Kaplan et al. 2020 Table 1 and Hoffmann et al. 2022 Appendix F.
// Attention: per layer with attention and per query token, QK^T and softmax(.)V each take 2 * d_attn FLOPs per key in
// the forward pass; x 3 for training gives 12 * d_attn * K, K = mean number of keys a query attends to, averaged over
// the layers and over the run's steps (over its training tokens where the batch follows a schedule):
//   - dense causal attention over T-token sequences (llm.c, modded-nanogpt to 2024-11-10, the 1.5B runs, track 3's
//     fixed GPT-2 with `seq_len=1024`): K = (T+1)/2;
//   - sliding-window attention (FlexAttention / FlashAttention-3, 2024-11-19 on, 48K-64K-token packed sequences): a
//     query attends to the W keys inside its window, K = W (W << T, so the first W positions of a sequence are
//     negligible). W follows the script (windowSchedule.ts):
//       K = sum_s n(s) [ f_long * W_long(s) + (1 - f_long) * W_short(s) ] / sum_s n(s)
//     over the run's steps s, n(s) the tokens of step s (1 where the batch is constant: a mean over the
//     num_iterations scheduled steps), W_long(s) the scheduled window at step s (whole 128-token blocks where the mask
//     is block-valued), W_short(s) the short window (half of the long one in whole blocks, or the stage's own from
//     2026-01-30) on the layers the script gives the short mask, f_long the share of long layers in its
//     `block_masks` / `bm_sizes` list (1 without a long/short split);
//     a fixed window W the mask states as a literal (2024-11-19) is the same with W_long(s) = W, f_long = 1;
//   - where the window follows a form windowSchedule.ts does not read, the earlier convention stays:
//     K = ASSUMED_WINDOW_TOKENS / 2 = 512 (a 1024-token window counted at W/2), and the run's note says so. It sits
//     near the means the read window tuples give at 124M (486-555 keys, 2025-05 to 2025-12).
// Document masking (FineWeb documents are often shorter than the window) is not modelled, so K is the mask's key count
// without document boundaries. Softmax, norms, rotary and the loss are left out (well under 1%). The per-token cost
// is one number per run: FLOPs to a point of the run = flops_per_token x tokens seen (batch schedules change how many
// tokens, window schedules are averaged over the steps as above).
import type { Track } from "../types";
import type { ParsedLog } from "./parseLog";
import type { ParamCount } from "./paramCount";
import { ownCopy } from "./ownCopy";
import type { ScriptFacts } from "./scanScript";
import { constants, stageBoundaries, tokenScheduleFor, type BatchFacts } from "./tokenSchedule";
import { denseCausalSequence, stageWindowSchedule, windowScheduleOf, type StepTokens } from "./windowSchedule";

/** ASSUMPTION: attention window (tokens) of scripts whose window follows a schedule the ingest does not evaluate. */
export const ASSUMED_WINDOW_TOKENS = 1024;

/** Sequences longer than this are packed documents under a windowed mask (dense attention over 64K is never used). */
const DENSE_MAX_SEQUENCE = 4096;

/** llm.c trains on 1,024-token sequences (-t 1024, FACTS.md). */
const LLMC_SEQUENCE = 1024;

export interface FlopsPerToken {
  readonly nParamsMatmul: number | null;
  readonly flopsPerToken: number | null;
  /** How it was computed, or why it is null. */
  readonly source: string;
  /** The attention span is ASSUMED_WINDOW_TOKENS, not read from the script (the run's note says so). */
  readonly windowAssumed: boolean;
}

export function flopsPerTokenFor(
  log: Pick<ParsedLog, "format" | "script">,
  track: Track,
  count: ParamCount,
): FlopsPerToken {
  if (count.nParamsMatmul === null || count.attnLayers === null || count.attnDim === null) {
    const source = `model shape unknown (${count.source})`;
    return { nParamsMatmul: count.nParamsMatmul, flopsPerToken: null, source, windowAssumed: false };
  }
  const keys = attendedKeys(log);
  if (typeof keys === "string") {
    return { nParamsMatmul: count.nParamsMatmul, flopsPerToken: null, source: keys, windowAssumed: false };
  }
  return {
    nParamsMatmul: count.nParamsMatmul,
    flopsPerToken: flopsPerTokenOf(count.nParamsMatmul, count.attnLayers, count.attnDim, keys.keys),
    source: `6*${count.nParamsMatmul} + 12*${count.attnLayers}*${count.attnDim}*${keys.keys} (${keys.how})`,
    windowAssumed: keys.assumed,
  };
}

/** 6 N_matmul + 12 L_attn d_attn K (see the file comment). */
export function flopsPerTokenOf(nParamsMatmul: number, attnLayers: number, attnDim: number, meanKeys: number): number {
  return 6 * nParamsMatmul + 12 * attnLayers * attnDim * meanKeys;
}

export interface AttendedKeys {
  readonly keys: number;
  readonly how: string;
  readonly assumed: boolean;
}

/** The script facts attendedKeys reads: its result depends on these and the log format only. */
export type WindowFacts = BatchFacts & Pick<ScriptFacts, "windowLines" | "attentionWindowLiteral" | "modelCall">;

interface WindowInputs {
  readonly format: ParsedLog["format"];
  readonly script: WindowFacts;
}

/**
 * K, the mean number of keys a query attends to over the run (see the file comment), or why it is unknown. Runs that
 * print the same script (a record's reruns) have the same inputs, and the window schedules step through every training
 * step: the result is kept per distinct inputs.
 */
export function attendedKeys(log: WindowInputs): AttendedKeys | string {
  const { format, script } = log;
  // Every input in the key (typed: a field added to WindowFacts must be added here).
  const inputs: Record<keyof WindowFacts, unknown> = {
    assignments: [...script.assignments],
    stages: script.stages,
    windowLines: script.windowLines,
    attentionWindowLiteral: script.attentionWindowLiteral,
    modelCall: script.modelCall,
  };
  const key = JSON.stringify([format, inputs]);
  let keys = keysByInputs.get(key);
  if (keys === undefined) {
    const computed = attendedKeysOf({ format, script });
    // Kept with a text of its own, not views into the log pieces its expressions were cut from (ownCopy.ts).
    keys = typeof computed === "string" ? ownCopy(computed) : { ...computed, how: ownCopy(computed.how) };
    if (keysByInputs.size >= KEYS_CACHE_LIMIT) keysByInputs.clear();
    keysByInputs.set(key, keys);
  }
  return keys;
}

/** Distinct scripts kept (the full clone has about 200). */
const KEYS_CACHE_LIMIT = 2000;
const keysByInputs = new Map<string, AttendedKeys | string>();

/**
 * Empties the attention-window cache. Each thread calls it as an ingest begins (ingestFiles, ingestWorker), so the
 * cache serves one ingest's reruns of a script, never a later ingest: every ingest does its own work, and a repeated
 * ingest (a notebook's, the benchmark's rounds) is timed as a first one would be, JIT and threads aside.
 */
export function forgetAttendedKeys(): void {
  keysByInputs.clear();
}

function attendedKeysOf(log: WindowInputs): AttendedKeys | string {
  if (log.format === "llmc_cuda" || log.format === "llmc_pytorch") {
    return { keys: (LLMC_SEQUENCE + 1) / 2, how: `dense causal, T=${LLMC_SEQUENCE} (llm.c)`, assumed: false };
  }
  const env = constants(log.script);
  const T = env.get("sequence_length") ?? env.get("train_seq_len") ?? env.get("seq_len") ?? null;
  const stepTokens = batchByStep(log);
  const bounds = log.script.stages.length > 0 ? stageBoundaries(log.script) : null;
  const stage =
    bounds === null || typeof bounds === "string"
      ? "absent"
      : stageWindowSchedule(log.script.stages, bounds.ends, log.script.windowLines, env, stepTokens);
  const schedule = stage !== "absent" ? stage : windowScheduleOf(log.script.windowLines, env, stepTokens);
  if (schedule !== null) return { keys: schedule.meanWindow, how: `${schedule.how}, K=mean W`, assumed: false };
  const W = log.script.attentionWindowLiteral;
  if (W !== null) return { keys: W, how: `window ${W} stated in the mask, K=W`, assumed: false };
  if (T !== null && T <= DENSE_MAX_SEQUENCE) return { keys: (T + 1) / 2, how: `dense causal, T=${T}`, assumed: false };
  const dense = T === null ? denseCausalSequence(log.script.windowLines) : null;
  if (dense !== null && dense.T <= DENSE_MAX_SEQUENCE) {
    const how = `dense causal, T=${dense.T} (seq_len of the data generator, line ${dense.line})`;
    return { keys: (dense.T + 1) / 2, how, assumed: false };
  }
  if (T === null && log.script.modelCall === null) return "no script: sequence length and attention window unknown";
  return {
    keys: ASSUMED_WINDOW_TOKENS / 2,
    how: `windowed attention, window schedule not read: W=${ASSUMED_WINDOW_TOKENS} assumed, K=W/2`,
    assumed: true,
  };
}

/** Tokens of each step where the batch follows a schedule (windows are then averaged over tokens); null if constant. */
function batchByStep(log: WindowInputs): StepTokens | null {
  const { schedule } = tokenScheduleFor({ ...log, declaredSteps: null });
  if (schedule === null || schedule.kind === "constant") return null;
  return (step) => schedule.tokensBefore(step + 1) - schedule.tokensBefore(step);
}
