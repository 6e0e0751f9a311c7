// The analysis's options in one place: every assumption a user may change from a notebook or `npm start` (targets,
// baselines, curve-fit and scale-model settings), their defaults, and the one function that validates a partial object
// and returns a complete, deeply frozen one. The resolved object is also what keys the analysis cache
// (src/analysis/io/analysisCache.ts): a changed option always recomputes.
//
// Adding an option: one line in `AnalysisOptions`, one line in `analysisDefaults`, one line in `checks` (a test pins
// the defaults). Nested groups (`targets`, `curveFit`, ...) merge key by key, so `{ targets: { track1: 3.3 } }` keeps
// the other tracks' defaults.
import { TARGET_LOSS } from "./constants";
import { attributionDefaults } from "./attribution/attribution";
import { deepFreeze } from "../deepFreeze";
import { rollingForecastDefaults } from "./progress/rollingForecast";
import { scaleStageDefaults } from "../scale/scaleStage";
import type { ParamsBasis } from "./types";

export type CurveFitScope = "none" | "non_reaching" | "record_primary" | "all";

export interface CurveFitSettings {
  /**
   * Which runs get a power-law fit: "record_primary" = one run per record-table row plus every run that never reaches
   * the target; "non_reaching" = only those; "all" = every run; "none" = no fits (non-reaching runs are lower bounds).
   */
  readonly scope: CurveFitScope;
  /** Eval points with fewer tokens than this fraction of the run are left out of curve fits (early transient). */
  readonly fromFraction: number;
  /** Huber delta of the fit objective on log-loss residuals (Hoffmann et al. 2022: 1e-3). */
  readonly huberDelta: number;
  /** Starts fully solved after the screen (fitModel's refineTop). */
  readonly refineTop: number;
  /** Iterations every start of the 160-start grid gets in the screen (fitModel's screenIterations). */
  readonly screenIterations: number;
}

/** The cross-scale model (src/scale: fit.ts, scaleStage.ts). */
export interface ScaleModelSettings {
  /** Posterior draws kept, and warm-up iterations, of the Metropolis sampler. */
  readonly draws: number;
  readonly warmup: number;
  /** Sampler seed: the same data and seed give the same bytes. */
  readonly seed: number;
  /** Verdict rule: "flat" only when the typical gain's slope lies within +-flatAbsolute ln M per decade and the
   * relative drift beta1 within +-flatRelative (both at 95%); defaults ln(1.05) and 0.05. */
  readonly flatAbsolute: number;
  readonly flatRelative: number;
  /** Compute budgets (FLOPs) every pair and today's recipe are carried to. */
  readonly extrapolationFlops: readonly number[];
}

export interface AnalysisOptions {
  /** Target validation loss per track (modded-nanogpt README: 3.28 for track 1, 2.92 for track 2). A track without a
   * target (nanochat: its target is a CORE score) gets no equal-loss figures. */
  readonly targets: Readonly<Record<string, number>>;
  /** Record-table row (0-based within the track) every other row is compared with; 0 = the llm.c baseline. */
  readonly baselines: Readonly<Record<string, number>>;
  /** Which N goes into 6 N D (nominal 124M / 350M by default; counted N exists for about a third of the runs). */
  readonly paramsBasis: ParamsBasis;
  /** Roles whose runs count towards a record's figures (ingest's "record" and "rerun"). */
  readonly recordRoles: readonly string[];
  readonly curveFit: CurveFitSettings;
  /** Cut-off date of the halving-time hindcast: fit on records up to it, score the later ones. */
  readonly hindcastCutoff: string;
  /** Cross-scale transfer measurements (measureTransferPairs.ts): what counts as a complete schedule's end point, and
   * the M(L) curve grid. */
  readonly transfer: { readonly endFraction: number; readonly curvePoints: number; readonly curveFromFraction: number };
  /** The cross-scale model: sampler, the verdict's flat margins, the budgets it carries gains to. */
  readonly scaleModel: ScaleModelSettings;
  /** Attribution by change category (attribution.ts): run-to-run bootstrap draws and their seed. */
  readonly attribution: { readonly resamples: number; readonly seed: number };
  /** Rolling-origin forecasts of the record time (rollingForecast.ts): horizons in months, and the records a series
   * must hold at a cut-off before it is scored. */
  readonly forecast: { readonly horizonsMonths: readonly number[]; readonly minPoints: number };
}

/** Deep partial: what callers pass (`{ targets: { track1: 3.3 } }`). */
export type AnalysisOptionsInput = {
  readonly [K in keyof AnalysisOptions]?: AnalysisOptions[K] extends readonly unknown[]
    ? AnalysisOptions[K]
    : AnalysisOptions[K] extends object
      ? Partial<AnalysisOptions[K]>
      : AnalysisOptions[K];
};

export const analysisDefaults: AnalysisOptions = deepFreeze(
  {
    targets: { ...TARGET_LOSS },
    baselines: { track1: 0, track2: 0, track3: 0, nanochat: 0 },
    paramsBasis: "nominal",
    recordRoles: ["record", "rerun"],
    // 4 refined starts after an 8-iteration screen: on the 350M llm.c curve (216 points) the same parameters to 7
    // digits as the fitting engine's defaults (64 refined, 4-iteration screen) in 1/5 the time.
    curveFit: { scope: "record_primary", fromFraction: 0.1, huberDelta: 1e-3, refineTop: 4, screenIterations: 8 },
    hindcastCutoff: "2025-01-13",
    transfer: { endFraction: 0.9, curvePoints: 11, curveFromFraction: 0.25 },
    scaleModel: {
      draws: scaleStageDefaults.draws,
      warmup: scaleStageDefaults.warmup,
      seed: scaleStageDefaults.seed,
      flatAbsolute: scaleStageDefaults.flatAbsolute,
      flatRelative: scaleStageDefaults.flatRelative,
      extrapolationFlops: [...scaleStageDefaults.extrapolationFlops],
    },
    attribution: { resamples: attributionDefaults.bootstrap, seed: attributionDefaults.seed },
    forecast: {
      horizonsMonths: [...rollingForecastDefaults.horizonsMonths],
      minPoints: rollingForecastDefaults.minPoints,
    },
  } satisfies AnalysisOptions,
  "analysisDefaults",
);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

function fail(name: string, value: unknown, expected: string): never {
  throw new Error(`invalid analysis option ${name}: ${show(value)} (expected ${expected})`);
}
function oneOf(name: string, v: unknown, allowed: readonly string[]): void {
  if (typeof v !== "string" || !allowed.includes(v)) fail(name, v, `one of ${allowed.join(", ")}`);
}
function number(name: string, v: unknown, ok: (x: number) => boolean, expected: string): void {
  if (typeof v !== "number" || !Number.isFinite(v) || !ok(v)) fail(name, v, expected);
}
function integer(name: string, v: unknown, min: number): void {
  number(name, v, (x) => Number.isInteger(x) && x >= min, `an integer >= ${min}`);
}
function positiveList(name: string, v: unknown): void {
  if (!Array.isArray(v) || v.length === 0) fail(name, v, "a non-empty array of positive numbers");
  v.forEach((x, i) => number(`${name}[${i}]`, x, (y) => y > 0, "a positive number"));
}
function perTrack(name: string, v: unknown, check: (key: string, x: unknown) => void): void {
  for (const [track, x] of Object.entries(v as Record<string, unknown>)) {
    if (!/^[A-Za-z0-9_-]+$/.test(track)) fail(`${name}`, track, "a track name such as track1");
    check(`${name}.${track}`, x);
  }
}

/** One validation per option (a leaf, or a whole group); each throws naming the option and the bad value. */
const checks: Readonly<Record<string, (v: unknown, name: string) => void>> = {
  targets: (v, n) => perTrack(n, v, (k, x) => number(k, x, (y) => y > 0, "a loss > 0")),
  baselines: (v, n) => perTrack(n, v, (k, x) => integer(k, x, 0)),
  paramsBasis: (v, n) => oneOf(n, v, ["nominal", "non_embedding", "total"]),
  recordRoles: (v, n) => {
    if (!Array.isArray(v) || v.length === 0 || !v.every((r) => typeof r === "string" && r !== ""))
      fail(n, v, "a non-empty array of role names such as record, rerun");
  },
  "curveFit.scope": (v, n) => oneOf(n, v, ["none", "non_reaching", "record_primary", "all"]),
  "curveFit.fromFraction": (v, n) => number(n, v, (x) => x >= 0 && x < 1, "0 <= f < 1"),
  "curveFit.huberDelta": (v, n) => number(n, v, (x) => x > 0, "a number > 0"),
  "curveFit.refineTop": (v, n) => integer(n, v, 1),
  "curveFit.screenIterations": (v, n) => integer(n, v, 1),
  hindcastCutoff: (v, n) => {
    if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
      fail(n, v, "a date YYYY-MM-DD");
  },
  "transfer.endFraction": (v, n) => number(n, v, (x) => x > 0 && x <= 1, "0 < f <= 1"),
  "transfer.curvePoints": (v, n) => integer(n, v, 2),
  "transfer.curveFromFraction": (v, n) => number(n, v, (x) => x >= 0 && x < 1, "0 <= f < 1"),
  "scaleModel.draws": (v, n) => integer(n, v, 100),
  "scaleModel.warmup": (v, n) => integer(n, v, 100),
  "scaleModel.seed": (v, n) =>
    number(n, v, (x) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff, "an integer 0 to 4294967295"),
  "scaleModel.flatAbsolute": (v, n) => number(n, v, (x) => x > 0, "a number > 0 (ln M per decade)"),
  "scaleModel.flatRelative": (v, n) => number(n, v, (x) => x > 0, "a number > 0 (fraction of ln M per decade)"),
  "scaleModel.extrapolationFlops": (v, n) => positiveList(n, v),
  "attribution.resamples": (v, n) => integer(n, v, 1),
  "attribution.seed": (v, n) =>
    number(n, v, (x) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff, "an integer 0 to 4294967295"),
  "forecast.horizonsMonths": (v, n) => {
    positiveList(n, v);
    (v as unknown[]).forEach((x, i) => integer(`${n}[${i}]`, x, 1));
  },
  "forecast.minPoints": (v, n) => integer(n, v, 3),
};

/** Groups whose keys are free (track names) rather than a fixed set. */
const openGroups = new Set(["targets", "baselines"]);

/**
 * Defaults filled in, every value checked, the result deeply frozen. Unknown options (a typo such as `target`) throw
 * with the list of known ones; nested groups merge key by key over the defaults.
 */
export function resolveAnalysisOptions(options: AnalysisOptionsInput | AnalysisOptions = {}): AnalysisOptions {
  if (!isObject(options)) fail("(options)", options, "an object");
  const defaults = analysisDefaults as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(options)) {
    if (!(key in defaults))
      throw new Error(`invalid analysis option ${key} (expected one of ${Object.keys(defaults).join(", ")})`);
  }
  for (const [key, def] of Object.entries(defaults)) {
    const given: unknown = (options as Record<string, unknown>)[key];
    if (given === undefined) {
      out[key] = def;
      continue;
    }
    if (isObject(def)) {
      if (!isObject(given)) fail(key, given, "an object");
      if (!openGroups.has(key)) {
        for (const sub of Object.keys(given as Record<string, unknown>)) {
          if (!(sub in def))
            throw new Error(
              `invalid analysis option ${key}.${sub} (expected one of ${Object.keys(def)
                .map((s) => `${key}.${s}`)
                .join(", ")})`,
            );
        }
      }
      const merged: Record<string, unknown> = { ...def };
      for (const [sub, v] of Object.entries(given)) if (v !== undefined) merged[sub] = Array.isArray(v) ? [...v] : v;
      out[key] = merged;
    } else out[key] = Array.isArray(given) ? [...given] : given;
  }
  for (const [name, check] of Object.entries(checks)) {
    const [group, sub] = name.split(".");
    check(sub === undefined ? out[group] : (out[group] as Record<string, unknown>)[sub], name);
  }
  return deepFreeze(out, "options") as unknown as AnalysisOptions;
}

/** The options as indented JSON with sorted keys: printable, and the canonical form the cache key is hashed from. */
export function formatAnalysisOptions(options: AnalysisOptions): string {
  return JSON.stringify(sortKeys(options), null, 2);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObject(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k])]),
    );
  return v;
}

/**
 * The baseline row of `track` among `rows` (options.baselines, default row 0); null when the track has no rows. A
 * baseline option naming a row the track does not have throws, naming the option and the rows there are.
 */
export function baselineOf<T extends { readonly track: string; readonly rowIndex: number }>(
  rows: readonly T[],
  track: string,
  options: Pick<AnalysisOptions, "baselines"> = analysisDefaults,
): T | null {
  const mine = rows.filter((r) => r.track === track);
  if (mine.length === 0) return null;
  const index = options.baselines[track] ?? 0;
  const row = mine.find((r) => r.rowIndex === index);
  if (row) return row;
  const indices = mine.map((r) => r.rowIndex).sort((a, b) => a - b);
  if (index === 0 && options.baselines[track] === undefined)
    return mine.reduce((a, b) => (b.rowIndex < a.rowIndex ? b : a));
  throw new Error(
    `invalid analysis option ` +
      `baselines.${track}: ${index} (${track} has rows ${indices[0]} to ${indices[indices.length - 1]})`,
  );
}
