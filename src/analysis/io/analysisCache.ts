// Reuse of computed analysis results (analyzeData, `npm start`): a notebook that reruns `analyzeData()` on unchanged
// data with unchanged options gets the stored results instead of ~100 curve fits. The key is a SHA-256 of
//   - every file's bytes in the data folder (not only the three CSVs read today, so a new input file is covered too),
//     and of the optional inputs beside it that the analysis reads (analysisInputFiles: the catalogues in data/),
//   - the resolved options (formatAnalysisOptions: sorted keys, every default filled in),
//   - the library code that computes them (codeHash: the source tree, or the hash build/ was compiled from),
//     package-lock.json (the solver's version) and the Node version (Math.exp/pow may differ between V8 releases),
// so a changed data file, assumption or line of code always recomputes, and nothing else does. Entries live under
// .cache/analysis/ (gitignored), are written whole or not at all (temp file + rename: parallel notebooks may race to
// write the same entry, and a reader never sees half a file), and only the newest MAX_ENTRIES are kept.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { formatAnalysisOptions, type AnalysisOptions } from "../analysisOptions";
import type { AnalysisResults } from "../runAnalysis";
import type { StageStore } from "../stages";
import { REPO_ROOT } from "../../dataset/sharedDir";
import { analysisInputFiles } from "./analysisIo";
import { readOutputFolder, regularFiles } from "../../dataset/readOutputFolder";

/** Bumped when the stored format changes. */
const CACHE_FORMAT = "analysis-cache-2";
/** Entries kept in the cache folder (oldest removed first); a few MB each. */
const MAX_ENTRIES = 20;
/** File in build/ holding the hash of the src/ tree it was compiled from (written by scripts/build.sh). */
const SOURCE_HASH_FILE = "SOURCE_HASH";

/**
 * .cache/analysis in the checkout, or $SPEEDRUN_ANALYSIS_CACHE (benchmarks point it at an empty folder for cold runs).
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.SPEEDRUN_ANALYSIS_CACHE;
  return dir !== undefined && dir !== "" ? resolve(dir) : join(REPO_ROOT, ".cache", "analysis");
}

// One implementation of the tree hash: scripts/hash-tree.js, which scripts/build.sh runs before build/ exists to stamp
// build/SOURCE_HASH. src/analysis/io and build/analysis/io sit at the same depth, so the script is found from both.

const { hashTree } = require(join(__dirname, "..", "..", "..", "scripts", "hash-tree.js")) as {
  hashTree: (dir: string) => string;
};

/** SHA-256 over every file under `dir` (relative path and bytes, in sorted path order). */
export function hashSourceTree(dir: string): string {
  return hashTree(dir);
}

let memoCodeHash: string | null = null;

/**
 * Hash of the code computing the results: run from src/ (tsx), the hash of the src/ tree; run from build/ (notebooks),
 * the hash of the src/ tree build/ was compiled from, so `npm start` and the notebooks share entries when build/ is
 * current, and a stale build/ keys its own (old-code) results. Computed once per process: the code a process runs is
 * the code it loaded.
 */
export function codeHash(): string {
  if (memoCodeHash !== null) return memoCodeHash;
  const libRoot = resolve(__dirname, "..", "..");
  const stamp = join(libRoot, SOURCE_HASH_FILE);
  const tree = existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : hashSourceTree(libRoot);
  const lock = join(REPO_ROOT, "package-lock.json");
  const h = createHash("sha256").update(tree).update("\0").update(process.version).update("\0");
  if (existsSync(lock)) h.update(readFileSync(lock));
  memoCodeHash = h.digest("hex");
  return memoCodeHash;
}

/**
 * The data folder's files as relative path -> bytes (its regular files, sorted, plus the optional inputs the analysis
 * finds beside it, such as ../transfer_pairs.csv: analysisInputFiles), so the key changes when any input does.
 */
export function readDataFiles(dataDir: string): Map<string, Buffer> {
  // The folder's own files as one version, even while an ingest swaps it (and recovered first if a killed ingest left
  // it between its two renames): readOutputFolder.ts.
  const hint = "run the ingest step, or pass another data directory";
  const own = (manifest: ReadonlyMap<string, string> | null) =>
    manifest !== null ? [...manifest.keys()] : regularFiles(dataDir);
  const version = readOutputFolder(
    dataDir,
    "dataset",
    (m) => [...new Set([...own(m), "records.csv", "runs.csv", "evals.csv"])],
    { what: "data file", hint },
  );
  const files = new Map(version.files);
  for (const n of analysisInputFiles(dataDir)) if (!files.has(n)) files.set(n, readFileSync(join(dataDir, n)));
  return new Map([...files].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/**
 * The cache key. `dataDir` counts by its path relative to the repository too: row sources in the results name it
 * (data/speedrun/records.csv:12), so the same bytes elsewhere give other results.
 */
export function analysisCacheKey(
  dataDir: string,
  dataFiles: ReadonlyMap<string, Buffer>,
  options: AnalysisOptions,
  code: string = codeHash(),
): string {
  const h = createHash("sha256");
  const shownDir = relative(REPO_ROOT, resolve(dataDir)).split(sep).join("/");
  h.update(`${CACHE_FORMAT}\0${code}\0${shownDir}\0${formatAnalysisOptions(options)}\0`);
  for (const [name, bytes] of dataFiles) {
    h.update(`${name}\0${bytes.length}\0`);
    h.update(bytes);
  }
  return h.digest("hex");
}

// JSON cannot hold NaN, +-Infinity, -0 or undefined; results may (sanitize() nulls them only when writing results/),
// so they are stored as tagged objects and restored exactly.
const TAG = "$speedrunCache";

function encode(value: unknown): unknown {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { [TAG]: "NaN" };
    if (value === Infinity) return { [TAG]: "Infinity" };
    if (value === -Infinity) return { [TAG]: "-Infinity" };
    if (Object.is(value, -0)) return { [TAG]: "-0" };
    return value;
  }
  if (value === undefined) return { [TAG]: "undefined" };
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
      throw new Error(`analysis cache: cannot store a ${proto?.constructor?.name ?? "non-plain"} object`);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encode(v);
    return out;
  }
  return value;
}

const SPECIAL: Readonly<Record<string, number | undefined>> = {
  NaN: NaN,
  Infinity: Infinity,
  "-Infinity": -Infinity,
  "-0": -0,
  undefined,
};

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === TAG) return SPECIAL[(value as Record<string, string>)[TAG]];
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = decode((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

export function cachePath(cacheDir: string, key: string): string {
  return join(cacheDir, `${key}.json`);
}

/** A cache entry: the results and, derived from them by the same code, the summary.json text. */
export interface CachedAnalysis {
  readonly results: AnalysisResults;
  readonly summaryJson: string;
}

/** The stored entry for `key`, or null (absent, or unreadable: then recomputed and overwritten). */
export function readCachedResults(cacheDir: string, key: string): CachedAnalysis | null {
  const path = cachePath(cacheDir, key);
  if (!existsSync(path)) return null;
  try {
    const stored = JSON.parse(readFileSync(path, "utf8")) as {
      format: string;
      key: string;
      results: unknown;
      summaryJson: unknown;
    };
    if (stored.format !== CACHE_FORMAT || stored.key !== key || typeof stored.summaryJson !== "string") return null;
    return { results: decode(stored.results) as AnalysisResults, summaryJson: stored.summaryJson };
  } catch {
    return null;
  }
}

/** Stores an entry under `key` atomically, then prunes the folder to the newest MAX_ENTRIES entries. */
export function writeCachedResults(cacheDir: string, key: string, entry: CachedAnalysis): string {
  mkdirSync(cacheDir, { recursive: true });
  const path = cachePath(cacheDir, key);
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    writeFileSync(
      tmp,
      JSON.stringify({ format: CACHE_FORMAT, key, results: encode(entry.results), summaryJson: entry.summaryJson }),
    );
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
  pruneCache(cacheDir);
  return path;
}

function pruneCache(cacheDir: string): void {
  const entries = readdirSync(cacheDir)
    .filter((n) => /^[0-9a-f]{64}\.json$/.test(n))
    .map((n) => {
      try {
        return { n, t: statSync(join(cacheDir, n)).mtimeMs };
      } catch {
        return null; // removed by a parallel process meanwhile
      }
    })
    .filter((e): e is { n: string; t: number } => e !== null)
    .sort((a, b) => b.t - a.t || (a.n < b.n ? -1 : 1));
  for (const e of entries.slice(MAX_ENTRIES)) rmSync(join(cacheDir, e.n), { force: true });
}

/**
 * Stage entries kept in <cache>/stages/ (oldest removed first): curve fits are about 300 bytes, other stages larger.
 */
const MAX_STAGE_ENTRIES = 2000;

/**
 * The analysis's stage results (src/analysis/stages.ts) on disk, in <cacheDir>/stages/, one file per entry named by
 * a hash of the stage key and the code hash (a changed line of the library recomputes every stage), written whole or
 * not at all, read through a per-process memory. A stage result that cannot be stored (not plain data) is kept in
 * memory only; an unreadable entry is recomputed.
 */
export function fileStageStore(cacheDir: string, code: string = codeHash()): StageStore & { flush(): void } {
  const dir = join(cacheDir, "stages");
  const memory = new Map<string, unknown>();
  let written = 0;
  const pathOf = (key: string) =>
    join(dir, `${createHash("sha256").update(`${CACHE_FORMAT}\0${code}\0${key}`).digest("hex")}.json`);
  return {
    get(key) {
      if (memory.has(key)) return memory.get(key);
      const path = pathOf(key);
      if (!existsSync(path)) return undefined;
      try {
        const value = decode(JSON.parse(readFileSync(path, "utf8")));
        memory.set(key, value);
        return value;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      memory.set(key, value);
      let text: string;
      try {
        text = JSON.stringify(encode(value));
      } catch {
        return; // not plain data: this process only
      }
      try {
        mkdirSync(dir, { recursive: true });
        const path = pathOf(key);
        const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
        try {
          writeFileSync(tmp, text);
          renameSync(tmp, path);
        } finally {
          rmSync(tmp, { force: true });
        }
        written++;
      } catch {
        // A read-only or full cache folder costs only the reuse.
      }
    },
    flush() {
      if (written > 0) pruneFolder(dir, MAX_STAGE_ENTRIES);
      written = 0;
    },
  };
}

function pruneFolder(dir: string, keep: number): void {
  if (!existsSync(dir)) return;
  const entries = readdirSync(dir)
    .filter((n) => /^[0-9a-f]{64}\.json$/.test(n))
    .map((n) => {
      try {
        return { n, t: statSync(join(dir, n)).mtimeMs };
      } catch {
        return null;
      }
    })
    .filter((e): e is { n: string; t: number } => e !== null)
    .sort((a, b) => b.t - a.t || (a.n < b.n ? -1 : 1));
  for (const e of entries.slice(keep)) rmSync(join(dir, e.n), { force: true });
}
