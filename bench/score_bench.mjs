// Model-fitting benchmark in the browser (issue 3's figures): prints figures, asserts nothing.
//   node bench/score_bench.mjs [customers=100000] [runs=3]
// Imports the demo retailer's transactions (the CLI writes them; the same file as
// bench/btyd_vs_lifetimes.sh) in headless Chromium, waits for the worker's fit report, and prints the
// worker's time per stage (RFM, BG/NBD, Pareto/NBD, model checks, Gamma-Gamma, group models, the
// per-customer scores) as medians, with the same stages from the native CLI for comparison, and the
// longest gap between animation frames on the main thread while the worker fits.
// Needs `scripts/build.sh` (dist/) and `cargo build --release` first.
import { execFileSync } from 'node:child_process';
import { launch } from '../tests/e2e/harness.mjs';
import { demoFile, kezhi, median } from './common.mjs';

const customers = Number(process.argv[2] || 100_000);
const runs = Number(process.argv[3] || 3);
const file = demoFile(customers);

const native = [];
for (let i = 0; i < runs; i++) native.push(JSON.parse(execFileSync(kezhi, ['score', file, '--json'], { maxBuffer: 1 << 30 }).toString()).stages_ms);

const b = await launch();
const browser = [];
try {
  for (let i = 0; i < runs; i++) {
    await b.page.evaluate(() => {
      window.__kezhiCheckTimings = undefined;
      window.__gap = { last: 0, max: 0, on: true };
      const frame = (now) => {
        const g = window.__gap;
        if (g.last) g.max = Math.max(g.max, now - g.last);
        g.last = now;
        if (g.on) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await b.page.getByTestId('file-input').setInputFiles(file);
    await b.page.waitForFunction(() => window.__kezhiCheckTimings, null, { timeout: 600_000, polling: 200 });
    browser.push(await b.page.evaluate(() => {
      window.__gap.on = false;
      return { stages: JSON.parse(window.__kezhiCheckTimings), maxGap: window.__gap.max };
    }));
  }
} finally {
  await b.close();
}
const stages = Object.keys(native[0]);
console.log(`\nModel fitting — ${customers.toLocaleString('en')} customers (bench/out/demo_${customers}.csv); medians of ${runs} runs`);
console.log(`command: node bench/score_bench.mjs ${customers} ${runs}`);
console.log('stage            native ms   Chromium worker ms   ratio');
for (const s of stages) {
  const n = median(native.map((r) => r[s]));
  const w = median(browser.map((r) => r.stages[s]));
  console.log(`${s.padEnd(16)} ${n.toFixed(0).padStart(9)}   ${w.toFixed(0).padStart(18)}   ${(w / Math.max(n, 1e-9)).toFixed(2).padStart(5)}`);
}
const total = (r) => Object.values(r).reduce((a, b) => a + b, 0);
console.log(`${'all'.padEnd(16)} ${median(native.map(total)).toFixed(0).padStart(9)}   ${median(browser.map((r) => total(r.stages))).toFixed(0).padStart(18)}`);
console.log(`longest main-thread frame gap while the worker imported and fitted, per run: ${browser.map((r) => r.maxGap.toFixed(0)).join(" / ")} ms`);
