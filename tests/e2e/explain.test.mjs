// Every class explains itself (issue 26, §3): the customer card gives, for each framework, the class
// and the reason in the customer's own numbers against the cut points; each view says what its axes
// measure; a class with a surprising share of the margin says where it comes from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, shot } from './harness.mjs';

for (const lang of ['en', 'zh']) {
  test(`the card's classes give their reasons, the views their axes and surprises (${lang})`, async () => {
    const b = await launch({ locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    try {
      const { page } = b;
      await page.getByTestId('demo-button').click();
      await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 120_000 });
      // The demo's surprising shares, said on the overview and under their frameworks.
      const surprise = lang === 'zh' ? /D 维持客户占过去毛利的 [\d.]+%：这些客户过去消费多/ : /D maintain holds [\d.]+% of past margin: customers who spent much in the past/;
      assert.match(await page.getByTestId('insight-pyramid_surprise').innerText(), surprise);
      await page.locator('[data-testid="tab-tab.portfolio"]').click();
      assert.match(await page.getByTestId('pyramid_surprise').innerText(), surprise);
      const portfolio = await page.getByTestId('portfolio').innerText();
      assert.match(portfolio, lang === 'zh' ? /每次购买毛利 × 复购次数/ : /Margin per purchase × repeat purchases/);
      assert.match(portfolio, lang === 'zh' ? /行：总毛利；列：毛利率/ : /Rows: total margin; columns: margin rate/);
      for (const tab of ['rfm', 'clv', 'lifecycle']) {
        await page.locator(`[data-testid="tab-tab.${tab}"]`).click();
        assert.ok((await page.getByTestId('view-lede').innerText()).length > 40, `${tab} says what it measures`);
      }
      // The top-priority customer's card (the list opens sorted by priority).
      await page.locator('[data-testid="tab-tab.customers"]').click();
      await page.getByTestId('list-row').first().click();
      const card = page.getByTestId('customer-card');
      await card.waitFor();
      const reasons = await page.getByTestId('class-reason').allInnerTexts();
      assert.ok(reasons.length >= 9, `${reasons.length} classes`);
      for (const r of reasons) assert.ok(r.trim().length > 10, `a reason for every class: ${JSON.stringify(reasons)}`);
      const text = await card.innerText();
      if (lang === 'zh') {
        assert.match(text, /每次购买毛利 [\d,.]+ [>≤] 中位数 [\d,.]+/);
        assert.match(text, /资产质量 [优中劣]/);
        assert.match(text, /R 得分 \d（规则 [\d–]+）/);
      } else {
        assert.match(text, /margin per purchase [\d,.]+ [>≤] the median [\d,.]+/);
        assert.match(text, /quality [优中劣] (good|fair|poor)/);
        assert.match(text, /R score \d \(rule [\d–]+\)/);
        assert.doesNotMatch(text, /weak customers/i);
      }
      await card.scrollIntoViewIfNeeded();
      await shot(page, `card-reasons-${lang}`);
      assert.deepEqual(b.consoleErrors, []);
    } finally {
      await b.close();
    }
  });
}
