import assert from "node:assert/strict";
import {
  analysisDefaults,
  baselineOf,
  formatAnalysisOptions,
  resolveAnalysisOptions,
} from "../../src/analysis/analysisOptions";
import { CHINCHILLA_EPOCH, TARGET_LOSS, TRACK_PARAMS } from "../../src/analysis/constants";
import { attributionDefaults } from "../../src/analysis/attribution/attribution";
import { rollingForecastDefaults } from "../../src/analysis/progress/rollingForecast";
import { runAnalysis, type AnalysisResults } from "../../src/analysis/runAnalysis";
import { SCALE_EXTRAPOLATION_FLOPS, scaleStageDefaults } from "../../src/scale/scaleStage";
import { loadAnalysisInput } from "../../src/analysis/io/analysisIo";
import { TARGET_LOSS as INGEST_TARGET_LOSS } from "../../src/ingest/buildRun";
import { loadFixture } from "./fixture";

describe("analysisOptions", () => {
  it(
    "pins every default: README targets, row-0 baselines, nominal N, fast record fits, 2025-01-13 cut-off, " +
      "extrapolation grids, scale model, bootstrap, forecast horizons",
    () => {
      assert.equal(
        formatAnalysisOptions(analysisDefaults),
        JSON.stringify(
          {
            attribution: { resamples: 1000, seed: 1 },
            baselines: { nanochat: 0, track1: 0, track2: 0, track3: 0 },
            curveFit: {
              fromFraction: 0.1,
              huberDelta: 0.001,
              refineTop: 4,
              scope: "record_primary",
              screenIterations: 8,
            },
            forecast: { horizonsMonths: [3, 6, 12], minPoints: 5 },
            hindcastCutoff: "2025-01-13",
            paramsBasis: "nominal",
            recordRoles: ["record", "rerun"],
            scaleModel: {
              draws: 4000,
              extrapolationFlops: [1e21, 1e22, 1e23, 1e24, 1e25, 1e26],
              flatAbsolute: Math.log(1.05),
              flatRelative: 0.05,
              seed: 1,
              warmup: 2000,
            },
            targets: { track1: 3.28, track2: 2.92, track3: 3.28 },
            transfer: { curveFromFraction: 0.25, curvePoints: 11, endFraction: 0.9 },
          },
          null,
          2,
        ),
      );
    },
  );

  it("merges nested groups key by key over the defaults and returns a deeply frozen object", () => {
    const o = resolveAnalysisOptions({ targets: { track1: 3.3 }, curveFit: { scope: "all" } });
    assert.deepEqual(o.targets, { track1: 3.3, track2: 2.92, track3: 3.28 });
    assert.equal(o.curveFit.scope, "all");
    assert.equal(o.curveFit.refineTop, 4);
    assert.ok(Object.isFrozen(o) && Object.isFrozen(o.targets) && Object.isFrozen(o.scaleModel.extrapolationFlops));
    assert.throws(() => {
      (o.targets as Record<string, number>).track1 = 3.1;
    }, TypeError);
    assert.equal(analysisDefaults.targets.track1, 3.28, "resolving never touches the defaults");
  });

  it("rejects bad values naming the option and the value", () => {
    const bad: [unknown, RegExp][] = [
      [{ targets: { track1: -1 } }, /^Error: invalid analysis option targets\.track1: -1 \(expected a loss > 0\)$/],
      [
        { targets: { track1: "3.3" } },
        /^Error: invalid analysis option targets\.track1: 3\.3 \(expected a loss > 0\)$/,
      ],
      [
        { baselines: { track2: 1.5 } },
        /^Error: invalid analysis option baselines\.track2: 1\.5 \(expected an integer >= 0\)$/,
      ],
      [
        { curveFit: { scope: "some" } },
        new RegExp(
          String.raw`^Error: invalid analysis option curveFit\.scope: some \(expected one of ` +
            String.raw`none, non_reaching, record_primary, all\)$`,
        ),
      ],
      [
        { curveFit: { fromFraction: 1 } },
        /^Error: invalid analysis option curveFit\.fromFraction: 1 \(expected 0 <= f < 1\)$/,
      ],
      [
        { curveFit: { refine: 3 } },
        /^Error: invalid analysis option curveFit\.refine \(expected one of curveFit\.scope, /,
      ],
      [{ target: { track1: 3.3 } }, /^Error: invalid analysis option target \(expected one of targets, baselines, /],
      [
        { hindcastCutoff: "2025-13-45" },
        /^Error: invalid analysis option hindcastCutoff: 2025-13-45 \(expected a date YYYY-MM-DD\)$/,
      ],
      [{ extrapolation: { params: [] } }, /^Error: invalid analysis option extrapolation \(expected one of targets, /],
      [{ recordRoles: "record" }, /^Error: invalid analysis option recordRoles: record \(expected a non-empty array/],
      [
        { scaleModel: { draws: 10 } },
        /^Error: invalid analysis option scaleModel\.draws: 10 \(expected an integer >= 100\)$/,
      ],
      [
        { scaleModel: { seed: -1 } },
        /^Error: invalid analysis option scaleModel\.seed: -1 \(expected an integer 0 to 4294967295\)$/,
      ],
      [
        { scaleModel: { flatRelative: -0.1 } },
        new RegExp(
          String.raw`^Error: invalid analysis option scaleModel\.flatRelative: -0\.1 \(expected ` +
            String.raw`a number > 0 \(fraction of ln M per decade\)\)$`,
        ),
      ],
      [
        { scaleModel: { extrapolationFlops: [1e24, -1] } },
        /^Error: invalid analysis option scaleModel\.extrapolationFlops\[1\]: -1 \(expected a positive number\)$/,
      ],
      [
        { scaleModel: { floor: 0.1 } },
        /^Error: invalid analysis option scaleModel\.floor \(expected one of scaleModel\.draws, /,
      ],
      [
        { attribution: { resamples: 0 } },
        /^Error: invalid analysis option attribution\.resamples: 0 \(expected an integer >= 1\)$/,
      ],
      [
        { attribution: { seed: 1.5 } },
        /^Error: invalid analysis option attribution\.seed: 1\.5 \(expected an integer 0 to 4294967295\)$/,
      ],
      [
        { attribution: { seed: 2 ** 32 } },
        /^Error: invalid analysis option attribution\.seed: 4294967296 \(expected an integer 0 to 4294967295\)$/,
      ],
      [
        { forecast: { horizonsMonths: [3, 0] } },
        /^Error: invalid analysis option forecast\.horizonsMonths\[1\]: 0 \(expected a positive number\)$/,
      ],
      [
        { forecast: { horizonsMonths: [1.5] } },
        /^Error: invalid analysis option forecast\.horizonsMonths\[0\]: 1\.5 \(expected an integer >= 1\)$/,
      ],
      [
        { forecast: { minPoints: 2 } },
        /^Error: invalid analysis option forecast\.minPoints: 2 \(expected an integer >= 3\)$/,
      ],
    ];
    for (const [options, message] of bad)
      assert.throws(
        () => resolveAnalysisOptions(options as never),
        (e: Error) => message.test(String(e)),
        JSON.stringify(options),
      );
  });

  it("freezes the exported constants, so assigning to one throws instead of silently changing nothing", () => {
    assert.throws(
      () => {
        (TARGET_LOSS as Record<string, number>).track1 = 3.3;
      },
      new RegExp(
        String.raw`^TypeError: cannot assign to TARGET_LOSS\.track1: it is read-only; change ` +
          String.raw`an assumption through the analysis options instead, e\.g\. analyzeData\(\{ ` +
          String.raw`targets: \{ track1: 3\.3 \} \}\)$`,
      ),
    );
    // Sloppy-mode code (tslab runs notebook cells so) gets the error too, not a silent no-op as with Object.freeze.

    assert.throws(() => new Function("t", "t.track1 = 3.3;")(TARGET_LOSS), /cannot assign to TARGET_LOSS\.track1/);
    assert.throws(() => new Function("t", "delete t.track1;")(TARGET_LOSS), /cannot delete TARGET_LOSS\.track1/);
    assert.throws(() => {
      (INGEST_TARGET_LOSS as Record<string, number | null>).track1 = 3.3;
    }, TypeError);
    assert.throws(() => {
      (TRACK_PARAMS as Record<string, number>).track1 = 1;
    }, TypeError);
    assert.throws(() => {
      (CHINCHILLA_EPOCH as { E: number }).E = 1;
    }, TypeError);
    assert.throws(() => {
      (analysisDefaults.curveFit as { scope: string }).scope = "all";
    }, TypeError);
    assert.throws(() => {
      (SCALE_EXTRAPOLATION_FLOPS as number[]).push(1e27);
    }, TypeError);
    assert.throws(() => {
      (scaleStageDefaults as { seed: number }).seed = 2;
    }, TypeError);
    assert.throws(() => {
      (attributionDefaults as { seed: number }).seed = 2;
    }, TypeError);
    assert.throws(() => {
      (rollingForecastDefaults.horizonsMonths as number[]).push(24);
    }, TypeError);
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
    assert.equal(
      r.headlines[0].baselineRecord,
      r.recordCompute.find((x) => x.track === "track1" && x.rowIndex === 1)!.record,
    );
    assert.ok(
      r.decomposition
        .filter((d) => d.track === "track1" && d.against === "baseline")
        .every((d) => d.againstRowIndex === 1),
    );
    assert.throws(
      () => runAnalysis(inp, { curveFit: { scope: "none" }, baselines: { track1: 99 } }),
      /^Error: invalid analysis option baselines\.track1: 99 \(track1 has rows 0 to \d+\)$/,
    );
    assert.equal(baselineOf([], "track1"), null);
  });

  // Two runs on the embedded data (no curve fits, to stay quick): the defaults, and one with every new group changed.
  describe("the scale-model, attribution and forecast groups reach the numbers (embedded data)", function () {
    this.timeout(120000);
    let base: AnalysisResults;
    let other: AnalysisResults;
    before(() => {
      const input = loadAnalysisInput();
      base = runAnalysis(input, { curveFit: { scope: "none" } });
      other = runAnalysis(input, {
        curveFit: { scope: "none" },
        scaleModel: { flatRelative: 2, flatAbsolute: 2, extrapolationFlops: [1e22, 1e24], seed: 9 },
        attribution: { seed: 7 },
        forecast: { horizonsMonths: [2, 9] },
      });
    });

    it("scaleModel: wide flat margins turn the verdict word, the budgets follow, the seed moves the draws only", () => {
      const d = base.scaleDependence;
      const o = other.scaleDependence;
      assert.equal(d.fit.verdict, "not identified");
      assert.equal(o.fit.verdict, "flat", "margins of 2 ln M per decade hold every interval");
      assert.match(o.verdictDetail, /flat only when it lies within \+-2\.000 and beta1's within \+-2/);
      assert.deepEqual([...new Set(o.extrapolation.map((e) => e.flops))], [1e22, 1e24]);
      assert.deepEqual([...new Set(d.extrapolation.map((e) => e.flops))], [...SCALE_EXTRAPOLATION_FLOPS]);
      const b1 = (r: AnalysisResults) => r.scaleDependence.fit.parameters!.beta1;
      assert.notEqual(b1(other).estimate, b1(base).estimate, "another seed, other draws");
      assert.ok(
        Math.abs(b1(other).estimate - b1(base).estimate) < 0.15,
        `${b1(other).estimate} vs ${b1(base).estimate}`,
      );
    });

    it("attribution: another seed moves an interval end but not the point factors", () => {
      const pick = (r: AnalysisResults) =>
        r.attribution.find((a) => a.track === "track1" && a.scope === "all records" && a.category === "architecture")!;
      const a = pick(base);
      const b = pick(other);
      assert.equal(b.timeFactor, a.timeFactor);
      assert.equal(b.tokenFactor, a.tokenFactor);
      assert.ok(a.timeLo !== null && b.timeLo !== null && a.timeHi !== null && b.timeHi !== null);
      assert.ok(a.timeLo !== b.timeLo || a.timeHi !== b.timeHi, `interval unchanged: ${a.timeLo} to ${a.timeHi}`);
      const total = other.attribution.find((x) => x.track === "track1" && x.category === "total")!;
      assert.match(total.note, /bootstrap 1000 draws, seed 7$/);
    });

    it("forecast: the horizon list sets the forecast rows", () => {
      assert.deepEqual([...new Set(base.forecastScores.map((f) => f.horizonMonths))], [3, 6, 12]);
      assert.deepEqual([...new Set(other.forecastScores.map((f) => f.horizonMonths))], [2, 9]);
      assert.ok(other.forecastScores.some((f) => f.horizonMonths === 9 && f.n > 0 && f.meanAbsLog10Error !== null));
    });
  });
});
