import assert from "node:assert/strict";
import { computeRunsToTarget } from "../../../src/analysis/compute/recordCompute";
import { FAST_CURVE_FIT, powerCurveFitter } from "../../../src/analysis/compute/powerCurveFitter";
import { loadFixture } from "../fixture";

describe("powerCurveFitter", () => {
  it("recovers E, A and alpha of an exact power law with floor through fitModel", () => {
    const tokens = Array.from({ length: 30 }, (_, i) => 1e8 * 1.2 ** i);
    const loss = tokens.map((d) => 2.5 + 40 * d ** -0.2);
    const c = powerCurveFitter(FAST_CURVE_FIT)(tokens, loss);
    assert.ok(
      Math.abs(c.E - 2.5) < 1e-4 && Math.abs(c.alpha - 0.2) < 1e-4 && Math.abs(c.A / 40 - 1) < 1e-3,
      JSON.stringify(c),
    );
    assert.notEqual(c.status, "failed");
  });
  it("fits one run per record row by default, and none of the ablations", () => {
    const inp = loadFixture();
    const runs = computeRunsToTarget(inp, {
      fitCurve: powerCurveFitter(FAST_CURVE_FIT),
      curveFit: { fromFraction: 0 },
    });
    // only t1-base has the 4 evals a fit needs; it is its row's primary run, so it gets a curve
    assert.deepEqual(
      runs.filter((r) => r.curve !== null).map((r) => r.runId),
      ["t1-base"],
    );
    const more = {
      ...inp,
      evals: [
        ...inp.evals,
        ...["t1-r3b", "t1-abl"].flatMap((runId) =>
          [1, 2, 3, 4, 5].map((k) => ({
            runId,
            step: 10 + k,
            tokens: 7e8 + k * 1e8,
            trainTimeMs: null,
            valLoss: 3.1 - 0.01 * k,
          })),
        ),
      ],
    };
    const runs2 = computeRunsToTarget(more, {
      fitCurve: () => ({ E: 2, A: 1, alpha: 0.1, status: "converged", reason: "", n: 7 }),
      curveFit: { fromFraction: 0 },
    });
    assert.equal(runs2.find((r) => r.runId === "t1-abl")!.curve, null);
    // t1-r3b is not the primary run of record 3 (t1-r3a sorts first), so it gets no curve under "record_primary"
    assert.equal(runs2.find((r) => r.runId === "t1-r3b")!.curve, null);
    const runs3 = computeRunsToTarget(more, {
      fitCurve: () => ({ E: 2, A: 1, alpha: 0.1, status: "converged", reason: "", n: 7 }),
      curveFit: { fromFraction: 0, scope: "all" },
    });
    assert.notEqual(runs3.find((r) => r.runId === "t1-r3b")!.curve, null);
  });
});
