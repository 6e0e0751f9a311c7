// Worker-thread entry for multi-start and bootstrap fits. Plain CommonJS on purpose: it must start from plain Node
// whatever loaded the parent (tsx in the CLI and mocha, tslab's own transpiler in notebooks). Next to the compiled
// library (build/fit/, copied there by scripts/build.sh) it loads the compiled runTask.js; next to the sources
// (src/fit/) it registers tsx's CommonJS hook and loads runTask.ts. Protocol (see pool.ts): the parent posts a task on
// `port` and blocks in Atomics.wait on `flag`; the worker posts the result on the port, then sets flag[0] = 1.
"use strict";
const { workerData } = require("node:worker_threads");

const { port, flag } = workerData;
let runTask = null;
let load = null;
try {
  if (require("node:fs").existsSync(require("node:path").join(__dirname, "runTask.js"))) {
    runTask = require("./runTask.js").runTask;
    load = (name) => require(`./${name}.js`);
  } else {
    require("tsx/cjs/api").register();
    runTask = require("./runTask.ts").runTask;
    load = (name) => require(`./${name}.ts`);
  }
  port.postMessage({ ok: true, ready: true });
} catch (error) {
  port.postMessage({ ok: false, error: String((error && error.stack) || error) });
}
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);

// If this thread dies (process.exit in a dependency, an uncaught error), wake the blocked parent instead of leaving it
// waiting: it finds no reply and redoes this share itself.
process.on("exit", () => {
  Atomics.store(flag, 0, 2);
  Atomics.notify(flag, 0);
});

port.on("message", (task) => {
  let reply;
  try {
    // A batch of whole fits (fitBatch.ts) loads the fitting engine on first use; the rest are solver tasks.
    reply = { ok: true, result: task.kind === "fitBatch" ? load("fitBatch").runFitBatch(task) : runTask(task) };
  } catch (error) {
    reply = { ok: false, error: String((error && error.stack) || error) };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
