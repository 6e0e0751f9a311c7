// The one-sentence answer, computed from the numbers: do the 124M gains persist, shrink or vanish with scale, and how
// sure are we? Explicit rules (each pinned by a test on synthetic inputs):
//   trend (from the same-vintage pairs' own multipliers, not from a fitted slope: with 1 residual dof the slope's
//   interval is too wide to decide anything, while the sign of each pair's change is what was measured):
//     every pair smaller at its larger model -> "shrinks"; every pair larger -> "grows"; otherwise "mixed".
//   observed: the gains "have not vanished" when every pair's larger-model multiplier is above 1x.
//   fate at the largest compute budget (the envelope of src/analysis/extrapolationEnvelope.ts, compute axis: the
//   frontier question is about training budgets, and the params axis is reported in the detail):
//     envelope lower end > MATERIAL_MULTIPLIER -> "persists" (a frontier gain is likely);
//     1x <= lower end <= MATERIAL_MULTIPLIER -> "may be negligible";
//     lower end < 1x and upper end >= MATERIAL_MULTIPLIER -> "may vanish";
//     upper end < MATERIAL_MULTIPLIER -> "vanishes".
//   certainty (envelope hi / lo): >= 10 -> "uncertain by N order(s) of magnitude" (N = floor(log10)); >= 2 -> "uncertain
//     by a factor of K"; below 2 -> "known within a factor of K".
// The long explanation (slopes with their intervals, both models, the params axis) goes into `detail.text`.
import type { ExtrapolationEnvelopeRow, ScalePoint, ScaleTrendFit } from "./types";

/** A multiplier below this (a <10% compute saving) counts as the gain having vanished in practice. */
export const MATERIAL_MULTIPLIER = 1.1;

export type TrendWord = "shrinks" | "grows" | "mixed" | "unknown";
export type FateWord = "persists" | "may be negligible" | "may vanish" | "vanishes" | "undetermined";

export interface PairChange {
  readonly pair: string;
  readonly smallParams: number;
  readonly smallMultiplier: number;
  readonly smallLowerBound: boolean;
  readonly largeParams: number;
  readonly largeMultiplier: number;
  readonly largeLowerBound: boolean;
}

export interface EnvelopeAt {
  readonly axis: "params" | "flops";
  readonly at: number;
  readonly multiplier: number;
  readonly lo: number;
  readonly hi: number;
  readonly loFrom: string;
  readonly hiFrom: string;
  readonly centralLogModel: number | null;
  readonly fate: FateWord;
}

export interface VerdictDetail {
  readonly pairs: readonly PairChange[];
  readonly atLargestBudget: EnvelopeAt | null;
  readonly atLargestParams: EnvelopeAt | null;
  readonly rules: string;
  readonly text: string;
}

export interface ScaleVerdict {
  readonly trend: TrendWord;
  readonly fateAtLargest: FateWord;
  readonly certainty: string;
  readonly sentence: string;
  readonly detail: VerdictDetail;
}

export const VERDICT_RULES =
  `trend: every same-vintage pair smaller at its larger model -> shrinks, every pair larger -> grows, else mixed; `
  + `fate at the largest compute budget from the envelope: lower end > ${MATERIAL_MULTIPLIER}x -> persists, 1x to ${MATERIAL_MULTIPLIER}x -> may be negligible, `
  + `below 1x -> may vanish, upper end < ${MATERIAL_MULTIPLIER}x -> vanishes; certainty from envelope hi/lo: >= 10 -> orders of magnitude, >= 2 -> a factor, else known within a factor`;

export function formatMultiplier(x: number | null): string {
  if (x === null) return "n/a";
  if (x >= 1e4 || x < 1e-3) return x.toExponential(1);
  return x >= 100 ? x.toFixed(0) : x.toPrecision(3);
}

/** Two significant figures for extrapolated values ("about 2.3x", "20x"): more digits would claim a precision they lack. */
function rough(x: number): string {
  if (x >= 1e4 || x < 1e-3) return x.toExponential(0).replace("+", "");
  return String(Number(x.toPrecision(2)));
}

export function formatSize(n: number): string {
  return n >= 1e12 ? `${n / 1e12}T` : n >= 1e9 ? `${Number((n / 1e9).toPrecision(3))}B` : `${Math.round(n / 1e6)}M`;
}

function formatFlops(x: number): string {
  return x.toExponential(0).replace("+", "");
}

/** Each pair's smallest and largest model, pairs ordered by their larger model's size. */
export function pairChanges(points: readonly ScalePoint[]): PairChange[] {
  const pairs = [...new Set(points.filter((p) => p.pair !== null && p.multiplier !== null).map((p) => p.pair as string))].sort();
  const out: PairChange[] = [];
  for (const pair of pairs) {
    const ps = points.filter((p) => p.pair === pair && p.multiplier !== null).sort((a, b) => a.params - b.params);
    const [s, l] = [ps[0], ps[ps.length - 1]];
    if (ps.length < 2 || s.params === l.params) continue;
    out.push({
      pair, smallParams: s.params, smallMultiplier: s.multiplier as number, smallLowerBound: s.lowerBound,
      largeParams: l.params, largeMultiplier: l.multiplier as number, largeLowerBound: l.lowerBound,
    });
  }
  return out.sort((a, b) => a.largeParams - b.largeParams || (a.pair < b.pair ? -1 : 1));
}

export function trendOf(pairs: readonly PairChange[]): TrendWord {
  if (pairs.length === 0) return "unknown";
  if (pairs.every((p) => p.largeMultiplier < p.smallMultiplier)) return "shrinks";
  if (pairs.every((p) => p.largeMultiplier > p.smallMultiplier)) return "grows";
  return "mixed";
}

export function fateOf(lo: number, hi: number): FateWord {
  if (hi < MATERIAL_MULTIPLIER) return "vanishes";
  if (lo > MATERIAL_MULTIPLIER) return "persists";
  if (lo >= 1) return "may be negligible";
  return "may vanish";
}

export function certaintyOf(lo: number, hi: number): string {
  const spread = hi / lo;
  if (spread >= 10) {
    const orders = Math.floor(Math.log10(spread));
    return `uncertain by ${orders === 1 ? "an order" : `${orders} orders`} of magnitude`;
  }
  return spread >= 2 ? `uncertain by a factor of ${rough(spread)}` : `known within a factor of ${rough(spread)}`;
}

function largestOn(rows: readonly ExtrapolationEnvelopeRow[], axis: "params" | "flops"): EnvelopeAt | null {
  const xOf = (r: ExtrapolationEnvelopeRow) => (axis === "params" ? r.params : r.flops);
  const r = rows.filter((e) => e.axis === axis && xOf(e) !== null && e.multiplier !== null && e.envelopeLo !== null && e.envelopeHi !== null)
    .sort((a, b) => (xOf(b) as number) - (xOf(a) as number))[0];
  if (!r) return null;
  const [lo, hi] = [r.envelopeLo as number, r.envelopeHi as number];
  return {
    axis, at: xOf(r) as number, multiplier: r.multiplier as number, lo, hi, loFrom: r.envelopeLoFrom, hiFrom: r.envelopeHiFrom,
    centralLogModel: r.centralLogModel, fate: fateOf(lo, hi),
  };
}

const HEAD: Readonly<Record<Exclude<TrendWord, "unknown">, string>> = {
  shrinks: "shrink with scale",
  grows: "grow with scale",
  mixed: "do not move consistently with scale",
};
const EVIDENCE: Readonly<Record<Exclude<TrendWord, "unknown">, string>> = {
  shrinks: "every same-vintage pair is smaller at the larger model",
  grows: "every same-vintage pair is larger at the larger model",
  mixed: "the same-vintage pairs disagree",
};
const FATE: Readonly<Record<Exclude<FateWord, "undetermined">, string>> = {
  persists: "so a frontier gain is likely",
  "may be negligible": "so a frontier gain is possible but may be negligible",
  "may vanish": "so the gain may vanish at the frontier",
  vanishes: "so no material frontier gain is expected",
};

function slopeText(f: ScaleTrendFit | undefined, unit: string): string {
  if (!f || f.slopePerDecade === null) return "";
  const ci = f.slopeLo !== null && f.slopeHi !== null ? `95% CI ${f.slopeLo.toFixed(2)} to ${f.slopeHi.toFixed(2)}` : "no interval";
  const y = f.model === "loglog" ? "ln(ln M)" : "ln M";
  const flat = f.slopeLo !== null && f.slopeHi !== null && f.slopeLo <= 0 && f.slopeHi >= 0 ? ", not distinguishable from flat" : "";
  const own = Object.entries(f.pairSlopes).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, b]) => `${k} ${b.toFixed(2)}`).join(", ");
  return `slope of ${y} per decade of ${unit} ${f.slopePerDecade.toFixed(2)} (${ci}, ${f.dof} residual dof${flat}; pairs alone: ${own})`;
}

/**
 * The verdict from the scale points (the pairs), the envelope rows of the headline extrapolation, and (optional) the
 * four scale fits for the long explanation.
 */
export function scaleVerdict(points: readonly ScalePoint[], envelope: readonly ExtrapolationEnvelopeRow[], fits: readonly ScaleTrendFit[] = []): ScaleVerdict {
  const pairs = pairChanges(points);
  const trend = trendOf(pairs);
  const budget = largestOn(envelope, "flops");
  const size = largestOn(envelope, "params");
  const detailBase = { pairs, atLargestBudget: budget, atLargestParams: size, rules: VERDICT_RULES };
  if (trend === "unknown" || budget === null) {
    const sentence = trend === "unknown"
      ? "Not enough same-vintage pairs of scale points to say whether the 124M gains persist, shrink or vanish."
      : "The same-vintage pairs could not be carried to a compute budget, so whether the 124M gains persist at the frontier is not known.";
    return { trend, fateAtLargest: "undetermined", certainty: "unknown", sentence, detail: { ...detailBase, text: sentence } };
  }
  const m = formatMultiplier;
  const lb = (b: boolean) => (b ? ">=" : "");
  const pairText = pairs.map((p) => `${lb(p.smallLowerBound)}${m(p.smallMultiplier)}x -> ${lb(p.largeLowerBound)}${m(p.largeMultiplier)}x at ${formatSize(p.largeParams)}`).join("; ");
  const observed = pairs.every((p) => p.largeMultiplier > 1) ? (trend === "grows" ? "" : " but have not vanished") : " and have vanished in at least one pair";
  const anchor = envelope.find((e) => e.anchorMultiplier !== null)?.anchorMultiplier ?? null;
  const certainty = certaintyOf(budget.lo, budget.hi);
  const sentence = `The 124M gains ${HEAD[trend]}${observed}: ${EVIDENCE[trend]} (${pairText}); carried to ${formatFlops(budget.at)} FLOP, `
    + `today's ${m(anchor)}x becomes about ${rough(budget.multiplier)}x (envelope ${rough(budget.lo)}x-${rough(budget.hi)}x), `
    + `${FATE[budget.fate as Exclude<FateWord, "undetermined">]}, its size ${certainty}.`;

  const fit = (axis: "params" | "flops", model: "loglog" | "log") => fits.find((f) => f.axis === axis && f.model === model);
  const slopes = [
    slopeText(fit("params", "loglog"), "parameters"), slopeText(fit("flops", "loglog"), "training compute"),
    slopeText(fit("params", "log"), "parameters"), slopeText(fit("flops", "log"), "training compute"),
  ].filter(Boolean);
  const sizeText = size === null ? "" : ` Along model size, at ${formatSize(size.at)} parameters the ln ln M model gives ${m(size.multiplier)}x `
    + `(ln M model ${m(size.centralLogModel)}x) with envelope ${m(size.lo)}x (${size.loFrom}) to ${m(size.hi)}x (${size.hiFrom}): the gain ${size.fate} on that axis${size.lo < 1 ? " (below 1x the recipe would be worse than its baseline)" : ""}.`;
  const text = `Same-vintage pairs (${pairText}) all ${trend === "shrinks" ? "shrink" : trend === "grows" ? "grow" : "move in different directions"} with model size. `
    + (slopes.length ? `Fitted with a common slope and free pair intercepts: ${slopes.join("; ")}. ` : "")
    + `The headline model (ln ln M linear in log size) was chosen after seeing that the pairs' plain ln M slopes disagree, so the interval is an envelope over both models: ${formatFlops(budget.at)} FLOP gives ${m(budget.multiplier)}x `
    + `(ln M model ${m(budget.centralLogModel)}x), envelope ${m(budget.lo)}x (${budget.loFrom}) to ${m(budget.hi)}x (${budget.hiFrom}), so the gain ${budget.fate} at that budget.`
    + sizeText;
  return { trend, fateAtLargest: budget.fate, certainty, sentence, detail: { ...detailBase, text } };
}
