#!/usr/bin/env node
// The command the project's kernelspec runs: tslab's own CLI, with the library's error-output patch applied before
// the kernel starts (see src/notebook/kernelErrors.ts), so every cell, even one queued by "Run All", reports a
// failure as a Jupyter error output. If build/ is missing or the patch fails, tslab starts unpatched and says so.
"use strict";
const path = require("path");
// build/ carries source maps: stack traces in notebooks then point at src/*.ts lines, not compiled build/*.js.
process.setSourceMapsEnabled(true);
try {
  const patched = require(path.join(__dirname, "..", "build", "notebook", "kernelErrors.js")).installKernelErrorOutputs(true);
  if (!patched) console.error("tslab-kernel: unknown tslab version; errors stay on stderr only");
} catch (e) {
  console.error(`tslab-kernel: error outputs not installed (run scripts/build.sh): ${e && e.message}`);
}
require("tslab/dist/main.js").main();
