// The error of a failed cell as Jupyter's error fields (ename, evalue, traceback), read from the text tslab 1.0.22
// prints to stderr for it. The patch that turns that text into an `error` output is tslabPatches.ts's patch 9.
import { realpathSync } from "node:fs";
import { join, resolve, sep } from "node:path";

export interface ErrorFields {
  readonly ename: string;
  readonly evalue: string;
  readonly traceback: readonly string[];
}

/** Stack frames of the kernel itself (node:vm, tslab, its patches): noise below the user's own frames. */
const kernelFrame = /^\s+at (?:.*\(node:vm:|.*[\\/]tslab[\\/]dist[\\/]|.*tslabPatches\.[jt]s:|sigintHandlersWrap )/;

/**
 * Shows paths relative to the repository (node_modules by its name even where it is a symlink, as in worktrees), so
 * committed error outputs read the same on every machine.
 */
function shortenPaths(line: string): string {
  const root = resolve(__dirname, "..", "..");
  let out = line;
  try {
    const modules = realpathSync(join(root, "node_modules"));
    out = out.split(`${modules}${sep}`).join(`node_modules${sep}`);
  } catch {
    // no node_modules: nothing to shorten
  }
  return out.split(`${root}${sep}`).join("");
}

/** Splits the text tslab prints for a failed cell (util.inspect of the error, or a type-check diagnostic). */
export function parseErrorText(text: string): ErrorFields {
  const lines = text
    .replace(/\s+$/, "")
    .split("\n")
    .filter((l) => !kernelFrame.test(l))
    .map(shortenPaths);
  const first = lines[0] ?? "";
  const diagnostic = /^(?:\S+ )?\d+:\d+ - (.*)$/.exec(first);
  if (diagnostic) return { ename: "TypeScriptError", evalue: diagnostic[1], traceback: lines };
  // util.inspect of a synchronously thrown error may open with the source location, the code line and a caret; the
  // "Name: message" line is the one followed by the stack.
  const named = /^([A-Za-z_$][\w$]*)(?: \[[^\]]*\])?: (.*)$/;
  const at = lines.findIndex((l, i) => named.test(l) && (lines[i + 1] ?? "").startsWith("    at "));
  const header = at >= 0 ? at : lines.findIndex((l) => named.test(l));
  if (header >= 0) {
    const m = named.exec(lines[header]) as RegExpExecArray;
    return { ename: m[1], evalue: m[2], traceback: lines };
  }
  return { ename: "Error", evalue: first, traceback: lines };
}
