// A sample of the bad-input corpus (tests/fixtures/bad/, all of it tested natively in
// crates/kezhi-engine/tests/bad_inputs.rs) dropped in the page: each file gets its message or its counts, with the reason
// or warning on screen, `read = used + rejected` holds as shown, and the page stays usable after each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, shot, importFile, count, fixtures } from './harness.mjs';

const bad = (name) => join(fixtures, 'bad', name);
let b;
before(async () => { b = await launch(); });
after(async () => { await b?.close(); });

const REFUSED = [
  ['02_blank_lines_only.csv', /has 8 bytes but no table/],
  ['05_png_image.csv', /is not a text table/],
  ['07_truncated.xlsx', /could not be opened as a workbook/],
  ['34_no_usable_rows.csv', /none of the 3 data rows could be used/],
];

// [file, read, used, rejected, text shown in the rejects or the warnings]
const IMPORTED = [
  ['10_mixed_utf8_gbk.csv', 3, 2, 1, /not valid UTF-8 \(the file mixes encodings\?\)/],
  ['12_bom_utf16le.csv', 4, 4, 0, null],
  ['17_quote_never_closes.csv', 2, 1, 1, /a quote opens in this row and never closes, so everything up to line 5/],
  ['20_dates_in_future.csv', 3, 2, 1, /dated after today \(\d{4}-\d\d-\d\d\)/],
  ['26_huge_amounts.csv', 4, 1, 3, /larger than 10\^15/],
  ['36_big5_traditional.csv', 3, 3, 0, null],
  ['40_header_not_first_line.csv', 4, 4, 0, /the line above it \("Sales export 2024"\) was skipped as a title/],
];

for (const [file, message] of REFUSED) {
  test(`${file}: refused with its message, naming the file`, async () => {
    await importFile(b.page, bad(file));
    const text = await b.page.getByTestId('import-error').innerText();
    assert.match(text, message);
    assert.ok(text.includes(file), text);
  });
}

for (const [file, read, used, rejected, said] of IMPORTED) {
  test(`${file}: ${read} read = ${used} used + ${rejected} rejected`, async () => {
    const { page } = b;
    await importFile(page, bad(file));
    assert.deepEqual(
      [await count(page, 'rows-read'), await count(page, 'rows-used'), await count(page, 'rows-rejected')],
      [read, used, rejected],
    );
    if (said) assert.match(await page.getByTestId('import-report').innerText(), said);
    await shot(page, `bad-${file.replace(/\W/g, '_')}`);
  });
}

test('after every bad file, the demo still loads and nothing went anywhere', async () => {
  await b.page.getByTestId('demo-button').click();
  await b.page.getByTestId('overview').waitFor({ timeout: 60_000 });
  assert.equal(await count(b.page, 'kpi-customers'), 5000);
  assert.deepEqual(b.foreignRequests(), []);
  assert.deepEqual(b.consoleErrors, []);
});
