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
    const text = "num_vocab = 50304\nmodel = GPT(GPTConfig(vocab_size=num_vocab, n_layer=12, n_head=6, n_embd=768))\nstep:1/1 val_loss:3 train_time:1ms step_avg:1ms\n";
    const p = paramCountFor(parseLog(text, "x.txt"), "track1");
    assert.equal(p.nParamsNonEmbedding, 12 * 12 * 768 * 768 + 50304 * 768);
    assert.equal(p.nParams, 12 * 12 * 768 * 768 + 2 * 50304 * 768);
  });

  it("prefers the count the log prints", () => {
    const text = "Model parameters:\n  Total parameters: 275,742,784\n  Embedding parameters: 154,533,888\n  Non-embedding parameters: 121,208,896\n";
    const p = paramCountFor(parseLog(text, "x.txt"), "track1");
    assert.deepEqual([p.nParams, p.nParamsNonEmbedding, p.source], [275_742_784, 121_208_896, "printed (line 2)"]);
  });

  it("returns null with the reason for architectures with value embeddings", () => {
    const text = [
      "        self.value_embeds = nn.ModuleList([nn.Embedding(vocab_size, model_dim) for _ in range(3)])",
      "model: nn.Module = GPT(vocab_size=50257, num_layers=12, num_heads=6, model_dim=768, max_seq_len=max(args.train_seq_len, args.val_seq_len)).cuda()",
    ].join("\n");
    const p = paramCountFor(parseLog(text, "x.txt"), "track1");
    assert.equal(p.nParams, null);
    assert.equal(p.nLayer, 12);
    assert.match(p.source, /value\/bigram embeddings/);
  });
});
