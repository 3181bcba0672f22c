// Presentation mode (issue 8): one slide at a time in the story's order, moved by the keyboard and
// the arrows, in the page's language, printed as a deck of six pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, shot, text } from './harness.mjs';

test('present: slides in order, keys move, Escape leaves, the deck prints', async () => {
  const b = await launch({ locale: 'zh-CN' });
  try {
    const { page } = b;
    await page.setViewportSize({ width: 1600, height: 900 });
    await page.getByTestId('demo-button').click();
    await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 120_000 });
    await page.getByTestId('present').click();
    await page.getByTestId('slide-0').waitFor();
    assert.equal(await text(page, 'slide-counter'), '1 / 6');
    assert.match(await page.getByTestId('slide-0').innerText(), /^客户资产/);
    assert.ok(await page.getByTestId('slide-0').getByTestId('equity-total').isVisible());
    await shot(page, 'present-1-equity-zh');
    const titles = ['客户资产', '客户价值金字塔与二八法则', 'RFM：谁最近买、常买、多买', '客户资产组合', '客户生命周期', '情景模拟：客户资产从何增长'];
    for (let k = 1; k < 6; k++) {
      await page.keyboard.press(k % 2 ? 'ArrowRight' : 'PageDown');
      await page.getByTestId(`slide-${k}`).waitFor();
      assert.equal(await text(page, 'slide-counter'), `${k + 1} / 6`);
      assert.match(await page.getByTestId(`slide-${k}`).locator('.slide-title').innerText(), new RegExp(`^${titles[k].replace(/[()]/g, '\\$&')}`));
      await shot(page, `present-${k + 1}-zh`);
    }
    await page.keyboard.press('ArrowRight');
    assert.equal(await text(page, 'slide-counter'), '6 / 6', 'the last slide stays');
    await page.keyboard.press('Home');
    assert.equal(await text(page, 'slide-counter'), '1 / 6');
    await page.getByTestId('slide-next').click();
    assert.equal(await text(page, 'slide-counter'), '2 / 6');
    // The deck: every slide at once for the printer.
    await page.evaluate(() => { window.print = () => { window.__printedSlides = document.querySelectorAll('.slide').length; }; });
    await page.getByTestId('slides-print').click();
    await page.waitForFunction(() => window.__printedSlides !== undefined, null, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => window.__printedSlides), 6);
    await page.keyboard.press('Escape');
    assert.equal(await page.getByTestId('presentation').count(), 0);
    assert.ok(await page.getByTestId('overview').isVisible(), 'back where it was');
    assert.deepEqual(b.consoleErrors, []);
  } finally {
    await b.close();
  }
});
