// A failing worker leaves the page usable: it is restarted, the user is told, and a worker that can
// never start is not restarted forever.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, shot, count, fixtures } from './harness.mjs';

test('a worker that fails once is reported and replaced; the demo then works', async () => {
  // Without the service worker: once it is in charge (it claims the page as soon as it has cached the
  // app), the worker's load goes through it and the route sees only its fetch, so the one failure could
  // miss the worker (it did, once in a CI run).
  const b = await launch({ open: false, serviceWorkers: 'block' });
  try {
    let broken = 1;
    await b.context.route('**/worker_loader.js', async (route) => {
      if (broken-- > 0) await route.fulfill({ status: 200, contentType: 'text/javascript', body: 'throw new Error("a broken worker");' });
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
    await b.context.route('**/worker_loader.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: 'throw new Error("a broken worker");' }));
    await b.page.goto(`${b.base}/index.html`);
    await b.page.waitForFunction(() => document.querySelector('[data-testid=crash]')?.textContent.includes('reload the page'), null, { timeout: 30_000 });
    await b.page.waitForTimeout(1000);
    const loads = b.pageRequests.filter((u) => u.endsWith('/worker_loader.js')).length;
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
    await b.context.route('**/worker_loader.js', async (route) => {
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

test('a page and a worker of different builds: the page asks for a reload, and stays usable', async () => {
  // As after a new version is put on the server while the page is open and the worker is restarted:
  // the two cannot read each other's messages. Both ways are made here with bytes that no build reads;
  // then a worker that announces another build.
  const b = await launch();
  try {
    const { page } = b;
    await page.getByTestId('demo-button').click();
    await page.getByTestId('overview').waitFor({ timeout: 60_000 });
    const worker = () => page.workers().find((w) => w.url().endsWith('worker_loader.js'));
    // A request the worker cannot read: it answers in plain text.
    await worker().evaluate(() => self.onmessage(new MessageEvent('message', { data: { request: new Uint8Array([200]) } })));
    const notice = page.getByTestId('crash');
    await notice.waitFor({ timeout: 20_000 });
    assert.equal(await notice.getAttribute('data-kind'), 'Mismatch');
    assert.match(await notice.innerText(), /Kezhi was updated[\s\S]*Reload the page/);
    assert.match(await notice.locator('code').textContent(), /unreadable request/);
    assert.equal(await page.getByTestId('retry').count(), 0, 'a retry would meet the same other build');
    assert.equal(await page.getByTestId('overview').count(), 0, 'views of data the worker held are closed');
    await shot(page, 'fault-mismatch');
    // Still usable: the demo starts a worker again (of this build here) and works.
    await page.getByTestId('demo-button').click();
    await page.getByTestId('overview').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('crash').count(), 0);
    // A message the page cannot read.
    await worker().evaluate(() => self.postMessage(new Uint8Array([250, 250, 250, 250])));
    await notice.waitFor({ timeout: 20_000 });
    assert.equal(await notice.getAttribute('data-kind'), 'Mismatch');
    assert.match(await notice.locator('code').textContent(), /could not be read \(4 bytes\)/);
    await page.getByTestId('lang-switch').click();
    assert.match(await notice.innerText(), /客值已更新[\s\S]*请刷新页面/);
    assert.deepEqual(b.consoleErrors, []);
    // The notice's button reloads the page, which starts afresh.
    await page.getByTestId('reload').click();
    await page.getByTestId('drop-zone').waitFor({ timeout: 20_000 });
    assert.equal(await page.getByTestId('crash').count(), 0);
    // A worker of another build that the page could read: it says its build when it starts
    // (Response::Ready { build } in postcard, pinned by a_ready_of_another_build_is_these_bytes).
    for (let i = 0; i < 100 && !worker(); i++) await page.waitForTimeout(100);
    await worker().evaluate(() => self.postMessage(new Uint8Array([0, 16, ...new TextEncoder().encode('0000000000000000')])));
    await notice.waitFor({ timeout: 20_000 });
    assert.equal(await notice.getAttribute('data-kind'), 'Mismatch');
    assert.match(await notice.locator('code').textContent(), /worker is of build 0000000000000000, this page of build [0-9a-f]{16}/);
    assert.deepEqual(b.consoleErrors, []);
  } finally {
    await b.close();
  }
});

test('a worker whose bindings are of a newer build than the page asks for a reload at once', async () => {
  // The page runs its own wasm module in the worker, but the worker fetches the bindings (kezhi.js)
  // anew: after a new version went onto the server, they no longer link with the page's module.
  // Here every kezhi.js fetched after the worker's script (so the worker's, not the page's) asks the
  // module for an import it does not have.
  const b = await launch({ open: false, serviceWorkers: 'block' });
  try {
    let workerStarted = false;
    let altered = 0;
    await b.context.route('**/worker_loader.js', (route) => {
      workerStarted = true;
      return route.continue();
    });
    await b.context.route('**/kezhi.js', async (route) => {
      if (!workerStarted) return route.continue();
      const response = await route.fetch();
      const body = (await response.text()).replace(/(__proto__: null,\s+)__wbg_/, '$1__wbg_of_another_build_');
      assert.notEqual(body, await response.text(), 'the bindings were altered');
      altered++;
      await route.fulfill({ response, body });
    });
    await b.page.goto(`${b.base}/index.html`);
    const notice = b.page.getByTestId('crash');
    await notice.waitFor({ timeout: 20_000 });
    // Both workers load the bindings: the worker and the fits worker (src/worker/fits_worker.rs).
    assert.equal(altered, 2, 'the two workers were started once each, not restarted');
    assert.equal(await notice.getAttribute('data-kind'), 'Mismatch');
    assert.match(await notice.innerText(), /Kezhi was updated[\s\S]*Reload the page/);
    assert.match(await notice.locator('code').textContent(), /bindings \(kezhi\.js\) are of another build/);
    await b.page.getByTestId('lang-switch').click();
    assert.match(await b.page.getByTestId('privacy-line').innerText(), /您的文件/);
    await shot(b.page, 'fault-bindings-of-another-build');
  } finally {
    await b.close();
  }
});

/** Makes the worker commit a fault, as a bug or a too-large file would (Request::Fault, which the page
 *  itself never sends), from a task of its own so that it is uncaught there. */
async function fault(page, kind) {
  const worker = page.workers().find((w) => w.url().endsWith('worker_loader.js'));
  assert.ok(worker, 'the worker is running');
  // Request::Fault(Fault::Panic | Fault::OutOfMemory) in postcard (pinned by a unit test in
  // src/protocol.rs, the_fault_requests_the_browser_test_sends_are_these_bytes).
  const bytes = { Panic: [7, 0], OutOfMemory: [7, 1] }[kind];
  await worker.evaluate((b) => {
    setTimeout(() => self.onmessage(new MessageEvent('message', { data: { request: new Uint8Array(b) } })));
  }, bytes).catch(() => {});
}

for (const [kind, words] of [['Panic', /stopped on an internal error/], ['OutOfMemory', /could not give the analysis the memory it needed/]]) {
  test(`a worker that ${kind === 'Panic' ? 'panics' : 'runs out of memory'} is reported in plain words; retry and another file work`, async () => {
    const b = await launch();
    try {
      const { page } = b;
      await page.getByTestId('demo-button').click();
      await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 120_000 });
      await fault(page, kind);
      const notice = page.getByTestId('crash');
      await notice.waitFor({ timeout: 60_000 });
      assert.equal(await notice.getAttribute('data-kind'), kind === 'Panic' ? 'Bug' : 'OutOfMemory');
      assert.match(await notice.innerText(), words);
      if (kind === 'Panic') assert.match(await notice.locator('code').textContent(), /deliberate panic/);
      else assert.match(await notice.locator('code').textContent(), /MB more were needed with \d+ MB in use/);
      assert.equal(await page.getByTestId('overview').count(), 0, 'views of data the worker lost are closed');
      await shot(page, `fault-${kind}`);
      await page.getByTestId('retry').click();
      await page.getByTestId('overview').waitFor({ timeout: 60_000 });
      assert.equal(await count(page, 'kpi-customers'), 5000, 'retry runs the demo again');
      assert.equal(await page.getByTestId('crash').count(), 0);
      await page.getByTestId('file-input').setInputFiles(join(fixtures, 'en_transactions.csv'));
      await page.getByTestId('rows-read').waitFor({ timeout: 60_000 });
      assert.equal(await count(page, 'rows-read'), 10, 'another file loads');
    } finally {
      await b.close();
    }
  });
}
