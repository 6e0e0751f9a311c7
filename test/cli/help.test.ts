// Issue 11 item 6: every command in the README answers --help with its usage and options, exit 0, without doing any
// work (no build, no set-up, nothing written); an unknown option fails with the usage and exit 2. --help runs as the
// user runs it: `npm run <cmd> -- --help`. --bogus runs the command line package.json gives the script, as npm runs it
// (the option parsing is the script's, npm only passes the arguments on, as the --help runs show): 13 npm starts
// fewer, about 4 s of CPU. The commands run as processes a few at a time (each mostly waits on its own start-up)
// before the tests look at what they printed; the work state is compared before and after all of them.
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { hashTree, REPO, runAll, runCliAsync, runNpmAsync, runScriptAsync, type ProcessResult } from "../helpers/cli";

const NPM_COMMANDS: readonly [script: string, usage: string][] = [
  ["start", "usage: npx tsx src/cli/main.ts [options]"],
  ["test", "usage: npm test -- [options] [title pattern]"],
  ["ingest", "usage: npm run ingest -- [options]"],
  ["fit", "usage: npm run fit -- [options]"],
  ["publish", "usage: npm run publish -- [options]"],
  ["notebooks", "usage: npm run notebooks -- [options] [notebook.ipynb ...]"],
  ["notebook", "usage: npm run notebook -- [jupyter options]"],
  ["bench:ingest", "usage: npm run bench:ingest -- [options]"],
  ["bench:fit", "usage: npm run bench:fit -- [options]"],
  ["bench:analysis", "usage: npm run bench:analysis -- [options] [repeats (default 3)]"],
  [
    "bench:notebooks",
    "usage: npm run bench:notebooks -- [options] [notebook.ipynb ...] (default: the notebooks " +
      "notebooks/manifest.json lists)",
  ],
  ["bench:scale", "usage: npm run bench:scale -- [options]"],
  ["build", "usage: npm run build -- [options]"],
  ["typecheck", "usage: npm run typecheck -- [options]"],
  ["readme", "usage: npm run readme -- [options]"],
  ["scale", "usage: npm run scale -- [options]"],
  ["score-registration", "usage: npm run score-registration -- [options]"],
];

const SCRIPTS: readonly [script: string, usage: string][] = [
  ["src/cli/main.ts", "usage: npx tsx src/cli/main.ts [options]"],
  ["bench/publish.ts", "usage: npx tsx bench/publish.ts [options] [notebooksDir (default notebooks/)]"],
];

/** What a command could touch by doing work: the build, the results, the dataset, the site. */
function workState(): string {
  const mtime = (p: string) => {
    try {
      return String(statSync(join(REPO, p)).mtimeMs);
    } catch {
      return "absent";
    }
  };
  return [
    mtime("build"),
    mtime("site"),
    mtime(".jupyter"),
    hashTree(join(REPO, "results")),
    hashTree(join(REPO, "data", "speedrun")),
  ].join(" ");
}

/** The --bogus commands: every npm script that parses options (not `start` and `notebook`, which pass them on). */
const BOGUS_SCRIPTS = [
  "test",
  "ingest",
  "fit",
  "publish",
  "notebooks",
  "bench:ingest",
  "bench:fit",
  "bench:analysis",
  "bench:notebooks",
  "bench:scale",
  "build",
  "typecheck",
  "readme",
];

/** Every command the tests below look at, by a key of their own, started a few at a time. */
const COMMANDS: Record<string, () => Promise<ProcessResult>> = {
  ...Object.fromEntries(
    NPM_COMMANDS.map(([script]) => [`npm ${script} --help`, () => runNpmAsync(script, ["--help"])]),
  ),
  ...Object.fromEntries(SCRIPTS.map(([script]) => [`${script} --help`, () => runCliAsync(script, ["--help"])])),
  "npm publish --help, no timeout set": () =>
    runNpmAsync("publish", ["--help"], { env: { SPEEDRUN_CELL_TIMEOUT_S: "" } }),
  ...Object.fromEntries(
    BOGUS_SCRIPTS.map((script) => [`npm ${script} --bogus`, () => runScriptAsync(script, ["--bogus"])]),
  ),
  "main.ts --bogus": () => runCliAsync("src/cli/main.ts", ["--bogus"]),
  "main.ts --data missing": () =>
    runCliAsync("src/cli/main.ts", ["--data", "/nonexistent/data", "--out", "/nonexistent/out"]),
};

describe("--help and unknown options on every command", function () {
  this.timeout(300_000);
  const results = new Map<string, ProcessResult>();
  let stateBefore = "";
  let stateAfter = "";
  before(async () => {
    stateBefore = workState();
    const keys = Object.keys(COMMANDS);
    const done = await runAll(
      keys.map((k) => COMMANDS[k]),
      3,
    );
    keys.forEach((k, i) => results.set(k, done[i]));
    stateAfter = workState();
  });
  const result = (key: string) => {
    const r = results.get(key);
    assert.ok(r, `${key} was not run`);
    return r;
  };

  for (const [script, usage] of NPM_COMMANDS) {
    it(`npm run ${script} -- --help prints the usage and exits 0 without doing any work`, () => {
      const r = result(`npm ${script} --help`);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout.split("\n")[0], usage);
      assert.match(r.stdout, /\n {2}--help +print this help and exit\n/);
      assert.equal(r.stderr, "");
      assert.equal(stateAfter, stateBefore);
    });
  }
  for (const [script, usage] of SCRIPTS) {
    it(`${script} --help prints the usage and exits 0`, () => {
      const r = result(`${script} --help`);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout.split("\n")[0], usage);
    });
  }

  it("npm run publish -- --help shows the defaults the code uses: one kernel per core, 90 s a cell", () => {
    const r = result("npm publish --help, no timeout set");
    assert.match(
      r.stdout,
      new RegExp(
        `--concurrency <n> +notebooks executed at the same time, 1 to 16 \\(default one per ` +
          `core: ${availableParallelism()} here\\)`,
      ),
    );
    assert.match(r.stdout, /--timeout <seconds> +time limit per cell, 1 to 86400 \(default 90\)/);
  });

  for (const script of BOGUS_SCRIPTS) {
    it(`npm run ${script} -- --bogus fails with the usage and exit 2`, () => {
      const r = result(`npm ${script} --bogus`);
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /Unknown option '--bogus'/);
      assert.match(r.stderr, /\n\n(fit: )?usage: |\nusage: /);
      assert.equal(stateAfter, stateBefore);
    });
  }
  it("src/cli/main.ts --bogus fails with the usage and exit 2", () => {
    const r = result("main.ts --bogus");
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^Unknown option '--bogus'\n\nusage: npx tsx src\/cli\/main.ts \[options\]\n/);
  });
  it("src/cli/main.ts names a missing --data folder", () => {
    const r = result("main.ts --data missing");
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      "error: /nonexistent/data: missing data folder (run the ingest step, or pass another data directory)\n",
    );
  });
});
