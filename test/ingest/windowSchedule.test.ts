import assert from "node:assert/strict";
import { ASSUMED_WINDOW_TOKENS, attendedKeys } from "../../src/ingest/flopsPerToken";
import { parseLog } from "../../src/ingest/parseLog";
import { constants } from "../../src/ingest/tokenSchedule";
import { evalPython } from "../../src/ingest/evalExpression";
import { windowScheduleOf } from "../../src/ingest/windowSchedule";

/** The schedule a script fragment states (its lines as parseLog keeps them). */
const scheduleOf = (lines: readonly string[]) => {
  const log = parseLog([...lines, "step:1/1 val_loss:3 train_time:1ms step_avg:1ms"].join("\n"), "x.txt");
  return windowScheduleOf(log.script.windowLines, constants(log.script));
};

/** Mean of f over steps 0..n-1. */
const meanOver = (n: number, f: (s: number) => number): number => {
  let sum = 0;
  for (let s = 0; s < n; s++) sum += f(s);
  return sum / n;
};

describe("windowScheduleOf: the attention window forms of the printed scripts", () => {
  it("2024-11-24: attn_blocksize = torch.tensor(64*((step/N * (1792 - 64) + 64)//64)), in tokens", () => {
    const w = scheduleOf([
      "    num_iterations : int = 10 # number of iterations to run",
      "    attn_blocksize = torch.tensor(64*((step/args.num_iterations * (1792 - 64) + 64)//64), dtype=torch.int)",
    ]);
    assert.ok(w !== null);
    assert.equal(w.first, 64);
    assert.equal(w.last, 64 * Math.floor(((9 / 10) * 1728 + 64) / 64));
    assert.equal(
      w.meanWindow,
      meanOver(10, (s) => 64 * Math.floor(((s / 10) * 1728 + 64) / 64)),
    );
  });

  it("2024-12-08: sw_size = 64 * int((64 + (1792 - 64) * step / N) // 64), in tokens", () => {
    const w = scheduleOf([
      "    num_iterations : int = 8",
      "    sw_size =  64 * int((64 + (1792 - 64) * step / args.num_iterations) // 64)",
    ]);
    assert.ok(w !== null);
    assert.equal(
      w.meanWindow,
      meanOver(8, (s) => 64 * Math.floor((64 + (1728 * s) / 8) / 64)),
    );
  });

  it("2024-12-10: frac_done then sw_num_blocks = int(((1 - f) * 64 + f * 1792 + 64) // 128), in blocks", () => {
    const w = scheduleOf([
      "    num_iterations : int = 5",
      "    frac_done = step / args.num_iterations # training progress",
      "    sw_num_blocks = int(((1 - frac_done) * 64 + frac_done * 1792 + 64) // 128)",
    ]);
    assert.ok(w !== null);
    // f = 0, .2, .4, .6, .8: (128, 473.6, 819.2, 1164.8, 1510.4) // 128 = 1, 3, 6, 9, 11 blocks
    assert.deepEqual([w.first, w.last], [128, 1408]);
    assert.equal(w.meanWindow, ((1 + 3 + 6 + 9 + 11) / 5) * 128);
  });

  it("2025-01-04: def get_sliding_window_blocks(it) returning int(((1 - x) * 128 + x * 1856) // 128)", () => {
    const w = scheduleOf([
      "    num_iterations = 4 # number of iterations to run",
      "def get_sliding_window_blocks(it):",
      "    x = it / args.num_iterations # training progress",
      "    assert 0 <= x <= 1",
      "    return int(((1 - x) * 128 + x * 1856) // 128)",
    ]);
    assert.ok(w !== null);
    // x = 0, .25, .5, .75: (128, 560, 992, 1424) // 128 = 1, 4, 7, 11 blocks
    assert.equal(w.meanWindow, ((1 + 4 + 7 + 11) / 4) * 128);
  });

  it("track 2 record 8: the cubic factor, next_multiple_of_n(3456 * factor, n=128), long and short layers", () => {
    const w = scheduleOf([
      "    num_iterations = 2 # number of iterations to run",
      "        return build_bm(sliding_window_num_blocks), build_bm(sliding_window_num_blocks // 2)",
      "        block_masks = [long_bm, short_bm, short_bm, long_bm]",
      "def get_window_size_blocks(step: int):",
      "    x = step / args.num_iterations # progress in training",
      "    factor = 4 * x ** 3 - 6 * x ** 2 + 3 * x",
      "    window_size = next_multiple_of_n(3456 * factor, n=128)",
    ]);
    assert.ok(w !== null);
    // step 0: 0 -> 1 block long, 1 block short; step 1 (x = 1/2, factor 1/2): 1728 -> 14 blocks long, 7 short
    assert.equal(w.longShare, 0.5);
    assert.equal(w.meanWindow, ((128 + 128) / 2 + (1792 + 896) / 2) / 2);
  });

  it("reads black-formatted lists and calls one item a line (track 2 2025-09-16 on)", () => {
    const w = scheduleOf([
      "    num_iterations = 2",
      "        return build_bm(sliding_window_num_blocks), build_bm(",
      "            sliding_window_num_blocks // 2",
      "        )",
      "        block_masks = [",
      "            long_bm,",
      "            short_bm,",
      "            short_bm,",
      "            short_bm,",
      "        ]",
      "    x = step / args.num_iterations  # progress in training",
      "    factor = 4 * x**3 - 6 * x**2 + 3 * x  # cubic schedule",
      "    window_size = next_multiple_of_n(3456 * factor, n=128)",
    ]);
    assert.ok(w !== null);
    assert.equal(w.longShare, 0.25);
    assert.equal(w.meanWindow, (128 + (1792 + 3 * 896) / 4) / 2);
  });

  it("2025-09 FlashAttention-3: ws_schedule tuple, get_ws over 1 + N, None layers without attention", () => {
    const w = scheduleOf([
      "    num_iterations: int = 5",
      "    block_size: int = 128",
      "    ws_schedule: tuple = (3, 7, 11)",
      "        long_bm, short_bm = ws * args.block_size, (ws // 2) * args.block_size",
      "        bm_sizes = [None, short_bm, short_bm, long_bm]",
      "def get_ws(step: int):",
      "    x = step / (1 + args.num_iterations)",
      "    assert 0 <= x < 1",
      "    ws_idx = int(len(args.ws_schedule) * x)",
      "    return args.ws_schedule[ws_idx]",
    ]);
    assert.ok(w !== null);
    // steps 0..4, x = s/6: indices 0, 0, 1, 1, 2 -> ws 3, 3, 7, 7, 11; long share 1/3 of the attention layers
    const mean = (ws: number) => (ws * 128 + 2 * Math.floor(ws / 2) * 128) / 3;
    assert.equal(w.meanWindow, (2 * mean(3) + 2 * mean(7) + mean(11)) / 5);
  });

  it("2025-09-21 on: min(x, 0.9999) over iteration_extension steps, `//2` unspaced, a list over two lines", () => {
    const w = scheduleOf([
      "    num_iterations: int = 2",
      "    iteration_extension: int = 1",
      "    block_size: int = 128",
      "    ws_schedule: tuple = (3, 7)",
      "        short_bm = ws_short * args.block_size",
      "        bm_sizes = [None, short_bm, short_bm,",
      "                    long_bm]",
      "def get_ws(step: int):",
      "    if step == args.num_iterations+args.iteration_extension:",
      "        return args.ws_validate//2, args.ws_validate",
      "    x = min(step / (1 + args.num_iterations),0.9999)",
      "    ws_idx = int(len(args.ws_schedule) * x)",
      "    return args.ws_schedule[ws_idx]//2, args.ws_schedule[ws_idx]",
    ]);
    assert.ok(w !== null);
    // steps 0, 1, 2 (the extension): x = 0, 1/3, 2/3 -> ws 3, 3, 7; layers: 1 long, 2 short (1 without attention)
    const mean = (ws: number) => ((ws + 2 * Math.floor(ws / 2)) * 128) / 3;
    assert.equal(w.longShare, 1 / 3);
    assert.equal(w.meanWindow, (2 * mean(3) + mean(7)) / 3);
  });

  it("2025-11-29: (short, long) windows over the scheduled steps, ws_final on the extension", () => {
    const w = scheduleOf([
      "    num_scheduled_iterations: int = 3",
      "    num_extension_iterations: int = 1",
      "    block_size: int = 128",
      "    ws_schedule: tuple = (3, 7, 11)",
      "    ws_final: int = 13 # increase final validation ws",
      "        bm_sizes = [short_bm, long_bm]",
      "def get_ws(step: int):",
      "    if step >= args.num_scheduled_iterations:",
      "        return args.ws_final // 2, args.ws_final",
      "    x = step / args.num_scheduled_iterations",
      "    ws_idx = int(len(args.ws_schedule) * x)",
      "    return args.ws_schedule[ws_idx] // 2, args.ws_schedule[ws_idx]",
    ]);
    assert.ok(w !== null);
    const mean = (ws: number) => ((ws + Math.floor(ws / 2)) * 128) / 2;
    assert.equal(w.meanWindow, (mean(3) + mean(7) + mean(11) + mean(13)) / 4);
    assert.equal(w.last, 13 * 128);
  });

  it("track 2 2025-12-31: a tuple over three lines and the short window capped by min(11, ws // 2)", () => {
    const w = scheduleOf([
      "    num_scheduled_iterations: int = 2",
      "    num_extension_iterations: int = 1",
      "    block_size: int = 128",
      "    ws_schedule: tuple = (3,",
      "                          23,",
      "                          25)",
      "    ws_final: int = 25",
      "        bm_sizes = [long_bm, short_bm, ",
      "            short_bm, long_bm]",
      "def get_ws(step: int):",
      "    if step >= args.num_scheduled_iterations:",
      "        return args.ws_final // 2, args.ws_final",
      "    x = step / args.num_scheduled_iterations",
      "    ws_idx = int(len(args.ws_schedule) * x)",
      "    return min(11,args.ws_schedule[ws_idx] // 2), args.ws_schedule[ws_idx]",
    ]);
    assert.ok(w !== null);
    // step 0: ws 3 (short 1); step 1 (x = 1/2, index 1): ws 23, short min(11, 11) = 11;
    // the extension: ws_final 25, short 12 (no cap)
    const mean = (long: number, short: number) => ((long + short) * 128) / 2;
    assert.equal(w.meanWindow, (mean(3, 1) + mean(23, 11) + mean(25, 12)) / 3);
  });

  it("is null for a form it does not read (TrainingStage window_sizes) or without a step count", () => {
    assert.equal(scheduleOf(["    TrainingStage(duration=1/3, batch_size=8 * 2048 * 8, window_sizes=(1, 3))"]), null);
    assert.equal(scheduleOf(["    window_size = next_multiple_of_n(1728 * x, n=128)"]), null);
  });
});

describe("evalPython", () => {
  it("evaluates int(), min(), next_multiple_of_n() and ** over evalExpression", () => {
    assert.equal(evalPython("next_multiple_of_n(1728 * x, n=128)", new Map([["x", 0.5]])), 896);
    assert.equal(evalPython("int(((1 - x) * 128 + x * 1856) // 128)", new Map([["x", 0.5]])), 7);
    const env = new Map([
      ["step", 9],
      ["num_iterations", 9],
    ]);
    assert.equal(evalPython("min(step / (1 + args.num_iterations),0.9999)", env), 0.9);
    assert.equal(evalPython("4 * x**3 - 6 * x ** 2 + 3 * x", new Map([["x", 0.5]])), 0.5);
    assert.equal(evalPython("foo(1)", new Map()), null);
  });

  it("compiles an expression once and evaluates it afresh for each env (the window loops' use)", () => {
    const source = "next_multiple_of_n(1728 * step / args.num_iterations, n=128)";
    const values = [0, 1, 50, 99].map((step) =>
      evalPython(
        source,
        new Map([
          ["step", step],
          ["num_iterations", 100],
        ]),
      ),
    );
    assert.deepEqual(values, [0, 128, 896, 1792]);
    assert.equal(evalPython(source, new Map([["step", 1]])), null); // an unknown name
    assert.equal(evalPython("int(x)", new Map([["x", -0.5]])), null); // int() of a negative number is not read
    assert.ok(Object.is(evalPython("int(x)", new Map([["x", -0]])), 0)); // a call's value reads as printed: -0 is 0
    assert.equal(evalPython("x ** 10", new Map([["x", 2]])), null); // one-digit powers only
    assert.equal(
      evalPython(
        "min(x, 1, y)",
        new Map([
          ["x", 2],
          ["y", 0.25],
        ]),
      ),
      0.25,
    );
    assert.equal(evalPython("1 / (x - x)", new Map([["x", 2]])), null);
  });
});

// Lines below are copied verbatim from the logs named in each test (../shared/upstream/modded-nanogpt/records).
const STAGES_2026 = [
  "# window_sizes are in units of `block_size` tokens (defined in TrainingManager)",
  "TRAINING_STAGES = [",
  "    TrainingStage(duration=1/3, batch_size=8 * 2048 * 8, window_sizes=(1, 3), lr_mul=1.0,",
  "                  mtp_weights_start=[1.0, 0.5, 0.25], mtp_weights_end=[1.0, 0.5, 0.0]),",
  "    TrainingStage(duration=1/3, batch_size=16 * 2048 * 8, window_sizes=(3, 7), lr_mul=1.52,  # (16/8)**0.6",
  "                  mtp_weights_start=[1.0, 0.5], mtp_weights_end=[1.0, 0.0]),",
  "    TrainingStage(duration=1/3, batch_size=24 * 2048 * 8, window_sizes=(5, 11), lr_mul=1.73,  # (24/8)**0.5",
  "                  mtp_weights_start=[1.0], mtp_weights_end=[1.0]),",
  "    # extension stage",
  "    TrainingStage(batch_size=24 * 2048 * 8, window_sizes=(6, 13), lr_mul=1.0,  # lr_mul is not used",
  "                  mtp_weights_start=[1.0], mtp_weights_end=[1.0]),",
  "]",
];
const MANAGER_2026 = [
  "        bm_sizes = [ws_short, ws_short, ws_short, ws_long, ws_short, ws_short, None, ws_short, ws_short, " +
    "ws_short, " +
    "ws_long]",
  "        self.block_size = 128",
  "        self.ws_long = training_schedule.ws_post_yarn_ext",
  "    def get_forward_args(self):",
  "        return ForwardScheduleConfig(",
  "            mtp_weights = self.mtp_weights,",
  "            ws_short = self.ws_short * self.block_size,",
  "            ws_long = self.ws_long * self.block_size",
  "        )",
  "        stage, _ = training_schedule.lookup(step)",
  "        self.ws_short, new_ws_long = stage.window_sizes",
];
const keysOf = (lines: readonly string[]) => {
  const k = attendedKeys(parseLog([...lines, "step:1/1 val_loss:3 train_time:1ms step_avg:1ms"].join("\n"), "x.txt"));
  assert.ok(typeof k !== "string", String(k));
  return k;
};
/** Per-step mean window in blocks over 2 long and 8 short attention layers (the bm_sizes list above). */
const layerMean = (short: number, long: number): number => (2 * long + 8 * short) / 10;

describe("attention windows of the 2026 TrainingStage scripts and of track 3", () => {
  it(
    "2026-01-30_VeFused: (short, long) blocks per stage, averaged over training tokens (batch 8, 16, 24 x " + "16K)",
    () => {
      const k = keysOf([
        "    num_scheduled_iterations: int = 1535  # number of steps to complete lr and ws schedule",
        "    num_extension_iterations: int = 40  # number of steps to continue training at final lr and ws",
        ...STAGES_2026,
        ...MANAGER_2026,
        "        self.ws_long = new_ws_long",
      ]);
      // Stages end at round(1535/3) = 512, round(2*1535/3) = 1023, 1535, then 40 extension steps: 512, 511, 512 and 40
      // steps of 1, 2, 3 and 3 batch units.
      const tokens = [512 * 1, 511 * 2, 512 * 3, 40 * 3];
      const means = [layerMean(1, 3), layerMean(3, 7), layerMean(5, 11), layerMean(6, 13)];
      const expected = (128 * tokens.reduce((s, t, i) => s + t * means[i], 0)) / 3190;
      assert.ok(Math.abs(k.keys - expected) < 1e-9, `${k.keys} vs ${expected}`);
      assert.ok(Math.abs(k.keys - 602.346) < 1e-3);
      assert.equal(k.assumed, false);
      assert.match(k.how, /\(1, 3\)@\[0,512\) \(3, 7\)@\[512,1023\) \(5, 11\)@\[1023,1535\) \(6, 13\)@\[1535,1575\)/);
      assert.match(k.how, /2 long and 8 short layers, 1 without attention/);
    },
  );

  it(
    "2026-02-10_ShortWindow: the stage-3 override to 2 short blocks in steps [1010, 1515) costs less " + "attention",
    () => {
      const k = keysOf([
        "    num_scheduled_iterations: int = 1515  # number of steps to complete lr and ws schedule",
        "    num_extension_iterations: int = 40  # number of steps to continue training at final lr and ws",
        ...STAGES_2026,
        ...MANAGER_2026,
        "        self._WS_SHORT_STAGE3 = 2",
        "        # Apply the stage3-only compute cut here.",
        "        if 1010 <= step < 1515:",
        "            self.ws_short = self._WS_SHORT_STAGE3",
        "        if new_ws_long != self.ws_long:",
      ]);
      // Stages end at 505, 1010, 1515, 1555; stage 3 runs with short 2 instead of 5 blocks.
      const tokens = [505 * 1, 505 * 2, 505 * 3, 40 * 3];
      const means = [layerMean(1, 3), layerMean(3, 7), layerMean(2, 11), layerMean(6, 13)];
      const expected = (128 * tokens.reduce((s, t, i) => s + t * means[i], 0)) / 3150;
      assert.ok(Math.abs(k.keys - expected) < 1e-9, `${k.keys} vs ${expected}`);
      assert.match(k.how, /short 2 blocks in steps \[1010,1515\)/);
    },
  );

  it("2025-11-29_BatchSizeSchedule: a window tuple beside a batch schedule is averaged over training tokens", () => {
    const k = keysOf([
      "        bm_sizes = [None, short_bm, short_bm, short_bm, long_bm, short_bm, short_bm, None, short_bm, " +
        "short_bm, " +
        "short_bm, long_bm]",
      "    train_bs_schedule: tuple = (8 * 2048 * 8, 16 * 2048 * 8, 24 * 2048 * 8)",
      "    train_bs_extension: int = 24 * 2048 * 8",
      "    num_scheduled_iterations: int = 2120  # number of steps to complete lr and ws schedule",
      "    num_extension_iterations: int = 40  # number of steps to continue training at final lr and ws",
      "    num_iterations: int = num_scheduled_iterations + num_extension_iterations",
      "    block_size: int = 128",
      "    ws_schedule: tuple = (3, 7, 11)",
      "    ws_final: int = 13 # increase final validation ws, used for YaRN extension and short window size " +
        "@classiclarryd",
      "def get_ws(step: int):",
      "    # set short window size to half of long window size",
      '    # Higher ws on "extension" steps',
      "    if step >= args.num_scheduled_iterations:",
      "        return args.ws_final // 2, args.ws_final",
      "    x = step / args.num_scheduled_iterations",
      "    assert 0 <= x < 1",
      "    ws_idx = int(len(args.ws_schedule) * x)",
      "    return args.ws_schedule[ws_idx] // 2, args.ws_schedule[ws_idx]",
    ]);
    // 707, 707 and 706 scheduled steps of 1, 2 and 3 batch units (tokenSchedule.test.ts), then 40 of 3 at ws_final;
    // long windows 3, 7, 11, 13 blocks, short ones half (1, 3, 5, 6), on 2 long and 8 short layers.
    const tokens = [707 * 1, 707 * 2, 706 * 3, 40 * 3];
    const means = [layerMean(1, 3), layerMean(3, 7), layerMean(5, 11), layerMean(6, 13)];
    const expected = (128 * tokens.reduce((s, t, i) => s + t * means[i], 0)) / 4359;
    assert.ok(Math.abs(k.keys - expected) < 1e-9, `${k.keys} vs ${expected}`);
    assert.match(k.how, /mean over layers and training tokens/);
  });

  it("falls back to the assumed window, and says so, when the window state is set in a way not read", () => {
    const k = keysOf([
      "    num_scheduled_iterations: int = 1515  # number of steps to complete lr and ws schedule",
      ...STAGES_2026,
      ...MANAGER_2026,
      "model = GPT(vocab_size=50304, num_layers=12, model_dim=768).cuda()",
      // not in any log: another assignment to the window state
      "            self.ws_short = 2 if step > 1000 else self.ws_short",
    ]);
    assert.equal(k.assumed, true);
    assert.equal(k.keys, ASSUMED_WINDOW_TOKENS / 2);
  });

  it("track 3 (results/7b8270c5...txt): dense causal attention over the data generator's 1,024-token sequences", () => {
    const k = keysOf([
      "def distributed_data_generator(filename_pattern: str, batch_size: int, seq_len=1024):",
      "        y = F.scaled_dot_product_attention(q.transpose(1, 2), k.transpose(1, 2),",
      "                                           v.transpose(1, 2), scale=0.12, is_causal=True).transpose(1, 2)",
      "batch_size = 8 * 64 * 1024",
      'train_loader = distributed_data_generator("data/fineweb10B/fineweb_train_*.bin", batch_size)',
    ]);
    assert.equal(k.keys, 512.5);
    assert.match(k.how, /dense causal, T=1024 \(seq_len of the data generator, line 1\)/);
  });

  it("track 3 (20260520_tail_refinterp_2900): a loader call over several lines, and one passing seq_len", () => {
    const head = [
      "def distributed_data_generator(filename_pattern: str, batch_size: int, seq_len=1024, start_batch: int = 0):",
      "model = GPT(vocab_size=50304, num_layers=12, model_dim=768).cuda()",
      "        y = F.scaled_dot_product_attention(q.transpose(1, 2), k.transpose(1, 2),",
      "                                           v.transpose(1, 2), scale=0.12, is_causal=True).transpose(1, 2)",
      "train_loader = distributed_data_generator(",
      '    "data/fineweb10B/fineweb_train_*.bin",',
      "    batch_size,",
    ];
    assert.equal(keysOf([...head, "    start_batch=start_step,", ")"]).keys, 512.5);
    // not in any log: a loader given its own sequence length is not the default's
    assert.equal(keysOf([...head, "    seq_len=2048,", ")"]).assumed, true);
  });
});
