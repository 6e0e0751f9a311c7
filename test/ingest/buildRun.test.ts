import assert from "node:assert/strict";
import { buildRun, DIVERGENCE_MARGIN, TARGET_LOSS, TRAIN_LOSS_EVERY, thinTrainLosses } from "../../src/ingest/buildRun";
import { parseLog } from "../../src/ingest/parseLog";

const ctx = {
  track: "track1" as const,
  row: null,
  role: "other" as const,
  sourcePath: "records/track_1_short/X/a.txt",
  rule: "test",
};
const script = "    batch_size = 8*64*1024 # batch size in tokens\n";

describe("buildRun", () => {
  it("pins the defaults: targets 3.28 / 2.92, divergence margin 0.5, train losses every 25 steps", () => {
    assert.deepEqual(TARGET_LOSS, { track1: 3.28, track2: 2.92, track3: 3.28, nanochat: null });
    assert.equal(DIVERGENCE_MARGIN, 0.5);
    assert.equal(TRAIN_LOSS_EVERY, 25);
  });

  it("puts tokens before each evaluation and the target crossing on the run", () => {
    const text =
      script +
      "step:0/20 val_loss:10.9 train_time:0ms step_avg:nanms\nstep:10/20 val_loss:3.3 train_time:500ms " +
      "step_avg:1ms\nstep:20/20 val_loss:3.2 train_time:1000ms step_avg:1ms\n";
    const { run, warnings } = buildRun(parseLog(text, "a.txt"), ctx);
    assert.deepEqual(
      run.evals.map((e) => e.tokens),
      [0, 10 * 524288, 20 * 524288],
    );
    assert.deepEqual(
      [run.status, run.tokensToTarget, run.timeToTargetS, run.totalTokens, run.trainTimeS],
      ["reached_target", 20 * 524288, 1, 20 * 524288, 1],
    );
    // (3.3 - 3.28) / (3.3 - 3.2) = 0.2 of the way from step 10 to step 20
    assert.ok(Math.abs((run.tokensToTargetInterp ?? NaN) - 1.2 * 10 * 524288) < 1e-6);
    assert.deepEqual(warnings, []);
  });

  it("flags a run whose last val loss is 0.5 above its best as diverged, and keeps it", () => {
    const text =
      script +
      "step:0/20 val_loss:10.9 train_time:0ms step_avg:nanms\nstep:10/20 val_loss:3.3 train_time:500ms " +
      "step_avg:1ms\nstep:20/20 val_loss:3.9 train_time:1000ms step_avg:1ms\n";
    const { run, warnings } = buildRun(parseLog(text, "a.txt"), ctx);
    assert.deepEqual([run.status, run.diverged, run.finalValLoss], ["diverged", true, 3.9]);
    assert.deepEqual(
      warnings.map((w) => [w.kind, w.line]),
      [["diverged_run", 4]],
    );
  });

  it("thins train losses to every k-th step plus the last", () => {
    assert.deepEqual(
      thinTrainLosses({ steps: [24, 25, 26, 50, 51], losses: [5, 4, 3, 2, 1], lines: [1, 2, 3, 4, 5] }, 25),
      [
        { step: 25, trainLoss: 4 },
        { step: 50, trainLoss: 2 },
        { step: 51, trainLoss: 1 },
      ],
    );
  });
});
