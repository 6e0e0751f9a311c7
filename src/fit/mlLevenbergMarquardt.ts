// ml-levenberg-marquardt 4.1.3's iteration (lib/index.js, step.js, gradientFunction.js, errorCalculation.js) with the
// ml-matrix 6.15.1 operations it calls (mmul, transpose, scale by row, eye/add, LuDecomposition + solve for the
// inverse), transcribed for the options solveWithMl passes (data.y = 0, weights 1, forward differences, error
// tolerance 0, default damping steps 9 and 11, improvement threshold 1e-3): the same floating-point operations in the
// same order, so the same bits, without the ml-matrix objects the library allocates on every iteration (an n x p
// Jacobian matrix, its transpose, products, an identity and an LU copy; about half the time of a 3-parameter fit).
// It calls the model function exactly as the library does (the current point, p difference probes, the new point),
// so MlAdapter sees the same calls. test/fit/mlLevenbergMarquardt.test.ts and test/fit/nist.test.ts check that it and
// the library give bit-identical solves; solveWithMl can run either (mlImplementation).
// Decision (issue 23, README "The solver"): this transcription is the solver and the library, pinned at 4.1.3, its
// test oracle: same bits, half the time of a fit. Upgrading the library means re-running the oracle tests and, if the
// bits differ, updating this file or making "library" the default.

export interface MlLmOptions {
  readonly initialValues: readonly number[];
  readonly minValues: readonly number[];
  readonly maxValues: readonly number[];
  /** Forward-difference step per parameter (all > 0 here: the library skips a parameter whose step is 0). */
  readonly gradientDifference: readonly number[];
  readonly damping: number;
  readonly maxIterations: number;
}

// ml-levenberg-marquardt 4.1.3 defaults (lib/checkOptions.js) for the options solveWithMl leaves unset.
const DAMPING_STEP_DOWN = 9;
const DAMPING_STEP_UP = 11;
const IMPROVEMENT_THRESHOLD = 1e-3;
const ERROR_TOLERANCE = 0;

/** The library's `levenbergMarquardt(data, fn, options)` for data.x = 0..rows-1, data.y = 0 (see the file comment). */
export function mlLevenbergMarquardt(
  rows: number,
  fn: (params: number[]) => (i: number) => number,
  options: MlLmOptions,
): { parameterValues: number[]; parameterError: number; iterations: number } {
  const { minValues, maxValues, gradientDifference, maxIterations } = options;
  let damping = options.damping;
  if (!(damping > 0)) throw new Error("The damping option must be a positive number");
  const p = options.initialValues.length;
  const parameters = Array.from(options.initialValues);
  // weights = 1: weightSquare_i = 1 / 1 ** 2 = 1; every "/ weightSquare" and row scale below divides by it, as the
  // library does (x / 1 is exact, so the division is kept only where it is the library's own expression).
  const errorAt = (params: number[]): number => {
    const f = fn(params);
    let error = 0;
    for (let i = 0; i < rows; i++) error += Math.pow(0 - f(i), 2) / 1;
    return error;
  };
  let error = errorAt(parameters);
  let optimalError = error;
  let optimalParameters = parameters.slice();
  let converged = error <= ERROR_TOLERANCE;
  const evaluated = new Float64Array(rows);
  const G = new Float64Array(p * rows); // gradientFunc: p x rows
  const residual = new Float64Array(rows);
  const A = new Float64Array(p * p);
  const X = new Float64Array(p * p);
  const jwre = new Float64Array(p);
  const pert = new Float64Array(p);
  const lucolj = new Float64Array(p);
  const piv = new Float64Array(p);
  let iteration = 0;
  for (; iteration < maxIterations && !converged; iteration++) {
    const previousError = error;
    // step.js: evaluate at the current point, then the forward-difference Jacobian (gradientFunction.js).
    const func = fn(parameters);
    for (let i = 0; i < rows; i++) evaluated[i] = func(i);
    for (let param = 0; param < p; param++) {
      const delta = gradientDifference[param];
      const aux = parameters.slice();
      aux[param] += delta;
      const funcParam = fn(aux);
      for (let point = 0; point < rows; point++)
        G[param * rows + point] = (evaluated[point] - funcParam(point)) / delta;
    }
    for (let i = 0; i < rows; i++) residual[i] = 0 - evaluated[i];
    // eye(p, p, damping).add(G.mmul(G^T scaled by row)): mmul sums k in order; 0 + x keeps the library's signed zeros.
    for (let j = 0; j < p; j++) {
      for (let i = 0; i < p; i++) {
        let s = 0;
        for (let k = 0; k < rows; k++) s += G[i * rows + k] * (G[j * rows + k] / 1);
        A[i * p + j] = (i === j ? damping : 0) + s;
      }
    }
    invertLu(A, X, p, lucolj, piv);
    // jacobianWeightResidualError = G.mmul(residual scaled by row); perturbations = inverse.mmul(that).
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let k = 0; k < rows; k++) s += G[i * rows + k] * (residual[k] / 1);
      jwre[i] = s;
    }
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += X[i * p + k] * jwre[k];
      pert[i] = s;
    }
    // index.js from here.
    for (let k = 0; k < p; k++) parameters[k] = Math.min(Math.max(minValues[k], parameters[k] - pert[k]), maxValues[k]);
    error = errorAt(parameters);
    if (isNaN(error)) break;
    if (error < optimalError - ERROR_TOLERANCE) {
      optimalError = error;
      optimalParameters = parameters.slice();
    }
    let denominator = 0;
    for (let k = 0; k < p; k++) denominator += pert[k] * (pert[k] * damping + jwre[k]);
    const improvementMetric = (previousError - error) / denominator;
    if (improvementMetric > IMPROVEMENT_THRESHOLD) damping = Math.max(damping / DAMPING_STEP_DOWN, 1e-7);
    else damping = Math.min(damping * DAMPING_STEP_UP, 1e7);
    converged = error <= ERROR_TOLERANCE;
  }
  return { parameterValues: optimalParameters, parameterError: optimalError, iterations: iteration };
}

/**
 * ml-matrix's inverse(A) = new LuDecomposition(A).solve(Matrix.eye(n)): Doolittle LU with partial pivoting (JAMA),
 * then forward and back substitution on the permuted identity, in its loop order. Throws as it does when a pivot is 0.
 */
function invertLu(A: Float64Array, X: Float64Array, n: number, lucolj: Float64Array, piv: Float64Array): void {
  const lu = A; // LuDecomposition works on a clone; A is not used again
  for (let i = 0; i < n; i++) piv[i] = i;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) lucolj[i] = lu[i * n + j];
    for (let i = 0; i < n; i++) {
      const kmax = Math.min(i, j);
      let s = 0;
      for (let k = 0; k < kmax; k++) s += lu[i * n + k] * lucolj[k];
      lucolj[i] -= s;
      lu[i * n + j] = lucolj[i];
    }
    let pr = j;
    for (let i = j + 1; i < n; i++) if (Math.abs(lucolj[i]) > Math.abs(lucolj[pr])) pr = i;
    if (pr !== j) {
      for (let k = 0; k < n; k++) {
        const t = lu[pr * n + k];
        lu[pr * n + k] = lu[j * n + k];
        lu[j * n + k] = t;
      }
      const v = piv[pr];
      piv[pr] = piv[j];
      piv[j] = v;
    }
    if (j < n && lu[j * n + j] !== 0) for (let i = j + 1; i < n; i++) lu[i * n + j] = lu[i * n + j] / lu[j * n + j];
  }
  for (let j = 0; j < n; j++) if (lu[j * n + j] === 0) throw new Error("LU matrix is singular");
  // X = eye(n).subMatrixRow(pivotVector)
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) X[i * n + j] = piv[i] === j ? 1 : 0;
  for (let k = 0; k < n; k++) {
    for (let i = k + 1; i < n; i++) {
      for (let j = 0; j < n; j++) X[i * n + j] = X[i * n + j] - X[k * n + j] * lu[i * n + k];
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    for (let j = 0; j < n; j++) X[k * n + j] = X[k * n + j] / lu[k * n + k];
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < n; j++) X[i * n + j] = X[i * n + j] - X[k * n + j] * lu[i * n + k];
    }
  }
}
