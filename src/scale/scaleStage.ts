// The project's cross-scale answer: the scale model (fit.ts) on the logs' transfer pairs plus the literature rows,
// each pair and today's recipe carried to larger budgets, and one verdict that keeps what is measured (124M to 1.5B)
// apart from what is extrapolated. runAnalysis calls scaleStage; summary.json gets scaleStageJson.
import type { TransferMeasurement } from "../types";
import {
  fitScaleModel,
  normalSource,
  predictPairs,
  scaleFitDefaults,
  summarise,
  type PosteriorInterval,
  type ScaleFit,
  type ScaleFitOptions,
} from "./fit";
import { drawPairLine, pairGaussian } from "./likelihood";
import { groupScalePairs, SCALE_MODEL_X_REF, type ExcludedScaleRow, type ScalePair } from "./pairs";
import { SCALE_ASSUMPTION } from "./answer";
import { mulberry32, streamSeed } from "../fit/random";
import type { Bounded, ScaleSummaryPart } from "../results/summary";

/** Compute grid of the extrapolation (FLOPs). */
export const SCALE_EXTRAPOLATION_FLOPS: readonly number[] = Object.freeze([1e21, 1e22, 1e23, 1e24, 1e25, 1e26]);

export interface ScaleStageSettings extends Required<ScaleFitOptions> {
  readonly extrapolationFlops: readonly number[];
}

export const scaleStageDefaults: ScaleStageSettings = Object.freeze({
  ...scaleFitDefaults,
  extrapolationFlops: SCALE_EXTRAPOLATION_FLOPS,
});

/** Today's whole recipe at 124M (the latest track-1 record vs llm.c): a value, possibly only a bound. */
export interface RecipeAnchor {
  readonly label: string;
  readonly flops: number;
  readonly multiplier: number;
  readonly logSd: number | null;
  readonly bound?: "lower" | "upper";
  /** Which headline ratio of track 1 `multiplier` is (summary.json names it; default the FLOPs ratio). */
  readonly ratio?: "flops_ratio" | "token_ratio";
}

export interface ScaleExtrapolationRow {
  /** A pair id, or "recipe_today". */
  readonly pairId: string;
  readonly category: string;
  readonly flops: number;
  /** Posterior median; null where only a bound can be said (the anchor is a bound). */
  readonly multiplier: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  /** "upper": hi is a 95% upper limit and nothing else is claimed; "lower": lo a 95% lower limit. */
  readonly bound: "lower" | "upper" | null;
  /** "fitted", "one-sided" (predicted from the fit and its own measurements) or "anchor" (today's recipe). */
  readonly role: "fitted" | "one-sided" | "anchor";
  /** Beyond the pair's measured compute: the number carries the model's assumption. */
  readonly extrapolated: boolean;
  readonly note: string;
}

export interface ScaleStageInput {
  readonly logs: readonly TransferMeasurement[];
  readonly literature: readonly TransferMeasurement[];
  readonly recipeAnchor: RecipeAnchor | null;
}

export interface ScaleStage {
  readonly fit: ScaleFit;
  readonly oneSided: readonly ScalePair[];
  readonly excluded: readonly ExcludedScaleRow[];
  readonly extrapolation: readonly ScaleExtrapolationRow[];
  /** Nominal sizes at the ends of the measured range ("124M", "1.5B"). */
  readonly measuredFrom: string | null;
  readonly measuredTo: string | null;
  readonly recipeAnchor: RecipeAnchor | null;
  readonly verdict: string;
  readonly verdictDetail: string;
  readonly settings: ScaleStageSettings;
}

const fmt = (m: number) => (m >= 1e4 ? `${m.toExponential(2).replace("e+", "e")}x` : `${Number(m.toPrecision(3))}x`);
const f3 = (v: number) => v.toFixed(3);
const iv = (i: PosteriorInterval) => `${f3(i.estimate)} [${f3(i.lo)}, ${f3(i.hi)}]`;

/** Today's recipe at `flops`: its 124M value carried along the slope the fit gives a gain of its size. */
function recipeRows(
  fit: ScaleFit,
  anchor: RecipeAnchor,
  flopsList: readonly number[],
  seed: number,
): ScaleExtrapolationRow[] {
  if (fit.status !== "ok")
    return flopsList.map((flops) => ({
      pairId: "recipe_today",
      category: "recipe",
      flops,
      multiplier: null,
      lo: null,
      hi: null,
      bound: anchor.bound ?? null,
      role: "anchor",
      extrapolated: true,
      note: "not identified: the catalogue gives no slope",
    }));
  // The anchor as a one-point pair: its ln M at 124M (a bound read as its value; what is claimed follows the bound).
  const measurement: TransferMeasurement = {
    pairId: "recipe_today",
    innovation: anchor.label,
    category: "recipe",
    scaleLabel: "124M",
    nParamsMatmul: null,
    flopsPerToken: null,
    flops: anchor.flops,
    targetLoss: null,
    targetRule: "",
    multiplier: anchor.multiplier,
    lo: null,
    hi: null,
    kind: "estimate",
    logSd: anchor.logSd,
    origin: "logs",
    method: "recipe anchor",
    source: anchor.label,
    note: "",
  };
  const pair: ScalePair = {
    pairId: "recipe_today",
    category: "recipe",
    origin: "logs",
    observations: [
      {
        pairId: "recipe_today",
        x: Math.log10(anchor.flops) - SCALE_MODEL_X_REF,
        kind: "point",
        y: Math.log(anchor.multiplier),
        knownSd: anchor.logSd ?? 0,
        measurement,
      },
    ],
  };
  const uniform = mulberry32(streamSeed(seed, 11));
  const normal = normalSource(uniform);
  const step = Math.max(1, Math.floor(fit.draws.length / 1000));
  const lines: { a: number; b: number }[] = [];
  for (let i = 0; i < fit.draws.length; i += step)
    lines.push(drawPairLine(pairGaussian(pair, fit.draws[i]), normal, uniform));
  return flopsList.map((flops) => {
    const x = Math.log10(flops) - SCALE_MODEL_X_REF;
    const s = summarise(lines.map((l) => l.a + l.b * x));
    const base = {
      pairId: "recipe_today",
      category: "recipe",
      flops,
      role: "anchor" as const,
      extrapolated: flops > anchor.flops,
    };
    if (anchor.bound === "upper")
      return {
        ...base,
        multiplier: null,
        lo: null,
        hi: Math.exp(s.hi),
        bound: "upper" as const,
        note: `the 124M value ${fmt(anchor.multiplier)} is an upper bound, so only the 95% upper limit is claimed`,
      };
    if (anchor.bound === "lower")
      return {
        ...base,
        multiplier: null,
        lo: Math.exp(s.lo),
        hi: null,
        bound: "lower" as const,
        note: `the 124M value ${fmt(anchor.multiplier)} is a lower bound, so only the 95% lower limit is claimed`,
      };
    return {
      ...base,
      multiplier: Math.exp(s.estimate),
      lo: Math.exp(s.lo),
      hi: Math.exp(s.hi),
      bound: null,
      note: "posterior median and 95% interval",
    };
  });
}

function scaleLabelAt(ms: readonly TransferMeasurement[], pick: (a: number, b: number) => boolean): string | null {
  let best: TransferMeasurement | null = null;
  for (const m of ms) if (m.flops !== null && (best === null || pick(m.flops, best.flops as number))) best = m;
  return best?.scaleLabel ?? null;
}

export function scaleStage(input: ScaleStageInput, settings: Partial<ScaleStageSettings> = {}): ScaleStage {
  const s: ScaleStageSettings = { ...scaleStageDefaults, ...settings };
  const all = [...input.logs, ...input.literature];
  const set = groupScalePairs(all);
  const fit = fitScaleModel(set.pairs, s);
  const extrapolation: ScaleExtrapolationRow[] = [];
  if (fit.status === "ok")
    for (const flops of s.extrapolationFlops) {
      const lx = Math.log10(flops);
      const rows = [
        ...predictPairs(fit, lx, { seed: s.seed }).map((p) => ({ p, role: "fitted" as const })),
        ...predictPairs(fit, lx, { seed: s.seed, pairs: set.oneSided }).map((p) => ({ p, role: "one-sided" as const })),
      ];
      for (const { p, role } of rows)
        extrapolation.push({
          pairId: p.pairId,
          category: p.category,
          flops,
          multiplier: p.multiplier,
          lo: p.lo,
          hi: p.hi,
          bound: null,
          role,
          extrapolated: lx > p.measuredTo + 1e-9,
          note: role === "one-sided" ? "predicted from the fit, its own point and its bounds (not fitted)" : "",
        });
    }
  if (input.recipeAnchor) extrapolation.push(...recipeRows(fit, input.recipeAnchor, s.extrapolationFlops, s.seed));
  const used = new Set([...set.pairs, ...set.oneSided].map((p) => p.pairId));
  // The sizes the project's own logs measured (the literature rows are in the fit, but "124M to 1.5B" names our runs).
  const inRange = input.logs.filter((m) => used.has(m.pairId) && m.preferred !== false);
  const measuredFrom = scaleLabelAt(inRange, (a, b) => a < b);
  const measuredTo = scaleLabelAt(inRange, (a, b) => a > b);
  const { verdict, detail } = words(
    fit,
    set.oneSided.length,
    measuredFrom,
    measuredTo,
    input.recipeAnchor,
    extrapolation,
    s,
  );
  return {
    fit,
    oneSided: set.oneSided,
    excluded: set.excluded,
    extrapolation,
    measuredFrom,
    measuredTo,
    recipeAnchor: input.recipeAnchor,
    verdict,
    verdictDetail: detail,
    settings: s,
  };
}

function words(
  fit: ScaleFit,
  nOneSided: number,
  from: string | null,
  to: string | null,
  anchor: RecipeAnchor | null,
  rows: readonly ScaleExtrapolationRow[],
  s: ScaleStageSettings,
): { verdict: string; detail: string } {
  const range = from && to ? `${from} to ${to}` : "the measured sizes";
  const flopsRange =
    fit.log10FlopsMin !== null
      ? ` in our logs; ${(10 ** fit.log10FlopsMin).toExponential(1)} to ` +
        `${(10 ** (fit.log10FlopsMax as number)).toExponential(1)} FLOPs with the literature rows`
      : "";
  if (fit.status !== "ok" || !fit.parameters)
    return {
      verdict: `Measured (${range}): not identified (${fit.reason}). Beyond ${to ?? "the data"}: not identified.`,
      detail: fit.reason,
    };
  const p = fit.parameters;
  const measured = {
    grows: "gains grow with compute",
    shrinks: "gains shrink with compute",
    flat: "gains keep their size (within 5% per decade, and within 5% of their ln M per decade)",
    "not identified": "whether gains keep their size is not identified",
  }[fit.verdict];
  const at = rows.find((r) => r.pairId === "recipe_today" && r.flops === 1e24);
  let beyond: string;
  if (!at || (at.hi === null && at.lo === null)) beyond = `Beyond ${to ?? "the data"}: not identified.`;
  else {
    const claim =
      at.bound === "upper"
        ? `at most ${fmt(at.hi as number)} (95% upper limit)`
        : at.bound === "lower"
          ? `at least ${fmt(at.lo as number)} (95% lower limit)`
          : `${fmt(at.multiplier as number)} (95% interval ${fmt(at.lo as number)} to ${fmt(at.hi as number)})`;
    const anchorWords = anchor
      ? (anchor.bound === "upper" ? "at most " : anchor.bound === "lower" ? "at least " : "") +
        `${fmt(anchor.multiplier)} at 124M`
      : "";
    beyond =
      fit.verdict === "not identified"
        ? `Beyond ${to ?? "the data"}: not identified. Even under the model's assumption (each gain's ln M ` +
          `linear in log10 FLOPs) today's recipe (${anchorWords}) would be ${claim} at 1e24 FLOPs, which rules ` +
          `out little.`
        : `Beyond ${to ?? "the data"} the trend is extrapolated: only if each gain's ln M stays linear in log10 ` +
          `FLOPs would today's recipe (${anchorWords}) be ${claim} at 1e24 FLOPs.`;
  }
  const verdict =
    `Measured (${range}${flopsRange}): ${measured}. Across ${fit.nSlopePairs} pairs with point measurements at ` +
    `two or more sizes` +
    `${nOneSided ? ` (and ${nOneSided} more known on one side only, predicted but not fitted)` : ""}, the ` +
    `typical gain changes by ${iv(p.typicalSlope)} ln M per decade` +
    ` and a gain by ${iv(p.beta1)} of its own ln M per decade (95% intervals). ${beyond}`;
  const detail = [
    "Model: per pair ln M_i(C) = a_i + b_i log10 C, b_i ~ N(beta0 + beta1 a_i, tau^2): beta0 an absolute drift " +
      "(ln M per decade), beta1 a relative one (the fraction of its ln M a gain gains per decade); bounds enter " +
      "as censored terms; weakly informative priors " +
      `(beta0 ~ N(0, ${s.priors.beta0Sd}), beta1 ~ ` +
      `N(0, ${s.priors.beta1Sd}), |(tau / ${s.priors.tauScale}, sigma / ${s.priors.sigmaScale})| ~ half-N(1), ` +
      `its direction uniform); posterior by Metropolis (${s.draws} draws, seed ${s.seed}).`,
    `Estimates (posterior median [95% interval]): ` +
      `beta0 ${iv(p.beta0)}, beta1 ${iv(p.beta1)}, tau ${iv(p.tau)}, sigma ${iv(p.sigma)}, typical ` +
      `slope ${iv(p.typicalSlope)}.`,
    `Verdict rule: grows / shrinks when the typical slope's 95% interval lies above / below 0; flat only when ` +
      `it lies within +-${f3(s.flatAbsolute)} and beta1's within +-${s.flatRelative}; otherwise not ` +
      `identified (${fit.verdictReason}).`,
    `Assumption behind every number beyond ${to ?? "the data"}: ${SCALE_ASSUMPTION}.`,
    "Calibration (npm run bench:scale, catalogues shaped like this one under no change, absolute drift +-0.1 " +
      "and relative decay 10% and 30% per decade): see the closing note of issue 19 and bench/scaleModel.ts.",
  ].join(" ");
  return { verdict, detail };
}

/**
 * The summary.json entries: scale_dependence, extrapolation, verdict (their reference:
 * src/results/summaryReference.ts).
 */
export function scaleStageJson(st: ScaleStage): ScaleSummaryPart {
  const p = st.fit.parameters;
  const credible = (i: PosteriorInterval): Bounded => ({
    estimate: i.estimate,
    lower: i.lo,
    upper: i.hi,
    kind: "credible",
  });
  const anchor = st.recipeAnchor;
  return {
    scale_dependence: {
      status: st.fit.status,
      trend: st.fit.verdict,
      parameters: p
        ? {
            beta0: credible(p.beta0),
            beta1: credible(p.beta1),
            tau: credible(p.tau),
            sigma: credible(p.sigma),
            typical_slope: credible(p.typicalSlope),
          }
        : null,
      n_pairs: st.fit.nSlopePairs,
      n_bounds: st.fit.nBounds,
      pairs: st.fit.pairs.map((q) => q.pairId),
      one_sided_pairs: st.oneSided.map((q) => q.pairId),
      excluded: st.excluded.map((e) => ({ pair_id: e.pairId, scale: e.scaleLabel, reason: e.reason })),
      measured_from: st.measuredFrom,
      measured_to: st.measuredTo,
      measured_flops:
        st.fit.log10FlopsMin === null
          ? null
          : { min: 10 ** st.fit.log10FlopsMin, max: 10 ** (st.fit.log10FlopsMax as number) },
      priors: st.settings.priors,
      flat_margins: { typical_slope: st.settings.flatAbsolute, beta1: st.settings.flatRelative },
      draws: st.settings.draws,
      seed: st.settings.seed,
      acceptance: st.fit.acceptance,
      recipe_anchor: anchor ? { flops: anchor.flops, ratio: anchor.ratio ?? "flops_ratio" } : null,
    },
    extrapolation: st.extrapolation.map((e) => ({
      pair_id: e.pairId,
      category: e.pairId === "recipe_today" ? "recipe_today" : e.category,
      flops: e.flops,
      multiplier: { estimate: e.multiplier, lower: e.lo, upper: e.hi, kind: "prediction" },
      role: e.role,
      extrapolated: e.extrapolated,
    })),
    verdict: st.verdict,
  };
}

/** Today's recipe at one budget (the frontier claims' context column). */
export function recipeAt(st: ScaleStage, flops: number): ScaleExtrapolationRow | null {
  if (!st.recipeAnchor) return null;
  return recipeRows(st.fit, st.recipeAnchor, [flops], st.settings.seed)[0];
}
