#!/usr/bin/env bash
# `npm start [-- options]`: set up what is missing, run the analysis (src/cli/main.ts compiled to build/, which gets the
# options), then publish the site. --help is answered before the set-up or any work.
set -euo pipefail
cd "$(dirname "$0")/.."
for a in "$@"; do
  if [ "$a" = "--help" ] || [ "$a" = "-h" ]; then
    if [ -x node_modules/.bin/tsx ]; then exec node --require tsx/cjs src/cli/main.ts --help; fi
    echo "usage: npm start -- [--data <dir>] [--out <dir>] [--fit-all-curves] [--options <file.json>] [--print-options] [--no-cache] [--help]"
    echo "Sets up what is missing, runs every analysis on data/speedrun into results/, then publishes site/."
    exit 0
  fi
done
bash scripts/setup.sh
# The compiled library (setup.sh leaves build/ current): plain Node starts in ~0.1 s where tsx takes ~0.5 s, and the
# analysis cache is shared with the notebooks (build/SOURCE_HASH).
node --enable-source-maps build/cli/main.js "$@"
node --enable-source-maps build/cli/readme.js
node --enable-source-maps build/cli/publish.js
