// Finds the log files below a checkout's records/ folder, reading nothing but directory entries and link targets.
// Only regular files are ever handed to the reader: a named pipe, socket or device is reported (`special_file`), never
// opened (opening a FIFO blocks until a writer appears). A symbolic link is followed once, and only to a target inside
// the source tree: a link to a link (a loop or a chain), a dangling link, or a link leaving the tree (to /dev/zero, to
// /etc) is a warning of its own kind naming the link, and the walk goes on. The folder itself (records/) is resolved
// once, before the walk: a link there that leaves the tree is refused (an error: there is nothing else to read), and
// the walk then goes through real paths only, each checked to lie inside the tree. Every entry that cannot be read (a
// link whose target cannot be read, a path past PATH_MAX) is a warning: nothing is skipped in silence. Each log is
// returned with the file the listing saw (device and inode), so the reader can refuse a file swapped in afterwards.
import { lstatSync, readdirSync, readlinkSync, realpathSync, type Stats } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { terminalText } from "../terminalText";
import type { IngestWarning, IngestWarningKind } from "../types";
import type { FileIdentity } from "./loadRun";

/** Where to open a listed log, and which file it must be. */
export interface LogFile {
  /** The real path to open (a link's target, resolved when listed). */
  readonly open: string;
  readonly identity: FileIdentity;
}

export interface FoundLogs {
  /**
   * Absolute paths of the readable log candidates (regular files, or links to regular files inside the tree), sorted.
   */
  readonly paths: readonly string[];
  /** For each of `paths`: where to open it and the file the listing saw. */
  readonly files: ReadonlyMap<string, LogFile>;
  /** File-level problems, with `file` the absolute path of the entry (the caller makes it relative). */
  readonly problems: readonly { readonly path: string; readonly warning: IngestWarning }[];
}

// Track 3 also keeps logs as captured streams (.stdout, .out).
const LOG_NAME = /\.(txt|log|stdout|out)$/i;

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && rel !== ".." && !/^[a-zA-Z]:/.test(rel));
}

function kindOfSpecial(st: Stats): string {
  return st.isFIFO()
    ? "a named pipe"
    : st.isSocket()
      ? "a socket"
      : st.isCharacterDevice()
        ? "a character device"
        : st.isBlockDevice()
          ? "a block device"
          : "not a regular file";
}

const codeOf = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/**
 * The real path of `dir`, which must lie inside `root` (both resolved here, once). A link at `dir` leaving the tree is
 * refused with an error naming both ends; so is a `dir` that is not a folder.
 */
function resolveInside(dir: string, root: string, what: string): string {
  const realRoot = realpathSync(root);
  let real: string;
  try {
    real = realpathSync(dir);
  } catch (e) {
    throw new Error(`${terminalText(dir)}: ${what} cannot be resolved (${codeOf(e)})`);
  }
  if (!inside(realRoot, real)) {
    const to = terminalText(real);
    throw new Error(`${terminalText(dir)}: ${what} is a symbolic link leaving the source tree (to ${to}); refused`);
  }
  if (!lstatSync(real).isDirectory()) throw new Error(`${terminalText(dir)}: ${what} is not a folder`);
  return real;
}

/**
 * Every .txt/.log below `dir`, sorted by path so the ingest order (and any strict-mode stop) is reproducible. `root`
 * (default `dir`'s parent, the checkout) bounds where links may point and where the walk may go. Paths are named
 * below `dir` as given, whatever its real path.
 */
export function findLogs(dir: string, root: string = dirname(resolve(dir))): FoundLogs {
  const realRoot = realpathSync(root);
  const named = resolve(dir);
  const realDir = resolveInside(named, realRoot, "the records folder");
  const nameOf = (real: string): string => join(named, relative(realDir, real));
  const paths: string[] = [];
  const files = new Map<string, LogFile>();
  const problems: { path: string; warning: IngestWarning }[] = [];
  const problem = (real: string, kind: IngestWarningKind, message: string): void => {
    const path = nameOf(real);
    problems.push({ path, warning: { kind, file: path, line: null, message } });
  };
  const add = (real: string, open: string, st: Stats): void => {
    const path = nameOf(real);
    paths.push(path);
    files.set(path, { open, identity: { dev: st.dev, ino: st.ino } });
  };
  const visiting = new Set<string>();
  /** `d` is a real path (no link in it) inside the tree. */
  const walk = (d: string): void => {
    if (visiting.has(d)) {
      problem(d, "symlink_loop", "folder link leads back into a folder being read; skipped");
      return;
    }
    visiting.add(d);
    let names: string[];
    try {
      names = readdirSync(d).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    } catch (e) {
      const code = codeOf(e);
      if (code === "ENAMETOOLONG")
        problem(d, "path_too_deep", "folder path is too long to open (past PATH_MAX); skipped");
      else problem(d, code === "ENOENT" ? "vanished_file" : "unreadable_file", `folder cannot be listed (${code})`);
      visiting.delete(d);
      return;
    }
    for (const name of names) {
      const p = join(d, name);
      const isLogName = LOG_NAME.test(name);
      let st: Stats;
      try {
        st = lstatSync(p);
      } catch (e) {
        const code = codeOf(e);
        if (code === "ENAMETOOLONG") problem(p, "path_too_deep", "path is too long to open (past PATH_MAX); skipped");
        else if (code !== "ENOENT") problem(p, "unreadable_file", `entry cannot be read (${code}); skipped`);
        else if (isLogName) problem(p, "vanished_file", `file vanished while the folder was read (${code})`);
        continue;
      }
      if (st.isSymbolicLink()) {
        let target: string;
        try {
          target = resolve(dirname(p), readlinkSync(p));
        } catch (e) {
          const code = codeOf(e);
          if (code === "ENOENT") {
            if (isLogName) problem(p, "vanished_file", `file vanished while the folder was read (${code})`);
          } else {
            problem(p, "unreadable_file", `symbolic link cannot be read (${code}); skipped`);
          }
          continue;
        }
        let tst: Stats;
        try {
          tst = lstatSync(target);
        } catch (e) {
          const code = codeOf(e);
          if (code === "ENOENT" || code === "ENOTDIR") {
            if (isLogName) problem(p, "dangling_link", `symbolic link to a missing file (${target})`);
          } else {
            problem(p, "unreadable_file", `symbolic link target cannot be read (${code}: ${target}); skipped`);
          }
          continue;
        }
        if (tst.isSymbolicLink()) {
          // Followed at most once: a link to a link is either a loop or a chain, and neither is a log.
          let looped = false;
          try {
            realpathSync(p);
          } catch (e) {
            looped = (e as NodeJS.ErrnoException).code === "ELOOP";
          }
          if (isLogName || tst.isDirectory() || looped)
            problem(
              p,
              "symlink_loop",
              looped ? "symbolic link loop" : `symbolic link to another link (${target}); links are followed once`,
            );
          continue;
        }
        let realTarget: string;
        try {
          realTarget = realpathSync(target);
        } catch {
          if (isLogName) problem(p, "dangling_link", `symbolic link target cannot be resolved (${target})`);
          continue;
        }
        if (!inside(realRoot, realTarget)) {
          if (isLogName || tst.isDirectory())
            problem(p, "link_outside_source", `symbolic link leaves the source tree (to ${realTarget}); not followed`);
          continue;
        }
        if (tst.isDirectory()) {
          if (!visiting.has(realTarget)) walkLinked(p, realTarget);
          else problem(p, "symlink_loop", "folder link leads back into a folder being read; skipped");
        } else if (!isLogName) continue;
        else if (tst.isFile()) add(p, realTarget, tst);
        else problem(p, "special_file", `symbolic link to ${kindOfSpecial(tst)}, not a regular file; not opened`);
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (!isLogName) continue;
      else if (st.isFile()) add(p, p, st);
      else problem(p, "special_file", `${kindOfSpecial(st)}, not a regular file; not opened`);
    }
    visiting.delete(d);
  };
  /**
   * A link to a folder inside the tree: its logs are named below the link (as before), read at their real paths.
   * Implemented as a walk of the real folder whose names are mapped back below the link.
   */
  const walkLinked = (link: string, real: string): void => {
    const before = paths.length;
    const beforeProblems = problems.length;
    walk(real);
    const linkName = nameOf(link);
    const rename = (path: string): string => join(linkName, relative(nameOf(real), path));
    for (let i = before; i < paths.length; i++) {
      const file = files.get(paths[i])!;
      files.delete(paths[i]);
      paths[i] = rename(paths[i]);
      files.set(paths[i], file);
    }
    for (let i = beforeProblems; i < problems.length; i++) {
      const path = rename(problems[i].path);
      problems[i] = { path, warning: { ...problems[i].warning, file: path } };
    }
  };
  walk(realDir);
  return { paths, files, problems };
}
