// While the page waits for a file, it draws the worker's warm-up import and scores once, outside the
// document (src/ui/warm_up.rs), so the first real import does not compile that code in its own task.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, importFile, count, fixtures, shot } from './harness.mjs';

test('the page draws the warm-up where nobody sees it, and a real import after it is untouched', async () => {
  const b = await launch();
  try {
    const { page } = b;
    // Five parts of the import screen, everything under the header on the import tab, then on the
    // overview with the warm-up's scores. Polled on a timer (the default waits for animation frames).
    await page.waitForFunction(() => window.__kezhiPageWarmUp?.length === 7, null, { timeout: 120_000, polling: 50 });
    const spent = await page.evaluate(() => window.__kezhiPageWarmUp);
    assert.ok(spent.every((ms) => ms >= 0 && ms < 5000), `each drawing's ms: ${spent}`);
    // The import tab's drawing was laid out once (attached, invisible and inert, for one frame) and
    // then taken away again.
    await page.waitForFunction(() => window.__kezhiWarmUpLaidOut !== undefined, null, { timeout: 10_000, polling: 50 });
    assert.ok(await page.evaluate(() => window.__kezhiWarmUpLaidOut) > 500, 'laid out at its full height');
    assert.equal(await page.locator('main').count(), 1);
    assert.equal(await page.locator('[inert]').count(), 0);
    // Nothing of it stayed in the document: still the landing page, no tabs, no import screen.
    for (const id of ['mapping', 'preview', 'import-report', 'tab-tab.overview', 'fit-report']) {
      assert.equal(await page.getByTestId(id).count(), 0, `${id} is not in the document`);
    }
    assert.equal(await page.getByTestId('drop-zone').count(), 1);
    await shot(page, 'warm-up-landing');
    // The first real import shows its own file, not the warm-up's.
    await importFile(page, join(fixtures, 'en_transactions.csv'));
    assert.equal(await count(page, 'rows-read'), 10);
    assert.equal(await count(page, 'customers'), 4);
    assert.match(await page.getByTestId('mapping').innerText(), /en_transactions\.csv/);
    assert.equal(await page.getByTestId('mapping').count(), 1);
    await shot(page, 'warm-up-then-import');
    assert.deepEqual(b.consoleErrors, []);
  } finally {
    await b.close();
  }
});
