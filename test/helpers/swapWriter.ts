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
// A pause of 2 ms after each swap: the folder still changes hundreds of times a second, many of them during a read,
// but the writer no longer takes a whole core from the reader (and the rest of the test suite) while it runs.
const pause = new Int32Array(new SharedArrayBuffer(4));
for (let i = 0; ; i++) {
  writeFilesAtomically(dir, versions[i % versions.length], kind as OutputKind);
  if (i === 1) console.log("swapping");
  Atomics.wait(pause, 0, 0, 2);
}
