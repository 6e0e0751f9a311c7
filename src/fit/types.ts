// Types of the fitting engine. A model is data (names, bounds, start grids, a batch predictor), not a code path.

/** How the fitted model's inputs were transformed before the solver saw them: every model here works on log inputs. */
export interface LogInputs {
  /** One Float64Array per input column (e.g. [log N, log D]), each of length n. */
  readonly cols: readonly Float64Array[];
  readonly n: number;
}

/** Summary of the data a start grid may adapt to (e.g. the range of log x and of the loss). */
export interface GridContext {
  readonly logXMin: readonly number[];
  readonly logXMax: readonly number[];
  readonly logYMin: number;
  readonly logYMax: number;
}

/**
 * One scaling-law form. Internal parameters (`internalNames`) are what the solver moves: log-scale coefficients and
 * exponents, so inputs of 1e18 FLOPs stay well conditioned (Hoffmann et al. 2022 fit the LSE form for this reason).
 * `paramNames` are the natural parameters reported to users (E, A, alpha, ...).
 */
export interface ModelSpec {
  readonly name: string;
  readonly description: string;
  /** Names of the input columns, in order (e.g. ["N", "D"]). */
  readonly inputs: readonly string[];
  /** Natural parameter names, reported in results. */
  readonly paramNames: readonly string[];
  /** Internal (solver) parameter names, same length as paramNames. */
  readonly internalNames: readonly string[];
  /**
   * Box bounds on internal parameters; the solver projects onto them and reports status hit_bound when one is active.
   */
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  /** Start grids in internal parameters, by preset name ("default" is required). */
  readonly grids: Readonly<Record<string, (ctx: GridContext) => number[][]>>;
  /**
   * Batch predictor: writes log L(x_i; theta) into logPred[i] and, when jac is given, d logL / d theta_j into
   * jac[i * p + j]. Must be analytic and allocation-free; it is the hot loop of every fit.
   */
  logPredict(theta: ArrayLike<number>, x: LogInputs, logPred: Float64Array, jac: Float64Array | null): void;
  /** Internal -> natural parameters (same order as paramNames). */
  toNatural(theta: ArrayLike<number>): number[];
  /** Natural -> internal parameters (used for synthetic data, warm starts and user-given starts). */
  fromNatural(natural: ArrayLike<number>): number[];
}

export type LossSpec = "ls" | "ls_log" | { readonly huber: number };

export interface FitOptions {
  /**
   * Objective: "ls" (sum of squared residuals on loss), "ls_log" (on log loss), { huber: delta } on log-loss residuals,
   * summed. Default { huber: 1e-3 }.
   */
  readonly loss?: LossSpec;
  /** Start grid preset of the model ("default"; "hoffmann" for chinchilla), or explicit internal-parameter starts. */
  readonly grid?: string | readonly (readonly number[])[];
  /** Bootstrap percentile intervals: resample rows with replacement `resamples` times from seeded generator. */
  readonly bootstrap?: { readonly resamples: number; readonly seed: number };
  /** Confidence level of `ci` (default 0.95). */
  readonly level?: number;
  /** Worker threads for multi-start and bootstrap (default: min(2, CPUs)); 1 runs in the calling thread. */
  readonly workers?: number;
  /**
   * Solver of every descent: screening, full solves of the best starts and bootstrap refits. "ml" (default):
   * ml-levenberg-marquardt 4.1.3 (src/fit/mlSolve.ts: its error is the exact objective, its difference probes are
   * answered from the analytic Jacobian with an IRLS step model, our relative stopping tests end its runs). "lm": our
   * bounded Levenberg-Marquardt kernel (src/fit/solver.ts). Either way our kernel then polishes the best solution and
   * reports its status (`solvers.polish` says how far it moved it; with "ml" on Epoch's data: 1 iteration, no change).
   */
  readonly solver?: "lm" | "ml";
  /** Solver of the screening iterations only (default: the same as `solver`). */
  readonly screenSolver?: "lm" | "ml";
  /**
   * Starts that get the full solve after screening (default 64); all starts are screened. 0 = solve every start fully.
   */
  readonly refineTop?: number;
  /** Screening iterations run on every start before ranking (default 4). */
  readonly screenIterations?: number;
  /** Iteration cap of one full solve (default 500). */
  readonly maxIterations?: number;
  /** Relative objective tolerance for convergence (default 1e-13). */
  readonly ftol?: number;
  /** Relative step tolerance for convergence (default 1e-11). */
  readonly xtol?: number;
  /** How many of the best starts to summarise in `starts.top` (default 10). */
  readonly topK?: number;
  /** Keep bootstrap samples in the result (needed for derived-quantity intervals; default true). */
  readonly keepSamples?: boolean;
}

/**
 * "unidentifiable": the data cannot determine the parameters (an input that never varies, fewer distinct x than
 * parameters); the parameters are the solver's last point, one of many equally good ones, and must not be read.
 */
export type FitStatus = "converged" | "hit_bound" | "max_iterations" | "unidentifiable" | "failed";

export interface StartsSummary {
  /** Starts tried. */
  readonly count: number;
  /** Starts solved fully after screening. */
  readonly refined: number;
  /** Refined starts that ended converged or hit_bound. */
  readonly converged: number;
  /** Index (in the grid) of the start that produced the best solution. */
  readonly bestIndex: number;
  /** The best `topK` refined solutions: objective range and per-parameter [min, max] (natural form). */
  readonly topK: number;
  readonly topObjective: readonly [number, number];
  readonly topParams: Readonly<Record<string, readonly [number, number]>>;
  /** How many refined solutions reached the best objective to 1e-9 relative. */
  readonly atBest: number;
}

export interface BootstrapSummary {
  readonly resamples: number;
  readonly seed: number;
  /** Resamples whose fit failed (excluded from intervals). */
  readonly failed: number;
  /** Natural parameter samples, by name (present unless keepSamples is false). Order = resample index. */
  readonly samples: Readonly<Record<string, readonly number[]>> | null;
  /** Standard deviation of each parameter over resamples. */
  readonly sd: Readonly<Record<string, number>>;
}

export interface ParallelInfo {
  /** Threads requested (options.workers). */
  readonly requested: number;
  /** Threads that ran fit work: 1 = the calling thread alone, 2 = the calling thread and one worker thread. */
  readonly threads: number;
  /** Why fewer threads than requested ran, or null. */
  readonly note: string | null;
}

/** "ml-levenberg-marquardt" (the mljs package, src/fit/mlSolve.ts) or "lm-kernel" (our kernel, src/fit/solver.ts). */
export type SolverLabel = "ml-levenberg-marquardt" | "lm-kernel";

/** Which solver did what, with the iterations each spent on the returned solution. */
export interface SolverStages {
  /** Screening of every start (null when every start was solved fully). */
  readonly screen: { readonly solver: SolverLabel; readonly iterations: number } | null;
  /** Full solve of the start that gave the best solution. */
  readonly refine: { readonly solver: SolverLabel; readonly iterations: number };
  /** Polish of the best solution, and how much it lowered the refined objective (0 when it did not). */
  readonly polish: { readonly solver: SolverLabel; readonly iterations: number; readonly objectiveDecrease: number };
  /** Bootstrap refits (null without bootstrap). */
  readonly bootstrap: SolverLabel | null;
}

export interface FitResult {
  readonly model: string;
  readonly inputs: readonly string[];
  readonly paramNames: readonly string[];
  /** Natural parameters by name. */
  readonly params: Readonly<Record<string, number>>;
  /** Internal (log-form) parameters by internal name, e.g. { a, b, e, alpha, beta } for chinchilla. */
  readonly paramsInternal: Readonly<Record<string, number>>;
  /** Standard errors from the Jacobian at the optimum (delta method into natural form); null where singular. */
  readonly se: Readonly<Record<string, number | null>>;
  /** Heteroscedasticity-consistent (sandwich, HC1) standard errors from the same Jacobian; null where singular. */
  readonly seRobust: Readonly<Record<string, number | null>>;
  /** Bootstrap percentile intervals at `level`, or null without bootstrap. */
  readonly ci: Readonly<Record<string, readonly [number, number]>> | null;
  readonly level: number;
  readonly loss: string;
  readonly objective: number;
  readonly status: FitStatus;
  readonly reason: string;
  readonly iterations: number;
  readonly solvers: SolverStages;
  readonly starts: StartsSummary;
  readonly bootstrap: BootstrapSummary | null;
  /** Gaussian information criteria on the residuals of the fitted scale (log loss unless loss is "ls"). */
  readonly aic: number;
  readonly bic: number;
  /** Root-mean-square residual on the fitted scale. */
  readonly rmse: number;
  readonly n: number;
  /** Wall time of the whole call, and of its bootstrap part (null without bootstrap). */
  readonly seconds: number;
  readonly bootstrapSeconds: number | null;
  readonly parallel: ParallelInfo;
}
