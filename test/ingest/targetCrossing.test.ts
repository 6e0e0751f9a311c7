import assert from "node:assert/strict";
import { targetCrossing } from "../../src/ingest/targetCrossing";

describe("targetCrossing", () => {
  const evals = [
    { step: 0, tokens: 0, trainTimeMs: 0, valLoss: 10.8 },
    { step: 125, tokens: 1000, trainTimeMs: 10_000, valLoss: 3.3 },
    { step: 250, tokens: 2000, trainTimeMs: 20_000, valLoss: 3.26 },
    { step: 375, tokens: 3000, trainTimeMs: 30_000, valLoss: 3.27 },
  ];

  it("takes the first evaluation at or below the target", () => {
    const c = targetCrossing(evals, 3.28);
    assert.deepEqual([c.step, c.tokensToTarget, c.timeToTargetS], [250, 2000, 20]);
  });

  it("interpolates linearly in val loss between the bracketing evaluations", () => {
    const c = targetCrossing(evals, 3.28); // (3.30 - 3.28) / (3.30 - 3.26) = 0.5
    assert.ok(Math.abs((c.tokensToTargetInterp ?? NaN) - 1500) < 1e-6);
    assert.ok(Math.abs((c.timeToTargetInterpS ?? NaN) - 15) < 1e-9);
  });

  it("counts an evaluation exactly at the target as reaching it", () => {
    assert.equal(targetCrossing(evals, 3.26).step, 250);
  });

  it("returns nulls when no evaluation reaches the target", () => {
    assert.deepEqual(targetCrossing(evals, 3.0), {
      tokensToTarget: null,
      timeToTargetS: null,
      tokensToTargetInterp: null,
      timeToTargetInterpS: null,
      step: null,
    });
  });

  it("keeps time null for logs without timing", () => {
    const c = targetCrossing(
      [
        { step: 0, tokens: 0, trainTimeMs: null, valLoss: 4 },
        { step: 10, tokens: 10, trainTimeMs: null, valLoss: 3 },
      ],
      3.5,
    );
    assert.deepEqual([c.tokensToTargetInterp, c.timeToTargetS, c.timeToTargetInterpS], [5, null, null]);
  });
});
