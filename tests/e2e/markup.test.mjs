// Customer ids and names are text, never markup: a name carrying an <img onerror> and an id with emoji
// and spaces show literally in the list, the search and the card, no element is made from them in
// the printed report, nor in any view or chart tooltip, and no script runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, text, importFile, tempDir } from './harness.mjs';

let b;
before(async () => { b = await launch({ locale: 'en-US' }); });
after(async () => { await b?.close(); });

test('names with markup render as text everywhere', async () => {
  const { page } = b;
  const evil = '<img src=x onerror="window.__pwned=1">';
  const rows = ['customer_id,name,date,amount'];
  for (let i = 0; i < 60; i++) {
    const id = i === 0 ? '"VIP 🐉 1"' : `C${i}`;
    const name = i === 0 ? `"${evil.replace(/"/g, '""')}"` : `N${i}`;
    for (let k = 0; k <= i % 4; k++) rows.push(`${id},${name},2024-0${1 + k}-1${i % 9},${10 + i + k}`);
  }
  const dir = tempDir('kezhi-markup-');
  const csv = join(dir, 'markup.csv');
  writeFileSync(csv, rows.join('\n') + '\n');
  page.on('dialog', (d) => d.dismiss());
  await importFile(page, csv);
  await page.locator('[data-testid="tab-tab.customers"]').click();
  await page.getByTestId('list-search').fill('🐉');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=list-row]').length === 1);
  const row = await page.getByTestId('list-row').first().innerText();
  assert.ok(row.includes('VIP 🐉 1') && row.includes(evil), row);
  await page.getByTestId('list-row').first().click();
  await page.getByTestId('customer-card').waitFor();
  assert.ok((await text(page, 'card-id')).includes(evil));
  // Every view, with the pointer over every chart (its tooltip drawn): still no element from data.
  for (const tab of ['overview', 'rfm', 'clv', 'portfolio', 'lifecycle', 'customers']) {
    await page.locator(`[data-testid="tab-tab.${tab}"]`).click();
    await page.waitForTimeout(200);
    for (const c of await page.locator('canvas').all()) {
      const box = await c.boundingBox();
      if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    }
    assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0, `no <img> made from data on ${tab}`);
  }
  await page.getByTestId('print-report').evaluate((el) => { window.print = () => {}; el.click(); });
  await page.getByTestId('report').waitFor();
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0, 'no <img> made from data');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(b.consoleErrors, []);
});
