// Validation of the caller's data for fitModel: every bad value is named with its row and column.
import type { ModelSpec } from "./types";

export interface FitData {
  /** One row per point; row length = the model's input count (a bare number is accepted for one-input models). */
  readonly x: readonly (readonly number[] | number)[];
  readonly y: readonly number[];
  readonly weights?: readonly number[];
}

export interface CheckedData {
  /** log of each input column. */
  readonly cols: Float64Array[];
  readonly y: Float64Array;
  readonly w: Float64Array;
  readonly n: number;
}

export function checkFitData(model: ModelSpec, data: FitData): CheckedData {
  if (data === null || typeof data !== "object" || !Array.isArray(data.x) || !Array.isArray(data.y)) {
    throw new Error("invalid data: expected { x: number[][], y: number[], weights?: number[] }");
  }
  const n = data.y.length;
  const k = model.inputs.length;
  const p = model.paramNames.length;
  if (n === 0) throw new Error("invalid data: no points");
  if (data.x.length !== n) throw new Error(`invalid data: x has ${data.x.length} rows but y has ${n}`);
  if (n < p)
    throw new Error(
      `invalid data: ${n} points but model ${model.name} has ${p} parameters (${model.paramNames.join(", ")})`,
    );
  const cols = Array.from({ length: k }, () => new Float64Array(n));
  const y = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = data.x[i];
    const values = typeof row === "number" ? [row] : row;
    if (!Array.isArray(values) || values.length !== k) {
      throw new Error(
        `invalid data: x[${i}] = ${JSON.stringify(row)} ` +
          `(model ${model.name} expects ${k} input${k > 1 ? "s" : ""}: ${model.inputs.join(", ")})`,
      );
    }
    for (let j = 0; j < k; j++) {
      const v = values[j];
      if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
        throw new Error(`invalid data: x[${i}][${j}] (${model.inputs[j]}) = ${v} (inputs must be finite and positive)`);
      }
      cols[j][i] = Math.log(v);
    }
    const yi = data.y[i];
    if (typeof yi !== "number" || !Number.isFinite(yi) || yi <= 0)
      throw new Error(`invalid data: y[${i}] = ${yi} (losses must be finite and positive)`);
    y[i] = yi;
    if (data.weights !== undefined) {
      const wi = data.weights[i];
      if (typeof wi !== "number" || !Number.isFinite(wi) || wi < 0)
        throw new Error(`invalid data: weights[${i}] = ${wi} (weights must be finite and >= 0)`);
      w[i] = wi;
    } else {
      w[i] = 1;
    }
  }
  if (data.weights !== undefined && data.weights.length !== n)
    throw new Error(`invalid data: weights has ${data.weights.length} entries but y has ${n}`);
  return { cols, y, w, n };
}
