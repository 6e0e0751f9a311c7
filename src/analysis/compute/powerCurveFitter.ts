// Adapter from the fitting engine (src/fit fitModel, model "power": L = E + A x^-alpha) to the analysis's CurveFitter.
// One thread per fit: the analysis fits many short curves, where worker start-up would cost more than it saves.
import { fitModel } from "../../fit/fitModel";
import type { FitOptions } from "../../fit/types";
import { analysisDefaults, type CurveFitSettings } from "../analysisOptions";
import { deepFreeze } from "../../deepFreeze";
import type { CurveFit, CurveFitter } from "../types";

export const powerCurveDefaults: FitOptions = deepFreeze({ loss: { huber: 1e-3 }, workers: 1 }, "powerCurveDefaults");

/** The analysis's curve-fit settings (analysisOptions.ts `curveFit`) as fitModel options. */
export function curveFitOptions(s: CurveFitSettings): FitOptions {
  return { loss: { huber: s.huberDelta }, refineTop: s.refineTop, screenIterations: s.screenIterations };
}

/**
 * Faster settings for the ~100 per-record fits of npm start: 4 refined starts after an 8-iteration screen (the
 * analysis default, `analysisDefaults.curveFit`). On the 350M llm.c curve (216 points) this gives the same parameters
 * to 7 digits as the engine's defaults in 1/5 the time.
 */
export const FAST_CURVE_FIT: FitOptions = deepFreeze(
  { refineTop: analysisDefaults.curveFit.refineTop, screenIterations: analysisDefaults.curveFit.screenIterations },
  "FAST_CURVE_FIT",
);

/** A power-law fit's result as the analysis's CurveFit (non-finite parameters: status failed). */
export function toCurveFit(r: {
  readonly params: Readonly<Record<string, number>>;
  readonly status: string;
  readonly reason: string;
  readonly n: number;
}): CurveFit {
  const ok = Number.isFinite(r.params.E) && Number.isFinite(r.params.A) && Number.isFinite(r.params.alpha);
  return {
    E: ok ? r.params.E : 0,
    A: ok ? r.params.A : 0,
    alpha: ok ? r.params.alpha : 0,
    status: ok ? (r.status as CurveFit["status"]) : "failed",
    reason: ok ? r.reason : `non-finite parameters (${r.reason})`,
    n: r.n,
  };
}

export function powerCurveFitter(options: FitOptions = {}): CurveFitter {
  const o = { ...powerCurveDefaults, ...options };
  return (tokens, valLoss): CurveFit =>
    toCurveFit(fitModel("power", { x: tokens.map((t) => [t]), y: [...valLoss] }, o));
}
