// The CLV fit report on the overview: the worker fits the models right after an import, the page
// shows the verdict, the parameters and the findings, and the numbers are the CLI's on the same data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, shot, text, importFile, root, kezhi, fixtures, tempDir } from './harness.mjs';

let b;
before(async () => { b = await launch({ locale: 'en-US' }); });
after(async () => { await b?.close(); });


/** "r 0.3137 (± 0.0069) · α 1.9373 … · LL -80134.96" → { r: 0.3137, α: 1.9373, …, LL: -80134.96 } */
function params(line) {
  return Object.fromEntries(line.split(' · ').map((p) => { const [k, v] = p.split(' '); return [k, Number(v)]; }));
}

/** Equal to the shown precision (four decimals, two for log-likelihoods), or to 1e-5 relative: the
 *  optimiser stops within its tolerance, and the worker's wasm and the CLI's glibc differ in the last
 *  bit of exp/ln, so the two stop a hair apart (Gamma-Gamma's γ ≈ 151.48 differed by 1.5e-4). */
function near(page, cli, decimals, what) {
  assert.ok(Math.abs(page - cli) <= Math.max(0.51 * 10 ** -decimals, 1e-5 * Math.abs(cli)), `${what}: page ${page}, CLI ${cli}`);
}

test('an imported file gets a fit report whose numbers are the CLI\'s on the same file', async () => {
  const { page } = b;
  // The CLI writes the file and the page imports those very bytes: the browser's own demo button
  // draws from the same generator, but wasm's and glibc's exp/ln differ in the last bit, so its
  // random draws (and the data) are not the CLI's.
  const dir = tempDir('kezhi-fit-');
  const csv = join(dir, 'retailer.csv');
  kezhi(['demo', '--customers', '3000', '--seed', '11', '--out', csv]);
  const cli = JSON.parse(kezhi(['score', csv, '--json']));
  await importFile(page, csv);
  await page.locator('[data-testid="tab-tab.overview"]').click();
  await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 120_000 });
  const bg = params(await text(page, 'fit-bg-nbd'));
  for (const [label, key] of [['r', 'r'], ['α', 'alpha'], ['a', 'a'], ['b', 'b']]) near(bg[label], cli.bg_nbd[key], 4, `BG/NBD ${key}`);
  near(bg.LL, cli.bg_nbd.log_likelihood, 2, 'BG/NBD LL');
  const pnbd = params(await text(page, 'fit-pareto-nbd'));
  for (const [label, key] of [['r', 'r'], ['α', 'alpha'], ['s', 's'], ['β', 'beta']]) near(pnbd[label], cli.pareto_nbd[key], 4, `Pareto/NBD ${key}`);
  near(pnbd.LL, cli.pareto_nbd.log_likelihood, 2, 'Pareto/NBD LL');
  const gg = params(await text(page, 'fit-gamma-gamma'));
  for (const [label, key] of [['p', 'p'], ['q', 'q'], ['γ', 'gamma']]) near(gg[label], cli.gamma_gamma[key], 4, `Gamma-Gamma ${key}`);
  assert.equal(await text(page, 'fit-verdict'), cli.report[0]);
  const findings = await page.getByTestId('fit-findings').locator('li').allInnerTexts();
  assert.equal(findings.length, cli.report.length - 1);
  await shot(page, 'fit-report-en');
  await page.getByTestId('lang-switch').click();
  const zh = JSON.parse(kezhi(['score', csv, '--json', '--lang', 'zh']));
  assert.equal(await text(page, 'fit-verdict'), zh.report[0]);
  assert.match((await page.getByTestId('fit-findings').innerText()), /对数似然：BG\/NBD/);
  await page.getByTestId('fit-report').screenshot({ path: join(root, 'tests', 'e2e', 'screenshots', 'fit-report-zh.png') });
  await page.getByTestId('lang-switch').click();
  const stages = await page.evaluate(() => JSON.parse(window.__kezhiScoreTimings || 'null'));
  assert.ok(stages && stages.bg_nbd > 0, 'the worker timed the fits with its clock');
});

test('a file too small for a model says so in plain words and the page stays usable', async () => {
  const { page } = b;
  await importFile(page, join(fixtures, 'en_transactions.csv'));
  await page.locator('[data-testid="tab-tab.overview"]').click();
  await page.locator('[data-testid=fit-report][data-pending=false]').waitFor({ timeout: 60_000 });
  assert.match(await text(page, 'fit-verdict'), /cannot support a CLV model/);
  assert.equal(await text(page, 'fit-bg-nbd'), 'not fitted');
  assert.match((await page.getByTestId('fit-findings').innerText()), /BG\/NBD not fitted: \d+ repeat customers, at least 20 are needed/);
  await shot(page, 'fit-report-too-small-en');
  assert.deepEqual(b.consoleErrors, []);
  assert.deepEqual(b.foreignRequests(), []);
});
