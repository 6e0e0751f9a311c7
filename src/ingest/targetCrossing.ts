// Tokens and time to reach a target val loss: the first evaluation at or below it (what the speedrun rules count), and
// a linear interpolation in val loss between that evaluation and the one before (an estimate, named as such).
import type { EvalPoint } from "../types";

export interface TargetCrossing {
  readonly tokensToTarget: number | null;
  readonly timeToTargetS: number | null;
  readonly tokensToTargetInterp: number | null;
  readonly timeToTargetInterpS: number | null;
  /** Step of the first evaluation at or below the target, null when none is. */
  readonly step: number | null;
}

export function targetCrossing(evals: readonly EvalPoint[], targetLoss: number): TargetCrossing {
  const i = evals.findIndex((e) => e.valLoss <= targetLoss);
  if (i < 0)
    return {
      tokensToTarget: null,
      timeToTargetS: null,
      tokensToTargetInterp: null,
      timeToTargetInterpS: null,
      step: null,
    };
  const hit = evals[i];
  const prev = i > 0 ? evals[i - 1] : null;
  const timeS = hit.trainTimeMs === null ? null : hit.trainTimeMs / 1000;
  if (prev === null || prev.valLoss === hit.valLoss) {
    return {
      tokensToTarget: hit.tokens,
      timeToTargetS: timeS,
      tokensToTargetInterp: hit.tokens,
      timeToTargetInterpS: timeS,
      step: hit.step,
    };
  }
  const f = (prev.valLoss - targetLoss) / (prev.valLoss - hit.valLoss); // in (0, 1]
  const lerp = (a: number | null, b: number | null): number | null =>
    a === null || b === null ? null : a + f * (b - a);
  const timeInterpMs = lerp(prev.trainTimeMs, hit.trainTimeMs);
  return {
    tokensToTarget: hit.tokens,
    timeToTargetS: timeS,
    tokensToTargetInterp: lerp(prev.tokens, hit.tokens),
    timeToTargetInterpS: timeInterpMs === null ? null : timeInterpMs / 1000,
    step: hit.step,
  };
}
