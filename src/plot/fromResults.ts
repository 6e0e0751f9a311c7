// Adapters from dataset rows and analysis results to the figure builders' inputs (and to notebook table rows).
// Pure: rows in, plain typed points out, so a notebook cell is one adapter call and one builder call.
import type { EvalInput, RecordInput } from "../analysis/inputs";
import type { CurveFit, DecompositionRow, RecordCompute } from "../analysis/types";
import type { BandPoint, DecompositionPart, LossCurveSeries, RecordSeries } from "./types";

/** Display names of the three tracks, in the order charts list them. */
const TRACK_LABELS: Readonly<Record<string, string>> = {
  track1: "Track 1: GPT-2 small (124M) to 3.28",
  track2: "Track 2: GPT-2 medium (350M) to 2.92",
  track3: "Track 3: optimization benchmark, GPT-2 small (124M) to 3.28 in fewest steps",
  nanochat: "nanochat: GPT-2 capability (~1.6B)",
};

/** One series per track (track1, track2, nanochat, then any other in order of appearance); rows without a date or
 * a time are left out (nanochat's GPT-2 2019 row has no full date). */
export function recordSeries(records: readonly RecordInput[]): RecordSeries[] {
  const tracks = [...new Set([...Object.keys(TRACK_LABELS), ...records.map((r) => r.track)])];
  return tracks
    .map((track) => ({
      label: TRACK_LABELS[track] ?? track,
      records: records
        .filter((r) => r.track === track && r.date !== null && r.timeS !== null)
        .map((r) => ({ date: r.date as string, timeS: r.timeS as number, text: `#${r.record} ${r.description}` })),
    }))
    .filter((s) => s.records.length > 0);
}

export interface LossCurveOptions {
  /** Parameters N in C = 6 N D. */
  readonly params: number;
  /** Evals before this fraction of the run's last token count are left out (the early transient; the analysis fits
   * curves from 10% on, analysisDefaults.curveFit.fromFraction). */
  readonly fromFraction?: number;
  /** Points of the fitted curve, log-spaced over the plotted tokens. */
  readonly gridPoints?: number;
}

/** One run's eval curve as loss against 6 N D, with its fitted power law L = E + A D^-alpha (no band: the curve
 * fit carries no interval) when `curve` converged. */
export function lossCurveSeries(
  label: string,
  evals: readonly EvalInput[],
  curve: CurveFit | null,
  options: LossCurveOptions,
): LossCurveSeries {
  const fromFraction = options.fromFraction ?? 0.1;
  const gridPoints = options.gridPoints ?? 40;
  if (!(options.params > 0))
    throw new Error(`lossCurveSeries: invalid params: ${options.params} (expected a positive number)`);
  if (!(fromFraction >= 0 && fromFraction < 1))
    throw new Error(`lossCurveSeries: invalid fromFraction: ${fromFraction} (expected 0 <= f < 1)`);
  if (!Number.isInteger(gridPoints) || gridPoints < 2)
    throw new Error(`lossCurveSeries: invalid gridPoints: ${gridPoints} (expected an integer >= 2)`);
  const withTokens = evals
    .filter((e): e is EvalInput & { tokens: number } => e.tokens !== null && e.tokens > 0)
    .sort((a, b) => a.step - b.step);
  const last = withTokens.length ? withTokens[withTokens.length - 1].tokens : 0;
  const shown = withTokens.filter((e) => e.tokens >= fromFraction * last);
  const flops = (tokens: number) => 6 * options.params * tokens;
  const points = shown.map((e) => ({ x: flops(e.tokens), y: e.valLoss }));
  const usable = curve !== null && curve.status !== "failed" && shown.length >= 2;
  if (!usable) return { label, points };
  const [t0, t1] = [shown[0].tokens, shown[shown.length - 1].tokens];
  const fit: BandPoint[] = Array.from({ length: gridPoints }, (_, i) => {
    const tokens = t0 * (t1 / t0) ** (i / (gridPoints - 1));
    const y = curve.E + curve.A * tokens ** -curve.alpha;
    return { x: flops(tokens), y, lo: y, hi: y };
  });
  return { label, points, fit };
}

/** Table rows: run-to-run spread of tokens and time to target for records with at least `minRuns` runs. */
export function runSpreadRows(rows: readonly RecordCompute[], minRuns = 10) {
  return rows
    .filter((r) => r.nRuns >= minRuns && r.tokensToTarget !== null)
    .sort((a, b) => b.nRuns - a.nRuns || a.rowIndex - b.rowIndex)
    .map((r) => ({
      track: r.track,
      record: r.record,
      date: r.date,
      runs: r.nRuns,
      tokensToTargetMedian: r.tokensToTarget,
      tokensToTargetMin: r.tokensToTargetMin,
      tokensToTargetMax: r.tokensToTargetMax,
      tokenSpreadPct:
        r.tokensToTargetMin !== null && r.tokensToTargetMax !== null && r.tokensToTarget !== null
          ? (100 * (r.tokensToTargetMax - r.tokensToTargetMin)) / r.tokensToTarget
          : null,
      logTimeToTargetSMin: r.logTimeToTargetSMin,
      logTimeToTargetSMax: r.logTimeToTargetSMax,
    }));
}

const pairWords: Readonly<Record<string, string>> = { muon: "Muon", adamw: "AdamW", llmc: "llm.c", vs: "vs" };

/** A pair id as a legend name: `muon_vs_adamw_2024-10` -> "Muon vs AdamW (2024-10)". */
export function pairLabel(pair: string): string {
  // A trailing date is the pair's vintage, unless it ends a span ("progress_2025-01_to_2025-04" reads as it is).
  const m = /_to_\d{4}-\d{2}(?:-\d{2})?$/.test(pair) ? null : /^(.*?)_(\d{4}-\d{2}(?:-\d{2})?)$/.exec(pair);
  const words = (m ? m[1] : pair).split("_").map((w) => pairWords[w] ?? w);
  return m ? `${words.join(" ")} (${m[2]})` : words.join(" ");
}

/** The equal-loss speed-up of one decomposition row as bars: fewer tokens, and more tokens per second. */
export function decompositionParts(row: DecompositionRow): DecompositionPart[] {
  const parts: DecompositionPart[] = [
    { label: "Total equal-loss speed-up", factor: row.speedup },
    { label: "Fewer tokens to the target", factor: row.tokenFactor },
    { label: "More tokens per second", factor: row.tokensPerSecondFactor },
  ];
  if (row.perTokenCostFactor !== null) parts.push({ label: "Cheaper tokens (6N)", factor: row.perTokenCostFactor });
  if (row.flopThroughputFactor !== null) parts.push({ label: "Higher FLOP/s", factor: row.flopThroughputFactor });
  return parts;
}

export interface SizeGroupOptions {
  /** Number of model-size groups, split at quantiles of log N (default 5). */
  readonly groups?: number;
  /** Points of each fitted curve (default 30). */
  readonly gridPoints?: number;
}

/**
 * Loss-vs-compute series for (N, D, loss) points, one per model-size group: the points at C = 6 N D, and the fitted
 * law `predict(N, D)` along the group's compute range at the group's median N.
 */
export function lossBySizeSeries(
  points: readonly { readonly params: number; readonly tokens: number; readonly loss: number }[],
  predict: (params: number, tokens: number) => number,
  options: SizeGroupOptions = {},
): LossCurveSeries[] {
  const groups = options.groups ?? 5;
  const gridPoints = options.gridPoints ?? 30;
  if (!Number.isInteger(groups) || groups < 1)
    throw new Error(`lossBySizeSeries: invalid groups: ${groups} (expected a positive integer)`);
  if (!Number.isInteger(gridPoints) || gridPoints < 2)
    throw new Error(`lossBySizeSeries: invalid gridPoints: ${gridPoints} (expected an integer >= 2)`);
  const sorted = [...points].sort((a, b) => a.params - b.params || a.tokens - b.tokens);
  const out: LossCurveSeries[] = [];
  for (let g = 0; g < groups; g++) {
    const part = sorted.slice(Math.floor((g * sorted.length) / groups), Math.floor(((g + 1) * sorted.length) / groups));
    if (part.length === 0) continue;
    const n = part[Math.floor(part.length / 2)].params;
    const flops = part.map((p) => 6 * p.params * p.tokens);
    const [c0, c1] = [Math.min(...flops), Math.max(...flops)];
    const fit: BandPoint[] = Array.from({ length: gridPoints }, (_, i) => {
      const c = c0 * (c1 / c0) ** (i / (gridPoints - 1));
      const y = predict(n, c / (6 * n));
      return { x: c, y, lo: y, hi: y };
    });
    // Model sizes as papers write them (124M, 1.5B); a group of one size is named by that size alone.
    const fmt = (x: number) =>
      x >= 1e9 ? `${Number((x / 1e9).toPrecision(3))}B` : `${Number((x / 1e6).toPrecision(3))}M`;
    const [lo, hi] = [fmt(part[0].params), fmt(part[part.length - 1].params)];
    out.push({
      label: lo === hi ? `N = ${lo}` : `N ${lo}–${hi}`,
      points: part.map((p, i) => ({ x: flops[i], y: p.loss })),
      fit,
    });
  }
  return out;
}
