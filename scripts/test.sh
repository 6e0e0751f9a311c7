#!/usr/bin/env bash
# `npm test [-- pattern]`: set up what is missing, then run the tests (scripts/test.ts). --help (or a bad option) is
# answered by test.ts before the set-up, when tsx is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x node_modules/.bin/tsx ]; then
  for a in "$@"; do
    case "$a" in -*) exec node_modules/.bin/tsx scripts/test.ts "$@" ;; esac
  done
fi
bash scripts/setup.sh
node_modules/.bin/tsx scripts/test.ts "$@"
