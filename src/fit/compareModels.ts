// Model comparison on the same data: information criteria and leave-one-out error for competing forms
// (e.g. power vs broken_power vs kaplan on one loss curve).
import { checkFitData, type FitData } from "./fitData";
import { fitModel, predictModel } from "./fitModel";
import { getModel } from "./models/index";
import { LOSS_LS, lossCode, makeProblem } from "./problem";
import { resolveFitOptions } from "./options";
import { Solver, STATUS_FAILED } from "./solver";
import { solveWithMl } from "./mlSolve";
import type { FitOptions, FitResult } from "./types";

export interface ModelComparisonRow {
  readonly model: string;
  readonly params: number;
  readonly status: FitResult["status"];
  readonly objective: number;
  readonly aic: number;
  readonly bic: number;
  /** AIC minus the smallest AIC of the compared models. */
  readonly deltaAic: number;
  /**
   * Root-mean-square leave-one-out residual on the fitted scale (log loss unless loss is "ls"); null if any refit
   * failed.
   */
  readonly looRmse: number | null;
  /**
   * Extrapolation check: RMSE on the `holdoutLargest` points with the largest first input, from a multi-start fit to
   * the rest; null without that option or when the fit to the rest failed.
   */
  readonly holdoutRmse: number | null;
  readonly fit: FitResult;
}

/**
 * Fits every model to the same data and ranks them by AIC. Leave-one-out refits start from the full-data optimum
 * (dropping a point moves the optimum little), with point i's weight set to 0, then predict point i.
 */
export function compareModels(
  modelList: readonly string[],
  data: FitData,
  options: FitOptions & { readonly holdoutLargest?: number } = {},
): ModelComparisonRow[] {
  if (modelList.length === 0) throw new Error("invalid models: empty list");
  const { holdoutLargest, ...fitOptions } = options;
  if (
    holdoutLargest !== undefined &&
    (!Number.isInteger(holdoutLargest) || holdoutLargest < 1 || holdoutLargest >= data.y.length)
  ) {
    throw new Error(
      `invalid option holdoutLargest: ${holdoutLargest} (expected an integer in [1, ${data.y.length - 1}])`,
    );
  }
  options = fitOptions;
  const rows = modelList.map((name) => {
    const spec = getModel(name);
    const fit = fitModel(spec, data, { ...options, bootstrap: undefined });
    let looRmse: number | null = null;
    if (fit.status !== "failed") {
      const opts = resolveFitOptions(spec, { ...options, bootstrap: undefined });
      const checked = checkFitData(spec, data);
      const { kind, delta } = lossCode(opts.loss);
      const problem = makeProblem(spec, checked.cols, checked.y, checked.w, kind, delta);
      const solver = new Solver(problem);
      const theta = spec.internalNames.map((n) => fit.paramsInternal[n]);
      const w = new Float64Array(checked.w);
      const pred = new Float64Array(checked.n);
      let sum = 0;
      let count = 0;
      let ok = true;
      for (let i = 0; i < checked.n; i++) {
        if (checked.w[i] === 0) continue;
        w.set(checked.w);
        w[i] = 0;
        const settings = { maxIterations: opts.maxIterations, ftol: opts.ftol, xtol: opts.xtol };
        const o = opts.solver === "ml" ? solveWithMl(problem, theta, settings, w) : solver.solve(theta, settings, w);
        if (o.status === STATUS_FAILED) {
          ok = false;
          break;
        }
        spec.logPredict(o.theta, problem.x, pred, null);
        const r = kind === LOSS_LS ? checked.y[i] - Math.exp(pred[i]) : problem.ly[i] - pred[i];
        sum += r * r;
        count++;
      }
      looRmse = ok && count > 0 ? Math.sqrt(sum / count) : null;
    }
    let holdoutRmse: number | null = null;
    if (holdoutLargest !== undefined) {
      const first = (i: number) => {
        const row = data.x[i];
        return typeof row === "number" ? row : row[0];
      };
      const order = data.y.map((_, i) => i).sort((a, b) => first(a) - first(b) || a - b);
      const train = order.slice(0, order.length - holdoutLargest);
      const test = order.slice(order.length - holdoutLargest);
      const pick = <T>(arr: readonly T[], idx: number[]) => idx.map((i) => arr[i]);
      const trainFit = fitModel(
        spec,
        {
          x: pick(data.x, train),
          y: pick(data.y, train),
          ...(data.weights ? { weights: pick(data.weights, train) } : {}),
        },
        { ...options, bootstrap: undefined },
      );
      if (trainFit.status !== "failed") {
        const logScale = lossCode(resolveFitOptions(spec, options).loss).kind !== LOSS_LS;
        let sum = 0;
        for (const i of test) {
          const yHat = predictModel(trainFit, data.x[i]);
          const r = logScale ? Math.log(data.y[i]) - Math.log(yHat) : data.y[i] - yHat;
          sum += r * r;
        }
        holdoutRmse = Math.sqrt(sum / test.length);
      }
    }
    return {
      model: spec.name,
      params: spec.paramNames.length,
      status: fit.status,
      objective: fit.objective,
      aic: fit.aic,
      bic: fit.bic,
      looRmse,
      holdoutRmse,
      fit,
    };
  });
  const minAic = Math.min(...rows.map((r) => r.aic));
  return rows
    .map((r) => ({ ...r, deltaAic: r.aic - minAic }))
    .sort((a, b) => a.aic - b.aic || a.model.localeCompare(b.model));
}
