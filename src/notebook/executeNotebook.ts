// Executes a notebook headlessly with the project's tslab kernel (nbclient under Debian's Python) and returns every
// cell's reply status and outputs, so a test can fail on anything short of a clean run. A zero exit code proves
// nothing with tslab: it reports errors only as stderr text and aborts the cells queued behind a failure.
import { spawn } from "node:child_process";
import { renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { plotlyMime } from "./show";

export const repoRoot = resolve(__dirname, "..", "..");

/** The environment Jupyter needs to find the project-local kernel and nbextension (see scripts/jupyter-env.sh). */
export function jupyterEnv(root = repoRoot): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JUPYTER_PATH: resolve(root, ".jupyter", "share", "jupyter"),
    JUPYTER_CONFIG_PATH: resolve(root, ".jupyter", "etc", "jupyter"),
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
}

export function jupyterPython(): string {
  return process.env.JUPYTER_PYTHON ?? "/usr/bin/python3";
}

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

export interface NotebookProblem {
  readonly cell: number;
  readonly kind:
    | "failure"
    | "error"
    | "missing-error"
    | "aborted"
    | "not-run"
    | "empty-cell"
    | "stderr"
    | "missing-chart"
    | "missing-table"
    | "missing-output";
  readonly message: string;
}

function firstLine(s: string): string {
  const line = s.trim().split("\n")[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * Everything wrong with a run: nbclient failures, error replies or outputs, aborted or unexecuted code cells, empty
 * code cells, stderr (tslab's only error channel; tag a cell `allow-stderr` to permit it), a cell tagged
 * `raises-exception` that does not fail, and missing displays: a
 * cell calling `show(` must display a Plotly spec and a non-empty PNG, one calling `showTable(` an HTML table, and a
 * cell tagged `expect-output` any non-empty output.
 */
export function notebookProblems(run: NotebookRun): NotebookProblem[] {
  const problems: NotebookProblem[] = [];
  if (run.failure) problems.push({ cell: -1, kind: "failure", message: run.failure });
  for (const cell of run.cells) {
    if (cell.cellType !== "code") continue;
    const at = (kind: NotebookProblem["kind"], message: string) => problems.push({ cell: cell.index, kind, message });
    if (cell.source.trim() === "") {
      at("empty-cell", "empty code cell");
      continue;
    }
    // nbclient's convention: a cell tagged raises-exception must fail (tslab aborts the cells after it, so put it last).
    const expectsError = cell.tags.includes("raises-exception");
    if (cell.status === null) at("not-run", "never executed");
    else if (cell.status === "abort" || cell.status === "aborted") at("aborted", "aborted by the kernel (a cell before it failed)");
    else if (expectsError) {
      if (cell.status !== "error") at("missing-error", "tagged raises-exception but did not fail");
    } else if (cell.status !== "ok" && !cell.outputs.some((o) => o.output_type === "error")) at("error", `execute_reply status ${cell.status}`);
    for (const out of cell.outputs) {
      if (out.output_type === "error" && !expectsError) at("error", `${out.ename}: ${out.evalue}`);
      if (out.output_type === "stream" && out.name === "stderr" && !expectsError && !cell.tags.includes("allow-stderr")) {
        at("stderr", firstLine(out.text ?? ""));
      }
    }
    const displays = cell.outputs.filter((o) => o.output_type === "display_data" || o.output_type === "execute_result");
    if (/\bshow\(/.test(cell.source)) {
      const ok = displays.some((o) => {
        const spec = o.data?.[plotlyMime] as { data?: unknown[] } | undefined;
        const png = o.data?.["image/png"];
        return !!spec && Array.isArray(spec.data) && spec.data.length > 0 && typeof png === "string" && png.length > 100;
      });
      if (!ok) at("missing-chart", "calls show( but displayed no Plotly figure with a PNG");
    }
    if (/\bshowTable\(/.test(cell.source)) {
      const ok = displays.some((o) => typeof o.data?.["text/html"] === "string" && /<td/.test(o.data["text/html"] as string));
      if (!ok) at("missing-table", "calls showTable( but displayed no non-empty HTML table");
    }
    if (cell.tags.includes("expect-output") && cellText(cell).trim() === "") at("missing-output", "tagged expect-output but has no output");
  }
  return problems;
}

/** A cell's outputs as text: streams, the text/plain of displays and results, and errors. For finding printed numbers. */
export function cellText(cell: CellRun): string {
  return cell.outputs
    .map((o) => {
      if (o.output_type === "stream") return o.text ?? "";
      if (o.output_type === "error") return `${o.ename}: ${o.evalue}\n`;
      const plain = o.data?.["text/plain"];
      return typeof plain === "string" ? `${plain}\n` : "";
    })
    .join("");
}

/** Every code cell's output text, in order (markdown cells give ""), so a test can look for headline numbers. */
export function cellTexts(run: NotebookRun): string[] {
  return run.cells.map((c) => (c.cellType === "code" ? cellText(c) : ""));
}
