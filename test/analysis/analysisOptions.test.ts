import assert from "node:assert/strict";
import { analysisDefaults, baselineOf, formatAnalysisOptions, resolveAnalysisOptions } from "../../src/analysis/analysisOptions";
import { CHINCHILLA_EPOCH, EXTRAPOLATION_PARAMS, TARGET_LOSS, TRACK_PARAMS } from "../../src/analysis/constants";
import { runAnalysis } from "../../src/analysis/runAnalysis";
import { TARGET_LOSS as INGEST_TARGET_LOSS } from "../../src/ingest/buildRun";
import { loadFixture } from "./fixture";

describe("analysisOptions", () => {
  it("pins every default: README targets, row-0 baselines, nominal N, fast record fits, 2025-01-13 cut-off, extrapolation grid", () => {
    assert.equal(
      formatAnalysisOptions(analysisDefaults),
      JSON.stringify({
        baselines: { nanochat: 0, track1: 0, track2: 0 },
        curveFit: { fromFraction: 0.1, huberDelta: 0.001, refineTop: 4, scope: "record_primary", screenIterations: 8 },
        extrapolation: { flops: [1e24, 1e25, 1e26], params: [7e9, 70e9, 400e9, 1e12] },
        hindcastCutoff: "2025-01-13",
        paramsBasis: "nominal",
        recordRoles: ["record", "rerun"],
        targets: { track1: 3.28, track2: 2.92 },
        transfer: { curveFromFraction: 0.25, curvePoints: 11, endFraction: 0.9 },
      }, null, 2),
    );
  });

  it("merges nested groups key by key over the defaults and returns a deeply frozen object", () => {
    const o = resolveAnalysisOptions({ targets: { track1: 3.3 }, curveFit: { scope: "all" } });
    assert.deepEqual(o.targets, { track1: 3.3, track2: 2.92 });
    assert.equal(o.curveFit.scope, "all");
    assert.equal(o.curveFit.refineTop, 4);
    assert.ok(Object.isFrozen(o) && Object.isFrozen(o.targets) && Object.isFrozen(o.extrapolation.params));
    assert.throws(() => { (o.targets as Record<string, number>).track1 = 3.1; }, TypeError);
    assert.equal(analysisDefaults.targets.track1, 3.28, "resolving never touches the defaults");
  });

  it("rejects bad values naming the option and the value", () => {
    const bad: [unknown, RegExp][] = [
      [{ targets: { track1: -1 } }, /^Error: invalid analysis option targets\.track1: -1 \(expected a loss > 0\)$/],
      [{ targets: { track1: "3.3" } }, /^Error: invalid analysis option targets\.track1: 3\.3 \(expected a loss > 0\)$/],
      [{ baselines: { track2: 1.5 } }, /^Error: invalid analysis option baselines\.track2: 1\.5 \(expected an integer >= 0\)$/],
      [{ curveFit: { scope: "some" } }, /^Error: invalid analysis option curveFit\.scope: some \(expected one of none, non_reaching, record_primary, all\)$/],
      [{ curveFit: { fromFraction: 1 } }, /^Error: invalid analysis option curveFit\.fromFraction: 1 \(expected 0 <= f < 1\)$/],
      [{ curveFit: { refine: 3 } }, /^Error: invalid analysis option curveFit\.refine \(expected one of curveFit\.scope, /],
      [{ target: { track1: 3.3 } }, /^Error: invalid analysis option target \(expected one of targets, baselines, /],
      [{ hindcastCutoff: "2025-13-45" }, /^Error: invalid analysis option hindcastCutoff: 2025-13-45 \(expected a date YYYY-MM-DD\)$/],
      [{ extrapolation: { params: [] } }, /^Error: invalid analysis option extrapolation\.params: \[\] \(expected a non-empty array of positive numbers\)$/],
      [{ recordRoles: "record" }, /^Error: invalid analysis option recordRoles: record \(expected a non-empty array/],
    ];
    for (const [options, message] of bad) assert.throws(() => resolveAnalysisOptions(options as never), (e: Error) => message.test(String(e)), JSON.stringify(options));
  });

  it("freezes the exported constants, so assigning to one throws instead of silently changing nothing", () => {
    assert.throws(() => { (TARGET_LOSS as Record<string, number>).track1 = 3.3; }, /^TypeError: cannot assign to TARGET_LOSS\.track1: it is read-only; change an assumption through the analysis options instead, e\.g\. analyzeData\(\{ targets: \{ track1: 3\.3 \} \}\)$/);
    // Sloppy-mode code (tslab runs notebook cells so) gets the error too, not a silent no-op as with Object.freeze.
    // eslint-disable-next-line no-new-func
    assert.throws(() => new Function("t", "t.track1 = 3.3;")(TARGET_LOSS), /cannot assign to TARGET_LOSS\.track1/);
    assert.throws(() => new Function("t", "delete t.track1;")(TARGET_LOSS), /cannot delete TARGET_LOSS\.track1/);
    assert.throws(() => { (INGEST_TARGET_LOSS as Record<string, number | null>).track1 = 3.3; }, TypeError);
    assert.throws(() => { (TRACK_PARAMS as Record<string, number>).track1 = 1; }, TypeError);
    assert.throws(() => { (CHINCHILLA_EPOCH as { E: number }).E = 1; }, TypeError);
    assert.throws(() => { (EXTRAPOLATION_PARAMS as unknown as number[]).push(1); }, TypeError);
    assert.throws(() => { (analysisDefaults.curveFit as { scope: string }).scope = "all"; }, TypeError);
    assert.equal(TARGET_LOSS.track1, 3.28);
  });

  it("recomputes the headline ratio at another target loss (fixture: the crossings move)", () => {
    const inp = loadFixture();
    const base = runAnalysis(inp, { curveFit: { scope: "none" } }).headlines[0];
    const other = runAnalysis(inp, { curveFit: { scope: "none" }, targets: { track1: 3.4 } });
    assert.equal(other.runsToTarget.find((r) => r.track === "track1")!.targetLoss, 3.4);
    assert.notEqual(other.headlines[0].tokenRatio, base.tokenRatio);
    assert.ok(other.headlines[0].tokenRatio !== null);
  });

  it("compares every row with the baseline row the options name, and rejects a row the track lacks", () => {
    const inp = loadFixture();
    const r = runAnalysis(inp, { curveFit: { scope: "none" }, baselines: { track1: 1 } });
    const t1 = r.multipliers.filter((m) => m.track === "track1");
    const row1 = t1.find((m) => m.rowIndex === 1)!;
    assert.equal(row1.tokenMultiplierVsBaseline, 1, "the baseline against itself");
    assert.equal(r.headlines[0].baselineRecord, r.recordCompute.find((x) => x.track === "track1" && x.rowIndex === 1)!.record);
    assert.ok(r.decomposition.filter((d) => d.track === "track1" && d.against === "baseline").every((d) => d.againstRowIndex === 1));
    assert.throws(() => runAnalysis(inp, { curveFit: { scope: "none" }, baselines: { track1: 99 } }), /^Error: invalid analysis option baselines\.track1: 99 \(track1 has rows 0 to \d+\)$/);
    assert.equal(baselineOf([], "track1"), null);
  });
});
