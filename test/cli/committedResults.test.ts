// results/ is committed so GitHub readers see the numbers; it must be exactly what `npm start` would write today.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { resultFiles } from "../../src/results/resultFiles";
import { analyzeData } from "../../src/analysis/io/analyzeData";

const resultsDir = join(__dirname, "..", "..", "results");

describe("committed results/", function () {
  this.timeout(120_000);

  it("holds exactly the files a fresh run of the analysis on data/ writes, byte for byte", () => {
    const fresh = resultFiles(analyzeData({ cache: false }).results);
    assert.deepEqual(
      readdirSync(resultsDir)
        .filter((f) => f !== ".speedrun-output")
        .sort(),
      Object.keys(fresh).sort(),
      "results/ file list differs: run `npm start`",
    );
    for (const [name, text] of Object.entries(fresh)) {
      assert.ok(
        readFileSync(join(resultsDir, name), "utf8") === text,
        `results/${name} is stale: run \`npm start\` and commit it`,
      );
    }
  });
});
