#!/usr/bin/env bash
# `npm run notebook`: set up if needed, then open Notebook 6 on notebooks/ with the project's tslab kernel.
# Extra arguments go to Jupyter (e.g. --no-browser --port 8899).
set -euo pipefail
cd "$(dirname "$0")/.."
for a in "$@"; do
  if [ "$a" = "--help" ] || [ "$a" = "-h" ]; then
    cat <<'USAGE'
usage: npm run notebook -- [jupyter options]

Sets up what is missing, then opens Jupyter Notebook 6 on notebooks/ with the project's TypeScript (tslab) kernel.
Every argument goes to Jupyter (e.g. --no-browser --port 8899); `python3 -m notebook --help` lists them.

options:
  --help  print this help and exit
USAGE
    exit 0
  fi
done
bash scripts/setup.sh
source scripts/jupyter-env.sh
root_flag=()
if [ "$(id -u)" -eq 0 ]; then root_flag=(--allow-root); fi  # Notebook 6 refuses to run as root otherwise (containers, CI)
exec "$JUPYTER_PYTHON" -m notebook --notebook-dir="$PWD/notebooks" "${root_flag[@]}" "$@"
