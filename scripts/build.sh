#!/usr/bin/env bash
# Compiles src/ to build/ (CommonJS + .d.ts) for the tslab kernel, which cannot load .ts files outside a notebook's
# own folder (it type-checks with rootDir = the notebook's folder). build/ mirrors src/ at the same depth, so
# __dirname-relative paths behave the same in both. Every file under src/ that is not TypeScript (the fit's worker
# entry fit/worker.js, the site's assets, the nbextension) is copied to the same place, so the compiled library is
# complete: a module that starts a worker or copies an asset from __dirname finds it. Written whole or not at all:
# compiled to a temp dir, then swapped.
set -euo pipefail
cd "$(dirname "$0")/.."
for a in "$@"; do
  case "$a" in
    --help|-h)
      cat <<'USAGE'
usage: npm run build -- [options]

Compiles src/ to build/ (CommonJS and .d.ts; notebooks import ../build) and copies the other files of src/ beside it.
Skips the compiler when build/ is current (its BUILD_STAMP matches src/ and the compiler settings); FORCE_BUILD=1
compiles anyway. Also builds the tslab kernel's start-up snapshot, .cache/kernel-snapshot/ (when node, tslab's
TypeScript or @types/node changed; KERNEL_SNAPSHOT=off removes it; see scripts/kernel-snapshot.js).
build/ is written whole: compiled to a temporary folder, then swapped in.

options:
  --help  print this help and exit
USAGE
      exit 0 ;;
    *) echo "Unknown option '$a'" >&2; echo >&2; echo "usage: npm run build -- [options]" >&2; exit 2 ;;
  esac
done
# build/SOURCE_HASH: the hash of the src/ tree build/ was compiled from (keys the analysis cache,
# src/analysis/io/analysisCache.ts, so notebooks on build/ and `npm start` on src/ share cached results);
# build/BUILD_STAMP adds the compiler settings and version. When both match, build/ is current and tsc is skipped
# (set FORCE_BUILD=1 to compile anyway).
# The tslab kernel's start-up snapshot (.cache/kernel-snapshot) has inputs of its own; it is checked every time.
# scripts/build-stamps.js computes every stamp in one node process (each `npm run <cli>` pays this check).
{ read -r source_hash; read -r stamp; read -r ts_js; read -r snapshot_inputs; } < <(node scripts/build-stamps.js)
bash scripts/build-kernel-snapshot.sh "$ts_js" "$snapshot_inputs"
if [ -z "${FORCE_BUILD:-}" ] && [ -f build/BUILD_STAMP ] && [ "$(cat build/BUILD_STAMP)" = "$stamp" ]; then
  exit 0
fi
tmp="build.tmp.$$"
trap 'rm -rf "$tmp"' EXIT
node_modules/.bin/tsc -p tsconfig.build.json --outDir "$tmp"
(cd src && find . -type f ! -name '*.ts' -print0) | while IFS= read -r -d '' f; do
  mkdir -p "$tmp/$(dirname "$f")"
  cp -p "src/$f" "$tmp/$f"
done
echo "$source_hash" > "$tmp/SOURCE_HASH"
echo "$stamp" > "$tmp/BUILD_STAMP"
rm -rf build.old
if [ -d build ]; then mv build build.old; fi
mv "$tmp" build
rm -rf build.old
