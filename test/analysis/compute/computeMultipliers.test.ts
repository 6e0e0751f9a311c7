import assert from "node:assert/strict";
import { computeMultipliers } from "../../../src/analysis/compute/computeMultipliers";
import { decomposeSpeedup } from "../../../src/analysis/attribution/decomposeSpeedup";
import { computeRecordCompute, computeRunsToTarget } from "../../../src/analysis/compute/recordCompute";
import { close, loadFixture } from "../fixture";

function rows() {
  const inp = loadFixture();
  return computeRecordCompute(inp.records, computeRunsToTarget(inp));
}

describe("computeMultipliers", () => {
  it("computes equal-loss multipliers against the baseline and the previous record", () => {
    const m = computeMultipliers(rows()).find((r) => r.track === "track1" && r.record === 3)!;
    assert.ok(close(m.tokenMultiplierVsBaseline, 2.5e9 / 430e6));
    assert.ok(close(m.timeMultiplierVsBaseline, (2700 * 2.5) / 4 / 600));
    assert.ok(close(m.recordTimeRatioVsBaseline, 2700 / 600));
    assert.ok(close(m.tokenMultiplierVsPrevious, 1e9 / 430e6));
    assert.ok(close(m.timeMultiplierVsPrevious, 1800 / 600));
  });
  it("flags track-2 multipliers as lower bounds when the baseline never reaches 2.92", () => {
    const m = computeMultipliers(rows()).find((r) => r.track === "track2" && r.record === 2)!;
    assert.equal(m.lowerBound, true);
    assert.ok(close(m.tokenMultiplierVsBaseline, 30e9 / 3.7e9));
  });
  it("labels nanochat time ratios against the 2019 TPU run as not hardware-matched", () => {
    const m = computeMultipliers(rows()).find((r) => r.track === "nanochat" && r.record === 6)!;
    assert.ok(close(m.recordTimeRatioVsBaseline, 604800 / 5940));
    assert.equal(m.tokenMultiplierVsBaseline, null);
    assert.match(m.reason, /different hardware/);
  });
});

describe("decomposeSpeedup", () => {
  it("splits ln(speedup) into tokens and tokens/s, and tokens/s into 6N cost and FLOP/s, shares summing to 1", () => {
    const d = decomposeSpeedup(rows()).find((r) => r.track === "track1" && r.record === 3 && r.against === "baseline")!;
    assert.ok(close(d.speedup, 1687.5 / 600));
    assert.ok(close(d.tokenFactor, 2.5e9 / 430e6));
    assert.ok(close(d.tokensPerSecondFactor, 1687.5 / 600 / (2.5e9 / 430e6)));
    assert.ok(close(d.perTokenCostFactor, 1));
    assert.ok(close(d.tokenFactor * (d.perTokenCostFactor as number) * (d.flopThroughputFactor as number), d.speedup));
    assert.ok(close((d.tokenShare as number) + (d.tokensPerSecondShare as number), 1));
    assert.ok(
      close((d.perTokenCostShare as number) + (d.flopThroughputShare as number), d.tokensPerSecondShare as number),
    );
    // fewer tokens (5.8x) than time (2.8x): tokens per second fell, its share is negative
    assert.ok((d.tokensPerSecondShare as number) < 0);
  });
  it("leaves the per-token cost / FLOP/s split out where FLOPs per token are unknown, saying so", () => {
    const rs = rows().map((r) => (r.rowIndex === 2 && r.track === "track1" ? { ...r, flopsPerToken: null } : r));
    const d = decomposeSpeedup(rs).find((r) => r.track === "track1" && r.record === 3 && r.against === "baseline")!;
    assert.equal(d.perTokenCostFactor, null);
    assert.equal(d.flopThroughputShare, null);
    assert.notEqual(d.tokensPerSecondShare, null);
    assert.match(d.reason, /FLOPs per token not known for both rows/);
  });
});
