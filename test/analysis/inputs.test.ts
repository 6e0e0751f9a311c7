import assert from "node:assert/strict";
import { parseCsv, parseRecordsCsv, parseRunsCsv } from "../../src/analysis/inputs";
import { loadFixture } from "./fixture";

describe("inputs", () => {
  it("parses quoted fields with commas and doubled quotes", () => {
    assert.deepEqual(parseCsv('a,b\n"x, y","say ""hi"""\n'), [["a", "b"], ["x, y", 'say "hi"']]);
  });
  it("reads the fixture's rows with row indices, null dates and null numbers", () => {
    const inp = loadFixture();
    assert.equal(inp.records.length, 8);
    const gpt2 = inp.records.find((r) => r.track === "nanochat" && r.record === 0)!;
    assert.equal(gpt2.date, null);
    assert.equal(gpt2.timeS, 604800);
    assert.equal(inp.runs.find((r) => r.runId === "t1-base")!.trainTimeS, null);
    assert.equal(inp.runs.find((r) => r.runId === "t1-r3b")!.rowIndex, 2);
  });
  it("names file, line and column of a bad number", () => {
    const text = "track,record,date,time_s,description\ntrack1,1,2024-05-28,fast,x\n";
    assert.throws(() => parseRecordsCsv(text, "records.csv"), /records\.csv:2: column time_s: not a number: "fast"/);
  });
  it("names a missing column", () => {
    assert.throws(() => parseRunsCsv("run_id,track\n", "runs.csv"), /runs\.csv:1: missing column record/);
  });
});
