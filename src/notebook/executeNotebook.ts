// Executes a notebook headlessly with the project's tslab kernel (nbclient under Debian's Python) and returns every
// cell's reply status and outputs, so a test can fail on anything short of a clean run (see notebookProblems.ts).
import { spawn } from "node:child_process";
import { renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { jupyterEnv, jupyterPython } from "./jupyterEnv";

export interface NotebookOutput {
  readonly output_type: "stream" | "display_data" | "execute_result" | "error";
  readonly name?: string;
  readonly text?: string;
  readonly data?: { readonly [mime: string]: unknown };
  readonly ename?: string;
  readonly evalue?: string;
  readonly traceback?: readonly string[];
}

export interface CellRun {
  readonly index: number;
  readonly cellType: "code" | "markdown" | "raw";
  readonly source: string;
  readonly tags: readonly string[];
  /** execute_reply status: "ok", "error", "abort"; null if the cell was never executed. */
  readonly status: string | null;
  readonly outputs: readonly NotebookOutput[];
}

export interface NotebookRun {
  readonly path: string;
  readonly cells: readonly CellRun[];
  /** nbclient's own failure (timeout, dead kernel, missing kernel), null if it ran to the end. */
  readonly failure: string | null;
  readonly elapsedS: number;
}

export interface ExecuteOptions {
  /** Per-cell timeout. */
  readonly timeoutS?: number;
  /** Also save the executed notebook (outputs included) here: written to a temp file, then renamed. */
  readonly writeTo?: string | null;
}

export const executeDefaults = { timeoutS: 300, writeTo: null as string | null };

// record_timing=False: no per-cell timestamps, so re-executing a deterministic notebook changes nothing.
const runner = String.raw`
import json, os, sys, time
import nbformat
from nbclient import NotebookClient
path, timeout = sys.argv[1], int(sys.argv[2])
nb = nbformat.read(path, as_version=4)
spec = nb.metadata.get("kernelspec", {}).get("name")
if spec != "tslab":
    sys.exit("%s: kernelspec is %r (expected tslab)" % (path, spec))
replies = {}
def on_executed(cell, cell_index, execute_reply):
    replies[cell_index] = execute_reply["content"]["status"]
client = NotebookClient(nb, timeout=timeout, kernel_name="tslab", allow_errors=True, record_timing=False,
                        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
                        on_cell_executed=on_executed)
failure = None
t0 = time.time()
try:
    client.execute()
except Exception as e:
    failure = "%s: %s" % (type(e).__name__, e)
elapsed = time.time() - t0
cells = [{"index": i, "cellType": c.cell_type, "source": c.source, "tags": list(c.metadata.get("tags", [])),
          "status": replies.get(i), "outputs": c.get("outputs", [])} for i, c in enumerate(nb.cells)]
json.dump({"cells": cells, "failure": failure, "elapsedS": elapsed, "notebook": nbformat.writes(nb)}, sys.stdout)
`;

/** Runs `notebookPath` top to bottom in a fresh tslab kernel. Rejects only if the runner itself cannot start. */
export function executeNotebook(notebookPath: string, options: ExecuteOptions = {}): Promise<NotebookRun> {
  const o = { ...executeDefaults, ...options };
  if (!Number.isFinite(o.timeoutS) || o.timeoutS <= 0) throw new Error(`executeNotebook: invalid timeoutS: ${o.timeoutS} (expected a positive number)`);
  const path = resolve(notebookPath);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(jupyterPython(), ["-c", runner, path, String(Math.ceil(o.timeoutS))], {
      cwd: dirname(path),
      env: jupyterEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => reject(new Error(`executeNotebook: cannot start ${jupyterPython()}: ${e.message}`)));
    child.on("close", (code) => {
      const stderr = Buffer.concat(err).toString("utf8");
      if (code !== 0) {
        reject(new Error(`executeNotebook: ${path}: runner exited with ${code}: ${stderr.trim().split("\n").slice(-5).join("\n")}`));
        return;
      }
      const result = JSON.parse(Buffer.concat(out).toString("utf8")) as NotebookRun & { notebook: string };
      if (o.writeTo) {
        const target = resolve(o.writeTo);
        const tmp = `${target}.tmp-${process.pid}`;
        writeFileSync(tmp, result.notebook);
        renameSync(tmp, target);
      }
      resolvePromise({ path, cells: result.cells, failure: result.failure, elapsedS: result.elapsedS });
    });
  });
}
