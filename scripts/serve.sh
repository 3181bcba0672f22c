#!/usr/bin/env bash
# Command 1: install what is missing, build the release site, serve it at http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec node scripts/serve.mjs dist "${PORT:-8080}" 127.0.0.1
