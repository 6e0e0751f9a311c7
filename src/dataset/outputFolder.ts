// The one way a command replaces its output folder (the ingest's dataset, `npm start`'s results, the published site).
//
// Whose folder: a command writes only into a folder that is absent, empty, or holds the marker file that the same
// command wrote there before (`.speedrun-output`, whose content names the command's kind of output). Anything else is
// refused before any work is done, naming the folder and what it holds, so `--out .` or `--out ~` cannot wipe a
// checkout or a home folder.
//
// How: the files are written into a sibling `.NAME.tmp-PID` folder, the marker last (a temp folder with its marker is
// complete; the marker lists each file's SHA-256, so readers can tell one version from a mix: readOutputFolder.ts);
// then `NAME` is renamed to `.NAME.old-PID` and the temp folder to `NAME`, and the old folder is removed.
// POSIX has no rename that swaps two folders, so between the two renames the path is empty for an instant. A run
// killed there leaves the previous output complete in `.NAME.old-PID`; the next run of any command that writes or reads
// the folder puts it back (recoverOutputFolder) before doing anything else. Temp and old folders of dead processes are
// removed (and reported) by the next run; those of live processes (a concurrent run) are left alone.
import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { terminalText } from "../terminalText";
import { manifestText } from "./outputManifest";

export type OutputKind = "dataset" | "results" | "site";

export const MARKER_FILE = ".speedrun-output";

/** What each kind of output is written by (named in the marker and in refusals). */
const WRITER: Readonly<Record<OutputKind, string>> = {
  dataset: "npm run ingest",
  results: "npm start (src/cli/main.ts)",
  site: "npm run publish",
};

export function markerText(kind: OutputKind): string {
  return (
    `speedrun-scaling ${kind}\nwritten by ${WRITER[kind]}; this file lets it replace this folder on its ` + `next run\n`
  );
}

/** The kind recorded in a folder's marker, or null when there is no readable marker. */
function markerKind(dir: string): OutputKind | null {
  try {
    const first = readFileSync(join(dir, MARKER_FILE), "utf8").split("\n")[0];
    const m = /^speedrun-scaling (dataset|results|site)$/.exec(first);
    return m === null ? null : (m[1] as OutputKind);
  } catch {
    return null;
  }
}

/** The error that refuses an output folder. */
class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputFolderError";
  }
}

/**
 * Throws OutputFolderError unless `dir` may be written as output of `kind`: absent, an empty folder, or a folder whose
 * marker names the same kind. Call it before starting the work, so a refused folder costs nothing.
 */
export function checkOutputFolder(dir: string, kind: OutputKind): void {
  const shown = terminalText(dir);
  checkWritable(dir, kind);
  let stat;
  try {
    stat = lstatSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new OutputFolderError(`cannot use ${shown} as the output folder: ${(e as Error).message}`);
  }
  if (stat.isSymbolicLink())
    throw new OutputFolderError(
      `refusing to write the ${kind} into ${shown}: it is a symbolic link (give the folder itself)`,
    );
  if (!stat.isDirectory())
    throw new OutputFolderError(`refusing to write the ${kind} into ${shown}: it is a file, not a folder`);
  const entries = readdirSync(dir).sort();
  if (entries.length === 0) return;
  const found = markerKind(dir);
  if (found === kind) return;
  const sample =
    entries
      .slice(0, 5)
      .map((e) => terminalText(e))
      .join(", ") + (entries.length > 5 ? `, ... (${entries.length} entries)` : "");
  if (found !== null) {
    throw new OutputFolderError(
      `refusing to write ` +
        `the ${kind} into ${shown}: it holds a ${found} written by ${WRITER[found]}, not a ${kind} (give ` +
        `another folder)`,
    );
  }
  throw new OutputFolderError(
    `refusing to write the ${kind} into ${shown}: the folder is not ` +
      `empty (${sample}) and has no ${MARKER_FILE} marker from ${WRITER[kind]}; ` +
      `give an absent or empty folder`,
  );
}

/**
 * The folder the output is swapped into (its parent, or the nearest folder above that exists, which the writer will
 * create it in) must be writable: a read-only file system (EROFS) or a folder without write permission is found here,
 * before the work, not after it.
 */
function checkWritable(dir: string, kind: OutputKind): void {
  let parent = dirname(resolve(dir));
  while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
  try {
    accessSync(parent, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "EROFS"
        ? "it is on a read-only file system"
        : code === "EACCES" || code === "EPERM"
          ? "no permission to write there"
          : String(code);
    const where = terminalText(parent);
    throw new OutputFolderError(
      `cannot write the ${kind} into ${terminalText(dir)}: ${where} is not writable (${code}: ${why})`,
    );
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The names of a writer's temp and old folders beside the folder `name`: `.NAME.tmp-PID`, `.NAME.old-PID`. */
export function swapFolderPattern(name: string): RegExp {
  return new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(tmp|old)-(\\d+)$`);
}

/**
 * Repairs what a killed run left beside `dir`: if `dir` is missing, the newest complete `.NAME.old-PID` (or, on a first
 * run, `.NAME.tmp-PID`) of a dead process is renamed back; leftover temp and old folders of dead processes are removed.
 * Returns one line per action, for the command to print.
 */
export function recoverOutputFolder(dir: string, kind: OutputKind): string[] {
  const parent = dirname(resolve(dir));
  const name = basename(resolve(dir));
  if (!existsSync(parent)) return [];
  const stale: { path: string; type: "tmp" | "old"; pid: number }[] = [];
  const pattern = swapFolderPattern(name);
  for (const entry of readdirSync(parent)) {
    const m = pattern.exec(entry);
    if (m === null) continue;
    const pid = Number(m[2]);
    if (isAlive(pid)) continue;
    stale.push({ path: join(parent, entry), type: m[1] as "tmp" | "old", pid });
  }
  const actions: string[] = [];
  if (!existsSync(dir)) {
    // The previous output first (the killed run never finished); a complete temp folder only if nothing else is left.
    const candidates = [...stale.filter((s) => s.type === "old"), ...stale.filter((s) => s.type === "tmp")];
    const restore = candidates.find((s) => markerKind(s.path) === kind);
    if (restore !== undefined) {
      renameSync(restore.path, dir);
      actions.push(
        `recovered ${terminalText(dir)} from ${terminalText(restore.path)} (a run, ` +
          `pid ${restore.pid}, was killed while swapping it in)`,
      );
      stale.splice(stale.indexOf(restore), 1);
    }
  }
  for (const s of stale) {
    // Only folders this module made: the name pattern, and either our marker or no marker yet (a temp being written).
    const k = markerKind(s.path);
    if (k !== null && k !== kind) continue;
    rmSync(s.path, { recursive: true, force: true });
    actions.push(`removed ${terminalText(s.path)} left by a killed run (pid ${s.pid})`);
  }
  return actions;
}

/** Test hook: `SPEEDRUN_KILL_AT=swap` kills the process between the two renames (test/dataset/outputFolder.test.ts). */
function killPoint(name: string): void {
  if (process.env.SPEEDRUN_KILL_AT === name) process.kill(process.pid, "SIGKILL");
}

/**
 * Replaces `dir` by a folder whose content `write(tmp)` creates, as described at the top of this file. Checks the
 * folder (checkOutputFolder) and repairs leftovers of killed runs (recoverOutputFolder; its lines go to `log`) first.
 */
export function replaceOutputFolder(
  dir: string,
  kind: OutputKind,
  write: (tmp: string) => void,
  log: (line: string) => void = () => {},
): void {
  dir = resolve(dir);
  for (const line of recoverOutputFolder(dir, kind)) log(line);
  checkOutputFolder(dir, kind);
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}`);
  const old = join(parent, `.${basename(dir)}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { mode: 0o755 });
  try {
    write(tmp);
    // The marker, written last, lists every file with its hash: readers check they read one version (readOutputFolder).
    const written = new Map<string, Buffer>();
    for (const entry of readdirSync(tmp, { withFileTypes: true })) {
      if (entry.isFile() && entry.name !== MARKER_FILE) written.set(entry.name, readFileSync(join(tmp, entry.name)));
    }
    writeFileSync(join(tmp, MARKER_FILE), markerText(kind) + manifestText(written));
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  let moved = false;
  try {
    if (existsSync(dir)) {
      renameSync(dir, old);
      moved = true;
    }
    killPoint("swap");
    renameSync(tmp, dir);
  } catch (e) {
    // A concurrent run may have swapped first: keep whatever is at `dir`, else put the previous folder back.
    if (moved && !existsSync(dir)) renameSync(old, dir);
    rmSync(tmp, { recursive: true, force: true });
    if (moved && existsSync(old)) rmSync(old, { recursive: true, force: true });
    throw e;
  }
  if (moved) rmSync(old, { recursive: true, force: true });
}
