#!/usr/bin/env bash
# Project-local Jupyter set-up, all under .jupyter/ (gitignored, recreated idempotently; nothing global):
#   .jupyter/share/jupyter/kernels/tslab         the tslab kernelspec: this checkout's scripts/tslab-kernel.sh, which
#                                                runs node_modules' tslab (scripts/tslab-kernel.js)
#   .jupyter/share/jupyter/nbextensions/speedrun-plotly   Notebook 6 renderer for Plotly outputs + plotly.min.js (offline)
#   .jupyter/etc/jupyter/nbconfig/notebook.json  enables that nbextension
# Jupyter finds them through JUPYTER_PATH and JUPYTER_CONFIG_PATH, set by scripts/jupyter-env.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
source scripts/jupyter-env.sh

if ! "$JUPYTER_PYTHON" -c "import jupyter_client, notebook, nbclient" 2>/dev/null; then
  echo "setup: $JUPYTER_PYTHON has no Jupyter; install the Debian packages jupyter-notebook jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel (or set JUPYTER_PYTHON to a Python that has notebook 6, nbclient and jupyter_client)" >&2
  exit 1
fi

prefix="$root/.jupyter"
kernel_json="$prefix/share/jupyter/kernels/tslab/kernel.json"
# The kernel command is tslab's CLI behind a small wrapper that installs the project's changes to tslab
# (scripts/tslab-kernel.js), started from the kernel's start-up snapshot when there is one (scripts/tslab-kernel.sh).
tslab_bin="$root/scripts/tslab-kernel.sh"
if ! grep -qF "\"$tslab_bin\"" "$kernel_json" 2>/dev/null; then
  echo "setup: registering the tslab kernel in $prefix"
  node_modules/.bin/tslab install --python="$JUPYTER_PYTHON" --binary="$tslab_bin" --prefix="$prefix" >/dev/null
fi
# The kernelspec must start this checkout's wrapper, by absolute path.
"$JUPYTER_PYTHON" - "$kernel_json" "$tslab_bin" <<'PY'
import json, sys
spec = json.load(open(sys.argv[1]))
if spec["argv"][0] != sys.argv[2] or spec["argv"][1:3] != ["kernel", "--config-path"]:
    sys.exit("setup: unexpected tslab kernel.json: %r" % spec["argv"])
PY

ext="$prefix/share/jupyter/nbextensions/speedrun-plotly"
mkdir -p "$ext" "$prefix/etc/jupyter/nbconfig"
for pair in "src/notebook/nbextension/main.js:main.js" "node_modules/plotly.js-dist-min/plotly.min.js:plotly.min.js"; do
  from="${pair%%:*}"; to="$ext/${pair##*:}"
  if ! cmp -s "$from" "$to"; then cp "$from" "$to.tmp" && mv -f "$to.tmp" "$to"; fi
done
echo '{"load_extensions": {"speedrun-plotly/main": true}}' > "$prefix/etc/jupyter/nbconfig/notebook.json"
