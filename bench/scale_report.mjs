// Prints bench/scale.sh's table from the JSON it left in bench/out/scale/ (no measuring here).
//   node bench/scale_report.mjs
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root, median } from './common.mjs';

const dir = join(root, 'bench', 'out', 'scale');
const read = (f) => (existsSync(join(dir, f)) ? JSON.parse(readFileSync(join(dir, f), 'utf8')) : null);
const sizes = readdirSync(dir).map((f) => f.match(/^native_(\d+)\.json$/)?.[1]).filter(Boolean).map(Number).sort((a, b) => a - b);
const s = (ms) => (ms == null ? '—' : (ms / 1000).toFixed(2));
const mb = (b) => (b == null ? '—' : (b / 1e6).toFixed(0));
const med = (xs) => (xs.length ? median(xs) : null);

console.log('\n== Speed at scale (bench/scale.sh); seconds are medians of the runs shown');
console.log('customers   rows        MB    kezhi CLI  Chromium ready  python pipeline  duckdb RFM   python/Chromium  CLI/duckdb');
for (const n of sizes) {
  const nat = read(`native_${n}.json`), br = read(`browser_${n}.json`), py = read(`python_${n}.json`);
  const ok = br ? br.runs.filter((r) => !r.error) : [];
  const cli = med(nat.runs.map((r) => r.wall_s * 1000));
  const ready = med(ok.map((r) => r.ready_ms));
  const pyt = py ? med(py.pipeline.map((t) => t.total * 1000)) : null;
  const duck = py ? med(py.duckdb_rfm.map((t) => t * 1000)) : null;
  const ratio = (a, b) => (a && b ? (a / b).toFixed(1) + '×' : '—');
  console.log(`${String(n).padEnd(11)} ${String(nat.rows).padEnd(11)} ${mb(nat.bytes).padStart(4)}  ${s(cli).padStart(9)}  ${(ok.length ? s(ready) : 'failed').padStart(14)}  ${s(pyt).padStart(15)}  ${s(duck).padStart(10)}   ${ratio(pyt, ready).padStart(15)}  ${ratio(cli, duck).padStart(10)}   (runs: CLI ${nat.runs.length}, Chromium ${ok.length}/${br ? br.runs.length : 0}, python ${py ? py.pipeline.length : 0})`);
}
for (const n of sizes) {
  const br = read(`browser_${n}.json`), py = read(`python_${n}.json`), nat = read(`native_${n}.json`);
  console.log(`\n-- ${n} customers (${nat.rows} rows)`);
  console.log(`kezhi CLI: wall ${nat.runs.map((r) => r.wall_s.toFixed(2)).join(' / ')} s; peak RSS ${nat.runs.map((r) => mb(r.max_rss_kb * 1024)).join(' / ')} MB; stages (ms, first run): ${JSON.stringify(nat.runs[0].stages_ms, (k, v) => (typeof v === 'number' ? Math.round(v) : v))}`);
  if (br) for (const [i, r] of br.runs.entries()) {
    if (r.error) { console.log(`Chromium run ${i + 1}: FAILED — ${r.error} (RSS idle ${mb(r.chromium_rss_idle)} MB, peak ${mb(r.chromium_rss_peak)} MB)`); continue; }
    const st = { ...r.import, ...r.score };
    const names = ['read', 'decode', 'parse', 'table', 'rfm', 'bg_nbd', 'pareto_nbd', 'model_checks', 'gamma_gamma', 'customers', 'group_models', 'frameworks'];
    const after = ['pareto_nbd', 'model_checks'];
    console.log(`Chromium run ${i + 1}: views ready ${s(r.ready_ms)} s = ${names.filter((k) => !after.includes(k)).map((k) => `${k} ${Math.round(st[k] ?? 0)}`).join(' + ')} + render ${Math.round(r.render_ms)} ms (+ messages); ` +
      `comparison and checks at ${s(r.checks_ms)} s (${after.map((k) => `${k} ${Math.round(st[k] ?? 0)}`).join(' + ')} ms); ` +
      `longest main-thread task ${Math.round(r.longest_task_ms)} ms${r.longest_idle_task_ms ? ` (${Math.round(r.longest_idle_task_ms)} ms while waiting for the file)` : ''} (largest message ${r.largest_message ? `${mb(r.largest_message.bytes)} MB, decoded in ${Math.round(r.largest_message.decode_ms)} ms, handled in ${Math.round(r.largest_message.handle_ms)} ms` : '—'}); worker wasm ${mb(r.worker_wasm_bytes)} MB, page JS heap ${mb(r.page_js_heap_bytes)} MB, Chromium RSS ${mb(r.chromium_rss_idle)} → peak ${mb(r.chromium_rss_peak)} MB`);
  }
  if (py) {
    const keys = Object.keys(py.pipeline[0] || {});
    console.log(`python (pandas 1.5.3, lifetimes 0.11.3): ${keys.map((k) => `${k} ${med(py.pipeline.map((t) => t[k])).toFixed(2)}`).join(', ')} s; duckdb RFM ${py.duckdb_rfm.map((t) => t.toFixed(2)).join(' / ')} s`);
  }
}
const fp = read('first_paint.json');
if (fp) {
  const total = fp.files.reduce((a, f) => a + f.gzip, 0);
  console.log(`\n-- bundle (dist/): ${fp.files.map((f) => `${f.file} ${(f.bytes / 1024).toFixed(0)} KB raw, ${(f.gzip / 1024).toFixed(0)} KB gz`).join('; ')}; all ${(total / 1024).toFixed(0)} KB gz (${total.toLocaleString('en-US')} bytes; 1 MiB is 1,048,576)`);
  console.log(`-- empty page, cold profile (${fp.loads.length} loads): first contentful paint median ${med(fp.loads.map((l) => l.fcp_ms).filter((x) => x != null)).toFixed(0)} ms (reported in ${fp.loads.filter((l) => l.fcp_ms != null).length}); drop zone drawn by ${med(fp.loads.map((l) => l.app_ms)).toFixed(0)} ms`);
}
