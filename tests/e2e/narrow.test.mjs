// Narrow frames (issue 26, §5): at 820 px (an intranet iframe) and 390 px (a phone) no view scrolls
// sideways, in either language: wide tables scroll inside their own box. For each view the page's
// scrollWidth is measured against its clientWidth; on failure the test names the elements that stick
// out past the right edge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, shot } from './harness.mjs';

const TABS = ['overview', 'rfm', 'clv', 'portfolio', 'lifecycle', 'customers', 'scenarios', 'settings', 'report', 'import'];

for (const [locale, lang] of [['en-US', 'en'], ['zh-CN', 'zh']]) {
  test(`no view scrolls sideways at 820 and 390 px (${lang})`, async () => {
    const b = await launch({ locale });
    try {
      const { page } = b;
      await page.getByTestId('demo-button').click();
      await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 120_000 });
      const wide = [];
      for (const width of [820, 390]) {
        await page.setViewportSize({ width, height: 900 });
        for (const tab of TABS) {
          await page.locator(`[data-testid="tab-tab.${tab}"]`).click();
          await page.waitForTimeout(400);
          const m = await page.evaluate(() => {
            const doc = document.documentElement;
            const out = [];
            if (doc.scrollWidth > doc.clientWidth) {
              for (const el of document.querySelectorAll('body *')) {
                const r = el.getBoundingClientRect();
                // The outermost element past the edge: its parent is not past it too.
                const p = el.parentElement.getBoundingClientRect();
                if (r.right > doc.clientWidth + 1 && p.right <= doc.clientWidth + 1 && r.width > 0) {
                  out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}[${el.dataset.testid || ''}] ${Math.round(r.right)} px`);
                }
              }
            }
            return { scroll: doc.scrollWidth, client: doc.clientWidth, out: out.slice(0, 4) };
          });
          if (m.scroll > m.client) wide.push(`${width} px ${tab}: ${m.scroll} > ${m.client}: ${m.out.join(', ')}`);
          if (width === 820 || tab === 'clv' || tab === 'lifecycle' || tab === 'overview') await shot(page, `narrow-${width}-${tab}-${lang}`);
        }
      }
      assert.deepEqual(wide, []);
      assert.deepEqual(b.consoleErrors, []);
    } finally {
      await b.close();
    }
  });
}
