#!/usr/bin/env bash
# Builds the tslab kernel's start-up snapshot, .cache/kernel-snapshot/kernel.blob (scripts/kernel-snapshot.js), when
# it is missing or was built from other inputs: this node binary, tslab's typescript.js, @types/node, the builder.
# Called by scripts/build.sh, with two arguments (below). Written whole or not at all; on failure the kernel starts
# without it (scripts/tslab-kernel.sh), so a failure is a warning, never an error. KERNEL_SNAPSHOT=off removes it.
# A snapshot loads only with the V8 heap limit it was built with: that of the kernels executeNotebook starts by default
# (DEFAULT_KERNEL_MEMORY_MB, src/notebook/kernelGuard.ts; a test checks they agree), which tslab-kernel.sh also gives a
# kernel started from it by a Jupyter front end.
heap_mb=4096
set -euo pipefail
cd "$(dirname "$0")/.."
out=".cache/kernel-snapshot"
if [ "${KERNEL_SNAPSHOT:-}" = "off" ]; then rm -rf "$out"; exit 0; fi
# Arguments (lines 3 and 4 of scripts/build-stamps.js): tslab's typescript.js, and its size, mtime and the hash of the
# builder, @types/node's and tslab's package.json.
ts_js="$1"
inputs="$2"
node_bin="$(command -v node)"
node_id="$node_bin $(stat -L -c '%s %Y' "$node_bin")"
stamp="$node_id $heap_mb $PWD $inputs"
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
