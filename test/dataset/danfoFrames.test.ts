// The danfojs-node operations a notebook user reaches for on this dataset, on the frames loadDataFrames returns: what
// works, and the traps the README lists (with the way around each). If danfojs changes, these say which line of the
// README to update.
import { strict as assert } from "node:assert";
import type { DataFrame } from "danfojs-node";
import { loadDataset } from "../../src/dataset/loadDataset";
import { loadDataFrames } from "../../src/frames";

describe("danfojs on the loaded frames (README: danfojs-node 1.2 on this dataset)", () => {
  let runs: DataFrame;
  let plain: { track: string; finalValLoss: number | null }[];
  before(function () {
    this.timeout(60_000);
    runs = loadDataFrames().runs;
    plain = loadDataset().runs.map((r) => ({ track: r.track, finalValLoss: r.finalValLoss }));
  });

  it("indexes every loaded frame 0..n-1 and keeps empty cells as NaN", () => {
    assert.deepEqual(runs.index, Array.from({ length: plain.length }, (_, i) => i));
    const empty = plain.filter((r) => r.finalValLoss === null).length;
    assert.equal((runs["final_val_loss"].values as number[]).filter((v) => Number.isNaN(v)).length, empty);
  });

  it("filters with loc and a mask; query works on the loaded frame but throws on a filtered one until resetIndex", () => {
    const medium = runs.loc({ rows: runs["track"].eq("track2") });
    assert.equal(medium.shape[0], plain.filter((r) => r.track === "track2").length);
    assert.equal(runs.query(runs["final_val_loss"].lt(3.0)).shape[0], plain.filter((r) => r.finalValLoss !== null && r.finalValLoss < 3.0).length);
    assert.throws(() => medium.query(medium["final_val_loss"].lt(2.925)), { message: "Cannot read properties of undefined (reading '0')" });
    const reset = medium.resetIndex();
    const below = reset.query(reset["final_val_loss"].lt(2.925));
    const viaLoc = medium.loc({ rows: medium["final_val_loss"].lt(2.925) });
    assert.deepEqual(below["run_id"].values, viaLoc["run_id"].values);
    assert.ok(below.shape[0] > 0 && below.shape[0] < medium.shape[0]);
  });

  it("describe gives NaN means for a column with empty cells, while Series.mean skips them", () => {
    const losses = plain.map((r) => r.finalValLoss).filter((v): v is number => v !== null);
    const d = runs.describe();
    const row = (name: string) => (d["final_val_loss"].values as number[])[d.index.indexOf(name)];
    assert.equal(row("count"), losses.length);
    assert.ok(Number.isNaN(row("mean")));
    const mean = losses.reduce((a, b) => a + b, 0) / losses.length;
    assert.ok(Math.abs((runs["final_val_loss"].mean() as number) - mean) < 1e-6, "Series.mean skips NaN (float32 values)");
  });

  it("groupby count counts empty cells as values; isNa counts them", () => {
    const g = runs.groupby(["track"]).count();
    const j = g.columns.indexOf("final_val_loss_count");
    const nanochat = (g.values as unknown[][]).find((r) => r[0] === "nanochat") as unknown[];
    const nanochatRuns = plain.filter((r) => r.track === "nanochat");
    assert.ok(nanochatRuns.length > 0 && nanochatRuns.every((r) => r.finalValLoss === null), "nanochat rows have no final_val_loss");
    assert.equal(nanochat[j], nanochatRuns.length, "counted although empty");
    assert.equal((runs["final_val_loss"].isNa().values as boolean[]).filter(Boolean).length, plain.filter((r) => r.finalValLoss === null).length);
  });
});
