import assert from "node:assert/strict";
import { olsFit, olsPredict } from "../../src/math/olsFit";

describe("olsFit", () => {
  it("recovers slope and intercept of exact linear data with zero-width intervals", () => {
    const f = olsFit([0, 1, 2, 3], [1, 3, 5, 7]);
    assert.ok(Math.abs(f.slope - 2) < 1e-12 && Math.abs(f.intercept - 1) < 1e-12);
    assert.ok(f.slopeCi && Math.abs(f.slopeCi[1] - f.slopeCi[0]) < 1e-9);
  });
  it("matches a hand-computed fit with its t interval", () => {
    // x = 1..4, y = 1, 3, 2, 5: slope 1.1, intercept 0, RSS 2.7, s = sqrt(1.35), se = s / sqrt(5)
    const f = olsFit([1, 2, 3, 4], [1, 3, 2, 5]);
    assert.ok(Math.abs(f.slope - 1.1) < 1e-12 && Math.abs(f.intercept) < 1e-12);
    const se = Math.sqrt(1.35 / 5);
    assert.ok(Math.abs((f.slopeSe as number) - se) < 1e-12);
    assert.ok(Math.abs((f.slopeCi as [number, number])[1] - (1.1 + 4.302652729749752 * se)) < 1e-8);
    const p = olsPredict(f, 10);
    assert.equal(p.extrapolated, true);
    assert.ok(Math.abs(p.y - 11) < 1e-12);
    assert.ok((p.hi as number) - (p.lo as number) > (p.meanHi as number) - (p.meanLo as number));
  });
  it("gives no interval with two points instead of a zero-width one", () => {
    const f = olsFit([0, 1], [0, 2]);
    assert.equal(f.slopeCi, null);
    assert.equal(olsPredict(f, 0.5).lo, null);
    assert.equal(olsPredict(f, 0.5).extrapolated, false);
  });
  it("rejects constant x naming the value", () => {
    assert.throws(() => olsFit([2, 2, 2], [1, 2, 3]), /all 3 x values are equal \(2\)/);
  });
});
