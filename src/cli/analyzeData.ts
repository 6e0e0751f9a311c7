// The analysis exactly as `npm start` runs it (same curve-fit settings), for notebooks and tests: so a number a
// notebook prints and the same number in results/summary.json come from one code path.
import { FAST_CURVE_FIT, powerCurveFitter } from "../analysis/powerCurveFitter";
import { resultFiles, runAnalysis, type AnalysisResults, type RunAnalysisOptions } from "../analysis/runAnalysis";
import type { AnalysisInput } from "../analysis/inputs";
import { DATASET_DIR } from "../dataset/sharedDir";
import { loadAnalysisInput } from "./analysisIo";

/** The options of `npm start` (src/cli/main.ts): fast per-record curve fits, one per record-table row. */
export function cliAnalysisOptions(): RunAnalysisOptions {
  return { fitCurve: powerCurveFitter(FAST_CURVE_FIT), curveFits: "record_primary" };
}

export interface AnalyzedData {
  readonly input: AnalysisInput;
  readonly results: AnalysisResults;
  /** results/summary.json as `npm start` writes it (numbers rounded to 6 significant digits), parsed. */
  readonly summary: Readonly<Record<string, unknown>>;
}

/** Reads data/speedrun (or `dataDir`) and runs every analysis with `npm start`'s options. */
export function analyzeData(dataDir: string = DATASET_DIR): AnalyzedData {
  const input = loadAnalysisInput(dataDir);
  const results = runAnalysis(input, cliAnalysisOptions());
  const summary = JSON.parse(resultFiles(results)["summary.json"]) as Record<string, unknown>;
  return { input, results, summary };
}
