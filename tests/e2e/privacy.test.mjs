// Privacy, proven (issue 7): after load, nothing is requested — not by the page, the worker or the
// service worker — through every view and every export, with the demo and with real files; the
// Content-Security-Policy forbids other hosts in the page and in the worker; offline, the page reloads
// from its own cache and imports a file; "Forget everything" leaves nothing of Kezhi in the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, shot, importFile, count, fixtures, offlineReady } from './harness.mjs';

const TABS = ['overview', 'rfm', 'clv', 'portfolio', 'lifecycle', 'customers', 'scenarios', 'settings', 'report', 'import'];
const fx = (name) => join(fixtures, name);

/** Clicks every export button on the tab and waits for each download. */
async function exportEverything(page) {
  let n = 0;
  for (const button of await page.locator('[data-testid$="-svg"], [data-testid$="-png"], [data-testid=export-list], [data-testid=settings-export], [data-testid=download-rejects]').all()) {
    if (!(await button.isVisible())) continue;
    await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button.click()]);
    n += 1;
  }
  return n;
}

test('no request after load through every view and export, and none ever to another host', async () => {
  const b = await launch();
  try {
    const { page } = b;
    await offlineReady(b);
    const atLoad = b.requests.length;
    await page.getByTestId('demo-button').click();
    await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 120_000 });
    let exports = 0;
    for (const tab of TABS) {
      await page.locator(`[data-testid="tab-tab.${tab}"]`).click();
      await page.waitForTimeout(300);
      exports += await exportEverything(page);
    }
    // A real file, and one with rejected rows (their CSV download).
    await importFile(page, fx('en_transactions.csv'));
    await importFile(page, fx('bad_rows.csv'));
    exports += await exportEverything(page);
    assert.ok(exports >= 16, `only ${exports} exports were found to click`);
    const after = b.requests.slice(atLoad).filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
    assert.deepEqual(after, [], 'the demo, imports, every view and every export make no request');
    assert.deepEqual(b.foreignRequests(), []);
    // Nothing of the data is stored: no storage key, database or cookie; the cache holds only the
    // app's own files.
    const kept = await page.evaluate(async () => ({
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
      databases: (await indexedDB.databases()).map((d) => d.name),
      cached: (await (await caches.open('kezhi-app')).keys()).map((r) => new URL(r.url).pathname).sort(),
    }));
    assert.deepEqual({ ...kept, cached: undefined }, { local: [], session: [], databases: [], cached: undefined });
    assert.deepEqual(kept.cached, ['/', '/index.html', '/kezhi.js', '/kezhi_bg.wasm', '/main.css', '/public/icon.svg', '/public/sample_transactions.csv', '/worker_loader.js']);
    assert.deepEqual(await b.context.cookies(), []);
    assert.deepEqual(b.consoleErrors, []);
  } finally {
    await b.close();
  }
});

test('the policy forbids other hosts: a fetch, an image and a worker fetch are all refused', async () => {
  const b = await launch();
  try {
    const { page } = b;
    const header = await page.evaluate(async () => (await fetch('index.html')).headers.get('content-security-policy'));
    assert.match(header, /default-src 'none'/, 'the server sends the policy as a header too');
    const inPage = await page.evaluate(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      let fetched = 'allowed';
      try { await fetch('http://127.0.0.2:9/leak?x=1'); } catch { fetched = 'refused'; }
      await new Promise((ok) => { const img = new Image(); img.onerror = ok; img.onload = ok; img.src = 'http://127.0.0.2:9/pixel.gif'; });
      await new Promise((ok) => setTimeout(ok, 200));
      return { fetched, violations };
    });
    assert.equal(inPage.fetched, 'refused');
    assert.ok(inPage.violations.includes('connect-src') && inPage.violations.includes('img-src'), JSON.stringify(inPage.violations));
    while (page.workers().filter((w) => w.url().includes('worker_loader.js')).length < 2) await page.waitForEvent('worker');
    // Both workers: the one that imports and scores, and the fits worker (`?fits`).
    for (const worker of page.workers().filter((w) => w.url().includes('worker_loader.js'))) {
      const inWorker = await worker.evaluate(async () => {
        try { await fetch('http://127.0.0.2:9/leak'); return 'allowed'; } catch { return 'refused'; }
      });
      assert.equal(inWorker, 'refused', `the worker ${worker.url()} is bound by the policy too`);
    }
    assert.deepEqual(b.foreignRequests().filter((u) => !u.startsWith('http://127.0.0.2:9/')), []);
  } finally {
    await b.close();
  }
});

for (const prefix of ['', '/tools/kezhi']) {
  test(`offline${prefix ? ' under a sub-path' : ''}: the page reloads from its cache and imports a file`, async () => {
    const b = await launch({ prefix });
    try {
      const { page } = b;
      await offlineReady(b);
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      assert.equal(scope, `${b.base}/`);
      await b.stopServer();
      await page.reload();
      await page.getByTestId('drop-zone').waitFor({ timeout: 20_000 });
      await importFile(page, fx('en_transactions.csv'));
      assert.equal(await count(page, 'rows-read'), 10);
      await page.getByTestId('demo-button').click();
      await page.getByTestId('overview').waitFor({ timeout: 60_000 });
      assert.equal(await count(page, 'kpi-customers'), 5000);
      await shot(page, `offline${prefix ? '-subpath' : ''}`);
    } finally {
      await b.close();
    }
  });
}

test('forget everything: data, remembered settings, cache and service worker are gone', async () => {
  const b = await launch();
  try {
    const { page } = b;
    await offlineReady(b);
    await page.getByTestId('demo-button').click();
    await page.getByTestId('overview').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="tab-tab.settings"]').click();
    await page.getByTestId('settings-remember').check();
    await page.evaluate(() => localStorage.setItem('other-app', 'kept'));
    assert.ok(await page.evaluate(() => localStorage.getItem('kezhi.settings')), 'opted in: settings remembered');
    await page.getByTestId('forget-everything').click();
    await page.getByTestId('forgotten').waitFor();
    const left = await page.evaluate(async () => ({
      keys: Object.keys(localStorage),
      caches: await caches.keys(),
      workers: (await navigator.serviceWorker.getRegistrations()).length,
    }));
    assert.deepEqual(left, { keys: ['other-app'], caches: [], workers: 0 }, 'only the other application\'s key is left');
    assert.equal(await page.getByTestId('overview').count(), 0, 'the data is gone from the page');
    await shot(page, 'forgotten');
    await page.getByTestId('demo-button').click();
    await page.getByTestId('overview').waitFor({ timeout: 60_000 });
    assert.deepEqual(b.consoleErrors, []);
  } finally {
    await b.close();
  }
});
