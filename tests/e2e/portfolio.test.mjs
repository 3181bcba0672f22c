// The portfolio view: the 80/20 headline, the pyramid pair and the class grids, with the CLI's numbers
// for the same file, in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, shot, text, importFile, kezhi, tempDir } from './harness.mjs';

let b;
before(async () => { b = await launch({ locale: 'en-US' }); });
after(async () => { await b?.close(); });


const counts = async (page, prefix, rows) => {
  const out = {};
  for (const r of rows) out[r.key] = Number((await page.getByTestId(`${prefix}-${r.key}`).getByTestId('class-count').innerText()).replace(/\D/g, ''));
  return out;
};

test('the portfolio shows the engine\'s classes, shares and strategies', async () => {
  const { page } = b;
  const dir = tempDir('kezhi-portfolio-');
  const csv = join(dir, 'retailer.csv');
  kezhi(['demo', '--customers', '2000', '--seed', '5', '--out', csv]);
  const cli = JSON.parse(kezhi(['score', csv, '--json']));
  const fw = cli.frameworks;
  await importFile(page, csv);
  await page.locator('[data-testid="tab-tab.portfolio"]').click();
  await page.getByTestId('portfolio').waitFor({ timeout: 120_000 });
  // Tiers and gold/meteor/creek/burden depend on spend alone: the same counts exactly.
  const tiers = await counts(page, 'tier', fw.tier_ladder.table);
  for (const r of fw.tier_ladder.table) assert.equal(tiers[r.key], r.customers, `tier ${r.key}`);
  const gmcb = await counts(page, 'gmcb', fw.gold_meteor_creek_burden.table);
  for (const r of fw.gold_meteor_creek_burden.table) assert.equal(gmcb[r.key], r.customers, `gmcb ${r.key}`);
  // The new-customer matrix splits at medians of model outputs: the same customers in all, and each
  // class within a customer or two of the CLI's (wasm and glibc differ in the last bit).
  const fresh = await counts(page, 'new', fw.new_customer_matrix.table);
  const cliNew = fw.new_customer_matrix.table;
  assert.equal(Object.values(fresh).reduce((a, c) => a + c, 0), cliNew.reduce((a, r) => a + r.customers, 0));
  for (const r of cliNew) assert.ok(Math.abs(fresh[r.key] - r.customers) <= 2, `new ${r.key}: ${fresh[r.key]} vs ${r.customers}`);
  const top = (fw.pareto.top_margin_share * 100).toFixed(1);
  assert.match(await text(page, 'pareto-headline'), new RegExp(`top 20% of customers deliver ${top.replace('.', '\\.')}% of the margin`));
  assert.equal(await page.getByTestId('count-pyramid').locator('.pyr-level').count(), 4);
  const strategies = await page.locator('.class-strategy').allInnerTexts();
  assert.ok(strategies.length >= 14 && strategies.every((s) => s.length > 10), 'every class carries its treatment');
  // The quadrant's scatter: a sample of customers, coloured by their class, with the median lines.
  const dots = await page.getByTestId('gmcb-scatter').locator('circle').count();
  assert.ok(dots > 500 && dots <= 1500, `${dots} dots`);
  // It exports as a standalone SVG (colours as attributes, not the page's stylesheet).
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('gmcb-scatter-svg').click()]);
  const svgPath = join(dir, svg.suggestedFilename());
  await svg.saveAs(svgPath);
  const svgText = readFileSync(svgPath, 'utf8');
  assert.ok(svgText.startsWith('<svg') && svgText.includes('xmlns="http://www.w3.org/2000/svg"') && (svgText.match(/<circle/g) || []).length === dots);
  assert.match(svgText, /fill="#0072b2"/);
  await shot(page, 'portfolio-en');
  await page.getByTestId('lang-switch').click();
  assert.match(await text(page, 'pareto-headline'), /前 20% 的客户贡献了/);
  assert.match(await page.getByTestId('new-potential').innerText(), /潜力类/);
  assert.match(await page.getByTestId('gmcb-gold').innerText(), /黄金客户/);
  await shot(page, 'portfolio-zh');
  await page.getByTestId('lang-switch').click();
  assert.deepEqual(b.consoleErrors, []);
  assert.deepEqual(b.foreignRequests(), []);
});
