#!/usr/bin/env bash
# The Node.js runtime Yizhan runs on: the LTS named in .node-version, taken from the npm registry's
# official build (node-linux-<arch>, the nodejs.org tarball repackaged, headers included) and kept in
# .runtime/node. Debian's own Node is older than a supported LTS. Idempotent; prints the bin folder.
# A fresh Debian has no npm at all: then the package is fetched with curl and checked against the
# registry's sha512 integrity, and npm itself (NPM_VERSION, the version package-lock.json was made
# with) is put beside that Node, so `npm ci` can run on it.
# Usage: scripts/runtime.sh            ensure it is there, print e.g. /repo/.runtime/node/bin
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
want="$(tr -d ' \n' < "$root/.node-version")"
NPM_VERSION=11.19.1
REGISTRY="${npm_config_registry:-https://registry.npmjs.org}"
REGISTRY="${REGISTRY%/}"
dir="$root/.runtime/node"
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "runtime: no Node.js build for $(uname -m)" >&2; exit 1 ;;
esac
node_ok() { [ -x "$dir/bin/node" ] && [ "$("$dir/bin/node" --version)" = "v$want" ]; }
npm_ok() { command -v npm >/dev/null || [ -x "$dir/bin/npm" ]; }
if node_ok && npm_ok; then
  echo "$dir/bin"
  exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# fetch NAME VERSION: the package tarball into $tmp/NAME.tgz, verified like npm verifies it.
fetch() {
  if command -v npm >/dev/null; then
    # npm pack checks the tarball against the registry's integrity hash before writing it.
    (cd "$tmp" && npm pack --silent "$1@$2" >/dev/null && mv "$1"-*.tgz "$1.tgz")
    return
  fi
  local meta tarball integrity
  meta="$(curl -fsSL "$REGISTRY/$1/$2")"
  tarball="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["dist"]["tarball"])' <<<"$meta")"
  integrity="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["dist"]["integrity"])' <<<"$meta")"
  curl -fsSL "$tarball" -o "$tmp/$1.tgz"
  [ "sha512-$(openssl dgst -sha512 -binary "$tmp/$1.tgz" | base64 -w0)" = "$integrity" ] ||
    { echo "runtime: $1@$2 does not match the registry's integrity hash" >&2; exit 1; }
}

if ! node_ok; then
  fetch "node-linux-$arch" "$want"
  rm -rf "$dir" && mkdir -p "$dir"
  tar -xzf "$tmp/node-linux-$arch.tgz" -C "$dir" --strip-components=1
  "$dir/bin/node" --version >/dev/null
fi
if ! npm_ok; then
  # The layout of the nodejs.org tarball: lib/node_modules/npm, with bin/npm and bin/npx beside node.
  fetch npm "$NPM_VERSION"
  mkdir -p "$dir/lib/node_modules/npm"
  tar -xzf "$tmp/npm.tgz" -C "$dir/lib/node_modules/npm" --strip-components=1
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$dir/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$dir/bin/npx"
fi
echo "$dir/bin"
