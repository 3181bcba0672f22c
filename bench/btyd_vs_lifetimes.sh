#!/usr/bin/env bash
# BG/NBD, Gamma-Gamma and Pareto/NBD fits, Kezhi's native CLI against Python's `lifetimes` 0.11.3, on
# the same customer summary (issue 3's figures; docs/performance.md).
#   bench/btyd_vs_lifetimes.sh [customers=100000] [runs=3]
# Makes the project's demo data with that many customers, scores it once to get the summary
# (frequency, recency, T, monetary_value, as both tools then read the same numbers), then times each
# tool's fits `runs` times (Pareto/NBD in lifetimes once: it takes minutes) and prints medians, ratios
# and the two log-likelihoods. The Python side lives in bench/.venv (made here; PyPI only).
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-100000}
runs=${2:-3}
out=bench/out
mkdir -p "$out"
if [ ! -x bench/.venv/bin/python ] || ! bench/.venv/bin/python -c 'import lifetimes' 2>/dev/null; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q 'numpy==1.26.4' 'scipy==1.11.4' 'pandas==1.5.3' 'lifetimes==0.11.3'
fi
cargo build --release --bin kezhi -q
k=target/release/kezhi
tx="$out/demo_${customers}.csv"
[ -s "$tx" ] || "$k" demo --customers "$customers" --seed 7 --out "$tx" >/dev/null
"$k" score "$tx" --out "$out/scored_${customers}.csv" >/dev/null 2>&1
summary="$out/summary_${customers}.csv"
# customer_id, frequency, recency, T, monetary_value: the first five columns of the scored file.
cut -d, -f1-5 "$out/scored_${customers}.csv" > "$summary"
for i in $(seq "$runs"); do
  "$k" score "$summary" --json > "$out/kezhi_run_$i.json"
done
bench/.venv/bin/python bench/btyd_lifetimes.py "$summary" "$runs" > "$out/lifetimes.json"
node - "$out" "$runs" <<'JS'
const fs = require('fs');
const [dir, runs] = [process.argv[2], +process.argv[3]];
const k = [...Array(runs).keys()].map(i => JSON.parse(fs.readFileSync(`${dir}/kezhi_run_${i + 1}.json`, 'utf8')));
const l = JSON.parse(fs.readFileSync(`${dir}/lifetimes.json`, 'utf8'));
const median = a => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const stage = key => median(k.map(r => r.stages_ms[key] / 1000));
console.log(`${l.customers} customers; medians of ${runs} runs (lifetimes Pareto/NBD: 1 run)`);
console.log('model        kezhi s   lifetimes s   ratio   LL kezhi          LL lifetimes      rel. diff');
for (const [name, key] of [['BG/NBD', 'bg_nbd'], ['Gamma-Gamma', 'gamma_gamma'], ['Pareto/NBD', 'pareto_nbd']]) {
  if (!l[key] || !k[0][key]) continue;
  const ks = stage(key), ls = l[key].seconds;
  const kl = k[0][key].log_likelihood, ll = l[key].log_likelihood;
  console.log(`${name.padEnd(12)} ${ks.toFixed(3).padStart(7)}   ${ls.toFixed(3).padStart(11)}   ${(ls / ks).toFixed(1).padStart(5)}×  ${kl.toFixed(4).padStart(16)}  ${ll.toFixed(4).padStart(16)}  ${((kl - ll) / Math.abs(ll)).toExponential(2)}`);
}
console.log(`Kezhi score, all stages: ${median(k.map(r => r.seconds.score)).toFixed(3)} s; stage medians (s): ` +
  Object.keys(k[0].stages_ms).map(s => `${s} ${stage(s).toFixed(3)}`).join(', '));
JS
