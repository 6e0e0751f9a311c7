import assert from "node:assert/strict";
import { ratioBoundOf, runAnalysis } from "../../src/analysis/runAnalysis";
import { resultFiles } from "../../src/results/resultFiles";
import { parseSummary } from "../../src/results/summaryReference";
import { analysisDefaults } from "../../src/analysis/analysisOptions";
import { FAST_CURVE_FIT, powerCurveDefaults } from "../../src/analysis/compute/powerCurveFitter";
import { loadFixture } from "./fixture";
import { close } from "./fixture";

describe("runAnalysis", () => {
  it("gives the fixture's headline ratios (baseline over latest record)", () => {
    const r = runAnalysis(loadFixture());
    const t1 = r.headlines.find((h) => h.track === "track1")!;
    // equal loss: the baseline's 2700 s charged up to its crossing (tokens to target / total: 1687.5 s) over 600 s
    assert.ok(close(t1.timeRatio, 1687.5 / 600));
    assert.ok(close(t1.readmeTimeRatio, 2700 / 600));
    assert.ok(close(t1.tokenRatio, 2.5e9 / 430e6));
    const t2 = r.headlines.find((h) => h.track === "track2")!;
    assert.equal(t2.lowerBound, true);
    assert.equal(t2.ratioBound, "lower");
  });
  it("reads a ratio's bound from where each side reaches the target on its own schedule", () => {
    assert.equal(ratioBoundOf("point", "point"), "estimate");
    assert.equal(ratioBoundOf("at_least", "point"), "lower"); // the baseline never reaches the target
    assert.equal(ratioBoundOf("point", "at_most"), "lower"); // the treatment reaches it mid-schedule
    assert.equal(ratioBoundOf("at_most", "point"), "upper"); // the baseline reaches it mid-schedule
    assert.equal(ratioBoundOf("point", "at_least"), "upper"); // the treatment never reaches it
    assert.equal(ratioBoundOf("at_most", "at_most"), "unbounded");
    assert.equal(ratioBoundOf("at_least", "at_least"), "unbounded");
    // The fixture's track-1 baseline reaches the target at 2.5e9 of its 4e9 tokens (62.5%); its latest record at 430e6
    // of its runs' median 550e6 (78%).
    const t1At = (endFraction: number) =>
      runAnalysis(loadFixture(), { transfer: { ...analysisDefaults.transfer, endFraction } }).headlines.find(
        (h) => h.track === "track1",
      )!;
    const t1 = t1At(0.9);
    assert.ok(close(t1.baselineCrossingFraction, 2.5e9 / 4e9));
    assert.ok(close(t1.latestCrossingFraction, 430e6 / 550e6));
    assert.equal(t1.ratioBound, "unbounded", "both sides mid-schedule: bounded in opposite directions");
    assert.match(t1.note, /the baseline reaches the target at 63% of its run/);
    assert.deepEqual(t1.boundReasons, [
      "the baseline reaches the target at 63% of its run, before its schedule ends",
      "record 3 reaches the target at 78% of its run, before its schedule ends",
    ]);
    assert.equal(t1At(0.7).ratioBound, "upper", "only the baseline's crossing is mid-schedule");
    assert.deepEqual(t1At(0.7).boundReasons, [
      "the baseline reaches the target at 63% of its run, before its schedule ends",
    ]);
    assert.equal(t1At(0.6).ratioBound, "estimate", "both past the end fraction: a point");
  });
  it("writes summary.json as the Summary type describes it, with no NaN or Infinity", () => {
    const files = resultFiles(runAnalysis(loadFixture()));
    const s = parseSummary(files["summary.json"], "summary.json");
    // Both sides reach the target mid-schedule: bounded in opposite directions, so no number is claimed.
    assert.deepEqual(s.track1.token_ratio, { estimate: null, lower: null, upper: null, kind: "not_identified" });
    assert.ok(close(s.track1.readme_time_ratio as number, 4.5));
    const halving = s.halving_time_months.track1;
    assert.ok(halving !== null);
    assert.equal(halving.months.kind, "newey_west", "the record track's halving time carries its Newey-West interval");
    assert.equal(halving.ols_interval?.kind, "ols");
    assert.equal(halving.ols_interval?.estimate, null, "the OLS interval does not repeat the estimate");
    assert.ok(s.forecast_scores.some((r) => r.method === "persistence"));
    // The fixture's 124M ratio is not identified at the default end fraction (both sides reach the target
    // mid-schedule):
    // nothing is carried from it. As a point (end fraction 0.6) today's recipe is extrapolated.
    assert.ok(!s.extrapolation.some((r) => r.category === "recipe_today"));
    const point = parseSummary(
      resultFiles(runAnalysis(loadFixture(), { transfer: { ...analysisDefaults.transfer, endFraction: 0.6 } }))[
        "summary.json"
      ],
      "summary.json",
    );
    assert.ok(close(point.track1.time_ratio.estimate as number, 2.8125));
    assert.ok(close(point.track1.token_ratio.estimate as number, 5.81395, 1e-6));
    assert.equal(point.track1.token_ratio.kind, "point");
    assert.ok(point.extrapolation.some((r) => r.flops === 1e26 && r.category === "recipe_today"));
    assert.equal(point.scale_dependence.recipe_anchor?.ratio, "flops_ratio");
    // The fixture has no transfer catalogue: nothing informs a slope, so the answer is "not identified", never a
    // number.
    assert.deepEqual(
      [s.scale_dependence.status, s.scale_dependence.trend, s.scale_dependence.parameters],
      ["not identified", "not identified", null],
    );
    assert.ok(
      point.extrapolation
        .filter((r) => r.category === "recipe_today")
        .every((r) => r.multiplier.estimate === null && r.multiplier.upper === null),
    );
    assert.match(s.verdict, /not identified/);
    assert.deepEqual(s.warnings, []);
    for (const [name, text] of Object.entries(files)) assert.doesNotMatch(text, /NaN|Infinity/, name);
    assert.match(files["summary_reference.md"], /^\| `track1\.flops_ratio` \| bounded \|/m);
  });
  it("gives the same bytes on two runs", () => {
    const a = resultFiles(runAnalysis(loadFixture()));
    const b = resultFiles(runAnalysis(loadFixture()));
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort());
    for (const k of Object.keys(a)) assert.equal(a[k], b[k], k);
  });
  it("writes results/transfer_pairs.csv with its header even without a catalogue", () => {
    const files = resultFiles(runAnalysis(loadFixture()));
    assert.equal(
      files["transfer_pairs.csv"].split("\n")[0],
      "pair_id,innovation,category,scale_params,n_params_matmul,flops_per_token,flops,target_loss,target_rule," +
        "multiplier,lo,hi,kind,log_sd,preferred,measurement_id,origin,method,source,note",
    );
  });
  it("rejects a malformed hindcast cut-off naming it", () => {
    assert.throws(
      () => runAnalysis(loadFixture(), { hindcastCutoff: "Jan 2025" }),
      /invalid analysis option hindcastCutoff: Jan 2025 \(expected a date YYYY-MM-DD\)/,
    );
  });
});

describe("analysis defaults", () => {
  it(
    "pins the defaults: nominal N, one curve per record row, fits from 10% of the run, record+rerun roles, " +
      "2025-01-13 cut-off",
    () => {
      assert.equal(analysisDefaults.paramsBasis, "nominal");
      assert.deepEqual(analysisDefaults.curveFit, {
        scope: "record_primary",
        fromFraction: 0.1,
        huberDelta: 1e-3,
        refineTop: 4,
        screenIterations: 8,
      });
      assert.deepEqual(analysisDefaults.recordRoles, ["record", "rerun"]);
      assert.equal(analysisDefaults.hindcastCutoff, "2025-01-13");
      assert.deepEqual(powerCurveDefaults, { loss: { huber: 1e-3 }, workers: 1 });
      assert.deepEqual(FAST_CURVE_FIT, { refineTop: 4, screenIterations: 8 });
    },
  );
});
