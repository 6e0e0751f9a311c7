// The embedded dataset as danfojs-node DataFrames, for notebooks. Its own module, reached from the library's second
// entry point (src/frames.ts, "../build/frames" in a notebook), not from the main one: danfojs's type declarations
// bring tfjs's and plotly.js's with them, and the kernel type-checks a cell against every declaration its imports reach
// (about 0.2 s of the first cell in every notebook, charged even where no DataFrame is used).
import type { DataFrame } from "danfojs-node";
import { checkedFrame } from "./checkedFrame";
import { loadDataset, readTable } from "./loadDataset";
import { DATASET_DIR } from "./sharedDir";

export interface DatasetFrames {
  readonly records: DataFrame;
  readonly runs: DataFrame;
  readonly evals: DataFrame;
  readonly trainLosses: DataFrame;
}

/** Columns read as numbers in the DataFrames (empty cells become NaN); the rest stay strings, `diverged` boolean. */
const NUMERIC_COLUMNS = new Set([
  "record", "record_row", "time_s", "n_params", "n_params_non_embedding", "total_steps", "total_tokens", "train_time_s",
  "final_val_loss", "target_loss", "tokens_to_target", "time_to_target_s", "gpus", "n_layer", "model_dim",
  "tokens_to_target_interp", "time_to_target_interp_s", "val_bpb", "core_score", "n_evals", "step", "tokens", "n_params_matmul", "flops_per_token",
  "train_time_ms", "val_loss", "source_line", "train_loss",
]);

/**
 * The CSV tables as danfojs-node DataFrames, every column named as in the file. Cells are checked as in loadDataset
 * (which runs first). danfojs keeps numbers as float32 (about 7 significant digits: token counts lose their last
 * digits), so exact figures come from loadDataset. Each frame is a checked frame (checkedFrame.ts). danfojs-node is loaded on first use: it is heavy and the ingest path never needs it.
 */
export function loadDataFrames(dir: string = DATASET_DIR): DatasetFrames {
  loadDataset(dir); // validates every cell, naming file, line and column on failure
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dfd = require("danfojs-node") as typeof import("danfojs-node");
  const frame = (name: string): DataFrame => {
    const { rows } = readTable(dir, name);
    const typed = rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, NUMERIC_COLUMNS.has(k) ? (v === "" ? NaN : Number(v)) : k === "diverged" ? v === "true" : v]),
      ),
    );
    return new dfd.DataFrame(typed);
  };
  const frames = { records: frame("records.csv"), runs: frame("runs.csv"), evals: frame("evals.csv"), trainLosses: frame("train_losses.csv") };
  // The checked layer (checkedFrame.ts): a misspelt column is an error, sorting puts missing values last, describe and
  // group-by aggregates skip them.
  return {
    records: checkedFrame(frames.records, "records"),
    runs: checkedFrame(frames.runs, "runs"),
    evals: checkedFrame(frames.evals, "evals"),
    trainLosses: checkedFrame(frames.trainLosses, "trainLosses"),
  };
}
