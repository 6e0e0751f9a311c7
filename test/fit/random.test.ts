import { strict as assert } from "node:assert";
import { getModel } from "../../src/index";
import { mulberry32, resampleCounts } from "../../src/fit/random";

describe("seeded resampling", () => {
  it("draws n rows with replacement, the same rows for the same seed and resample number", () => {
    const a = resampleCounts(240, 1, 17);
    assert.equal(
      a.reduce((s, v) => s + v, 0),
      240,
    );
    assert.deepEqual(resampleCounts(240, 1, 17), a);
    assert.notDeepEqual(resampleCounts(240, 1, 18), a);
    assert.notDeepEqual(resampleCounts(240, 2, 17), a);
    // About 1 - 1/e of rows appear at least once.
    const distinct = a.filter((v) => v > 0).length / 240;
    assert.ok(distinct > 0.55 && distinct < 0.71, `${distinct}`);
  });

  it("mulberry32 yields uniform floats in [0, 1) with a mean near one half", () => {
    const rng = mulberry32(42);
    let sum = 0;
    for (let k = 0; k < 10000; k++) {
      const v = rng();
      assert.ok(v >= 0 && v < 1);
      sum += v;
    }
    assert.ok(Math.abs(sum / 10000 - 0.5) < 0.01);
  });

  it("does not mistake Object.prototype names for models", () => {
    assert.throws(
      () => getModel("toString"),
      /^Error: invalid model: toString \(expected one of power, chinchilla, kaplan, broken_power\)$/,
    );
  });
});
