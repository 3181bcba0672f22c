// Presentation mode (issues 8 and 26): a deck of one chart or table per slide in the story's order —
// a title slide with the file's period and counts, findings as titles, the baseline scenario when none
// is saved, an appendix with the settings — each slide fitting the window at 1280×720 and 1920×1080
// without scrolling, moved by the keyboard and the arrows, printed one 16:9 page per slide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, shot, text } from './harness.mjs';

const KINDS = ['Title', 'Equity', 'Pareto', 'Pyramid', 'Segments', 'Heatmap', 'Gmcb', 'Veteran', 'Lifecycle', 'Scenario', 'Appendix'];

/** Waits for the slide's content to be fitted, then measures it against the window. */
async function measure(page, k) {
  const slide = page.getByTestId(`slide-${k}`);
  await slide.waitFor();
  await page.waitForTimeout(400);
  return slide.evaluate((el) => {
    const content = el.querySelector('.slide-content').getBoundingClientRect();
    const title = el.querySelector('.slide-title').getBoundingClientRect();
    const root = document.scrollingElement;
    return {
      kind: el.dataset.slide,
      title: el.querySelector('.slide-title').innerText,
      bottom: Math.max(content.bottom, title.bottom),
      right: Math.max(content.right, title.right),
      scale: Number(el.querySelector('.slide-content').dataset.scale || '1'),
      scrolls: root.scrollHeight > innerHeight + 1 || root.scrollWidth > innerWidth + 1,
      text: el.innerText,
    };
  });
}

for (const [width, height, lang] of [[1280, 720, 'en'], [1920, 1080, 'en'], [1280, 720, 'zh'], [1920, 1080, 'zh']]) {
  test(`every slide fits ${width}×${height} and states its finding (${lang})`, async () => {
    const b = await launch({ locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    try {
      const { page } = b;
      await page.setViewportSize({ width, height });
      await page.getByTestId('demo-button').click();
      await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 120_000 });
      await page.getByTestId('present').click();
      await page.getByTestId('slide-0').waitFor();
      assert.equal(await text(page, 'slide-counter'), `1 / ${KINDS.length}`);
      const seen = [];
      for (let k = 0; k < KINDS.length; k++) {
        if (k > 0) await page.keyboard.press(k % 2 ? 'ArrowRight' : 'PageDown');
        const m = await measure(page, k);
        seen.push(m.kind);
        assert.ok(m.bottom <= height + 1 && m.right <= width + 1, `${m.kind} ends at ${m.right}×${m.bottom}`);
        assert.ok(!m.scrolls, `${m.kind}: the page scrolls`);
        assert.ok(m.scale >= 0.45, `${m.kind} is shrunk to ${m.scale}`);
        assert.ok(m.title.length > 8, `${m.kind} has a title`);
        await shot(page, `slide-${k + 1}-${m.kind.toLowerCase()}-${lang}-${width}`);
        if (m.kind === 'Title') {
          assert.match(m.text, /2023-01-01 – 2025-12-31/);
          assert.match(m.text, /5,000/);
        }
        if (m.kind === 'Pareto') assert.match(m.title, lang === 'zh' ? /前 20% 的客户贡献了 [\d.]+% 的毛利/ : /The top 20% of customers bring [\d.]+% of the margin/);
        if (m.kind === 'Pyramid') assert.match(m.title, lang === 'zh' ? /D 维持客户占过去毛利/ : /D maintain holds/);
        if (m.kind === 'Scenario') {
          assert.ok(await page.getByTestId(`slide-${k}`).getByTestId('waterfall').isVisible(), 'the baseline waterfall with no scenario saved');
          assert.ok(await page.getByTestId('slide-baseline').isVisible(), 'said to be the baseline');
        }
        if (m.kind === 'Appendix') assert.match(m.text, lang === 'zh' ? /毛利率/ : /[Mm]argin rate/);
      }
      assert.deepEqual(seen, KINDS);
      await page.keyboard.press('ArrowRight');
      assert.equal(await text(page, 'slide-counter'), `${KINDS.length} / ${KINDS.length}`, 'the last slide stays');
      await page.keyboard.press('Home');
      assert.equal(await text(page, 'slide-counter'), `1 / ${KINDS.length}`);
      await page.getByTestId('slide-next').click();
      assert.equal(await text(page, 'slide-counter'), `2 / ${KINDS.length}`);
      if (width === 1280) {
        // The deck: every slide at once, each a 1280×720 page that breaks after itself.
        await page.evaluate(() => {
          window.print = () => {
            window.__printed = [...document.querySelectorAll('.slide')].map((s) => {
              const r = s.getBoundingClientRect();
              const c = s.querySelector('.slide-content').getBoundingClientRect();
              const cs = getComputedStyle(s);
              return { w: Math.round(r.width), h: Math.round(r.height), fits: c.bottom <= r.bottom + 1, page: cs.page, breaks: cs.breakAfter };
            });
          };
        });
        await page.getByTestId('slides-print').click();
        await page.waitForFunction(() => window.__printed !== undefined, null, { timeout: 10_000 });
        const printed = await page.evaluate(() => window.__printed);
        assert.equal(printed.length, KINDS.length);
        for (const p of printed) assert.deepEqual(p, { w: 1280, h: 720, fits: true, page: 'slide', breaks: 'page' });
      }
      await page.keyboard.press('Escape');
      assert.equal(await page.getByTestId('presentation').count(), 0);
      assert.ok(await page.getByTestId('overview').isVisible(), 'back where it was');
      assert.deepEqual(b.consoleErrors, []);
    } finally {
      await b.close();
    }
  });
}
