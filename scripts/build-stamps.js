#!/usr/bin/env node
// What scripts/build.sh compares to decide whether build/ and the kernel's start-up snapshot are current, computed in
// one node process (this was three: one for tslab's typescript.js path, one for the source hash, and shell pipelines;
// each `npm run <cli>` pays this check). Prints four lines:
//   1. the hash of the src/ tree (build/SOURCE_HASH; scripts/hash-tree.js, as the analysis cache computes it)
//   2. build/BUILD_STAMP: that hash and a SHA-256 over tsconfig.json, tsconfig.build.json and TypeScript's
//      package.json (the compiler settings and version)
//   3. the real path of tslab's TypeScript (typescript.js), which the snapshot is built from
//   4. the snapshot's own inputs: typescript.js's size and mtime (seconds), and a SHA-256 over the snapshot builder,
//      @types/node's and tslab's package.json
// Usage: node scripts/build-stamps.js
"use strict";
const { createHash } = require("node:crypto");
const { readFileSync, realpathSync, statSync } = require("node:fs");
const { dirname, join } = require("node:path");
const { hashTree } = require("./hash-tree.js");

const root = join(__dirname, "..");

/** SHA-256 (hex) of the files' bytes one after the other, as `cat FILES | sha256sum` gives it (paths from the root). */
function sha256Of(files) {
  const h = createHash("sha256");
  for (const f of files) h.update(readFileSync(join(root, f)));
  return h.digest("hex");
}

const sourceHash = hashTree(join(root, "src"));
const compiler = sha256Of(["tsconfig.json", "tsconfig.build.json", "node_modules/typescript/package.json"]);
const buildStamp = `${sourceHash} ${compiler}`;
const tsJs = realpathSync(
  require.resolve("@tslab/typescript-for-tslab", { paths: [dirname(require.resolve("tslab/dist/converter.js"))] }),
);
const ts = statSync(tsJs);
const snapshotInputs = `${ts.size} ${Math.floor(ts.mtimeMs / 1000)} ${sha256Of([
  "scripts/kernel-snapshot.js",
  "node_modules/@types/node/package.json",
  "node_modules/tslab/package.json",
])}`;
process.stdout.write(`${sourceHash}\n${buildStamp}\n${tsJs}\n${snapshotInputs}\n`);
