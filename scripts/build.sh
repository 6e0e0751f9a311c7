#!/usr/bin/env bash
# Compiles src/ to build/ (CommonJS + .d.ts) for the tslab kernel, which cannot load .ts files outside a notebook's
# own folder (it type-checks with rootDir = the notebook's folder). build/ mirrors src/ at the same depth, so
# __dirname-relative paths behave the same in both. Written whole or not at all: compiled to a temp dir, then swapped.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="build.tmp.$$"
trap 'rm -rf "$tmp"' EXIT
node_modules/.bin/tsc -p tsconfig.build.json --outDir "$tmp"
# The hash of the src/ tree this build was compiled from: keys the analysis cache (src/cli/analysisCache.ts), so
# notebooks (build/) and `npm start` (src/) share cached results while build/ is current.
node -e 'process.stdout.write(require(process.argv[1]).hashSourceTree("src") + "\n")' "./$tmp/cli/analysisCache.js" > "$tmp/SOURCE_HASH"
rm -rf build.old
if [ -d build ]; then mv build build.old; fi
mv "$tmp" build
rm -rf build.old
