#!/usr/bin/env bash
# Command 2: install what is missing, run every test (native cargo tests, then the browser tests
# against a release build), and end with one line "N passed, M failed". Exits non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser || exit 1
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
mkdir -p target/test-logs
passed=0; failed=0; status=0

echo "== native: cargo test --workspace (the engine crate and the app)"
cargo test --workspace 2>&1 | tee target/test-logs/cargo.log
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
while read -r p f; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1 \2/p' target/test-logs/cargo.log)

echo "== layout: scripts/deps.sh (no stage of the flow uses a later one)"
if scripts/deps.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

# The warehouse tests (docs/warehouse.md): the DuckDB route, the PostgreSQL and Spark SQL blocks
# against DuckDB's, and scoring inside Spark. Each prints TAP-like lines; one that reports nothing fails.
for t in summary_route sql_dialects spark_transform; do
  echo "== warehouse: tests/warehouse/$t.py"
  tests/.venv/bin/python "tests/warehouse/$t.py" 2>&1 | grep -v ' WARN ' | tee "target/test-logs/warehouse_$t.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  p=$(grep -c '^ok - ' "target/test-logs/warehouse_$t.log" || true); f=$(grep -c '^not ok - ' "target/test-logs/warehouse_$t.log" || true)
  passed=$((passed + p)); failed=$((failed + f))
  [ "$p" -gt 0 ] || { echo "tests/warehouse/$t.py did not report"; failed=$((failed + 1)); status=1; }
done

echo "== build: trunk build --release"
if scripts/build.sh 2>&1 | tee target/test-logs/trunk.log | grep -E 'error|ERROR|success'; [ "${PIPESTATUS[0]}" -eq 0 ]; then
  echo "== browser: node --test tests/e2e (Debian Chromium via playwright-core)"
  node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
       --test-reporter=tap --test-reporter-destination=target/test-logs/e2e.tap tests/e2e/*.test.mjs
  [ $? -eq 0 ] || status=1
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' target/test-logs/e2e.tap | tail -1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' target/test-logs/e2e.tap | tail -1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  [ -n "$p" ] || { echo "browser tests did not report"; failed=$((failed + 1)); status=1; }
else
  echo "the release build failed: browser tests not run"; failed=$((failed + 1)); status=1
fi
[ "$failed" -eq 0 ] || status=1
echo "Screenshots: tests/e2e/screenshots/"
echo "$passed passed, $failed failed"
exit $status
