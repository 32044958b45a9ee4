#!/usr/bin/env bash
# The Node.js runtime Yizhan runs on: the LTS named in .node-version, taken from the npm registry's
# official build (node-linux-<arch>, the nodejs.org tarball repackaged, headers included) and kept in
# .runtime/node. Debian's own Node is older than a supported LTS. Idempotent; prints the bin folder.
# Usage: scripts/runtime.sh            ensure it is there, print e.g. /repo/.runtime/node/bin
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
want="$(tr -d ' \n' < "$root/.node-version")"
dir="$root/.runtime/node"
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "runtime: no Node.js build for $(uname -m)" >&2; exit 1 ;;
esac
if [ -x "$dir/bin/node" ] && [ "$("$dir/bin/node" --version)" = "v$want" ]; then
  echo "$dir/bin"
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# npm pack checks the tarball against the registry's integrity hash before writing it.
(cd "$tmp" && npm pack --silent "node-linux-$arch@$want" >/dev/null)
rm -rf "$dir" && mkdir -p "$dir"
tar -xzf "$tmp"/node-linux-*.tgz -C "$dir" --strip-components=1
"$dir/bin/node" --version >/dev/null
echo "$dir/bin"
