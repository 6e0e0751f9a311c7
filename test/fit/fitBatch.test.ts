// fitBatch (the analysis's per-record curve fits) on two threads: the worker thread fits its share (worker.js calls
// runFitBatch by name; when that export was dropped, every worker share failed and the calling thread redid it, so the
// analysis used one core without a word), and the split does not change a digit of the results.
import { strict as assert } from "node:assert";
import { fitBatch, type BatchFit } from "../../src/fit/fitBatch";
import { shutdownPool } from "../../src/fit/pool";

/** Loss curves L(D) = E + A * D^-alpha with a little deterministic wiggle, as a record's evals look. */
function curves(): BatchFit[] {
  const out: BatchFit[] = [];
  for (let k = 0; k < 6; k++) {
    const E = 2.8 + 0.05 * k;
    const A = 40 + 10 * k;
    const alpha = 0.3 + 0.02 * k;
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 1; i <= 24; i++) {
      const tokens = 2e7 * i;
      x.push([tokens]);
      y.push(E + A * tokens ** -alpha + 1e-3 * Math.sin(7 * i + k));
    }
    out.push({ x, y });
  }
  return out;
}

describe("fitBatch over two threads (the analysis's curve fits)", () => {
  after(shutdownPool);

  it("fits the worker's share in the worker, with the same results as one thread", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on("warning", onWarning);
    try {
      const two = fitBatch("power", curves(), {}, 2);
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
      assert.deepEqual(warnings, []);
      const one = fitBatch("power", curves(), {}, 1);
      assert.deepEqual(two, one);
      assert.equal(two.length, 6);
      for (const [k, fit] of two.entries()) {
        assert.equal(fit.status, "converged", fit.reason);
        assert.ok(Math.abs(fit.params.E - (2.8 + 0.05 * k)) < 0.05, `curve ${k}: E ${fit.params.E}`);
      }
    } finally {
      process.off("warning", onWarning);
    }
  });
});
