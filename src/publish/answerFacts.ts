// The answer to "do the speedrun's 124M gains persist at 350M, 1.5B and frontier scale?", read from the results in ONE
// place, for the README's answer block (readmeAnswer.ts) and the site's index (renderIndexPage.ts). All that those
// two show about the answer comes through `answerFacts`; they read no other field of the summary for it. When the scale
// model and its summary keys change, re-point this function (it reads the summary through the typed `Summary`, so a
// renamed field does not compile) and both generators follow.
//
// Inputs: results/summary.json (a Summary, read by readSummary) and the rows of results/transfer_pairs.csv (every
// cross-scale measurement with its kind: estimate, lower_bound, upper_bound, interval). Nothing here computes a new
// statistic: it selects, orders and formats what the analysis wrote (the 124M-to-350M row gives the range of the
// pairs' ratios, nothing fitted).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SCALE_ASSUMPTION } from "../scale/answer";
import type { Bounded, ExtrapolationSummary, Summary, TrackSummary } from "../results/summary";
import { readSummary } from "../results/summaryReference";
import { formatSignificant } from "./formatNumber";
import { parseCsv } from "./parseCsv";

export type MeasurementKind = "estimate" | "lower_bound" | "upper_bound" | "interval";

/** One measured multiplier: its value, its kind, and how a reader writes it ("≤ 26.8×"). */
export interface Measured {
  readonly multiplier: number;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly kind: MeasurementKind;
}

/** One change measured at several model sizes: the preferred reading per size. */
export interface PairEvidence {
  readonly pairId: string;
  readonly label: string;
  readonly bySize: Readonly<Record<string, Measured>>;
}

/** A row of the answer table: a model size (or a compute budget), what was compared, the number, how it is known. */
export interface AnswerRow {
  readonly size: string;
  readonly comparison: string;
  readonly value: string;
  readonly kind: string;
}

export interface AnswerFacts {
  /** The sizes measured, in order ("124M", "350M", "1.5B"). */
  readonly sizes: readonly string[];
  /** The verdict in plain words, in the × notation of the tables. */
  readonly verdict: string;
  /** Measured rows by size, then the extrapolated row(s) with their assumption. */
  readonly rows: readonly AnswerRow[];
  /** Every change measured at two or more sizes, preferred reading per size. */
  readonly pairs: readonly PairEvidence[];
  /** The assumption under which the extrapolation holds. */
  readonly assumption: string;
}

const kindWords: Record<MeasurementKind, string> = {
  estimate: "estimate",
  lower_bound: "lower bound",
  upper_bound: "upper bound",
  interval: "interval",
};

/** "≥ 1.33×", "≤ 26.8×", "14.4×", "1.01× (0.99–1.01)". */
export function formatMeasured(m: Measured): string {
  const mark = m.kind === "lower_bound" ? "≥ " : m.kind === "upper_bound" ? "≤ " : "";
  const range =
    m.kind !== "lower_bound" && m.kind !== "upper_bound" && m.lo !== null && m.hi !== null && m.lo !== m.hi
      ? ` (${formatSignificant(m.lo)}–${formatSignificant(m.hi)})`
      : "";
  return `${mark}${formatSignificant(m.multiplier)}×${range}`;
}

export function kindText(kind: MeasurementKind): string {
  return kindWords[kind];
}

/** A headline ratio as a measurement (a not-identified ratio is none). */
export function measuredOf(b: Bounded): Measured | null {
  if (b.kind === "lower_bound" && b.lower !== null)
    return { multiplier: b.lower, lo: null, hi: null, kind: "lower_bound" };
  if (b.kind === "upper_bound" && b.upper !== null)
    return { multiplier: b.upper, lo: null, hi: null, kind: "upper_bound" };
  if (b.kind === "not_identified" || b.estimate === null) return null;
  return { multiplier: b.estimate, lo: b.lower, hi: b.upper, kind: b.lower === null ? "estimate" : "interval" };
}

const sizeOrder = (s: string): number => {
  const m = /^([\d.]+)([MB])$/.exec(s);
  return m ? Number(m[1]) * (m[2] === "B" ? 1e9 : 1e6) : Number.POSITIVE_INFINITY;
};

const num = (s: string | undefined): number | null =>
  s === undefined || s === "" || !Number.isFinite(Number(s)) ? null : Number(s);

/** Preferred readings of results/transfer_pairs.csv, grouped by pair, one per size. */
function pairEvidence(pairRows: readonly Readonly<Record<string, string>>[]): PairEvidence[] {
  const byPair = new Map<string, { label: string; bySize: Record<string, Measured> }>();
  for (const r of pairRows) {
    if (r.preferred !== "true") continue;
    const multiplier = num(r.multiplier);
    const kind = r.kind as MeasurementKind;
    if (multiplier === null || !(kind in kindWords)) continue;
    const entry = byPair.get(r.pair_id) ?? { label: r.innovation || r.pair_id, bySize: {} };
    entry.bySize[r.scale_params] = { multiplier, lo: num(r.lo), hi: num(r.hi), kind };
    byPair.set(r.pair_id, entry);
  }
  return [...byPair].map(([pairId, e]) => ({ pairId, label: e.label, bySize: e.bySize }));
}

/** Reads the answer from the summary (null: no results yet) and the transfer pairs. */
export function answerFacts(s: Summary | null, pairRows: readonly Readonly<Record<string, string>>[]): AnswerFacts {
  const pairs = pairEvidence(pairRows);
  const sizes = [...new Set(pairs.flatMap((p) => Object.keys(p.bySize)))].sort((a, b) => sizeOrder(a) - sizeOrder(b));
  const rows: AnswerRow[] = [];
  const t1 = s && trackRow(s.track1, "124M", "track-1", "3.28");
  if (t1) rows.push(t1);
  const between = betweenSizesRow(pairs);
  if (between !== null) rows.push(between);
  const t2 = s && trackRow(s.track2, "350M", "track-2", "2.92");
  if (t2 !== null) rows.push(t2);
  for (const p of pairs.filter((q) => q.bySize["1.5B"])) {
    const smaller = Object.keys(p.bySize)
      .filter((k) => k !== "1.5B")
      .sort((a, b) => sizeOrder(a) - sizeOrder(b));
    const context = smaller.map((k) => `${formatMeasured(p.bySize[k])} at ${k}`).join(", ");
    const at = p.bySize["1.5B"];
    rows.push({
      size: "1.5B",
      comparison: `${p.label}${context ? ` (${context})` : ""}; no whole-recipe comparison at 1.5B`,
      value: formatMeasured(at),
      kind: `measured, ${kindWords[at.kind]}`,
    });
  }
  const ex = s && todayExtrapolation(s);
  if (s && ex) {
    const sd = s.scale_dependence;
    rows.push({
      size: `${formatSignificant(ex.flops)} FLOPs (frontier)`,
      comparison: "today's track-1 recipe vs the 2024 baseline recipe",
      value:
        sd.trend === "not identified"
          ? `not identified; ${extrapolationClaim(ex)} under the assumption`
          : extrapolationClaim(ex),
      kind: "extrapolated (assumption below)",
    });
  }
  return {
    sizes: sizes.length > 0 ? sizes : ["124M", "350M", "1.5B"],
    verdict: s ? plainVerdict(s, ex) : "",
    rows,
    pairs,
    // The scale model's own statement of what every number beyond the measured sizes assumes.
    assumption: ex ? SCALE_ASSUMPTION : "",
  };
}

/** Today's record of a track against its 2024 llm.c baseline (summary.track1 / track2), in FLOPs to its target. */
function trackRow(t: TrackSummary, size: string, track: string, target: string): AnswerRow | null {
  const m = measuredOf(t.flops_ratio);
  if (m === null) return null;
  const date = t.latest_date !== null ? `, ${t.latest_date}` : "";
  const record = t.latest_record !== null ? `record ${t.latest_record}${date}` : "latest record";
  return {
    size,
    comparison: `today's ${track} recipe (${record}) vs llm.c GPT-2 ${size} (2024), FLOPs to loss ${target}`,
    value: formatMeasured(m),
    kind: `measured, ${kindWords[m.kind]}`,
  };
}

/**
 * Changes measured at 124M and 350M: the range of their 350M / 124M multiplier ratios over the pairs measured as
 * estimates at both sizes (a ratio involving a bound is itself only a bound: those pairs are counted, not ranged).
 */
function betweenSizesRow(pairs: readonly PairEvidence[]): AnswerRow | null {
  const both = pairs.filter((p) => p.bySize["124M"] && p.bySize["350M"]);
  if (both.length === 0) return null;
  const isBound = (m: Measured) => m.kind === "lower_bound" || m.kind === "upper_bound";
  const points = both.filter((p) => !isBound(p.bySize["124M"]) && !isBound(p.bySize["350M"]));
  const ratios = points.map((p) => p.bySize["350M"].multiplier / p.bySize["124M"].multiplier).sort((a, b) => a - b);
  const bounds = both.length - points.length;
  return {
    size: "124M → 350M",
    comparison:
      `${both.length} changes measured at both sizes (recipes, optimizer, architecture): ` +
      "multiplier at 350M over the one at 124M",
    value:
      ratios.length === 0
        ? "bounds only"
        : `${formatSignificant(ratios[0])}× to ${formatSignificant(ratios[ratios.length - 1])}×`,
    kind: `measured, ${points.length} estimates; ${bounds} more involve a bound (not in the range)`,
  };
}

/** Today's whole recipe at the largest budget of summary.extrapolation (src/scale: a bound keeps only its side). */
function todayExtrapolation(s: Summary): ExtrapolationSummary | null {
  const rows = s.extrapolation
    .filter((r) => r.category === "recipe_today" && (r.multiplier.upper !== null || r.multiplier.lower !== null))
    .sort((a, b) => a.flops - b.flops);
  return rows[rows.length - 1] ?? null;
}

/** What the extrapolation claims: "≤ 1.3e12× (95% upper limit)", "≥ 2× (95% lower limit)" or "5× (95% PI 2×–9×)". */
export function extrapolationClaim(ex: ExtrapolationSummary): string {
  const { estimate, lower, upper } = ex.multiplier;
  if (estimate === null && lower === null && upper !== null) return `≤ ${formatSignificant(upper)}× (95% upper limit)`;
  if (estimate === null && upper === null && lower !== null) return `≥ ${formatSignificant(lower)}× (95% lower limit)`;
  const range =
    lower !== null && upper !== null ? ` (95% PI ${formatSignificant(lower)}×–${formatSignificant(upper)}×)` : "";
  return estimate === null ? range.trim() : `${formatSignificant(estimate)}×${range}`;
}

/** "×1.05 per tenfold compute, 95% interval ×0.961 to ×1.16" for a slope in ln M per decade. */
function perDecade(slope: Bounded): string {
  const f = (x: number | null) => (x === null ? "n/a" : `×${formatSignificant(Math.exp(x))}`);
  return `${f(slope.estimate)} per tenfold compute, 95% interval ${f(slope.lower)} to ${f(slope.upper)}`;
}

/** The verdict in plain words: what is measured (and between which sizes), then what is extrapolated, and how. */
function plainVerdict(s: Summary, ex: ExtrapolationSummary | null): string {
  const sd = s.scale_dependence;
  const from = sd.measured_from ?? "124M";
  const to = sd.measured_to ?? "the largest measured size";
  const margin = Math.round(100 * (Math.exp(sd.flat_margins.typical_slope) - 1));
  const trendWords: Record<string, string> = {
    flat: `Measured from ${from} to ${to}, the gains keep their size (within ${margin}% per tenfold compute)`,
    grows: `Measured from ${from} to ${to}, the gains grow with scale: larger models gain more`,
    shrinks: `Measured from ${from} to ${to}, the gains shrink with scale: larger models gain less`,
  };
  const unknown = `Measured from ${from} to ${to}, the data cannot yet tell whether the gains keep their size`;
  const out = [`${trendWords[sd.trend] ?? unknown}.`];
  const typical = sd.parameters?.typical_slope ?? null;
  const relative = sd.parameters?.beta1 ?? null;
  const pct = (x: number | null) => (x === null ? "n/a" : `${formatSignificant(100 * x, 2)}%`);
  if (typical) {
    const [estimate, interval] = perDecade(typical).split(", ");
    const share = relative
      ? `; a gain changes by ${pct(relative.estimate)} of its log-multiplier per tenfold compute ` +
        `(95% interval ${pct(relative.lower)} to ${pct(relative.upper)})`
      : "";
    out.push(
      `Across ${sd.n_pairs} changes measured at two or more model sizes, the typical multiplier ` +
        `changes ${estimate} (${interval})${share}.`,
    );
  }
  if (ex !== null) {
    const at = `${formatSignificant(ex.flops)} FLOPs`;
    out.push(
      sd.trend === "not identified"
        ? `Beyond ${to}: not identified. Even if each gain's log-multiplier stayed linear in log compute, ` +
            `today's recipe ` +
            `at ${at} would be ${extrapolationClaim(ex)}, which rules out little.`
        : `Beyond ${to} nothing is measured: only if each gain's log-multiplier stays linear in log compute would ` +
            `today's recipe at ${at} be ${extrapolationClaim(ex)}.`,
    );
  }
  return out.join(" ");
}

/** The inputs of answerFacts from a results folder: summary.json (null when absent) and transfer_pairs.csv (rows). */
export function readAnswerInputs(resultsDir: string): {
  summary: Summary | null;
  pairRows: Readonly<Record<string, string>>[];
} {
  const summaryPath = join(resultsDir, "summary.json");
  const pairsPath = join(resultsDir, "transfer_pairs.csv");
  const summary = existsSync(summaryPath) ? readSummary(summaryPath) : null;
  if (!existsSync(pairsPath)) return { summary, pairRows: [] };
  return { summary, pairRows: parseCsv(readFileSync(pairsPath, "utf8"), pairsPath).rows.map((r) => r.fields) };
}
