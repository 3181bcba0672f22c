// Anonymise everywhere (issue 26, §2): with the switch on, no id, name, address or region of the file
// appears in any view (the Import tab's preview and rejected rows included), on the customer card, in
// the printed report, on a slide, in an export or its file name, in the page title or in the address.
// The file is a Shopify orders export (tests/fixtures/exports): its e-mails are the customer ids, and
// it carries billing and shipping names, streets, cities, postcodes and phones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, shot, importFile, fixtures, eachSlide } from './harness.mjs';

const TABS = ['overview', 'rfm', 'clv', 'portfolio', 'lifecycle', 'customers', 'scenarios', 'settings', 'report', 'import'];
const file = join(fixtures, 'exports', 'shopify_orders.csv');

/** RFC 4180 rows of a CSV text. */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** Every value of the file that says who a customer is or where they live. */
function identifyingValues() {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const columns = ['Email', 'Billing Name', 'Billing Street', 'Billing Address1', 'Billing City', 'Billing Phone',
    'Shipping Name', 'Shipping Street', 'Shipping Address1', 'Shipping City', 'Shipping Phone'];
  const values = new Set();
  for (const name of columns) {
    const k = header.indexOf(name);
    assert.ok(k >= 0, `the fixture has ${name}`);
    for (const r of rows) {
      const v = (r[k] || '').trim();
      // Four characters or more: a two-letter state or an empty cell identifies nobody.
      if (v.length >= 4) values.add(v);
    }
  }
  return [...values];
}

/** Clicks every export button visible on the page; returns [file name, text] of each download. */
async function exportAll(page) {
  const out = [];
  for (const button of await page.locator('[data-testid$="-svg"], [data-testid$="-png"], [data-testid=export-list], [data-testid=download-rejects], [data-testid=settings-export]').all()) {
    if (!(await button.isVisible())) continue;
    // Every file a button gives (the list export gives two: the list and its settings).
    const got = [];
    const on = (d) => got.push(d);
    page.on('download', on);
    await button.click();
    for (let i = 0; i < 60 && got.length === 0; i++) await page.waitForTimeout(100);
    await page.waitForTimeout(500);
    page.off('download', on);
    assert.ok(got.length > 0, 'the button downloads a file');
    // A PNG is pixels: its name is scanned, its drawing (charts of totals, no customer) is not text.
    for (const download of got) {
      const name = download.suggestedFilename();
      out.push([name, name.endsWith('.png') ? '' : readFileSync(await download.path(), 'utf8')]);
    }
  }
  return out;
}

for (const locale of ['en-US', 'zh-CN']) {
  test(`anonymised (${locale}): no id, name or address of the file in any view, card, slide, export, title or address`, async () => {
    const b = await launch({ locale });
    try {
      const { page } = b;
      const secrets = identifyingValues();
      assert.ok(secrets.length > 20, `${secrets.length} identifying values`);
      await importFile(page, file);
      // A customer searched for by name before the switch: the search goes with it.
      await page.locator('[data-testid="tab-tab.customers"]').click();
      await page.getByTestId('list-search').fill('Kai Berg');
      await page.waitForFunction(() => decodeURIComponent(location.hash).includes('Kai Berg'));
      await page.getByTestId('anonymise').click();
      assert.equal(await page.getByTestId('list-search').inputValue(), '');
      const seen = [];
      const look = async (where) => {
        seen.push([where, await page.evaluate(() => document.body.innerText)]);
        seen.push([`${where} (title)`, await page.title()]);
        seen.push([`${where} (address)`, decodeURIComponent(page.url())]);
      };
      const files = [];
      for (const tab of TABS) {
        await page.locator(`[data-testid="tab-tab.${tab}"]`).click();
        await page.waitForTimeout(300);
        await look(tab);
        for (const [name, text] of await exportAll(page)) files.push([`${tab}: ${name}`, name, text]);
      }
      // A customer's card, opened from the list.
      await page.locator('[data-testid="tab-tab.customers"]').click();
      await page.getByTestId('list-row').first().click();
      await page.getByTestId('customer-card').waitFor();
      await look('card');
      await shot(page, `anonymised-card-${locale}`);
      // The Import tab's preview and rejected rows.
      await page.locator('[data-testid="tab-tab.import"]').click();
      await page.getByTestId('preview').waitFor();
      await look('import');
      await shot(page, `anonymised-import-${locale}`);
      // Every slide.
      await eachSlide(page, (k) => look(`slide ${k + 1}`));
      assert.ok(files.length >= 5, `${files.length} exports`);
      const leaks = [];
      for (const [where, text] of seen) for (const s of secrets) if (text.includes(s)) leaks.push(`${where}: ${s}`);
      for (const [where, name, text] of files) {
        for (const s of secrets) if (text.includes(s)) leaks.push(`${where}: ${s}`);
        if (name.includes('shopify')) leaks.push(`${where}: the file's name in the export's name`);
      }
      for (const [where, text] of seen) if (text.includes('shopify_orders')) leaks.push(`${where}: the file's name`);
      const places = [...new Set(leaks.map((l) => l.split(': ')[0]))];
      assert.deepEqual(leaks.slice(0, 20), [], `${leaks.length} leaks, in: ${places.join(' · ')}`);
      assert.deepEqual(b.consoleErrors, []);
    } finally {
      await b.close();
    }
  });
}
