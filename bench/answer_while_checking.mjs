// How fast the page answers while the Pareto/NBD comparison and the model checks run (issue 26, §1):
// prints figures, asserts nothing.
//   node bench/answer_while_checking.mjs [file.csv ...]   (default: the 100k demo, the 100k Poisson file)
//   HOLD=1 node bench/answer_while_checking.mjs …           (the checks held back: the page's baseline)
// For each file, in headless Chromium: import it, and the moment the scores are in (the checks then
// start in the fits worker), open the customer list and a customer's card, timing each from the click
// to its rows or card on screen. Beside them: how long the checks took in the fits worker, and when
// they ended after the list's click — with the checks in the same worker as the list (before the fits
// worker), the list could answer only after that. Needs `scripts/build.sh` first (and, for the
// default files, `bench/degenerate.sh 100000` and `node bench/list_bench.mjs` or
// `bench/scale.sh` to have written them).
import { existsSync } from 'node:fs';
import { launch } from '../tests/e2e/harness.mjs';
import { demoFile } from './common.mjs';

const files = process.argv.slice(2);
if (!files.length) {
  files.push(demoFile(100_000));
  const poisson = 'bench/out/degenerate_100000/poisson.csv';
  if (existsSync(poisson)) files.push(poisson);
}

const rows = [];
for (const file of files) {
  const b = await launch();
  try {
    const { page } = b;
    if (process.env.HOLD) {
      // Request::Fault(Fault::HoldFits): the checks are never sent to the fits worker.
      await page.waitForFunction(() => document.querySelector('[data-testid=demo-button]'));
      const w = page.workers().find((x) => x.url().endsWith('worker_loader.js'));
      await w.evaluate(() => self.onmessage(new MessageEvent('message', { data: { request: new Uint8Array([7, 2]) } })));
    }
    await page.getByTestId('file-input').setInputFiles(file);
    await page.waitForFunction(() => window.__kezhiScoreTimings, null, { timeout: 600_000, polling: 10 });
    const now = () => page.evaluate(() => performance.now());
    const pendingAtClick = (await page.getByTestId('checking').count()) > 0;
    const t0 = await now();
    await page.locator('[data-testid="tab-tab.customers"]').click();
    await page.getByTestId('list-row').first().waitFor({ timeout: 120_000 });
    const t1 = await now();
    await page.getByTestId('list-row').first().click();
    await page.getByTestId('customer-card').waitFor({ timeout: 120_000 });
    const t2 = await now();
    if (process.env.HOLD) {
      rows.push({ file: file.split('/').pop(), pendingAtClick, listMs: t1 - t0, cardMs: t2 - t1, checksMs: NaN, checksEndAfterClickMs: NaN });
      continue;
    }
    await page.waitForFunction(() => window.__kezhiChecksAt, null, { timeout: 600_000, polling: 10 });
    const checksAt = await page.evaluate(() => window.__kezhiChecksAt);
    const t = JSON.parse(await page.evaluate(() => window.__kezhiCheckTimings));
    rows.push({
      file: file.split('/').pop(),
      pendingAtClick,
      listMs: t1 - t0,
      cardMs: t2 - t1,
      checksMs: t.pareto_nbd + t.model_checks,
      checksEndAfterClickMs: checksAt - t0,
    });
  } finally {
    await b.close();
  }
}
const pad = (s, n) => String(s).padStart(n);
console.log(`${'file'.padEnd(22)} ${pad('checks ran', 11)} ${pad('list ms', 8)} ${pad('card ms', 8)} ${pad('checks ms', 10)} ${pad('checks end after click ms', 26)}`);
for (const r of rows) {
  console.log(`${r.file.padEnd(22)} ${pad(r.pendingAtClick ? 'yes' : 'no', 11)} ${pad(r.listMs.toFixed(0), 8)} ${pad(r.cardMs.toFixed(0), 8)} ${pad(r.checksMs.toFixed(0), 10)} ${pad(r.checksEndAfterClickMs.toFixed(0), 26)}`);
}
