// The CLV view: the fit report, the three model-check charts drawn, and the P(alive) matrix with the
// CLI's numbers for the same file, in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, shot, text, importFile, kezhi, inked } from './harness.mjs';

let b;
before(async () => { b = await launch({ locale: 'en-US' }); });
after(async () => { await b?.close(); });



test('the CLV view draws the model checks and the P(alive) matrix', async () => {
  const { page } = b;
  const dir = mkdtempSync(join(tmpdir(), 'kezhi-clv-'));
  const csv = join(dir, 'retailer.csv');
  kezhi(['demo', '--customers', '2000', '--seed', '9', '--out', csv]);
  const cli = JSON.parse(kezhi(['score', csv, '--json']));
  await importFile(page, csv);
  await page.locator('[data-testid="tab-tab.clv"]').click();
  await page.getByTestId('fit-report').waitFor({ timeout: 120_000 });
  for (const chart of ['repeat-histogram', 'holdout-chart', 'tracking-chart']) {
    await page.getByTestId(chart).waitFor();
    const share = await inked(page, chart);
    assert.ok(share > 0.02, `${chart} is drawn (inked share ${share})`);
  }
  const m = cli.checks.p_alive_matrix;
  const rows = page.getByTestId('p-alive-matrix').locator('tbody tr');
  assert.equal(await rows.count(), m.frequencies.length);
  // The top row is the highest frequency; its last cell (recency = T) is 1/(1 + a/(b+x−1)).
  const cells = await rows.first().locator('td').allInnerTexts();
  assert.equal(cells.length, m.recencies.length);
  const want = m.values[m.values.length - 1];
  cells.forEach((c, j) => assert.ok(Math.abs(Number(c) - want[j]) <= 0.0051, `cell ${j}: ${c} vs ${want[j]}`));
  await shot(page, 'clv-en');
  await page.getByTestId('lang-switch').click();
  assert.match(await text(page, 'clv'), /客户终身价值：模型与检验/);
  await shot(page, 'clv-zh');
  await page.getByTestId('lang-switch').click();
  assert.deepEqual(b.consoleErrors, []);
  assert.deepEqual(b.foreignRequests(), []);
});
