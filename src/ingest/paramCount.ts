// Model parameter counts, N with and without embeddings. Convention (same as the counts some 2025 logs print):
// embedding tables (token, value embeddings, bigram-hash embeddings) are "embedding"; an untied lm_head is a weight
// matrix and counts as non-embedding. Where neither a printed count nor a readable GPT-2-style shape exists, null + reason.
import type { Track } from "../types";
import { evalExpression } from "./evalExpression";
import { keywordArg, type ParsedLog } from "./parseLog";
import { constants } from "./tokenSchedule";

export interface ParamCount {
  readonly nParams: number | null;
  readonly nParamsNonEmbedding: number | null;
  readonly nLayer: number | null;
  readonly modelDim: number | null;
  /** `printed (line N)`, `computed: <formula>`, or the reason for null. */
  readonly source: string;
}

/** llm.c GPT-2 shapes from its run scripts (FACTS.md scale table): the logs print no script. */
const LLMC_SHAPES: Readonly<Record<string, { nLayer: number; modelDim: number }>> = {
  track1: { nLayer: 12, modelDim: 768 },
  track2: { nLayer: 24, modelDim: 1024 },
};
/** llm.c pads GPT-2's 50,257-token vocabulary to 50,304; learned position embeddings for 1,024 positions. */
const LLMC_VOCAB = 50_304;
const LLMC_CONTEXT = 1_024;

export function paramCountFor(log: Pick<ParsedLog, "format" | "script">, track: Track): ParamCount {
  const printed = log.script.printedParams;
  const shape = modelShape(log);
  if (printed !== null) {
    return {
      nParams: printed.total,
      nParamsNonEmbedding: printed.nonEmbedding,
      nLayer: shape.nLayer,
      modelDim: shape.modelDim,
      source: `printed (line ${printed.line})`,
    };
  }
  if (log.format === "llmc_cuda" || log.format === "llmc_pytorch") {
    const s = LLMC_SHAPES[track];
    if (s === undefined) return nulls(shape, `no llm.c shape known for ${track}`);
    const d = s.modelDim;
    // GPT-2 block with biases: qkv 3d^2+3d, attn proj d^2+d, fc 4d^2+4d, proj 4d^2+d, two LayerNorms 4d => 12d^2+13d.
    const nonEmbedding = s.nLayer * (12 * d * d + 13 * d) + 2 * d; // + final LayerNorm
    const embedding = LLMC_VOCAB * d + LLMC_CONTEXT * d; // tied wte (lm_head shares it) + wpe
    return {
      nParams: nonEmbedding + embedding,
      nParamsNonEmbedding: nonEmbedding,
      nLayer: s.nLayer,
      modelDim: d,
      source: `computed: llm.c GPT-2 ${s.nLayer}L ${d}d, L*(12d^2+13d)+2d non-embedding + (${LLMC_VOCAB}+${LLMC_CONTEXT})*d tied wte+wpe`,
    };
  }
  if (shape.nLayer === null || shape.modelDim === null) return nulls(shape, "model shape not readable from the printed script");
  if (log.script.hasValueEmbeddings || log.script.hasBigramHash) {
    return nulls(shape, "architecture beyond plain GPT-2 blocks (value/bigram embeddings, gates, skipped layers); no printed count");
  }
  if (shape.vocab === null) return nulls(shape, "vocab size not readable from the printed script");
  const L = shape.nLayer;
  const d = shape.modelDim;
  const V = shape.vocab;
  // modded-nanogpt blocks have no biases and parameter-free RMSNorm: q,k,v,o 4d^2 + MLP 8d^2 per layer.
  const head = log.script.headTied ? 0 : V * d;
  const nonEmbedding = L * 12 * d * d + head;
  return {
    nParams: nonEmbedding + V * d,
    nParamsNonEmbedding: nonEmbedding,
    nLayer: L,
    modelDim: d,
    source: `computed: ${L}L ${d}d V=${V}, 12*L*d^2 blocks${head > 0 ? " + V*d untied lm_head" : ""} + V*d embedding (scalar gains ignored)`,
  };
}

interface Shape {
  readonly nLayer: number | null;
  readonly modelDim: number | null;
  readonly vocab: number | null;
}

/** Reads `GPT(GPTConfig(vocab_size=.., n_layer=12, n_head=6, n_embd=768))` or `GPT(vocab_size=.., num_layers=.., model_dim=..)`. */
export function modelShape(log: Pick<ParsedLog, "script">): Shape {
  const call = log.script.modelCall?.expr ?? null;
  if (call === null) return { nLayer: null, modelDim: null, vocab: null };
  const env = constants(log.script);
  const num = (name: string): number | null => {
    const raw = keywordArg(call, name);
    if (raw === null) return null;
    const m = /^next_multiple_of_n\((.+),\s*n\s*=\s*(\d+)\)$/.exec(raw);
    if (m !== null) {
      const v = evalExpression(m[1], env);
      const k = Number(m[2]);
      return v === null ? null : Math.ceil(v / k) * k;
    }
    const direct = evalExpression(raw.replace(/^args\./, ""), env);
    return direct;
  };
  const nLayer = num("n_layer") ?? num("num_layers");
  const modelDim = num("n_embd") ?? num("model_dim");
  let vocab = num("vocab_size");
  // Scripts that build the model with vocab_size=50257 pad it to a multiple of 128 inside GPT (`next_multiple_of_n`).
  if (vocab !== null && vocab % 128 !== 0) vocab = Math.ceil(vocab / 128) * 128;
  return { nLayer, modelDim, vocab };
}

function nulls(shape: Shape, reason: string): ParamCount {
  return { nParams: null, nParamsNonEmbedding: null, nLayer: shape.nLayer, modelDim: shape.modelDim, source: reason };
}
