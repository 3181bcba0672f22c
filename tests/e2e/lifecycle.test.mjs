// The lifecycle view: stages with the CLI's counts, the profit curve drawn, the cohort triangle and
// the stage flow, in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, shot, text, importFile, kezhi, inked, tempDir } from './harness.mjs';

let b;
before(async () => { b = await launch({ locale: 'en-US' }); });
after(async () => { await b?.close(); });

test('the lifecycle view shows the engine\'s stages, curve, cohorts and flow', async () => {
  const { page } = b;
  const dir = tempDir('kezhi-life-');
  const csv = join(dir, 'retailer.csv');
  kezhi(['demo', '--customers', '2000', '--seed', '13', '--out', csv]);
  const cli = JSON.parse(kezhi(['score', csv, '--json']));
  const l = cli.frameworks.lifecycle;
  await importFile(page, csv);
  await page.locator('[data-testid="tab-tab.lifecycle"]').click();
  await page.getByTestId('lifecycle').waitFor({ timeout: 120_000 });
  await page.getByTestId('stages').waitFor();
  // Stages test P(alive) cuts: within a customer or two of the CLI's (wasm and glibc fits differ in
  // the last digits); together, every customer.
  let total = 0;
  for (const r of l.table) {
    const n = Number((await page.getByTestId(`stage-${r.key}`).getByTestId('class-count').innerText()).replace(/\D/g, ''));
    assert.ok(Math.abs(n - r.customers) <= 2, `${r.key}: ${n} vs ${r.customers}`);
    total += n;
  }
  assert.equal(total, cli.customers);
  assert.ok((await inked(page, 'profit-curve')) > 0.02, 'the profit curve is drawn');
  assert.equal(await page.getByTestId('cohorts').locator('tbody tr').count(), l.cohorts.length);
  const firstCohort = await page.getByTestId('cohorts').locator('tbody tr').first().locator('td').allInnerTexts();
  assert.equal(firstCohort[0], '100%', 'month 0 of a cohort is its first purchase');
  const flowRows = await page.getByTestId('stage-flow').locator('tbody tr').count();
  assert.equal(flowRows, l.flow.filter((row) => row.some((n) => n > 0)).length);
  // The retention and migration models are the engine's (no model fit involved: exact).
  const mig = cli.groups.migration;
  const migRows = await page.getByTestId('migration-model').locator('tbody tr').allInnerTexts();
  assert.equal(migRows.length, mig.customers_now.length);
  migRows.forEach((r, j) => assert.equal(Number(r.split('\t')[1].replace(/,/g, '')), mig.customers_now[j], `state ${j}`));
  assert.match(await text(page, 'retention-model'), new RegExp(`${(cli.groups.retention.retention_rate * 100).toFixed(1)}% of customers`));
  await shot(page, 'lifecycle-en');
  await page.getByTestId('lang-switch').click();
  assert.match(await text(page, 'lifecycle'), /客户生命周期/);
  assert.match(await page.getByTestId('stage-introduction').innerText(), /导入期/);
  await shot(page, 'lifecycle-zh');
  await page.getByTestId('lang-switch').click();
  assert.deepEqual(b.consoleErrors, []);
  assert.deepEqual(b.foreignRequests(), []);
});
