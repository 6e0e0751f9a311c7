// Preloaded into every notebook kernel that executeNotebook starts (NODE_OPTIONS=--require, see
// src/notebook/kernelGuard.ts): a kernel ends when the runner that started it is gone, however the runner ended
// (kill -9 of its process group included). Jupyter starts kernels in a session of their own, so a signal to the
// runner's group never reaches them; issue 21 found 7 tslab kernels alive 17-21 minutes after ten killed runs.
//
// A worker thread polls the parent's pid: a cell in an endless loop blocks the kernel's own event loop, never the
// worker's. When the parent changes (the kernel was re-parented to init or a subreaper), the worker kills the kernel's
// descendants (the chart renderer's browser), then the kernel itself. Child Node processes that inherit the preload
// watch their own parent the same way. Plain JS: it runs before any TypeScript loader.
"use strict";
const { isMainThread, Worker } = require("worker_threads");

if (isMainThread && process.env.SPEEDRUN_KERNEL_GUARD !== "off") {
  const code = `
const fs = require("fs");
const { workerData } = require("worker_threads");
const { pid, parent, pollMs } = workerData;
/** Every descendant of root, from /proc (children before the root is killed, so none is re-parented away first). */
function descendants(root) {
  const children = new Map();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync("/proc/" + name + "/stat", "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {}
  }
  const out = [];
  const stack = [root];
  while (stack.length > 0) for (const c of children.get(stack.pop()) || []) { out.push(c); stack.push(c); }
  return out;
}
setInterval(() => {
  if (process.ppid === parent) return;
  const why = "kernel-guard: the process that started this kernel (pid " + parent + ") is gone; stopping the kernel\\n";
  try { fs.writeSync(2, why); } catch {}
  for (const p of descendants(pid)) { try { process.kill(p, "SIGKILL"); } catch {} }
  process.kill(pid, "SIGKILL");
}, pollMs);
`;
  try {
    // The parent as the kernel's launcher saw it (scripts/tslab-kernel.sh): a kernel started from the start-up snapshot
    // runs this preload only after the snapshot is loaded (1-3 s on a loaded machine), when its parent may be gone
    // already; process.ppid would then name init. Removed here, so the kernel's own children watch their own parent.
    const launched = Number(process.env.SPEEDRUN_KERNEL_PARENT);
    delete process.env.SPEEDRUN_KERNEL_PARENT;
    const parent = Number.isInteger(launched) && launched > 0 ? launched : process.ppid;
    const workerData = { pid: process.pid, parent, pollMs: 500 };
    const worker = new Worker(code, { eval: true, workerData, execArgv: [], env: {} });
    worker.unref();
    worker.on("error", () => undefined);
  } catch {
    // No worker threads: the runner's own guard (executeNotebook) still kills the kernel when the runner ends normally.
  }
}
