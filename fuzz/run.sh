#!/usr/bin/env bash
# Runs every fuzz target for the given seconds each (default 300), one after another, keeping the
# corpus under fuzz/corpus/<target>, and prints per target: executions, coverage (libFuzzer's `cov`
# edges and `ft` features), corpus size, and whether it crashed. Crashes land in fuzz/artifacts/.
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP=1 lets the machine's stable rustc accept them.
# Usage: fuzz/run.sh [seconds] [target...]
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-300}; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(delimited column_roles workbook dates amounts)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O >/dev/null 2>&1 || { echo "fuzz build failed"; exit 1; }
mkdir -p logs
status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  cargo fuzz run -O "$t" "corpus/$t" -- -max_total_time="$secs" -max_len=16384 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 > "logs/$t.log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t.log" | tail -1)
  line=$(grep -E '^#[0-9]+' "logs/$t.log" | grep -E 'cov:' | tail -1)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$line"); ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$line")
  printf '%-10s %12s execs  cov %6s  ft %7s  corpus %5s files  %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$(ls "corpus/$t" | wc -l)" "$([ $rc -eq 0 ] && echo ok || echo "CRASHED (rc $rc, see logs/$t.log)")"
  [ $rc -eq 0 ] || status=1
done
exit $status
