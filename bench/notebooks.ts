// Bench: execution time of each of the project's notebooks (tslab kernel, fresh kernel each, as publishing runs them)
// against a named reference executed in the same run: bench/reference/python-reference.ipynb, the same first steps in
// Python (pandas loads data/speedrun, scipy's curve_fit fits the llm.c 124M curve, one plotly chart) on ipykernel.
// Also the time of a trivial cell in each kernel. Goal (issue 13): each notebook within 2x of the reference; a trivial
// cell under 100 ms. Installs Debian's python3-pandas, python3-scipy and python3-plotly if they are missing.
// Usage: npm run bench:notebooks [-- --cold] [--cells] [--rounds N] [notebook.ipynb ...]   (--cells: every cell's time)
//   --cold: the notebooks get an empty analysis cache (every analyzeData() recomputes); default: the cache is warmed
//   first, as after `npm start`.
//   --rounds N (default 3): the reference and every notebook run N times, interleaved (reference, trivial, each
//   notebook, then again), and each is reported by its median total: on a machine shared with other jobs a single
//   run's ratio moves by 0.3 or more with the load of the moment.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { ensureTslabKernel, listNotebooks } from "../src";
import { defineCommand, integerOption, parseCommandOrExit } from "../src/cli/args";
import { jupyterEnv, jupyterPython } from "../src/notebook/jupyterEnv";

const repoRoot = resolve(__dirname, "..");
const PY_PACKAGES = ["python3-pandas", "python3-scipy", "python3-plotly"];

interface CellTime {
  readonly index: number;
  readonly source: string;
  readonly seconds: number;
}
interface NotebookTime {
  readonly path: string;
  readonly kernel: string;
  readonly totalS: number;
  readonly startS: number | null;
  readonly failure: string | null;
  readonly errorCells: readonly number[];
  readonly cells: readonly CellTime[];
}

function ensurePythonPackages(): void {
  const probe = () =>
    spawnSync(jupyterPython(), ["-c", "import pandas, scipy, plotly"], { stdio: "ignore" }).status === 0;
  if (probe()) return;
  console.log(`installing ${PY_PACKAGES.join(" ")} (apt-get) for the Python reference notebook`);
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  const apt = (args: string[]) => {
    const [cmd, ...rest] = [...asRoot, "apt-get", ...args];
    return (
      spawnSync(cmd, rest, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status ===
      0
    );
  };
  const install = ["install", "-y", "--no-install-recommends", ...PY_PACKAGES];
  if (!apt(install) && !(apt(["update"]) && apt(install))) {
    throw new Error(
      `could not install ${PY_PACKAGES.join(", ")}; install them (apt-get install ${PY_PACKAGES.join(" ")}) and rerun`,
    );
  }
  if (!probe())
    throw new Error(
      `${jupyterPython()} still cannot import pandas, scipy and plotly after installing ${PY_PACKAGES.join(", ")}`,
    );
}

function trivialNotebook(dir: string): string {
  const cell = (source: string) => ({ cell_type: "code", metadata: {}, execution_count: null, outputs: [], source });
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" },
      language_info: { name: "typescript" },
    },
    cells: [cell("1 + 1"), cell("const x = 2;\nx * 3"), cell("1 + 1")],
  };
  const path = join(dir, "trivial.ipynb");
  writeFileSync(path, JSON.stringify(nb));
  return path;
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");
const s = (x: number | null) => (x === null ? "n/a" : `${x.toFixed(2)} s`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
/** The run whose total is the median (the lower middle one for an even count). */
const medianRun = (runs: NotebookTime[]) =>
  [...runs].sort((a, b) => a.totalS - b.totalS)[Math.floor((runs.length - 1) / 2)];

const COMMAND = defineCommand({
  command: "npm run bench:notebooks --",
  summary:
    "Times each project notebook (fresh tslab kernel each, as publishing runs them) against a Python reference " +
    "notebook " +
    "run in the same session (pandas, scipy, plotly on ipykernel; installed with apt-get if missing), interleaved, " +
    "reporting medians. Compiles the library first (--build, which npm run bench:notebooks passes).",
  positionals: "[notebook.ipynb ...] (default: the notebooks notebooks/manifest.json lists)",
  options: {
    cold: {
      type: "boolean",
      description: "give the notebooks an empty analysis cache (default: warmed first, as after npm start)",
    },
    cells: { type: "boolean", description: "also print every cell's time" },
    rounds: {
      type: "string",
      value: "n",
      description: "runs of the reference and of each notebook, 1 to 20 (default 3)",
    },
    build: { type: "boolean", description: "compile src/ to build/ first (scripts/build.sh)" },
  },
});

function main(): void {
  const { values, positionals } = parseCommandOrExit(COMMAND, process.argv.slice(2));
  const cold = values.cold === true;
  const rounds = integerOption("rounds", values.rounds, 1, 20) ?? 3;
  if (values.build === true) execFileSync("bash", [join(repoRoot, "scripts", "build.sh")], { stdio: "inherit" });
  const chosen = positionals.map((a) => resolve(a));
  const notebooks = chosen.length ? chosen : listNotebooks(join(repoRoot, "notebooks"));
  ensurePythonPackages();
  ensureTslabKernel(repoRoot);
  const tmp = mkdtempSync(join(tmpdir(), "bench-notebooks-"));
  try {
    const env = { ...jupyterEnv(repoRoot), ...(cold ? { SPEEDRUN_ANALYSIS_CACHE: join(tmp, "cache") } : {}) };
    console.log(
      `load average at start: ${load()} (machine shared with other jobs: compare ratios, not absolute times)`,
    );
    if (!cold) {
      // The notebooks import ../build; warm the cache through the same compiled library.
      const t = Date.now();
      execFileSync(
        process.execPath,
        [
          "-e",
          'const r = require(process.argv[1]).analyzeData(); console.log(r.cache.hit ? "hit" : "computed")',
          join(repoRoot, "build"),
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      console.log(`analysis cache warmed in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    const reference = join(repoRoot, "bench", "reference", "python-reference.ipynb");
    const trivial = trivialNotebook(tmp);
    const round = [`python3:${reference}`, `tslab:${trivial}`, ...notebooks.map((n) => `tslab:${n}`)];
    const jobs = Array.from({ length: rounds }, () => round).flat();
    const out = execFileSync(jupyterPython(), [join(__dirname, "notebooks_runner.py"), ...jobs], {
      env,
      maxBuffer: 64 << 20,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const runs = JSON.parse(out.toString("utf8")) as NotebookTime[];
    const warned = new Set<string>();
    for (const r of runs) {
      const problem = r.failure ?? (r.errorCells.length ? `error in cell(s) ${r.errorCells.join(", ")}` : null);
      if (problem !== null && !warned.has(`${r.path} ${problem}`))
        console.log(`warning: ${basename(r.path)}: ${problem}`);
      if (problem !== null) warned.add(`${r.path} ${problem}`);
    }
    // Each job's runs, reported by the run of median total.
    const byJob = round.map((_, j) => runs.filter((_, i) => i % round.length === j));
    const [ref, triv, ...mine] = byJob.map(medianRun);
    const spread = (j: number) => {
      const totals = byJob[j].map((r) => r.totalS);
      return `${Math.min(...totals).toFixed(2)}-${Math.max(...totals).toFixed(2)}`;
    };
    const refCell = ref.cells[ref.cells.length - 1].seconds; // "1 + 1"
    console.log("");
    console.log(`rounds: ${rounds}; each time below is the median run's (range of totals in brackets)`);
    console.log(
      `reference: ${basename(reference)} (ipykernel: pandas load, scipy curve_fit, one plotly ` +
        `chart): ${s(ref.totalS)} [${spread(0)}], kernel start ${s(ref.startS)}`,
    );
    for (const c of ref.cells)
      console.log(`    cell ${c.index}: ${s(c.seconds)}  ${JSON.stringify(c.source.split("\n")[0])}`);
    console.log("");
    console.log(
      `${"notebook".padEnd(32)} ${"total".padStart(8)} ${"range".padStart(11)} ${"start".padStart(8)}  ` +
        `${"x ref".padStart(6)}  goal <= 2x  slowest cell`,
    );
    for (const [k, r] of mine.entries()) {
      const slow = [...r.cells].sort((a, b) => b.seconds - a.seconds)[0];
      const ratio = r.totalS / ref.totalS;
      const shown = relative(repoRoot, r.path).replace(/^notebooks\//, "");
      console.log(
        `${shown.padEnd(32)} ${s(r.totalS).padStart(8)} ${spread(k + 2).padStart(11)} ${s(r.startS).padStart(8)}  ` +
          `${ratio.toFixed(2).padStart(6)}  ${(ratio <= 2 ? "yes" : "no").padEnd(10)}  ` +
          `${slow ? `${s(slow.seconds)} cell ${slow.index} ${JSON.stringify(slow.source.split("\n")[0])}` : ""}`,
      );
    }
    if (values.cells === true) {
      for (const r of mine) {
        console.log(`\n${relative(repoRoot, r.path)}: kernel start ${s(r.startS)}`);
        for (const c of r.cells)
          console.log(`    cell ${c.index}: ${s(c.seconds)}  ${JSON.stringify(c.source.split("\n")[0])}`);
      }
    }
    const trivialCells = byJob[1].flatMap((r) => r.cells.map((c) => c.seconds));
    const trivialMs = median(trivialCells) * 1000;
    console.log("");
    console.log(
      `trivial cell (median of ${trivialCells.length}, tslab): ${trivialMs.toFixed(0)} ms (goal < 100 ` +
        `ms: ${trivialMs < 100 ? "yes" : "no"}); ipykernel "1 + 1": ${(refCell * 1000).toFixed(0)} ms`,
    );
    console.log(`trivial notebook total (tslab, 3 cells): ${s(triv.totalS)}, kernel start ${s(triv.startS)}`);
    console.log(
      `analysis cache: ${cold ? "cold (empty folder: every analyzeData() computes)" : "warm (as after npm start)"}`,
    );
    console.log(`load average at end: ${load()}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main();
