// Finds the log files below a checkout's records/ folder, reading nothing but directory entries and link targets.
// Only regular files are ever handed to the reader: a named pipe, socket or device is reported (`special_file`), never
// opened (opening a FIFO blocks until a writer appears). A symbolic link is followed once, and only to a target inside
// the source tree: a link to a link (a loop or a chain), a dangling link, or a link leaving the tree (to /dev/zero, to
// /etc) is a warning of its own kind naming the link, and the walk goes on.
import { lstatSync, readdirSync, readlinkSync, realpathSync, type Stats } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { IngestWarning, IngestWarningKind } from "../types";

export interface FoundLogs {
  /** Absolute paths of the readable log candidates (regular files, or links to regular files inside the tree), sorted. */
  readonly paths: readonly string[];
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
  return st.isFIFO() ? "a named pipe" : st.isSocket() ? "a socket" : st.isCharacterDevice() ? "a character device" : st.isBlockDevice() ? "a block device" : "not a regular file";
}

/**
 * Every .txt/.log below `dir`, sorted by path so the ingest order (and any strict-mode stop) is reproducible. `root`
 * (default `dir`'s parent, the checkout) bounds where links may point.
 */
export function findLogs(dir: string, root: string = dirname(resolve(dir))): FoundLogs {
  const realRoot = realpathSync(root);
  const paths: string[] = [];
  const problems: { path: string; warning: IngestWarning }[] = [];
  const problem = (path: string, kind: IngestWarningKind, message: string): void => {
    problems.push({ path, warning: { kind, file: path, line: null, message } });
  };
  const visiting = new Set<string>();
  const walk = (d: string): void => {
    let real: string;
    try {
      real = realpathSync(d);
    } catch (e) {
      problem(d, "unreadable_file", `folder cannot be resolved (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); skipped`);
      return;
    }
    if (visiting.has(real)) {
      problem(d, "symlink_loop", "folder link leads back into a folder being read; skipped");
      return;
    }
    visiting.add(real);
    let names: string[];
    try {
      names = readdirSync(d).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    } catch (e) {
      problem(d, (e as NodeJS.ErrnoException).code === "ENOENT" ? "vanished_file" : "unreadable_file", `folder cannot be listed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); skipped`);
      visiting.delete(real);
      return;
    }
    for (const name of names) {
      const p = join(d, name);
      const isLogName = LOG_NAME.test(name);
      let st: Stats;
      try {
        st = lstatSync(p);
      } catch (e) {
        if (isLogName) problem(p, "vanished_file", `file vanished while the folder was read (${(e as NodeJS.ErrnoException).code})`);
        continue;
      }
      if (st.isSymbolicLink()) {
        const target = resolve(dirname(p), readlinkSync(p));
        let tst: Stats;
        try {
          tst = lstatSync(target);
        } catch {
          if (isLogName) problem(p, "dangling_link", `symbolic link to a missing file (${target})`);
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
          if (isLogName || tst.isDirectory() || looped) problem(p, "symlink_loop", looped ? "symbolic link loop" : `symbolic link to another link (${target}); links are followed once`);
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
          if (isLogName || tst.isDirectory()) problem(p, "link_outside_source", `symbolic link leaves the source tree (to ${realTarget}); not followed`);
          continue;
        }
        if (tst.isDirectory()) walk(p);
        else if (!isLogName) continue;
        else if (tst.isFile()) paths.push(p);
        else problem(p, "special_file", `symbolic link to ${kindOfSpecial(tst)}, not a regular file; not opened`);
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (!isLogName) continue;
      else if (st.isFile()) paths.push(p);
      else problem(p, "special_file", `${kindOfSpecial(st)}, not a regular file; not opened`);
    }
    visiting.delete(real);
  };
  walk(resolve(dir));
  return { paths, problems };
}
