// The Settings view (issue 5): every setting with its default, refusal of nonsense in words, the AHP
// editor's consistency ratio equal to the engine's (CLI), Apply re-scoring in the worker to the CLI's
// numbers for the same settings, settings exported as JSON that the CLI accepts, imported back, and
// remembered in the browser only after opting in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, shot, text, importFile, kezhi, tempDir } from './harness.mjs';

let b, dir, csv;
before(async () => {
  b = await launch({ locale: 'en-US' });
  dir = tempDir('kezhi-settings-');
  csv = join(dir, 'shop.csv');
  kezhi(['demo', '--customers', '1500', '--seed', '9', '--out', csv]);
});
after(async () => { await b?.close(); });

const meanClv = (scoredCsv) => {
  const lines = readFileSync(scoredCsv, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
  const i = lines[0].split(',').indexOf('clv');
  const v = lines.slice(1).map((l) => Number(l.split(',')[i]));
  return v.reduce((a, c) => a + c, 0) / v.length;
};
const field = (page, path) => page.getByTestId(`setting-${path}`).locator('input, select').first();

test('settings: edit, refuse, AHP, apply, export, import, remember', async () => {
  const { page } = b;
  assert.equal(await page.evaluate(() => localStorage.getItem('kezhi.settings')), null, 'nothing stored before opting in');
  await importFile(page, csv);
  await page.locator('[data-testid="tab-tab.overview"]').click();
  await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 120_000 });
  await page.locator('[data-testid="tab-tab.settings"]').click();
  await page.getByTestId('settings').waitFor();
  // Every group and a field per setting, each with its default.
  assert.equal(await page.locator('.settings-group').count(), 7);
  assert.ok(await page.locator('label.setting').count() >= 35);
  assert.match(await text(page, 'setting-horizon_months'), /default 12/);

  // Nonsense is refused in words, and Apply stays off.
  await field(page, 'margin_rate').fill('1.5');
  await field(page, 'margin_rate').dispatchEvent('change');
  assert.match(await text(page, 'setting-margin_rate'), /between 0 and 1/);
  assert.equal(await page.getByTestId('settings-apply').isDisabled(), true);
  // Said again in Chinese after a switch of language.
  await page.getByTestId('lang-switch').click();
  assert.match(await text(page, 'setting-margin_rate'), /毛利率须在 0 到 1 之间/);
  await page.getByTestId('lang-switch').click();
  await field(page, 'margin_rate').fill('0.3');
  await field(page, 'margin_rate').dispatchEvent('change');

  // The AHP editor: R:F 3, R:M 5, F:M 3 → the engine's weights and CR (as the CLI reports them).
  await page.getByTestId('ahp-0').selectOption('3');
  await page.getByTestId('ahp-1').selectOption('5');
  await page.getByTestId('ahp-2').selectOption('3');
  const ahpText = await text(page, 'ahp-result');
  const settingsFile = join(dir, 'ahp.json');
  writeFileSync(settingsFile, JSON.stringify({ ahp_rfm: [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]] }));
  const ahp = JSON.parse(kezhi(['score', csv, '--json', '--settings', settingsFile])).ahp;
  assert.match(ahpText, new RegExp(`wR ${ahp.weights[0].toFixed(3)} · wF ${ahp.weights[1].toFixed(3)} · wM ${ahp.weights[2].toFixed(3)} · CR ${ahp.consistency_ratio.toFixed(3)}`));
  await page.getByTestId('ahp-use').click();

  // Horizon 24 months, apply: the worker re-scores; the overview's mean CLV is the CLI's.
  await field(page, 'horizon_months').fill('24');
  await field(page, 'horizon_months').dispatchEvent('change');
  await shot(page, 'settings-en');
  await page.getByTestId('settings-apply').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('settings-export').click()]);
  const exported = join(dir, download.suggestedFilename());
  await download.saveAs(exported);
  const saved = JSON.parse(readFileSync(exported, 'utf8'));
  assert.equal(saved.horizon_months, 24);
  assert.ok(Array.isArray(saved.ahp_rfm));
  const scored = join(dir, 'scored24.csv');
  kezhi(['score', csv, '--settings', exported, '--out', scored]);
  const want = meanClv(scored);
  await page.locator('[data-testid="tab-tab.overview"]').click();
  // The re-score is asynchronous: wait until the card shows the new figure (or time out and report).
  await page.waitForFunction((want) => {
    const el = document.querySelector('[data-testid=kpi-clv]');
    return el && Math.abs(Number(el.textContent.replace(/,/g, '')) - want) <= 0.01 + 1e-6 * want;
  }, want, { timeout: 120_000 }).catch(() => {});
  const shown = Number((await text(page, 'kpi-clv')).replace(/,/g, ''));
  assert.ok(Math.abs(shown - want) <= 0.01 + 1e-6 * want, `page ${shown} vs CLI ${want}`);

  // Opt in: the settings are kept in this browser, and come back after a reload.
  await page.locator('[data-testid="tab-tab.settings"]').click();
  await page.getByTestId('settings-remember').check();
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('kezhi.settings')));
  assert.equal(stored.horizon_months, 24);
  await page.reload();
  await importFile(page, csv);
  await page.locator('[data-testid="tab-tab.settings"]').click();
  await page.getByTestId('settings').waitFor();
  assert.equal(await field(page, 'horizon_months').inputValue(), '24');
  assert.ok(await page.getByTestId('settings-remember').isChecked(), 'the box says the settings are kept, after a reload');
  // Import a settings file: it fills the form; Reset goes back to the defaults.
  writeFileSync(join(dir, 'six.json'), JSON.stringify({ horizon_months: 6 }));
  await page.getByTestId('settings-import').setInputFiles(join(dir, 'six.json'));
  await page.getByTestId('settings-notice').filter({ hasText: 'six.json' }).waitFor();
  assert.equal(await field(page, 'horizon_months').inputValue(), '6');
  // The .settings.json written beside an export (the settings wrapped with the file and the options)
  // reads as its settings; it was read as all defaults before.
  writeFileSync(join(dir, 'scored.settings.json'), JSON.stringify({ source: 'shop.csv', settings: { horizon_months: 7 }, import_options: {} }));
  await page.getByTestId('settings-import').setInputFiles(join(dir, 'scored.settings.json'));
  await page.getByTestId('settings-notice').filter({ hasText: 'scored.settings.json' }).waitFor();
  assert.equal(await field(page, 'horizon_months').inputValue(), '7');
  // A file that is not settings, and settings out of range, are refused with why; the form keeps its values.
  writeFileSync(join(dir, 'notes.json'), 'not json');
  await page.getByTestId('settings-import').setInputFiles(join(dir, 'notes.json'));
  await page.getByTestId('settings-notice').filter({ hasText: 'notes.json' }).waitFor();
  assert.match(await text(page, 'settings-notice'), /^notes\.json: not a settings file: /);
  writeFileSync(join(dir, 'long.json'), JSON.stringify({ horizon_months: 600 }));
  await page.getByTestId('settings-import').setInputFiles(join(dir, 'long.json'));
  await page.getByTestId('settings-notice').filter({ hasText: 'long.json' }).waitFor();
  assert.equal(await text(page, 'settings-notice'), 'long.json: The CLV horizon must be 1 to 120 months.');
  assert.equal(await field(page, 'horizon_months').inputValue(), '7');
  await page.getByTestId('settings-import').setInputFiles(join(dir, 'six.json'));
  await page.getByTestId('settings-notice').filter({ hasText: 'six.json' }).waitFor();
  await page.getByTestId('settings-reset').click();
  assert.equal(await field(page, 'horizon_months').inputValue(), '12');
  // Opting out removes them.
  await page.getByTestId('settings-remember').uncheck();
  assert.equal(await page.evaluate(() => localStorage.getItem('kezhi.settings')), null);
  await page.getByTestId('lang-switch').click();
  assert.match(await text(page, 'settings'), /恢复默认值/);
  // What was said before the switch is said again in Chinese; choices and their defaults in words.
  assert.equal(await text(page, 'settings-notice'), 'six.json: 已载入；点击“应用”以使用这些设置。');
  assert.match(await text(page, 'setting-time_unit'), /默认 周/);
  assert.equal(await page.getByTestId('setting-pyramid_value').locator('select option:checked').textContent(), 'CLV（无模型时按毛利）');
  await shot(page, 'settings-zh');
  await page.getByTestId('lang-switch').click();
  assert.deepEqual(b.consoleErrors, []);
  assert.deepEqual(b.foreignRequests(), []);
});
