// Shared browser-test harness: serves dist/ on a free loopback port, launches Debian's Chromium
// through playwright-core, records console errors and every request (page and worker), and saves
// screenshots under tests/e2e/screenshots/ (git-ignored).
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');
export const fixtures = join(root, 'tests', 'fixtures');
export const shots = join(here, 'screenshots');
mkdirSync(shots, { recursive: true });

/** A fresh directory under the system's temp folder, removed when the test process exits. Before,
 *  every browser profile (about 8 MB) and test file stayed behind: 2,405 profiles and 53 copies of the
 *  37 MB large-file fixture filled this machine's disk and failed a CI run. */
const made = [];
process.on('exit', () => { for (const d of made) rmSync(d, { recursive: true, force: true }); });
export function tempDir(prefix) {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** `serviceWorkers: 'block'` keeps the app's service worker from registering (Playwright's option), for a
 *  test whose routes must see every load of the page and its worker. */
export async function launch({ locale = 'en-US', prefix = '', open = true, serviceWorkers = 'allow' } = {}) {
  const server = await startServer(join(root, 'dist'), 0, '127.0.0.1', prefix);
  const port = server.address().port;
  const origin = `http://127.0.0.1:${port}`;
  const base = origin + prefix;
  const userDataDir = tempDir('kezhi-chromium-');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    locale,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    serviceWorkers,
  });
  const requests = [];
  // Requests of the page and its worker, without the service worker's own fetches on their behalf
  // (with it in charge, each file the page loads shows twice in `requests`).
  const pageRequests = [];
  const serviceWorkerRequests = [];
  context.on('request', (r) => {
    requests.push(r.url());
    (r.serviceWorker() ? serviceWorkerRequests : pageRequests).push(r.url());
  });
  const page = context.pages()[0] || (await context.newPage());
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  if (open) {
    await page.goto(`${base}/index.html`);
    await page.getByTestId('drop-zone').waitFor();
  }
  return {
    page, context, base, origin, requests, pageRequests, serviceWorkerRequests, consoleErrors,
    async close() {
      // A test that fails part way leaves its page's errors unread: said here, so a rare failure in
      // CI's log can be told apart (a panic, a refused request) from slowness.
      if (consoleErrors.length) process.stderr.write(`page errors before close:\n  ${consoleErrors.join('\n  ')}\n`);
      await context.close();
      if (server.listening) await new Promise((ok) => server.close(ok));
      rmSync(userDataDir, { recursive: true, force: true });
    },
    /** Takes the server away, as a lost network would: no new connection, and open ones cut. */
    async stopServer() { server.closeAllConnections(); await new Promise((ok) => server.close(ok)); },
    /** Requests that went anywhere but the local server. */
    foreignRequests() {
      return requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('blob:') && !u.startsWith('data:') && u !== 'about:blank');
    },
  };
}

/** How many files sw.js caches (its APP list). */
const APP_FILES = readFileSync(join(root, 'sw.js'), 'utf8').match(/const APP = \[([^\]]*)\]/)[1].match(/'[^']*'/g).length;

/** Waits until the service worker controls the page and has the app cached, and until every request
 *  of the load has reached this harness, so that what follows is "after load". Playwright reports the
 *  worker's and the service worker's requests through their own sessions; on a loaded machine they
 *  arrived after the cache was full (CI of 6f023c9: the privacy test counted the service worker's
 *  install fetches as requests after load). So this also waits to have seen the service worker fetch
 *  each app file and the page start its worker (worker_loader.js), and then for 500 ms without a request.
 *  Takes what `launch` returned. */
export async function offlineReady(b) {
  await b.page.waitForFunction(async (n) => {
    if (!navigator.serviceWorker?.controller) return false;
    const c = await caches.open('kezhi-app');
    return (await c.keys()).length >= n;
  }, APP_FILES, { timeout: 30_000, polling: 200 });
  const deadline = Date.now() + 30_000;
  const pause = (ms) => new Promise((ok) => setTimeout(ok, ms));
  for (;;) {
    const seen = b.requests.length;
    const installed = new Set(b.serviceWorkerRequests.filter((u) => !u.endsWith('/sw.js'))).size >= APP_FILES;
    const workerLoaded = b.pageRequests.some((u) => u.endsWith('/worker_loader.js'));
    if (installed && workerLoaded) {
      await pause(500);
      if (b.requests.length === seen) return;
    } else if (Date.now() > deadline) {
      throw new Error(`the load's requests never all arrived: service worker ${JSON.stringify(b.serviceWorkerRequests)}, page ${JSON.stringify(b.pageRequests)}`);
    } else {
      await pause(100);
    }
  }
}

export async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Picks a fixture file through the file input and waits until the page shows the result for
 *  that file (its name in the mapping screen or in the error), never a previous file's. */
export async function importFile(page, file) {
  const name = file.split('/').pop();
  await page.getByTestId('file-input').setInputFiles(file);
  await page.waitForFunction((n) => {
    if (document.querySelector('[data-testid=progress]')) return false;
    const err = document.querySelector('[data-testid=import-error]');
    const line = document.querySelector('[data-testid=mapping] .file-line');
    const crash = document.querySelector('[data-testid=crash]');
    return crash || (err && err.textContent.includes(n)) || (line && line.textContent.includes(n) && document.querySelector('[data-testid=import-report]'));
  }, name, { timeout: 60_000 });
}

/** Presents the deck and calls `visit(k)` on each slide k (0-based) in turn, then leaves it (Escape). */
export async function eachSlide(page, visit) {
  await page.getByTestId('present').click();
  await page.getByTestId('slide-0').waitFor();
  const slides = Number((await page.getByTestId('slide-counter').innerText()).split('/')[1]);
  for (let k = 0; k < slides; k++) {
    await page.getByTestId(`slide-${k}`).waitFor();
    await visit(k);
    await page.keyboard.press('ArrowRight');
  }
  await page.keyboard.press('Escape');
}

export async function text(page, testid) {
  return (await page.getByTestId(testid).first().innerText()).trim();
}

/** "1,234" → 1234 */
export async function count(page, testid) {
  return Number((await text(page, testid)).replace(/[^0-9]/g, ''));
}

/** Runs the native CLI built by `cargo test` (scripts/test.sh runs it first), or a release build. */
export function kezhi(args) {
  const bin = ['debug', 'release'].map((p) => join(root, 'target', p, 'kezhi')).find(existsSync);
  if (!bin) throw new Error('the kezhi CLI is not built (cargo test builds target/debug/kezhi)');
  return execFileSync(bin, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Share of a canvas's pixels that are not near-white. */
export function inked(page, testid) {
  return page.getByTestId(testid).evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) n++;
    return n / (d.length / 4);
  });
}
