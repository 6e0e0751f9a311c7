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
  for (const o of obs)
    if (!(Number.isFinite(o.value) && o.value >= 0)) throw new Error(`kaplanMeierMedian: invalid value: ${o.value}`);
  const n = obs.length;
  const nReached = obs.filter((o) => o.reached).length;
  const base = { n, nReached, shareReached: n ? nReached / n : null };
  if (nReached === 0) return { ...base, median: null, medianAbove: n ? Math.max(...obs.map((o) => o.value)) : null };
  const sorted = obs.slice().sort((a, b) => a.value - b.value);
  const eventTimes: number[] = [];
  const survival: number[] = [];
  let s = 1;
  for (let i = 0; i < n;) {
    const t = sorted[i].value;
    let j = i;
    let events = 0;
    while (j < n && sorted[j].value === t) {
      if (sorted[j].reached) events++;
      j++;
    }
    // At risk at t: every run still going at t; a run censored at t counts as at risk (censoring after the event).
    if (events > 0) {
      s *= 1 - events / (n - i);
      eventTimes.push(t);
      survival.push(s);
    }
    i = j;
  }
  for (let k = 0; k < eventTimes.length; k++) {
    if (Math.abs(survival[k] - 0.5) < 1e-12)
      return {
        ...base,
        median: k + 1 < eventTimes.length ? 0.5 * (eventTimes[k] + eventTimes[k + 1]) : eventTimes[k],
        medianAbove: null,
      };
    if (survival[k] < 0.5) return { ...base, median: eventTimes[k], medianAbove: null };
  }
  return { ...base, median: null, medianAbove: sorted[n - 1].value };
}
