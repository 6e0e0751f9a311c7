// Small numeric helpers shared by the analyses.

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** a / b, or null when either is missing or the quotient is not a finite positive number. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (!(b > 0) || !(a > 0)) return null;
  const r = a / b;
  return Number.isFinite(r) ? r : null;
}
