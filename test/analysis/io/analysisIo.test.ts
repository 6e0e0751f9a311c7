import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadAnalysisInput, writeResultsAtomically } from "../../../src/analysis/io/analysisIo";
import { tempDir } from "../../helpers/tempDir";

describe("analysisIo", () => {
  it("replaces an existing results dir whole and leaves no temp or old dir behind", () => {
    const root = tempDir("results-");
    const out = join(root, "results");
    writeResultsAtomically(out, { "summary.json": "{}\n", "stale.csv": "old\n" });
    writeResultsAtomically(out, { "summary.json": "{}\n", "a.csv": "x\n1\n" });
    assert.deepEqual(readdirSync(out).sort(), [".speedrun-output", "a.csv", "summary.json"]);
    assert.equal(readFileSync(join(out, "a.csv"), "utf8"), "x\n1\n");
    assert.deepEqual(readdirSync(root), ["results"]);
  });
  it("refuses a file name with a path separator", () => {
    const root = tempDir("results-");
    assert.throws(() => writeResultsAtomically(join(root, "r"), { "../x": "" }), /invalid file name: \.\.\/x/);
    assert.deepEqual(readdirSync(root), []);
    assert.equal(existsSync(join(root, "r")), false);
  });
  it("names the missing file when a data directory lacks a CSV", () => {
    const dir = tempDir("data-");
    assert.throws(
      () => loadAnalysisInput(dir),
      new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}/records\\.csv: data file not found`),
    );
  });
  it("loads the embedded dataset with repository-relative row sources", () => {
    const inp = loadAnalysisInput();
    assert.ok(inp.records.length > 100 && inp.runs.length > 800 && inp.evals.length > 10000);
    assert.equal(inp.records[0].source, "data/speedrun/records.csv:2");
  });
});
