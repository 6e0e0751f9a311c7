// The DataFrame operations a pandas user reaches for on this dataset, on the frames loadDataFrames returns (checked
// frames, src/dataset/checkedFrame.ts): what danfojs-node 1.2 gets wrong is fixed or refused, and each expected value
// is computed from loadDataset's typed rows, not from danfojs.
import { strict as assert } from "node:assert";
import type { DataFrame } from "danfojs-node";
import { aggregate, closest, sortOrder } from "../../src/dataset/checkedFrame";
import { loadDataset } from "../../src/dataset/loadDataset";
import { checkedFrame, loadDataFrames } from "../../src/frames";

describe("checked DataFrames (README: DataFrames)", () => {
  let runs: DataFrame;
  let plain: {
    runId: string;
    track: string;
    finalValLoss: number | null;
    timeToTargetS: number | null;
    record: number | null;
  }[];
  before(function () {
    this.timeout(60_000);
    runs = loadDataFrames().runs;
    plain = loadDataset().runs.map((r) => ({
      runId: r.runId,
      track: r.track,
      finalValLoss: r.finalValLoss,
      timeToTargetS: r.timeToTargetS,
      record: r.record,
    }));
  });

  it("indexes every loaded frame 0..n-1 and keeps empty cells as NaN", () => {
    assert.deepEqual(
      runs.index,
      Array.from({ length: plain.length }, (_, i) => i),
    );
    const empty = plain.filter((r) => r.finalValLoss === null).length;
    assert.equal((runs["final_val_loss"].values as number[]).filter((v) => Number.isNaN(v)).length, empty);
  });

  it("a misspelt column is a KeyError naming it, the closest column and all of them, however it is reached", () => {
    const expected = new RegExp(
      String.raw`^KeyError: 'final_loss' is not a column of runs; did you mean 'final_val_loss'\? ` +
        String.raw`\(columns: run_id, track, record, `,
    );
    assert.throws(() => (runs as unknown as Record<string, unknown>)["final_loss"], {
      name: "KeyError",
      message: expected,
    });
    assert.throws(() => runs.column("final_loss"), { message: expected });
    assert.throws(() => runs.sortValues("final_loss"), { message: expected });
    assert.throws(() => runs.groupby(["trak"]), { message: /'trak' is not a column of runs; did you mean 'track'\?/ });
    assert.throws(() => runs.loc({ columns: ["run_id", "final_loss"] }), { message: expected });
    // Frames derived from a checked frame are checked too.
    const medium = runs.loc({ rows: runs["track"].eq("track2") });
    assert.throws(() => (medium as unknown as Record<string, unknown>)["final_loss"], { message: expected });
    // Names that await, JSON and inspectors probe are not columns and read as undefined.
    assert.equal((runs as unknown as { then?: unknown }).then, undefined);
  });

  it("sorts with missing values last (both directions), stable, keeping each row's index", () => {
    const sorted = runs.sortValues("time_to_target_s");
    const values = sorted["time_to_target_s"].values as number[];
    const present = plain.map((r) => r.timeToTargetS).filter((v): v is number => v !== null);
    const min = Math.min(...present);
    assert.ok(Math.abs(values[0] - min) < 1e-3 * min, `first ${values[0]}, true minimum ${min}`);
    assert.ok(
      values.slice(0, present.length).every((v, i) => i === 0 || values[i - 1] <= v),
      "ascending",
    );
    assert.ok(
      values.slice(present.length).every((v) => Number.isNaN(v)),
      "missing last",
    );
    const down = runs.sortValues("time_to_target_s", { ascending: false })["time_to_target_s"].values as number[];
    assert.ok(Math.abs(down[0] - Math.max(...present)) < 1e-3 * Math.max(...present));
    assert.ok(Number.isNaN(down[down.length - 1]), "missing last when descending too");
    // The row keeps its index label, as in pandas: the minimum's label is its position in the loaded table.
    const first = plain.findIndex((r) => r.runId === (sorted["run_id"].values as string[])[0]);
    assert.equal(sorted.index[0], first);
    assert.deepEqual(sortOrder([3, NaN, 1, "", 1, null, 2]), [2, 4, 6, 0, 1, 3, 5]);
    assert.deepEqual(sortOrder(["b", "a", NaN, "c"], false), [3, 0, 1, 2]);
    assert.deepEqual((runs["final_val_loss"].sortValues().values as number[]).slice(0, 1), [
      Math.min(...plain.flatMap((r) => (r.finalValLoss === null ? [] : [r.finalValLoss]))),
    ]);
    assert.throws(() => runs.sortValues("record", { inplace: true }), /inplace is not supported here/);
  });

  it("filters with a boolean mask by query on any frame, filtered ones included", () => {
    const medium = runs.query(runs["track"].eq("track2"));
    assert.equal(medium.shape[0], plain.filter((r) => r.track === "track2").length);
    const below = medium.query(medium["final_val_loss"].lt(2.925));
    assert.deepEqual(
      below["run_id"].values,
      plain
        .filter((r) => r.track === "track2" && r.finalValLoss !== null && r.finalValLoss < 2.925)
        .map((r) => r.runId),
    );
    assert.throws(() => runs.query([true]), /the mask has 1 values but the frame has \d+ rows/);
    assert.throws(() => runs.query("record > 3" as never), /expected a boolean mask/);
  });

  it("describe skips missing values, as pandas does", () => {
    const losses = plain.map((r) => r.finalValLoss).filter((v): v is number => v !== null);
    const d = runs.describe();
    const row = (name: string) => (d["final_val_loss"].values as number[])[d.index.indexOf(name)];
    assert.equal(row("count"), losses.length);
    const mean = losses.reduce((a, b) => a + b, 0) / losses.length;
    assert.ok(Math.abs(row("mean") - mean) < 1e-6, `${row("mean")} vs ${mean}`);
    assert.ok(Math.abs(row("min") - Math.min(...losses)) < 1e-6 && Math.abs(row("max") - Math.max(...losses)) < 1e-6);
    assert.ok(row("std") > 0);
  });

  it("group-by aggregates count non-missing values and skip missing ones", () => {
    const g = runs.groupby(["track"]).col(["final_val_loss"]).count();
    const counts = Object.fromEntries((g.values as unknown[][]).map((r) => [r[0], r[1]]));
    for (const track of ["track1", "track2", "nanochat"])
      assert.equal(counts[track], plain.filter((r) => r.track === track && r.finalValLoss !== null).length, track);
    assert.equal(counts.nanochat, 0, "nanochat's final losses are all empty");
    const agg = runs.groupby(["track"]).agg({ final_val_loss: ["mean", "count"], record: "max" });
    assert.deepEqual(agg.columns, ["track", "final_val_loss_mean", "final_val_loss_count", "record_max"]);
    const t2 = (agg.values as number[][]).find((r) => (r[0] as unknown) === "track2")!;
    const t2Losses = plain
      .filter((r) => r.track === "track2" && r.finalValLoss !== null)
      .map((r) => r.finalValLoss as number);
    assert.ok(Math.abs(t2[1] - t2Losses.reduce((a, b) => a + b, 0) / t2Losses.length) < 1e-6);
    assert.equal(
      t2[3],
      Math.max(...plain.filter((r) => r.track === "track2" && r.record !== null).map((r) => r.record as number)),
    );
    assert.throws(() => runs.groupby(["track"]).agg({ record: "average" }), /unknown aggregate 'average' for record/);
    assert.equal(aggregate([1, NaN, 3, ""], "mean"), 2);
    assert.ok(Number.isNaN(aggregate([NaN], "median")));
  });

  it("wraps a user's own frame, and suggests only near names", () => {
    const dfd = require("danfojs-node") as typeof import("danfojs-node");
    const mine = checkedFrame(new dfd.DataFrame({ loss: [3, NaN, 2], step: [1, 2, 3] }), "mine");
    assert.deepEqual(mine.sortValues("loss")["step"].values, [3, 1, 2]);
    assert.throws(() => mine.column("zzzzzz"), {
      message: "KeyError: 'zzzzzz' is not a column of mine (columns: loss, step)",
    });
    assert.equal(closest("val_los", ["val_loss", "step"]), "val_loss");
  });
});
