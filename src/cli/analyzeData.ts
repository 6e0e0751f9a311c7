// The analysis exactly as `npm start` runs it (same options object, same code path), for notebooks and tests: so a
// number a notebook prints and the same number in results/summary.json come from one code path. A notebook changes an
// assumption by passing options: `analyzeData({ targets: { track1: 3.30 } })`.
import { resolveAnalysisOptions, type AnalysisOptions, type AnalysisOptionsInput } from "../analysis/analysisOptions";
import { resultFiles, runAnalysis, type AnalysisResults, type RunAnalysisOptions } from "../analysis/runAnalysis";
import type { AnalysisInput } from "../analysis/inputs";
import { DATASET_DIR } from "../dataset/sharedDir";
import { loadAnalysisInput } from "./analysisIo";

/** The options of `npm start` (src/cli/main.ts): the analysis defaults, resolved and frozen. */
export function cliAnalysisOptions(options: AnalysisOptionsInput = {}): AnalysisOptions {
  return resolveAnalysisOptions(options);
}

/** analyzeData's options: the analysis options plus where the data lives. */
export interface AnalyzeDataOptions extends AnalysisOptionsInput {
  /** Folder with records.csv, runs.csv and evals.csv (default data/speedrun). */
  readonly dataDir?: string;
  readonly onStep?: RunAnalysisOptions["onStep"];
  readonly onProgress?: RunAnalysisOptions["onProgress"];
}

export interface AnalyzedData {
  readonly input: AnalysisInput;
  readonly results: AnalysisResults;
  /** results/summary.json as `npm start` writes it (numbers rounded to 6 significant digits), parsed. */
  readonly summary: Readonly<Record<string, unknown>>;
  /** The complete options the results were computed with (print them with formatAnalysisOptions). */
  readonly options: AnalysisOptions;
}

function splitOptions(arg: string | AnalyzeDataOptions): { dataDir: string; hooks: Pick<RunAnalysisOptions, "onStep" | "onProgress">; analysis: AnalysisOptionsInput } {
  if (typeof arg === "string") return { dataDir: arg, hooks: {}, analysis: {} };
  if (typeof arg !== "object" || arg === null) throw new Error(`invalid analyzeData argument: ${JSON.stringify(arg)} (expected a data folder or an options object)`);
  const { dataDir, onStep, onProgress, ...analysis } = arg;
  if (dataDir !== undefined && (typeof dataDir !== "string" || dataDir === "")) throw new Error(`invalid analysis option dataDir: ${JSON.stringify(dataDir)} (expected a folder path)`);
  return { dataDir: dataDir ?? DATASET_DIR, hooks: { onStep, onProgress }, analysis };
}

/**
 * Reads data/speedrun (or `dataDir`) and runs every analysis with `npm start`'s options, or with `options` changed:
 * `analyzeData()`, `analyzeData("path/to/data")`, `analyzeData({ targets: { track1: 3.30 }, dataDir })`.
 */
export function analyzeData(arg: string | AnalyzeDataOptions = {}): AnalyzedData {
  const { dataDir, hooks, analysis } = splitOptions(arg);
  const options = resolveAnalysisOptions(analysis);
  const input = loadAnalysisInput(dataDir);
  const results = runAnalysis(input, { ...options, ...hooks });
  const summary = JSON.parse(resultFiles(results)["summary.json"]) as Record<string, unknown>;
  return { input, results, summary, options };
}
