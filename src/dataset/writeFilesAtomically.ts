// Writes a set of files as one output folder, all at once (src/dataset/outputFolder.ts: a folder that is not the
// command's own output is refused; the new folder is built beside it and swapped in; a killed swap is recovered on the
// next run). A failure before the swap leaves the previous folder untouched.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { replaceOutputFolder, type OutputKind } from "./outputFolder";

export function writeFilesAtomically(
  dir: string,
  files: ReadonlyMap<string, string>,
  kind: OutputKind = "dataset",
  log: (line: string) => void = () => {},
): void {
  for (const name of files.keys()) {
    if (name === "" || name.includes("/") || name.includes("\\") || name.startsWith("."))
      throw new Error(`invalid output file name: ${name}`);
  }
  replaceOutputFolder(
    dir,
    kind,
    (tmp) => {
      for (const [name, text] of files) writeFileSync(join(tmp, name), text);
    },
    log,
  );
}
