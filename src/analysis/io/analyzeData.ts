// The analysis exactly as `npm start` runs it (same options object, same code path), for notebooks and tests: so a
// number a notebook prints and the same number in results/summary.json come from one code path. A notebook changes an
// assumption by passing options: `analyzeData({ targets: { track1: 3.30 } })`.
import { resolveAnalysisOptions, type AnalysisOptions, type AnalysisOptionsInput } from "../analysisOptions";
import { runAnalysis, type AnalysisResults, type RunAnalysisOptions } from "../runAnalysis";
import { resultFiles } from "../../results/resultFiles";
import { parseSummary } from "../../results/summaryReference";
import type { Summary } from "../../results/summary";
import type { AnalysisInput } from "../analysisInput";
import { DATASET_DIR } from "../../dataset/sharedDir";
import { memoryStageStore } from "../stages";
import {
  analysisCacheKey,
  cachePath,
  type CachedAnalysis,
  defaultCacheDir,
  fileStageStore,
  readCachedResults,
  readDataFiles,
  writeCachedResults,
} from "./analysisCache";
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
  /**
   * Reuse results computed before from the same data bytes, options and library code (analysisCache.ts): true
   * (default) reads and writes .cache/analysis/, false always recomputes and stores nothing, a string is another cache
   * folder.
   */
  readonly cache?: boolean | string;
}

/** Where the results came from: the cache entry's key and file, and whether it was reused. */
export interface AnalysisCacheUse {
  readonly key: string;
  readonly path: string | null;
  readonly hit: boolean;
}

export interface AnalyzedData {
  readonly input: AnalysisInput;
  readonly results: AnalysisResults;
  /** results/summary.json as `npm start` writes it (numbers rounded to 6 significant digits), parsed. */
  readonly summary: Summary;
  /** The complete options the results were computed with (print them with formatAnalysisOptions). */
  readonly options: AnalysisOptions;
  readonly cache: AnalysisCacheUse;
}

interface Split {
  readonly dataDir: string;
  readonly cacheDir: string | null;
  readonly hooks: Pick<RunAnalysisOptions, "onStep" | "onProgress">;
  readonly analysis: AnalysisOptionsInput;
}

function splitOptions(arg: string | AnalyzeDataOptions): Split {
  if (typeof arg === "string") return { dataDir: arg, cacheDir: defaultCacheDir(), hooks: {}, analysis: {} };
  if (typeof arg !== "object" || arg === null)
    throw new Error(
      `invalid analyzeData argument: ${JSON.stringify(arg)} (expected a data folder or an options object)`,
    );
  const { dataDir, onStep, onProgress, cache, ...analysis } = arg;
  if (dataDir !== undefined && (typeof dataDir !== "string" || dataDir === ""))
    throw new Error(`invalid analysis option dataDir: ${JSON.stringify(dataDir)} (expected a folder path)`);
  if (cache !== undefined && typeof cache !== "boolean" && (typeof cache !== "string" || cache === ""))
    throw new Error(`invalid analysis option cache: ${JSON.stringify(cache)} (expected true, false or a folder path)`);
  const cacheDir = cache === false ? null : typeof cache === "string" ? cache : defaultCacheDir();
  return { dataDir: dataDir ?? DATASET_DIR, cacheDir, hooks: { onStep, onProgress }, analysis };
}

/**
 * Reads data/speedrun (or `dataDir`) and runs every analysis with `npm start`'s options, or with `options` changed:
 * `analyzeData()`, `analyzeData("path/to/data")`, `analyzeData({ targets: { track1: 3.30 }, dataDir })`.
 */
export function analyzeData(arg: string | AnalyzeDataOptions = {}): AnalyzedData {
  const { dataDir, cacheDir, hooks, analysis } = splitOptions(arg);
  const options = resolveAnalysisOptions(analysis);
  const files = readDataFiles(dataDir);
  const key = analysisCacheKey(dataDir, files, options);
  const cached = cacheDir === null ? null : readCachedResults(cacheDir, key);
  let path = cacheDir === null ? null : cachePath(cacheDir, key);
  let input: AnalysisInput | null = null;
  const getInput = () => (input ??= loadAnalysisInput(dataDir, files));
  let entry: CachedAnalysis;
  if (cached !== null) entry = cached;
  else {
    // Stages keyed by their inputs (curve fits, per-track attribution, the scale model) are reused from earlier runs
    // with other options: a changed target recomputes only what reads the target.
    const stored = cacheDir === null ? null : fileStageStore(cacheDir);
    const results = runAnalysis(getInput(), { ...options, ...hooks, stages: stored ?? memoryStageStore() });
    stored?.flush();
    entry = { results, summaryJson: resultFiles(results)["summary.json"] };
    if (cacheDir !== null) {
      try {
        path = writeCachedResults(cacheDir, key, entry);
      } catch (e) {
        // The results are right; only their reuse is lost (read-only checkout, full disk): say so, do not fail.
        console.warn(`analysis cache: could not store results in ${cacheDir} (${(e as Error).message})`);
        path = null;
      }
    }
  }
  // A cache entry is a file: checked like any summary read back.
  const summary = parseSummary(entry.summaryJson, path ?? "the analysis summary");
  // On a cache hit the CSVs are parsed only if the caller reads `input` (most notebooks use only the results).
  return {
    get input() {
      return getInput();
    },
    results: entry.results,
    summary,
    options,
    cache: { key, path, hit: cached !== null },
  };
}
