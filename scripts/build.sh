#!/usr/bin/env bash
# Release build of the static site into dist/ (offline; binaryen's wasm-opt from node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release "$@"
