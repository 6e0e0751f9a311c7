import assert from "node:assert/strict";
import { resultFiles, runAnalysis } from "../../src/analysis/runAnalysis";
import { loadFixture } from "./fixture";
import { close } from "./fixture";

describe("runAnalysis", () => {
  it("gives the fixture's headline ratios (baseline over latest record)", () => {
    const r = runAnalysis(loadFixture());
    const t1 = r.headlines.find((h) => h.track === "track1")!;
    assert.ok(close(t1.timeRatio, 2700 / 600));
    assert.ok(close(t1.tokenRatio, 2.5e9 / 430e6));
    const t2 = r.headlines.find((h) => h.track === "track2")!;
    assert.equal(t2.lowerBound, true);
  });
  it("writes summary.json with the required keys and no NaN or Infinity", () => {
    const files = resultFiles(runAnalysis(loadFixture()));
    const s = JSON.parse(files["summary.json"]);
    for (const key of ["track1", "halving_time_months", "multiplier_by_scale", "extrapolation", "verdict", "hindcast"]) assert.ok(key in s, key);
    assert.ok(close(s.track1.time_ratio, 4.5));
    assert.ok(close(s.track1.token_ratio, 5.81395, 1e-6));
    assert.ok(["estimate", "lo", "hi"].every((k) => k in s.halving_time_months.track1));
    assert.ok(s.multiplier_by_scale.every((r: Record<string, unknown>) => "params" in r && "multiplier" in r && "lo" in r && "hi" in r && "source" in r));
    assert.ok(s.extrapolation.some((r: Record<string, unknown>) => r.params === 1e12 && r.extrapolated === true));
    assert.ok(s.extrapolation.some((r: Record<string, unknown>) => r.flops === 1e26));
    assert.deepEqual(s.warnings, []);
    for (const [name, text] of Object.entries(files)) assert.doesNotMatch(text, /NaN|Infinity/, name);
  });
  it("gives the same bytes on two runs", () => {
    const a = resultFiles(runAnalysis(loadFixture()));
    const b = resultFiles(runAnalysis(loadFixture()));
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort());
    for (const k of Object.keys(a)) assert.equal(a[k], b[k], k);
  });
  it("rejects a malformed hindcast cut-off naming it", () => {
    assert.throws(() => runAnalysis(loadFixture(), { hindcastCutoff: "Jan 2025" }), /invalid hindcastCutoff: Jan 2025/);
  });
});
