// Executes a notebook headlessly with the project's tslab kernel (nbclient under Debian's Python) and returns every
// cell's reply status and outputs, so a test can fail on anything short of a clean run (see notebookProblems.ts).
import { spawn } from "node:child_process";
import { renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { jupyterEnv, jupyterPython, kernelStartPython, repoRoot } from "./jupyterEnv";
import { asyncErrorProbe } from "./tslabPatches";
import { guardPython, kernelGuardEnv } from "./kernelGuard";
import { renderFigurePng } from "./renderFigurePng";
import { deferredPngEnv, deferredPngKey, plotlyMime } from "./show";
import type { Figure } from "../plot/types";

export interface NotebookOutput {
  readonly output_type: "stream" | "display_data" | "execute_result" | "error";
  readonly name?: string;
  readonly text?: string;
  readonly data?: { readonly [mime: string]: unknown };
  /**
   * display_data / execute_result metadata (per-MIME sizes; the notebook test's summary values, see summaryValues.ts).
   */
  readonly metadata?: { readonly [key: string]: unknown };
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
  /** The cell nbclient was executing when it failed (a cell timeout names it); null if no cell was running. */
  readonly failureCell: number | null;
  readonly elapsedS: number;
  /**
   * Outputs cut to OUTPUT_LIMITS (kernelGuard.ts), one line each naming notebook and cell; the page shows the same
   * note.
   */
  readonly notes?: readonly string[];
  /** The executed notebook as nbformat writes it (outputs included, partial after a failure). */
  readonly notebookJson: string;
}

export interface ExecuteOptions {
  /** Per-cell timeout. */
  readonly timeoutS?: number;
  /** Also save the executed notebook (outputs included) here: written to a temp file, then renamed. */
  readonly writeTo?: string | null;
  /**
   * Kernel to run; null requires the notebook's own kernelspec to be tslab (a notebook saved with another kernel is a
   * mistake).
   */
  readonly kernelName?: string | null;
  /** How messages name the notebook (e.g. its path relative to the repository); null names it by its absolute path. */
  readonly displayName?: string | null;
  /** The checkout whose .jupyter/ holds the kernelspec (see jupyterEnv). */
  readonly repoRoot?: string;
  /**
   * Who draws the charts' PNGs: "batch" (default), this process, in one browser shared by every notebook it executes;
   * "kernel", each kernel in its own browser, as in Jupyter. The saved notebook is the same bytes either way.
   */
  readonly chartPng?: "batch" | "kernel";
}

/**
 * The default per-cell timeout: `SPEEDRUN_CELL_TIMEOUT_S` if set, else 90 s. Shorter than the test runner's 120 s per
 * test (scripts/test.ts), so a cell that never ends fails the notebook test naming the cell instead of timing out the
 * test; the slowest cell of the project's notebooks takes a few seconds.
 */
export function defaultCellTimeoutS(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SPEEDRUN_CELL_TIMEOUT_S;
  if (raw === undefined || raw === "") return 90;
  const value = Number(raw);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(raw) || !(value > 0))
    throw new Error(
      `SPEEDRUN_CELL_TIMEOUT_S: invalid value ${JSON.stringify(raw)} (expected a positive number of seconds)`,
    );
  return value;
}

const executeDefaults = {
  timeoutS: 90,
  writeTo: null as string | null,
  kernelName: null as string | null,
  displayName: null as string | null,
  repoRoot,
  chartPng: "batch" as "batch" | "kernel",
};

// record_timing=False: no per-cell timestamps, so re-executing a deterministic notebook changes nothing.
// The kernel starts in the notebook's folder, so relative imports ("../build") resolve as in Jupyter. on_cell_execute
// remembers the running cell, so a cell timeout or a dead kernel names the cell it happened in. A timed-out cell's
// kernel is killed at once (a cell in an endless loop never answers a shutdown request). After the last cell the
// runner sends the kernel's asynchronous-error probe (tslabPatches.ts): an error thrown after a cell finished (a
// timer, a promise nobody awaited) then fails the run as a failure of the notebook.
const runner =
  String.raw`
import atexit, json, os, sys, time
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError
from nbclient.util import ensure_async
${kernelStartPython}
path, timeout, kernel, shown, probe, defer_key, plotly_mime = sys.argv[1], int(sys.argv[2]), sys.argv[3], ` +
  String.raw`sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]
# The kernel inherits stdout: point fd 1 at /dev/null so nothing it prints there can corrupt the JSON written ` +
  String.raw`at the end.
result_out = os.fdopen(os.dup(1), "w")
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
nb = nbformat.read(path, as_version=4)
if kernel == "":
    spec = nb.metadata.get("kernelspec", {}).get("name")
    if spec != "tslab":
        sys.exit("%s: kernelspec is %r (expected tslab)" % (shown, spec))
    kernel = spec
replies = {}
running = [None]
def on_execute(cell, cell_index):
    running[0] = cell_index
def on_executed(cell, cell_index, execute_reply):
    replies[cell_index] = execute_reply["content"]["status"]
    running[0] = None
    cap_outputs(cell, cell_index)
${guardPython}
# startup_timeout: nbclient's 60 s default was seen to expire on this 2-core machine under load (tslab ` +
  String.raw`type-checks on start).
async_error = [None]
class PortsTaken(RuntimeError):
    pass
class Client(NotebookClient):
    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        km.kernel_spec_manager = kernel_specs()
        return km
    async def async_start_new_kernel(self, **kwargs):
        await super().async_start_new_kernel(**kwargs)
        self.kernel_process = getattr(getattr(self.km, "provisioner", None), "process", None)
    async def async_start_new_kernel_client(self):
        try:
            return await super().async_start_new_kernel_client()
        except RuntimeError:
            process = getattr(self, "kernel_process", None)
            code = process.poll() if process is not None else None
            if code == ports_taken_exit:
                raise PortsTaken("the kernel could not listen on the ports Jupyter chose (another process took one)")
            raise
    async def _async_handle_timeout(self, timeout, cell=None):
        # nbclient's default asks the kernel to shut down, which a cell in an endless loop never answers: kill it.
        await ensure_async(self.km.shutdown_kernel(now=True))
        raise CellTimeoutError.error_from_timeout_and_cell("Cell execution timed out; the kernel was killed", ` +
  String.raw`timeout, cell)
client = Client(nb, timeout=timeout, startup_timeout=180, kernel_name=kernel, allow_errors=True, record_timing=False,
                resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
                on_cell_execute=on_execute, on_cell_executed=on_executed)
failure = None
t0 = time.time()
# A kernel that exits with ports_taken_exit (jupyterEnv.ts) lost a port Jupyter chose for it to another process
# before it could bind it: a race of Jupyter's port choice, not of the notebook. It is started again on new ports, at
# most twice more.
async def run():
    for attempt in range(kernel_start_attempts):
        client.reset_execution_trackers()
        try:
            return await run_once()
        except PortsTaken:
            atexit.unregister(client._cleanup_kernel)  # registered for the kernel that is gone
            if attempt == kernel_start_attempts - 1:
                raise
            client.km = None
            client.kc = None
async def run_once():
    async with client.async_setup_kernel():
        msg_id = await ensure_async(client.kc.kernel_info())
        info = await client.async_wait_for_reply(msg_id)
        if info is not None and "language_info" in info["content"]:
            nb.metadata["language_info"] = info["content"]["language_info"]
        for index, cell in enumerate(nb.cells):
            await client.async_execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
        if probe:
            cell = nbformat.v4.new_code_cell(probe)
            nb.cells.append(cell)  # nbclient writes the executed cell back by index
            try:
                await client.async_execute_cell(cell, len(nb.cells) - 1)
            finally:
                nb.cells.pop()
                running[0] = None
                replies.pop(len(nb.cells), None)
            errors = [o for o in cell.outputs if o.get("output_type") == "error"]
            if errors:
                async_error[0] = "%s: %s" % (errors[0].get("ename"), errors[0].get("evalue"))
        client.set_widgets_metadata()
import asyncio
try:
    asyncio.run(run())
except Exception as e:
    failure = "%s: %s" % (type(e).__name__, e)
    if guard_note[0] is not None:
        failure = guard_note[0]
for i, c in enumerate(nb.cells):
    cap_outputs(c, i)  # cells of a failed run too (on_executed did not see them)
if failure is None and async_error[0] is not None:
    failure = async_error[0]
    running[0] = None
# Charts whose PNG the kernel left to us (show.ts, deferredPngKey): one request line on stdout with their specs, one
# answer line on stdin with the PNGs (drawn by executeNotebook's process), put where the kernel would have put them.
deferred = [o for c in nb.cells for o in c.get("outputs", [])
            if defer_key and o.get("output_type") in ("display_data", "execute_result") and defer_key in ` +
  String.raw`o.get("metadata", {})]
if deferred:
    request = [{"figure": o["data"].get(plotly_mime), "scale": o["metadata"][defer_key].get("scale")} for o in deferred]
    result_out.write(json.dumps({"renderPng": request}) + "\n")
    result_out.flush()
    answer = json.loads(sys.stdin.readline() or "{}")
    pngs = answer.get("png")
    if not isinstance(pngs, list) or len(pngs) != len(deferred):
        failure = failure or "chart PNGs not drawn: %s" % answer.get("error", "no answer from executeNotebook")
        pngs = [None] * len(deferred)
    for o, png in zip(deferred, pngs):
        del o["metadata"][defer_key]
        if png is not None:
            o["data"]["image/png"] = png
elapsed = time.time() - t0
cells = [{"index": i, "cellType": c.cell_type, "source": c.source, "tags": list(c.metadata.get("tags", [])),
          "status": replies.get(i), "outputs": c.get("outputs", [])} for i, c in enumerate(nb.cells)]
json.dump({"cells": cells, "notes": notes, "failure": failure, "failureCell": running[0] if failure else None, ` +
  String.raw`"elapsedS": elapsed,
           "notebookJson": nbformat.writes(nb)}, result_out)
result_out.write("\n")
result_out.flush()
`;

/**
 * Draws the charts a runner asks for, in order; any failure answers for all of them (the run then fails, saying why).
 */
async function drawRequested(line: string): Promise<{ png: string[] } | { error: string }> {
  try {
    const { renderPng } = JSON.parse(line) as { renderPng: { figure: Figure; scale: number }[] };
    const png: string[] = [];
    for (const { figure, scale } of renderPng) png.push((await renderFigurePng(figure, { scale })).toString("base64"));
    return { png };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Runs `notebookPath` top to bottom in a fresh kernel (tslab unless `kernelName` says otherwise). Rejects only if the
 * runner itself cannot start or the notebook cannot be read; what went wrong inside is in the run (see
 * notebookProblems).
 */
export function executeNotebook(notebookPath: string, options: ExecuteOptions = {}): Promise<NotebookRun> {
  const o = { ...executeDefaults, timeoutS: defaultCellTimeoutS(), ...options };
  if (!Number.isFinite(o.timeoutS) || o.timeoutS <= 0)
    throw new Error(`executeNotebook: invalid timeoutS: ${o.timeoutS} (expected a positive number)`);
  const path = resolve(notebookPath);
  const shown = o.displayName ?? path;
  return new Promise((resolvePromise, reject) => {
    const probe = o.kernelName === null || o.kernelName === "tslab" ? asyncErrorProbe : "";
    const batch = o.chartPng === "batch";
    const args = [
      path,
      String(Math.ceil(o.timeoutS)),
      o.kernelName ?? "",
      shown,
      probe,
      batch ? deferredPngKey : "",
      plotlyMime,
    ];
    const child = spawn(jupyterPython(), ["-c", runner, ...args], {
      cwd: dirname(path),
      env: {
        ...jupyterEnv(o.repoRoot),
        ...kernelGuardEnv(process.env, o.repoRoot),
        [deferredPngEnv]: batch ? "1" : "0",
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    // stdout: at most one request line (charts to draw, answered on stdin), then the result line.
    let answered = false;
    child.stdout.on("data", (b: Buffer) => {
      out.push(b);
      if (answered || !b.includes(10)) return;
      const text = Buffer.concat(out).toString("utf8");
      const newline = text.indexOf("\n");
      if (!text.startsWith('{"renderPng"')) {
        answered = true; // the result itself: no request in this run
        return;
      }
      answered = true;
      out.length = 0;
      out.push(Buffer.from(text.slice(newline + 1), "utf8"));
      void drawRequested(text.slice(0, newline)).then((answer) => child.stdin.end(`${JSON.stringify(answer)}\n`));
    });
    child.stdin.on("error", () => undefined); // the runner died before reading: its exit code and stderr say why
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => reject(new Error(`executeNotebook: cannot start ${jupyterPython()}: ${e.message}`)));
    child.on("close", (code) => {
      const stderr = Buffer.concat(err).toString("utf8");
      if (code !== 0) {
        reject(
          new Error(
            `executeNotebook: ${shown}: runner exited with ${code}: ${stderr.trim().split("\n").slice(-5).join("\n")}`,
          ),
        );
        return;
      }
      let result: Omit<NotebookRun, "path">;
      try {
        result = JSON.parse(Buffer.concat(out).toString("utf8")) as Omit<NotebookRun, "path">;
      } catch (e) {
        // Outputs are cut in the runner (kernelGuard.ts), so this is the runner's own trouble; still named, never a
        // stack.
        const bytes = out.reduce((n, b) => n + b.length, 0);
        reject(
          new Error(
            `executeNotebook: ${shown}: the executed notebook (${bytes} bytes) cannot be read ` +
              `back: ${(e as Error).message}`,
          ),
        );
        return;
      }
      if (o.writeTo) {
        const target = resolve(o.writeTo);
        const tmp = `${target}.tmp-${process.pid}`;
        writeFileSync(tmp, result.notebookJson);
        renameSync(tmp, target);
      }
      resolvePromise({ path, ...result });
    });
  });
}
