// One log file -> its parse warnings, its run and the run's warnings: the unit of work the ingest hands to each thread.
import type { IngestWarning, Run } from "../types";
import type { RunPlacement } from "./assignRoles";
import { buildRun } from "./buildRun";
import { fileProblemOf, loadRun, tailKeyOf, type FileIdentity } from "./loadRun";

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
  /**
   * The runs the file holds: one for a log, several where a file prints several runs of one script back to back
   * (ParsedLog.runStarts), none when the parser recognised no log format or the file could not be read.
   */
  readonly runs: readonly Run[];
  readonly buildWarnings: readonly IngestWarning[];
  /** The duplicate check's fingerprint of the file (loadRun.tailKey), taken here in the thread that parsed it. */
  readonly tailKey: string | null;
  /** ParsedLog.scriptChars: where the printed script ends (null: no script rule, or the file was not read). */
  readonly scriptChars: number | null;
}

/**
 * A file that cannot be read (vanished, unreadable, special, too large, a line too long) is one warning, not a throw.
 */
export function ingestFile(job: FileJob): FileOutcome {
  let parsed;
  let tail: string | null = null; // taken once the file is open; stays null if it cannot be opened
  try {
    parsed = loadRun(job.path, job.sourcePath, job.identity, (fd) => {
      try {
        tail = tailKeyOf(fd);
      } catch {
        tail = null; // as tailKey: a read error leaves the file without a fingerprint; the parse reports it
      }
    });
  } catch (e) {
    // File-system trouble only; a parser bug still throws.
    if (!(e instanceof Error) || (!("kind" in e) && typeof (e as NodeJS.ErrnoException).code !== "string")) throw e;
    const problem = fileProblemOf(e);
    return {
      parseWarnings: [{ kind: problem.kind, file: job.sourcePath, line: problem.line, message: problem.message }],
      runs: [],
      buildWarnings: [],
      tailKey: tail,
      scriptChars: null,
    };
  }
  const { scriptChars } = parsed;
  if (parsed.format === null)
    return { parseWarnings: parsed.warnings, runs: [], buildWarnings: [], tailKey: tail, scriptChars };
  const starts = parsed.runStarts;
  if (starts.length === 1) {
    const built = buildRun(parsed, { ...job.placement, sourcePath: job.sourcePath });
    return {
      parseWarnings: parsed.warnings,
      runs: [built.run],
      buildWarnings: built.warnings,
      tailKey: tail,
      scriptChars,
    };
  }
  // Several runs in one file: one Run each, `#k` after the id; train losses (none in these files) stay with the first.
  const runs: Run[] = [];
  const buildWarnings: IngestWarning[] = [];
  const noTrains = { steps: [], losses: [], lines: [] };
  for (let k = 0; k < starts.length; k++) {
    const evals = parsed.evals.slice(starts[k], starts[k + 1] ?? parsed.evals.length);
    const part = { index: k + 1, of: starts.length };
    const built = buildRun(
      { ...parsed, evals, trains: k === 0 ? parsed.trains : noTrains },
      { ...job.placement, sourcePath: job.sourcePath, part },
    );
    runs.push(built.run);
    buildWarnings.push(...built.warnings);
  }
  return { parseWarnings: parsed.warnings, runs, buildWarnings, tailKey: tail, scriptChars };
}
