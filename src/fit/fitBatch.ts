// Many independent fits at once, spread over the calling thread and the pool's worker threads (pool.ts): the
// analysis's per-record power-law fits, each small (about 20 ms), are run as a list split across the threads instead of
// one after another on the main thread. Each fit runs single-threaded wherever it lands, with the same code, so the
// results do not depend on the split or on the number of threads.
import { fitModel } from "./fitModel";
import { runListParallel } from "./pool";
import type { FitOptions } from "./types";

/** One fit of a batch: a model by name, its x rows and y. */
export interface BatchFit {
  readonly x: readonly (readonly number[])[];
  readonly y: readonly number[];
}

/**
 * What a batch returns per fit: the natural parameters, status, reason and point count (the rest of FitResult stays in
 * the thread).
 */
export interface BatchFitResult {
  readonly params: Readonly<Record<string, number>>;
  readonly status: string;
  readonly reason: string;
  readonly n: number;
}

interface FitBatchTask {
  readonly kind: "fitBatch";
  readonly model: string;
  readonly fits: readonly BatchFit[];
  readonly options: FitOptions;
}

/**
 * Runs a batch's fits in this thread, each with one thread. Exported for worker.js, which calls it by name
 * (`load("fitBatch").runFitBatch`): without the export every worker share failed and was redone in the calling thread,
 * so the analysis's curve fits ran on one core (issue 22).
 */
export function runFitBatch(task: FitBatchTask): BatchFitResult[] {
  return task.fits.map((f) => {
    const r = fitModel(task.model, { x: f.x.map((row) => [...row]), y: [...f.y] }, { ...task.options, workers: 1 });
    return { params: { ...r.params }, status: r.status, reason: r.reason, n: r.n };
  });
}

/**
 * Fits every item of `fits` with `model` and `options` (bootstrap not allowed: a batch returns parameters only), on up
 * to `threads` threads (the calling one included); results in the order of `fits`.
 */
export function fitBatch(
  model: string,
  fits: readonly BatchFit[],
  options: FitOptions = {},
  threads = 2,
): BatchFitResult[] {
  const { workers: _ignored, ...rest } = options;
  return runListParallel<FitBatchTask, BatchFitResult>(
    fits.length,
    threads,
    (indices) => ({ kind: "fitBatch", model, fits: indices.map((i) => fits[i]), options: rest }),
    runFitBatch,
  );
}
