// Where the gains came from, by kind of change. Record-to-record equal-loss factors (previous row's tokens, FLOPs and
// time to target over this row's) are chained along each track's rows that have tokens to target, and each step is
// credited to the category of the row that made it (data/record_categories.csv). A step that spans rows without a
// log (e.g. track 1 record 3, Muon, whose log is missing) goes to their common category, or to "unattributed" when
// they differ. The product of all steps is the headline ratio (baseline over latest), so the categories split it
// exactly in log terms.
// Run-to-run intervals: a seeded bootstrap over each row's reruns (resample the runs, take the Kaplan-Meier median of
// tokens with misses censored; scale time by the resampled median of the runs' log times to target over the full
// median), 2.5th and 97.5th percentiles of each category's product. Rows with one run contribute no spread.
import { mulberry32, streamSeed } from "../../fit/random";
import { kaplanMeierMedian } from "../../math/censoredMedian";
import type { RecordCategory } from "./recordCategories";
import { median } from "../../math/stats";
import type { RecordCompute, RunToTarget } from "../types";

export interface AttributionStep {
  readonly track: string;
  readonly fromRecord: number;
  readonly toRecord: number;
  readonly toRowIndex: number;
  readonly date: string | null;
  readonly category: string;
  readonly tokenFactor: number;
  readonly flopsFactor: number | null;
  readonly timeFactor: number | null;
  /** Rows between from and to (exclusive of from) whose changes the step carries. */
  readonly rows: readonly number[];
}

export interface AttributionRow {
  readonly track: string;
  /** A ChangeCategory, "unattributed" (a step across rows of different kinds) or "total". */
  readonly category: string;
  readonly tokenFactor: number;
  readonly flopsFactor: number | null;
  readonly timeFactor: number | null;
  readonly tokenLo: number | null;
  readonly tokenHi: number | null;
  readonly flopsLo: number | null;
  readonly flopsHi: number | null;
  readonly timeLo: number | null;
  readonly timeHi: number | null;
  /** Number of chained steps credited to the category. */
  readonly steps: number;
  /** Record numbers of the steps' rows. */
  readonly records: string;
  readonly lowerBound: boolean;
  readonly note: string;
}

export interface AttributionOptions {
  readonly untilDate?: string | null;
  readonly bootstrap?: number;
  readonly seed?: number;
  readonly roles?: readonly string[];
}

/** Frozen; the analysis options attribution.resamples / attribution.seed / recordRoles default to these. */
export const attributionDefaults = Object.freeze({
  untilDate: null as string | null,
  bootstrap: 1000 as number,
  seed: 1 as number,
  roles: Object.freeze(["record", "rerun"]) as readonly string[],
});

interface ChainRow {
  readonly rc: RecordCompute;
  readonly runs: readonly RunToTarget[];
}

function chainRows(
  rows: readonly RecordCompute[],
  runs: readonly RunToTarget[],
  track: string,
  o: typeof attributionDefaults,
): ChainRow[] {
  const mine = rows
    .filter(
      (r) =>
        r.track === track &&
        r.tokensToTarget !== null &&
        r.tokensToTarget > 0 &&
        (o.untilDate === null || r.rowIndex === 0 || (r.date !== null && r.date <= o.untilDate)),
    )
    .sort((a, b) => a.rowIndex - b.rowIndex);
  return mine.map((rc) => ({
    rc,
    runs: runs.filter(
      (u) => u.track === track && u.rowIndex === rc.rowIndex && o.roles.includes(u.role) && u.tokensToTarget !== null,
    ),
  }));
}

export function attributionSteps(
  rows: readonly RecordCompute[],
  categories: readonly RecordCategory[],
  track: string,
  untilDate: string | null = null,
): AttributionStep[] {
  const chain = chainRows(rows, [], track, { ...attributionDefaults, untilDate });
  const cat = new Map(categories.filter((c) => c.track === track).map((c) => [c.rowIndex, c.category as string]));
  const out: AttributionStep[] = [];
  for (let k = 1; k < chain.length; k++) {
    const a = chain[k - 1].rc;
    const b = chain[k].rc;
    const between: number[] = [];
    for (let i = a.rowIndex + 1; i <= b.rowIndex; i++) between.push(i);
    const kinds = new Set(between.map((i) => cat.get(i) ?? "uncategorised"));
    out.push({
      track,
      fromRecord: a.record,
      toRecord: b.record,
      toRowIndex: b.rowIndex,
      date: b.date,
      category: kinds.size === 1 ? [...kinds][0] : "unattributed",
      tokenFactor: (a.tokensToTarget as number) / (b.tokensToTarget as number),
      flopsFactor: a.flopsToTarget !== null && b.flopsToTarget !== null ? a.flopsToTarget / b.flopsToTarget : null,
      timeFactor:
        a.timeToTargetS !== null && b.timeToTargetS !== null && b.timeToTargetS > 0
          ? a.timeToTargetS / b.timeToTargetS
          : null,
      rows: between,
    });
  }
  return out;
}

function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const i = Math.floor(h);
  return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
}

/** Per track and category: chained factors with run-to-run bootstrap intervals, plus a "total" row. */
export function attributeByCategory(
  rows: readonly RecordCompute[],
  runs: readonly RunToTarget[],
  categories: readonly RecordCategory[],
  track: string,
  options: AttributionOptions = {},
): AttributionRow[] {
  const o = { ...attributionDefaults, ...options };
  if (!(Number.isInteger(o.bootstrap) && o.bootstrap >= 0))
    throw new Error(`invalid bootstrap: ${o.bootstrap} (expected a non-negative integer)`);
  const chain = chainRows(rows, runs, track, o);
  const steps = attributionSteps(rows, categories, track, o.untilDate);
  if (!steps.length) return [];
  const names = [...new Set(steps.map((s) => s.category))].sort();
  // Per chain row: point values, and a resampler giving (tokens, time) for bootstrap draw b.
  const point = chain.map((c) => ({
    tokens: c.rc.tokensToTarget as number,
    time: c.rc.timeToTargetS,
    flopsPerToken: c.rc.flopsToTarget !== null ? c.rc.flopsToTarget / (c.rc.tokensToTarget as number) : null,
  }));
  const draw = (k: number, rng: () => number): { tokens: number; time: number | null } => {
    const rs = chain[k].runs;
    const p = point[k];
    if (rs.length < 2) return { tokens: p.tokens, time: p.time };
    const pick = rs.map(() => rs[Math.floor(rng() * rs.length)]);
    const km = kaplanMeierMedian(
      pick
        .filter((r) => r.method === "interpolated" || r.totalTokens !== null)
        .map((r) => ({
          value: r.method === "interpolated" ? (r.tokensToTarget as number) : (r.totalTokens as number),
          reached: r.method === "interpolated",
        })),
    );
    const reachedTokens = pick.filter((r) => r.method === "interpolated").map((r) => r.tokensToTarget as number);
    const tokens = km.median ?? median(reachedTokens) ?? p.tokens;
    const allTimes = rs.map((r) => r.timeToTargetS).filter((t): t is number => t !== null);
    const times = pick.map((r) => r.timeToTargetS).filter((t): t is number => t !== null);
    const full = median(allTimes);
    const now = median(times);
    const time = p.time !== null && full !== null && now !== null && full > 0 ? p.time * (now / full) : p.time;
    return { tokens, time };
  };
  const logSums = (vals: { tokens: number; time: number | null }[]) => {
    const acc = new Map(names.map((n) => [n, { tok: 0, flops: 0, time: 0, flopsOk: true, timeOk: true }]));
    steps.forEach((s, i) => {
      const a = vals[i];
      const b = vals[i + 1];
      const e = acc.get(s.category)!;
      e.tok += Math.log(a.tokens / b.tokens);
      const fa = point[i].flopsPerToken;
      const fb = point[i + 1].flopsPerToken;
      if (fa !== null && fb !== null) e.flops += Math.log((a.tokens * fa) / (b.tokens * fb));
      else e.flopsOk = false;
      if (a.time !== null && b.time !== null && b.time > 0) e.time += Math.log(a.time / b.time);
      else e.timeOk = false;
    });
    return acc;
  };
  const central = logSums(point.map((p) => ({ tokens: p.tokens, time: p.time })));
  const boot = new Map(names.map((n) => [n, { tok: [] as number[], flops: [] as number[], time: [] as number[] }]));
  const bootTotal = { tok: [] as number[], flops: [] as number[], time: [] as number[] };
  for (let b = 0; b < o.bootstrap; b++) {
    const rng = mulberry32(streamSeed(o.seed, b));
    const sums = logSums(chain.map((_, k) => draw(k, rng)));
    let t = 0,
      f = 0,
      m = 0;
    for (const n of names) {
      const e = sums.get(n)!;
      const bb = boot.get(n)!;
      bb.tok.push(e.tok);
      bb.flops.push(e.flops);
      bb.time.push(e.time);
      t += e.tok;
      f += e.flops;
      m += e.time;
    }
    bootTotal.tok.push(t);
    bootTotal.flops.push(f);
    bootTotal.time.push(m);
  }
  const ci = (xs: number[]): [number | null, number | null] => {
    if (!xs.length) return [null, null];
    const s = xs.slice().sort((a, b) => a - b);
    return [Math.exp(quantile(s, 0.025)), Math.exp(quantile(s, 0.975))];
  };
  const baseLower = chain[0].rc.lowerBound;
  const out: AttributionRow[] = names.map((n) => {
    const e = central.get(n)!;
    const bb = boot.get(n)!;
    const mine = steps.filter((s) => s.category === n);
    const [tokenLo, tokenHi] = ci(bb.tok);
    const [flopsLo, flopsHi] = e.flopsOk ? ci(bb.flops) : [null, null];
    const [timeLo, timeHi] = e.timeOk ? ci(bb.time) : [null, null];
    const lowerBound = baseLower && mine.some((s) => s.fromRecord === chain[0].rc.record);
    return {
      track,
      category: n,
      tokenFactor: Math.exp(e.tok),
      flopsFactor: e.flopsOk ? Math.exp(e.flops) : null,
      timeFactor: e.timeOk ? Math.exp(e.time) : null,
      tokenLo,
      tokenHi,
      flopsLo,
      flopsHi,
      timeLo,
      timeHi,
      steps: mine.length,
      records: mine.map((s) => s.toRecord).join(" "),
      lowerBound,
      note: lowerBound ? "includes the first step from a baseline that never reaches the target: a lower bound" : "",
    };
  });
  const tot = names.map((n) => central.get(n)!);
  const [tokenLo, tokenHi] = ci(bootTotal.tok);
  const [flopsLo, flopsHi] = ci(bootTotal.flops);
  const [timeLo, timeHi] = ci(bootTotal.time);
  out.push({
    track,
    category: "total",
    tokenFactor: Math.exp(tot.reduce((s, e) => s + e.tok, 0)),
    flopsFactor: tot.every((e) => e.flopsOk) ? Math.exp(tot.reduce((s, e) => s + e.flops, 0)) : null,
    timeFactor: tot.every((e) => e.timeOk) ? Math.exp(tot.reduce((s, e) => s + e.time, 0)) : null,
    tokenLo,
    tokenHi,
    flopsLo: tot.every((e) => e.flopsOk) ? flopsLo : null,
    flopsHi: tot.every((e) => e.flopsOk) ? flopsHi : null,
    timeLo: tot.every((e) => e.timeOk) ? timeLo : null,
    timeHi: tot.every((e) => e.timeOk) ? timeHi : null,
    steps: steps.length,
    records: `${chain[0].rc.record} to ${chain[chain.length - 1].rc.record}`,
    lowerBound: baseLower,
    note:
      `product of every step: record ${chain[chain.length - 1].rc.record} against the baseline at equal ` +
      `loss; bootstrap ${o.bootstrap} draws, seed ${o.seed}`,
  });
  return out;
}
