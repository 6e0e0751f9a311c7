#!/usr/bin/env bash
# `npm run notebook`: set up if needed, then open Notebook 6 with the project's tslab kernel, on the repository with the
# scratch/ folder (gitignored) in front: a new notebook lands there, never among the project's notebooks, so publishing
# and `npm start` (which run only notebooks/manifest.json's list) never run it. Extra arguments go to Jupyter
# (e.g. --no-browser --port 8899).
set -euo pipefail
cd "$(dirname "$0")/.."
for a in "$@"; do
  if [ "$a" = "--help" ] || [ "$a" = "-h" ]; then
    cat <<'USAGE'
usage: npm run notebook -- [jupyter options]

Sets up what is missing, then opens Jupyter Notebook 6 with the project's TypeScript (tslab) kernel, in scratch/
(your own notebooks, gitignored; `import { ... } from "../build"` works there as in notebooks/). The project's
notebooks are one folder up, in notebooks/; publishing and `npm start` run only those notebooks/manifest.json lists.
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
mkdir -p scratch
exec "$JUPYTER_PYTHON" -m notebook --notebook-dir="$PWD" --NotebookApp.default_url=/tree/scratch "${root_flag[@]}" "$@"
