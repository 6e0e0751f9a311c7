import assert from "node:assert/strict";
import {
  computeRecordCompute,
  computeRunsToTarget,
  crossingPoint,
  tokensFromCurve,
} from "../../../src/analysis/compute/recordCompute";
import { close, loadFixture } from "../fixture";

describe("recordCompute", () => {
  it("interpolates the crossing of the target between the two evals around it", () => {
    const c = crossingPoint(
      [
        { runId: "a", step: 1, tokens: 200e6, trainTimeMs: 100_000, valLoss: 3.5 },
        { runId: "a", step: 2, tokens: 500e6, trainTimeMs: 250_000, valLoss: 3.2 },
      ],
      3.28,
    );
    assert.ok(close(c?.tokens, 420e6) && close(c?.trainTimeMs, 210_000));
  });
  it("returns null when the curve never reaches the target", () => {
    assert.equal(crossingPoint([{ runId: "a", step: 1, tokens: 1, trainTimeMs: null, valLoss: 3 }], 2.9), null);
  });
  it("solves a fitted power law for the target and refuses a floor above it", () => {
    assert.ok(close(tokensFromCurve({ E: 2, A: 100, alpha: 0.5, status: "converged", reason: "", n: 5 }, 3), 1e4));
    assert.equal(tokensFromCurve({ E: 2.95, A: 100, alpha: 0.5, status: "converged", reason: "", n: 5 }, 2.92), null);
  });
  it("gives tokens, FLOPs (the run's flops_per_token x tokens) and GPU-hours per run on the fixture", () => {
    const runs = computeRunsToTarget(loadFixture());
    const a = runs.find((r) => r.runId === "t1-r3a")!;
    assert.ok(close(a.tokensToTarget, 420e6) && close(a.flopsToTarget, 6 * 124e6 * 420e6));
    assert.equal(a.countedParams, 100e6);
    const ne = computeRunsToTarget(loadFixture(), { paramsBasis: "non_embedding" }).find((r) => r.runId === "t1-r3a")!;
    assert.equal(ne.paramsForFlops, 100e6);
    assert.ok(close(ne.flopsToTarget, 744e6 * 420e6)); // FLOPs never follow paramsBasis
    assert.ok(close(a.timeToTargetS, 210) && close(a.gpuHoursToTarget, (8 * 210) / 3600));
    const base = runs.find((r) => r.runId === "t1-base")!;
    assert.ok(close(base.tokensToTarget, 2.5e9));
    assert.equal(base.timeToTargetS, null);
    assert.match(base.reason, /log has no timing/);
    const t2 = runs.find((r) => r.runId === "t2-base")!;
    assert.equal(t2.method, "lower_bound");
    assert.equal(t2.tokensToTarget, 30e9);
  });
  it("aggregates a record's runs (median, range) and leaves out ablations", () => {
    const inp = loadFixture();
    const rows = computeRecordCompute(inp.records, computeRunsToTarget(inp));
    const r3 = rows.find((r) => r.track === "track1" && r.record === 3)!;
    assert.equal(r3.nRuns, 2);
    assert.ok(
      close(r3.tokensToTarget, 430e6) && close(r3.tokensToTargetMin, 420e6) && close(r3.tokensToTargetMax, 440e6),
    );
    assert.equal(r3.timeToTargetS, 600);
    assert.ok(close(r3.logTimeToTargetSMin, 210) && close(r3.logTimeToTargetSMax, 220));
  });
  it("charges a baseline that overshoots the target only the time before its crossing", () => {
    const inp = loadFixture();
    const base = computeRecordCompute(inp.records, computeRunsToTarget(inp)).find(
      (r) => r.track === "track1" && r.rowIndex === 0,
    )!;
    assert.ok(close(base.timeToTargetS, (2700 * 2.5) / 4));
    assert.equal(base.recordTimeS, 2700);
  });
  it("marks the 350M baseline, which never reaches 2.92, as a lower bound", () => {
    const inp = loadFixture();
    const base = computeRecordCompute(inp.records, computeRunsToTarget(inp)).find(
      (r) => r.track === "track2" && r.rowIndex === 0,
    )!;
    assert.equal(base.lowerBound, true);
    assert.match(base.reason, /lower bound/);
  });
  it("extrapolates a non-reaching run from its fitted curve when the floor is below the target", () => {
    const fake = () => ({ E: 2.8, A: 10, alpha: 0.1, status: "converged", reason: "", n: 3 });
    const inp = loadFixture();
    const t2 = computeRunsToTarget(inp, { fitCurve: fake, curveFit: { fromFraction: 0 } }).find(
      (r) => r.runId === "t2-base",
    )!;
    // 4 points needed for a fit; the fixture run has 3 evals, so it stays a lower bound
    assert.equal(t2.method, "lower_bound");
    const more = {
      ...inp,
      evals: [...inp.evals, { runId: "t2-base", step: 4, tokens: 31e9, trainTimeMs: null, valLoss: 2.929 }],
    };
    const t2b = computeRunsToTarget(more, { fitCurve: fake, curveFit: { fromFraction: 0 } }).find(
      (r) => r.runId === "t2-base",
    )!;
    assert.equal(t2b.method, "extrapolated_fit");
    assert.ok(close(t2b.tokensToTarget, Math.pow(10 / 0.12, 10), 1e-9));
  });
  it("rejects an unknown params basis naming it", () => {
    assert.throws(
      () => computeRunsToTarget(loadFixture(), { paramsBasis: "all" as never }),
      /invalid analysis option paramsBasis: all \(expected one of nominal, non_embedding, total\)/,
    );
  });
});
