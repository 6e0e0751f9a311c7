#!/usr/bin/env bash
# `npm start [-- options]`: set up what is missing, run the analysis (src/cli/main.ts, which gets the options), then
# publish the site. --help (or a bad option) is answered by main.ts before the set-up or any work, when tsx is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x node_modules/.bin/tsx ]; then
  for a in "$@"; do
    if [ "$a" = "--help" ] || [ "$a" = "-h" ]; then exec node_modules/.bin/tsx src/cli/main.ts --help; fi
  done
fi
bash scripts/setup.sh
node_modules/.bin/tsx src/cli/main.ts "$@"
node_modules/.bin/tsx src/cli/publish.ts
