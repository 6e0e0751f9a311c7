// Running the project's commands as processes, and hashing the folders around their output to show nothing else
// changed.
import { createHash } from "node:crypto";
import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

export const REPO = resolve(__dirname, "..", "..");
/**
 * The node arguments that let a process load the project's TypeScript: tsx's CommonJS hook, by absolute path so the
 * command can run from any folder. The project is CommonJS, so the hook is all it needs; the `tsx` command (a second
 * node process) or tsx's ESM loader (a loader thread) cost 0.3-0.5 s more CPU per process.
 */
export const TSX_NODE_ARGS: readonly string[] = ["--require", require.resolve("tsx/cjs", { paths: [REPO] })];

/** The scripts of the project's package.json, by name: the command lines `npm run <name>` runs. */
export function packageScripts(): Record<string, string> {
  return (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
}

/**
 * How `npm run` starts the CLI `script` (src/cli/<name>.ts): the node arguments of the package.json script whose
 * command is `[bash scripts/build.sh && ]node [flags] build/cli/<name>.js`, or null when no script runs it compiled
 * (then the tests run the source through tsx, as `tsx src/cli/<name>.ts` does).
 */
export function compiledCommand(script: string): string[] | null {
  const name = /^src\/cli\/(\w+)\.ts$/.exec(script)?.[1];
  if (name === undefined) return null;
  for (const command of Object.values(packageScripts())) {
    const m = /^(?:bash scripts\/build\.sh && )?node ((?:--[\w-]+ )*)build\/cli\/(\w+)\.js$/.exec(command);
    if (m && m[2] === name) return [...m[1].split(" ").filter(Boolean), join(REPO, "build", "cli", `${name}.js`)];
  }
  return null;
}

let built = false;
/** scripts/build.sh once per test process (it does nothing when build/ is current), as `npm run` does before a CLI. */
function ensureBuilt(): void {
  if (built) return;
  execFileSync("bash", [join(REPO, "scripts", "build.sh")], { cwd: REPO, stdio: "pipe" });
  built = true;
}

/** The node arguments that start the CLI `script` as `npm run` does (see runCli). */
function nodeArgs(script: string): string[] {
  const compiled = compiledCommand(script);
  if (compiled) ensureBuilt();
  return compiled ?? [...TSX_NODE_ARGS, join(REPO, script)];
}

/**
 * Runs the CLI `script` as `npm run` runs it, from the repository (or `cwd`): `node [flags] build/cli/<name>.js` when
 * package.json runs the compiled file (after building once per test process), else the source through tsx
 * (TSX_NODE_ARGS). One process (so a signal that kills the script shows in `signal`); never throws on a non-zero exit.
 */
export function runCli(
  script: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [...nodeArgs(script), ...args], {
    cwd: options.cwd ?? REPO,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    timeout: options.timeoutMs ?? 300_000,
  });
}

/** `npm run <script> -- ...args` from the repository. */
export function runNpm(
  script: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): SpawnSyncReturns<string> {
  return spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    cwd: options.cwd ?? REPO,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    timeout: 300_000,
  });
}

/**
 * Calls a CLI's `run(argv)` (its exit code) in this process, with what it prints through console.log and
 * console.error captured as a process's stdout and stderr would be (a newline after each call).
 */
export function runInProcess(
  run: (argv: readonly string[]) => number,
  args: readonly string[],
): { status: number; stdout: string; stderr: string } {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...a: unknown[]) => void out.push(`${a.join(" ")}\n`);
  console.error = (...a: unknown[]) => void err.push(`${a.join(" ")}\n`);
  try {
    const status = run(args);
    return { status, stdout: out.join(""), stderr: err.join("") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

/** What a finished process printed and how it ended. */
export interface ProcessResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `command args` as a child process, without blocking the test process; resolves when it exits, never rejects. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, NO_COLOR: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 300_000,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    const done = (status: number | null, signal: NodeJS.Signals | null, error = "") =>
      resolve({
        status,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8") + error,
      });
    child.on("error", (e) => done(null, null, `${command}: ${e.message}`));
    child.on("close", (status, signal) => done(status, signal));
  });
}

/** runCli without blocking. */
export function runCliAsync(
  script: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessResult> {
  return runProcess(process.execPath, [...nodeArgs(script), ...args], options);
}

/** runNpm without blocking: `npm run <script> -- ...args`. */
export function runNpmAsync(
  script: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessResult> {
  return runProcess("npm", ["run", "--silent", script, "--", ...args], options);
}

/**
 * The command line package.json gives npm script `script`, run with `args` appended as `npm run <script> -- ...args`
 * runs it (by `sh -c`, node_modules/.bin first on the PATH), without npm's own start (0.3 s of CPU): for tests of what
 * the script's command does, not of npm.
 */
export function runScriptAsync(
  script: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessResult> {
  const line = packageScripts()[script];
  if (line === undefined) throw new Error(`package.json has no script ${script}`);
  const path = `${join(REPO, "node_modules", ".bin")}${delimiter}${options.env?.PATH ?? process.env.PATH ?? ""}`;
  return runProcess("sh", ["-c", `${line} "$@"`, "sh", ...args], { ...options, env: { ...options.env, PATH: path } });
}

/**
 * Runs `jobs` (functions starting a process each) at most `concurrency` at a time; the results in the order of `jobs`.
 */
export async function runAll<T>(jobs: readonly (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < jobs.length; i = next++) results[i] = await jobs[i]();
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
  return results;
}

/**
 * A hash of every entry below `dir` (names, types, modes, link targets, file contents), skipping the top-level names in
 * `skip`: equal hashes before and after a command mean it changed nothing there. Named pipes are hashed by name only.
 */
export function hashTree(dir: string, skip: readonly string[] = []): string {
  const h = createHash("sha256");
  const walk = (d: string, top: boolean): void => {
    for (const name of readdirSync(d).sort()) {
      if (top && skip.includes(name)) continue;
      const p = join(d, name);
      const st = lstatSync(p);
      h.update(`${p.slice(dir.length)}\0${st.mode}\0`);
      if (st.isSymbolicLink()) h.update(readlinkSync(p));
      else if (st.isDirectory()) walk(p, false);
      else if (st.isFile() && st.size < 64 * 1024 * 1024) h.update(readFileSync(p));
      else h.update(String(st.size));
      h.update("\0");
    }
  };
  walk(dir, true);
  return h.digest("hex");
}
