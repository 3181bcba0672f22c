// What a user sees when they load the page, drop each fixture, use the demo and switch language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, openSync, closeSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { launch, shot, importFile, text, count, fixtures, inked, offlineReady, tempDir } from './harness.mjs';

let b;
let loadRequests;
before(async () => {
  b = await launch({ locale: 'en-US' });
  await b.page.waitForLoadState('networkidle');
  await offlineReady(b);
  loadRequests = b.requests.length;
});
after(async () => { await b?.close(); });

const fx = (name) => join(fixtures, name);

test('the page loads in English with the privacy line, a CSP and no console error', async () => {
  const { page } = b;
  assert.match(await text(page, 'privacy-line'), /never leaves this page/);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'self'/);
  assert.doesNotMatch(csp, /KEZHI_INLINE_SCRIPT_HASHES/);
  await shot(page, 'landing-en');
  assert.deepEqual(b.consoleErrors, []);
});

test('UTF-8 CSV with English headers: counts and mapping', async () => {
  const { page } = b;
  await importFile(page, fx('en_transactions.csv'));
  assert.equal(await count(page, 'rows-read'), 10);
  assert.equal(await count(page, 'rows-used'), 10);
  assert.equal(await count(page, 'rows-rejected'), 0);
  assert.equal(await count(page, 'customers'), 4);
  assert.equal(await page.getByTestId('encoding').inputValue(), 'UTF-8');
  assert.equal(await page.getByTestId('delimiter').inputValue(), 'comma');
  const roles = await page.getByTestId('role').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(roles, ['customer_id', 'name', 'order_id', 'date', 'amount', 'category']);
  assert.match(await text(page, 'identity'), /^10 = 10 \+ 0/);
  await shot(page, 'import-en-utf8');
});

test('a log whose first MiB is plain ASCII and whose later rows are GBK is read as GBK', async () => {
  const { page } = b;
  // 30,000 ASCII rows (1.3 MB, past the 1 MiB head), then 40 rows with names and cities in GBK.
  const rows = ['customer_id,customer_name,date,amount,region'];
  for (let i = 0; i < 30000; i++) rows.push(`C${String(i % 3000).padStart(5, '0')},Alice Smith,2024-01-${String(1 + (i % 28)).padStart(2, '0')},${10 + (i % 50)}.50,Boston`);
  const names = ['cee2b3ac', 'c1f5c4c8', 'cdf5ceb0']; // 吴超, 刘娜, 王伟
  const cities = ['b1b1bea9', 'c9cfbaa3', 'b3c9b6bc']; // 北京, 上海, 成都
  const parts = [Buffer.from(rows.join('\n') + '\n')];
  for (let i = 0; i < 40; i++) {
    parts.push(Buffer.from(`C${String(i).padStart(5, '0')},`), Buffer.from(names[i % 3], 'hex'),
      Buffer.from(`,2024-02-${String(1 + (i % 28)).padStart(2, '0')},${20 + i}.00,`), Buffer.from(cities[i % 3], 'hex'), Buffer.from('\n'));
  }
  const file = join(tempDir('kezhi-late-'), 'ascii_then_gbk.csv');
  writeFileSync(file, Buffer.concat(parts));
  await importFile(page, file);
  assert.equal(await page.getByTestId('encoding').inputValue(), 'GBK');
  assert.equal(await count(page, 'rows-read'), 30040);
  assert.equal(await count(page, 'rows-used'), 30040);
  assert.doesNotMatch(await page.getByTestId('import-report').innerText(), /could not be read as/);
});

test('GBK CSV with Chinese headers: encoding detected, headers mapped, rows counted', async () => {
  const { page } = b;
  await importFile(page, fx('zh_gbk.csv'));
  assert.equal(await page.getByTestId('encoding').inputValue(), 'GBK');
  assert.equal(await count(page, 'rows-read'), 12);
  assert.equal(await count(page, 'customers'), 5);
  const heads = await page.locator('[data-testid=preview] .col-name').allInnerTexts();
  assert.deepEqual(heads, ['客户编号', '姓名', '交易日期', '实付金额（元）', '品类', '渠道']);
  const roles = await page.getByTestId('role').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(roles, ['customer_id', 'name', 'date', 'amount', 'category', 'channel']);
  assert.match(await page.locator('[data-testid=preview]').innerText(), /王伟/);
  await shot(page, 'import-gbk');
});

test('XLSX: the first sheet with data is chosen and date cells are read', async () => {
  const { page } = b;
  await importFile(page, fx('transactions.xlsx'));
  assert.equal(await page.getByTestId('sheet').inputValue(), '订单');
  assert.equal(await count(page, 'rows-read'), 8);
  assert.equal(await count(page, 'customers'), 3);
  assert.match(await page.locator('[data-testid=preview]').innerText(), /2024-01-02 10:30:00/);
  await shot(page, 'import-xlsx');
});

test('semicolon file with decimal comma and day-first dates', async () => {
  const { page } = b;
  await importFile(page, fx('eu_semicolon.csv'));
  assert.equal(await page.getByTestId('delimiter').inputValue(), 'semicolon');
  assert.equal(await page.getByTestId('decimal').inputValue(), 'comma');
  assert.equal(await page.getByTestId('date-format').inputValue(), 'DayMonthYear');
  assert.equal(await count(page, 'rows-used'), 6);
  assert.equal(await count(page, 'customers'), 3);
});

test('customer summary file: shape detected, the bad row listed', async () => {
  const { page } = b;
  await importFile(page, fx('summary.csv'));
  assert.equal(await page.getByTestId('shape').inputValue(), 'summary');
  assert.equal(await count(page, 'rows-read'), 5);
  assert.equal(await count(page, 'rows-rejected'), 1);
  assert.match(await page.getByTestId('rejects').innerText(), /T must be ≥ recency/);
  // In Chinese, the rule it broke too (it was English in both once).
  await page.getByTestId('lang-switch').click();
  assert.match(await page.getByTestId('rejects').innerText(), /超出范围：T 必须 ≥ recency/);
  await page.getByTestId('lang-switch').click();
});

test('bad rows: each rejected row with line, column, value and reason; the CSV download has them all', async () => {
  const { page } = b;
  await importFile(page, fx('bad_rows.csv'));
  assert.equal(await count(page, 'rows-read'), 10);
  assert.equal(await count(page, 'rows-used'), 6);
  assert.equal(await count(page, 'rows-rejected'), 4);
  const rows = await page.locator('[data-testid=rejects] tbody tr').allInnerTexts();
  assert.equal(rows.length, 4);
  assert.match(rows[0], /^4\s+2 date\s+2024-02-30\s+no such calendar date/);
  assert.match(rows[1], /^5\s+3 amount\s+abc\s+not a number/);
  await shot(page, 'import-bad-rows');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-rejects').click()]);
  assert.equal(download.suggestedFilename(), 'bad_rows_rejected_rows.csv');
  const body = readFileSync(await download.path(), 'utf8');
  assert.ok(body.startsWith('\uFEFF'), 'UTF-8 BOM for Excel');
  assert.equal(body.trim().split('\n').length, 5);
  assert.match(body, /4,2,date,2024-02-30,no such calendar date/);
});

test('ambiguous dates: the page asks, and the choice imports the file', async () => {
  const { page } = b;
  await importFile(page, fx('ambiguous_dates.csv'));
  assert.match(await text(page, 'import-error'), /could be day\/month or month\/day/);
  assert.equal(await page.getByTestId('date-format').inputValue(), '');
  await shot(page, 'import-ambiguous');
  await page.getByTestId('date-format').selectOption('DayMonthYear');
  await page.getByTestId('apply').click();
  await page.getByTestId('import-report').waitFor();
  assert.equal(await count(page, 'rows-used'), 3);
  assert.equal(await page.getByTestId('import-error').count(), 0);
});

test('a file without a header is mapped by position', async () => {
  const { page } = b;
  await importFile(page, fx('no_header.tsv'));
  assert.equal(await page.getByTestId('has-header').isChecked(), false);
  const roles = await page.getByTestId('role').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(roles, ['customer_id', 'date', 'amount']);
  assert.equal(await count(page, 'rows-read'), 3);
});

for (const [name, words] of [
  ['empty.csv', /empty\.csv is empty/],
  ['header_only.csv', /header row but no data rows/],
  ['garbage.bin', /not a text table/],
]) {
  test(`bad input ${name} gets a clear message and the page stays usable`, async () => {
    const { page } = b;
    await importFile(page, fx(name));
    assert.match(await text(page, 'import-error'), words);
    assert.ok(await page.getByTestId('demo-button').isEnabled());
  });
}

test('a truncated workbook gets a clear message', async () => {
  const { page } = b;
  const bytes = readFileSync(fx('transactions.xlsx'));
  await page.getByTestId('file-input').setInputFiles({ name: 'cut.xlsx', mimeType: 'application/octet-stream', buffer: bytes.subarray(0, bytes.length >> 1) });
  // Wait for this file's error, not the previous test's still on screen (the worker may still be
  // fitting the models of an earlier import when this file arrives).
  await page.waitForFunction(() => document.querySelector('[data-testid=import-error]')?.textContent.includes('cut.xlsx'), null, { timeout: 60_000 });
  assert.match(await text(page, 'import-error'), /cut\.xlsx could not be opened as a workbook/);
});

test('a 2 GB file is refused at once with a pointer to the summary route, never read', async () => {
  const { page } = b;
  const dir = tempDir('kezhi-big-');
  const path = join(dir, 'huge.csv');
  const fd = openSync(path, 'w');
  ftruncateSync(fd, 2 * 1024 ** 3); // sparse: takes no disk
  closeSync(fd);
  const t0 = Date.now();
  await page.getByTestId('file-input').setInputFiles(path);
  await page.waitForFunction(() => document.querySelector('[data-testid=import-error]')?.textContent.includes('huge.csv'), null, { timeout: 5000 });
  assert.ok(Date.now() - t0 < 5000);
  assert.match(await text(page, 'import-error'), /huge\.csv is 2\.1 GB.*summary/);
});

test('dropping a file on the drop zone imports it', async () => {
  const { page } = b;
  const csv = readFileSync(fx('en_transactions.csv'), 'utf8');
  await page.evaluate((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'dropped.csv', { type: 'text/csv' }));
    const zone = document.querySelector('[data-testid=drop-zone]');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, csv);
  await page.waitForFunction(() => document.querySelector('.file-line')?.textContent.includes('dropped.csv'));
  assert.equal(await count(page, 'rows-read'), 10);
});

test('the demo button reaches the overview with KPIs and a drawn chart', async () => {
  const { page } = b;
  await page.getByTestId('demo-button').click();
  await page.getByTestId('overview').waitFor({ timeout: 60_000 });
  assert.equal(await count(page, 'kpi-customers'), 5000);
  assert.ok((await count(page, 'kpi-transactions')) > 40_000);
  assert.match(await text(page, 'kpi-range'), /^2023-01-\d\d – 2025-12-\d\d$/);
  assert.match(await text(page, 'kpi-repeat'), /^\d+\.\d%$/);
  const share = await inked(page, 'monthly-chart');
  assert.ok(share > 0.05, `the chart must be drawn (inked share ${share})`);
  await shot(page, 'overview-demo-en');
});

test('the language switch turns the page to Chinese and back', async () => {
  const { page } = b;
  await page.getByTestId('lang-switch').click();
  assert.match(await text(page, 'privacy-line'), /您的文件不会离开本页面/);
  assert.equal(await page.locator('[data-testid="tab-tab.overview"]').innerText(), '概览');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  await shot(page, 'overview-demo-zh');
  await page.locator('[data-testid="tab-tab.import"]').click();
  await shot(page, 'import-demo-zh');
  await page.getByTestId('lang-switch').click();
  assert.match(await text(page, 'privacy-line'), /never leaves this page/);
});

test('no request went to any other host, and none at all after load', async () => {
  assert.deepEqual(b.foreignRequests(), []);
  const after = b.requests.slice(loadRequests).filter((u) => !u.startsWith('blob:'));
  assert.deepEqual(after, [], 'imports, the demo and downloads make no request');
  assert.deepEqual(b.consoleErrors, []);
});

test('a Chinese browser gets the Chinese page by default', async () => {
  const zh = await launch({ locale: 'zh-CN' });
  try {
    assert.match(await text(zh.page, 'privacy-line'), /您的文件不会离开本页面/);
    await shot(zh.page, 'landing-zh');
  } finally {
    await zh.close();
  }
});
