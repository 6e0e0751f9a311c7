# Sourced by every script that starts Jupyter: the Python that has Jupyter (Debian's, not the one first on PATH) and
# the project-local kernel, nbextension and config under .jupyter/.
_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JUPYTER_PYTHON="${JUPYTER_PYTHON:-/usr/bin/python3}"
export JUPYTER_PATH="$_repo/.jupyter/share/jupyter"
export JUPYTER_CONFIG_PATH="$_repo/.jupyter/etc/jupyter"
# Keep pydevd's "frozen modules" warning out of every Jupyter command's output.
export PYDEVD_DISABLE_FILE_VALIDATION=1
unset _repo
