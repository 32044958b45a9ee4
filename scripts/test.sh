#!/usr/bin/env bash
# The one test command: formatting, lint (with the layer rules), type-check, then every test, all on
# the project's Node runtime (scripts/runtime.sh), whichever Node started npm.
set -euo pipefail
cd "$(dirname "$0")/.."
PATH="$(bash scripts/runtime.sh):$PATH"
export PATH
echo "== prettier";  npx prettier --check . --log-level warn
echo "== eslint";    npx eslint --max-warnings=0 .
echo "== typecheck"
npx tsc -p tsconfig.node.json --noEmit
npx tsc -p tsconfig.web.json --noEmit
echo "== vitest";    npx vitest run "$@"
