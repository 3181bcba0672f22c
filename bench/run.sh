#!/usr/bin/env bash
# Builds what the benchmark needs, then runs it: bench/run.sh [rows=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
cargo build --release --bin kezhi
scripts/build.sh
node bench/import_bench.mjs "${1:-1000000}"
