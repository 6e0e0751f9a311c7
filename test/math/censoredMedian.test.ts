import { strict as assert } from "node:assert";
import { kaplanMeierMedian } from "../../src/math/censoredMedian";

describe("kaplanMeierMedian: reruns that miss the target are censored, not dropped", () => {
  it("equals the ordinary median without censoring (odd and even counts)", () => {
    assert.equal(kaplanMeierMedian([3, 1, 2].map((value) => ({ value, reached: true }))).median, 2);
    assert.equal(kaplanMeierMedian([4, 1, 3, 2].map((value) => ({ value, reached: true }))).median, 2.5);
  });

  it("moves the median up when runs miss the target (fixture: 3 reach at 10, 11, 12; 2 stop at 11.5 and 12.5)", () => {
    // KM: S(10) = 4/5 = 0.8; S(11) = 0.8 * 3/4 = 0.6; at 12 the risk set holds 12 and 12.5: S(12) = 0.6 * 1/2 = 0.3.
    // Median 12, where dropping the misses would give 11.
    const m = kaplanMeierMedian([
      { value: 10, reached: true },
      { value: 11, reached: true },
      { value: 12, reached: true },
      { value: 11.5, reached: false },
      { value: 12.5, reached: false },
    ]);
    assert.deepEqual(m, { n: 5, nReached: 3, shareReached: 0.6, median: 12, medianAbove: null });
  });

  it("is undefined, with the bound it exceeds, when most runs miss", () => {
    // S(10) = 2/3 and no later event: the curve never reaches 0.5.
    const m = kaplanMeierMedian([
      { value: 10, reached: true },
      { value: 11, reached: false },
      { value: 12, reached: false },
    ]);
    assert.deepEqual(m, { n: 3, nReached: 1, shareReached: 1 / 3, median: null, medianAbove: 12 });
  });

  it("lets a run that stopped before every crossing drop out of the risk set", () => {
    const m = kaplanMeierMedian([
      { value: 10, reached: true },
      { value: 9, reached: false },
      { value: 9.5, reached: false },
    ]);
    assert.equal(m.median, 10);
  });
});
