// Runs every test under test/ with mocha and ends with the plain line CI reads: `N passed, N failed`.
//
// Files run in parallel in worker processes (mocha --parallel; one per core, at most 2 by default, `--jobs 1` runs them
// in this process), each file whole in one worker, so a file's hooks and order are as in a serial run. The slow
// end-to-end files (kernels, notebooks, the browser) are handed out first, so they overlap each other and the short
// files fill the gaps instead of queueing behind them at the end. Tests use a temporary folder of their own run
// (TMPDIR, inherited by workers, kernels and browsers): what a test leaves there is listed after the summary and
// removed, so no run leaves folders in the system's temporary folder. After the summary come the 15 slowest files with
// the time each took in its worker (tests and hooks) and the sum over all files: the run's work, which depends less on
// the machine's load than the wall time does.
import Mocha from "mocha";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { availableParallelism, tmpdir, userInfo } from "node:os";
import { join, relative } from "node:path";
import { defineCommand, parseCommandOrExit } from "../src/cli/args";

/**
 * Test files that take the longest (kernels, notebook execution, Chromium, whole analyses, CLI processes), longest
 * first (as the per-file report at the end of a run measures them): started first so that two workers run them side by
 * side.
 */
export const SLOW_FIRST = [
  "publish/site.browser.test.ts",
  "notebook/kernel.test.ts",
  "notebooks/notebooks.test.ts",
  "notebook/renderFigurePng.test.ts",
  "publish/publishSite.test.ts",
  "cli/help.test.ts",
  "analysis/embeddedData.test.ts",
  "notebook/nbextension.test.ts",
  "notebook/kernelSnapshot.test.ts",
  "analysis/io/analyzeData.test.ts",
  "cli/committedResults.test.ts",
  "notebook/kernelGuard.test.ts",
  "notebook/notebookProblems.test.ts",
  "tooling/codeChecks.test.ts",
  "dataset/outputFolder.test.ts",
  "cli/fitArguments.test.ts",
  "analysis/io/analysisCache.test.ts",
  "analysis/runAnalysis.test.ts",
  "fit/epoch.test.ts",
  "cli/ingest.test.ts",
  "cli/fit.test.ts",
];

function testFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return testFiles(path);
      return name.endsWith(".test.ts") ? [path] : [];
    });
}

/** Every test file, the slow ones first (in SLOW_FIRST's order), then the rest in path order. */
export function orderedTestFiles(root: string): string[] {
  const all = testFiles(root);
  const rank = (f: string) => {
    const i = SLOW_FIRST.indexOf(relative(root, f).split("\\").join("/"));
    return i < 0 ? SLOW_FIRST.length : i;
  };
  return all
    .map((f, i) => ({ f, i, r: rank(f) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.f);
}

if (require.main === module) {
  const { values, positionals } = parseCommandOrExit(
    defineCommand({
      command: "npm test --",
      summary:
        "Runs every test under test/ with mocha (after set-up) and ends with the line `N passed, N failed`; " +
        "a pattern runs only the tests whose titles match it.",
      positionals: "[title pattern]",
      options: {
        jobs: {
          type: "string",
          value: "n",
          description:
            "worker processes running test files in parallel (default: cores, at most 2; 1 = serial, in this process)",
        },
      },
    }),
    process.argv.slice(2),
  );
  const jobs = values.jobs === undefined ? Math.max(1, Math.min(2, availableParallelism())) : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || !/^[0-9]+$/.test(String(values.jobs ?? jobs))) {
    console.error(`npm test: invalid --jobs ${values.jobs} (expected a whole number >= 1)`);
    process.exit(2);
  }
  const grep = positionals[0];
  const sandbox = mkdtempSync(join(tmpdir(), "speedrun-test-"));
  // tsx keeps its compiled files in <tmpdir>/tsx-<uid>: the run's folder links to the usual one, so workers and CLI
  // processes reuse it instead of compiling every file again.
  const tsxCache = `tsx-${process.geteuid ? process.geteuid() : userInfo().username}`;
  if (!existsSync(join(tmpdir(), tsxCache))) mkdirSync(join(tmpdir(), tsxCache), { recursive: true });
  symlinkSync(join(tmpdir(), tsxCache), join(sandbox, tsxCache));
  process.env.TMPDIR = sandbox;
  const mocha = new Mocha({
    reporter: "spec",
    timeout: 120_000,
    ...(grep ? { grep } : {}),
    ...(jobs > 1 ? { parallel: true, jobs } : {}),
  });
  for (const file of orderedTestFiles(join(__dirname, "..", "test"))) mocha.addFile(file);

  let passed = 0;
  let failed = 0;
  const started = Date.now();
  // Milliseconds spent in each file's tests and hooks (as measured in the worker that ran them), for the report of
  // the slowest files: their sum is the run's work, less sensitive to the machine's load than the wall time.
  const fileMs = new Map<string, number>();
  const addTime = (r: Mocha.Runnable) => {
    if (r.file !== undefined && typeof r.duration === "number")
      fileMs.set(r.file, (fileMs.get(r.file) ?? 0) + r.duration);
  };
  const runner = mocha.run(() => {
    const left = readdirSync(sandbox).filter((n) => n !== tsxCache);
    if (left.length > 0) console.log(`\nleft in the run's temporary folder (removed now): ${left.sort().join(", ")}`);
    rmSync(sandbox, { recursive: true, force: true });
    const byTime = [...fileMs].sort((a, b) => b[1] - a[1]);
    const sum = byTime.reduce((s, [, ms]) => s + ms, 0);
    console.log(`\nslowest test files (tests and hooks, of ${(sum / 1000).toFixed(0)} s in ${byTime.length} files):`);
    for (const [file, ms] of byTime.slice(0, 15)) {
      console.log(`${(ms / 1000).toFixed(1).padStart(7)} s  ${relative(join(__dirname, ".."), file)}`);
    }
    console.log(`\n${jobs > 1 ? `${jobs} parallel workers, ` : ""}${((Date.now() - started) / 1000).toFixed(0)} s`);
    console.log(`\n${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
  });
  runner.on("pass", () => passed++);
  runner.on("fail", () => failed++);
  runner.on("test end", addTime);
  runner.on("hook end", addTime);
}
