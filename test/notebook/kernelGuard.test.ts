// Issue 21, items 1 and 3, in the real kernel: a cell's output past the limits is cut with a note (on the page and in
// the run's notes), a kernel over its memory limit is stopped naming the cell, and a kernel never outlives its runner:
// kill -9 of the runner's whole process group, in a loop, leaves no kernel behind.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { executeNotebook } from "../../src/notebook/executeNotebook";
import { repoRoot } from "../../src/notebook/jupyterEnv";
import { TSX_NODE_ARGS } from "../helpers/cli";
import { BLOCKED_CELL } from "../helpers/kernelSession";

const dir = join(repoRoot, "test", "artifacts", "kernel-guard");

function notebook(name: string, cells: readonly string[]): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const nb = {
    cells: cells.map((source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source })),
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(path, JSON.stringify(nb, null, 1));
  return path;
}

/** Pids whose command line runs the project's kernel script. */
function kernelPids(): Set<number> {
  const out = new Set<number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, "utf8").includes(join(repoRoot, "scripts", "tslab-kernel.js")))
        out.add(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The parent pid of pid, or undefined when it is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** Whether pid descends from ancestor (tests in the other mocha worker start kernels of their own meanwhile). */
function descendsFrom(pid: number, ancestor: number): boolean {
  for (let p = parentOf(pid); p !== undefined && p > 1; p = parentOf(p)) if (p === ancestor) return true;
  return false;
}

/** Every descendant of root (from /proc), children first. */
function descendantsOf(root: number): Set<number> {
  const out = new Set<number>();
  for (const name of readdirSync("/proc")) {
    if (/^\d+$/.test(name) && descendsFrom(Number(name), root)) out.add(Number(name));
  }
  return out;
}

/** A process's command line, spaces between the arguments; "" when it is gone. */
function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

/** Whether pid runs (a zombie waiting for its parent counts as ended). */
function alive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe("kernel guard: output, memory and lifetime bounds (issue 21)", function () {
  this.timeout(300_000);
  before(() => {
    if (!existsSync(join(repoRoot, "build", "notebook", "tslabPatches.js")))
      execFileSync("bash", [join(repoRoot, "scripts", "build.sh")]);
  });

  it(
    "cuts a cell's output at the limit with a note, written at once or line by line; stops a kernel over its " +
      "memory limit",
    async () => {
      const path = notebook("bounds.ipynb", [
        '{ let s = ""; for (let i = 0; i < 20000; i++) s += "line " + i + "\\n"; process.stdout.write(s); }',
        'for (let i = 0; i < 20000; i++) console.log("line " + i);',
        "const keep: Buffer[] = []; for (;;) keep.push(Buffer.alloc(50_000_000, 1));",
      ]);
      const saved = process.env.SPEEDRUN_KERNEL_MEMORY_MB;
      process.env.SPEEDRUN_KERNEL_MEMORY_MB = "768";
      let run;
      try {
        run = await executeNotebook(path, { displayName: "bounds.ipynb" });
      } finally {
        if (saved === undefined) delete process.env.SPEEDRUN_KERNEL_MEMORY_MB;
        else process.env.SPEEDRUN_KERNEL_MEMORY_MB = saved;
      }
      const note =
        "[output cut: the first 5,000 lines (48,890 characters) of 20,000 lines (208,890 characters) are shown; " +
        "the limit per cell is 5,000 lines and 2,000,000 characters of printed output]";
      // One write of 20,000 lines, then 20,000 writes of a line (console.log): zeromq once dropped all but ~500 of
      // those.
      for (const cell of [0, 1]) {
        const text = run.cells[cell].outputs.map((o) => o.text ?? "").join("");
        assert.deepEqual(
          text.split("\n").filter((l) => l.startsWith("line ")),
          Array.from({ length: 5000 }, (_, i) => `line ${i}`),
          `cell ${cell + 1}`,
        );
        assert.ok(text.endsWith(`line 4999\n${note}\n`), text.slice(-300));
      }
      assert.deepEqual(run.notes, [`bounds.ipynb: cell 1: ${note}`, `bounds.ipynb: cell 2: ${note}`]);
      assert.equal(run.failureCell, 2);
      assert.match(
        run.failure ?? "",
        new RegExp(
          String.raw`^MemoryLimitError: the kernel used \d+ MiB, over the limit of 768 MiB ` +
            String.raw`\(SPEEDRUN_KERNEL_MEMORY_MB\) in cell 3; it was stopped$`,
        ),
      );
    },
  );

  it("leaves no kernel alive after kill -9 of the runner's process group, in a loop", async () => {
    const path = notebook("loop.ipynb", [BLOCKED_CELL]);
    const script =
      `require(${JSON.stringify(join(repoRoot, "src/notebook/executeNotebook"))})` +
      `.executeNotebook(${JSON.stringify(path)}, { timeoutS: 600 })`;
    for (let round = 0; round < 2; round++) {
      const runner = spawn(process.execPath, [...TSX_NODE_ARGS, "-e", script], { detached: true, stdio: "ignore" });
      let kernel: number | undefined;
      for (let t = 0; t < 240 && kernel === undefined; t++) {
        await sleep(500);
        kernel = [...kernelPids()].find((p) => descendsFrom(p, runner.pid!));
      }
      assert.ok(kernel !== undefined, "the kernel started");
      await sleep(1500); // into the blocked cell
      process.kill(-runner.pid!, "SIGKILL");
      let alive = true;
      for (let t = 0; t < 40 && alive; t++) {
        await sleep(250);
        alive = existsSync(`/proc/${kernel}`) && !readFileSync(`/proc/${kernel}/stat`, "utf8").includes(") Z ");
      }
      assert.ok(!alive, `round ${round + 1}: kernel ${kernel} still alive 10 s after its runner's group was killed`);
    }
  });

  it("leaves no chart browser alive after kill -9 of the kernel that started it", async () => {
    const path = notebook("browser.ipynb", ['import { show } from "../../../build";', BLOCKED_CELL]);
    const options = "{ timeoutS: 600, chartPng: 'kernel' }"; // the kernel draws the charts: its own browser starts
    const script =
      `require(${JSON.stringify(join(repoRoot, "src/notebook/executeNotebook"))})` +
      `.executeNotebook(${JSON.stringify(path)}, ${options})`;
    const runner = spawn(process.execPath, [...TSX_NODE_ARGS, "-e", script], { detached: true, stdio: "ignore" });
    const browsers = (kernel: number) =>
      [...descendantsOf(kernel)].filter((p) => /chrom/i.test(commandOf(p)) && !commandOf(p).includes("--type="));
    try {
      let kernel: number | undefined;
      let browser: number[] = [];
      for (let t = 0; t < 240 && browser.length === 0; t++) {
        await sleep(500);
        kernel ??= [...kernelPids()].find((p) => descendsFrom(p, runner.pid!));
        if (kernel !== undefined) browser = browsers(kernel);
      }
      assert.ok(kernel !== undefined && browser.length > 0, "the kernel started its chart browser");
      const all = [...descendantsOf(kernel)]; // the browser with its renderer, GPU and zygote processes
      process.kill(kernel, "SIGKILL");
      let left: number[] = all;
      for (let t = 0; t < 40 && left.length > 0; t++) {
        await sleep(250);
        left = left.filter((p) => alive(p));
      }
      assert.deepEqual(
        left.map((p) => `${p} ${commandOf(p).slice(0, 80)}`),
        [],
        "processes of the kernel still alive 10 s after kill -9 of the kernel",
      );
    } finally {
      try {
        process.kill(-runner.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }
  });
});
