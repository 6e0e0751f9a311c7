#!/usr/bin/env node
// The command the project's kernelspec runs: tslab's own CLI, with the library's changes to tslab applied before the
// kernel starts (src/notebook/tslabPatches.ts, one module with every patch: declarations kept after a run-time error,
// stack frames at the cell's line, asynchronous errors fail the cell, DataFrames shown as tables, every failure a
// Jupyter error output), and once the kernel is up, in the project's
// notebooks folder, the chart renderer's browser is started. If build/ is missing or tslab is another version, tslab
// starts unchanged and says so on stderr.
"use strict";
const path = require("path");
// build/ carries source maps: stack traces in notebooks then point at src/*.ts lines, not compiled build/*.js.
process.setSourceMapsEnabled(true);
const build = path.join(__dirname, "..", "build", "notebook");
const tslabVersion = require("tslab/package.json").version;
let executor = null;
try {
  executor = require(path.join(build, "tslabPatches.js"));
  if (!executor.installKernelExecutor(tslabVersion)) {
    console.error(
      `tslab-kernel: tslab ${tslabVersion} is not the version the kernel changes were written for (1.0.22); ` +
        `cells run as tslab runs them`,
    );
    executor = null;
  }
} catch (e) {
  executor = null;
  console.error(`tslab-kernel: kernel changes not installed (run npm run build): ${e && e.message}`);
}
try {
  const patched = require(path.join(build, "tslabPatches.js")).installKernelErrorOutputs(true);
  if (!patched) console.error("tslab-kernel: unknown tslab version; errors stay on stderr only");
} catch (e) {
  console.error(`tslab-kernel: error outputs not installed (run npm run build): ${e && e.message}`);
}
require("tslab/dist/main.js").main();
// main() has run tslab's startKernel synchronously, which added tslab's own handlers (print to stderr only).
if (executor) {
  executor.takeOverAsyncErrorHandlers();
  executor.warmRendererInProjectNotebooks();
}
