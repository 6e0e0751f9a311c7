import assert from "node:assert/strict";
import {
  frontierClaims,
  frontierFigures,
  frontierVerdict,
  hoExpectedMultiplier,
} from "../../../src/analysis/claims/frontierClaims";
import type { Interval } from "../../../src/analysis/types";
import { close } from "../fixture";

/** The speedrun recipe's extrapolated multiplier at any budget: estimate m, interval [lo, hi]. */
const flat = (m: number, lo: number, hi: number) => (): Interval => ({ estimate: m, lo, hi, note: "test" });

describe("frontierClaims", () => {
  it("computes DeepSeek-V3's 6 N D with active parameters, its dollar cost and utilisation", () => {
    const f = frontierFigures();
    assert.ok(close(f.deepseekFlops, 6 * 37e9 * 14.8e12));
    assert.ok(close(f.deepseekCostUsd, 5.576e6));
    assert.ok(close(f.deepseekUtilisation, (6 * 37e9 * 14.8e12) / (2.788e6 * 3600 * 989e12)));
  });
  it("turns Ho et al.'s halving time into an expected multiplier over elapsed months", () => {
    const h = hoExpectedMultiplier(16);
    assert.ok(close(h.estimate, 4) && close(h.lo, 2 ** (16 / 14)) && close(h.hi, 2 ** (16 / 5)));
  });
  it(
    "shows the speedrun multiplier beside each claim as context, never with a within verdict (the references " +
      "differ)",
    () => {
      for (const band of [flat(5, 1, 100), flat(1.01, 0.9, 1.1)]) {
        const r = frontierClaims(band).rows;
        assert.deepEqual(
          r.map((x) => x.withinSpeedrun),
          [null, null],
        );
        assert.match(
          r[0].speedrunExtrapolated.note,
          /context only, no within verdict: the speedrun multiplier is over llm.c GPT-2/,
        );
      }
      const inside = frontierClaims(flat(5, 1, 100)).rows;
      assert.equal(inside[0].withinHo, true);
      // Yi-Lightning: 26.7-33.3x cost over 1.3-3x hardware
      assert.ok(
        close(inside[1].impliedMultiplier.lo, 80 / 3 / 3) && close(inside[1].impliedMultiplier.hi, 100 / 3 / 1.3),
      );
    },
  );
});

describe("frontierVerdict", () => {
  it("judges against Ho et al. and names the speedrun figure as context", () => {
    const v = frontierVerdict(frontierClaims(flat(2, 1.5, 3)).rows);
    assert.match(
      v,
      new RegExp(
        String.raw`^DeepSeek-V3: the implied 6\.39x over GPT-4 is within Ho et al\.'s 4\.08-51\.2x ` +
          String.raw`for 28 months of algorithmic progress \(the speedrun recipe extrapolates ` +
          String.raw`to 1\.50-3\.00x over GPT-2 at this compute: context only, the references ` +
          String.raw`differ\)\.`,
      ),
    );
    assert.doesNotMatch(v, /NaN|Infinity|undefined/);
  });
});
