#!/usr/bin/env bash
# Behaviour unchanged? Builds `kezhi` at a base commit (default: HEAD, i.e. the last commit, so a
# work tree's changes are compared with it) and from the work tree, scores the same files with both
# and compares the scored CSVs byte for byte and the `--json` reports with their timings left out
# (keys ending in `_ms`, and `seconds`: wall-clock figures that differ from run to run).
#
#   scripts/same_output.sh [BASE_COMMIT]
#
# Files: the demo log (5,000 customers, written by the base binary), CDNOW (the transaction sample
# and the per-customer summary), every shop-system export fixture and the import fixtures that score.
# Exit 0 when everything is the same, 1 with the differing files listed otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
base="${1:-HEAD}"
work="$PWD/target/same_output"
rm -rf "$work/base_src" "$work/out"
mkdir -p "$work/out/base" "$work/out/now"
git worktree prune
git worktree add --detach -f "$work/base_src" "$base" >/dev/null
trap 'git worktree remove --force "$work/base_src" >/dev/null 2>&1 || true' EXIT

echo "building kezhi at $(git rev-parse --short "$base") and from the work tree…"
(cd "$work/base_src" && CARGO_TARGET_DIR="$work/target_base" cargo build -q --release --bin kezhi)
cargo build -q --release --bin kezhi
base_bin="$work/target_base/release/kezhi"
now_bin="$PWD/target/release/kezhi"

"$base_bin" demo --customers 5000 --out "$work/out/base/demo.csv" 2>/dev/null
"$now_bin" demo --customers 5000 --out "$work/out/now/demo.csv" 2>/dev/null

inputs=("$work/out/base/demo.csv" tests/fixtures/cdnow/CDNOW_sample.txt
        tests/fixtures/cdnow/cdnow_customers_summary.csv tests/fixtures/exports/*.csv
        tests/fixtures/exports/*.xlsx tests/fixtures/en_transactions.csv tests/fixtures/zh_gbk.csv
        tests/fixtures/eu_semicolon.csv tests/fixtures/transactions.xlsx tests/fixtures/summary.csv)

strip_timings() {
  python3 -c '
import json, sys
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if not (k.endswith("_ms") or k == "seconds")}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
text = sys.stdin.read()
if text.strip():
    print(json.dumps(strip(json.loads(text)), indent=1, sort_keys=True, ensure_ascii=False))'
}

different=()
compared=0
for input in "${inputs[@]}"; do
  name="$(basename "$input")"
  for lang in en zh; do
    for side in base now; do
      bin="$base_bin"; [ "$side" = now ] && bin="$now_bin"
      "$bin" score "$input" --lang "$lang" --json --out "$work/out/$side/$name.$lang.csv" 2>"$work/out/$side/$name.$lang.err" \
        | strip_timings >"$work/out/$side/$name.$lang.json" || true
    done
    for ext in csv json err; do
      b="$work/out/base/$name.$lang.$ext"; n="$work/out/now/$name.$lang.$ext"
      # A file that asks (an unclear date) writes no CSV on either side: the same.
      if [ ! -e "$b" ] && [ ! -e "$n" ]; then continue; fi
      compared=$((compared + 1))
      if ! cmp -s "$b" "$n"; then
        different+=("$name.$lang.$ext")
      fi
    done
  done
done
if ! cmp -s "$work/out/base/demo.csv" "$work/out/now/demo.csv"; then different+=("demo.csv (the demo log itself)"); fi

if [ ${#different[@]} -eq 0 ]; then
  echo "same output: $compared files (scored CSV, JSON report without timings, messages) for ${#inputs[@]} inputs in en and zh"
else
  echo "DIFFERENT (compare $work/out/base with $work/out/now):"
  printf '  %s\n' "${different[@]}"
  exit 1
fi
