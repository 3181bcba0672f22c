// The worker holds an import's fits until the page has drawn the import (src/worker/pending_fits.rs),
// so the page lays it out with a core free; a page that draws no frame holds them back 1 s at most.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

/** Opens the demo and returns the worker's `fits_waited`: [ms, whether the page's Shown ended it]. */
async function demoFitsWaited(b) {
  await b.page.goto(`${b.base}/index.html?demo=1`);
  // Polled on a timer: Playwright's default polling waits for animation frames.
  await b.page.waitForFunction(() => window.__kezhiFitsWaited, null, { timeout: 180_000, polling: 50 });
  return b.page.evaluate(() => window.__kezhiFitsWaited);
}

test('the fits start when the page says the import is drawn', async () => {
  const b = await launch({ open: false });
  try {
    const [ms, shown] = await demoFitsWaited(b);
    assert.equal(shown, true, `the page's Shown ended the wait (waited ${ms} ms)`);
    assert.ok(ms > 0 && ms < 1000, `waited ${ms} ms`);
    await b.page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 180_000 });
    assert.deepEqual(b.consoleErrors, []);
  } finally {
    await b.close();
  }
});

test('a page that draws no frame (a hidden tab) holds the fits back 1 s at most', async () => {
  const b = await launch({ open: false });
  try {
    await b.page.addInitScript(() => { window.requestAnimationFrame = () => 0; });
    const [ms, shown] = await demoFitsWaited(b);
    assert.equal(shown, false, 'the worker went on by itself');
    assert.ok(ms >= 995 && ms < 3000, `waited ${ms} ms`);
    await b.page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 180_000 });
  } finally {
    await b.close();
  }
});
