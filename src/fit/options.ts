// Defaults of fitModel in one place, and the one function that validates options and returns a complete object.
import type { FitOptions, LossSpec, ModelSpec } from "./types";
import { availableParallelism } from "node:os";

export interface ResolvedFitOptions {
  readonly loss: LossSpec;
  readonly grid: string | readonly (readonly number[])[];
  readonly bootstrap: { readonly resamples: number; readonly seed: number } | null;
  readonly level: number;
  readonly workers: number;
  readonly refineTop: number;
  readonly screenIterations: number;
  readonly maxIterations: number;
  readonly ftol: number;
  readonly xtol: number;
  readonly topK: number;
  readonly keepSamples: boolean;
  readonly solver: "lm" | "ml";
  readonly screenSolver: "lm" | "ml";
}

export const fitDefaults = {
  loss: { huber: 1e-3 } as LossSpec,
  grid: "default",
  level: 0.95,
  refineTop: 64,
  screenIterations: 4,
  maxIterations: 500,
  ftol: 1e-13,
  xtol: 1e-11,
  topK: 10,
  keepSamples: true,
  solver: "ml",
} as const;

/** Default thread count: both cores on the project's 2-core machines, never more than the machine has. */
function defaultWorkers(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** Parses "ls", "ls_log", "huber" (delta 1e-3) or "huber:<delta>"; throws naming the bad value. */
export function parseLoss(loss: unknown): LossSpec {
  if (loss === "ls" || loss === "ls_log") return loss;
  if (loss === "huber") return { huber: 1e-3 };
  if (typeof loss === "string" && loss.startsWith("huber:")) {
    const delta = Number(loss.slice(6));
    if (Number.isFinite(delta) && delta > 0) return { huber: delta };
  }
  if (typeof loss === "object" && loss !== null && "huber" in loss) {
    const delta = (loss as { huber: unknown }).huber;
    if (typeof delta === "number" && Number.isFinite(delta) && delta > 0) return { huber: delta };
  }
  throw new Error(
    `invalid loss: ${JSON.stringify(loss)} (expected "ls", "ls_log", "huber:<delta>" or { huber: delta } with ` +
      `delta > 0)`,
  );
}

function positiveInt(name: string, v: unknown, min: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min)
    throw new Error(`invalid option ${name}: ${JSON.stringify(v)} (expected an integer >= ${min})`);
  return v;
}

function positiveNumber(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0)
    throw new Error(`invalid option ${name}: ${JSON.stringify(v)} (expected a positive number)`);
  return v;
}

export function resolveFitOptions(model: ModelSpec, options: FitOptions = {}): ResolvedFitOptions {
  const known = new Set([
    "loss",
    "grid",
    "bootstrap",
    "level",
    "workers",
    "refineTop",
    "screenIterations",
    "maxIterations",
    "ftol",
    "xtol",
    "topK",
    "keepSamples",
    "solver",
    "screenSolver",
  ]);
  for (const key of Object.keys(options))
    if (!known.has(key)) throw new Error(`invalid option ${key} (expected one of ${[...known].join(", ")})`);
  const loss = options.loss === undefined ? fitDefaults.loss : parseLoss(options.loss);
  const p = model.paramNames.length;
  let grid: string | readonly (readonly number[])[] = options.grid ?? fitDefaults.grid;
  if (typeof grid === "string") {
    if (!Object.prototype.hasOwnProperty.call(model.grids, grid)) {
      throw new Error(
        `invalid option grid: ${grid} (model ${model.name} has grids: ${Object.keys(model.grids).join(", ")})`,
      );
    }
  } else {
    if (!Array.isArray(grid) || grid.length === 0)
      throw new Error("invalid option grid: expected a preset name or a non-empty array of starts");
    grid.forEach((s, i) => {
      if (!Array.isArray(s) || s.length !== p || !s.every((v) => Number.isFinite(v))) {
        throw new Error(
          `invalid option grid: start ${i} = ${JSON.stringify(s)} (expected ${p} finite internal ` +
            `parameters ${model.internalNames.join(", ")})`,
        );
      }
    });
    grid = grid.map((s) => [...s]);
  }
  let bootstrap: ResolvedFitOptions["bootstrap"] = null;
  if (options.bootstrap !== undefined) {
    const b = options.bootstrap;
    const resamples = positiveInt("bootstrap.resamples", b.resamples, 1);
    if (typeof b.seed !== "number" || !Number.isInteger(b.seed) || b.seed < 0 || b.seed > 0xffffffff) {
      throw new Error(`invalid option bootstrap.seed: ${JSON.stringify(b.seed)} (expected an integer in [0, 2^32))`);
    }
    bootstrap = { resamples, seed: b.seed };
  }
  const solver = options.solver ?? fitDefaults.solver;
  if (solver !== "lm" && solver !== "ml")
    throw new Error(`invalid option solver: ${JSON.stringify(solver)} (expected "lm" or "ml")`);
  // Screening uses the same solver as the full solves unless told otherwise.
  const screenSolver = options.screenSolver ?? solver;
  if (screenSolver !== "lm" && screenSolver !== "ml")
    throw new Error(`invalid option screenSolver: ${JSON.stringify(screenSolver)} (expected "lm" or "ml")`);
  const level = options.level ?? fitDefaults.level;
  if (typeof level !== "number" || !(level > 0 && level < 1))
    throw new Error(`invalid option level: ${JSON.stringify(level)} (expected a number in (0, 1))`);
  return {
    loss,
    grid,
    bootstrap,
    level,
    workers: options.workers === undefined ? defaultWorkers() : positiveInt("workers", options.workers, 1),
    refineTop: options.refineTop === undefined ? fitDefaults.refineTop : positiveInt("refineTop", options.refineTop, 0),
    screenIterations:
      options.screenIterations === undefined
        ? fitDefaults.screenIterations
        : positiveInt("screenIterations", options.screenIterations, 1),
    maxIterations:
      options.maxIterations === undefined
        ? fitDefaults.maxIterations
        : positiveInt("maxIterations", options.maxIterations, 1),
    ftol: options.ftol === undefined ? fitDefaults.ftol : positiveNumber("ftol", options.ftol),
    xtol: options.xtol === undefined ? fitDefaults.xtol : positiveNumber("xtol", options.xtol),
    topK: options.topK === undefined ? fitDefaults.topK : positiveInt("topK", options.topK, 1),
    keepSamples: options.keepSamples ?? fitDefaults.keepSamples,
    solver,
    screenSolver,
  };
}
