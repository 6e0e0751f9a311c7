// Writes a set of files into a directory all at once: into a sibling temp directory first, then one rename swaps it in.
// A failure before the swap leaves the previous dataset untouched (the temp directory is removed).
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export function writeFilesAtomically(dir: string, files: ReadonlyMap<string, string>): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}`);
  const old = join(parent, `.${basename(dir)}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp);
    for (const [name, text] of files) {
      if (name.includes("/") || name.startsWith(".")) throw new Error(`invalid output file name: ${name}`);
      writeFileSync(join(tmp, name), text);
    }
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(tmp, dir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(dir) && existsSync(old)) renameSync(old, dir);
    throw err;
  }
  rmSync(old, { recursive: true, force: true });
}
