// Worker-thread entry of the chart renderer (renderFigurePng.ts starts it; renderEngine.ts does the work). Plain
// CommonJS on purpose, like src/fit/worker.js: next to the compiled library (build/notebook/) it loads the compiled
// renderEngine.js; next to the sources it registers tsx's CommonJS hook and loads renderEngine.ts.
// Messages in: {type: "prepare"} | {type: "warm", executablePath} | {type: "draw", id, request} | {type: "close", id}.
// Messages out: {id, png: Uint8Array} | {id, error: string} | {id, closed: true}.
"use strict";
const { parentPort } = require("node:worker_threads");
const { existsSync } = require("node:fs");
const { join } = require("node:path");

let engine;
if (existsSync(join(__dirname, "renderEngine.js"))) {
  engine = require("./renderEngine.js");
} else {
  require("tsx/cjs/api").register();
  engine = require("./renderEngine.ts");
}

parentPort.on("message", (message) => {
  if (message.type === "prepare") {
    engine.prepareEngine();
  } else if (message.type === "warm") {
    engine.warmEngine(message.executablePath);
  } else if (message.type === "draw") {
    engine.drawFigure(message.request).then(
      (png) => {
        const bytes = new Uint8Array(png); // a copy with its own buffer, moved (not copied again) to the caller
        parentPort.postMessage({ id: message.id, png: bytes }, [bytes.buffer]);
      },
      (error) => parentPort.postMessage({ id: message.id, error: String((error && error.message) || error) }),
    );
  } else if (message.type === "close") {
    engine.closeEngine().then(() => parentPort.postMessage({ id: message.id, closed: true }));
  }
});
