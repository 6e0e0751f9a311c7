import assert from "node:assert/strict";
import { parseLog } from "../../src/ingest/parseLog";
import { tokenScheduleFor } from "../../src/ingest/tokenSchedule";

const tail = (steps: number): string => `step:${steps}/${steps} val_loss:3.2784 train_time:1ms step_avg:1ms`;

describe("tokenScheduleFor", () => {
  it("gives llm.c logs 524,288 tokens per step: the baseline's 19,560 steps are 10.26B tokens", () => {
    const s = tokenScheduleFor(parseLog("s:0 tel:11.0092\ns:19560 tel:3.2722\n", "main.log"));
    assert.equal(s.schedule?.tokensBefore(19560), 10_255_073_280);
  });

  it("reads a batch in tokens (2025-01-13_Fp8LmHead: batch_size = 8*64*1024)", () => {
    const log = parseLog(
      [
        "    batch_size = 8*64*1024 # batch size in tokens",
        "    num_iterations = 1395 # number of iterations to run",
        "    seq_len = 64*1024 # FlexAttention sequence length",
        tail(1395),
      ].join("\n"),
      "x.txt",
    );
    assert.equal(tokenScheduleFor(log).schedule?.tokensBefore(1395), 1395 * 524_288);
  });

  it("multiplies 8 GPUs by train_seq_len when the script has no batch size (2025-05-24_FasterReduce: 48*1024)", () => {
    const log = parseLog(
      [
        "    train_seq_len = 48*1024 # FlexAttention sequence length",
        "    num_iterations = 1770 # number of iterations to run",
        tail(1770),
      ].join("\n"),
      "x.txt",
    );
    const s = tokenScheduleFor(log);
    assert.equal(s.schedule?.tokensBefore(1770), 1770 * 393_216);
    assert.match(s.schedule?.description ?? "", /8 GPUs x train_seq_len 49152/);
  });

  it("keeps the batch through extension iterations (2025-09-30_CustomBatching: 2048*16*8 + 40)", () => {
    const log = parseLog(
      [
        "    train_batch_size: int = 2048 * 16 * 8",
        "    num_iterations: int = 2380  # number of iterations to run",
        "    iteration_extension = 40  # number of iterations to continue training",
        tail(2420),
      ].join("\n"),
      "x.txt",
    );
    assert.equal(tokenScheduleFor(log).schedule?.tokensBefore(2420), 2420 * 262_144);
  });

  it("follows an index schedule: 707, 707 and 706 steps then 40 extension steps (2025-11-29_BatchSizeSchedule)", () => {
    const log = parseLog(
      [
        "    train_bs_schedule: tuple = (8 * 2048 * 8, 16 * 2048 * 8, 24 * 2048 * 8)",
        "    train_bs_extension: int = 24 * 2048 * 8",
        "    num_scheduled_iterations: int = 2120  # number of steps to complete lr and ws schedule",
        "    num_extension_iterations: int = 40  # number of steps to continue training at final lr and ws",
        "    num_iterations: int = num_scheduled_iterations + num_extension_iterations",
        tail(2160),
      ].join("\n"),
      "x.txt",
    );
    const s = tokenScheduleFor(log).schedule;
    assert.equal(s?.kind, "index_schedule");
    assert.equal(s?.tokensBefore(707), 707 * 131_072);
    assert.equal(s?.tokensBefore(708), 707 * 131_072 + 262_144);
    assert.equal(s?.tokensBefore(2160), 707 * 131_072 + 707 * 262_144 + 706 * 393_216 + 40 * 393_216); // 571,342,848
  });

  it("reads a schedule tuple spread over several lines (track 2 2025-12-31_BulkSmallTrackTransfer)", () => {
    const log = parseLog(
      [
        "    train_bs_schedule: tuple = (131072, 262144, 393216, 524288, ",
        "                                524288, 524288, 524288, 524288,",
        "                                524288, 524288, 524288, 524288",
        "                                )",
        "    train_bs_extension: int = 32 * 2048 * 8",
        "    num_scheduled_iterations: int = 4700  # number of steps to complete lr and ws schedule",
        "    num_extension_iterations: int = 40  # number of steps to continue training at final lr and ws",
        tail(4740),
      ].join("\n"),
      "x.txt",
    );
    const s = tokenScheduleFor(log).schedule;
    // 12 entries over 4700 steps: index i covers steps with floor(12 s / 4700) = i.
    let expected = 0;
    const list = [131072, 262144, 393216, 524288, 524288, 524288, 524288, 524288, 524288, 524288, 524288, 524288];
    for (let step = 0; step < 4700; step++) expected += list[Math.floor((12 * step) / 4700)];
    expected += 40 * 524288;
    assert.equal(s?.tokensBefore(4740), expected);
  });

  it("follows a stage schedule with boundaries at round(k/3 x 1450) = 483 and 967 (2026-03-06_SimplifyHC)", () => {
    const log = parseLog(
      [
        "    num_scheduled_iterations: int = 1450  # number of steps to complete lr and ws schedule",
        "    num_extension_iterations: int = 40  # number of steps to continue training at final lr and ws",
        "TRAINING_STAGES = [",
        "    TrainingStage(duration=1/3, train_max_seq_len=896, batch_size=8 * 2048 * 8, window_sizes=(1, 3), " +
          "lr_mul=1.0,",
        "                  mtp_weights_start=[1.0, 0.5, 0.25], mtp_weights_end=[1.0, 0.5, 0.0]),",
        "    TrainingStage(duration=1/3, train_max_seq_len=2048, batch_size=16 * 2048 * 8, window_sizes=(3, 7), " +
          "lr_mul=1.52,  # (16/8)**0.6",
        "                  mtp_weights_start=[1.0, 0.5], mtp_weights_end=[1.0, 0.0]),",
        "    TrainingStage(duration=1/3, train_max_seq_len=2048, batch_size=24 * 2048 * 8, window_sizes=(5, " +
          "11), lr_mul=1.73,  # (24/8)**0.5",
        "                  mtp_weights_start=[1.0], mtp_weights_end=[1.0]),",
        "    # extension stage",
        "    TrainingStage(train_max_seq_len=2048, batch_size=24 * 2048 * 8, window_sizes=(6, 13), lr_mul=1.0,  " +
          "# lr_mul is not used",
        "                  mtp_weights_start=[1.0], mtp_weights_end=[1.0]),",
        "]",
        tail(1490),
      ].join("\n"),
      "x.txt",
    );
    const s = tokenScheduleFor(log).schedule;
    assert.equal(s?.kind, "stage_schedule");
    assert.equal(s?.tokensBefore(483), 483 * 131_072);
    assert.equal(s?.tokensBefore(1490), 395_837_440); // 483 x 131072 + 484 x 262144 + 483 x 393216 + 40 x 393216
  });

  it("returns null with a reason when the script gives no batch size", () => {
    const s = tokenScheduleFor(parseLog(tail(100), "x.txt"));
    assert.equal(s.schedule, null);
    assert.match(s.reason ?? "", /no batch size/);
  });
});
