// The embedded dataset as danfojs-node DataFrames, for notebooks. Its own module, reached from the library's second
// entry point (src/frames.ts, "../build/frames" in a notebook), not from the main one: danfojs's type declarations
// bring tfjs's and plotly.js's with them, and the kernel type-checks a cell against every declaration its imports reach
// (about 0.2 s of the first cell in every notebook, charged even where no DataFrame is used).
import type { DataFrame } from "danfojs-node";
import Module from "node:module";
import { dirname } from "node:path";
import { checkedFrame } from "./checkedFrame";
import { loadDataset, readDatasetTables, type RawTable } from "./loadDataset";
import { DATASET_DIR } from "./sharedDir";

export interface DatasetFrames {
  readonly records: DataFrame;
  readonly runs: DataFrame;
  readonly evals: DataFrame;
  readonly trainLosses: DataFrame;
}

/** Columns read as numbers in the DataFrames (empty cells become NaN); the rest stay strings, `diverged` boolean. */
const NUMERIC_COLUMNS = new Set([
  "record",
  "record_row",
  "time_s",
  "n_params",
  "n_params_non_embedding",
  "total_steps",
  "total_tokens",
  "train_time_s",
  "final_val_loss",
  "target_loss",
  "tokens_to_target",
  "time_to_target_s",
  "gpus",
  "n_layer",
  "model_dim",
  "tokens_to_target_interp",
  "time_to_target_interp_s",
  "val_bpb",
  "core_score",
  "n_evals",
  "step",
  "tokens",
  "n_params_matmul",
  "flops_per_token",
  "train_time_ms",
  "val_loss",
  "source_line",
  "train_loss",
]);

/**
 * Packages danfojs-node loads as it starts but a DataFrame built from columns never calls: mathjs (statistics such as
 * describe, std), TensorFlow.js (tensors, scalers, encoders), xlsx (Excel files) and request (CSV/JSON over HTTP). They
 * are most of danfojs-node's start-up (about 1.5 s of 2 s on an idle core; 8 s of 11 under load): each is required on
 * first use instead, by a stand-in that loads the real module when one of its members is first read or it is called.
 */
const DEFERRED = new Set(["mathjs", "@tensorflow/tfjs-node", "xlsx", "request"]);

function deferred(load: () => unknown): unknown {
  let real: unknown = null;
  const get = () => (real ??= load()) as Record<PropertyKey, unknown> & ((...a: unknown[]) => unknown);
  // A function target, so that a module that is itself a function (request) can be called.
  return new Proxy(function deferredModule() {}, {
    // TypeScript's __importDefault asks every module for __esModule as danfojs loads: answered without loading (none of
    // the four is an ES module compiled to CommonJS that danfojs imports by default).
    get: (_t, key) => (key === "__esModule" ? undefined : Reflect.get(get(), key)),
    set: (_t, key, value) => Reflect.set(get(), key, value),
    has: (_t, key) => Reflect.has(get(), key),
    apply: (_t, self, args) => Reflect.apply(get(), self, args),
    construct: (_t, args) => Reflect.construct(get() as unknown as new (...a: unknown[]) => object, args),
  });
}

type Load = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;

/** danfojs-node, with DEFERRED packages required on first use (those danfojs's own files ask for). */
function requireDanfo(): typeof import("danfojs-node") {
  const root = dirname(require.resolve("danfojs-node/package.json"));
  const loader = Module as unknown as { _load: Load };
  const load = loader._load;
  loader._load = function (request, parent, isMain) {
    if (DEFERRED.has(request) && parent?.filename?.startsWith(root))
      return deferred(() => load.call(this, request, parent, isMain));
    return load.call(this, request, parent, isMain);
  };
  try {
    return require("danfojs-node") as typeof import("danfojs-node");
  } finally {
    loader._load = load;
  }
}

/**
 * A table's columns by name, typed (NUMERIC_COLUMNS as numbers, empty cells NaN; `diverged` boolean; the rest text).
 */
function columnsOf(table: RawTable): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  // A repeated column name keeps its first place and its last column's cells, as an object per row did.
  table.header.forEach((name, i) => {
    const cells = table.rows.map((r) => r[i]);
    out[name] = NUMERIC_COLUMNS.has(name)
      ? cells.map((v) => (v === "" ? NaN : Number(v)))
      : name === "diverged"
        ? cells.map((v) => v === "true")
        : cells;
  });
  return out;
}

/**
 * The CSV tables as danfojs-node DataFrames, every column named as in the file. Each file is read once: the same
 * parsed tables are checked as loadDataset checks them (naming file, line and column on failure) and become the
 * frames' columns. danfojs keeps numbers as float32 (about 7 significant digits: token counts lose their last digits),
 * so exact figures come from loadDataset. danfojs-node is loaded on first use (the ingest path never needs it), and
 * its heavy dependencies when a frame first needs them (DEFERRED). Each frame is a checked frame (checkedFrame.ts): a
 * misspelt column is an error, sorting puts missing values last, describe and group-by aggregates skip them.
 */
export function loadDataFrames(dir: string = DATASET_DIR): DatasetFrames {
  const tables = readDatasetTables(dir);
  loadDataset(dir, tables); // validates every cell, naming file, line and column on failure
  const dfd = requireDanfo();
  const frame = (t: RawTable, name: string): DataFrame => checkedFrame(new dfd.DataFrame(columnsOf(t)), name);
  return {
    records: frame(tables.records, "records"),
    runs: frame(tables.runs, "runs"),
    evals: frame(tables.evals, "evals"),
    trainLosses: frame(tables.trainLosses, "trainLosses"),
  };
}
