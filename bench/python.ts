// Bench: the explore loop against its Python counterpart, in one run (issue 22). Each round runs every pair below once,
// the TypeScript side and the Python side back to back (their order alternating by round), and each figure is reported
// as the median over the rounds with its range, beside the load average before and after:
//   - kernel start: the project's tslab kernel vs ipykernel, from start_new_kernel to the kernel's first reply
//     (jupyter_client, in notebooks/ as a user opens one), then a trivial cell `1 + 1` (first and second) in each; and,
//     for the record, the same kernel started without its start-up snapshot (scripts/kernel-snapshot.js);
//   - the first DataFrame: a fresh `node` loading build/frames' loadDataFrames() (the four tables of data/speedrun)
//     vs a fresh python3 importing pandas and reading the same four CSVs with read_csv (whole processes, start-up
//     included);
//   - a changed target: analyzeData({ targets: { track1: 3.30 } }) from the compiled library in a process that ran
//     analyzeData() before (its cache folder kept, as after `npm start`), vs the same change in a pandas + scipy
//     session (bench/reference/target_change.py: crossings, power-law fits, per-row medians, ratios, warmed first);
//   - tslab's own fixed cost, for the record: loading its TypeScript (node's start included) and building the program
//     of a first cell (createConverter + convert of `1 + 1`) in a bare node, no kernel and no project code; and the
//     same from the kernel's start-up snapshot (the load is then its deserialisation).
// Needs Debian's python3-pandas and python3-scipy (apt-get install python3-pandas python3-scipy): without them the
// Python side is skipped with that message. Usage: npx tsx bench/python.ts [--rounds N] (default 3)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { defineCommand, parseCommandOrExit } from "../src/cli/args";
import { ensureTslabKernel } from "../src";
import { jupyterEnv, jupyterPython } from "../src/notebook/jupyterEnv";

const repoRoot = resolve(__dirname, "..");
const dataDir = join(repoRoot, "data", "speedrun");
const { values } = parseCommandOrExit(
  defineCommand({
    command: "npx tsx bench/python.ts --",
    summary:
      "Kernel start, first DataFrame, a changed target and a trivial cell against ipykernel, pandas and a " +
      "pandas + scipy session, interleaved rounds.",
    options: { rounds: { type: "string", value: "n", description: "rounds (default 3)" } },
  }),
  process.argv.slice(2),
);
const rounds = Number(values.rounds ?? 3);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`invalid --rounds ${values.rounds} (expected a whole number >= 1)`);
  process.exit(2);
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { seconds: number; stdout: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd ?? repoRoot,
    env: opts.env ?? process.env,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0)
    throw new Error(
      `${cmd} ${args.join(" ").slice(0, 200)} exited ` +
        `with ${r.status}: ${(r.stderr ?? "").trim().split("\n").slice(-5).join("\n")}`,
    );
  return { seconds, stdout: r.stdout };
}

/** The last line of a process's stdout as JSON (kernels and libraries may print before it). */
const lastJson = <T>(stdout: string): T => JSON.parse(stdout.trim().split("\n").pop() as string) as T;

const kernelDriver =
  String.raw`
import json, sys, time
from jupyter_client.manager import start_new_kernel
t0 = time.perf_counter()
km, kc = start_new_kernel(kernel_name=sys.argv[1], startup_timeout=180)
start = time.perf_counter() - t0
def cell(code):
    t = time.perf_counter()
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=120)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=120)
    while True:
        m = kc.get_iopub_msg(timeout=120)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status" and ` +
  String.raw`m["content"]["execution_state"] == "idle":
            break
    assert reply["content"]["status"] == "ok", reply["content"]
    return time.perf_counter() - t
first = cell("1 + 1")
second = cell("1 + 1")
kc.stop_channels()
km.shutdown_kernel(now=True)
print(json.dumps({"start": start, "first": first, "second": second}))
`;

const firstFrameNode = `
const { loadDataFrames } = require(${JSON.stringify(join(repoRoot, "build", "frames"))});
const f = loadDataFrames(${JSON.stringify(dataDir)});
if (f.runs.shape[0] < 800) throw new Error("runs.csv not loaded");
`;
const firstFramePython = `
import pandas as pd
frames = [pd.read_csv("${dataDir}/" + n) for n in ("records.csv", "runs.csv", "evals.csv", "train_losses.csv")]
assert frames[1].shape[0] > 800
`;

const targetChangeNode = `
const { analyzeData } = require(${JSON.stringify(join(repoRoot, "build"))});
const cache = process.argv[1];
analyzeData({ cache });
const t0 = process.hrtime.bigint();
const r = analyzeData({ cache, targets: { track1: 3.30 } });
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ seconds, hit: r.cache.hit, ratio: r.results.headlines[0].tokenRatio }));
`;

// Times from the process's start (performance.now()), so a start from the snapshot counts its deserialisation.
const tslabFixed = `
const s = () => performance.now() / 1000;
const { createConverter } = require(${JSON.stringify(join(repoRoot, "node_modules", "tslab", "dist", "converter.js"))});
const loaded = s();
const conv = createConverter({ isJS: false, isBrowser: false });
const built = s();
const out = conv.convert("", "1 + 1");
if (out.diagnostics.length) throw new Error(JSON.stringify(out.diagnostics));
console.log(JSON.stringify({ load: loaded, program: built - loaded, firstCell: s() - built }));
conv.close();
`;
// tslab's fixed cost again, started from the kernel's start-up snapshot (scripts/kernel-snapshot.js: its TypeScript
// loaded, lib.es2022 and @types/node parsed and bound), which takes a script file, not -e.
const snapshotDir = join(repoRoot, ".cache", "kernel-snapshot");
const tslabFixedFile = join(mkdtempSync(join(tmpdir(), "bench-tslab-fixed-")), "fixed.js");
process.on("exit", () => rmSync(dirname(tslabFixedFile), { recursive: true, force: true }));
writeFileSync(tslabFixedFile, tslabFixed);

const samples = new Map<string, number[]>();
const add = (name: string, x: number) => samples.set(name, [...(samples.get(name) ?? []), x]);

const pythonOk = spawnSync("/usr/bin/python3", ["-c", "import pandas, scipy"], { stdio: "ignore" }).status === 0;
const ipykernelOk =
  spawnSync(jupyterPython(), ["-c", "import ipykernel, jupyter_client"], { stdio: "ignore" }).status === 0;
if (!pythonOk)
  console.log(
    "Python side of the DataFrame and target rows skipped: /usr/bin/python3 cannot import pandas and scipy " +
      "(apt-get install python3-pandas python3-scipy)",
  );
if (!ipykernelOk)
  console.log(
    "kernel rows skipped: no ipykernel / jupyter_client for " +
      jupyterPython() +
      " (apt-get install python3-ipykernel python3-jupyter-client; bash scripts/setup.sh)",
  );
if (ipykernelOk) ensureTslabKernel(repoRoot);
// The project's kernel started plainly (tslab-kernel.js without the snapshot), from a kernelspec of the bench's own.
const plainSpecs = mkdtempSync(join(tmpdir(), "bench-kernelspec-"));
process.on("exit", () => rmSync(plainSpecs, { recursive: true, force: true }));
mkdirSync(join(plainSpecs, "kernels", "tslab-plain"), { recursive: true });
writeFileSync(
  join(plainSpecs, "kernels", "tslab-plain", "kernel.json"),
  JSON.stringify({
    argv: [
      process.execPath,
      join(repoRoot, "scripts", "tslab-kernel.js"),
      "kernel",
      "--config-path",
      "{connection_file}",
    ],
    display_name: "TypeScript (no snapshot)",
    language: "typescript",
  }),
);
const plainEnv = () => ({ ...jupyterEnv(), JUPYTER_PATH: `${plainSpecs}:${jupyterEnv().JUPYTER_PATH}` });
run(process.execPath, [join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs"), "-e", "0"]); // tsx's cache warm
spawnSync("bash", [join(repoRoot, "scripts", "build.sh")], { stdio: "ignore" });

const loadBefore = load();
const notebooks = join(repoRoot, "notebooks");
for (let r = 0; r < rounds; r++) {
  const flip = r % 2 === 1;
  const pair = (ts: () => void, py: () => void) => (flip ? [py, ts] : [ts, py]).forEach((f) => f());
  if (ipykernelOk) {
    pair(
      () => {
        const k = lastJson<{ start: number; first: number; second: number }>(
          run(jupyterPython(), ["-c", kernelDriver, "tslab"], { cwd: notebooks, env: jupyterEnv() }).stdout,
        );
        add("kernel start: tslab", k.start);
        add("trivial cell (first): tslab", k.first);
        add("trivial cell (second): tslab", k.second);
        const p = lastJson<{ start: number }>(
          run(jupyterPython(), ["-c", kernelDriver, "tslab-plain"], { cwd: notebooks, env: plainEnv() }).stdout,
        );
        add("kernel start: tslab without snapshot", p.start);
      },
      () => {
        const k = lastJson<{ start: number; first: number; second: number }>(
          run(jupyterPython(), ["-c", kernelDriver, "python3"], { cwd: notebooks, env: jupyterEnv() }).stdout,
        );
        add("kernel start: ipykernel", k.start);
        add("trivial cell (first): ipykernel", k.first);
        add("trivial cell (second): ipykernel", k.second);
      },
    );
  }
  pair(
    () => add("first DataFrame: loadDataFrames (node)", run(process.execPath, ["-e", firstFrameNode]).seconds),
    () => {
      if (pythonOk) add("first DataFrame: pandas read_csv", run("/usr/bin/python3", ["-c", firstFramePython]).seconds);
    },
  );
  pair(
    () => {
      const cache = mkdtempSync(join(tmpdir(), "bench-target-"));
      try {
        const t = lastJson<{ seconds: number; hit: boolean }>(
          run(process.execPath, ["-e", targetChangeNode, cache]).stdout,
        );
        if (t.hit) throw new Error("the changed target was a cache hit: the bench would time nothing");
        add("changed target: analyzeData (build/)", t.seconds);
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    },
    () => {
      if (pythonOk)
        add(
          "changed target: pandas + scipy",
          lastJson<{ seconds: number }>(
            run("/usr/bin/python3", [join(__dirname, "reference", "target_change.py"), dataDir, "3.30"]).stdout,
          ).seconds,
        );
    },
  );
  const f = lastJson<{ load: number; program: number; firstCell: number }>(
    run(process.execPath, [tslabFixedFile], { cwd: notebooks }).stdout,
  );
  add("tslab alone: load its TypeScript", f.load);
  add("tslab alone: build the program", f.program);
  add("tslab alone: check + emit `1 + 1`", f.firstCell);
  if (existsSync(join(snapshotDir, "HEAP_MB"))) {
    const heap = `--max-old-space-size=${readFileSync(join(snapshotDir, "HEAP_MB"), "utf8").trim()}`;
    const blob = join(snapshotDir, "kernel.blob");
    const g = lastJson<{ load: number; program: number; firstCell: number }>(
      run(process.execPath, [heap, "--snapshot-blob", blob, tslabFixedFile], { cwd: notebooks }).stdout,
    );
    add("tslab from the snapshot: load", g.load);
    add("tslab from the snapshot: build the program", g.program);
  }
}

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (xs: number[]) =>
  `${median(xs).toFixed(2).padStart(6)} s  (${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)})`;
console.log(`${rounds} interleaved rounds; load average before ${loadBefore}, after ${load()} (1, 5, 15 min; 2 cores)`);
for (const [name, xs] of samples) console.log(`${name.padEnd(42)} ${fmt(xs)}`);
const ratio = (a: string, b: string) => {
  const x = samples.get(a);
  const y = samples.get(b);
  if (!x || !y) return;
  const perRound = x.map((v, i) => v / y[i]);
  console.log(
    `${`${a.split(":")[0]}${a.includes("without") ? " (no snapshot)" : ""}: ratio`.padEnd(42)} ` +
      `${median(x) / median(y) < 10 ? (median(x) / median(y)).toFixed(2) : (median(x) / median(y)).toFixed(0)}x ` +
      `of medians (per round ${Math.min(...perRound).toFixed(2)}-${Math.max(...perRound).toFixed(2)}x)`,
  );
};
console.log("");
ratio("kernel start: tslab", "kernel start: ipykernel");
ratio("kernel start: tslab without snapshot", "kernel start: ipykernel");
ratio("trivial cell (first): tslab", "trivial cell (first): ipykernel");
ratio("trivial cell (second): tslab", "trivial cell (second): ipykernel");
ratio("first DataFrame: loadDataFrames (node)", "first DataFrame: pandas read_csv");
ratio("changed target: analyzeData (build/)", "changed target: pandas + scipy");
