// The dashboard's drill-downs (issue 5): a pyramid level, a grid cell, a tier, a segment and an
// insight each open the customer list, whose length equals the count on the chart and the engine's
// count (the CLI's scored CSV for the same file); chips remove filters; the list is virtualised;
// search and the customer card; the list export (BOM, plain header, settings beside it, formula-safe) imports back to
// the same fit; deep links and ?demo=1; the RFM view; the printable report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, shot, shots, text, count, importFile, kezhi, tempDir } from './harness.mjs';

let b, dir, csv, cli, rows, header;
before(async () => {
  b = await launch({ locale: 'en-US' });
  dir = tempDir('kezhi-drill-');
  csv = join(dir, 'retailer.csv');
  kezhi(['demo', '--customers', '2000', '--seed', '5', '--out', csv]);
  const scored = join(dir, 'scored.csv');
  cli = JSON.parse(kezhi(['score', csv, '--json', '--out', scored]));
  const lines = readFileSync(scored, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
  header = lines[0].split(',');
  rows = lines.slice(1).map((l) => l.split(','));
});
after(async () => { await b?.close(); });

/** Customers whose column `name` equals `value` in the CLI's scored CSV. */
const cliCount = (name, value) => rows.filter((r) => r[header.indexOf(name)] === value).length;
const listTotal = async (page) => {
  await page.getByTestId('list-total').filter({ hasText: /\d/ }).waitFor();
  return count(page, 'list-total');
};
const waitTotal = async (page, n) => {
  await page.waitForFunction((n) => {
    const el = document.querySelector('[data-testid=list-total]');
    return el && Number(el.textContent.replace(/\D/g, '')) === n;
  }, n, { timeout: 30_000 }).catch(() => {});
  return listTotal(page);
};

test('drill-downs open lists whose length is the chart\'s count and the engine\'s', async () => {
  const { page } = b;
  await importFile(page, csv);
  await page.locator('[data-testid="tab-tab.portfolio"]').click();
  await page.getByTestId('portfolio').waitFor({ timeout: 120_000 });

  // A tier (spend only: the CLI's count exactly).
  const gold = page.getByTestId('tier-gold');
  const goldCount = Number((await gold.getByTestId('class-count').innerText()).replace(/\D/g, ''));
  assert.equal(goldCount, cliCount('tier', 'Gold'));
  await gold.click();
  await page.getByTestId('customers').waitFor();
  assert.equal(await waitTotal(page, goldCount), goldCount, 'tier list');
  assert.match(await text(page, 'chip-tier:2'), /Tier: Gold/);
  // The address follows the view once the frame is drawn (deep_link.rs).
  await page.waitForFunction(() => location.hash.startsWith('#view=customers&f=tier:2&'), null, { timeout: 10_000, polling: 50 });
  await shot(page, 'customers-tier-en');
  // Removing the chip lists everyone.
  await page.getByTestId('chip-tier:2').getByRole('button').click();
  assert.equal(await waitTotal(page, 2000), 2000);

  // A value nine-grid cell (margin and efficiency: exact).
  await page.locator('[data-testid="tab-tab.portfolio"]').click();
  const cell = page.getByTestId('value_grid-8');
  const cellCount = Number((await cell.getByTestId('class-count').innerText()).replace(/\D/g, ''));
  assert.equal(cellCount, cliCount('value_grid_cell', 'high-high'));
  await cell.hover();
  assert.match(await text(page, 'value_grid-detail'), /Profile: .*Path up: /s);
  await shot(page, 'portfolio-grids-en');
  await cell.click();
  assert.equal(await waitTotal(page, cellCount), cellCount, 'grid cell list');

  // A pyramid level on the overview (ranked by CLV: the page's own count exactly, the CLI's within
  // two customers, as wasm and glibc differ in the last bit of the fit).
  await page.locator('[data-testid="tab-tab.overview"]').click();
  const level = page.getByTestId('pyramid-0').first();
  await level.waitFor({ timeout: 60_000 });
  const levelCount = Number(await level.getAttribute('data-count'));
  assert.ok(Math.abs(levelCount - cliCount('pyramid_level', 'A key')) <= 2, `${levelCount} vs ${cliCount('pyramid_level', 'A key')}`);
  await level.click();
  assert.equal(await waitTotal(page, levelCount), levelCount, 'pyramid list');

  // A segment on the RFM view (scores only: exact), the heatmap and the 8-class table.
  await page.locator('[data-testid="tab-tab.rfm"]').click();
  await page.getByTestId('rfm').waitFor();
  const heat = (await page.getByTestId('heat-count').allInnerTexts()).map((t) => Number(t.replace(/\D/g, '')));
  assert.equal(heat.length, 25);
  assert.equal(heat.reduce((a, c) => a + c, 0), 2000);
  const champions = Number((await page.getByTestId('segment-champions').getByTestId('segment-count').innerText()).replace(/\D/g, ''));
  assert.equal(champions, cliCount('rfm_segment', 'Champions'));
  for (const [key, label] of [['important_value', 'important value'], ['general_to_win_back', 'general to win back']]) {
    const n = Number((await page.getByTestId(`value-${key}`).getByTestId('class-count').innerText()).replace(/\D/g, ''));
    assert.equal(n, cliCount('value_class', label), key);
  }
  assert.match(await text(page, 'coverage'), /Every one of the 125/);
  await shot(page, 'rfm-en');
  await page.getByTestId('segment-champions').click();
  assert.equal(await waitTotal(page, champions), champions, 'segment list');

  // The language switch relabels the list (chips and headers).
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('chip-segment:0').filter({ hasText: '冠军客户' }).waitFor();
  assert.match(await page.locator('.list-head').innerText(), /客户.*收入.*毛利/s);
  await shot(page, 'customers-segment-zh');
  await page.locator('[data-testid="tab-tab.rfm"]').click();
  assert.match(await text(page, 'rfm'), /八类客户价值/);
  await shot(page, 'rfm-zh');
  await page.getByTestId('lang-switch').click();
  assert.deepEqual(b.consoleErrors, []);
});

test('the list is virtualised, searchable and opens a customer card', async () => {
  const { page } = b;
  await page.locator('[data-testid="tab-tab.customers"]').click();
  // Clear every filter.
  while (await page.locator('.chip .chip-x').count()) await page.locator('.chip .chip-x').first().click();
  assert.equal(await waitTotal(page, 2000), 2000);
  const rendered = await page.getByTestId('list-row').count();
  assert.ok(rendered > 10 && rendered < 60, `only the rows in view are in the page (${rendered})`);
  // Scroll to the end: the last customers arrive.
  await page.locator('.list-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.locator('[data-testid=list-row][data-row="1999"]').waitFor({ timeout: 15_000 });
  // Sort by revenue, highest first: the first row is the CLI's top spender.
  await page.locator('.list-scroll').evaluate((el) => { el.scrollTop = 0; });
  await page.getByTestId('sort-revenue').click();
  const id = header.indexOf('customer_id');
  const ids = rows.map((r) => r[id]);
  const first = await page.getByTestId('list-row').first().innerText();
  assert.ok(ids.includes(first.split(/\s/)[0]), first);
  // Search one id; open its card.
  const target = ids[123];
  await page.getByTestId('list-search').fill(target);
  await page.waitForFunction((t) => {
    const r = document.querySelectorAll('[data-testid=list-row]');
    return r.length >= 1 && r[0].textContent.includes(t);
  }, target);
  await page.getByTestId('list-row').first().click();
  await page.getByTestId('customer-card').waitFor();
  assert.ok((await text(page, 'card-id')).startsWith(target));
  assert.match(await text(page, 'customer-card'), /Pyramid level.*Tier/s);
  await shot(page, 'customer-card-en');
  await page.getByTestId('list-search').fill('');
});

test('the list export: a plain header first, its settings beside it, and it imports back to the same fit', async () => {
  const { page } = b;
  await page.locator('[data-testid="tab-tab.customers"]').click();
  await page.getByTestId('list-search').fill('');
  while (await page.locator('.chip .chip-x').count()) await page.locator('.chip .chip-x').first().click();
  assert.equal(await waitTotal(page, 2000), 2000);
  // Two files: the list, and the file, selection and settings it was made with.
  const downloads = [];
  const both = new Promise((resolve) => {
    const on = (d) => { downloads.push(d); if (downloads.length === 2) { page.off('download', on); resolve(); } };
    page.on('download', on);
  });
  await page.getByTestId('export-list').click();
  await both;
  const [list, side] = downloads;
  assert.match(list.suggestedFilename(), /_customers\.csv$/);
  assert.match(side.suggestedFilename(), /_customers_settings\.txt$/);
  const out = join(dir, list.suggestedFilename());
  await list.saveAs(out);
  const sideOut = join(dir, side.suggestedFilename());
  await side.saveAs(sideOut);
  const body = readFileSync(out, 'utf8');
  assert.equal(body.charCodeAt(0), 0xfeff, 'a BOM, so Excel reads the Chinese right');
  const lines = body.slice(1).trim().split('\n');
  assert.ok(lines[0].startsWith('customer_id,name,first_purchase,last_purchase,orders,revenue,margin'), lines[0].slice(0, 120));
  assert.match(lines[0], /,recency \(weeks\),T \(weeks\),/);
  assert.equal(lines.length - 1, 2000);
  const settings = readFileSync(sideOut, 'utf8');
  assert.match(settings, /^\uFEFFfile = retailer\.csv/);
  assert.match(settings, /horizon_months = 12/);
  const again = JSON.parse(kezhi(['score', out, '--json']));
  for (const k of ['r', 'alpha', 'a', 'b']) {
    const x = cli.bg_nbd[k], y = again.bg_nbd[k];
    assert.ok(Math.abs(x - y) <= 1e-3 * Math.abs(x), `${k}: ${x} vs ${y}`);
  }
});

test('deep links open the view and filter; ?demo=1 opens the demo; the report prints', async () => {
  const { page, base } = b;
  await page.goto(`${base}/index.html?demo=1#view=customers&f=tier:0&sort=revenue&desc=1`);
  await page.getByTestId('customers').waitFor({ timeout: 120_000 });
  await page.getByTestId('chip-tier:0').waitFor();
  const n = await listTotal(page);
  assert.ok(n > 0);
  // The filter menu's count for the class is the same number.
  await page.getByTestId('filter-dim').selectOption('tier');
  const option = await page.getByTestId('filter-class').locator('option[value="0"]').innerText();
  assert.equal(Number(option.replace(/.*\(|\).*/g, '').replace(/\D/g, '')), n);
  // The insights name the count their link opens.
  await page.locator('[data-testid="tab-tab.overview"]').click();
  const sentence = await text(page, 'insight-at_risk');
  const named = Number(sentence.match(/^([\d,]+)/)[1].replace(/,/g, ''));
  await page.getByTestId('insight-at_risk').getByRole('button').click();
  assert.equal(await waitTotal(page, named), named);
  assert.equal(await count(page, 'list-total'), named);
  await page.locator('[data-testid="tab-tab.overview"]').click();
  await shot(page, 'overview-demo-en');
  // The printable report: the cover with the data and every setting, then every view; print() is
  // called once the charts are drawn (stubbed here: headless Chromium has no print dialog).
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await page.getByTestId('print-report').click();
  await page.waitForFunction(() => window.__printed === 1, null, { timeout: 10_000 });
  assert.match(await text(page, 'report-cover'), /CLV horizon \(months\)\s+12/);
  assert.match(await text(page, 'report-cover'), /Value pyramid ranks by\s+CLV \(margin without a model\)/);
  for (const id of ['overview', 'rfm', 'clv', 'portfolio', 'lifecycle']) assert.equal(await page.getByTestId(id).count(), 1, id);
  assert.equal(await page.locator('canvas').count(), 5);
  // Chromium's own print to PDF: one section per page at least (cover, five views, more for long ones).
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync(join(shots, 'report.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 6, `${pages} pages`);
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'report-print');
  assert.equal(await page.locator('header.top').isVisible(), false);
  assert.equal(await page.locator('.chart-tools').first().isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
  // In Chinese the settings' values are in Chinese too, not the settings file's codes.
  await page.getByTestId('lang-switch').click();
  const cover = await text(page, 'report-cover');
  assert.match(cover, /模型时间单位\s+周/);
  assert.match(cover, /价值金字塔排序依据\s+CLV（无模型时按毛利）/);
  assert.match(cover, /分析日（留空 = 数据中最后日期）\s+数据中最后日期/);
  assert.doesNotMatch(cover, /ClvOrMargin|Week|quantiles|median|restarts/);
  // So are the settings lines under the charts.
  const rfmLine = await page.getByTestId('settings-line').filter({ hasText: '分群规则' }).first().innerText();
  assert.equal(rfmLine.trim(), '设置: RFM 分档 = 5 · M 口径 = 消费总额 · 评分分界 = 分位数 · 分群规则 = R × F 网格');
  await page.getByTestId('report-cover').screenshot({ path: join(shots, 'report-cover-zh.png') });
  await page.getByTestId('lang-switch').click();
  assert.deepEqual(b.consoleErrors, []);
  assert.deepEqual(b.foreignRequests(), []);
});
