// Every view with the demo data, in both languages, on a 1280×800 laptop and a 1920×1080 projector:
// no console error, every canvas drawn, no string-table key left on screen (a missing translation
// shows as its key), and a screenshot of each for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, shot, inked } from './harness.mjs';

const TABS = ['overview', 'rfm', 'clv', 'portfolio', 'lifecycle', 'customers', 'scenarios', 'settings', 'import'];
let b;
before(async () => { b = await launch({ locale: 'zh-CN', open: false }); });
after(async () => { await b?.close(); });

test('every view renders in both languages at laptop and projector sizes', async () => {
  const { page, base } = b;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${base}/index.html?demo=1#view=overview`);
  await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 180_000 });
  for (const [lang, size] of [['zh', [1280, 800]], ['en', [1920, 1080]]]) {
    await page.setViewportSize({ width: size[0], height: size[1] });
    const isZh = (await page.locator('html').getAttribute('lang')) === 'zh-CN';
    if ((lang === 'zh') !== isZh) await page.getByTestId('lang-switch').click();
    for (const tab of TABS) {
      await page.locator(`[data-testid="tab-tab.${tab}"]`).click();
      await page.waitForTimeout(150);
      const body = await page.locator('main').innerText();
      const keys = body.match(/\b(?:tab|overview|rfm|clv|customers|settings|portfolio|life|fit|map|report|busy|landing|chart|scenario|equity|crash|privacy)\.[a-z_]+\b/g) || [];
      assert.deepEqual(keys, [], `${tab} (${lang}) shows string keys`);
      if (lang === 'zh') assert.match(body, /[\u4e00-\u9fff]/, `${tab} speaks Chinese`);
      for (const c of await page.locator('canvas').all()) {
        const id = await c.getAttribute('data-testid');
        assert.ok(await inked(page, id) > 0.01, `${tab}: ${id} is drawn`);
      }
      // Nothing wider than the window (readable on the laptop without sideways scrolling).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${tab} (${lang}) is ${overflow}px wider than the window`);
      await shot(page, `view-${tab}-${lang}-${size[0]}`);
    }
  }
  assert.deepEqual(b.consoleErrors, []);
  assert.deepEqual(b.foreignRequests(), []);
});
