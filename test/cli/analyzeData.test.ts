import { strict as assert } from "node:assert";
import { analyzeData, cliAnalysisOptions } from "../../src/cli/analyzeData";
import { fixtureDir } from "../analysis/fixture";

describe("analyzeData", () => {
  it("uses npm start's options: fast curve fits, one per record-table row", () => {
    const o = cliAnalysisOptions();
    assert.equal(o.curveFits, "record_primary");
    assert.equal(typeof o.fitCurve, "function");
  });

  it("returns the results and the summary.json object they produce, rounded as written", () => {
    const { input, results, summary } = analyzeData(fixtureDir);
    assert.ok(input.records.length > 0);
    const t1 = summary.track1 as { token_ratio: number | null };
    const tokenRatio = results.headlines[0].tokenRatio;
    assert.equal(t1.token_ratio, tokenRatio === null ? null : Number(tokenRatio.toPrecision(6)));
    assert.equal(summary.verdict, results.scaleDependence.verdict);
    assert.equal(summary.verdict_sensitivity_loglog, results.verdict.sentence);
  });
});
