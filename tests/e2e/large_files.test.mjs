// Large files (issue 6). Cancel: a long import or fit can be stopped from the progress bar or the
// fitting bar; the page says what happened, holds nothing stale, and the next file or the demo works.
// The progress bar moves while a large file is read and parsed. A file the tab could not hold is
// refused before it is read, with the way out (the warehouse summary).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, shot, count, kezhi, tempDir } from './harness.mjs';

// 40,000 customers, about 340,000 rows (25 MB): about a second of reading and parsing in the worker,
// then 0.2–1 s of fitting.
const file = join(tempDir('kezhi-cancel-'), 'big_transactions.csv');
kezhi(['demo', '--customers', '40000', '--seed', '3', '--out', file]);
// 60,000 customers (about 38 MB), only ever refused.
const huge = join(tempDir('kezhi-huge-'), 'huge_transactions.csv');
kezhi(['demo', '--customers', '60000', '--seed', '3', '--out', huge]);

test('an import cancelled from the progress bar stops, says so, and the page stays usable', async () => {
  const b = await launch();
  try {
    const { page } = b;
    await page.evaluate(() => {
      window.__seen = new Set();
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid=progress]');
        if (bar) window.__seen.add(bar.getAttribute('aria-valuenow'));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.getByTestId('file-input').setInputFiles(file);
    await page.waitForFunction(() => window.__seen.size >= 3, null, { timeout: 30_000 });
    const seen = await page.evaluate(() => [...window.__seen].map(Number));
    assert.ok(new Set(seen).size >= 3, `the bar moved: ${seen.join(', ')}`);
    await shot(page, 'cancel-progress');
    await page.getByTestId('cancel').click();
    await page.getByTestId('cancelled').waitFor();
    assert.equal(await page.getByTestId('progress').count(), 0);
    assert.equal(await page.getByTestId('crash').count(), 0);
    assert.equal(await page.getByTestId('tab-tab.overview').count(), 0, 'nothing stale is shown');
    await shot(page, 'cancel-import-cancelled');
    await page.waitForTimeout(3000);
    assert.equal(await page.getByTestId('tab-tab.overview').count(), 0, 'no late answer from the stopped worker');
    await page.getByTestId('demo-button').click();
    await page.getByTestId('overview').waitFor({ timeout: 60_000 });
    assert.equal(await count(page, 'kpi-customers'), 5000);
    assert.equal(await page.getByTestId('cancelled').count(), 0, 'the notice goes with the next start');
  } finally {
    await b.close();
  }
});

test('fitting cancelled from the fitting bar stops and the same file can be loaded again', async () => {
  const b = await launch();
  try {
    const { page } = b;
    // The fits for the views take 0.2–1 s on this file, less than a screenshot or a round trip from
    // here on a busy machine: the page itself presses Cancel the moment the fitting bar appears
    // (a mutation observer runs before the worker's next message can), and notes what the bar said.
    await page.evaluate(() => {
      const seen = new MutationObserver(() => {
        const bar = document.querySelector('[data-testid=fitting]');
        if (!bar) return;
        seen.disconnect();
        const box = bar.getBoundingClientRect();
        window.__fittingBar = { text: bar.innerText, height: box.height };
        bar.querySelector('[data-testid=cancel-fit]').click();
      });
      seen.observe(document.body, { subtree: true, childList: true });
    });
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('cancelled').waitFor({ timeout: 60_000 });
    const bar = await page.evaluate(() => window.__fittingBar);
    assert.match(bar.text, /Fitting BG\/NBD and Gamma-Gamma/);
    assert.match(bar.text, /Cancel/);
    assert.ok(bar.height > 20, `the bar is drawn (${bar.height} px high)`);
    assert.equal(await page.getByTestId('tab-tab.overview').count(), 0, 'no views of the cancelled fit');
    assert.equal(await page.getByTestId('fitting').count(), 0);
    await shot(page, 'cancel-fit-cancelled');
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('tab-tab.overview').click({ timeout: 60_000 });
    await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 120_000 });
    assert.equal(await page.getByTestId('fitting').count(), 0);
    assert.equal(await page.getByTestId('cancelled').count(), 0);
    assert.equal(await page.getByTestId('crash').count(), 0);
    // The worker reads the file 16 MiB at a time and hands the import 4 MiB pieces of it: every row of
    // this 25 MB file arrives, as the CLI reads it.
    const cli = JSON.parse(kezhi(['import', file, '--json']));
    await page.locator('[data-testid="tab-tab.import"]').click();
    assert.equal(await count(page, 'rows-read'), cli.rows_read);
    assert.equal(await count(page, 'rows-used'), cli.rows_used);
  } finally {
    await b.close();
  }
});

test('a file the tab could not hold is refused before it is read, and the page stays usable', async () => {
  const b = await launch({ open: false });
  try {
    const { page } = b;
    // A device reporting 0.25 GB (browsers' smallest deviceMemory) gets a 125 MB budget: the 38 MB file
    // needs about 34 MB + 3.2 × 38 MB = 154 MB (crates/kezhi-engine/src/import/memory_budget.rs).
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'deviceMemory', { get: () => 0.25 }));
    await page.goto(`${b.base}/index.html`);
    await page.getByTestId('drop-zone').waitFor();
    await page.evaluate(() => {
      window.__barSeen = false;
      new MutationObserver(() => { if (document.querySelector('[data-testid=progress]')) window.__barSeen = true; })
        .observe(document.body, { subtree: true, childList: true });
    });
    await page.getByTestId('file-input').setInputFiles(huge);
    const error = page.getByTestId('import-error');
    await error.waitFor();
    const message = await error.innerText();
    assert.match(message, /huge_transactions\.csv is 3\d MB: reading it would take about 1\d\d MB of memory in this tab, more than the 125 MB/);
    assert.match(message, /summary/);
    assert.equal(await page.evaluate(() => window.__barSeen), false, 'nothing was read');
    await shot(page, 'large-file-refused-en');
    await page.getByTestId('demo-button').click();
    await page.getByTestId('overview').waitFor({ timeout: 60_000 });
    assert.equal(await count(page, 'kpi-customers'), 5000);
  } finally {
    await b.close();
  }
});

test('the worker warms up while the page waits for a file, silently, and the file then loads as ever', async () => {
  const b = await launch();
  try {
    const { page } = b;
    await page.evaluate(() => {
      window.__busy = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid=progress], [data-testid=fitting], [data-testid=crash]')) window.__busy = true;
      }).observe(document.body, { subtree: true, childList: true });
    });
    // The warm-up (worker/warm_up.rs) takes 0.2–0.5 s after the worker starts; nothing shows for it.
    await page.waitForTimeout(3000);
    assert.equal(await page.evaluate(() => window.__busy), false, 'no progress, fitting bar or crash notice while warming up');
    await page.getByTestId('file-input').setInputFiles(file);
    await page.waitForFunction(() => window.__kezhiTimings, null, { timeout: 60_000 });
    const timings = Object.fromEntries(JSON.parse(await page.evaluate(() => window.__kezhiTimings)));
    assert.equal(timings.warmed_up, 1, `the warm-up ran to its end: ${JSON.stringify(timings)}`);
    assert.ok(timings.warm_up > 5 && timings.warm_up < 5000, `warm-up took ${timings.warm_up} ms`);
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    const report = await page.getByTestId('import-report').textContent();
    assert.match(report.replace(/[,\s]/g, ''), /Customers40000/, `the warm-up file left nothing behind: ${report.slice(0, 300)}`);
    await shot(page, 'warmed-up-import');
  } finally {
    await b.close();
  }
});
