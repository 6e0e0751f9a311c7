// The one way the loaders read an input file: a missing file, a folder or an unreadable file is an error naming it.
import { readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { terminalText } from "../terminalText";
import { recoverOutputFolder, type OutputKind } from "./outputFolder";

/**
 * Reads `path` as UTF-8. `hint` ends the message of a missing file (what to run or pass instead). When the file sits in
 * an output folder of `kind` that a killed run left swapped out, the folder is recovered first.
 */
export function readInputFile(path: string, what: string, hint = "", kind?: OutputKind): string {
  if (kind !== undefined) recoverOutputFolder(dirname(path), kind);
  const shown = terminalText(path);
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      throw new Error(`${shown}: ${what} not found${hint ? ` (${hint})` : ""}`);
    throw new Error(`${shown}: cannot read the ${what}: ${(e as Error).message}`);
  }
  if (!stat.isFile()) throw new Error(`${shown}: the ${what} is not a regular file`);
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`${shown}: cannot read the ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
