// A fitting problem in the solver's terms: log inputs, the loss on the fitted scale, weights, and the objective.
import type { LogInputs, LossSpec, ModelSpec } from "./types";

export const LOSS_LS = 0;
export const LOSS_LS_LOG = 1;
export const LOSS_HUBER = 2;

export interface Problem {
  readonly model: ModelSpec;
  readonly x: LogInputs;
  /** Observed loss. */
  readonly y: Float64Array;
  /** log of observed loss. */
  readonly ly: Float64Array;
  /** Per-point weights (1 when the caller gave none). */
  readonly w: Float64Array;
  readonly lossKind: number;
  /** Huber delta (ignored for least squares). */
  readonly delta: number;
  readonly n: number;
  readonly p: number;
}

/** A transferable description of a problem (model by name) for worker threads. */
export interface ProblemMessage {
  readonly model: string;
  readonly cols: readonly Float64Array[];
  readonly y: Float64Array;
  readonly w: Float64Array;
  readonly lossKind: number;
  readonly delta: number;
}

export function lossCode(loss: LossSpec): { kind: number; delta: number } {
  if (loss === "ls") return { kind: LOSS_LS, delta: 0 };
  if (loss === "ls_log") return { kind: LOSS_LS_LOG, delta: 0 };
  return { kind: LOSS_HUBER, delta: loss.huber };
}

export function lossLabel(loss: LossSpec): string {
  return typeof loss === "string" ? loss : `huber:${loss.huber}`;
}

export function makeProblem(
  model: ModelSpec,
  cols: readonly Float64Array[],
  y: Float64Array,
  w: Float64Array,
  lossKind: number,
  delta: number,
): Problem {
  const n = y.length;
  const ly = new Float64Array(n);
  for (let i = 0; i < n; i++) ly[i] = Math.log(y[i]);
  return { model, x: { cols, n }, y, ly, w, lossKind, delta, n, p: model.paramNames.length };
}

/**
 * The objective at given predictions: sum_i w_i rho(r_i), with r = y - L on the loss scale ("ls") or r = log y - log L
 * ("ls_log", huber). rho is r^2 for least squares and scipy.special.huber's 0.5 r^2 / delta (|r| - delta / 2) for
 * Huber, summed not averaged (Besiroglu et al. 2024: averaging made L-BFGS stop early).
 */
export function objectiveAt(problem: Problem, logPred: Float64Array, w: Float64Array): number {
  const { n, lossKind, delta, y, ly } = problem;
  let f = 0;
  if (lossKind === LOSS_HUBER) {
    for (let i = 0; i < n; i++) {
      const r = ly[i] - logPred[i];
      const ar = r < 0 ? -r : r;
      f += w[i] * (ar <= delta ? 0.5 * r * r : delta * (ar - 0.5 * delta));
    }
  } else if (lossKind === LOSS_LS_LOG) {
    for (let i = 0; i < n; i++) {
      const r = ly[i] - logPred[i];
      f += w[i] * r * r;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const r = y[i] - Math.exp(logPred[i]);
      f += w[i] * r * r;
    }
  }
  return f;
}
