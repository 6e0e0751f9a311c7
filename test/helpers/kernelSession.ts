// Runs code cells one by one in the project's tslab kernel (through jupyter_client, as Jupyter's front ends do) and
// returns each reply and its outputs. Unlike a notebook run, cells are sent one at a time with a pause between them,
// as a user running them by hand does: tslab aborts the requests that arrive within 200 ms of a failure.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { jupyterEnv, jupyterPython, kernelStartPython, repoRoot } from "../../src/notebook/jupyterEnv";
import type { NotebookOutput } from "../../src/notebook/executeNotebook";

/**
 * A cell that never returns and never yields: its kernel's main thread waits forever, as in an endless loop, but burns
 * no CPU (an endless loop took a core from the rest of the suite for as long as it ran, until its kernel was killed).
 */
export const BLOCKED_CELL = "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // blocks forever";

export interface CellReply {
  readonly status: string;
  readonly outputs: NotebookOutput[];
}

const driver =
  String.raw`
import json, sys, time
from jupyter_client.manager import KernelManager
${kernelStartPython}
cells, pause, out = json.loads(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
# As executeNotebook's runner: a kernel that exits with ports_taken_exit lost one of its ports to another process before
# binding it, and is started again on new ports (at most twice more).
def start():
    for attempt in range(kernel_start_attempts):
        km = KernelManager(kernel_name="tslab", kernel_spec_manager=kernel_specs())
        km.start_kernel()
        process = km.provisioner.process
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=180)
            return km, kc
        except RuntimeError:
            kc.stop_channels()
            km.cleanup_resources()
            if process.poll() != ports_taken_exit or attempt == kernel_start_attempts - 1:
                raise
km, kc = start()
replies = []
try:
    for code in cells:
        msg_id = kc.execute(code)
        reply = kc.get_shell_msg(timeout=120)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = kc.get_shell_msg(timeout=120)
        outputs = []
        while True:
            m = kc.get_iopub_msg(timeout=120)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            t = m["msg_type"]
            if t == "status" and m["content"]["execution_state"] == "idle":
                break
            if t == "stream":
                outputs.append({"output_type": "stream", "name": m["content"]["name"], "text": m["content"]["text"]})
            elif t in ("display_data", "execute_result"):
                outputs.append({"output_type": t, "data": m["content"]["data"]})
            elif t == "error":
                outputs.append({"output_type": "error", "ename": m["content"]["ename"], "evalue": ` +
  String.raw`m["content"]["evalue"], "traceback": m["content"]["traceback"]})
        replies.append({"status": reply["content"]["status"], "outputs": outputs})
        time.sleep(pause)
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
# A file, not stdout: the kernel inherits stdout and may write to it.
with open(out, "w") as f:
    json.dump(replies, f)
`;

/**
 * Runs `cells` in a fresh kernel started in `cwd`, by default test/artifacts/kernel/ (so "../../../build" is the
 * compiled library), with `env` added to its environment. The replies pass through a file in test/artifacts/kernel/
 * whatever the kernel's folder.
 */
export function runCells(
  cells: readonly string[],
  pauseS = 0.4,
  cwd = join(repoRoot, "test", "artifacts", "kernel"),
  env: NodeJS.ProcessEnv = {},
): Promise<CellReply[]> {
  const artifacts = join(repoRoot, "test", "artifacts", "kernel");
  mkdirSync(artifacts, { recursive: true });
  return new Promise((resolve, reject) => {
    const outFile = join(artifacts, `replies-${process.pid}-${Date.now()}.json`);
    const child = spawn(jupyterPython(), ["-c", driver, JSON.stringify(cells), String(pauseS), outFile], {
      cwd,
      env: { ...jupyterEnv(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0)
        reject(
          new Error(
            `kernel driver exited ` +
              `with ${code}: ${Buffer.concat(err).toString("utf8").trim().split("\n").slice(-5).join("\n")}`,
          ),
        );
      else {
        const text = readFileSync(outFile, "utf8");
        rmSync(outFile, { force: true });
        try {
          resolve(JSON.parse(text) as CellReply[]);
        } catch (e) {
          reject(new Error(`kernel driver: unreadable output (${(e as Error).message}): ${text.slice(0, 3000)}`));
        }
      }
    });
  });
}
