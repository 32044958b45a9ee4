#!/usr/bin/env bash
# Set-up of a fresh Debian machine, as root or as a user with sudo: the Debian packages, the Node.js
# LTS the product runs on (.node-version, scripts/runtime.sh), then the npm dependencies installed and
# their native modules built under that Node. Idempotent. Usage: bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
RT="$(bash scripts/runtime.sh)"
echo "setup: Node.js $("$RT/node" --version) in ${RT%/bin}"
# npm itself runs on that Node (its engine checks then see the real runtime), and node-gyp builds the
# native modules against that Node's own headers (a machine's npmrc may name another nodedir).
export PATH="$RT:$PATH" npm_config_nodedir="${RT%/bin}" ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund --loglevel=error
echo "setup: done. Run the kiosk with: npx yizhan start    Run every test with: npm test"
