#!/usr/bin/env bash
# `npm test [-- pattern]`: set up what is missing, then run the tests (scripts/test.ts). --help (or a bad option) is
# answered by test.ts before the set-up, when tsx is installed. The runner and its workers load TypeScript through
# tsx's CommonJS hook alone (`node --require tsx/cjs`): the project is CommonJS, and tsx's command (a second node
# process) and its ESM loader (a loader thread) cost 0.3-0.5 s of CPU per process for nothing here.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x node_modules/.bin/tsx ]; then
  for a in "$@"; do
    case "$a" in -*) exec node --require tsx/cjs scripts/test.ts "$@" ;; esac
  done
fi
bash scripts/setup.sh
node --require tsx/cjs scripts/test.ts "$@"
