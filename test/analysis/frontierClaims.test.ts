import assert from "node:assert/strict";
import { frontierClaims, frontierFigures, frontierVerdict, hoExpectedMultiplier } from "../../src/analysis/frontierClaims";
import type { ExtrapolationRow } from "../../src/analysis/types";
import { close } from "./fixture";

const flat = (m: number, lo: number, hi: number) => (flops: number): ExtrapolationRow => ({
  axis: "flops", model: "loglog", params: null, flops, anchorMultiplier: 20, retention: null, multiplier: m, lo, hi, bandLo: lo, bandHi: hi, extrapolated: true, reason: "",
});

describe("frontierClaims", () => {
  it("computes DeepSeek-V3's 6 N D with active parameters, its dollar cost and utilisation", () => {
    const f = frontierFigures();
    assert.ok(close(f.deepseekFlops, 6 * 37e9 * 14.8e12));
    assert.ok(close(f.deepseekCostUsd, 5.576e6));
    assert.ok(close(f.deepseekUtilisation, 6 * 37e9 * 14.8e12 / (2.788e6 * 3600 * 989e12)));
  });
  it("turns Ho et al.'s halving time into an expected multiplier over elapsed months", () => {
    const h = hoExpectedMultiplier(16);
    assert.ok(close(h.estimate, 4) && close(h.lo, 2 ** (16 / 14)) && close(h.hi, 2 ** (16 / 5)));
  });
  it("judges a claim within the speedrun band only when the intervals overlap", () => {
    const inside = frontierClaims(flat(5, 1, 100)).rows;
    assert.equal(inside[0].withinSpeedrun, true);
    const outside = frontierClaims(flat(1.01, 0.9, 1.1)).rows;
    assert.equal(outside[0].withinSpeedrun, false);
    assert.equal(outside[1].withinSpeedrun, false);
    // Yi-Lightning: 26.7-33.3x cost over 1.3-3x hardware
    assert.ok(close(inside[1].impliedMultiplier.lo, (80 / 3) / 3) && close(inside[1].impliedMultiplier.hi, (100 / 3) / 1.3));
  });
});

describe("frontierVerdict", () => {
  it("says 'exceeds' when the implied multiplier lies above the speedrun band", () => {
    const v = frontierVerdict(frontierClaims(flat(2, 1.5, 3)).rows);
    assert.match(v, /^DeepSeek-V3: the implied 6\.39x over GPT-4 is within Ho et al\.'s 4\.08-51\.2x for 28 months of algorithmic progress and exceeds the 1\.50-3\.00x/);
    assert.doesNotMatch(v, /NaN|Infinity|undefined/);
  });
});
