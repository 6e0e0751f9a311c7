// A trend with one break next to the single exponential: y = a + b x + c max(0, x - tau), continuous at the break
// (a change of pace, not a jump). tau is found by a grid search over the span between the third point and the
// third-from-last (every segment keeps at least 3 points), step `gridStep` in x units; a, b, c by least squares at each
// tau. The data's preference is read off BIC (Schwarz 1978): n ln(RSS / n) + k ln n with k = 3 for the line
// (a, b, sigma) and 5 for the hinge (a, b, c, tau, sigma); lower wins. The break's interval is the profile-likelihood
// set {tau : n ln(RSS(tau) / RSS_min) <= 3.84} (chi-square 1 dof, 95%), an approximation: the change-point likelihood
// ratio is not exactly chi-square, so read it as a rough range.
import { olsFit } from "../../math/olsFit";

export interface SegmentedFit {
  readonly n: number;
  readonly breakX: number | null;
  readonly breakLo: number | null;
  readonly breakHi: number | null;
  readonly intercept: number | null;
  readonly slopeBefore: number | null;
  readonly slopeAfter: number | null;
  readonly rssSegmented: number | null;
  readonly rssLine: number;
  readonly bicLine: number;
  readonly bicSegmented: number | null;
  readonly preferred: "single" | "segmented";
  readonly reason: string;
}

const CHI2_1_95 = 3.841458820694124;

/** Least squares of y on (1, x, max(0, x - tau)); null when the 3x3 system is singular. */
function hingeFit(
  x: readonly number[],
  y: readonly number[],
  tau: number,
): { a: number; b: number; c: number; rss: number } | null {
  const n = x.length;
  const m = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const v = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const row = [1, x[i], Math.max(0, x[i] - tau)];
    for (let j = 0; j < 3; j++) {
      v[j] += row[j] * y[i];
      for (let k = 0; k < 3; k++) m[j][k] += row[j] * row[k];
    }
  }
  const sol = solve3(m, v);
  if (sol === null) return null;
  const [a, b, c] = sol;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - a - b * x[i] - c * Math.max(0, x[i] - tau)) ** 2;
  return { a, b, c, rss };
}

function solve3(m: number[][], v: number[]): [number, number, number] | null {
  const a = m.map((r, i) => [...r, v[i]]);
  for (let col = 0; col < 3; col++) {
    let piv = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
    if (Math.abs(a[piv][col]) < 1e-12 * Math.max(1, Math.abs(a[0][0]))) return null;
    [a[col], a[piv]] = [a[piv], a[col]];
    for (let r = 0; r < 3; r++) {
      if (r === col) continue;
      const f = a[r][col] / a[col][col];
      for (let k = col; k < 4; k++) a[r][k] -= f * a[col][k];
    }
  }
  return [a[0][3] / a[0][0], a[1][3] / a[1][1], a[2][3] / a[2][2]];
}

/** Fit line and hinge to points sorted by x; needs at least 6 points (3 a side). */
export function segmentedTrend(
  xIn: readonly number[],
  yIn: readonly number[],
  options: { gridStep?: number } = {},
): SegmentedFit {
  const gridStep = options.gridStep ?? 0.05;
  if (!(gridStep > 0)) throw new Error(`invalid gridStep: ${gridStep} (expected > 0)`);
  const order = xIn.map((_, i) => i).sort((i, j) => xIn[i] - xIn[j]);
  const x = order.map((i) => xIn[i]);
  const y = order.map((i) => yIn[i]);
  const n = x.length;
  const line = olsFit(x, y);
  let rssLine = 0;
  for (let i = 0; i < n; i++) rssLine += (y[i] - line.intercept - line.slope * x[i]) ** 2;
  const bic = (rss: number, k: number) => n * Math.log(Math.max(rss, 1e-300) / n) + k * Math.log(n);
  const bicLine = bic(rssLine, 3);
  const none = {
    n,
    breakX: null,
    breakLo: null,
    breakHi: null,
    intercept: null,
    slopeBefore: null,
    slopeAfter: null,
    rssSegmented: null,
    rssLine,
    bicLine,
    bicSegmented: null,
    preferred: "single" as const,
  };
  if (n < 6) return { ...none, reason: `need 6 or more points for a break (3 a side), have ${n}` };
  const lo = x[2];
  const hi = x[n - 3];
  if (!(hi > lo)) return { ...none, reason: "no room for a break: the 3rd and 3rd-from-last points share an x" };
  const grid: { tau: number; rss: number; a: number; b: number; c: number }[] = [];
  const steps = Math.ceil((hi - lo) / gridStep);
  for (let k = 0; k <= steps; k++) {
    const tau = Math.min(hi, lo + k * gridStep);
    const f = hingeFit(x, y, tau);
    if (f) grid.push({ tau, ...f });
  }
  if (!grid.length) return { ...none, reason: "every hinge fit was singular" };
  const best = grid.reduce((p, q) => (q.rss < p.rss ? q : p));
  const inside = grid.filter((g) => n * Math.log(g.rss / best.rss) <= CHI2_1_95);
  const bicSegmented = bic(best.rss, 5);
  return {
    n,
    breakX: best.tau,
    breakLo: Math.min(...inside.map((g) => g.tau)),
    breakHi: Math.max(...inside.map((g) => g.tau)),
    intercept: best.a,
    slopeBefore: best.b,
    slopeAfter: best.b + best.c,
    rssSegmented: best.rss,
    rssLine,
    bicLine,
    bicSegmented,
    preferred: bicSegmented < bicLine ? "segmented" : "single",
    // The search keeps 3 points a side; a break (or its interval) on that edge may want to lie beyond it.
    reason:
      best.tau <= lo + 1e-9 || best.tau >= hi - 1e-9
        ? `break at the edge of the search range (3 points a ` +
          `side, ${best.tau <= lo + 1e-9 ? "earliest" : "latest"} allowed): the data may put it further out; ` +
          `its interval is cut there`
        : "",
  };
}
