// The tslab kernel's start-up snapshot (scripts/kernel-snapshot.js, started by scripts/tslab-kernel.sh): a converter
// built from it type-checks cells exactly as one built without it, taking every kept declaration file from the
// snapshot; and the kernel the project's kernelspec starts runs from it.
import { strict as assert } from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { executeNotebook } from "../../src/notebook/executeNotebook";
import { repoRoot } from "../../src/notebook/jupyterEnv";
import { DEFAULT_KERNEL_MEMORY_MB } from "../../src/notebook/kernelGuard";
import { runCells } from "../helpers/kernelSession";
import { tempDir } from "../helpers/tempDir";

const snapshotDir = join(repoRoot, ".cache", "kernel-snapshot");
const blob = join(snapshotDir, "kernel.blob");

/** Cells whose checks use lib.es2022 and @types/node, with and without errors. */
const cells = [
  "1 + 1",
  'const n: number = "a";',
  'typeof process.versions.node + Buffer.from("x").length',
  "[1, 2].at(-1)",
  "typeof describe",
  'import { readFileSync } from "node:fs";\nreadFileSync(1, 2, 3)',
];

/** A script converting `cells` with tslab's converter as the project's kernel sets it up (tslabPatches.ts). */
const script = `
const path = require("path");
const root = ${JSON.stringify(repoRoot)};
const tslabVersion = require(path.join(root, "node_modules", "tslab", "package.json")).version;
require(path.join(root, "build", "notebook", "tslabPatches.js")).installKernelExecutor(tslabVersion);
const { createConverter } = require(path.join(root, "node_modules", "tslab", "dist", "converter.js"));
const conv = createConverter({ isJS: false, isBrowser: false });
const diagnostics = ${JSON.stringify(cells)}.map((cell) =>
  conv.convert("", cell).diagnostics.map((d) => [d.start, d.length, d.category, d.code, String(d.messageText)]),
);
conv.close();
console.log(JSON.stringify({ diagnostics, snapshot: globalThis.speedrunKernelSnapshot ?? null }));
`;

interface Converted {
  diagnostics: [number, number, number, number, string][][];
  snapshot: { kept: number; used: number } | null;
}

function convert(file: string, snapshot: boolean): Converted {
  const r = spawnSync(
    process.execPath,
    [...(snapshot ? [`--max-old-space-size=${DEFAULT_KERNEL_MEMORY_MB}`, "--snapshot-blob", blob] : []), file],
    {
      cwd: join(repoRoot, "notebooks"),
      env: { ...process.env, SPEEDRUN_NO_RENDERER_WARMUP: "1" },
      encoding: "utf8",
    },
  );
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split("\n").pop() as string) as Converted;
}

describe("the tslab kernel's start-up snapshot", () => {
  before(function () {
    this.timeout(300_000);
    execFileSync("bash", [join(repoRoot, "scripts", "build.sh")]);
    assert.ok(existsSync(blob), `scripts/build.sh built ${blob}`);
  });

  it(
    "is built with the heap limit of the kernels the notebook runner starts by default (it loads only with " + "that)",
    () => {
      assert.equal(Number(readFileSync(join(snapshotDir, "HEAP_MB"), "utf8")), DEFAULT_KERNEL_MEMORY_MB);
    },
  );

  it(
    "type-checks cells as a converter without it does, every kept lib.es2022 and @types/node file taken " + "from it",
    function () {
      this.timeout(120_000);
      const file = join(tempDir("kernel-snapshot-test-"), "convert.js");
      writeFileSync(file, script);
      const plain = convert(file, false);
      const snap = convert(file, true);
      assert.equal(plain.snapshot, null);
      assert.deepEqual(snap.diagnostics, plain.diagnostics);
      assert.deepEqual(
        plain.diagnostics.map((d) => d.map((x) => x[4].split(". ")[0])),
        [
          [],
          ["Type 'string' is not assignable to type 'number'."],
          [],
          [],
          ["Cannot find name 'describe'"],
          ["Expected 1-2 arguments, but got 3."],
        ],
      );
      assert.ok(snap.snapshot && snap.snapshot.kept > 50, JSON.stringify(snap.snapshot));
      assert.equal(snap.snapshot.used, snap.snapshot.kept, "a kept file was parsed again");
    },
  );

  it("starts the kernels the notebook runner starts (preloaded guard, default memory limit)", async function () {
    this.timeout(120_000);
    const path = join(tempDir("kernel-snapshot-nb-"), "snapshot.ipynb");
    const cell =
      'console.log(JSON.stringify([process.execArgv.includes("--snapshot-blob"), ' +
      'require("v8").getHeapStatistics().heap_size_limit / 2 ** 20]))';
    const nb = {
      cells: [{ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source: cell }],
      metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    writeFileSync(path, JSON.stringify(nb));
    const run = await executeNotebook(path);
    const [fromSnapshot, heapMb] = JSON.parse(String(run.cells[0].outputs[0]?.text)) as [boolean, number];
    assert.equal(fromSnapshot, true);
    assert.ok(Math.abs(heapMb - DEFAULT_KERNEL_MEMORY_MB) < 100, `heap limit ${heapMb} MiB`);
  });

  it("is what the project's kernelspec starts the kernel from", async function () {
    this.timeout(120_000);
    const replies = await runCells([
      'console.log(JSON.stringify([process.execArgv.includes("--snapshot-blob"), (globalThis as ' +
        'any).speedrunKernelSnapshot.used, new Error("x").stack?.split("\\n")[1]]))',
      "[1, 2, 3].at(-1)",
    ]);
    assert.deepEqual(
      replies.map((r) => r.status),
      ["ok", "ok"],
    );
    const [fromSnapshot, used, frame] = JSON.parse(
      String(replies[0].outputs.find((o) => o.output_type === "stream")?.text),
    ) as [boolean, number, string | undefined];
    assert.equal(fromSnapshot, true);
    // Node 20 leaves Error.stackTraceLimit unset in a snapshot's main function; kernel-snapshot.js sets it again.
    assert.match(String(frame), /^ {4}at In\[1\]:\d+:\d+$/);
    assert.ok(used > 50, `${used} kept files used`);
  });
});
