// The CLV view: the fit report, the three model-check charts drawn, and the P(alive) matrix with the
// CLI's numbers for the same file, in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, shot, text, importFile, kezhi, inked, tempDir } from './harness.mjs';

let b;
before(async () => { b = await launch({ locale: 'en-US' }); });
after(async () => { await b?.close(); });



test('the CLV view draws the model checks and the P(alive) matrix', async () => {
  const { page } = b;
  const dir = tempDir('kezhi-clv-');
  const csv = join(dir, 'retailer.csv');
  kezhi(['demo', '--customers', '2000', '--seed', '9', '--out', csv]);
  const cli = JSON.parse(kezhi(['score', csv, '--json']));
  await importFile(page, csv);
  await page.locator('[data-testid="tab-tab.clv"]').click();
  await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 120_000 });
  for (const chart of ['repeat-histogram', 'holdout-chart', 'tracking-chart']) {
    await page.getByTestId(chart).waitFor();
    const share = await inked(page, chart);
    assert.ok(share > 0.02, `${chart} is drawn (inked share ${share})`);
  }
  const m = cli.checks.p_alive_matrix;
  const rows = page.getByTestId('p-alive-matrix').locator('tbody tr');
  assert.equal(await rows.count(), m.frequencies.length);
  // The top row is the highest frequency; its last cell (recency = T) is 1/(1 + a/(b+x−1)).
  const cells = await rows.first().locator('td').allInnerTexts();
  assert.equal(cells.length, m.recencies.length);
  const want = m.values[m.values.length - 1];
  cells.forEach((c, j) => assert.ok(Math.abs(Number(c) - want[j]) <= 0.0051, `cell ${j}: ${c} vs ${want[j]}`));
  // BG/NBD against Pareto/NBD: the log-likelihoods are the CLI's.
  const comparison = await page.getByTestId('model-comparison').locator('tbody tr').allInnerTexts();
  assert.match(comparison[0], new RegExp(cli.bg_nbd.log_likelihood.toFixed(2).replace('.', '\\.')));
  assert.match(comparison[1], new RegExp(cli.pareto_nbd.log_likelihood.toFixed(2).replace('.', '\\.')));
  // The CLV histogram counts every customer with a CLV; every segment has its value stack.
  const tips = await page.getByTestId('clv-histogram').locator('.vbar').evaluateAll((bars) => bars.map((b) => b.title));
  const total = tips.reduce((a, t) => a + Number(t.match(/: ([\d,]+) /)[1].replace(/,/g, '')), 0);
  assert.equal(total, 2000);
  assert.ok(await page.getByTestId('value-by-segment').locator('.stack-row').count() >= 8);
  // Hovering a bar names its category and both values.
  const box = await page.getByTestId('repeat-histogram').boundingBox();
  await page.getByTestId('repeat-histogram').hover({ position: { x: box.width * 0.12, y: box.height / 2 } });
  const h0 = cli.checks.repeat_histogram[0];
  assert.match(await text(page, 'chart-tip'), new RegExp(`^0: Actual ${h0.actual.toFixed(0)} · BG/NBD `));
  await page.mouse.move(0, 0);
  // Each canvas exports as PNG and as SVG drawn from the same data.
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('repeat-histogram-png').click()]);
  const pngPath = join(dir, png.suggestedFilename());
  await png.saveAs(pngPath);
  assert.deepEqual([...readFileSync(pngPath).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('repeat-histogram-svg').click()]);
  const svgPath = join(dir, svg.suggestedFilename());
  await svg.saveAs(svgPath);
  const svgText = readFileSync(svgPath, 'utf8');
  assert.ok(svgText.startsWith('<svg') && svgText.includes('BG/NBD'), svgText.slice(0, 80));
  // Charts redraw at the new width when the window is resized.
  const before = await page.getByTestId('tracking-chart').evaluate((c) => c.width);
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.waitForFunction((w) => document.querySelector('[data-testid=tracking-chart]').width !== w, before, { timeout: 10_000 });
  assert.ok(await inked(page, 'tracking-chart') > 0.02);
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, 'clv-en');
  await page.getByTestId('lang-switch').click();
  assert.match(await text(page, 'clv'), /客户终身价值：模型与检验/);
  await shot(page, 'clv-zh');
  await page.getByTestId('lang-switch').click();
  assert.deepEqual(b.consoleErrors, []);
  assert.deepEqual(b.foreignRequests(), []);
});
