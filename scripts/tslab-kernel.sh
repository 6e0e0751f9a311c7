#!/bin/sh
# The command of the project's kernelspec (.jupyter/share/jupyter/kernels/tslab/kernel.json): scripts/tslab-kernel.js,
# started from the kernel's start-up snapshot (.cache/kernel-snapshot, built by scripts/build.sh; see
# scripts/kernel-snapshot.js) when it fits, else started plainly. A snapshot loads only in the node binary that built
# it (path, size and mtime in NODE) and with the V8 settings it was built with: its heap limit (HEAP_MB, the runner's
# default kernel memory limit) and no other V8 flag in NODE_OPTIONS (preloads are fine). So a kernel started from it
# has that heap limit, as one started by executeNotebook with the default limit has anyway.
set -f
dir="$(cd "$(dirname "$0")" && pwd)"
snap="$dir/../.cache/kernel-snapshot"
node="$(command -v node)"

fits() {
  [ -f "$snap/kernel.blob" ] && [ -f "$snap/HEAP_MB" ] || return 1
  [ "$(cat "$snap/NODE" 2>/dev/null)" = "$node $(stat -L -c '%s %Y' "$node")" ] || return 1
  skip=""
  for w in ${NODE_OPTIONS:-}; do
    if [ -n "$skip" ]; then skip=""; continue; fi
    case "$w" in
      --require | -r) skip=1 ;;
      --require=*) ;;
      "--max-old-space-size=$(cat "$snap/HEAP_MB")") ;;
      *) return 1 ;;
    esac
  done
}

# The kernel's parent, for scripts/kernel-guard.js (preloaded by the notebook runner), before node starts.
export SPEEDRUN_KERNEL_PARENT="$PPID"
if fits; then
  heap="--max-old-space-size=$(cat "$snap/HEAP_MB")"
  exec "$node" "$heap" --snapshot-blob "$snap/kernel.blob" "$dir/tslab-kernel.js" "$@"
fi
exec "$node" "$dir/tslab-kernel.js" "$@"
