#!/usr/bin/env bash
# The route past one machine, measured in one run (docs/warehouse.md; figures in docs/performance.md):
#   bench/warehouse.sh [transactions.csv]   (default: the demo retailer, 100,000 customers, ~860k rows)
# The summary SQL on DuckDB, PostgreSQL and Spark; `kezhi score --model` streaming 1M and 10M customers
# beside lifetimes; a fit on a sample against the fit on everyone. See bench/warehouse.py.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
if ! bench/.venv/bin/python -c 'import lifetimes, duckdb, numpy' 2>/dev/null; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q 'numpy==1.26.4' 'scipy==1.11.4' 'pandas==1.5.3' 'lifetimes==0.11.3' 'duckdb==1.1.3'
fi
cargo build --release --bin kezhi -q
mkdir -p bench/out
tx=${1:-bench/out/demo_100000.csv}
[ -s "$tx" ] || target/release/kezhi demo --customers 100000 --seed 7 --out "$tx" >/dev/null
tests/.venv/bin/python bench/warehouse.py "$tx" 2> >(grep -v ' WARN ' >&2)
