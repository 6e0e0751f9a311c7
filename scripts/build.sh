#!/usr/bin/env bash
# Compiles src/ to build/ (CommonJS + .d.ts) for the tslab kernel, which cannot load .ts files outside a notebook's
# own folder (it type-checks with rootDir = the notebook's folder). build/ mirrors src/ at the same depth, so
# __dirname-relative paths behave the same in both. Every file under src/ that is not TypeScript (the fit's worker
# entry fit/worker.js, the site's assets, the nbextension) is copied to the same place, so the compiled library is
# complete: a module that starts a worker or copies an asset from __dirname finds it. Written whole or not at all:
# compiled to a temp dir, then swapped.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="build.tmp.$$"
trap 'rm -rf "$tmp"' EXIT
node_modules/.bin/tsc -p tsconfig.build.json --outDir "$tmp"
(cd src && find . -type f ! -name '*.ts' -print0) | while IFS= read -r -d '' f; do
  mkdir -p "$tmp/$(dirname "$f")"
  cp -p "src/$f" "$tmp/$f"
done
rm -rf build.old
if [ -d build ]; then mv build build.old; fi
mv "$tmp" build
rm -rf build.old
