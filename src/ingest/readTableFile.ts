// Opens the small text inputs of the ingest that are not logs (the record table, README.md or RECORDS.md, and the
// nanochat leaderboard) with the care the logs get: only a regular file is read (a named pipe would hang the ingest, a
// link to /dev/zero would grow without end, a folder gave a bare EISDIR), within a size cap checked before any byte is
// read, and never more than that many bytes even if the file grows. A file inside a checkout may be a link only to a
// file inside it. Every refusal is an error naming the file.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from "node:fs";
import { relative, sep } from "node:path";
import { terminalText } from "../terminalText";

/** Largest table file read: RECORDS.md is 30 KB, a clone's README.md some 60 KB. */
const MAX_TABLE_BYTES = 16 * 1024 * 1024;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a folder";
  if (st.isFIFO()) return "a named pipe";
  if (st.isSocket()) return "a socket";
  return st.isCharacterDevice() || st.isBlockDevice() ? "a device" : "not a regular file";
}

/**
 * The text (UTF-8) of the `what` at `path`, or null when there is no such file. `root`: the checkout the file must lie
 * in (a link leaving it is refused); omit it for a file the user named (the nanochat leaderboard).
 */
export function readTableFile(path: string, what: string, root?: string): string | null {
  const shown = terminalText(path);
  let open = path;
  if (root !== undefined) {
    let st: Stats;
    try {
      st = lstatSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw new Error(`${shown}: cannot read the ${what} (${(e as NodeJS.ErrnoException).code})`);
    }
    if (st.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new Error(`${shown}: the ${what} is a symbolic link that cannot be resolved (${code})`);
      }
      const rel = relative(realpathSync(root), real);
      if (rel === "" || rel.startsWith(`..${sep}`) || rel === ".." || rel.startsWith(sep)) {
        const to = terminalText(real);
        throw new Error(`${shown}: the ${what} is a symbolic link leaving the source tree (to ${to}); refused`);
      }
      open = real;
    }
  }
  let fd: number;
  try {
    // O_NONBLOCK: a named pipe opens at once instead of waiting for a writer (then fstat refuses it).
    fd = openSync(open, constants.O_RDONLY | constants.O_NONBLOCK | (root !== undefined ? constants.O_NOFOLLOW : 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    const why = code === "ELOOP" ? "it was replaced by a symbolic link" : code;
    throw new Error(`${shown}: cannot read the ${what} (${why})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error(`${shown}: the ${what} is ${kindOf(st)}, not a regular file; not read`);
    if (st.size > MAX_TABLE_BYTES) {
      const limit = MAX_TABLE_BYTES / 1048576;
      throw new Error(`${shown}: the ${what} is ${st.size} bytes, over the ${limit} MiB limit; not read`);
    }
    const buf = Buffer.allocUnsafe(MAX_TABLE_BYTES + 1); // not zeroed: only the pages read into are touched
    let n = 0;
    for (;;) {
      if (n === buf.length) break;
      let k: number;
      try {
        k = readSync(fd, buf, n, buf.length - n, null);
      } catch (e) {
        throw new Error(`${shown}: cannot read the ${what} (${(e as NodeJS.ErrnoException).code})`);
      }
      if (k === 0) break;
      n += k;
    }
    if (n > MAX_TABLE_BYTES) {
      const limit = MAX_TABLE_BYTES / 1048576;
      throw new Error(`${shown}: the ${what} grew past the ${limit} MiB limit while read; not read`);
    }
    return buf.toString("utf8", 0, n);
  } finally {
    closeSync(fd);
  }
}
