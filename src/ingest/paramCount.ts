// Model parameter counts, N with and without embeddings. Convention (same as the counts some 2025 logs print):
// embedding tables (token, value embeddings, bigram-hash embeddings) are "embedding"; an untied lm_head is a weight
// matrix and counts as non-embedding. Where neither a printed count nor a readable GPT-2-style shape exists, null +
// reason.
import type { Track } from "../types";
import { evalExpression } from "./evalExpression";
import type { ParsedLog } from "./parseLog";
import { keywordArg, VALUE_EMBEDDING_TABLES } from "./scanScript";
import { constants } from "./tokenSchedule";

export interface ParamCount {
  readonly nParams: number | null;
  readonly nParamsNonEmbedding: number | null;
  readonly nLayer: number | null;
  readonly modelDim: number | null;
  /** `printed (line N)`, `computed: <formula>`, or the reason for null. */
  readonly source: string;
  /**
   * Weight-matrix parameters a token passes through: attention and MLP matrices plus the LM head (counted whether tied
   * or not: the head is a matmul, the embedding lookup is not). Biases, norms, scalars and gates are left out.
   */
  readonly nParamsMatmul: number | null;
  /** Layers with attention, and the attention width (heads x head_dim), for the attention FLOPs. */
  readonly attnLayers: number | null;
  readonly attnDim: number | null;
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
    // The printed count has no layer breakdown: matmul weights and attention layers come from the script's shapes
    // (computed counts agree with the printed ones to within the scalars, see paramCount.test.ts).
    const computed = paramCountFor({ format: log.format, script: { ...log.script, printedParams: null } }, track);
    return {
      nParams: printed.total,
      nParamsNonEmbedding: printed.nonEmbedding,
      nLayer: shape.nLayer,
      modelDim: shape.modelDim,
      source: `printed (line ${printed.line})`,
      nParamsMatmul: computed.nParamsMatmul,
      attnLayers: computed.attnLayers,
      attnDim: computed.attnDim,
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
      source:
        `computed: llm.c GPT-2 ${s.nLayer}L ${d}d, L*(12d^2+13d)+2d non-embedding + ` +
        `(${LLMC_VOCAB}+${LLMC_CONTEXT})*d tied wte+wpe`,
      nParamsMatmul: s.nLayer * 12 * d * d + LLMC_VOCAB * d,
      attnLayers: s.nLayer,
      attnDim: d,
    };
  }
  if (shape.nLayer === null || shape.modelDim === null)
    return nulls(shape, "model shape not readable from the printed script");
  if (shape.vocab === null) return nulls(shape, "vocab size not readable from the printed script");
  const skipsLayers =
    /\bif\b/.test(log.script.modelLines.get("self.attn") ?? "") ||
    /\bif\b/.test(log.script.modelLines.get("self.mlp") ?? "");
  if (log.script.hasValueEmbeddings || log.script.hasBigramHash || skipsLayers) return blockStackCount(log, shape);
  // 2024-10 GPTConfig scripts size both tables by `config.vocab_size` as passed (2024-10-10_Muon: num_vocab = 50257):
  // `wte = nn.Embedding(config.vocab_size, config.n_embd)`, `lm_head = nn.Linear(config.n_embd, config.vocab_size,
  // ...)`.
  const lines = log.script.modelLines;
  const rawTables =
    /^nn\.Embedding\(config\.vocab_size, config\.n_embd\),?$/.test(lines.get("wte") ?? "") &&
    /^(nn\.Linear|CastedLinear)\(config\.n_embd, config\.vocab_size(, bias=False)?\)$/.test(
      lines.get("self.lm_head") ?? "",
    );
  if (shape.vocabRaw !== shape.vocab && !rawTables) {
    return nulls(
      shape,
      `vocab_size ${shape.vocabRaw} is not padded and the tables' sizes are not read from the script`,
    );
  }
  const L = shape.nLayer;
  const d = shape.modelDim;
  const V = rawTables ? (shape.vocabRaw as number) : shape.vocab;
  // modded-nanogpt blocks have no biases and parameter-free RMSNorm: q,k,v,o 4d^2 + MLP 8d^2 per layer.
  const head = log.script.headTied ? 0 : V * d;
  const nonEmbedding = L * 12 * d * d + head;
  return {
    nParams: nonEmbedding + V * d,
    nParamsNonEmbedding: nonEmbedding,
    nLayer: L,
    modelDim: d,
    source:
      `computed: ${L}L ${d}d V=${V}, 12*L*d^2 blocks${head > 0 ? " + V*d untied lm_head" : ""} + V*d ` +
      `embedding (scalar gains ignored)`,
    nParamsMatmul: L * 12 * d * d + V * d,
    attnLayers: L,
    attnDim: d,
  };
}

interface Shape {
  readonly nLayer: number | null;
  readonly modelDim: number | null;
  /** The vocabulary as the model call passes it, rounded up to a multiple of 128 (the padded head size). */
  readonly vocab: number | null;
  /** The vocabulary as the model call passes it (50257 in many 2025 scripts). */
  readonly vocabRaw: number | null;
  readonly numHeads: number | null;
  readonly headDim: number | null;
}

/**
 * 2024-12 to 2025 modded-nanogpt: blocks whose attention or MLP is dropped in some layers (`self.attn = ... if
 * layer_idx != 7 else None`), value embeddings (`nn.ModuleList([nn.Embedding(vocab_size, model_dim) for _ in
 * range(3)])`), bigram-hash embeddings, an untied lm_head. Counts the weight matrices: attention 4 x heads*head_dim x
 * d, MLP 2 x d x 4d (`hdim = 4 * dim`), head V x d, embeddings V x d each. Scalars and gates (tens to a few thousand
 * parameters, e.g. 64 of 275,742,784 in 2025-05-30_noallreduce, which prints its count) are left out; the test pins
 * that gap. Scripts in other shapes (parameter banks, `has_attn` flags) get null with the reason.
 */

/** `nn.Parameter(torch.zeros(3 * self.vocab_size, model_dim, dtype=torch.bfloat16))`: value embeddings in one table. */
const VALUE_EMBED_PARAMETER = new RegExp(
  String.raw`^nn\.Parameter\((0\.01 \* )?torch\.(zeros|randn)\((\d+) \* self\.vocab_size, ` +
    String.raw`model_dim, dtype=torch\.bfloat16\)\)$`,
);

/** `nn.ModuleList([nn.Embedding(config.vocab_size, config.model_dim) for _ in range(3)])` and its variant. */
const VALUE_EMBED_TABLES = new RegExp(
  String.raw`^nn\.ModuleList\(\[nn\.Embedding\((config\.vocab_size, config\.model_dim|num_embeddings, ` +
    String.raw`embedding_dim)\) for _ in range\((\d+)\),?\]\)$`,
);
function blockStackCount(log: Pick<ParsedLog, "script">, shape: Shape): ParamCount {
  const lines = log.script.modelLines;
  // 2026: attention and MLP weights of all layers live in a few stacked tensors (`attn_bank`, `mlp_bank`, `qk_bank`,
  // ...), some padded with unused zero slices for sharding over 8 GPUs; the block modules hold no weights. Counting
  // them means evaluating each variant's bank shapes and deciding about the padding: not done, so null with the names.
  // (Gate banks, `attn_gate_bank`/`ve_gate_bank` of 2025-12-31 on, are gates: left out like all gates.)
  const weightBanks = log.script.parameterBanks.filter((b) => !b.endsWith("gate_bank"));
  if (weightBanks.length > 0) {
    if (weightBanks.join(",") === "attn_bank,mlp_bank") return bankStackCount(log, shape);
    if (weightBanks.join(",") === "qk_bank,vo_bank,mlp_bank") return bankStackCount(log, shape);
    return nulls(shape, `weights held in parameter banks (${weightBanks.join(", ")}); bank shapes not derived`);
  }
  const attnLine = lines.get("self.attn");
  const mlpLine = lines.get("self.mlp");
  if (attnLine === undefined || mlpLine === undefined) {
    return nulls(shape, "no `self.attn =` / `self.mlp =` block definition readable; no printed count");
  }
  // A line deeper than `__init__`'s own body sits under an `if` (2024-12-17: `if layer_idx != 7:` then `self.attn =
  // ...`).
  const indents = log.script.modelLineIndents;
  const paired = pairedHeadSkip(log);
  if ((paired === null && (indents.get("self.attn") ?? 8) > 8) || (indents.get("self.mlp") ?? 8) > 8) {
    return nulls(shape, "`self.attn =` / `self.mlp =` assigned inside a nested block (a condition not read)");
  }
  const attnSkip = paired ?? skippedLayers(attnLine, lines);
  const mlpSkip = skippedLayers(mlpLine, lines);
  if (attnSkip === null) return nulls(shape, `attention layer skipping not readable: ${attnLine.slice(0, 80)}`);
  if (mlpSkip === null) return nulls(shape, `MLP layer skipping not readable: ${mlpLine.slice(0, 80)}`);
  // The MLP is `c_fc` d -> 4d and `c_proj` 4d -> d: `hdim = 4 * dim` (2025) or `self.c_fc = CastedLinear(dim, 4 * dim)`
  // (2024-12).
  if (!log.script.hiddenDims.includes("4 * dim") && lines.get("self.c_fc") !== "CastedLinear(dim, 4 * dim)") {
    return nulls(
      shape,
      "MLP width is neither `hdim = 4 * dim` nor `self.c_fc = CastedLinear(dim, 4 * dim)` in the script",
    );
  }
  let valueEmbeds = 0;
  if (log.script.hasValueEmbeddings) {
    const k = valueEmbeddingTables(log, shape);
    if (typeof k === "string") return nulls(shape, k);
    valueEmbeds = k;
  }
  const env = constants(log.script);
  let bigram = 0;
  if (log.script.hasBigramHash) {
    const m = /^nn\.Embedding\(args\.(\w+), (?:args\.)?(\w+)\)$/.exec(lines.get("self.bigram_embed") ?? "");
    const rows = m === null ? null : (env.get(m[1]) ?? null);
    const cols = m === null ? null : m[2] === "model_dim" ? shape.modelDim : (env.get(m[2]) ?? null);
    if (rows === null || cols === null)
      return nulls(shape, `bigram embedding size not readable: ${lines.get("self.bigram_embed") ?? "missing"}`);
    bigram = rows * cols;
  }
  const L = shape.nLayer as number;
  const d = shape.modelDim as number;
  const hdim = shape.numHeads !== null && shape.headDim !== null ? shape.numHeads * shape.headDim : d;
  const inRange = (set: ReadonlySet<number>): number => [...set].filter((i) => i >= 0 && i < L).length;
  const attnLayers = L - inRange(attnSkip);
  const mlpLayers = L - inRange(mlpSkip);
  // Every `self.<name> = nn.Embedding(...)` must be accounted for: input tables (`self.embed`, and track 2's
  // `self.embed1`/`self.embed2` or `self.embed` + `self.embed2`), and the bigram-hash table counted above. 2024's
  // `wte = nn.Embedding(...)` (inside a ModuleDict) is an input table too. With none, the input embedding may be the
  // lm_head weight (2025-12-19_RetieLMHead: `x = F.embedding(input_seq, self.lm_head.weight)`, one shared matrix
  // counted as embedding). Other layouts are not guessed at.
  let ownTables = /^nn\.Embedding\(config\.vocab_size, config\.n_embd\),?$/.test(lines.get("wte") ?? "") ? 1 : 0;
  for (const [name, rhs] of log.script.embeddingTables) {
    if (name === "bigram_embed") continue;
    if (!["embed", "embed1", "embed2"].includes(name))
      return nulls(shape, `embedding table self.${name} not accounted for: ${rhs.slice(0, 60)}`);
    if (!/^nn\.Embedding\((config\.|self\.)?vocab_size, (config\.)?(model_dim|n_embd)\)$/.test(rhs)) {
      return nulls(shape, `input embedding self.${name} not V x d: ${rhs.slice(0, 60)}`);
    }
    ownTables++;
  }
  const rows = vocabRows(log, shape);
  if (typeof rows === "string") return nulls(shape, rows);
  if (ownTables === 0 && !log.script.embedFromHead)
    return nulls(shape, "input embedding layout not recognised (no `self.embed = nn.Embedding(...)`)");
  const tied = log.script.headTied || ownTables === 0;
  const head = tied ? 0 : rows.head * d;
  const nonEmbedding = attnLayers * 4 * hdim * d + mlpLayers * 8 * d * d + head;
  const embedding = rows.tables * d * (ownTables + valueEmbeds) + (ownTables === 0 ? rows.head * d : 0) + bigram;
  return {
    nParams: nonEmbedding + embedding,
    nParamsNonEmbedding: nonEmbedding,
    nLayer: L,
    modelDim: d,
    nParamsMatmul: attnLayers * 4 * hdim * d + mlpLayers * 8 * d * d + rows.head * d,
    attnLayers,
    attnDim: hdim,
    source:
      `computed: ${L}L ${d}d V=${rows.tables}${rows.head !== rows.tables ? ` (head ${rows.head})` : ""}, ` +
      `attention in ${attnLayers} layers (4*${hdim}*d), MLP in ${mlpLayers} (8d^2)` +
      `${head > 0 ? ", untied lm_head V*d" : ", lm_head tied to the embedding"}; embeddings V*d ` +
      `x ${Math.max(ownTables, 1) + valueEmbeds}${bigram > 0 ? ` + bigram ${bigram}` : ""}` +
      " (matrices only: scalars and gates ignored)",
  };
}

/**
 * 2026-01-18 to 2026-04-08: attention and MLP weights of all layers in two stacked tensors, the block modules holding
 * none. Two layouts, read line by line:
 *   self.attn_layer_indices = [i for i in range(num_layers) if i != 6]      num_attn_layers = num_layers - 1
 *   self.mlp_layer_indices = list(range(num_layers))                        num_mlp_layers = num_layers
 *   self.attn_bank = nn.Parameter(torch.empty(len(self.attn_layer_indices), 4 * model_dim, hdim))
 *     (or num_attn_layers)
 *   num_mlp_with_padding = len(self.mlp_layer_indices) + 1
 *   self.mlp_bank = nn.Parameter(torch.empty(num_mlp_with_padding, 2, mlp_hdim, model_dim))         (or a literal 12)
 * with `hdim = num_heads * head_dim`, `mlp_hdim = 4 * model_dim`. The MLP bank holds one slice more than there are MLP
 * layers (11 + 1 = 12, "padding" for sharding over 8 GPUs): that zero slice is never used and is not counted.
 * Embeddings: `self.embed`, the bigram-hash table and value embeddings (an nn.ModuleList, or one
 * `nn.Parameter(... (5 * self.vocab_size, model_dim) ...)` holding five V x d tables).
 */
/**
 * Weights a bank layout may hold besides the banks: tables, head, CastedLinear's own weight, scalars and 12-wide gates.
 */
const BANK_LAYOUT_WEIGHTS = new Set([
  "attn_bank",
  "mlp_bank",
  "qk_bank",
  "vo_bank",
  "value_embeds",
  "lm_head",
  "weight",
  "smear_gate",
  "skip_gate",
  "scalars",
  "x0_lambdas",
  "x0_lambda",
  "post_lambdas",
  "resid_lambdas",
  "resid_lambda",
  "bigram_lambdas",
  "bigram_lambda",
  "xsa_alphas",
  "w_post",
]);

function bankStackCount(log: Pick<ParsedLog, "script">, shape: Shape): ParamCount {
  const lines = log.script.modelLines;
  const L = shape.nLayer as number;
  const d = shape.modelDim as number;
  const banks = log.script.parameterBanks.filter((b) => !b.endsWith("gate_bank"));
  const why = (what: string): ParamCount => nulls(shape, `parameter banks (${banks.join(", ")}): ${what}`);
  // Nothing but the banks, the tables, the head and scalars/gates may hold weights (2026-04-22's dense_w1, 2026-05-27's
  // mudd_w1 and dc_w1_bank are further matrices: not counted yet, so null).
  const extra = log.script.weightNames.filter((n) => !BANK_LAYOUT_WEIGHTS.has(n) && !n.endsWith("gate_bank"));
  const mudd = muddWeights(log, d);
  if (extra.length > 0 && (mudd === null || extra.join(",") !== "mudd_w1,mudd_w2,mudd_b2"))
    return why(`further weights not counted: ${extra.join(", ")}`);
  const muddParams = extra.length > 0 && mudd !== null ? mudd : 0;
  if (lines.has("self.qkvo_w") || lines.has("self.c_fc")) return why("blocks also hold their own weights");
  if (!log.script.hiddenDims.includes("num_heads * head_dim") || lines.get("mlp_hdim") !== "4 * model_dim") {
    return why("`hdim = num_heads * head_dim` / `mlp_hdim = 4 * model_dim` not found");
  }
  if (shape.numHeads === null || shape.headDim === null) return why("num_heads / head_dim not in the model call");
  const H = shape.numHeads;
  const hd = shape.headDim;
  const hdim = H * hd;
  let attnLayers: number | null = null;
  let attnWeights = 0;
  const skip = /^\[i for i in range\(num_layers\) if i != (\d+)\]$/.exec(lines.get("self.attn_layer_indices") ?? "");
  if (
    lines.get("self.attn_bank") === "nn.Parameter(torch.empty(len(self.attn_layer_indices), 4 * model_dim, hdim))" &&
    skip !== null
  ) {
    attnLayers = Number(skip[1]) < L ? L - 1 : L;
  } else if (
    lines.get("self.attn_bank") === "nn.Parameter(torch.empty(num_attn_layers, 4 * model_dim, hdim))" &&
    lines.get("num_attn_layers") === "num_layers - 1"
  ) {
    attnLayers = L - 1;
  }
  if (attnLayers !== null) attnWeights = attnLayers * 4 * d * hdim;
  // 2026-04 on: q/k and v/o in two banks padded to a multiple of the GPU count; the padding slices are unused.
  //   num_qk_groups = num_attn_layers * 2 * (num_heads // 2)   self.qk_bank = (num_qk_padded, head_dim * 2, model_dim)
  //   num_vo_real = num_attn_layers * 2                        self.vo_bank = (num_vo_padded, hdim, hdim)
  let qkvoPadding = "";
  if (
    lines.has("self.qk_bank") &&
    lines.get("num_attn_layers") === "num_layers - 1" &&
    lines.get("num_qk_groups") === "num_attn_layers * 2 * (num_heads // 2)" &&
    lines.get("num_qk_padded") === "next_multiple_of_n(num_qk_groups, n=world_size)" &&
    lines.get("self.qk_bank") === "nn.Parameter(torch.empty(num_qk_padded, head_dim * 2, model_dim))" &&
    lines.get("num_vo_real") === "num_attn_layers * 2" &&
    lines.get("num_vo_padded") === "next_multiple_of_n(num_vo_real, n=world_size)" &&
    lines.get("self.vo_bank") === "nn.Parameter(torch.empty(num_vo_padded, hdim, hdim))" &&
    H % 2 === 0
  ) {
    attnLayers = L - 1;
    const qkGroups = attnLayers * 2 * (H / 2);
    const voReal = attnLayers * 2;
    attnWeights = qkGroups * 2 * hd * d + voReal * hdim * hdim;
    qkvoPadding =
      `qk_bank ${qkGroups} x ${2 * hd} x d, vo_bank ${voReal} x ${hdim} x ${hdim} (padding slices ` + `not counted)`;
  }
  if (attnLayers === null)
    return why(
      `attention bank shapes not ` +
        `read: ${(lines.get("self.attn_bank") ?? lines.get("self.qk_bank") ?? "missing").slice(0, 80)}`,
    );
  let mlpLayers: number | null = null;
  let mlpSlots: number | null = null;
  let mlpAssumed = false;
  if (
    lines.get("self.mlp_bank") === "nn.Parameter(torch.empty(num_mlp_with_padding, 2, mlp_hdim, model_dim))" &&
    lines.get("num_mlp_with_padding") === "len(self.mlp_layer_indices) + 1" &&
    lines.get("self.mlp_layer_indices") === "list(range(num_layers))"
  ) {
    mlpLayers = L;
    mlpSlots = L + 1;
  } else {
    const m = /^nn\.Parameter\(torch\.empty\((\d+), 2, mlp_hdim, model_dim\)\)$/.exec(lines.get("self.mlp_bank") ?? "");
    if (m !== null && lines.get("num_mlp_layers") === "num_layers" && Number(m[1]) >= L) {
      mlpLayers = L;
      mlpSlots = Number(m[1]);
    } else if (m !== null && !lines.has("num_mlp_layers") && Number(m[1]) === L + 1) {
      // 2026-06-11 on drop the `num_mlp_layers = num_layers` line but keep the same 12-slice bank for 11 layers that
      // 2026-04-29 declares with it: an MLP in every layer, one padding slice (an assumption the source states).
      mlpLayers = L;
      mlpSlots = Number(m[1]);
      mlpAssumed = true;
    }
  }
  if (mlpLayers === null || mlpSlots === null)
    return why(`mlp_bank shape not read: ${(lines.get("self.mlp_bank") ?? "missing").slice(0, 80)}`);
  let valueEmbeds = 0;
  const ve = lines.get("self.value_embeds") ?? "";
  const veParam = VALUE_EMBED_PARAMETER.exec(ve);
  if (veParam !== null) valueEmbeds = Number(veParam[3]);
  else if (log.script.hasValueEmbeddings) {
    const k = valueEmbeddingTables(log, shape);
    if (typeof k === "string") return nulls(shape, k);
    valueEmbeds = k;
  }
  let ownTables = 0;
  for (const [name, rhs] of log.script.embeddingTables) {
    if (name === "bigram_embed") continue;
    if (name !== "embed" || !/^nn\.Embedding\((self\.)?vocab_size, model_dim\)$/.test(rhs))
      return why(`embedding table self.${name} not accounted for: ${rhs.slice(0, 60)}`);
    ownTables++;
  }
  if (ownTables !== 1) return why("no `self.embed = nn.Embedding(vocab_size, model_dim)`");
  let bigram = 0;
  if (log.script.hasBigramHash) {
    // `nn.Embedding(args.bigram_vocab_size, model_dim)`, or 2026-05-20's narrower `args.bigram_dim` (192) table,
    // added into the first bigram_dim channels without a projection.
    const m = /^nn\.Embedding\(args\.(\w+), (model_dim|args\.bigram_dim)\)$/.exec(lines.get("self.bigram_embed") ?? "");
    const env = constants(log.script);
    const rows = m === null ? null : (env.get(m[1]) ?? null);
    const cols = m === null ? null : m[2] === "model_dim" ? d : (env.get("bigram_dim") ?? null);
    if (rows === null || cols === null)
      return nulls(shape, `bigram embedding size not readable: ${lines.get("self.bigram_embed") ?? "missing"}`);
    bigram = rows * cols;
  }
  const rows = vocabRows(log, shape);
  if (typeof rows === "string") return nulls(shape, rows);
  const head = log.script.headTied ? 0 : rows.head * d;
  const nonEmbedding = attnWeights + mlpLayers * 2 * 4 * d * d + muddParams + head;
  const embedding = rows.tables * d * (1 + valueEmbeds) + bigram;
  return {
    nParams: nonEmbedding + embedding,
    nParamsNonEmbedding: nonEmbedding,
    nLayer: L,
    modelDim: d,
    nParamsMatmul: attnWeights + mlpLayers * 2 * 4 * d * d + muddParams + rows.head * d,
    attnLayers,
    attnDim: hdim,
    source:
      `computed: ${L}L ${d}d V=${rows.tables}, ${qkvoPadding || `attn_bank ${attnLayers} x 4d x ${hdim}`}, ` +
      `mlp_bank ${mlpLayers} x 2 x 4d x d` +
      ` (${mlpSlots - mlpLayers} unused padding slice${mlpSlots - mlpLayers === 1 ? "" : "s"} not ` +
      `counted${mlpAssumed ? "; num_mlp_layers not stated, an MLP in every layer assumed" : ""})` +
      `${muddParams > 0 ? `, MUDD mudd_w1/mudd_w2 ${muddParams}` : ""}` +
      `${head > 0 ? ", untied lm_head V*d" : ", lm_head tied to the embedding"}; embeddings V*d ` +
      `x ${1 + valueEmbeds}${bigram > 0 ? ` + bigram ${bigram}` : ""}` +
      " (matrices only: scalars and gates ignored)",
  };
}

/**
 * 2026-06-11 on: MUDD dense connections, a small MLP per MUDD layer applied to every token,
 *     num_mudd_layers = 2; mudd_dim = 64; max_num_coef = 14
 *     self.mudd_w1 = nn.Parameter(torch.empty(num_mudd_layers, mudd_dim, model_dim))
 *     self.mudd_w2 = nn.Parameter(torch.zeros(num_mudd_layers, max_num_coef, mudd_dim))
 * (mudd_b2 is a bias). Returns the weights of both matrices, or null when the lines are not these.
 */
function muddWeights(log: Pick<ParsedLog, "script">, d: number): number | null {
  const lines = log.script.modelLines;
  const int = (k: string): number | null => (/^\d+$/.test(lines.get(k) ?? "") ? Number(lines.get(k)) : null);
  const n = int("num_mudd_layers");
  const h = int("mudd_dim");
  const k = int("max_num_coef");
  if (
    n === null ||
    h === null ||
    k === null ||
    lines.get("self.mudd_w1") !== "nn.Parameter(torch.empty(num_mudd_layers, mudd_dim, model_dim))" ||
    lines.get("self.mudd_w2") !== "nn.Parameter(torch.zeros(num_mudd_layers, max_num_coef, mudd_dim))"
  )
    return null;
  return n * (h * d + k * h);
}

/**
 * 2026-01-07 to 2026-01-16 (PairedHeadAttention): the block picks its attention by a flag,
 *     if use_paired_head:
 *         self.attn = PairedHeadCausalSelfAttention(dim, head_dim, num_heads, layer_idx)
 *     else:
 *         self.attn = CausalSelfAttention(dim, head_dim, num_heads, layer_idx) if layer_idx != 6 else None
 * with `self.paired_head_layers = [0, 2, 5, 9]` passed as the flag (`Block(..., i, i in self.paired_head_layers)`), and
 * both classes allocate the same `self.qkvo_w = nn.Parameter(torch.empty(self.dim * 4, self.hdim, ...))`. So only
 * layers outside the paired list that hit the `else None` lose their attention. Returns those layers, or null when
 * the script is not this layout.
 */
function pairedHeadSkip(log: Pick<ParsedLog, "script">): Set<number> | null {
  const variants = log.script.modelLineVariants;
  const attn = variants.get("self.attn") ?? [];
  const qkvo = variants.get("self.qkvo_w") ?? [];
  const pairedList = /^\[([\d,\s]+)\]$/.exec(log.script.modelLines.get("self.paired_head_layers") ?? "");
  if (
    attn.length !== 2 ||
    attn[0] !== "PairedHeadCausalSelfAttention(dim, head_dim, num_heads, layer_idx)" ||
    qkvo.length !== 1 ||
    !/^nn\.Parameter\(torch\.empty\(self\.dim \* 4, self\.hdim(, dtype=torch\.bfloat16)?\)\)$/.test(qkvo[0]) ||
    log.script.modelLines.get("self.blocks") !==
      "nn.ModuleList([Block(model_dim, head_dim, num_heads, i, i in self.paired_head_layers) for i in " +
        "range(num_layers)])" ||
    pairedList === null
  ) {
    return null;
  }
  const m = /^CausalSelfAttention\(dim, head_dim, num_heads, layer_idx\) if layer_idx != (\d+) else None$/.exec(
    attn[1],
  );
  if (m === null) return null;
  const paired = new Set(pairedList[1].split(",").map((x) => Number(x.trim())));
  return paired.has(Number(m[1])) ? new Set() : new Set([Number(m[1])]);
}

/**
 * Rows of the embedding tables and of the head. Scripts pass vocab_size=50257 or a padded 50304; the head pads it
 * itself when written `CastedLinear(model_dim, next_multiple_of_n(vocab_size, n=128))` (2025-01 to 2025-06), and from
 * 2025-09 `GPT.__init__` pads it for every table (`vocab_size = next_multiple_of_n(vocab_size, n=128)`). So 2025-01's
 * embedding tables have 50,257 rows and its head 50,304.
 */
function vocabRows(log: Pick<ParsedLog, "script">, shape: Shape): { tables: number; head: number } | string {
  const raw = shape.vocabRaw as number;
  const padded = shape.vocab as number;
  const padsInside =
    (log.script.assignments.get("vocab_size") ?? []).some((a) => a.expr === "next_multiple_of_n(vocab_size, n=128)") ||
    log.script.modelLines.get("self.vocab_size") === "next_multiple_of_n(vocab_size, n=128)";
  const tables = padsInside ? padded : raw;
  const headW = log.script.modelLines.get("self.lm_head_w");
  if (headW !== undefined) {
    // Track 2 from 2025-04: `self.lm_head_w = nn.Parameter(torch.zeros(next_multiple_of_n(vocab_size, n=128),
    // model_dim))`
    if (/^nn\.Parameter\(torch\.(zeros|empty)\(next_multiple_of_n\(vocab_size, n=128\), model_dim\)\)$/.test(headW))
      return { tables, head: padded };
    return `lm_head_w not a (V, d) parameter: ${headW.slice(0, 60)}`;
  }
  const headLine = log.script.modelLines.get("self.lm_head") ?? "";
  if (/^CastedLinear\((config\.)?(model_dim|n_embd), next_multiple_of_n\(vocab_size, n=128\)[,)]/.test(headLine))
    return { tables, head: padded };
  if (/^CastedLinearT?\((config\.)?(model_dim|n_embd), (config\.|self\.)?vocab_size[,)]/.test(headLine))
    return { tables, head: tables };
  return `lm_head rows not readable: ${headLine.slice(0, 60) || "missing"}`;
}

/**
 * How many V x d value-embedding tables the script allocates, or why that is not readable:
 *  - `self.value_embeds = nn.ModuleList([nn.Embedding(vocab_size, model_dim) for _ in range(K)])` (2025);
 *  - `self.value_embeds = ValueEmbedding(config)` / `ValueEmbedding(vocab_size, model_dim)` with the class holding
 *    `self.embed = nn.ModuleList([nn.Embedding(<vocab>, <dim>) for _ in range(K)])` (2024-12-10 to 2025-01-16);
 *  - `vte = nn.Embedding(config.vocab_size, config.n_embd*K)`, one table K*d wide (2024-12-04: K = 12; 2024-12-08:
 *    K = `self.num_encoder_layers` = `config.n_layer // 2`).
 */
function valueEmbeddingTables(log: Pick<ParsedLog, "script">, shape: Shape): number | string {
  const lines = log.script.modelLines;
  const direct = lines.get("self.value_embeds") ?? "";
  let m = /^nn\.ModuleList\(\[nn\.Embedding\(vocab_size, model_dim\) for _ in range\((\d+)\)\]\)$/.exec(direct);
  if (m !== null) return Number(m[1]);
  const tables = lines.get(VALUE_EMBEDDING_TABLES) ?? "";
  m = VALUE_EMBED_TABLES.exec(tables);
  if (m !== null) {
    // The class's arguments must be the model's vocabulary and width: `ValueEmbedding(config)` for the config form,
    // `ValueEmbedding(vocab_size, model_dim)` for `__init__(self, num_embeddings, embedding_dim)`.
    const call = m[1].startsWith("config") ? "ValueEmbedding(config)" : "ValueEmbedding(vocab_size, model_dim)";
    if (direct === call) return Number(m[2]);
    return (
      `value embeddings: \`self.value_embeds = ${direct.slice(0, 60)}\` does not pass the model's ` +
      `vocabulary and width`
    );
  }
  const vte = lines.get("vte") ?? "";
  m = /^nn\.Embedding\(config\.vocab_size, config\.n_embd\s*\*\s*(\d+|self\.num_encoder_layers)\),?$/.exec(vte);
  if (m !== null) {
    if (/^\d+$/.test(m[1])) return Number(m[1]);
    if (lines.get("self.num_encoder_layers") === "config.n_layer // 2" && shape.nLayer !== null)
      return Math.floor(shape.nLayer / 2);
    return "value embeddings: `self.num_encoder_layers` not `config.n_layer // 2`";
  }
  return (
    "value embeddings not in a recognised form (nn.ModuleList of nn.Embedding(vocab, dim), ValueEmbedding " +
    "class, or vte)"
  );
}

/**
 * Layers a `self.attn = X if layer_idx != 7 else None` style line drops; null when the condition is not of a known
 * form. The line may be wrapped in parentheses over several lines (2025-09-11: `self.attn = (` ... `)`), and the layer
 * list may be a named list kept from the script (`None if layer_idx in SKIPPED_MLP_BLOCKS else MLP(dim)`).
 */
function skippedLayers(rhs: string, lines: ReadonlyMap<string, string> = new Map()): Set<number> | null {
  const wrapped = /^\((.*)\)$/.exec(rhs);
  if (wrapped !== null && depthBalanced(wrapped[1])) rhs = wrapped[1].trim();
  // A plain constructor call: no layer dropped.
  if (!/\bif\b/.test(rhs)) return /^[A-Za-z_][\w.]*\(/.test(rhs) ? new Set() : null;
  let m = /if layer_idx != (\d+) else None$/.exec(rhs);
  if (m !== null) return new Set([Number(m[1])]);
  m = /if layer_idx != (\d+) and layer_idx\s*!=\s*(\d+) else None$/.exec(rhs);
  if (m !== null) return new Set([Number(m[1]), Number(m[2])]);
  m = /if layer_idx not in [[({]([\d,\s]+)[\])}] else None$/.exec(rhs);
  if (m !== null) return new Set(m[1].split(",").map((x) => Number(x.trim())));
  m = /^None if layer_idx in ([A-Z_]+) else [A-Za-z_][\w.]*\([^()]*\)$/.exec(rhs);
  const named = m === null ? null : /^\[([\d,\s]+)\]$/.exec(lines.get(m[1]) ?? "");
  if (named !== null)
    return new Set(
      named[1]
        .split(",")
        .filter((x) => x.trim() !== "")
        .map((x) => Number(x.trim())),
    );
  return null;
}

/**
 * Parentheses and brackets in `s` never close more than they opened (so `(a) if b else (c)` is not one wrapped term).
 */
function depthBalanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/**
 * Reads `GPT(GPTConfig(vocab_size=.., n_layer=12, n_head=6, n_embd=768))` or `GPT(vocab_size=.., num_layers=..,
 * model_dim=..)`.
 */
function modelShape(log: Pick<ParsedLog, "script">): Shape {
  const call = log.script.modelCall?.expr ?? null;
  if (call === null)
    return { nLayer: null, modelDim: null, vocab: null, vocabRaw: null, numHeads: null, headDim: null };
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
  const vocabRaw = num("vocab_size");
  // Scripts that build the model with vocab_size=50257 pad it to a multiple of 128 for the head (`next_multiple_of_n`);
  // whether the embedding tables are padded too depends on the script (see vocabRows).
  const vocab = vocabRaw !== null && vocabRaw % 128 !== 0 ? Math.ceil(vocabRaw / 128) * 128 : vocabRaw;
  return { nLayer, modelDim, vocab, vocabRaw, numHeads: num("n_head") ?? num("num_heads"), headDim: num("head_dim") };
}

function nulls(shape: Shape, reason: string): ParamCount {
  return {
    nParams: null,
    nParamsNonEmbedding: null,
    nLayer: shape.nLayer,
    modelDim: shape.modelDim,
    source: reason,
    nParamsMatmul: null,
    attnLayers: null,
    attnDim: null,
  };
}
