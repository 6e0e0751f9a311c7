// Training FLOPs per token from a run's model shape (its printed script, or llm.c's known shapes).
//
//   flops_per_token = 6 * N_matmul + 12 * L_attn * d_attn * K
//
// N_matmul: weight-matrix parameters a token passes through (attention, MLP, LM head; paramCount.ts). Embedding
// lookups (token, value and bigram-hash tables) are not FLOPs. 6 = 2 (multiply-add) x 3 (forward + backward), as in
// Kaplan et al. 2020 Table 1 and Hoffmann et al. 2022 Appendix F.
// Attention: per layer with attention and per query token, QK^T and softmax(.)V each take 2 * d_attn FLOPs per key in
// the forward pass; x 3 for training gives 12 * d_attn * K, K = mean number of keys a query attends to:
//   - dense causal attention over T-token sequences (llm.c, modded-nanogpt to 2024-11-10, the 1.5B runs): K = (T+1)/2;
//   - windowed attention (FlexAttention / FlashAttention-3, 2024-11-19 on, 48K-64K-token packed sequences with
//     document masks): K = W/2 for a window W the mask states as a literal; where the window follows a schedule
//     (warm-up from 64-128 tokens, long/short layers, per-step tables), W = ASSUMED_WINDOW_TOKENS. Document masking
//     (FineWeb documents are often shorter than the window) is not modelled. At 124M attention is about 5-8% of the
//     FLOPs per token, so a factor 2 in K moves FLOPs by a few per cent.
// Softmax, norms, rotary and the loss are left out (well under 1%). The per-token cost is constant over a run: FLOPs
// to a point of the run = flops_per_token x tokens seen (batch and sequence-length schedules change how many tokens
// and which, not the cost per token under this approximation).
import type { Track } from "../types";
import type { ParsedLog } from "./parseLog";
import type { ParamCount } from "./paramCount";
import { constants } from "./tokenSchedule";

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
}

export function flopsPerTokenFor(
  log: Pick<ParsedLog, "format" | "script">,
  track: Track,
  count: ParamCount,
): FlopsPerToken {
  if (count.nParamsMatmul === null || count.attnLayers === null || count.attnDim === null) {
    return { nParamsMatmul: count.nParamsMatmul, flopsPerToken: null, source: `model shape unknown (${count.source})` };
  }
  const keys = attendedKeys(log);
  if (typeof keys === "string") return { nParamsMatmul: count.nParamsMatmul, flopsPerToken: null, source: keys };
  return {
    nParamsMatmul: count.nParamsMatmul,
    flopsPerToken: flopsPerTokenOf(count.nParamsMatmul, count.attnLayers, count.attnDim, keys.keys),
    source: `6*${count.nParamsMatmul} + 12*${count.attnLayers}*${count.attnDim}*${keys.keys} (${keys.how})`,
  };
}

/** 6 N_matmul + 12 L_attn d_attn K (see the file comment). */
export function flopsPerTokenOf(nParamsMatmul: number, attnLayers: number, attnDim: number, meanKeys: number): number {
  return 6 * nParamsMatmul + 12 * attnLayers * attnDim * meanKeys;
}

function attendedKeys(log: Pick<ParsedLog, "format" | "script">): { keys: number; how: string } | string {
  if (log.format === "llmc_cuda" || log.format === "llmc_pytorch") {
    return { keys: (LLMC_SEQUENCE + 1) / 2, how: `dense causal, T=${LLMC_SEQUENCE} (llm.c)` };
  }
  const env = constants(log.script);
  const T = env.get("sequence_length") ?? env.get("train_seq_len") ?? env.get("seq_len") ?? null;
  const W = log.script.attentionWindowLiteral;
  if (W !== null) return { keys: W / 2, how: `window ${W} stated in the mask, K=W/2` };
  if (T !== null && T <= DENSE_MAX_SEQUENCE) return { keys: (T + 1) / 2, how: `dense causal, T=${T}` };
  if (T === null && log.script.modelCall === null) return "no script: sequence length and attention window unknown";
  return {
    keys: ASSUMED_WINDOW_TOKENS / 2,
    how: `windowed attention, window schedule not read: W=${ASSUMED_WINDOW_TOKENS} assumed, K=W/2`,
  };
}
