#!/usr/bin/env bash
# Formats the whole code base: prettier (printWidth 120, .prettierrc.json) on src, test, bench and scripts, and
# `eslint --fix` (it removes eslint-disable comments that no longer suppress anything, and whatever else is
# auto-fixable). Meant to run once after the branches open when the formatter was added are merged (issue 23), and
# whenever `npm test` reports unformatted files. Ends with the checks `npm test` runs; exits non-zero if one fails.
set -euo pipefail
cd "$(dirname "$0")/.."
prettier=node_modules/.bin/prettier
eslint=node_modules/.bin/eslint
"$prettier" --write --log-level warn src test bench scripts
# Problems --fix cannot fix are reported by the final check below.
"$eslint" --fix . >/dev/null || true
# eslint --fix can leave a blank line where it removed a comment: prettier has the last word on layout.
"$prettier" --write --log-level warn src test bench scripts
"$prettier" --check --log-level warn src test bench scripts
"$eslint" --max-warnings 0 .
echo "format-all: prettier --check and eslint pass"
