// A writer that replaces an output folder in a loop, alternating between versions
// (test/dataset/consistentRead.test.ts):
// argv: <folder> <kind> <source folder A> <source folder B>. Runs until killed; prints "swapping" once it has swapped.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFilesAtomically } from "../../src/dataset/writeFilesAtomically";
import type { OutputKind } from "../../src/dataset/outputFolder";

const [dir, kind, ...sources] = process.argv.slice(2);
const versions = sources.map(
  (s) =>
    new Map(
      readdirSync(s)
        .filter((n) => !n.startsWith("."))
        .map((n) => [n, readFileSync(join(s, n), "utf8")]),
    ),
);
for (let i = 0; ; i++) {
  writeFilesAtomically(dir, versions[i % versions.length], kind as OutputKind);
  if (i === 1) console.log("swapping");
}
