// Trace of the main thread over a first import (issue 6): which work makes the long tasks.
//   node bench/trace_first_import.mjs FILE [OUT=/tmp/kezhi_trace.json] [drop_after_ms=0]
// drop_after_ms: how long after the page is ready the file is chosen (3000: after both warm-ups).
// Prints the three longest main-thread tasks, then each task over 50 ms (or else the longest) with
// its biggest child events (summed durations, ms).
import { writeFileSync } from 'node:fs';
import { launch } from '../tests/e2e/harness.mjs';
import { traced } from './common.mjs';

const [file, out = '/tmp/kezhi_trace.json', dropAfterMs = 0] = process.argv.slice(2);
const b = await launch();
await b.page.waitForTimeout(Number(dropAfterMs));
try {
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'disabled-by-default-v8.compile', 'blink', 'loading'];
  const events = await traced(b.page, { includedCategories: categories }, async () => {
    await b.page.evaluate(() => { window.__kezhiChecksAt = undefined; });
    await b.page.getByTestId('file-input').setInputFiles(file);
    await b.page.waitForFunction(() => window.__kezhiChecksAt, null, { timeout: 600_000 });
    await b.page.waitForTimeout(800);
  });
  writeFileSync(out, JSON.stringify(events));
  // The renderer's main thread: the thread named CrRendererMain.
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur > 50_000);
  // The three longest tasks of any length, so a run without long tasks still says how close it came.
  const longest = onMain.filter((e) => e.name === 'RunTask').sort((a, c) => c.dur - a.dur).slice(0, 3);
  console.log(`longest tasks: ${longest.map((t) => (t.dur / 1000).toFixed(1)).join(' · ')} ms`);
  for (const t of tasks.length ? tasks : longest.slice(0, 1)) {
    const kids = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur || 0) <= t.ts + t.dur);
    const by = new Map();
    for (const k of kids) by.set(k.name, (by.get(k.name) || 0) + (k.dur || 0));
    const top = [...by].sort((a, c) => c[1] - a[1]).slice(0, 12).map(([n, d]) => `${n} ${(d / 1000).toFixed(1)}`);
    console.log(`task ${(t.dur / 1000).toFixed(1)} ms: ${top.join(' · ')}`);
  }
} finally {
  await b.close();
}
