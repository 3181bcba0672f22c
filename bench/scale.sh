#!/usr/bin/env bash
# Speed at scale, side by side (issue 6; docs/performance.md). One command:
#   bench/scale.sh [runs=3] [customers="10000 100000 1000000"]
# For each size it makes the demo retailer's transactions with the project's generator (seed 7; about
# 8.6 rows per customer: ~86k, ~860k and ~8.6M rows), then, on the same file in the same run:
#   1. Kezhi's native CLI `score` (import → customer table → RFM → fits → every classification), wall
#      time and peak RSS from GNU time;
#   2. Kezhi in headless Chromium (bench/scale_browser.mjs): drop → views ready, stage times, longest
#      main-thread task, memory;
#   3. the Python pipeline (pandas + lifetimes) and 4. DuckDB's RFM aggregation (bench/python_pipeline.py);
# plus, for the largest size, the customer summary made by docs/warehouse.md's DuckDB SQL and scored by
# the CLI; and the bundle sizes and first paint (bench/first_paint.mjs). The largest size runs once
# (the Python pipeline takes minutes there). Prints the table (bench/scale_report.mjs); raw JSON in
# bench/out/scale/. Nothing here asserts a time.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
sizes=${2:-"10000 100000 1000000"}
out=bench/out/scale
mkdir -p "$out"
scripts/setup.sh --browser
if ! bench/.venv/bin/python -c 'import lifetimes, duckdb' 2>/dev/null; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q 'numpy==1.26.4' 'scipy==1.11.4' 'pandas==1.5.3' 'lifetimes==0.11.3' 'duckdb==1.1.3'
fi
cargo build --release --bin kezhi -q
scripts/build.sh >/dev/null 2>&1
k=target/release/kezhi
largest=$(echo $sizes | tr ' ' '\n' | sort -n | tail -1)

node bench/first_paint.mjs 5 > "$out/first_paint.json"
for n in $sizes; do
  tx="bench/out/demo_${n}.csv"
  [ -s "$tx" ] || "$k" demo --customers "$n" --seed 7 --out "$tx" >/dev/null
  r=$runs; [ "$n" = "$largest" ] && [ "$n" -ge 1000000 ] && r=1
  echo "== $n customers ($(du -h "$tx" | cut -f1)), $r run(s) each" >&2
  rows=$(($(wc -l < "$tx") - 1))
  {
    printf '{"rows": %s, "bytes": %s, "runs": [' "$rows" "$(stat -c %s "$tx")"
    for i in $(seq "$r"); do
      [ "$i" -gt 1 ] && printf ','
      /usr/bin/time -f '%e %M' -o "$out/time.txt" "$k" score "$tx" --json > "$out/cli.json"
      read -r wall rss < "$out/time.txt"
      printf '{"wall_s": %s, "max_rss_kb": %s, "stages_ms": %s}' "$wall" "$rss" "$(node -e 'const j=require(process.argv[1]);console.log(JSON.stringify({...j.stages_ms, ...Object.fromEntries(Object.entries(j.seconds).map(([a,b])=>[a,b*1000]))}))' "$PWD/$out/cli.json")"
    done
    printf ']}\n'
  } > "$out/native_${n}.json"
  echo "   native done" >&2
  node bench/scale_browser.mjs "$tx" "$r" > "$out/browser_${n}.json" || echo '{"runs": [{"error": "the benchmark script failed"}]}' > "$out/browser_${n}.json"
  echo "   chromium done" >&2
  bench/.venv/bin/python bench/python_pipeline.py "$tx" "$r" > "$out/python_${n}.json"
  echo "   python done" >&2
done
# The summary route for the largest file: docs/warehouse.md's DuckDB SQL, timed, then the CLI on it.
tx="bench/out/demo_${largest}.csv"; summary="bench/out/summary_${largest}.csv"
bench/.venv/bin/python - "$tx" "$summary" > "$out/summary_route.json" <<'PY'
import json, sys, time, pathlib
sys.path.insert(0, "tests/warehouse")
from summary_route import doc_sql
import duckdb
tx, summary = sys.argv[1], sys.argv[2]
s = time.perf_counter()
duckdb.connect().execute(doc_sql("DuckDB").replace("'transactions.csv'", f"'{tx}'").replace("'summary.csv'", f"'{summary}'"))
print(json.dumps({"duckdb_summary_s": time.perf_counter() - s, "summary_bytes": pathlib.Path(summary).stat().st_size}))
PY
/usr/bin/time -f '%e %M' -o "$out/time.txt" "$k" score "$summary" --json > /dev/null
read -r wall rss < "$out/time.txt"
node bench/scale_report.mjs
node -e 'const s=require(process.argv[1]);console.log(`\n-- summary route, ${process.argv[2]} customers: docs/warehouse.md DuckDB SQL ${s.duckdb_summary_s.toFixed(2)} s → ${(s.summary_bytes/1e6).toFixed(0)} MB summary; kezhi score on it ${process.argv[3]} s, peak RSS ${(process.argv[4]/1024).toFixed(0)} MB`)' "$PWD/$out/summary_route.json" "$largest" "$wall" "$rss"
