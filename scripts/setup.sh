#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian/Ubuntu machine: system packages, npm packages, the project-local tslab kernel.
# Usage: scripts/setup.sh   (the same set-up serves `npm start` and `npm test`: the tests need Jupyter and Chromium too)
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(jupyter-notebook jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel chromium fonts-dejavu-core)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "setup: missing system packages (${missing[*]}) and no apt-get here: install Jupyter (notebook 6, nbconvert, nbclient, ipykernel) and Chromium by hand" >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "setup: run as root, or install: apt-get install ${missing[*]}" >&2; exit 1
    fi
  fi
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is absent or older than the lockfile. Never through a symlinked node_modules (a worktree
# sharing another checkout's install): npm ci would empty the shared target for everyone, and a fresh checkout's
# lockfile is always "newer" than it.
if [ -L node_modules ]; then
  if [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "setup: node_modules is a shared symlink; not running npm ci here" >&2
  fi
elif [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# The commit-msg hook (scripts/git-hooks: subjects under 72 characters, detail in the body) for commits made in this
# clone; a hooks path someone set already is left alone.
if git rev-parse --git-dir >/dev/null 2>&1 && [ -z "$(git config --get core.hooksPath || true)" ]; then
  git config core.hooksPath scripts/git-hooks
fi

# Compile the library for notebooks (build/) and register the project-local tslab kernel (.jupyter/).
bash scripts/build.sh
bash scripts/setup-jupyter.sh
