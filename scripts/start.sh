#!/usr/bin/env bash
# `npm start [-- options]`: set up what is missing, run the analysis (src/cli/main.ts, which gets the options), then
# publish the site. --help is answered before the set-up or any work.
set -euo pipefail
cd "$(dirname "$0")/.."
for a in "$@"; do
  if [ "$a" = "--help" ] || [ "$a" = "-h" ]; then
    if [ -x node_modules/.bin/tsx ]; then exec node_modules/.bin/tsx src/cli/main.ts --help; fi
    echo "usage: npm start -- [--data <dir>] [--out <dir>] [--fit-all-curves] [--options <file.json>] [--print-options] [--no-cache] [--help]"
    echo "Sets up what is missing, runs every analysis on data/speedrun into results/, then publishes site/."
    exit 0
  fi
done
bash scripts/setup.sh
node_modules/.bin/tsx src/cli/main.ts "$@"
node_modules/.bin/tsx src/cli/readme.ts
node_modules/.bin/tsx src/cli/publish.ts
