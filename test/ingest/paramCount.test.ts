import assert from "node:assert/strict";
import { paramCountFor } from "../../src/ingest/paramCount";
import { parseLog } from "../../src/ingest/parseLog";

describe("paramCountFor", () => {
  it("computes llm.c GPT-2 124M as 124,475,904 with 85,056,000 outside the embeddings", () => {
    const p = paramCountFor(parseLog("s:0 tel:11.0092\n", "main.log"), "track1");
    assert.equal(p.nParams, 124_475_904);
    assert.equal(p.nParamsNonEmbedding, 85_056_000);
  });

  it("computes llm.c GPT-2 350M (24 layers, 1024 wide) for track 2", () => {
    const p = paramCountFor(parseLog("s:0 tel:10.9830\n", "main.log"), "track2");
    assert.equal(p.nParamsNonEmbedding, 24 * (12 * 1024 * 1024 + 13 * 1024) + 2 * 1024);
    assert.equal(p.nParams, 354_871_296);
  });

  it("computes the 1.5B scale-up from its GPTConfig: 52 x 12 x 1536^2 + 50304 x 1536 = 1,549,467,648", () => {
    const text = [
      "num_vocab = 50304",
      "model = GPT(GPTConfig(vocab_size=num_vocab, n_layer=52, n_head=12, n_embd=1536))",
      "        self.transformer.wte.weight = self.lm_head.weight # https://paperswithcode.com/method/weight-tying",
      "step:20344/20344 val_loss:2.7297 train_time:34957570ms step_avg:1719.17ms",
    ].join("\n");
    const p = paramCountFor(parseLog(text, "x.txt"), "track1");
    assert.equal(p.nParams, 1_549_467_648);
    assert.equal(p.nParamsNonEmbedding, 1_472_200_704);
    assert.equal(p.nLayer, 52);
    assert.equal(p.modelDim, 1536);
  });

  it("counts an untied lm_head as non-embedding (2024-11-03_UntieEmbed onward)", () => {
    const text =
      "num_vocab = 50304\nmodel = GPT(GPTConfig(vocab_size=num_vocab, n_layer=12, n_head=6, " +
      "n_embd=768))\nstep:1/1 val_loss:3 train_time:1ms step_avg:1ms\n";
    const p = paramCountFor(parseLog(text, "x.txt"), "track1");
    assert.equal(p.nParamsNonEmbedding, 12 * 12 * 768 * 768 + 50304 * 768);
    assert.equal(p.nParams, 12 * 12 * 768 * 768 + 2 * 50304 * 768);
  });

  it("prefers the count the log prints", () => {
    const text =
      "Model parameters:\n  Total parameters: 275,742,784\n  Embedding parameters: 154,533,888\n  Non-embedding " +
      "parameters: 121,208,896\n";
    const p = paramCountFor(parseLog(text, "x.txt"), "track1");
    assert.deepEqual([p.nParams, p.nParamsNonEmbedding, p.source], [275_742_784, 121_208_896, "printed (line 2)"]);
  });

  it("returns null with the reason when value embeddings come without a readable block definition", () => {
    const text = [
      "        self.value_embeds = nn.ModuleList([nn.Embedding(vocab_size, model_dim) for _ in range(3)])",
      "model: nn.Module = GPT(vocab_size=50257, num_layers=12, num_heads=6, model_dim=768, " +
        "max_seq_len=max(args.train_seq_len, args.val_seq_len)).cuda()",
    ].join("\n");
    const p = paramCountFor(parseLog(text, "x.txt"), "track1");
    assert.equal(p.nParams, null);
    assert.equal(p.nLayer, 12);
    assert.match(p.source, /^no `self\.attn =` \/ `self\.mlp =` block definition readable/);
  });
});

describe("paramCountFor on blocks with dropped layers", () => {
  const script = (attn: string, mlp: string): string =>
    [
      "        hdim = 4 * dim",
      `        self.attn = ${attn}`,
      `        self.mlp = ${mlp}`,
      "        self.embed = nn.Embedding(vocab_size, model_dim)",
      "        self.value_embeds = nn.ModuleList([nn.Embedding(vocab_size, model_dim) for _ in range(3)])",
      "        self.lm_head = CastedLinear(model_dim, next_multiple_of_n(vocab_size, n=128), use_fp8=True)",
      "model: nn.Module = GPT(vocab_size=next_multiple_of_n(50257, n=128), num_layers=12, num_heads=6, " +
        "model_dim=768, max_seq_len=max(args.seq_len, args.val_seq_len)).cuda()",
    ].join("\n");

  it("matches 2025-05-30_noallreduce's printed count but for its 64 scalars (275,742,784 printed)", () => {
    const p = paramCountFor(
      parseLog(
        script("CausalSelfAttention(dim, num_heads, max_seq_len) if layer_idx != 7 else None", "MLP(dim)"),
        "x.txt",
      ),
      "track1",
    );
    assert.equal(p.nParams, 275_742_784 - 64);
    assert.equal(p.nParamsNonEmbedding, 121_208_896 - 64);
  });

  it("drops the attention of layers 0 and 7 and the MLP of layer 0 (2025-09-21_DropAttn)", () => {
    const p = paramCountFor(
      parseLog(
        script(
          "CausalSelfAttention(dim, head_dim, num_heads) if layer_idx not in [0, 7] else None",
          "MLP(dim) if layer_idx != 0 else None",
        ),
        "x.txt",
      ),
      "track1",
    );
    const d = 768;
    assert.equal(p.nParamsNonEmbedding, 10 * 4 * d * d + 11 * 8 * d * d + 50304 * d);
    assert.equal(p.nParams, (p.nParamsNonEmbedding ?? 0) + 4 * 50304 * d);
  });

  it("returns null with the reason when attention is assigned differently in two places", () => {
    const text =
      script("PairedHeadCausalSelfAttention(dim, head_dim, num_heads, layer_idx)", "MLP(dim)") +
      "\n            self.attn = CausalSelfAttention(dim, head_dim, num_heads, layer_idx) if layer_idx != 6 else None";
    const p = paramCountFor(parseLog(text, "x.txt"), "track1");
    assert.equal(p.nParams, null);
    assert.match(p.source, /^attention layer skipping not readable: <assigned differently in two places>/);
  });
});

describe("paramCountFor on 2024-12 value-embedding scripts (lines verbatim from the logs)", () => {
  const d = 768;
  const V = 50304;
  const blocks = 12 * 12 * d * d; // c_q, c_k, c_v, c_proj d x d and c_fc, c_proj d x 4d in all 12 layers
  const common = [
    "num_vocab = 50304",
    "        self.c_fc   = CastedLinear(dim, 4 * dim)",
    "        self.c_proj = CastedLinear(4 * dim, dim)",
  ];

  it("counts 2024-12-04_ValueEmbed's vte table, 12 model widths wide, as embedding", () => {
    const text = [
      ...common,
      "        self.attn = CausalSelfAttention(config.n_embd, config.n_head)",
      "        self.mlp = MLP(config.n_embd)",
      "            wte = nn.Embedding(config.vocab_size, config.n_embd),",
      "            vte = nn.Embedding(config.vocab_size, config.n_embd*12),",
      "        self.lm_head = CastedLinear(config.n_embd, config.vocab_size)",
      "model = GPT(GPTConfig(vocab_size=num_vocab, n_layer=12, n_head=6, n_embd=768))",
    ].join("\n");
    const p = paramCountFor(parseLog(text, "x.txt"), "track1");
    assert.equal(p.nParamsNonEmbedding, blocks + V * d); // untied lm_head
    assert.equal(p.nParams, blocks + V * d + 13 * V * d);
    assert.equal(p.nParams, 625_803_264);
  });

  it("reads 2024-12-08's vte width from num_encoder_layers = n_layer // 2", () => {
    const text = [
      ...common,
      "        self.attn = CausalSelfAttention(config.n_embd, config.n_head)",
      "        self.mlp = MLP(config.n_embd)",
      "        self.num_encoder_layers = config.n_layer // 2 # Half of the layers for encoder",
      "            wte = nn.Embedding(config.vocab_size, config.n_embd),",
      "            vte = nn.Embedding(config.vocab_size, config.n_embd*self.num_encoder_layers),",
      "        self.lm_head = CastedLinear(config.n_embd, config.vocab_size)",
      "model = GPT(GPTConfig(vocab_size=num_vocab, n_layer=12, n_head=6, n_embd=768))",
    ].join("\n");
    const p = paramCountFor(parseLog(text, "x.txt"), "track1");
    assert.equal(p.nParams, blocks + V * d + 7 * V * d);
    assert.equal(p.nParams, 394_002_432);
  });

  it("counts the tables of 2024-12-10's ValueEmbedding class, its ModuleList spread over four lines", () => {
    const text = [
      ...common,
      "        self.attn = CausalSelfAttention(config.model_dim, config.num_heads)",
      "        self.mlp = MLP(config.model_dim)",
      "        self.embed = nn.ModuleList([",
      "            nn.Embedding(config.vocab_size, config.model_dim)",
      "            for _ in range(6)",
      "        ])",
      "        self.embed = nn.Embedding(config.vocab_size, config.model_dim)",
      "        self.value_embeds = ValueEmbedding(config)",
      "        self.lm_head = CastedLinear(config.model_dim, config.vocab_size)",
      "model = GPT(GPTConfig(vocab_size=num_vocab, num_layers=12, num_heads=6, model_dim=768))",
    ].join("\n");
    const p = paramCountFor(parseLog(text, "x.txt"), "track1");
    assert.equal(p.nParams, blocks + V * d + 7 * V * d);
    assert.equal(p.nParamsNonEmbedding, blocks + V * d);
  });

  it("returns null with the reason when self.attn is assigned under an if (2024-12-17_SparsifyEmbeds)", () => {
    const text = [
      ...common,
      "        if layer_idx != 7:",
      "            self.attn = CausalSelfAttention(config.model_dim, config.num_heads)",
      "        self.mlp = MLP(config.model_dim)",
      "        self.embed = nn.Embedding(config.vocab_size, config.model_dim)",
      "        self.value_embeds = ValueEmbedding(config)",
      "        self.lm_head = CastedLinear(config.model_dim, config.vocab_size)",
      "model = GPT(GPTConfig(vocab_size=num_vocab, num_layers=12, num_heads=6, model_dim=768))",
    ].join("\n");
    const p = paramCountFor(parseLog(text, "x.txt"), "track1");
    assert.equal(p.nParams, null);
    assert.match(p.source, /assigned inside a nested block/);
  });
});

describe("paramCountFor: vocabulary rows and input tables", () => {
  const d = 768;
  const blocks = 11 * 4 * d * d + 12 * 8 * d * d; // attention dropped in layer 7
  const lines = (embeds: string[], call: string, extra: string[] = []): string =>
    [
      "        hdim = 4 * dim",
      "        self.attn = CausalSelfAttention(dim, num_heads, max_seq_len) if layer_idx != 7 else None",
      "        self.mlp = MLP(dim)",
      ...extra,
      ...embeds,
      "        self.value_embeds = nn.ModuleList([nn.Embedding(vocab_size, model_dim) for _ in range(3)])",
      "        self.lm_head = CastedLinear(model_dim, next_multiple_of_n(vocab_size, n=128), use_fp8=True, " +
        "x_s=(model_dim**0.5)/448, w_s=24/448, grad_s=1/448)",
      call,
    ].join("\n");
  const call2025 =
    "model: nn.Module = GPT(vocab_size=args.vocab_size, num_layers=12, num_heads=6, model_dim=768, " +
    "max_seq_len=max(args.seq_len, args.val_seq_len)).cuda()";

  it(
    "gives the tables 50,257 rows and the head 50,304 when only the head pads the vocabulary " +
      "(2025-05-24_FasterReduce)",
    () => {
      const p = paramCountFor(
        parseLog(
          [
            "    vocab_size = 50257",
            lines(["        self.embed = nn.Embedding(vocab_size, model_dim)"], call2025),
          ].join("\n"),
          "x.txt",
        ),
        "track1",
      );
      assert.equal(p.nParamsNonEmbedding, blocks + 50304 * d);
      assert.equal(p.nParams, blocks + 50304 * d + 4 * 50257 * d);
    },
  );

  it(
    "pads every table when GPT.__init__ reassigns vocab_size = next_multiple_of_n(vocab_size, n=128) (2025-09 " +
      "onward)",
    () => {
      const text = [
        "    vocab_size = 50257",
        lines(["        self.embed = nn.Embedding(vocab_size, model_dim)"], call2025, [
          "        vocab_size = next_multiple_of_n(vocab_size, n=128)",
        ]),
      ].join("\n");
      const p = paramCountFor(parseLog(text, "x.txt"), "track1");
      assert.equal(p.nParams, blocks + 50304 * d + 4 * 50304 * d);
    },
  );

  it("counts both input tables of track 2's self.embed + self.embed2 (2025-12-31_BulkSmallTrackTransfer)", () => {
    const embeds = [
      "        self.embed = nn.Embedding(vocab_size, model_dim)",
      "        self.embed2 = nn.Embedding(vocab_size, model_dim)",
    ];
    const p = paramCountFor(
      parseLog(["    vocab_size = 50257", lines(embeds, call2025)].join("\n"), "x.txt"),
      "track1",
    );
    assert.equal(p.nParams, blocks + 50304 * d + 5 * 50257 * d);
  });

  it("returns null with the reason for an embedding table it does not know", () => {
    const embeds = [
      "        self.embed = nn.Embedding(vocab_size, model_dim)",
      "        self.smear_embed = nn.Embedding(vocab_size, 12)",
    ];
    const p = paramCountFor(
      parseLog(["    vocab_size = 50257", lines(embeds, call2025)].join("\n"), "x.txt"),
      "track1",
    );
    assert.equal(p.nParams, null);
    assert.equal(p.source, "embedding table self.smear_embed not accounted for: nn.Embedding(vocab_size, 12)");
  });
});

describe("paramCountFor on 2024-10 GPTConfig scripts", () => {
  it("sizes the tied wte/lm_head by the unpadded 50,257 that 2024-10-10_Muon passes (lines verbatim)", () => {
    const text = [
      "num_vocab = 50257",
      "            wte = nn.Embedding(config.vocab_size, config.n_embd),",
      "        self.lm_head = nn.Linear(config.n_embd, config.vocab_size, bias=False)",
      "        self.transformer.wte.weight = self.lm_head.weight # https://paperswithcode.com/method/weight-tying",
      "model = GPT(GPTConfig(vocab_size=num_vocab, n_layer=12, n_head=12, n_embd=768))",
    ].join("\n");
    const p = paramCountFor(parseLog(text, "x.txt"), "track1");
    assert.equal(p.nParamsNonEmbedding, 12 * 12 * 768 * 768);
    assert.equal(p.nParams, 12 * 12 * 768 * 768 + 50257 * 768);
  });
});

describe("paramCountFor on 2026 parameter banks", () => {
  // Lines verbatim from 2026-02-10_ShortWindow (comments as printed).
  const bankScript = (mlpBank: string): string =>
    [
      "    vocab_size = 50257",
      "    bigram_vocab_size = 50304 * 5",
      "        self.vocab_size = next_multiple_of_n(vocab_size, n=128)",
      "        self.value_embeds = nn.Parameter(torch.zeros(5 * self.vocab_size, model_dim, dtype=torch.bfloat16))",
      "        self.attn_gate_bank = nn.Parameter(torch.zeros(10, num_heads, 12)) # 10 layers",
      "        self.attn_layer_indices = [i for i in range(num_layers) if i != 6]",
      "        self.mlp_layer_indices = list(range(num_layers))",
      "        hdim = num_heads * head_dim",
      "        mlp_hdim = 4 * model_dim",
      "        self.attn_bank = nn.Parameter(torch.empty(len(self.attn_layer_indices), 4 * model_dim, hdim))",
      "        num_mlp_with_padding = len(self.mlp_layer_indices) + 1  # 11 + 1 = 12",
      mlpBank,
      "        self.lm_head = CastedLinearT(model_dim, self.vocab_size, use_fp8=use_fp8, x_s=100/448, " +
        "w_s=1.6/448, grad_s=grad_scale * 0.75/448)",
      "        self.embed = nn.Embedding(self.vocab_size, model_dim)",
      "        self.bigram_embed = nn.Embedding(args.bigram_vocab_size, model_dim)",
      "model: nn.Module = GPT(vocab_size=args.vocab_size, num_layers=11, num_heads=6, head_dim=128, " +
        "model_dim=768, max_seq_len=args.train_max_seq_len).cuda()",
    ].join("\n");

  it("counts attn_bank and mlp_bank without the MLP bank's unused padding slice", () => {
    const p = paramCountFor(
      parseLog(
        bankScript("        self.mlp_bank = nn.Parameter(torch.empty(num_mlp_with_padding, 2, mlp_hdim, model_dim))"),
        "x.txt",
      ),
      "track1",
    );
    const d = 768;
    const V = 50304;
    assert.equal(p.nParamsNonEmbedding, 10 * 4 * d * d + 11 * 2 * 4 * d * d + V * d);
    assert.equal(p.nParams, (p.nParamsNonEmbedding ?? 0) + 6 * V * d + 5 * 50304 * d);
    assert.equal(p.nParams, 539_099_136);
    assert.match(p.source, /1 unused padding slice not counted/);
  });

  it("returns null with the reason when the MLP bank's shape is not one it reads", () => {
    const p = paramCountFor(
      parseLog(
        bankScript("        self.mlp_bank = nn.Parameter(torch.empty(num_mlp_with_padding, 3, mlp_hdim, model_dim))"),
        "x.txt",
      ),
      "track1",
    );
    assert.equal(p.nParams, null);
    assert.match(p.source, /^parameter banks \(attn_bank, mlp_bank\): mlp_bank shape not read/);
  });

  it(
    "returns null naming the weight banks it does not read, ignoring gate banks (lines verbatim from " + "2026-05-27)",
    () => {
      const text = [
        "    vocab_size = 50257",
        "        self.value_embeds = nn.Parameter(torch.zeros(5 * self.vocab_size, model_dim, dtype=torch.bfloat16))",
        "        self.attn_gate_bank = nn.Parameter(torch.zeros(10, num_heads, 12)) # 10 layers",
        "        self.qk_bank = nn.Parameter(torch.empty(num_qk_padded, head_dim * 2, model_dim))",
        "        self.vo_bank = nn.Parameter(torch.empty(num_vo_padded, hdim, hdim))",
        "        self.mlp_bank = nn.Parameter(torch.empty(12, 2, mlp_hdim, model_dim))  # (12, 2, 3072, 768)",
        "        self.dc_w1_bank = nn.Parameter(torch.empty(num_layers - 1, dc_hidden_dim, model_dim))",
        "        self.bigram_embed = nn.Embedding(args.bigram_vocab_size, model_dim)",
        "model: nn.Module = GPT(vocab_size=args.vocab_size, num_layers=11, num_heads=6, head_dim=128, " +
          "model_dim=768, max_seq_len=args.train_max_seq_len).cuda()",
      ].join("\n");
      const log = parseLog(text, "x.txt");
      assert.deepEqual(log.script.parameterBanks, ["attn_gate_bank", "qk_bank", "vo_bank", "mlp_bank", "dc_w1_bank"]);
      const p = paramCountFor(log, "track1");
      assert.equal(p.nParams, null);
      assert.equal(
        p.source,
        "weights held in parameter banks (qk_bank, vo_bank, mlp_bank, dc_w1_bank); bank shapes not derived",
      );
    },
  );
});

describe("paramCountFor on 2026-01's paired-head blocks (lines verbatim from 2026-01-07_PairedHeadAttention)", () => {
  const script = (pairedList: string): string =>
    [
      "        self.qkvo_w = nn.Parameter(torch.empty(self.dim * 4, self.hdim, dtype=torch.bfloat16))",
      "        self.qkvo_w = nn.Parameter(torch.empty(self.dim * 4, self.hdim, dtype=torch.bfloat16))",
      "        hdim = 4 * dim",
      "        if use_paired_head:",
      "            self.attn = PairedHeadCausalSelfAttention(dim, head_dim, num_heads, layer_idx)",
      "        else:",
      "            self.attn = CausalSelfAttention(dim, head_dim, num_heads, layer_idx) if layer_idx != 6 else None",
      "        self.mlp = MLP(dim)",
      "        vocab_size = next_multiple_of_n(vocab_size, n=128)",
      "        self.value_embeds = nn.ModuleList([nn.Embedding(vocab_size, model_dim) for _ in range(3)])",
      `        self.paired_head_layers = ${pairedList}`,
      "        self.blocks = nn.ModuleList([Block(model_dim, head_dim, num_heads, i, i in " +
        "self.paired_head_layers) for i in range(num_layers)])",
      "        self.lm_head = CastedLinear(model_dim, vocab_size, use_fp8=use_fp8, x_s=100/448, w_s=1.6/448, " +
        "grad_s=0.75/448)",
      "        self.embed = nn.Embedding(vocab_size, model_dim)",
      "model: nn.Module = GPT(",
      "    vocab_size=50257,",
      "    num_layers=11,",
      "    num_heads=6,",
      "    head_dim=128,",
      "    model_dim=768,",
      "    max_seq_len=args.val_batch_size // (grad_accum_steps * world_size)",
      ").cuda()",
    ].join("\n");
  const d = 768;
  const V = 50304;

  it("drops attention only in layer 6, which is not a paired-head layer", () => {
    const p = paramCountFor(parseLog(script("[0, 2, 5, 9]"), "x.txt"), "track1");
    assert.equal(p.nParamsNonEmbedding, 10 * 4 * 768 * d + 11 * 8 * d * d + V * d);
    assert.equal(p.nParams, 268_664_832);
  });

  it("keeps layer 6's attention when layer 6 is a paired-head layer", () => {
    const p = paramCountFor(parseLog(script("[0, 2, 6, 9]"), "x.txt"), "track1");
    assert.equal(p.nParamsNonEmbedding, 11 * 4 * 768 * d + 11 * 8 * d * d + V * d);
  });

  it("returns null with the reason when the two attention classes allocate different weights", () => {
    const text = script("[0, 2, 5, 9]").replace(
      "        self.qkvo_w = nn.Parameter(torch.empty(self.dim * 4, self.hdim, dtype=torch.bfloat16))\n",
      "        self.qkvo_w = nn.Parameter(torch.empty(self.dim * 3, self.hdim, dtype=torch.bfloat16))\n",
    );
    const p = paramCountFor(parseLog(text, "x.txt"), "track1");
    assert.equal(p.nParams, null);
    assert.match(p.source, /assigned inside a nested block/);
  });
});

describe("paramCountFor on 2026-04's q/k and v/o banks (lines verbatim from 2026-04-29_XSAGatedLayers)", () => {
  const script = (extra: string[]): string =>
    [
      "    vocab_size = 50257",
      "    bigram_vocab_size = 50304 * 5",
      "        self.vocab_size = next_multiple_of_n(vocab_size, n=128)",
      "        self.smear_gate = nn.Linear(12, 1, bias=False)",
      "        self.value_embeds = nn.Parameter(0.01 * torch.randn(5 * self.vocab_size, model_dim, " +
        "dtype=torch.bfloat16))",
      "        self.attn_gate_bank = nn.Parameter(torch.zeros(10, num_heads, 12)) # 10 layers",
      "        num_attn_layers = num_layers - 1",
      "        num_mlp_layers = num_layers",
      "        hdim = num_heads * head_dim",
      "        mlp_hdim = 4 * model_dim",
      "        num_qk_groups = num_attn_layers * 2 * (num_heads // 2)  # 10 * 2 * 3 = 60",
      "        num_qk_padded = next_multiple_of_n(num_qk_groups, n=world_size)  # 64",
      "        self.qk_bank = nn.Parameter(torch.empty(num_qk_padded, head_dim * 2, model_dim))",
      "        num_vo_real = num_attn_layers * 2  # 20",
      "        num_vo_padded = next_multiple_of_n(num_vo_real, n=world_size)  # 24",
      "        self.vo_bank = nn.Parameter(torch.empty(num_vo_padded, hdim, hdim))",
      "        self.mlp_bank = nn.Parameter(torch.empty(12, 2, mlp_hdim, model_dim))  # (12, 2, 3072, 768)",
      "        self.lm_head = CastedLinearT(model_dim, self.vocab_size, use_fp8=use_fp8, x_s=100/448, " +
        "w_s=1.6/448, grad_s=grad_scale * 0.75/448)",
      "        self.embed = nn.Embedding(self.vocab_size, model_dim)",
      "        self.bigram_embed = nn.Embedding(args.bigram_vocab_size, model_dim)",
      "        self.xsa_alphas = nn.Parameter(torch.zeros(num_layers, num_heads))",
      ...extra,
      "model: nn.Module = GPT(vocab_size=args.vocab_size, num_layers=11, num_heads=6, head_dim=128, " +
        "model_dim=768, max_seq_len=args.train_max_seq_len).cuda()",
    ].join("\n");

  it(
    "counts the 60 real q/k and 20 real v/o slices, not the padding, and matches the attn_bank layout's " +
      "114,130,944",
    () => {
      const p = paramCountFor(parseLog(script([]), "x.txt"), "track1");
      const d = 768;
      assert.equal(p.nParamsNonEmbedding, 60 * 256 * d + 20 * d * d + 11 * 8 * d * d + 50304 * d);
      assert.equal(p.nParamsNonEmbedding, 114_130_944);
      assert.equal(p.nParams, 539_099_136);
    },
  );

  it("sizes 2026-05-20's narrower bigram table by bigram_dim (754,560 x 192)", () => {
    const text = script([])
      .replace(
        "    bigram_vocab_size = 50304 * 5",
        "    bigram_vocab_size: int = 50304 * 15\n    bigram_dim: int = 192",
      )
      .replace(
        "nn.Embedding(args.bigram_vocab_size, model_dim)",
        "nn.Embedding(args.bigram_vocab_size, args.bigram_dim)",
      );
    const p = paramCountFor(parseLog(text, "x.txt"), "track1");
    assert.equal(p.nParams, 114_130_944 + 6 * 50304 * 768 + 754_560 * 192);
  });

  it("returns null naming further weight matrices it does not count (2026-05-27's mudd_w1)", () => {
    const p = paramCountFor(
      parseLog(
        script(["        self.mudd_w1 = nn.Parameter(torch.empty(num_mudd_layers, mudd_dim, model_dim))"]),
        "x.txt",
      ),
      "track1",
    );
    assert.equal(p.nParams, null);
    assert.equal(p.source, "parameter banks (qk_bank, vo_bank, mlp_bank): further weights not counted: mudd_w1");
  });

  it(
    "counts 2026-06-11's MUDD matrices (2 x (64 x 768 + 14 x 64) = 100,096) and its 12-slice MLP bank without " +
      "num_mlp_layers",
    () => {
      const text = script([
        "        num_mudd_layers = 2",
        "        mudd_dim = 64",
        "        max_num_coef = 14",
        "        self.mudd_w1 = nn.Parameter(torch.empty(num_mudd_layers, mudd_dim, model_dim))",
        "        self.mudd_w2 = nn.Parameter(torch.zeros(num_mudd_layers, max_num_coef, mudd_dim))",
        "        self.mudd_b2 = nn.Parameter(bs_init)",
      ]).replace("        num_mlp_layers = num_layers\n", "");
      const p = paramCountFor(parseLog(text, "x.txt"), "track1");
      assert.equal(p.nParamsNonEmbedding, 114_130_944 + 100_096);
      assert.equal(p.nParamsMatmul, 114_130_944 + 100_096);
      assert.match(p.source, /num_mlp_layers not stated, an MLP in every layer assumed/);
    },
  );
});
