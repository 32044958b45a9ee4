#!/usr/bin/env bash
# Set-up of a fresh Debian machine, as root or as a user with sudo: the Debian packages with the
# spooler and its PDF queue, the Node.js LTS the product runs on (.node-version, scripts/runtime.sh),
# the npm dependencies installed and their native modules built under that Node, then the product's
# bundles (scripts/bundle.mjs), so every `yizhan` command starts like a compiled tool. Idempotent.
# Usage: bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
RT="$(bash scripts/runtime.sh)"
echo "setup: Node.js $("$RT/node" --version) in ${RT%/bin}"
# npm itself runs on that Node (its engine checks then see the real runtime), and node-gyp builds the
# native modules against that Node's own headers, whatever nodedir a machine's ~/.npmrc names.
export PATH="$RT:$PATH" npm_config_nodedir="${RT%/bin}" ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund --loglevel=error
node scripts/bundle.mjs | sed 's/^bundle:/setup: bundles in/'
# npm links the bins of dependencies only; this makes `npx yizhan` find the project's own command at
# once (without it npx reads the whole dependency tree first, about a second) and lets a technician
# put node_modules/.bin on PATH.
ln -sfn ../../bin/yizhan.mjs node_modules/.bin/yizhan
echo "setup: done. Run the kiosk with: npx yizhan start    Run every test with: npm test"
