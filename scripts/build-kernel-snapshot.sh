#!/usr/bin/env bash
# Builds the tslab kernel's start-up snapshot, .cache/kernel-snapshot/kernel.blob (scripts/kernel-snapshot.js), when
# it is missing or was built from other inputs: this node binary, tslab's typescript.js, @types/node, the builder.
# Called by scripts/build.sh. Written whole or not at all; on failure the kernel starts without it
# (scripts/tslab-kernel.sh), so a failure is a warning, never an error. KERNEL_SNAPSHOT=off removes it.
# A snapshot loads only with the V8 heap limit it was built with: that of the kernels executeNotebook starts by default
# (DEFAULT_KERNEL_MEMORY_MB, src/notebook/kernelGuard.ts; a test checks they agree), which tslab-kernel.sh also gives a
# kernel started from it by a Jupyter front end.
heap_mb=4096
set -euo pipefail
cd "$(dirname "$0")/.."
out=".cache/kernel-snapshot"
if [ "${KERNEL_SNAPSHOT:-}" = "off" ]; then rm -rf "$out"; exit 0; fi
node_bin="$(command -v node)"
node_id="$node_bin $(stat -L -c '%s %Y' "$node_bin")"
ts_js="$(node -p 'require("fs").realpathSync(require.resolve("@tslab/typescript-for-tslab",
  { paths: [require("path").dirname(require.resolve("tslab/dist/converter.js"))] }))')"
inputs="$(cat scripts/kernel-snapshot.js node_modules/@types/node/package.json node_modules/tslab/package.json |
  sha256sum | cut -d' ' -f1)"
stamp="$node_id $heap_mb $PWD $(stat -c '%s %Y' "$ts_js") $inputs"
if [ -f "$out/kernel.blob" ] && [ -f "$out/HEAP_MB" ] && [ "$(cat "$out/STAMP" 2>/dev/null)" = "$stamp" ] &&
  [ "$(cat "$out/NODE" 2>/dev/null)" = "$node_id" ]; then
  exit 0
fi
mkdir -p "$out"
tmp="$(mktemp "$out/kernel.blob.tmp.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
# Node warns that "vm" is not verified in snapshot builders; the builder uses it only to evaluate typescript.js.
if ! log="$(node --max-old-space-size="$heap_mb" --snapshot-blob "$tmp" --build-snapshot \
  scripts/kernel-snapshot.js "$ts_js" 2>&1)"; then
  echo "build: the kernel's start-up snapshot was not built (kernels start without it):" >&2
  echo "$log" | tail -5 >&2
  rm -rf "$out"
  exit 0
fi
rm -f "$out/NODE" "$out/HEAP_MB"
mv -f "$tmp" "$out/kernel.blob"
echo "$heap_mb" > "$out/HEAP_MB"
echo "$stamp" > "$out/STAMP"
echo "$node_id" > "$out/NODE"
