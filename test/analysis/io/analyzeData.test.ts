import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { analyzeData, cliAnalysisOptions } from "../../../src/analysis/io/analyzeData";
import { shownValue, type Summary } from "../../../src/results/summary";
import { readSummary } from "../../../src/results/summaryReference";
import { REPO_ROOT } from "../../../src/dataset/sharedDir";
import { fixtureDir } from "../fixture";

const committedSummary = join(REPO_ROOT, "results", "summary.json");

describe("analyzeData", () => {
  it("rejects a baseline row the data does not have before any analysis step starts", () => {
    const steps: string[] = [];
    assert.throws(
      () =>
        analyzeData({
          baselines: { track1: 500 },
          cache: false,
          onStep: (name: string) => steps.push(name),
        } as Parameters<typeof analyzeData>[0]),
      { message: /^invalid analysis option baselines\.track1: 500 \(track1 has rows 0 to \d+\)$/ },
    );
    assert.deepEqual(steps, [], "no step ran");
  });

  it("uses npm start's options: fast curve fits, one per record-table row", () => {
    const o = cliAnalysisOptions();
    assert.deepEqual(o.curveFit, {
      scope: "record_primary",
      fromFraction: 0.1,
      huberDelta: 1e-3,
      refineTop: 4,
      screenIterations: 8,
    });
    assert.ok(Object.isFrozen(o) && Object.isFrozen(o.curveFit));
  });

  it("returns the results and the summary.json object they produce, rounded as written", () => {
    const { input, results, summary } = analyzeData(fixtureDir);
    assert.ok(input.records.length > 0);
    const readme = results.headlines[0].readmeTimeRatio;
    assert.equal(summary.track1.readme_time_ratio, readme === null ? null : Number(readme.toPrecision(6)));
    assert.equal(summary.verdict, results.scaleDependence.verdict);
    assert.equal("verdict_sensitivity_loglog" in (summary as object), false);
  });

  it(
    "recomputes the multiplier for analyzeData({ targets: { track1: 3.30 } }) from the compiled library, as a " +
      "notebook calls it",
    function () {
      this.timeout(600_000);
      const entry = join(REPO_ROOT, "build", "index.js");
      assert.ok(existsSync(entry), `${entry} missing: run npm run build`);

      const lib = require(entry) as typeof import("../../../src");
      // The default target's numbers: results/summary.json, which committedResults.test checks against a fresh run.
      const base = { summary: readSummary(committedSummary) };
      // cache: false, so the compiled code computes (a cache entry may have come from the sources).
      const changed = lib.analyzeData({ targets: { track1: 3.3 }, cache: false });
      const ratio = (s: Summary) => shownValue(s.track1.token_ratio) as number;
      assert.equal(changed.options.targets.track1, 3.3);
      assert.equal(changed.options.targets.track2, 2.92);
      assert.ok(changed.results.runsToTarget.filter((r) => r.track === "track1").every((r) => r.targetLoss === 3.3));
      assert.ok(ratio(base.summary) > 1 && ratio(changed.summary) > 1);
      assert.notEqual(ratio(changed.summary), ratio(base.summary));
      // Track 2 (target unchanged) does not move. (That the compiled library computes what the sources compute is
      // shown at the default target: notebooks.test checks every value the notebooks print, from build/, against
      // results/summary.json, computed from the sources.)
      assert.deepEqual(changed.summary.track2, base.summary.track2);
      // Notebook cells run in sloppy mode: assigning to an exported constant still throws instead of changing nothing.
      assert.throws(
        () => new Function("t", "t.track1 = 3.3;")(lib.TARGET_LOSS),
        /^TypeError: cannot assign to TARGET_LOSS\.track1: it is read-only/,
      );
    },
  );
});
