// Customer equity and what-if scenarios (issue 8): the overview's equity and the Scenarios view's
// waterfall equal `kezhi whatif` on the same file; scenarios are saved, compared and printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, shot, text, importFile, kezhi, tempDir } from './harness.mjs';

let b;
before(async () => { b = await launch({ locale: 'en-US' }); });
after(async () => { await b?.close(); });

/** "951,207" / "+196,169" / "-1,234" → number. */
const num = (s) => Number(s.replace(/[^0-9.-]/g, ''));

/** The page shows money rounded to units above 1,000; the fits in wasm and natively stop a hair apart
 *  (see fit_report.test.mjs), so 1e-5 relative. */
function near(page, cli, what) {
  assert.ok(Math.abs(page - cli) <= Math.max(0.51, 1e-5 * Math.abs(cli)), `${what}: page ${page}, CLI ${cli}`);
}

test('equity on the overview and a scenario\'s waterfall are the CLI\'s; scenarios are saved and printed', async () => {
  const { page } = b;
  const dir = tempDir('kezhi-whatif-');
  const csv = join(dir, 'retailer.csv');
  kezhi(['demo', '--customers', '3000', '--seed', '11', '--out', csv]);
  const base = JSON.parse(kezhi(['whatif', csv, '--json']));
  const push = JSON.parse(kezhi(['whatif', csv, '--retention', '0.05', '--convert', '0.3', '--json']));
  await importFile(page, csv);
  await page.locator('[data-testid="tab-tab.overview"]').click();
  await page.getByTestId('equity-total').waitFor({ timeout: 120_000 });
  near(num(await text(page, 'equity-total')), base.baseline, 'equity');
  near(num(await text(page, 'equity-new')) + num(await text(page, 'equity-veteran')), base.baseline, 'new + veteran');
  assert.equal(await page.getByTestId('equity-pyramid').locator('tr').count(), 4);
  // Every customer has a CLV here, so the basis names none left out (it said "0 customers … are not counted").
  assert.match(await text(page, 'equity-basis'), /^Σ CLV of 3,000 customers over 12 months, discounted at [\d.]+% a year\.$/);
  await shot(page, 'equity-overview-en');

  await page.locator('[data-testid="tab-tab.scenarios"]').click();
  await page.getByTestId('scenario-result').waitFor({ timeout: 60_000 });
  near(num(await text(page, 'scenario-equity')), base.baseline, 'scenario with no lever = baseline');
  await page.getByTestId('lever-retention').fill('5');
  await page.getByTestId('lever-convert').fill('30');
  await page.waitForFunction(() => document.querySelector('[data-testid=lever-convert-value]')?.textContent.includes('30'));
  await page.waitForFunction((want) => {
    const t = document.querySelector('[data-testid=scenario-equity]')?.textContent || '';
    return Math.abs(Number(t.replace(/[^0-9.-]/g, '')) - want) <= Math.max(0.51, 1e-5 * want);
  }, push.scenario, { timeout: 30_000 });
  // The waterfall: baseline, six levers, scenario; retention's step is the CLI's.
  assert.equal(await page.getByTestId('waterfall').locator('.wf-row').count(), 8);
  near(num(await page.getByTestId('wf-1').locator('.wf-value').innerText()), push.steps[0].delta, 'retention step');
  near(num(await page.getByTestId('wf-6').locator('.wf-value').innerText()), push.steps[5].delta, 'conversion step');
  assert.match(await text(page, 'scenario-sentences'), /Raising retention 5\.0 points adds [\d,]+ of customer equity\./);
  assert.match(await text(page, 'scenario-mix'), new RegExp(`${push.tenure_after[0].customers}`));
  await page.getByTestId('scenario-name').fill('Retention push');
  await page.getByTestId('scenario-save').click();
  await page.getByTestId('lever-reset').click();
  await page.getByTestId('lever-spend').fill('10');
  await page.waitForFunction(() => document.querySelector('[data-testid=scenario-sentences]')?.textContent.includes('Spend per purchase +10%'));
  await page.getByTestId('scenario-name').fill('Upsell');
  await page.getByTestId('scenario-save').click();
  const table = await text(page, 'scenario-table');
  assert.ok(table.includes('Retention push') && table.includes('Upsell'), table);
  await shot(page, 'scenarios-en');
  await page.getByTestId('lang-switch').click();
  assert.match(await text(page, 'scenario-sentences'), /客单价 \+10%/);
  await shot(page, 'scenarios-zh');
  await page.getByTestId('lang-switch').click();

  // Saved scenarios outlive a change of settings: kept by name and levers, run again on the new
  // scores. Their figures are then the CLI's under the new settings (horizon 24 months).
  const savedCell = (row, k) => page.getByTestId(row).locator('td').nth(k);
  near(num(await savedCell('saved-scenario', 0).innerText()), push.scenario, 'saved scenario before');
  const settingsFile = join(dir, 'h24.json');
  writeFileSync(settingsFile, JSON.stringify({ horizon_months: 24 }));
  const push24 = JSON.parse(kezhi(['whatif', csv, '--retention', '0.05', '--convert', '0.3', '--settings', settingsFile, '--json']));
  const upsell24 = JSON.parse(kezhi(['whatif', csv, '--spend', '0.1', '--settings', settingsFile, '--json']));
  assert.ok(Math.abs(push24.scenario - push.scenario) > 1000, 'the horizon changes the figure');
  await page.locator('[data-testid="tab-tab.settings"]').click();
  const horizon = page.getByTestId('setting-horizon_months').locator('input, select').first();
  await horizon.fill('24');
  await horizon.dispatchEvent('change');
  const scoredBefore = await page.evaluate(() => window.__kezhiScoredAt);
  await page.getByTestId('settings-apply').click();
  // Moving on while the re-import runs: when it lands, the page stays where the user went.
  await page.locator('[data-testid="tab-tab.report"]').click();
  await page.waitForFunction((t) => window.__kezhiScoredAt !== t, scoredBefore, { timeout: 60_000, polling: 100 });
  await page.getByTestId('report').waitFor({ timeout: 5_000 });
  // Before the Scenarios view is opened again (the scenario on it went with the old scores), the
  // deck's scenario slide shows the last saved scenario's waterfall, run on the new scores.
  await page.waitForFunction((want) => {
    const cells = document.querySelectorAll('[data-testid=saved-scenario] td');
    const t = cells[cells.length - 1]?.textContent || '';
    return Math.abs(Number(t.replace(/[^0-9.-]/g, '')) - want) <= Math.max(0.51, 1e-5 * want);
  }, upsell24.scenario, { timeout: 60_000, polling: 100 });
  await page.getByTestId('present').click();
  // The scenario slide comes just before the appendix, the last.
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  const slide = page.locator('[data-slide=Scenario]');
  await slide.getByTestId('waterfall').waitFor();
  near(num(await slide.getByTestId('waterfall').locator('.wf-row').last().locator('.wf-value').innerText()), upsell24.scenario, 'the slide\'s waterfall is the last saved scenario');
  assert.equal(await slide.getByTestId('slide-scenario-name').innerText(), 'Upsell');
  await shot(page, 'present-scenarios-saved-en');
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="tab-tab.scenarios"]').click();
  await page.waitForFunction((want) => {
    const t = document.querySelector('[data-testid=saved-scenario] td')?.textContent || '';
    return Math.abs(Number(t.replace(/[^0-9.-]/g, '')) - want) <= Math.max(0.51, 1e-5 * want);
  }, push24.scenario, { timeout: 60_000, polling: 100 });
  near(num(await savedCell('saved-baseline', 0).innerText()), push24.baseline, 'saved baseline after');
  near(num(await savedCell('saved-scenario', 1).innerText()), upsell24.scenario, 'second saved scenario after');
  const kept = await text(page, 'scenario-table');
  assert.ok(kept.includes('Retention push') && kept.includes('Upsell'), kept);
  await shot(page, 'scenarios-after-settings-en');

  // The printed report carries the equity and the saved scenarios.
  await page.locator('[data-testid="tab-tab.report"]').click();
  const report = page.getByTestId('report');
  await report.getByTestId('equity-total').first().waitFor();
  const printed = await report.getByTestId('scenario-table').innerText();
  assert.ok(printed.includes('Retention push') && printed.includes('Upsell'));
  assert.deepEqual(b.consoleErrors, []);
  assert.deepEqual(b.foreignRequests(), []);
});
