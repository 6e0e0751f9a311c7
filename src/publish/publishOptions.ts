// The options of publishSite, their defaults, and the one place they are validated.
import { availableParallelism } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { defaultCellTimeoutS } from "../notebook/executeNotebook";

export interface PublishOptions {
  /** Repository root: the kernelspec lives under <repoRoot>/.jupyter. */
  readonly repoRoot: string;
  readonly notebooksDir: string;
  readonly outDir: string;
  readonly summaryPath: string;
  readonly recordsPath: string;
  /** Run every notebook (fresh kernel each) before rendering; false renders the saved outputs as they are. */
  readonly execute: boolean;
  /** Leave code inputs out of the pages (nbconvert's --no-input). */
  readonly noInput: boolean;
  /** Kernel to run notebooks with; null uses each notebook's kernelspec, falling back to tslab. */
  readonly kernelName: string | null;
  /** Per-cell execution time limit (default: SPEEDRUN_CELL_TIMEOUT_S or 90 s, see executeNotebook). */
  readonly timeoutS: number;
  /** Notebooks executed at the same time (each in its own kernel); default one per core. Pages, their order and the
   * failure reported (the first failing notebook in name order) do not depend on it. */
  readonly concurrency: number;
  readonly title: string;
  readonly log: (line: string) => void;
}

export const defaultRepoRoot = resolve(__dirname, "..", "..");

export function publishDefaults(repoRoot: string = defaultRepoRoot): PublishOptions {
  return {
    repoRoot,
    notebooksDir: join(repoRoot, "notebooks"),
    outDir: join(repoRoot, "site"),
    summaryPath: join(repoRoot, "results", "summary.json"),
    recordsPath: join(repoRoot, "data", "speedrun", "records.csv"),
    execute: true,
    noInput: false,
    kernelName: null,
    timeoutS: defaultCellTimeoutS(),
    concurrency: defaultConcurrency(),
    title: "Do the NanoGPT speedrun's gains persist at scale?",
    log: () => {},
  };
}

/** One notebook kernel per core: executing a notebook is mostly one busy thread (kernel, type checker, analysis). */
export function defaultConcurrency(): number {
  return Math.max(1, availableParallelism());
}

const pathKeys = ["repoRoot", "notebooksDir", "outDir", "summaryPath", "recordsPath"] as const;

/** Fills defaults (paths default relative to `repoRoot`) and rejects unknown or ill-typed options by name. */
export function resolvePublishOptions(options: Partial<PublishOptions> = {}): PublishOptions {
  const defaults = publishDefaults(options.repoRoot ?? defaultRepoRoot);
  for (const key of Object.keys(options)) {
    if (!(key in defaults))
      throw new Error(`invalid publish option: ${key} (expected one of ${Object.keys(defaults).join(", ")})`);
  }
  const merged: PublishOptions = { ...defaults, ...withoutUndefined(options) };
  for (const key of pathKeys) {
    if (typeof merged[key] !== "string" || merged[key] === "")
      throw new Error(`invalid ${key}: ${JSON.stringify(merged[key])} (expected a path)`);
  }
  for (const key of ["execute", "noInput"] as const) {
    if (typeof merged[key] !== "boolean")
      throw new Error(`invalid ${key}: ${JSON.stringify(merged[key])} (expected true or false)`);
  }
  if (merged.kernelName !== null && !/^[A-Za-z0-9._-]+$/.test(merged.kernelName)) {
    throw new Error(
      `invalid kernelName: ${JSON.stringify(merged.kernelName)} (expected a kernelspec name such as tslab)`,
    );
  }
  if (!(Number.isFinite(merged.timeoutS) && merged.timeoutS > 0))
    throw new Error(`invalid timeoutS: ${merged.timeoutS} (expected seconds > 0)`);
  if (!(Number.isInteger(merged.concurrency) && merged.concurrency >= 1)) {
    throw new Error(`invalid concurrency: ${merged.concurrency} (expected an integer >= 1)`);
  }
  const absolute = Object.fromEntries(
    pathKeys.map((key) => [key, isAbsolute(merged[key]) ? merged[key] : resolve(merged[key])]),
  );
  return { ...merged, ...absolute };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
