// The customer list at scale (issue 5: "100k rows scroll smoothly"): prints figures, asserts nothing.
//   node bench/list_bench.mjs [customers=100000] [jumps=20]
// Imports the demo retailer's transactions in headless Chromium, opens the Customers view and measures
// (1) a new selection (sort by revenue: the worker filters and sorts every customer) until its first
// rows are on screen, (2) scroll jumps to random positions until the rows there are on screen (the
// worker sends a window of rows), (3) the longest gap between animation frames on the main thread
// while scrolling, and the number of rows in the page. Needs `scripts/build.sh` and
// `cargo build --release` first.
import { launch } from '../tests/e2e/harness.mjs';
import { demoFile, median } from './common.mjs';

const customers = Number(process.argv[2] || 100_000);
const jumps = Number(process.argv[3] || 20);
const file = demoFile(customers);

const b = await launch();
try {
  const { page } = b;
  await page.getByTestId('file-input').setInputFiles(file);
  await page.waitForFunction(() => window.__kezhiScoreTimings, null, { timeout: 600_000, polling: 200 });
  await page.locator('[data-testid="tab-tab.customers"]').click();
  await page.getByTestId('list-row').first().waitFor({ timeout: 60_000 });
  const total = Number((await page.getByTestId('list-total').innerText()).replace(/\D/g, ''));
  // (1) A new selection: sort by revenue, until the top row changes.
  const sortMs = [];
  // Revenue high to low, low to high, then purchases: each shows different first rows.
  const firstRows = () => page.evaluate(() => [...document.querySelectorAll('[data-testid=list-row]')].slice(0, 3).map((r) => r.innerText).join('|'));
  for (const key of ['sort-revenue', 'sort-revenue', 'sort-occasions']) {
    const before = await firstRows();
    const t0 = await page.evaluate(() => performance.now());
    await page.getByTestId(key).click();
    await page.waitForFunction((b) => [...document.querySelectorAll('[data-testid=list-row]')].slice(0, 3).map((r) => r.innerText).join('|') !== b, before, { polling: 'raf', timeout: 60_000 });
    sortMs.push((await page.evaluate(() => performance.now())) - t0);
  }
  // (2) and (3): random jumps with the frame-gap monitor on.
  await page.evaluate(() => {
    window.__gap = { last: 0, max: 0, on: true };
    const frame = (now) => { const g = window.__gap; if (g.last) g.max = Math.max(g.max, now - g.last); g.last = now; if (g.on) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
  });
  const jumpMs = [];
  let rowsInPage = 0;
  for (let k = 0; k < jumps; k++) {
    const target = Math.floor(((k * 7919) % 1000) / 1000 * (total - 20));
    const ms = await page.evaluate(async (target) => {
      const el = document.querySelector('.list-scroll');
      const t0 = performance.now();
      el.scrollTop = target * 34;
      return await new Promise((done) => {
        const check = () => {
          const there = document.querySelector(`[data-testid=list-row][data-row="${target}"]`);
          if (there) done(performance.now() - t0); else requestAnimationFrame(check);
        };
        check();
      });
    }, target);
    jumpMs.push(ms);
    rowsInPage = Math.max(rowsInPage, await page.getByTestId('list-row').count());
  }
  const gap = await page.evaluate(() => { window.__gap.on = false; return window.__gap.max; });
  console.log(`\nCustomer list — ${total.toLocaleString('en')} customers (bench/out/demo_${customers}.csv)`);
  console.log(`command: node bench/list_bench.mjs ${customers} ${jumps}`);
  console.log(`new order (sort) until the first rows show: ${sortMs.map((m) => m.toFixed(0)).join(', ')} ms`);
  console.log(`scroll jump until the rows there show: median ${median(jumpMs).toFixed(0)} ms, max ${Math.max(...jumpMs).toFixed(0)} ms over ${jumps} jumps`);
  console.log(`longest main-thread frame gap while jumping: ${gap.toFixed(0)} ms; rows in the page at most: ${rowsInPage}`);
} finally {
  await b.close();
}
