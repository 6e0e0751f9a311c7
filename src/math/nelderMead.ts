// Nelder-Mead simplex minimisation (Nelder & Mead 1965) with the classic coefficients 1, 2, 0.5, 0.5. Deterministic:
// the same start gives the same path. The scale model's posterior mode (six parameters, no cheap gradient: the
// censored terms integrate over each pair's line) is found with it before sampling starts.

export interface NelderMeadOptions {
  /** Initial step per coordinate. */
  readonly step?: number;
  readonly maxIterations?: number;
  /** Stop when the simplex's function values and coordinates both span less than this. */
  readonly tolerance?: number;
}

export interface NelderMeadResult {
  readonly x: number[];
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const step = options.step ?? 0.5;
  const maxIterations = options.maxIterations ?? 400;
  const tol = options.tolerance ?? 1e-7;
  const n = x0.length;
  if (n === 0) return { x: [], value: f([]), iterations: 0, converged: true };
  const safe = (x: readonly number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let pts: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] += step;
    pts.push(p);
  }
  let vals = pts.map(safe);
  let it = 0;
  for (; it < maxIterations; it++) {
    const order = vals.map((v, i) => i).sort((a, b) => vals[a] - vals[b]);
    pts = order.map((i) => pts[i]);
    vals = order.map((i) => vals[i]);
    let spread = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) spread = Math.max(spread, Math.abs(pts[i][j] - pts[0][j]));
    if (Math.abs(vals[n] - vals[0]) < tol && spread < Math.sqrt(tol))
      return { x: pts[0], value: vals[0], iterations: it, converged: true };
    const c = new Array(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[j] += pts[i][j] / n;
    const along = (t: number) => c.map((cj, j) => cj + t * (pts[n][j] - cj));
    const xr = along(-1);
    const fr = safe(xr);
    if (fr < vals[0]) {
      const xe = along(-2);
      const fe = safe(xe);
      if (fe < fr) {
        pts[n] = xe;
        vals[n] = fe;
      } else {
        pts[n] = xr;
        vals[n] = fr;
      }
    } else if (fr < vals[n - 1]) {
      pts[n] = xr;
      vals[n] = fr;
    } else {
      const outside = fr < vals[n];
      const xc = along(outside ? -0.5 : 0.5);
      const fc = safe(xc);
      if (fc < (outside ? fr : vals[n])) {
        pts[n] = xc;
        vals[n] = fc;
      } else {
        for (let i = 1; i <= n; i++) {
          pts[i] = pts[i].map((v, j) => pts[0][j] + 0.5 * (v - pts[0][j]));
          vals[i] = safe(pts[i]);
        }
      }
    }
  }
  const best = vals.indexOf(Math.min(...vals));
  return { x: pts[best], value: vals[best], iterations: it, converged: false };
}
