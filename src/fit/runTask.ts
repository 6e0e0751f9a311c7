// The unit of parallel work: solve a list of starts, or fit a list of bootstrap resamples. Runs the same in the calling
// thread and in a worker thread, and each item's result depends only on the item, never on which thread ran it or on
// how the list was split, so 1 and 2 workers give identical bytes.
import { getModel } from "./models/index";
import { makeProblem, type Problem, type ProblemMessage } from "./problem";
import { resampleCounts } from "./random";
import { solveWithMl } from "./mlSolve";
import { Solver, STATUS_FAILED, type SolveSettings } from "./solver";

export interface StartsTask {
  readonly kind: "starts";
  readonly problem: ProblemMessage;
  /** Row-major starts, p per row. */
  readonly starts: Float64Array;
  /** Which rows of `starts` to solve. */
  readonly indices: readonly number[];
  readonly settings: SolveSettings;
  readonly solver: "lm" | "ml";
}

export interface BootstrapTask {
  readonly kind: "bootstrap";
  readonly problem: ProblemMessage;
  /** Row-major warm starts tried for every resample (the best kept). */
  readonly starts: Float64Array;
  /** Resample numbers (0-based) to fit. */
  readonly indices: readonly number[];
  readonly seed: number;
  readonly settings: SolveSettings;
  readonly solver: "lm" | "ml";
}

export type Task = StartsTask | BootstrapTask;

/** Per item, in the order of `indices`: theta (p each), objective, iterations and status code. */
export interface TaskResult {
  readonly theta: Float64Array;
  readonly objective: Float64Array;
  readonly iterations: Int32Array;
  readonly status: Int8Array;
}

function problemFromMessage(msg: ProblemMessage): Problem {
  return makeProblem(getModel(msg.model), msg.cols, msg.y, msg.w, msg.lossKind, msg.delta);
}

export function runTask(task: Task, problem: Problem = problemFromMessage(task.problem)): TaskResult {
  const { p, n } = problem;
  const solver = new Solver(problem);
  const k = task.indices.length;
  const out: TaskResult = {
    theta: new Float64Array(k * p),
    objective: new Float64Array(k),
    iterations: new Int32Array(k),
    status: new Int8Array(k),
  };
  const starts = task.starts;
  const nStarts = starts.length / p;
  const w = new Float64Array(n);
  for (let q = 0; q < k; q++) {
    const idx = task.indices[q];
    let weights = problem.w;
    let rows: number[];
    if (task.kind === "starts") {
      rows = [idx];
    } else {
      const counts = resampleCounts(n, task.seed, idx);
      for (let i = 0; i < n; i++) w[i] = problem.w[i] * counts[i];
      weights = w;
      rows = Array.from({ length: nStarts }, (_, r) => r);
    }
    let best: { theta: Float64Array; objective: number; iterations: number; status: number } | null = null;
    for (const r of rows) {
      const start = starts.subarray(r * p, (r + 1) * p);
      const o =
        task.solver === "ml"
          ? solveWithMl(problem, start, task.settings, weights)
          : solver.solve(start, task.settings, weights);
      const ok = o.status !== STATUS_FAILED && Number.isFinite(o.objective);
      if (ok && (best === null || o.objective < best.objective)) best = o;
    }
    if (best === null) {
      out.theta.fill(NaN, q * p, (q + 1) * p);
      out.objective[q] = NaN;
      out.status[q] = STATUS_FAILED;
    } else {
      out.theta.set(best.theta, q * p);
      out.objective[q] = best.objective;
      out.iterations[q] = best.iterations;
      out.status[q] = best.status;
    }
  }
  return out;
}
