import assert from "node:assert/strict";
import {
  ASSUMED_WINDOW_TOKENS,
  attendedKeys,
  flopsPerTokenFor,
  flopsPerTokenOf,
  type AttendedKeys,
} from "../../src/ingest/flopsPerToken";
import { paramCountFor } from "../../src/ingest/paramCount";
import { parseLog } from "../../src/ingest/parseLog";

const flopsOf = (text: string, track: "track1" | "track2" = "track1") => {
  const log = parseLog(text, "x.txt");
  return flopsPerTokenFor(log, track, paramCountFor(log, track));
};

describe("flopsPerTokenFor", () => {
  it("is 6 N_matmul + 12 L d K: 6*1000 + 12*2*8*4.5 = 6,864 for a toy shape", () => {
    assert.equal(flopsPerTokenOf(1000, 2, 8, 4.5), 6864);
  });

  it(
    "counts llm.c 124M's tied head as a matmul: 12*12*768^2 + 50304*768 = 123,568,128 matmul weights, " +
      "798,087,168 FLOPs a token at T=1024",
    () => {
      const f = flopsOf("s:0 tel:11.0092\n");
      assert.equal(f.nParamsMatmul, 123_568_128);
      // 6 * 123,568,128 = 741,408,768; attention 12 * 12 layers * 768 * (1024+1)/2 = 56,678,400
      assert.equal(f.flopsPerToken, 798_087_168);
    },
  );

  it("gives llm.c 350M (24L, 1024d) 353,501,184 matmul weights and 2,272,149,504 FLOPs a token", () => {
    const f = flopsOf("s:0 tel:10.9830\n", "track2");
    assert.equal(f.nParamsMatmul, 24 * 12 * 1024 * 1024 + 50304 * 1024);
    assert.equal(f.flopsPerToken, 6 * 353_501_184 + 12 * 24 * 1024 * 512.5);
  });

  it("reads dense causal attention at the script's 1,024-token sequences (the 1.5B scale-up)", () => {
    const text = [
      "    sequence_length : int = 1024 # sequence length, in tokens",
      "num_vocab = 50304",
      "model = GPT(GPTConfig(vocab_size=num_vocab, n_layer=52, n_head=12, n_embd=1536))",
      "        self.transformer.wte.weight = self.lm_head.weight # https://paperswithcode.com/method/weight-tying",
      "step:20344/20344 val_loss:2.7297 train_time:34957570ms step_avg:1719.17ms",
    ].join("\n");
    const f = flopsOf(text);
    assert.equal(f.nParamsMatmul, 52 * 12 * 1536 * 1536 + 50304 * 1536);
    assert.equal(f.flopsPerToken, 6 * 1_549_467_648 + 12 * 52 * 1536 * 512.5);
  });

  it("takes a window the mask states as a literal (2024-11-19: window 1024 over 64K-token sequences), K = W", () => {
    const text = [
      "    sequence_length : int = 64*1024 # sequence length, in tokens",
      "          window_mask = q_idx - kv_idx < 1024",
      "num_vocab = 50304",
      "model = GPT(GPTConfig(vocab_size=num_vocab, n_layer=12, n_head=6, n_embd=768))",
      "step:1/1 val_loss:3 train_time:1ms step_avg:1ms",
    ].join("\n");
    const f = flopsOf(text);
    assert.equal(f.flopsPerToken, 6 * (12 * 12 * 768 * 768 + 50304 * 768) + 12 * 12 * 768 * 1024);
    assert.match(f.source, /window 1024 stated in the mask/);
  });

  it("assumes a 1,024-token window where long packed sequences use a window schedule, and says so", () => {
    const text = [
      "    sequence_length : int = 64*1024 # sequence length, in tokens",
      "num_vocab = 50304",
      "model = GPT(GPTConfig(vocab_size=num_vocab, n_layer=12, n_head=6, n_embd=768))",
      "step:1/1 val_loss:3 train_time:1ms step_avg:1ms",
    ].join("\n");
    const f = flopsOf(text);
    assert.equal(ASSUMED_WINDOW_TOKENS, 1024);
    assert.equal(f.flopsPerToken, 6 * (12 * 12 * 768 * 768 + 50304 * 768) + 12 * 12 * 768 * 512);
    assert.match(f.source, /window schedule not read: W=1024 assumed/);
    assert.equal(f.windowAssumed, true);
  });

  it("averages a scheduled window over steps and long/short layers (hand-computed, 4 steps, 1 long + 3 short)", () => {
    // 4 steps: window_size = next_multiple_of_n(1024 * x, n=128) at x = 0, 1/4, 1/2, 3/4 -> 0 (1 block), 256, 512, 768
    // long (blocks 1, 2, 4, 6 -> 128, 256, 512, 768 tokens), short = half in whole blocks, at least 1 (128, 128, 256,
    // 384). Layers [long, short, short, short]: per step (long + 3 short) / 4 = 128, 160, 320, 480; mean K = 272.
    const text = [
      "    sequence_length : int = 64*1024 # sequence length, in tokens",
      "    num_iterations : int = 4",
      "num_vocab = 50304",
      "model = GPT(GPTConfig(vocab_size=num_vocab, n_layer=4, n_head=6, n_embd=768))",
      "        return build_bm(sliding_window_num_blocks), build_bm(sliding_window_num_blocks // 2)",
      "        block_masks = [long_bm, short_bm, short_bm, short_bm]",
      "def get_window_size_blocks(step: int):",
      "    x = step / args.num_iterations # progress in training",
      "    window_size = next_multiple_of_n(1024 * x, n=128)",
      "    return get_window_size_blocks_helper(window_size)",
      "step:1/1 val_loss:3 train_time:1ms step_avg:1ms",
    ].join("\n");
    const f = flopsOf(text);
    assert.equal(f.windowAssumed, false);
    assert.equal(f.flopsPerToken, 6 * (4 * 12 * 768 * 768 + 50304 * 768) + 12 * 4 * 768 * 272);
    assert.match(f.source, /1 long and 3 short \(half-window\) layers/);
  });

  it("keeps K per distinct script inputs: a rerun's script gives the same K, one changed window line another", () => {
    const script = (iterations: number, blocks: number) =>
      [
        "    sequence_length : int = 64*1024 # sequence length, in tokens",
        `    num_iterations : int = ${iterations}`,
        "def get_window_size_blocks(step: int):",
        "    x = step / args.num_iterations # progress in training",
        `    window_size = next_multiple_of_n(${blocks} * x, n=128)`,
        "step:1/1 val_loss:3 train_time:1ms step_avg:1ms",
      ].join("\n");
    const k = (text: string) => attendedKeys(parseLog(text, "x.txt"));
    // 4 steps at x = 0, 1/4, 1/2, 3/4: windows 0 -> 1 block (128), 256, 512, 768 (1024); 128, 256, 384, 512 (512)
    assert.deepEqual(k(script(4, 1024)), k(script(4, 1024)));
    assert.equal((k(script(4, 1024)) as AttendedKeys).keys, (128 + 256 + 512 + 768) / 4);
    assert.equal((k(script(4, 512)) as AttendedKeys).keys, (128 + 128 + 256 + 384) / 4);
    assert.equal((k(script(2, 1024)) as AttendedKeys).keys, (128 + 512) / 2);
  });

  it("is null with the reason when the model shape is unknown", () => {
    const f = flopsOf("step:1/1 val_loss:3 train_time:1ms step_avg:1ms\n");
    assert.equal(f.flopsPerToken, null);
    assert.equal(f.nParamsMatmul, null);
    assert.match(f.source, /model shape unknown/);
  });
});
