import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDataset } from "../../src/dataset/loadDataset";
import { loadDataFrames } from "../../src/frames";
import { DATASET_DIR } from "../../src/dataset/sharedDir";
import { formatSummary, summarizeDataset } from "../../src/dataset/summarizeDataset";

describe("loadDataset (the committed data/speedrun)", function () {
  before(function () {
    if (!existsSync(join(DATASET_DIR, "runs.csv"))) this.skip();
  });

  it("loads typed runs with their evaluation points attached", () => {
    const d = loadDataset();
    const llmc = d.runs.find((r) => r.runId === "track_1_short/2024-10-13_llmc/main");
    assert.ok(llmc !== undefined);
    assert.equal(llmc.finalValLoss, 3.2722);
    assert.equal(llmc.evals.length, 80);
    assert.deepEqual(llmc.evals[llmc.evals.length - 1], {
      step: 19560,
      tokens: 10_255_073_280,
      trainTimeMs: null,
      valLoss: 3.2722,
      sourceLine: 19640,
    });
    assert.equal(d.records.filter((r) => r.track === "track1").length, 91);
  });

  it("summarizes tokens to target of each track's first and latest record", () => {
    const s = summarizeDataset(loadDataset());
    const t1 = s.find((x) => x.track === "track1");
    assert.equal(t1?.first?.record, 1);
    assert.equal(t1?.first?.medianTokensToTarget, 17250 * 524288); // first llm.c evaluation at or below 3.28
    assert.equal(t1?.latest?.record, 89);
    const text = formatSummary(s);
    assert.match(text, /^track1: 1085 runs/);
    // Words, not "n/a to target (median of 1/1 runs reaching it)": the llm.c 350M baseline never reaches 2.92, the
    // llm.c 124M log has tokens but no train time.
    assert.ok(!text.includes("n/a"), text);
    assert.match(
      text,
      /first record #1 \(2024-05-28, llm\.c baseline \(350M parameters\)\): never reaches the target \(its one run;/,
    );
    assert.match(text, /llm\.c baseline\): [\d.]+B tokens to target \(its one run; no train time in its log;/);
  });

  it("gives the same tables as danfojs-node DataFrames", () => {
    const f = loadDataFrames();
    assert.deepEqual(f.runs.shape, [1681, 34]); // + n_params_matmul, flops_per_token, flops_per_token_source
    assert.deepEqual(f.records.shape, [162, 14]); // + track 3's steps and evidence columns
    assert.deepEqual(f.evals.columns, ["run_id", "step", "tokens", "train_time_ms", "val_loss", "source_line"]);
    assert.equal(f.evals.column("val_loss").dtype, "float32");
  });

  it("names file, line and column of a cell that is not a number", () => {
    const dir = mkdtempSync(join(tmpdir(), "ds-"));
    try {
      for (const name of ["records.csv", "runs.csv", "evals.csv", "train_losses.csv"]) {
        writeFileSync(
          join(dir, name),
          readFileSync(join(DATASET_DIR, name), "utf8").split("\n").slice(0, 3).join("\n") + "\n",
        );
      }
      const evals = readFileSync(join(dir, "evals.csv"), "utf8").replace(/,11\.0092,/, ",eleven,");
      writeFileSync(join(dir, "evals.csv"), evals);
      assert.throws(() => loadDataset(dir), new RegExp(`evals\\.csv:2: column val_loss is not a number: eleven$`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
