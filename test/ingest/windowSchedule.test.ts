import assert from "node:assert/strict";
import { parseLog } from "../../src/ingest/parseLog";
import { constants } from "../../src/ingest/tokenSchedule";
import { evalPython, windowScheduleOf } from "../../src/ingest/windowSchedule";

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
});
