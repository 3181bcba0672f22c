// A model fitted once on the whole population (`kezhi fit --sample`), opened on the page beside a
// sample of the summary: the page says which model scores the file and which figures are the
// population's, shows the model's fit and report (no fitting), gives the customers the CLV the CLI's
// `kezhi score --model` gives them and the pyramid levels it puts them in, explains a customer's classes
// at the model's cut points, in both languages; a file that is not a model is refused in words;
// "Stop using the model" fits again; anonymised, the model's file name is not shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, shot, text, importFile, kezhi, tempDir } from './harness.mjs';

let b, dir, model, sample, population;
before(async () => {
  b = await launch({ locale: 'en-US' });
  dir = tempDir('kezhi-model-');
  const tx = join(dir, 'tx.csv');
  const table = join(dir, 'customers.csv');
  kezhi(['demo', '--customers', '3000', '--seed', '5', '--out', tx]);
  kezhi(['import', tx, '--out', table]);
  // The summary as the warehouse SQL writes it: five columns.
  const lines = readFileSync(table, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
  const head = lines[0].split(',');
  const at = ['customer_id', 'frequency', 'recency', 'T', 'monetary_value'].map((c) => head.indexOf(c));
  const rows = lines.map((l) => { const f = l.split(','); return at.map((i) => f[i]).join(','); });
  population = join(dir, 'population.csv');
  writeFileSync(population, rows.join('\n') + '\n');
  sample = join(dir, 'sample.csv');
  writeFileSync(sample, rows.slice(0, 601).join('\n') + '\n');
  model = join(dir, 'model.json');
  kezhi(['fit', population, '--sample', '1500', '--seed', '2', '--out', model]);
});
after(async () => { await b?.close(); });

test('a model.json scores the next file without fitting, and the page says so', async () => {
  const { page } = b;
  const m = JSON.parse(readFileSync(model, 'utf8'));
  // Not a model: refused in words, nothing else changes.
  const bad = join(dir, 'notes.json');
  writeFileSync(bad, '{"settings": {}}');
  await page.getByTestId('file-input').setInputFiles(bad);
  await page.getByTestId('model-refused').waitFor();
  assert.match(await text(page, 'model-refused'), /notes\.json is not a model this page can use: not a Kezhi model file/);
  // The reason is said in the page's language (it was English on the Chinese page).
  await page.getByTestId('lang-switch').click();
  assert.match(await text(page, 'model-refused'), /notes\.json 不是本页面可用的模型：不是客值的模型文件：/);
  await page.getByTestId('lang-switch').click();

  await page.getByTestId('file-input').setInputFiles(model);
  await page.getByTestId('model-in-use').waitFor();
  assert.match(await text(page, 'model-in-use'), /Scored with model\.json, a model fitted on 1,500 of 3,000 customers\. The fit report, the RFM cut points/);
  await importFile(page, sample);
  await page.locator('[data-testid="tab-tab.overview"]').click();
  await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 60_000 });
  // The model's fit and report, not a fit on the 600 customers on the page.
  assert.match(await text(page, 'fit-bg-nbd'), new RegExp(`^r ${m.bg_nbd.params.r.toFixed(4)}`));
  assert.match(await text(page, 'fit-findings'), /Fitted on a uniform sample of 1,500 of 3,000 customers: each BG\/NBD parameter is within ±[0-9.]+% of what all of them would give/);
  // The customers' CLV: the CLI's `kezhi score --model` for the same rows, summed.
  const scored = kezhi(['score', '--model', model, sample]).trim().split('\n');
  const clvAt = scored[0].split(',').indexOf('clv');
  const total = scored.slice(1).reduce((a, l) => a + Number(l.split(',')[clvAt] || 0), 0);
  const shown = Number((await text(page, 'fit-clv')).split(' · ')[0].replace(/[^0-9.]/g, ''));
  assert.ok(Math.abs(shown - total) <= 1, `CLV total on the page ${shown}, by the CLI ${total}`);
  await shot(page, 'model-in-use-en');
  // The classes are the population's: the pyramid's levels hold the customers the CLI puts there.
  const levelAt = scored[0].split(',').indexOf('pyramid_level');
  const labels = ['A key', 'B important', 'C general', 'D maintain'];
  await page.locator('[data-testid="tab-tab.portfolio"]').click();
  for (const [k, label] of labels.entries()) {
    const cli = scored.slice(1).filter((l) => l.split(',')[levelAt] === label).length;
    const onPage = Number(await page.getByTestId(`pyramid-${k}`).first().getAttribute('data-count'));
    assert.equal(onPage, cli, `${label}: ${onPage} on the page, ${cli} by the CLI`);
  }
  // A customer's card explains its classes at the model's cut points.
  await page.locator('[data-testid="tab-tab.customers"]').click();
  await page.getByTestId('list-row').first().click();
  await page.getByTestId('customer-card').waitFor();
  const reasons = (await page.getByTestId('class-reason').allInnerTexts()).join('\n');
  assert.match(reasons, /≥ the model's cut [\d,.]+|< the model's cut [\d,.]+/);
  assert.match(reasons, /the model's median [\d,.]+/);
  await page.getByTestId('customer-card').scrollIntoViewIfNeeded();
  await shot(page, 'model-card-en');
  // Anonymised, the model's file name shows as its kind only.
  await page.getByTestId('anonymise').click();
  assert.match(await text(page, 'model-in-use'), /^Scored with file\.json, a model fitted on/);
  await page.getByTestId('anonymise').click();

  await page.getByTestId('lang-switch').click();
  assert.match(await text(page, 'model-in-use'), /使用模型 model\.json 评分（基于 3,000 位客户中的 1,500 位拟合）/);
  // The card is asked of the worker again in the other language.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=class-reason]')].some((e) => /模型切分点 [\d,.]+/.test(e.textContent)), null, { timeout: 10_000 });
  await shot(page, 'model-card-zh');
  await page.locator('[data-testid="tab-tab.overview"]').click();
  assert.match(await text(page, 'fit-findings'), /基于 3,000 位客户中均匀抽取的 1,500 位拟合/);
  await shot(page, 'model-in-use-zh');
  await page.getByTestId('lang-switch').click();

  // Stop using it: the file is fitted again, on its own 600 customers.
  await page.getByTestId('model-stop').click();
  await page.getByTestId('model-in-use').waitFor({ state: 'detached' });
  await page.waitForFunction(() => !document.querySelector('[data-testid=fit-findings]')?.textContent.includes('uniform sample'), null, { timeout: 60_000 });
  await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 60_000 });
  assert.doesNotMatch(await text(page, 'fit-bg-nbd'), new RegExp(`^r ${m.bg_nbd.params.r.toFixed(4)}`));
});
