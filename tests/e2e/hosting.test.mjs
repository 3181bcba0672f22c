// Intranet hosting: the built folder works from a sub-path, and inside an iframe of another page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, shot, count, tempDir } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';

/** GET `path` exactly as written (no normalising by a URL parser); resolves to the status code. */
function get(port, path) {
  return new Promise((ok, fail) => {
    request({ host: '127.0.0.1', port, path }, (res) => { res.resume(); ok(res.statusCode); }).on('error', fail).end();
  });
}

test('the static server refuses malformed and escaping paths and keeps serving', async () => {
  const base = tempDir('kezhi-serve-');
  const site = join(base, 'site');
  mkdirSync(site);
  mkdirSync(join(base, 'site2'));
  writeFileSync(join(site, 'index.html'), '<p>ok</p>');
  writeFileSync(join(base, 'site2', 'secret.txt'), 'not served');
  const server = await startServer(site, 0, '127.0.0.1');
  const { port } = server.address();
  try {
    assert.equal(await get(port, '//'), 400);
    assert.equal(await get(port, '/%E0%A4%A'), 400);
    // Dot segments are resolved by the URL parser (so these stay inside); an escaped slash is not,
    // and once decoded it would reach the sibling folder whose name starts with the served one's.
    assert.equal(await get(port, '/../site2/secret.txt'), 404);
    assert.equal(await get(port, '/..%2Fsite2%2Fsecret.txt'), 403);
    assert.equal(await get(port, '/..%2F..%2Fetc%2Fpasswd'), 403);
    assert.equal(await get(port, '/missing.js'), 404);
    assert.equal(await get(port, '/'), 200);
  } finally {
    await new Promise((ok) => server.close(ok));
  }
});

test('served from a sub-path, the app loads its wasm and worker and imports the demo', async () => {
  const b = await launch({ prefix: '/tools/kezhi' });
  try {
    await b.page.getByTestId('demo-button').click();
    await b.page.getByTestId('overview').waitFor({ timeout: 60_000 });
    assert.equal(await count(b.page, 'kpi-customers'), 5000);
    assert.ok(b.requests.every((u) => !u.startsWith(b.origin + '/') || u.startsWith(b.base + '/')), 'every request stays under the sub-path');
    assert.deepEqual(b.foreignRequests(), []);
    assert.deepEqual(b.consoleErrors, []);
  } finally {
    await b.close();
  }
});

test('embedded in an iframe, the app works and the language switch works', async () => {
  const b = await launch({ open: false });
  try {
    await b.page.setContent(`<h1>Intranet portal</h1><iframe id="k" src="${b.base}/index.html" style="width:1200px;height:800px;border:1px solid #999"></iframe>`);
    const app = b.page.frameLocator('#k');
    await app.getByTestId('demo-button').click();
    await app.getByTestId('overview').waitFor({ timeout: 60_000 });
    assert.equal(Number((await app.getByTestId('kpi-customers').innerText()).replace(/\D/g, '')), 5000);
    await app.getByTestId('lang-switch').click();
    assert.match(await app.getByTestId('privacy-line').innerText(), /您的文件不会离开本页面/);
    await shot(b.page, 'iframe-demo');
    assert.deepEqual(b.foreignRequests(), []);
  } finally {
    await b.close();
  }
});

test('embedded in a portal page of the same host, the framed app registers its offline copy', async () => {
  // A secure-context parent (the about:blank above is not one, so no service worker exists there).
  const b = await launch({ open: false, prefix: '/tools/kezhi' });
  try {
    const portal = `${b.origin}/portal/index.html`;
    await b.page.route(portal, (r) => r.fulfill({
      contentType: 'text/html',
      body: `<h1>Intranet portal</h1><iframe id="k" src="${b.base}/index.html" style="width:1200px;height:800px;border:0"></iframe>`,
    }));
    await b.page.goto(portal);
    const app = b.page.frameLocator('#k');
    await app.getByTestId('demo-button').click();
    await app.getByTestId('overview').waitFor({ timeout: 60_000 });
    const frame = b.page.frames().find((f) => f.url().startsWith(`${b.base}/index.html`));
    assert.ok(frame, 'the app frame');
    const scope = await frame.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, `${b.base}/`, 'the service worker is scoped to the app\'s folder, not the portal');
    assert.deepEqual(b.foreignRequests(), []);
  } finally {
    await b.close();
  }
});
