#!/usr/bin/env node
// SHA-256 over every file under a folder (relative path with "/", byte length, bytes; sorted by path).
// scripts/build-stamps.js uses it before build/ exists, for scripts/build.sh to skip an up-to-date build and to stamp
// build/SOURCE_HASH; src/analysis/io/analysisCache.ts (hashSourceTree) requires this file, so src/ and build/ key the
// analysis cache with the same function.
// Usage: node scripts/hash-tree.js DIR
"use strict";
const { createHash } = require("node:crypto");
const { readdirSync, readFileSync } = require("node:fs");
const { join, relative, sep } = require("node:path");

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(join(dir, d.name)) : d.isFile() ? [join(dir, d.name)] : [],
  );
}

function hashTree(dir) {
  const h = createHash("sha256");
  const files = filesUnder(dir)
    .map((f) => relative(dir, f).split(sep).join("/"))
    .sort();
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    h.update(`${f}\0${bytes.length}\0`);
    h.update(bytes);
  }
  return h.digest("hex");
}

module.exports = { hashTree };
if (require.main === module) process.stdout.write(hashTree(process.argv[2]) + "\n");
