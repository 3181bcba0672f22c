#!/usr/bin/env bash
# Fits on degenerate data, bounded (issue 26; docs/performance.md). One command:
#   bench/degenerate.sh [customers=100000] [limit_ms=2000]
# Writes the corpus of bench/degenerate.py (Poisson purchases, one-time buyers, one day, identical
# spends, huge spends, one customer) and scores each file with the native CLI, printing per file the
# time of each fit (BG/NBD, Pareto/NBD, Gamma-Gamma), how each search ended, and the verdict. Exits 1
# when a fit took longer than limit_ms: the bound is asserted here, by the benchmark, and not by a
# timed test in the suite (crates/kezhi-engine/tests/scoring_degenerate.rs asserts the verdicts).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
limit=${2:-2000}
out=bench/out/degenerate_$n
python3 bench/degenerate.py "$out" "$n"
cargo build --release --bin kezhi -q
status=0
printf '%-13s %8s %9s %10s %9s  %-44s %s\n' file customers "BG/NBD ms" "Pareto ms" "G-G ms" "ended (BG/NBD · Pareto/NBD · G-G)" verdict
for f in "$out"/*.csv; do
  target/release/kezhi score "$f" --json > "$out/score.json"
  node -e '
    const j = require(process.argv[1]); const s = j.stages_ms; const limit = Number(process.argv[3]);
    const ended = (f) => (f ? (typeof f.outcome === "string" ? f.outcome : Object.keys(f.outcome)[0]) : "none");
    const worst = Math.max(s.bg_nbd, s.pareto_nbd, s.gamma_gamma);
    const line = [process.argv[2].padEnd(13), String(j.customers).padStart(9), s.bg_nbd.toFixed(0).padStart(9), s.pareto_nbd.toFixed(0).padStart(10), s.gamma_gamma.toFixed(0).padStart(9),
      " " + [ended(j.bg_nbd), ended(j.pareto_nbd), ended(j.gamma_gamma)].join(" · ").padEnd(44), j.verdict];
    console.log(line.join(" "));
    for (const l of j.report.slice(1)) console.log("    " + l);
    if (worst > limit) { console.log(`    !! a fit took ${worst.toFixed(0)} ms, over ${limit} ms`); process.exit(1); }
  ' "$PWD/$out/score.json" "$(basename "$f" .csv)" "$limit" || status=1
done
exit $status
