// Intranet use: `?src=` loads a file from the same server at start (never another origin),
// `?settings=` sets the settings first; the anonymise switch masks ids and names on screen and in the
// export with stable pseudonyms; the framed page fits a narrow container.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, shot, count, text, root, kezhi } from './harness.mjs';

const sample = join(root, 'dist', 'public', 'sample_transactions.csv');

test('?src= loads a same-origin file at start, with ?settings=, and opens the linked view', async () => {
  const cli = JSON.parse(kezhi(['import', sample, '--json']));
  const b = await launch({ open: false, prefix: '/tools/kezhi' });
  try {
    const settings = encodeURIComponent(JSON.stringify({ horizon_months: 6 }));
    await b.page.goto(`${b.base}/index.html?src=public/sample_transactions.csv&settings=${settings}#view=overview`);
    await b.page.getByTestId('overview').waitFor({ timeout: 60_000 });
    assert.equal(await count(b.page, 'kpi-customers'), cli.customers);
    await b.page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 60_000 });
    assert.match(await b.page.getByTestId('overview').innerText(), /CLV horizon \(months\) = 6/);
    assert.deepEqual(b.foreignRequests(), []);
    await shot(b.page, 'src-overview');
    // Settings from a JSON file published beside Kezhi (as the Settings view exports them).
    await b.page.route(`${b.base}/team.json`, (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify({ horizon_months: 9 }) }));
    await b.page.goto(`${b.base}/index.html?src=public/sample_transactions.csv&settings=team.json#view=overview`);
    await b.page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 60_000 });
    assert.match(await b.page.getByTestId('overview').innerText(), /CLV horizon \(months\) = 9/);
    // Anonymised, the address leaves the file's path out, and gets it back when the switch is off.
    await b.page.getByTestId('anonymise').click();
    await b.page.waitForFunction(() => !location.search.includes('src='));
    assert.match(b.page.url(), /\?settings=team\.json#view=overview$/);
    await b.page.getByTestId('anonymise').click();
    await b.page.waitForFunction(() => location.search.includes('src=public/sample_transactions.csv'));
  } finally {
    await b.close();
  }
});

test("a ?settings= that cannot be used is said in the page's language, and the file loads with the settings in force", async () => {
  const b = await launch({ open: false });
  try {
    const bad = encodeURIComponent(JSON.stringify({ horizon_months: 600 }));
    await b.page.goto(`${b.base}/index.html?src=public/sample_transactions.csv&settings=${bad}#view=overview`);
    await b.page.getByTestId('settings-link-refused').waitFor({ timeout: 20_000 });
    assert.match(await text(b.page, 'settings-link-refused'), /^The address's \?settings=\{"horizon_months":600\} was not applied: The CLV horizon must be 1 to 120 months\. The settings in force stay\.$/);
    await b.page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 60_000 });
    assert.match(await b.page.getByTestId('overview').innerText(), /CLV horizon \(months\) = 12/);
    assert.equal(await b.page.getByTestId('crash').count(), 0, 'a bad link is not a crash');
    await b.page.getByTestId('lang-switch').click();
    assert.match(await text(b.page, 'settings-link-refused'), /未被采用：CLV 预测期须为 1 到 120 个月。当前设置保持不变。/);
    await shot(b.page, 'settings-link-refused-zh');
    await b.page.getByTestId('lang-switch').click();
    // A settings file on another server: refused without a request.
    const other = `http://localhost:${new URL(b.origin).port}/team.json`;
    await b.page.goto(`${b.base}/index.html?settings=${encodeURIComponent(other)}`);
    await b.page.getByTestId('settings-link-refused').waitFor({ timeout: 20_000 });
    assert.match(await text(b.page, 'settings-link-refused'), /is not on this server, and settings are read only from the server Kezhi is served from/);
    assert.ok(!b.requests.some((u) => u.startsWith('http://localhost:')), 'nothing was fetched from the other origin');
    await shot(b.page, 'settings-link-refused-en');
  } finally {
    await b.close();
  }
});

test('?src= on another origin is refused without a request; a missing file says so', async () => {
  const b = await launch({ open: false });
  try {
    const other = `http://localhost:${new URL(b.origin).port}/public/sample_transactions.csv`;
    await b.page.goto(`${b.base}/index.html?src=${encodeURIComponent(other)}`);
    await b.page.getByTestId('import-error').waitFor({ timeout: 20_000 });
    assert.match(await text(b.page, 'import-error'), /is on another server\. Kezhi loads \?src= files only from the server it is served from/);
    assert.ok(!b.requests.some((u) => u.startsWith('http://localhost:')), 'nothing was fetched from the other origin');
    await b.page.goto(`${b.base}/index.html?src=exports/missing.csv`);
    await b.page.getByTestId('import-error').waitFor({ timeout: 20_000 });
    assert.match(await text(b.page, 'import-error'), /missing\.csv: .*could not be fetched from this server \(HTTP 404\)/);
    await shot(b.page, 'src-refused');
  } finally {
    await b.close();
  }
});

test('anonymise masks ids and names in the list, the card and the export, and switches back', async () => {
  const b = await launch();
  try {
    const { page } = b;
    await page.getByTestId('demo-button').click();
    await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 120_000 });
    await page.locator('[data-testid="tab-tab.customers"]').click();
    await page.getByTestId('list-row').first().waitFor();
    const real = await page.getByTestId('list-row').first().innerText();
    assert.match(real, /C\d{6}/);
    await page.getByTestId('list-row').first().click();
    await page.getByTestId('customer-card').waitFor();
    await page.getByTestId('anonymise').click();
    await page.waitForFunction(() => /^Customer-\d{4}/.test(document.querySelector('[data-testid=list-row]')?.innerText || ''));
    const masked = await page.getByTestId('list-row').first().innerText();
    assert.doesNotMatch(masked, /C\d{6}/);
    assert.doesNotMatch(masked, /[\u4e00-\u9fff]{2,3}\s/, 'no Chinese name shown');
    await page.waitForFunction(() => /Customer-\d{4}/.test(document.querySelector('[data-testid=card-id]')?.innerText || ''));
    assert.doesNotMatch(await text(page, 'customer-card'), /C\d{6}/);
    await shot(page, 'anonymised-list');
    // The search matches pseudonyms only: a real id finds nobody.
    const realId = real.match(/C\d{6}/)[0];
    await page.getByTestId('list-search').fill(realId);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=list-row]').length === 0);
    await page.getByTestId('list-search').fill('Customer-0001');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=list-row]').length === 1);
    await page.getByTestId('list-search').fill('');
    await page.getByTestId('list-row').nth(1).waitFor();
    const downloads = [];
    const on = (d) => downloads.push(d);
    page.on('download', on);
    await page.getByTestId('export-list').click();
    for (let i = 0; i < 100 && downloads.length < 2; i++) await page.waitForTimeout(100);
    page.off('download', on);
    const body = readFileSync(await downloads[0].path(), 'utf8');
    const side = readFileSync(await downloads[1].path(), 'utf8');
    assert.match(side, /anonymised = ids replaced by pseudonyms/);
    assert.doesNotMatch(side, /\bC\d{6}\b/, 'no real id beside it');
    assert.doesNotMatch(body, /\bC\d{6}\b/, 'no real id in the export');
    assert.match(body, /\nCustomer-\d{4},/);
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => /^客户-\d{4}/.test(document.querySelector('[data-testid=list-row]')?.innerText || ''));
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('anonymise').click();
    await page.waitForFunction(() => /C\d{6}/.test(document.querySelector('[data-testid=list-row]')?.innerText || ''));
    assert.deepEqual(b.consoleErrors, []);
  } finally {
    await b.close();
  }
});

test('framed in a narrow container, the page fits its width', async () => {
  const b = await launch({ open: false });
  try {
    const portal = `${b.origin}/portal.html`;
    await b.page.route(portal, (r) => r.fulfill({ contentType: 'text/html', body: `<iframe id="k" src="${b.base}/index.html?demo=1#view=overview" style="width:820px;height:700px;border:0"></iframe>` }));
    await b.page.goto(portal);
    const frame = b.page.frameLocator('#k');
    await frame.getByTestId('overview').waitFor({ timeout: 60_000 });
    const app = b.page.frames().find((f) => f.url().includes('/index.html'));
    const overflow = await app.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${overflow}px wider than its frame`);
    await shot(b.page, 'iframe-narrow');
  } finally {
    await b.close();
  }
});
