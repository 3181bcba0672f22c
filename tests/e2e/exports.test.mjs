// Real systems' exports dropped untouched (tests/fixtures/exports/, in their exact header shapes):
// the page reads them as their systems mean them, with no mapping by hand, and its overview shows the
// customers and revenue that expected.json states (computed by the fixtures' generator, not by
// Kezhi). An RFM table opens the RFM view with recency the right way round.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, shot, importFile, text, count, fixtures } from './harness.mjs';

const dir = join(fixtures, 'exports');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
let b;
before(async () => { b = await launch({ locale: 'en-US' }); });
after(async () => { await b?.close(); });

/** "7,513" or "812.50" → number */
const num = (s) => Number(s.replace(/[^0-9.\-]/g, ''));

async function overview(page) {
  await page.locator('[data-testid="tab-tab.overview"]').click();
  await page.getByTestId('kpi-customers').waitFor();
  return { customers: await count(page, 'kpi-customers'), revenue: num(await text(page, 'kpi-revenue')) };
}

async function roleOf(page, column) {
  const heads = await page.locator('[data-testid=preview] .col-name').allInnerTexts();
  const roles = await page.getByTestId('role').evaluateAll((els) => els.map((e) => e.value));
  return roles[heads.indexOf(column)];
}

test('a Shopify orders export: the email is the customer, line items fold, unpaid orders are counted apart', async () => {
  const { page } = b;
  const e = expected['shopify_orders.csv'];
  await importFile(page, join(dir, 'shopify_orders.csv'));
  const orders = e.purchases + e.orders_not_counted + e.rows_rejected;
  assert.match(await text(page, 'reading-line'),
    new RegExp(`^Read as a Shopify orders export: ${e.rows_read} rows → ${orders} orders → ${e.purchases} purchases by ${e.customers} customers; ${e.orders_not_counted} orders not counted \\(.*pending.*\\); ${e.rows_folded} line items folded into their orders`));
  assert.equal(await roleOf(page, 'Email'), 'customer_id');
  assert.equal(await roleOf(page, 'Id'), '');
  assert.equal(await roleOf(page, 'Paid at'), 'date');
  assert.equal(await count(page, 'rows-folded'), e.rows_folded);
  assert.match(await text(page, 'identity'), new RegExp(`^${e.rows_read} = `));
  assert.match(await text(page, 'statuses'), /pending/);
  await page.getByTestId('why').first().waitFor();
  await shot(page, 'export-shopify-en');
  const o = await overview(page);
  assert.equal(o.customers, e.customers);
  assert.ok(Math.abs(o.revenue - e.revenue) <= 1, `revenue ${o.revenue} against ${e.revenue}`);
  assert.deepEqual(b.consoleErrors, []);
});

test('ticking a status counts its orders: the file is read again with that choice', async () => {
  const { page } = b;
  const e = expected['shopify_orders.csv'];
  await page.locator('[data-testid="tab-tab.import"]').click();
  const pending = page.locator('[data-testid=statuses] tr', { hasText: 'pending' }).getByTestId('status-counted');
  await pending.check();
  const more = e.purchases + e.not_counted.Pending;
  await page.waitForFunction((n) => document.querySelector('[data-testid=reading-line]')?.textContent.includes(`→ ${n} purchases`), more, { timeout: 30_000 });
  assert.ok(await page.locator('[data-testid=statuses] tr', { hasText: 'pending' }).getByTestId('status-counted').isChecked());
  // The choice is kept when the mapping is applied again.
  await page.getByTestId('apply').click();
  await page.waitForFunction((n) => !document.querySelector('[data-testid=progress]') && document.querySelector('[data-testid=reading-line]')?.textContent.includes(`→ ${n} purchases`), more, { timeout: 30_000 });
});

test('a Taobao order report in GBK, read in Chinese: closed and unpaid orders are not purchases', async () => {
  const { page } = b;
  const e = expected['taobao_orders.csv'];
  await page.getByTestId('lang-switch').click();
  await importFile(page, join(dir, 'taobao_orders.csv'));
  assert.equal(await page.getByTestId('encoding').inputValue(), 'GBK');
  const line = await text(page, 'reading-line');
  assert.ok(line.startsWith(`按淘宝/天猫订单报表读取：${e.rows_read} 行 → ${e.rows_read} 个订单 → ${e.purchases} 次购买，来自 ${e.customers} 位客户`), line);
  assert.match(line, /已关闭/);
  assert.equal(await roleOf(page, '买家会员名'), 'customer_id');
  assert.equal(await roleOf(page, '订单付款时间'), 'date');
  assert.equal(await roleOf(page, '买家实际支付金额'), 'amount');
  assert.match(await text(page, 'import-report'), /“订单付款时间”/);
  await shot(page, 'export-taobao-zh');
  const o = await overview(page);
  assert.equal(o.customers, e.customers);
  assert.ok(Math.abs(o.revenue - e.revenue) <= 1, `revenue ${o.revenue} against ${e.revenue}`);
  await page.getByTestId('lang-switch').click();
});

test('the UCI Online Retail file: amount = Quantity × UnitPrice, two-digit years, C invoices as returns', async () => {
  const { page } = b;
  const e = expected['uci_online_retail.csv'];
  await importFile(page, join(dir, 'uci_online_retail.csv'));
  assert.match(await text(page, 'reading-line'), new RegExp(`^Read as the UCI Online Retail data set: ${e.rows_read} rows → `));
  assert.equal(await roleOf(page, 'UnitPrice'), 'unit_price');
  const report = await text(page, 'import-report');
  assert.match(report, /No column gives the amount: it is "Quantity" × "UnitPrice"/);
  assert.match(report, new RegExp(`${e.c_prefix_returns} rows have invoice numbers starting with C`));
  assert.equal(await count(page, 'rows-rejected'), e.rows_rejected);
  await shot(page, 'export-uci-en');
  const o = await overview(page);
  assert.equal(o.customers, e.customers);
  assert.ok(Math.abs(o.revenue - e.revenue) <= 1, `revenue ${o.revenue} against ${e.revenue}`);
});

test('an RFM table opens the RFM view with the fewest days since the last purchase at R = 5', async () => {
  const { page } = b;
  const e = expected['rfm_table.csv'].rfm_table;
  await importFile(page, join(dir, 'rfm_table.csv'));
  assert.match(await text(page, 'reading-line'), /^Read as an RFM table/);
  assert.equal(await roleOf(page, 'Recency'), 'days_since');
  assert.equal(await page.getByTestId('rfm-spend').inputValue(), 'total');
  assert.match(await text(page, 'import-report'), /fewest days → R = 5/);
  await shot(page, 'export-rfm-table-en');
  await page.locator('[data-testid="tab-tab.rfm"]').click();
  await page.getByTestId('heatmap').waitFor();
  await shot(page, 'export-rfm-table-rfm-en');
  await page.locator('[data-testid="tab-tab.customers"]').click();
  for (const [id, r] of [[e.fewest_days, '5'], [e.most_days, '1']]) {
    await page.getByTestId('list-search').fill(id);
    await page.waitForFunction((t) => {
      const rows = document.querySelectorAll('[data-testid=list-row]');
      return rows.length === 1 && rows[0].textContent.includes(t);
    }, id);
    await page.getByTestId('list-row').first().click();
    await page.waitForFunction((t) => document.querySelector('[data-testid=card-id]')?.textContent.startsWith(t), id);
    assert.match(await text(page, 'customer-card'), new RegExp(`R, F, M scores\\s+${r} `), id);
  }
  await page.getByTestId('list-search').fill('');
  await page.locator('[data-testid="tab-tab.clv"]').click();
  assert.match(await text(page, 'clv'), /Not available for an RFM table/);
  await page.getByTestId('lang-switch').click();
  assert.match(await text(page, 'clv'), /RFM 表无法提供/);
  await shot(page, 'export-rfm-table-clv-zh');
  await page.getByTestId('lang-switch').click();
  assert.deepEqual(b.consoleErrors, []);
});

test('a date column named for nothing is asked about; Apply confirms it', async () => {
  const { page } = b;
  await importFile(page, join(dir, 'pos_unclear_date.csv'));
  assert.match(await text(page, 'import-error'), /column "Purchased On" holds dates and may be it/);
  assert.equal(await roleOf(page, 'Purchased On'), 'date');
  await shot(page, 'export-asks-en');
  await page.getByTestId('apply').click();
  await page.getByTestId('import-report').waitFor();
  assert.equal(await count(page, 'rows-used'), 24);
});
