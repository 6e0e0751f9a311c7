// One log file -> its parse warnings, its run and the run's warnings: the unit of work the ingest hands to each thread.
import type { IngestWarning, Run } from "../types";
import type { RunPlacement } from "./assignRoles";
import { buildRun } from "./buildRun";
import { loadRun } from "./loadRun";

export interface FileJob {
  /** Absolute path to read. */
  readonly path: string;
  /** Path relative to the checkout (`records/...`), as warnings and runs name it. */
  readonly sourcePath: string;
  readonly placement: RunPlacement;
}

export interface FileOutcome {
  readonly parseWarnings: readonly IngestWarning[];
  /** Null when the parser recognised no log format (then no run is built). */
  readonly run: Run | null;
  readonly buildWarnings: readonly IngestWarning[];
}

export function ingestFile(job: FileJob): FileOutcome {
  const parsed = loadRun(job.path, job.sourcePath);
  if (parsed.format === null) return { parseWarnings: parsed.warnings, run: null, buildWarnings: [] };
  const built = buildRun(parsed, { ...job.placement, sourcePath: job.sourcePath });
  return { parseWarnings: parsed.warnings, run: built.run, buildWarnings: built.warnings };
}
