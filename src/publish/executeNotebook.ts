// Executes one notebook in a fresh kernel (one nbclient process per notebook) and returns the executed notebook, or
// throws a NotebookExecutionError naming the notebook, the cell and the error.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cellErrorText, findExecutionError } from "./findExecutionError";
import { jupyterEnv, jupyterPython } from "./ensureTslabKernel";
import { joinSource, parseNotebook, type Notebook } from "./notebook";

export interface ExecuteOptions {
  readonly repoRoot: string;
  readonly kernelName: string;
  readonly timeoutS: number;
  readonly python?: string;
  /** How errors name the notebook (e.g. its path relative to the repository). */
  readonly displayName?: string;
}

export class NotebookExecutionError extends Error {
  constructor(
    readonly notebookPath: string,
    readonly cellIndex: number | null,
    readonly cellSource: string,
    readonly errorText: string,
  ) {
    super(
      cellIndex === null
        ? `${notebookPath}: execution failed: ${errorText}`
        : `${notebookPath}: cell ${cellIndex + 1} failed:\n--- cell ${cellIndex + 1} ---\n${cellSource.trim()}\n--- error ---\n${errorText}`,
    );
    this.name = "NotebookExecutionError";
  }
}

const driver = join(__dirname, "executeNotebook.py");

export async function executeNotebook(notebookPath: string, options: ExecuteOptions): Promise<Notebook> {
  const workDir = mkdtempSync(join(tmpdir(), "publish-exec-"));
  const target = join(workDir, "executed.ipynb");
  const name = options.displayName ?? notebookPath;
  try {
    const { stdout, stderr, failure } = await run(
      options.python ?? jupyterPython,
      [driver, notebookPath, target, options.kernelName, String(options.timeoutS)],
      jupyterEnv(options.repoRoot),
    );
    const verdict = lastJsonLine(stdout);
    if (failure !== null || verdict === null) {
      throw new NotebookExecutionError(name, null, "", tail(stderr) || failure?.message || "no result from the driver");
    }
    const executed = parseNotebook(readFileSync(target, "utf8"), `${name} (executed)`);
    // The driver's verdict comes first; output inspection catches what tslab reports only on stderr.
    if (verdict.status === "error" && typeof verdict.cellIndex === "number") {
      const cellIndex = verdict.cellIndex;
      // The driver's own ename/evalue says what nbclient saw (a timeout, a dead kernel); tslab's text says why.
      // tslab 1.0.22 replies with no ename/evalue, which nbclient reports as "<Error>" with an empty value.
      const driverLine = verdict.ename && verdict.evalue ? `${verdict.ename}: ${verdict.evalue}` : "";
      const outputs = cellErrorText(executed, cellIndex);
      const text = [driverLine !== "" && !outputs.includes(verdict.evalue ?? "") ? driverLine : "", outputs]
        .filter((part) => part !== "")
        .join("\n") || "the cell failed without an error message";
      throw new NotebookExecutionError(name, cellIndex, joinSource(executed.cells[cellIndex]?.source), text);
    }
    const error = findExecutionError(executed);
    if (error !== null) throw new NotebookExecutionError(name, error.cellIndex, error.source, error.message);
    return executed;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string; failure: Error | null }> {
  return new Promise((resolve) => {
    execFile(file, args, { env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, failure: error });
    });
  });
}

function lastJsonLine(stdout: string): { status?: string; cellIndex?: number; ename?: string; evalue?: string } | null {
  const lines = stdout.trim().split("\n").reverse();
  for (const line of lines) {
    try {
      return JSON.parse(line);
    } catch {
      continue;
    }
  }
  return null;
}

function tail(text: string, lines = 30): string {
  return text.trim().split("\n").slice(-lines).join("\n");
}
