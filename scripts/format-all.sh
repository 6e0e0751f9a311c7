#!/usr/bin/env bash
# Formats the whole code base once: prettier (printWidth 120, .prettierrc.json) on src, test, bench and scripts, then
# `eslint --fix` (removes eslint-disable comments that no longer suppress anything, and whatever else is auto-fixable).
# Meant to run once, after the branches that were open when the formatter was added are merged (issue 23), and then
# whenever `npm test` reports unformatted files. Prints what is left for the linter, if anything.
set -euo pipefail
cd "$(dirname "$0")/.."
node_modules/.bin/prettier --write --log-level warn src test bench scripts
node_modules/.bin/eslint --fix .
# eslint --fix may rewrap nothing but can shorten lines; a second prettier pass keeps the two in agreement.
node_modules/.bin/prettier --write --log-level warn src test bench scripts
node_modules/.bin/prettier --check --log-level warn src test bench scripts
echo "format-all: prettier and eslint pass"
