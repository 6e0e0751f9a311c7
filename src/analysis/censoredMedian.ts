// A median over reruns that counts the runs that missed the target. A run that stops before reaching the target
// loss is right-censored: it would have needed more than its total tokens. Dropping it (the median of the runs that
// reached) biases the median low; the Kaplan-Meier product-limit estimate (Kaplan & Meier 1958) keeps it in the risk
// set up to its total. Median = the smallest time where the survival curve reaches 0.5; where the curve sits exactly
// at 0.5 between two event times, their midpoint (so with no censoring it equals the ordinary median). Undefined
// (null, with the bound it exceeds) when more than half the probability mass is censored.

export interface CensoredObservation {
  /** Tokens (or time) at the crossing for a run that reached; the run's total for one that did not. */
  readonly value: number;
  readonly reached: boolean;
}

export interface CensoredMedian {
  readonly n: number;
  readonly nReached: number;
  readonly shareReached: number | null;
  readonly median: number | null;
  /** When the median is undefined: it lies above this value (the largest observed value). */
  readonly medianAbove: number | null;
}

export function kaplanMeierMedian(obs: readonly CensoredObservation[]): CensoredMedian {
  for (const o of obs) if (!(Number.isFinite(o.value) && o.value >= 0)) throw new Error(`kaplanMeierMedian: invalid value: ${o.value}`);
  const n = obs.length;
  const nReached = obs.filter((o) => o.reached).length;
  const base = { n, nReached, shareReached: n ? nReached / n : null };
  if (nReached === 0) return { ...base, median: null, medianAbove: n ? Math.max(...obs.map((o) => o.value)) : null };
  const eventTimes = [...new Set(obs.filter((o) => o.reached).map((o) => o.value))].sort((a, b) => a - b);
  let s = 1;
  for (let j = 0; j < eventTimes.length; j++) {
    const t = eventTimes[j];
    // At risk: every run still going at t; a run censored at t counts as at risk (censoring after the event).
    const atRisk = obs.filter((o) => o.value >= t).length;
    const events = obs.filter((o) => o.reached && o.value === t).length;
    s *= 1 - events / atRisk;
    if (Math.abs(s - 0.5) < 1e-12) return { ...base, median: j + 1 < eventTimes.length ? 0.5 * (t + eventTimes[j + 1]) : t, medianAbove: null };
    if (s < 0.5) return { ...base, median: t, medianAbove: null };
  }
  return { ...base, median: null, medianAbove: Math.max(...obs.map((o) => o.value)) };
}
