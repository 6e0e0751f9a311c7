import { strict as assert } from "node:assert";
import { computeOptimalAllocation, fitModel } from "../../src/index";
import { epochCsv, loadEpoch } from "./helpers";

// Besiroglu et al. 2024 (arXiv:2404.10102), Epoch's replication of Hoffmann et al.'s Approach 3 on their digitised
// data.
const epoch = {
  E: [1.82, 0.03],
  A: [482.01, 124.58],
  B: [2085.43, 1293.23],
  alpha: [0.3478, 0.02],
  beta: [0.3658, 0.02],
} as const;

describe("reproducing Epoch's Chinchilla replication", function () {
  const data = loadEpoch();
  before(function () {
    if (data === null) {
      console.log(`    (skipped: ${epochCsv} not found; set SPEEDRUN_SHARED to the shared data folder)`);
      this.skip();
    }
  });

  it(
    "reaches an objective no worse than 0.0010183 from the 4,500-start grid, parameters within Epoch's " +
      "standard errors",
    () => {
      const r = fitModel("chinchilla", data!, { grid: "hoffmann" });
      assert.equal(r.n, 240);
      assert.equal(r.starts.count, 4500);
      assert.ok(r.objective <= 0.0010183, `objective ${r.objective}`);
      assert.equal(r.status, "converged", r.reason);
      for (const [name, [value, se]] of Object.entries(epoch)) {
        assert.ok(Math.abs(r.params[name] - value) <= se, `${name}: ${r.params[name]} vs Epoch ${value} +- ${se}`);
      }
    },
  );

  it(
    "gives 4,000-resample bootstrap intervals that contain Epoch's estimates, and compute-optimal allocations " +
      "with intervals",
    () => {
      const r = fitModel("chinchilla", data!, { grid: "hoffmann", bootstrap: { resamples: 4000, seed: 1 } });
      assert.equal(r.bootstrap!.failed, 0);
      for (const [name, [value]] of Object.entries(epoch)) {
        const [lo, hi] = r.ci![name];
        assert.ok(lo <= value && value <= hi, `${name}: Epoch ${value} outside [${lo}, ${hi}]`);
      }
      // Epoch's bootstrap standard errors, to within a factor 1.5 (resampling noise and digitisation).
      for (const [name, [, se]] of Object.entries(epoch)) {
        const sd = r.bootstrap!.sd[name];
        assert.ok(sd > se / 1.5 && sd < se * 1.5, `${name}: bootstrap sd ${sd} vs Epoch SE ${se}`);
      }
      const alloc = computeOptimalAllocation(r, 5.76e23);
      assert.ok(
        alloc.params.ci !== null &&
          alloc.params.ci[0] < alloc.params.value! &&
          alloc.params.value! < alloc.params.ci[1],
      );
      assert.ok(Math.abs(alloc.params.value! * alloc.tokens.value! * 6 - 5.76e23) < 1e-6 * 5.76e23);
    },
  );
});
