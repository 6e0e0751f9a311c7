// One catalogue in, one answer out: the function behind `npm run scale` and the notebooks. Fits the scale model to a
// catalogue's measurements and predicts every pair at one compute budget with its 95% interval.
import { readFileSync } from "node:fs";
import type { TransferMeasurement } from "../types";
import { parseScaleCatalogue } from "./catalogueCsv";
import { fitScaleModel, predictPairs, type ScaleFit, type ScaleFitOptions, type ScaleVerdictWord } from "./fit";
import { groupScalePairs, type ExcludedScaleRow } from "./pairs";

export interface ScaleAnswerPair {
  readonly pair_id: string;
  readonly flops: number;
  /** Posterior median; null when the catalogue does not identify the trend. */
  readonly multiplier: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  /** "fitted" (points at two or more compute values) or "one-sided" (predicted from the fit and its own point). */
  readonly role: "fitted" | "one-sided";
  /** The at compute lies beyond the pair's measured range: the number assumes ln M stays linear in log10 FLOPs. */
  readonly extrapolated: boolean;
}

export interface ScaleAnswer {
  readonly catalogue: string;
  readonly verdict: ScaleVerdictWord;
  readonly reason: string;
  readonly parameters: Record<string, { estimate: number; lo: number; hi: number }> | null;
  readonly pairs: readonly ScaleAnswerPair[];
  readonly measured_flops: { readonly min: number; readonly max: number } | null;
  readonly assumption: string;
  readonly excluded: readonly ExcludedScaleRow[];
}

export const SCALE_ASSUMPTION =
  "beyond the measured compute, each pair's ln M stays linear in log10 FLOPs with the slope the fit gives a " +
  "gain of its size " +
  "(beta0 + beta1 * ln M at 1e18 FLOPs, spread tau); intervals are 95% posterior intervals, calibrated by " +
  "simulation (bench/scaleModel.ts)";

interface ScaleAnswerDetail {
  readonly answer: ScaleAnswer;
  readonly fit: ScaleFit;
}

/** Fits `measurements` and predicts every pair at 10^log10At FLOPs. */
function scaleAnswerDetail(
  name: string,
  measurements: readonly TransferMeasurement[],
  at: number,
  options: ScaleFitOptions = {},
): ScaleAnswerDetail {
  if (!(at > 0) || !Number.isFinite(at))
    throw new Error(`scaleAnswer: invalid compute ${at} (expected a positive number of FLOPs)`);
  const set = groupScalePairs(measurements);
  const fit = fitScaleModel(set.pairs, options);
  const log10At = Math.log10(at);
  const identified = fit.status === "ok";
  const preds = identified
    ? [
        ...predictPairs(fit, log10At, { seed: options.seed }).map((p) => ({ p, role: "fitted" as const })),
        ...predictPairs(fit, log10At, { seed: options.seed, pairs: set.oneSided }).map((p) => ({
          p,
          role: "one-sided" as const,
        })),
      ]
    : [];
  const pairs: ScaleAnswerPair[] = identified
    ? preds.map(({ p, role }) => ({
        pair_id: p.pairId,
        flops: at,
        multiplier: p.multiplier,
        lo: p.lo,
        hi: p.hi,
        role,
        extrapolated: log10At > p.measuredTo + 1e-9 || log10At < p.measuredFrom - 1e-9,
      }))
    : [...set.pairs, ...set.oneSided].map((p) => ({
        pair_id: p.pairId,
        flops: at,
        multiplier: null,
        lo: null,
        hi: null,
        role: "fitted" as const,
        extrapolated: true,
      }));
  const q = fit.parameters;
  return {
    fit,
    answer: {
      catalogue: name,
      verdict: fit.verdict,
      reason: identified ? fit.verdictReason : fit.reason,
      parameters: q
        ? {
            beta0: q.beta0,
            beta1: q.beta1,
            tau: q.tau,
            sigma: q.sigma,
            typical_slope: q.typicalSlope,
          }
        : null,
      pairs,
      measured_flops:
        fit.log10FlopsMin === null ? null : { min: 10 ** fit.log10FlopsMin, max: 10 ** (fit.log10FlopsMax as number) },
      assumption: SCALE_ASSUMPTION,
      excluded: set.excluded,
    },
  };
}

export function scaleAnswer(
  name: string,
  measurements: readonly TransferMeasurement[],
  at: number,
  options: ScaleFitOptions = {},
): ScaleAnswer {
  return scaleAnswerDetail(name, measurements, at, options).answer;
}

/** Reads and fits each catalogue file in order (one process); a malformed file throws naming file, line and column. */
export function scaleAnswersFromFiles(
  paths: readonly string[],
  at: number,
  options: ScaleFitOptions = {},
): ScaleAnswer[] {
  const parsed = paths.map((p) => {
    let text: string;
    try {
      text = readFileSync(p, "utf8");
    } catch (e) {
      throw new Error(`${p}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    return { p, rows: parseScaleCatalogue(text, p) };
  });
  return parsed.map(({ p, rows }) => scaleAnswer(p, rows, at, options));
}
