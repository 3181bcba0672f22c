// Import benchmark (issue 2, §7): prints figures, asserts nothing.
//   node bench/import_bench.mjs [rows=1000000]
// 1. generates a transaction CSV with the project's demo generator (kezhi demo), ~8.8 rows per customer;
// 2. native: `kezhi import FILE --json` three times, median of the engine's own timing (parse +
//    customer table), and MB/s;
// 3. Chromium (Debian's, headless) through the Web Worker: from the file input's change event to the
//    import report on screen, three runs; also the progress values seen and the longest gap between
//    animation frames on the main thread (a frozen page would show a long gap).
// Needs `scripts/build.sh` (dist/) and `cargo build --release` first; bench/run.sh does both.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/e2e/harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rows = Number(process.argv[2] || 1_000_000);
const customers = Math.round(rows / 8.83);
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });
const file = join(out, `transactions_${rows}.csv`);
const kezhi = join(root, 'target', 'release', 'kezhi');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!existsSync(file)) {
  execFileSync(kezhi, ['demo', '--customers', String(customers), '--seed', '1', '--out', file], { stdio: 'inherit' });
}
const mb = statSync(file).size / 1e6;

const native = [];
let report;
for (let i = 0; i < 3; i++) {
  const t0 = process.hrtime.bigint();
  report = JSON.parse(execFileSync(kezhi, ['import', file, '--json'], { maxBuffer: 1 << 30 }).toString());
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  native.push({ engine: report.seconds.import, parse: report.seconds.parse, table: report.seconds.customer_table, wall });
}
const nEngine = median(native.map((r) => r.engine));
const nWall = median(native.map((r) => r.wall));

const b = await launch();
const browser = [];
try {
  for (let i = 0; i < 3; i++) {
    await b.page.evaluate(() => {
      window.__bench = { t0: 0, t1: 0, progress: [], maxGap: 0 };
      const input = document.querySelector('[data-testid=file-input]');
      input.addEventListener('change', () => {
        const s = window.__bench;
        s.t0 = performance.now();
        let last = s.t0;
        const frame = (now) => {
          s.maxGap = Math.max(s.maxGap, now - last);
          last = now;
          const bar = document.querySelector('[data-testid=progress]');
          if (bar) {
            const label = bar.querySelector('.progress-label')?.textContent || '';
            const v = `${label.split('—')[1]?.trim()} ${bar.getAttribute('aria-valuenow')}%`;
            if (s.progress[s.progress.length - 1] !== v) s.progress.push(v);
          }
          const rep = document.querySelector('[data-testid=import-report] [data-testid=rows-read]');
          if (rep && !bar && rep.textContent.replace(/\D/g, '') !== '') { s.t1 = now; return; }
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }, { once: true });
    });
    await b.page.getByTestId('file-input').setInputFiles(file);
    await b.page.waitForFunction(() => window.__bench.t1 > 0, null, { timeout: 120_000, polling: 100 });
    browser.push(await b.page.evaluate(() => ({ ...window.__bench, stages: JSON.parse(window.__kezhiTimings || '[]') })));
  }
} finally {
  await b.close();
}
const bMs = median(browser.map((r) => r.t1 - r.t0));
const gap = Math.max(...browser.map((r) => r.maxGap));

console.log(`\nImport benchmark — ${report.rows_read.toLocaleString('en')} rows, ${report.customers.toLocaleString('en')} customers, ${mb.toFixed(1)} MB (bench/out/${file.split('/').pop()})`);
console.log(`command: node bench/import_bench.mjs ${rows}`);
const nParse = median(native.map((r) => r.parse));
const nTable = median(native.map((r) => r.table));
console.log(`native CLI  parse: median ${(nParse * 1000).toFixed(0)} ms = ${(mb / nParse).toFixed(0)} MB/s; customer table ${(nTable * 1000).toFixed(0)} ms; parse + table ${(nEngine * 1000).toFixed(0)} ms = ${(mb / nEngine).toFixed(0)} MB/s (process wall ${(nWall * 1000).toFixed(0)} ms)`);
console.log(`Chromium    change event → report on screen: median ${bMs.toFixed(0)} ms; runs ${browser.map((r) => (r.t1 - r.t0).toFixed(0)).join(', ')} ms`);
console.log(`            worker stages (ms, each run): ${browser.map((r) => r.stages.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' + ')).join(' | ')}`);
console.log(`            longest main-thread frame gap while working: ${gap.toFixed(0)} ms`);
console.log(`            progress seen (last run): ${browser[browser.length - 1].progress.join(' → ')}`);
