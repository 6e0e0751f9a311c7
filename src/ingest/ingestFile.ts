// One log file -> its parse warnings, its run and the run's warnings: the unit of work the ingest hands to each thread.
import type { IngestWarning, Run } from "../types";
import type { RunPlacement } from "./assignRoles";
import { buildRun } from "./buildRun";
import { fileProblemOf, loadRun, type FileIdentity } from "./loadRun";

export interface FileJob {
  /** Absolute path to read. */
  readonly path: string;
  /** Path relative to the checkout (`records/...`), as warnings and runs name it. */
  readonly sourcePath: string;
  readonly placement: RunPlacement;
  /** The file the listing saw (findLogs): the reader refuses any other file found at `path`. */
  readonly identity?: FileIdentity;
}

export interface FileOutcome {
  readonly parseWarnings: readonly IngestWarning[];
  /** Null when the parser recognised no log format (then no run is built). */
  readonly run: Run | null;
  readonly buildWarnings: readonly IngestWarning[];
}

/** A file that cannot be read (vanished, unreadable, special, too large, a line too long) is one warning, not a throw. */
export function ingestFile(job: FileJob): FileOutcome {
  let parsed;
  try {
    parsed = loadRun(job.path, job.sourcePath, job.identity);
  } catch (e) {
    // File-system trouble only; a parser bug still throws.
    if (!(e instanceof Error) || (!("kind" in e) && typeof (e as NodeJS.ErrnoException).code !== "string")) throw e;
    const problem = fileProblemOf(e);
    return { parseWarnings: [{ kind: problem.kind, file: job.sourcePath, line: problem.line, message: problem.message }], run: null, buildWarnings: [] };
  }
  if (parsed.format === null) return { parseWarnings: parsed.warnings, run: null, buildWarnings: [] };
  const built = buildRun(parsed, { ...job.placement, sourcePath: job.sourcePath });
  return { parseWarnings: parsed.warnings, run: built.run, buildWarnings: built.warnings };
}
