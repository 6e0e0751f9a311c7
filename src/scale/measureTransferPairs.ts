// Cross-scale transfer pairs measured from the logs: for each catalogue row (data/transfer_pairs.csv), the compute
// multiplier M = baseline FLOPs / treatment FLOPs at equal loss, as a value with a kind, plus the curve M(L) over the
// losses both sides cover.
//
// FLOPs are each run's flops_per_token (runs.csv) x tokens. Every (baseline run, treatment run) combination gives an
// interval for M from intervals for each side's FLOPs to the target L:
//   - a complete schedule whose final loss is the target (target rule baseline_final, baseline side; treatment_final,
//     treatment side): [F, F];
//   - a crossing of L read on the curve at or after `endFraction` of the run's tokens (the end of the schedule,
//     where records stop): [c, c], an estimate;
//   - a crossing read mid-schedule: [0, c]. A schedule that ended at c would have cooled down by then and reached L no
//     later, so the true FLOPs are at most c (a treatment's mid-schedule crossing makes M a lower bound, a baseline's
//     an upper bound);
//   - a complete run that never reaches L: [F_total, inf) (a baseline that stops short makes M a lower bound; a
//     treatment that stops short, an upper bound);
//   - method `endpoint`: only the end point is read: final <= L gives [0, F_total], final > L gives [F_total, inf)
//     (a complete shorter run ending below the baseline's final loss is a lower bound on M).
// M's interval is [bLo / tHi, bHi / tLo]. Over the combinations (reruns), the median of the true values lies between
// the median of the lower ends and the median of the upper ends (the median is monotone in each value), so reruns
// that miss the target are censored observations, never dropped: kind = estimate when both medians agree,
// lower_bound / upper_bound when one is infinite / zero, interval otherwise.
import { analysisDefaults } from "../analysis/analysisOptions";
import type { MeasurementKind, TransferMeasurement } from "../types";
import { TARGET_LOSS } from "../analysis/constants";
import type { AnalysisInput } from "../analysis/analysisInput";
import type { EvalInput, RunInput } from "../analysis/inputs";
import { median } from "../math/stats";
import { selectorRowIndex, type RunSelector, type TransferPairRow } from "./transferCatalogue";

export interface TransferOptions {
  /** A crossing at or after this fraction of a run's tokens counts as the end of its schedule (an estimate). */
  readonly endFraction?: number;
  /** Points of each M(L) curve. */
  readonly curvePoints?: number;
  /** The M(L) grid stops at the loss each run has reached by this fraction of its tokens (early transient left out). */
  readonly curveFromFraction?: number;
}

/** The defaults live in the analysis options object (analysisOptions.ts). */
export const transferDefaults = analysisDefaults.transfer;

function validate(options: TransferOptions) {
  const o = { ...transferDefaults, ...options };
  if (!(o.endFraction > 0 && o.endFraction <= 1))
    throw new Error(`invalid endFraction: ${o.endFraction} (expected 0 < f <= 1)`);
  if (!(Number.isInteger(o.curvePoints) && o.curvePoints >= 2))
    throw new Error(`invalid curvePoints: ${o.curvePoints} (expected an integer >= 2)`);
  if (!(o.curveFromFraction >= 0 && o.curveFromFraction < 1))
    throw new Error(`invalid curveFromFraction: ${o.curveFromFraction} (expected 0 <= f < 1)`);
  return o;
}

/** One point of a pair's M(L) curve: both sides' median FLOPs to reach `loss`, read on their curves. */
export interface TransferCurvePoint {
  readonly measurementId: string;
  readonly pairId: string;
  readonly scaleLabel: string;
  readonly loss: number;
  readonly baselineFlops: number;
  readonly treatmentFlops: number;
  readonly multiplier: number;
}

export interface TransferResult {
  readonly measurements: readonly TransferMeasurement[];
  readonly curves: readonly TransferCurvePoint[];
}

/** A run as the measurement sees it: its curve in FLOPs. */
interface RunCurve {
  readonly runId: string;
  readonly track: string;
  readonly sourcePath: string;
  readonly finalLoss: number;
  readonly totalFlops: number;
  readonly flopsPerToken: number;
  readonly nParamsMatmul: number | null;
  /** (flops, loss) in step order; empty for a published end point. */
  readonly points: readonly { readonly flops: number; readonly loss: number }[];
}

type Interval = readonly [number, number];

export function measureTransferPairs(
  input: AnalysisInput,
  catalogue: readonly TransferPairRow[],
  options: TransferOptions = {},
): TransferResult {
  const o = validate(options);
  const evalsByRun = new Map<string, EvalInput[]>();
  for (const e of input.evals) {
    const list = evalsByRun.get(e.runId);
    if (list) list.push(e);
    else evalsByRun.set(e.runId, [e]);
  }
  const runById = new Map(input.runs.map((r) => [r.runId, r]));
  const measurements: TransferMeasurement[] = [];
  const curves: TransferCurvePoint[] = [];
  for (const row of catalogue) {
    const notes: string[] = [];
    const base = groupOf(row.baseline, input, runById, evalsByRun, row.source, notes, "baseline");
    const treat = groupOf(row.treatment, input, runById, evalsByRun, row.source, notes, "treatment");
    const m = measureRow(row, base, treat, o.endFraction, notes);
    measurements.push(m);
    curves.push(...curveOf(row, base, treat, o));
    const mine = curves.filter((c) => c.measurementId === row.id);
    if (mine.length >= 2) {
      const ms = mine.map((c) => c.multiplier);
      notes.push(
        `M(L) over ` +
          `L ${mine[0].loss.toFixed(4)}..${mine[mine.length - 1].loss.toFixed(4)}: ${fmt(Math.min(...ms))}x ` +
          `to ${fmt(Math.max(...ms))}x`,
      );
    }
    measurements[measurements.length - 1] = { ...m, note: notes.join("; ") };
  }
  return { measurements, curves };
}

const fmt = (x: number): string => x.toPrecision(3);

function groupOf(
  s: RunSelector,
  input: AnalysisInput,
  runById: ReadonlyMap<string, RunInput>,
  evalsByRun: ReadonlyMap<string, EvalInput[]>,
  at: string,
  notes: string[],
  side: string,
): RunCurve[] {
  let runs: RunInput[];
  if (s.kind === "published") {
    const shape = runById.get(s.shapeRunId);
    if (shape === undefined) throw new Error(`${at}: unknown run ${s.shapeRunId}`);
    if (shape.flopsPerToken === null) {
      notes.push(`${side}: ${s.shapeRunId} has no flops_per_token`);
      return [];
    }
    return [
      {
        runId: `published ${s.loss} at ${s.tokens} tokens`,
        track: shape.track,
        sourcePath: `published end point (model of ${shape.sourcePath})`,
        finalLoss: s.loss,
        totalFlops: shape.flopsPerToken * s.tokens,
        flopsPerToken: shape.flopsPerToken,
        nParamsMatmul: shape.nParamsMatmul,
        points: [],
      },
    ];
  }
  if (s.kind === "runs") {
    runs = s.runIds.map((id) => {
      const r = runById.get(id);
      if (r === undefined) throw new Error(`${at}: unknown run ${id}`);
      return r;
    });
  } else {
    const rowIndex = selectorRowIndex(s, input, at);
    runs = input.runs
      .filter((r) => r.track === s.track && r.rowIndex === rowIndex && (r.role === "record" || r.role === "rerun"))
      .sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
    if (runs.length === 0) throw new Error(`${at}: record row ${s.track}:${rowIndex} has no runs with a log`);
    // A record most of whose own reruns miss the track's target does not reproduce (issue 9: flag it).
    const target = TARGET_LOSS[s.track];
    if (target !== undefined) {
      const missed = runs.filter((r) => r.finalValLoss === null || r.finalValLoss > target).length;
      if (runs.length >= 3 && missed > runs.length / 2)
        notes.push(
          `FLAG ${side} ${s.track} row ${rowIndex}: ${missed} of ${runs.length} runs miss ${target}, the record ` +
            `does not reproduce`,
        );
      else if (missed > 0) notes.push(`${side}: ${missed} of ${runs.length} runs end above ${target}`);
    }
  }
  const out: RunCurve[] = [];
  const skipped: string[] = [];
  for (const r of runs) {
    const evals = (evalsByRun.get(r.runId) ?? []).filter((e) => e.tokens !== null).sort((a, b) => a.step - b.step);
    if (r.flopsPerToken === null || evals.length === 0) {
      skipped.push(r.runId);
      continue;
    }
    const fpt = r.flopsPerToken;
    const last = evals[evals.length - 1];
    out.push({
      runId: r.runId,
      track: r.track,
      sourcePath: r.sourcePath,
      finalLoss: last.valLoss,
      totalFlops: fpt * (last.tokens as number),
      flopsPerToken: fpt,
      nParamsMatmul: r.nParamsMatmul,
      points: evals.map((e) => ({ flops: fpt * (e.tokens as number), loss: e.valLoss })),
    });
  }
  if (skipped.length > 0)
    notes.push(
      `${side}: ${skipped.length} run(s) without flops_per_token or token counts left ` +
        `out (${skipped.slice(0, 2).join(", ")}${skipped.length > 2 ? ", ..." : ""})`,
    );
  return out;
}

/** First crossing of `loss` on the curve, linear in loss between the evals around it; null when never reached. */
function crossingFlops(points: readonly { flops: number; loss: number }[], loss: number): number | null {
  const i = points.findIndex((p) => p.loss <= loss);
  if (i < 0) return null;
  if (i === 0) return points[0].flops;
  const a = points[i - 1];
  const b = points[i];
  return a.flops + ((a.loss - loss) / (a.loss - b.loss)) * (b.flops - a.flops);
}

/** The interval for one side's FLOPs to reach `loss` (see the file comment). */
function sideInterval(
  run: RunCurve,
  loss: number,
  how: "end" | "crossing" | "endpoint",
  endFraction: number,
): Interval {
  if (how === "end") return [run.totalFlops, run.totalFlops];
  if (how === "endpoint" || run.points.length === 0)
    return run.finalLoss <= loss ? [0, run.totalFlops] : [run.totalFlops, Infinity];
  const c = crossingFlops(run.points, loss);
  if (c === null) return [run.totalFlops, Infinity];
  return c >= endFraction * run.totalFlops ? [c, c] : [0, c];
}

/** M's interval from the two sides' FLOPs intervals. */
function multiplierInterval(b: Interval, t: Interval): Interval {
  const lo = t[1] === Infinity ? 0 : b[0] / t[1];
  const hi = t[0] === 0 ? Infinity : b[1] / t[0];
  return [lo, hi];
}

/** The kind of a measurement whose median lies in [lo, hi] (0 and Infinity mark an open side). */
function kindOf(lo: number, hi: number): MeasurementKind | null {
  const finiteLo = lo > 0 && Number.isFinite(lo);
  const finiteHi = hi > 0 && Number.isFinite(hi);
  if (finiteLo && finiteHi) return Math.abs(Math.log(hi / lo)) < 1e-12 ? "estimate" : "interval";
  if (finiteLo) return "lower_bound";
  if (finiteHi) return "upper_bound";
  return null;
}

/** Median of log values where -Infinity / Infinity are allowed (open ends). */
function logMedian(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n % 2 === 1) return s[(n - 1) / 2];
  const a = s[n / 2 - 1];
  const b = s[n / 2];
  if (a === b) return a;
  return (a + b) / 2;
}

function measureRow(
  row: TransferPairRow,
  base: RunCurve[],
  treat: RunCurve[],
  endFraction: number,
  notes: string[],
): TransferMeasurement {
  const first = treat[0] ?? null;
  const fptT = median(treat.map((t) => t.flopsPerToken));
  const nMatT = median(treat.map((t) => t.nParamsMatmul).filter((x): x is number => x !== null));
  const blank = {
    pairId: row.pairId,
    innovation: row.innovation,
    category: row.category,
    scaleLabel: row.scaleLabel,
    nParamsMatmul: nMatT,
    flopsPerToken: fptT,
    origin: "logs" as const,
    measurementId: row.id,
    preferred: row.preferred,
    source: sourceOf(row, base, treat),
  };
  const trackTarget = base.length > 0 ? (TARGET_LOSS[base[0].track] ?? null) : null;
  if (row.targetRule.kind === "track_target" && base.length > 0 && trackTarget === null)
    throw new Error(`${row.source}: track_target: ${base[0].track} has no val-loss target`);
  const targetRule =
    row.targetRule.kind === "baseline_final"
      ? `baseline's own final loss of its complete schedule (median ` +
        `over ${base.length} run${base.length === 1 ? "" : "s"})`
      : row.targetRule.kind === "treatment_final"
        ? `each treatment run's own final loss of its complete schedule (median ` +
          `over ${treat.length} run${treat.length === 1 ? "" : "s"})`
        : row.targetRule.kind === "track_target"
          ? `the track's record target ${trackTarget}, which both sides' schedules were tuned to reach`
          : `fixed loss ${row.targetRule.loss}`;
  const method =
    row.method === "endpoint"
      ? "endpoint: complete end points only (treatment ending at or below the target: lower bound)"
      : `crossing: treatment curve read at the target (after ${endFraction} of its tokens: estimate; earlier: ` +
        `lower bound; never: upper bound)`;
  if (base.length === 0 || first === null) {
    notes.push("no runs with FLOPs on one side: not measured");
    return {
      ...blank,
      flops: null,
      targetLoss: null,
      targetRule,
      multiplier: null,
      lo: null,
      hi: null,
      kind: "interval",
      logSd: null,
      method,
      note: "",
    };
  }
  const target =
    row.targetRule.kind === "baseline_final"
      ? (median(base.map((b) => b.finalLoss)) as number)
      : row.targetRule.kind === "treatment_final"
        ? (median(treat.map((t) => t.finalLoss)) as number)
        : row.targetRule.kind === "track_target"
          ? (trackTarget as number)
          : row.targetRule.loss;
  const los: number[] = [];
  const his: number[] = [];
  const points = new Map<string, number>(); // "b|t" -> ln M for point combinations
  let censored = 0;
  for (const b of base) {
    // Under baseline_final each baseline run is its own complete end point at its own final loss (so rerun noise in
    // the baseline's final loss moves the treatment's crossing, as it should).
    const lossB = row.targetRule.kind === "baseline_final" ? b.finalLoss : target;
    const bi = sideInterval(b, lossB, row.targetRule.kind === "baseline_final" ? "end" : "crossing", endFraction);
    for (const t of treat) {
      // Under treatment_final each treatment run is its own complete end point, read on the baseline's curve.
      const own = row.targetRule.kind === "treatment_final";
      const ti = own
        ? sideInterval(t, t.finalLoss, "end", endFraction)
        : sideInterval(t, lossB, row.method === "endpoint" ? "endpoint" : "crossing", endFraction);
      const [lo, hi] = multiplierInterval(own ? sideInterval(b, t.finalLoss, "crossing", endFraction) : bi, ti);
      los.push(lo > 0 ? Math.log(lo) : -Infinity);
      his.push(hi < Infinity ? Math.log(hi) : Infinity);
      if (lo > 0 && hi < Infinity && Math.abs(Math.log(hi / lo)) < 1e-12)
        points.set(`${b.runId}|${t.runId}`, Math.log(lo));
      else censored++;
    }
  }
  const mLo = Math.exp(logMedian(los));
  const mHi = Math.exp(logMedian(his));
  const kind = kindOf(mLo, mHi);
  const n = los.length;
  notes.push(
    `${base.length} baseline x ${treat.length} treatment run(s); ${censored} of ${n} combination(s) are bounds ` +
      `(censored)`,
  );
  const treatFlops = median(
    treat.map((t) => {
      const c =
        row.method === "endpoint" || row.targetRule.kind === "treatment_final" ? null : crossingFlops(t.points, target);
      return c ?? t.totalFlops;
    }),
  );
  let multiplier: number | null = null;
  let lo: number | null = null;
  let hi: number | null = null;
  if (kind === "estimate") {
    multiplier = mLo;
    const vals = [...points.values()];
    if (vals.length >= 2) {
      lo = Math.exp(Math.min(...vals));
      hi = Math.exp(Math.max(...vals));
    }
  } else if (kind === "lower_bound") {
    multiplier = mLo;
    lo = mLo;
  } else if (kind === "upper_bound") {
    multiplier = mHi;
    hi = mHi;
  } else if (kind === "interval") {
    multiplier = Math.sqrt(mLo * mHi);
    lo = mLo;
    hi = mHi;
    notes.push("median lies between lo and hi; multiplier = their geometric mean");
  } else notes.push("every combination is open on both sides: no information");
  return {
    ...blank,
    flops: treatFlops,
    targetLoss: target,
    targetRule,
    multiplier,
    lo,
    hi,
    kind: kind ?? "interval",
    logSd: logSdOf(points),
    method,
    note: "",
  };
}

/**
 * Standard error of the mean ln M from reruns: two-way, sqrt(var_b / n_b + var_t / n_t) with var_b the variance over
 * baseline runs of their mean ln M (over treatment runs), var_t likewise; null without reruns on either side. Only
 * point combinations count (censored ones have no value).
 */
function logSdOf(points: ReadonlyMap<string, number>): number | null {
  const byB = new Map<string, number[]>();
  const byT = new Map<string, number[]>();
  for (const [key, v] of points) {
    const [b, t] = key.split("|");
    byB.set(b, [...(byB.get(b) ?? []), v]);
    byT.set(t, [...(byT.get(t) ?? []), v]);
  }
  const variance = (xs: number[]): number => {
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
  };
  const means = (g: Map<string, number[]>) => [...g.values()].map((xs) => xs.reduce((s, x) => s + x, 0) / xs.length);
  const mb = means(byB);
  const mt = means(byT);
  if (mb.length < 2 && mt.length < 2) return null;
  const vb = mb.length >= 2 ? variance(mb) / mb.length : 0;
  const vt = mt.length >= 2 ? variance(mt) / mt.length : 0;
  return Math.sqrt(vb + vt);
}

function sourceOf(row: TransferPairRow, base: RunCurve[], treat: RunCurve[]): string {
  const list = (g: RunCurve[]) =>
    g.length <= 2 ? g.map((r) => r.sourcePath).join(" + ") : `${g[0].sourcePath} + ${g.length - 1} more`;
  return `${row.source}; baseline ${list(base) || row.baselineText}; treatment ${list(treat) || row.treatmentText}`;
}

/**
 * M(L) on a grid of losses both sides reach: from the higher of the two median final losses up to the lower of the
 * losses each side has reached by `curveFromFraction` of its tokens (median over runs). At each L, each side's FLOPs
 * are the median over its runs of the crossing (a run that never reaches L counts as beyond every crossing; points
 * where that leaves the median unknown are left out). Both sides are read on their curves, mid-schedule or not.
 */
function curveOf(
  row: TransferPairRow,
  base: RunCurve[],
  treat: RunCurve[],
  o: ReturnType<typeof validate>,
): TransferCurvePoint[] {
  if (base.length === 0 || treat.length === 0 || base.some((b) => b.points.length === 0)) return [];
  const lossAt = (r: RunCurve, frac: number) =>
    (r.points.find((p) => p.flops >= frac * r.totalFlops) ?? r.points[r.points.length - 1]).loss;
  const lmin = Math.max(
    median(base.map((b) => b.finalLoss)) as number,
    median(treat.map((t) => t.finalLoss)) as number,
  );
  const lmax = Math.min(
    median(base.map((b) => lossAt(b, o.curveFromFraction))) as number,
    median(treat.map((t) => lossAt(t, o.curveFromFraction))) as number,
  );
  if (!(lmax > lmin)) return [];
  const medianCrossing = (g: RunCurve[], loss: number): number | null => {
    const xs = g.map((r) => crossingFlops(r.points, loss) ?? Infinity).sort((a, b) => a - b);
    const m = xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
    return Number.isFinite(m) ? m : null;
  };
  const out: TransferCurvePoint[] = [];
  for (let k = 0; k < o.curvePoints; k++) {
    const loss = lmin + ((lmax - lmin) * k) / (o.curvePoints - 1);
    const fb = medianCrossing(base, loss);
    const ft = medianCrossing(treat, loss);
    if (fb === null || ft === null || !(ft > 0)) continue;
    out.push({
      measurementId: row.id,
      pairId: row.pairId,
      scaleLabel: row.scaleLabel,
      loss,
      baselineFlops: fb,
      treatmentFlops: ft,
      multiplier: fb / ft,
    });
  }
  return out;
}
