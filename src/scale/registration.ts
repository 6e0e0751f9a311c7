// Pre-registered predictions (data/preregistration/*.json): each file is written once, before its experiment runs, by
// scripts/register-prediction.ts (which refuses to overwrite), and never by `npm start`; a new registration is a new
// file. This module reads a registration and scores the decisive runs' logs against it.
//
// Scoring, by the rule the file states: the target is the baseline's own final validation loss (median over its
// seeds); each baseline run costs its total tokens x its FLOPs per token; each treatment run's curve is read where it
// crosses the target (linear in tokens between evaluations): after `end_fraction` of its tokens an estimate, earlier
// a lower bound on the multiplier (a schedule ending there would have reached the target no later), never an upper
// bound. The measured multiplier is median baseline FLOPs / median treatment FLOPs, censored when most treatment seeds
// are. Verdict: an estimate inside the predicted 95% interval confirms it, outside refutes it; a bound refutes only
// if it excludes the whole interval, otherwise the runs are "not decisive".
import { readFileSync } from "node:fs";
import { parseLog } from "../ingest/parseLog";
import { tokenScheduleFor } from "../ingest/tokenSchedule";

export interface RegistrationSide {
  readonly recipe: string;
  readonly flops_per_token: number;
}

export interface Registration {
  readonly id: string;
  readonly registered_on: string;
  readonly question: string;
  readonly experiment: {
    readonly sizes: readonly {
      readonly name: string;
      readonly shape: string;
      readonly baseline: RegistrationSide;
      readonly treatment: RegistrationSide;
    }[];
    readonly decisive_size: string;
    readonly tokens_per_parameter: string;
    readonly data: string;
    readonly seeds: string;
    readonly learning_rate_tuning: string;
    readonly flops_convention: string;
    readonly target: string;
    readonly logs: string;
  };
  readonly prediction: {
    readonly pair_id: string;
    readonly quantity: string;
    readonly treatment_flops: number;
    readonly baseline_flops: number;
    readonly multiplier: number;
    readonly lo: number;
    readonly hi: number;
    readonly assumption: string;
    readonly model: string;
  };
  readonly rule: {
    readonly end_fraction: number;
    readonly confirm: string;
    readonly refute: string;
    readonly not_decisive: string;
  };
}

export function readRegistration(path: string): Registration {
  let reg: Registration;
  try {
    reg = JSON.parse(readFileSync(path, "utf8")) as Registration;
  } catch (e) {
    throw new Error(`${path}: not a readable registration (${(e as Error).message})`);
  }
  const need = (cond: boolean, what: string) => {
    if (!cond) throw new Error(`${path}: ${what}`);
  };
  need(
    typeof reg.registered_on === "string" && /^\d{4}-\d{2}-\d{2}$/.test(reg.registered_on),
    "registered_on must be a date YYYY-MM-DD",
  );
  need(
    reg.prediction && reg.prediction.lo > 0 && reg.prediction.hi >= reg.prediction.lo,
    "prediction needs 0 < lo <= hi",
  );
  need(reg.rule && reg.rule.end_fraction > 0 && reg.rule.end_fraction <= 1, "rule.end_fraction must be in (0, 1]");
  need(
    reg.experiment && reg.experiment.sizes.some((s) => s.name === reg.experiment.decisive_size),
    "experiment.decisive_size must name one of experiment.sizes",
  );
  return reg;
}

export interface LogText {
  readonly path: string;
  readonly text: string;
}

interface Curve {
  readonly path: string;
  readonly points: readonly { tokens: number; loss: number }[];
  readonly totalTokens: number;
  readonly finalLoss: number;
}

function curveOf(log: LogText): Curve {
  const parsed = parseLog(log.text, log.path);
  const sched = tokenScheduleFor(parsed);
  if (sched.schedule === null) throw new Error(`${log.path}: no token schedule (${sched.reason})`);
  const points = parsed.evals.map((e) => ({
    tokens: (sched.schedule as { tokensBefore: (s: number) => number }).tokensBefore(e.step),
    loss: e.valLoss,
  }));
  if (points.length < 2) throw new Error(`${log.path}: fewer than two validation lines`);
  const last = points[points.length - 1];
  return { path: log.path, points, totalTokens: last.tokens, finalLoss: last.loss };
}

/** Tokens where the curve first reaches `loss` (linear between evaluations), null if it never does. */
function crossing(c: Curve, loss: number): number | null {
  for (let i = 1; i < c.points.length; i++) {
    const a = c.points[i - 1],
      b = c.points[i];
    if (b.loss <= loss)
      return a.loss <= loss ? a.tokens : a.tokens + ((a.loss - loss) / (a.loss - b.loss)) * (b.tokens - a.tokens);
  }
  return null;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

export interface RegistrationScore {
  readonly registration: string;
  readonly verdict: "confirmed" | "refuted" | "not decisive";
  readonly target: number;
  readonly multiplier: number;
  readonly kind: "estimate" | "lower_bound";
  readonly predicted: { readonly lo: number; readonly hi: number };
  readonly runs: readonly {
    readonly path: string;
    readonly side: "baseline" | "treatment";
    readonly tokens: number | null;
    readonly reading: string;
  }[];
  readonly text: string;
}

/** Scores the decisive size's runs (speedrun log format) against a registration. */
export function scoreRegistration(
  reg: Registration,
  baseline: readonly LogText[],
  treatment: readonly LogText[],
): RegistrationScore {
  if (baseline.length === 0 || treatment.length === 0)
    throw new Error("scoreRegistration: needs at least one baseline and one treatment log");
  const size = reg.experiment.sizes.find((s) => s.name === reg.experiment.decisive_size)!;
  const base = baseline.map(curveOf);
  const treat = treatment.map(curveOf);
  const target = median(base.map((b) => b.finalLoss));
  const runs: RegistrationScore["runs"][number][] = base.map((b) => ({
    path: b.path,
    side: "baseline" as const,
    tokens: b.totalTokens,
    reading: `complete run, final loss ${b.finalLoss}`,
  }));
  // Per treatment seed: tokens to target; mid-schedule crossings and misses are open on one side.
  const readings = treat.map((t) => {
    const c = crossing(t, target);
    const r =
      c === null
        ? { tokens: Infinity, open: "never" as const }
        : c >= reg.rule.end_fraction * t.totalTokens
          ? { tokens: c, open: null }
          : { tokens: c, open: "early" as const };
    runs.push({
      path: t.path,
      side: "treatment",
      tokens: c,
      reading:
        c === null
          ? "never reaches the target: at least its whole run"
          : r.open === "early"
            ? `reaches the target at ${((100 * c) / t.totalTokens).toFixed(0)}% of its run: at most these tokens`
            : "reaches the target at the end of its schedule",
    });
    return r;
  });
  if (readings.filter((r) => r.open === "never").length * 2 >= readings.length)
    throw new Error(
      `scoreRegistration: most treatment runs never reach the baseline's final loss ${target}: the multiplier ` +
        `is below their token ratio, an upper bound the registration's rule does not score (re-run longer)`,
    );
  const baseFlops = median(base.map((b) => b.totalTokens)) * size.baseline.flops_per_token;
  const tTokens = median(readings.map((r) => r.tokens));
  const multiplier = baseFlops / (tTokens * size.treatment.flops_per_token);
  const kind: RegistrationScore["kind"] =
    readings.filter((r) => r.open === "early").length * 2 >= readings.length ? "lower_bound" : "estimate";
  const { lo, hi } = reg.prediction;
  const inside = multiplier >= lo && multiplier <= hi;
  const verdict: RegistrationScore["verdict"] =
    kind === "estimate" ? (inside ? "confirmed" : "refuted") : multiplier > hi ? "refuted" : "not decisive";
  const m = Number(multiplier.toPrecision(4));
  const text =
    `${reg.id}: measured ${kind === "lower_bound" ? "at least " : ""}${m}x ` +
    `at ${size.name} (target ${target}, ${base.length} baseline and ${treat.length} treatment runs) against the ` +
    `predicted ${reg.prediction.lo}x to ${reg.prediction.hi}x: ${verdict}.`;
  return { registration: reg.id, verdict, target, multiplier, kind, predicted: { lo, hi }, runs, text };
}
