// Reads files of an output folder (the ingest's dataset, `npm start`'s results) as one version while a writer may be
// replacing the folder (src/dataset/outputFolder.ts). The writer's marker, written last, lists every file with its
// SHA-256 (the manifest); a reader reads the marker, then the files, and keeps them only if every file matches the
// manifest, so what it returns is byte for byte one version, whatever swaps happened meanwhile. Otherwise (a file from
// the next version, a file missing between the two renames of a swap) it waits a moment and reads again. A folder left
// between the two renames by a killed writer is recovered first, on every attempt (recoverOutputFolder). A folder whose
// marker has no manifest (written before the manifest existed) is checked more weakly: the same marker before and
// after.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { terminalText } from "../terminalText";
import { MARKER_FILE, recoverOutputFolder, swapFolderPattern, type OutputKind } from "./outputFolder";
import { parseManifest, sha256 } from "./outputManifest";

/** Reads tried before giving up on a folder that keeps changing (each after a pause of ATTEMPT_PAUSE_MS x attempt). */
const ATTEMPTS = 40;
const ATTEMPT_PAUSE_MS = 25;

/** Largest file read from an output folder: the dataset's evals.csv is 1.3 MB, results files are smaller. */
const MAX_OUTPUT_FILE_BYTES = 512 * 1024 * 1024;

/** A file that cannot be had in one version: names the folder. */
class FolderReadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined = undefined,
  ) {
    super(message);
    this.name = "FolderReadError";
  }
}

/**
 * Whether `dir` is worth reading again after its marker was missing: it is there now, or a writer's temp or old folder
 * sits beside it (those of dead writers were removed by the recovery), so a swap is under way. One listing of the
 * parent answers both at once. Asked one after the other, they raced a writer finishing a swap between the marker's
 * read and the look for its folders: the folder was back, the swap's folders gone, and a reader reported the folder
 * missing (issue 22: a flake of consistentRead.test.ts under load).
 */
export function folderBackOrSwapping(dir: string): boolean {
  const parent = dirname(resolve(dir));
  const name = basename(resolve(dir));
  const swapFolder = swapFolderPattern(name);
  try {
    return readdirSync(parent, { withFileTypes: true }).some(
      (e) => (e.name === name && e.isDirectory()) || swapFolder.test(e.name),
    );
  } catch {
    return false;
  }
}

function isFolder(dir: string): boolean {
  try {
    return lstatSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A regular file's bytes, read without following a link (O_NOFOLLOW) and never more than MAX_OUTPUT_FILE_BYTES. */
export function readRegularFile(path: string): Buffer {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error(`${terminalText(path)}: not a regular file`), { code: "ENOTREG" });
    if (st.size > MAX_OUTPUT_FILE_BYTES) {
      throw Object.assign(new Error(`${terminalText(path)}: ${st.size} bytes, over the limit`), { code: "EFBIG" });
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.max(65536, Math.min(st.size + 1, 16 * 1024 * 1024)));
      const k = readSync(fd, buf, 0, buf.length, null);
      if (k === 0) break;
      total += k;
      if (total > MAX_OUTPUT_FILE_BYTES) {
        throw Object.assign(new Error(`${terminalText(path)}: grew past the limit`), { code: "EFBIG" });
      }
      chunks.push(k === buf.length ? buf : buf.subarray(0, k));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

export interface FolderVersion {
  /** name -> bytes, for each name asked for that the version holds. */
  readonly files: Map<string, Buffer>;
  /** The version's manifest (name -> sha256), null for a folder written before manifests. */
  readonly manifest: Map<string, string> | null;
}

/**
 * The files `names` of output folder `dir` (of `kind`) as one version. `names` may be a function of the manifest (e.g.
 * "every file the writer listed"); a name the version does not hold is left out of the result when `optional`, else
 * is an error naming the file as `what`, with `hint` (what to run). Throws FolderReadError naming the folder when it is
 * missing or keeps changing.
 */
export function readOutputFolder(
  dir: string,
  kind: OutputKind,
  names: readonly string[] | ((manifest: Map<string, string> | null) => readonly string[]),
  options: { optional?: boolean; what?: string; hint?: string } = {},
): FolderVersion {
  const shown = terminalText(dir);
  let lastProblem = "";
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (attempt > 1) pause(ATTEMPT_PAUSE_MS * Math.min(attempt, 8));
    recoverOutputFolder(dir, kind);
    let marker: string;
    try {
      marker = readFileSync(join(dir, MARKER_FILE), "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code === "ENOENT" || code === "ENOTDIR") && isFolder(dir)) {
        marker = ""; // a folder made by hand, not by a writer of this project: read as it is
      } else if (code === "ENOENT" || code === "ENOTDIR") {
        if (!folderBackOrSwapping(dir)) {
          lastProblem = "missing";
          break;
        }
        lastProblem = "the folder was gone for a moment (a swap)";
        continue; // between the two renames of a live writer's swap, or just after it: look again
      } else {
        throw new FolderReadError(`${shown}: cannot read the folder's marker (${code})`, code);
      }
    }
    if (marker === "" && !isFolder(dir)) continue;
    const manifest = parseManifest(marker);
    const wanted = typeof names === "function" ? names(manifest) : names;
    const files = new Map<string, Buffer>();
    let consistent = true;
    for (const name of wanted) {
      let bytes: Buffer;
      try {
        bytes = readRegularFile(join(dir, name));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if ((code === "ENOENT" || code === "ENOTDIR") && (!isFolder(dir) || manifest?.has(name) === true)) {
          consistent = false; // swapped out under us: read again
          lastProblem = `${name} missing`;
          break;
        }
        if (code === "ENOENT" || code === "ENOTDIR") {
          if (options.optional) continue;
          const hint = options.hint ? ` (${options.hint})` : "";
          const what = options.what ?? "file";
          throw new FolderReadError(`${terminalText(join(dir, name))}: ${what} not found${hint}`, code);
        }
        const why = code === "ELOOP" ? "a symbolic link" : code;
        throw new FolderReadError(`${terminalText(join(dir, name))}: cannot read it (${why})`, code);
      }
      if (manifest !== null && manifest.get(name) !== sha256(bytes)) {
        consistent = false;
        lastProblem = `${name} does not match the folder's manifest`;
        break;
      }
      files.set(name, bytes);
    }
    if (!consistent) continue;
    if (manifest === null) {
      // No manifest: at least the same marker (same writer run) before and after.
      let after = "";
      try {
        after = readFileSync(join(dir, MARKER_FILE), "utf8");
      } catch {
        if (marker !== "" || !isFolder(dir)) continue; // no marker before and after: a hand-made folder
      }
      if (after !== marker) continue;
    }
    return { files, manifest };
  }
  if (lastProblem === "missing") {
    const folder = kind === "dataset" ? "data" : kind;
    throw new FolderReadError(
      `${shown}: missing ${folder} folder${options.hint ? ` (${options.hint})` : ""}`,
      "ENOENT",
    );
  }
  throw new FolderReadError(
    `${shown}: the ${kind} folder kept changing while it was read (${ATTEMPTS} tries; last: ${lastProblem})`,
  );
}

/** The regular files directly in `dir` (for a folder without a manifest), sorted; none when it cannot be listed. */
export function regularFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile() && d.name !== MARKER_FILE)
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}
