// A failing worker leaves the page usable: it is restarted, the user is told, and a worker that can
// never start is not restarted forever.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, shot, count } from './harness.mjs';

test('a worker that fails once is reported and replaced; the demo then works', async () => {
  const b = await launch({ open: false });
  try {
    let broken = 1;
    await b.context.route('**/worker_bg.wasm', async (route) => {
      if (broken-- > 0) await route.fulfill({ status: 200, contentType: 'application/wasm', body: 'not wasm' });
      else await route.continue();
    });
    await b.page.goto(`${b.base}/index.html`);
    await b.page.getByTestId('crash').waitFor({ timeout: 20_000 });
    await shot(b.page, 'fault-worker-restarted');
    await b.page.getByTestId('demo-button').click();
    await b.page.getByTestId('overview').waitFor({ timeout: 60_000 });
    assert.equal(await count(b.page, 'kpi-customers'), 5000);
    assert.equal(await b.page.getByTestId('crash').count(), 0, 'the notice goes once the worker answers');
  } finally {
    await b.close();
  }
});

test('a worker that can never start is given up after a few tries and the page stays usable', async () => {
  const b = await launch({ open: false });
  try {
    await b.context.route('**/worker_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: 'not wasm' }));
    await b.page.goto(`${b.base}/index.html`);
    await b.page.waitForFunction(() => document.querySelector('[data-testid=crash]')?.textContent.includes('reload the page'), null, { timeout: 30_000 });
    await b.page.waitForTimeout(1000);
    const loads = b.requests.filter((u) => u.endsWith('/worker_loader.js')).length;
    assert.ok(loads <= 4, `worker started ${loads} times`);
    await b.page.getByTestId('lang-switch').click();
    assert.match(await b.page.getByTestId('privacy-line').innerText(), /您的文件/);
    await b.page.getByTestId('demo-button').click();
    await b.page.waitForTimeout(1000);
    assert.equal(await b.page.getByTestId('progress').count(), 0, 'no progress bar left spinning');
    await shot(b.page, 'fault-worker-gave-up');
  } finally {
    await b.close();
  }
});

test('a request made before the worker has loaded is queued, not lost', async () => {
  const b = await launch({ open: false });
  try {
    await b.context.route('**/worker_bg.wasm', async (route) => {
      await new Promise((ok) => setTimeout(ok, 1500));
      await route.continue();
    });
    await b.page.goto(`${b.base}/index.html`);
    await b.page.getByTestId('demo-button').click();
    await b.page.getByTestId('overview').waitFor({ timeout: 60_000 });
    assert.equal(await count(b.page, 'kpi-customers'), 5000);
  } finally {
    await b.close();
  }
});
