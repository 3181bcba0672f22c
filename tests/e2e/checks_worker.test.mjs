// The Pareto/NBD comparison and the model checks run in a second worker (src/worker/checks_job.rs):
// while they run, the list, the card, the list export, the drill-down and the settings answer, a
// named moving bar says what runs, and Cancel ends the wait with the report saying so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, shot, count } from './harness.mjs';

/** The main worker (the fits worker's address ends in `?fits`). */
function mainWorker(page) {
  const w = page.workers().find((x) => x.url().endsWith('worker_loader.js'));
  assert.ok(w, `the worker runs (${page.workers().map((x) => x.url())})`);
  return w;
}

/** Request::Fault(Fault::HoldFits) in postcard (pinned by a unit test in src/protocol.rs):
 *  the next scores' comparison and checks are held back until cancelled. */
async function holdFits(page) {
  await mainWorker(page).evaluate(() => self.onmessage(new MessageEvent('message', { data: { request: new Uint8Array([7, 2]) } })));
}

test('the comparison and checks run in the fits worker and complete the report', async () => {
  const b = await launch();
  try {
    const { page } = b;
    assert.ok(page.workers().some((w) => w.url().endsWith('worker_loader.js?fits')), 'the fits worker runs beside the worker');
    await page.getByTestId('demo-button').click();
    await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 120_000 });
    assert.match(await page.getByTestId('fit-pareto-nbd').innerText(), /^r \d/);
    assert.match(await page.getByTestId('fit-findings').innerText(), /Holdout check/);
    assert.match(await page.getByTestId('fit-findings').innerText(), /Log-likelihood: BG\/NBD/);
    assert.equal(await page.getByTestId('checking').count(), 0, 'the bar is gone when they are in');
    const timings = JSON.parse(await page.evaluate(() => window.__kezhiCheckTimings));
    assert.ok(timings.pareto_nbd > 0 && timings.model_checks > 0, JSON.stringify(timings));
    assert.deepEqual(b.consoleErrors, []);
  } finally {
    await b.close();
  }
});

for (const lang of ['en', 'zh']) {
  test(`while the checks run, every request answers; Cancel ends the wait (${lang})`, async () => {
    const b = await launch({ locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    try {
      const { page } = b;
      await page.waitForFunction(() => document.querySelector('[data-testid=demo-button]'));
      await holdFits(page);
      await page.getByTestId('demo-button').click();
      const bar = page.getByTestId('checking');
      await bar.waitFor({ timeout: 120_000 });
      assert.equal(await bar.getAttribute('role'), 'progressbar');
      assert.match(await bar.innerText(), lang === 'zh' ? /正在拟合用于对比的 Pareto\/NBD/ : /Fitting Pareto\/NBD for comparison/);
      const animation = await bar.locator('.progress-fill').evaluate((el) => getComputedStyle(el).animationName);
      assert.notEqual(animation, 'none', 'the bar moves');
      await shot(page, `checks-running-${lang}`);
      // The list, a card, the export, a drill-down and the settings, all while the checks wait.
      await page.locator('[data-testid="tab-tab.customers"]').click();
      await page.getByTestId('list-row').first().waitFor({ timeout: 10_000 });
      await page.getByTestId('list-row').first().click();
      await page.getByTestId('customer-card').waitFor({ timeout: 10_000 });
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.getByTestId('export-list').click()]);
      assert.match(download.suggestedFilename(), /_customers\.csv$/);
      await page.locator('[data-testid="tab-tab.rfm"]').click();
      await page.locator('.heat-cell').first().click();
      await page.locator('.chip').first().waitFor({ timeout: 10_000 });
      await page.locator('[data-testid="tab-tab.settings"]').click();
      await page.getByTestId('settings').waitFor({ timeout: 10_000 });
      assert.equal(await bar.count(), 1, 'the checks were still waiting through all of it');
      await page.locator('[data-testid="tab-tab.overview"]').click();
      assert.equal(await page.locator('[data-testid=fit-report]').getAttribute('data-pending'), 'true');
      await page.getByTestId('cancel-checks').click();
      await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 10_000 });
      assert.equal(await bar.count(), 0);
      assert.match(await page.getByTestId('fit-findings').innerText(), lang === 'zh' ? /已取消 Pareto\/NBD 对比与模型检验/ : /comparison and the model checks were cancelled/);
      assert.match(await page.getByTestId('fit-pareto-nbd').innerText(), lang === 'zh' ? /未运行/ : /not run/);
      assert.ok((await count(page, 'kpi-customers')) > 0, 'the views stay');
      await shot(page, `checks-cancelled-${lang}`);
      assert.deepEqual(b.consoleErrors, []);
    } finally {
      await b.close();
    }
  });
}
