// Long main-thread tasks on the first and on a second import in the same page (issue 6; prints, asserts
// nothing). PerformanceObserver 'longtask' entries (> 50 ms) from choosing each file until its model
// comparison and checks have arrived, as [start ms after the choice, duration ms]; and the largest
// message from the worker so far with the page's time to decode it.
//   node bench/first_import.mjs FILE [SECOND_FILE=FILE]
// Needs dist/ (scripts/build.sh).
import { launch } from '../tests/e2e/harness.mjs';

const files = [process.argv[2], process.argv[3] || process.argv[2]];
const b = await launch();
try {
  for (const [i, f] of files.entries()) {
    await b.page.evaluate((first) => {
      window.__tasks = [];
      window.__kezhiChecksAt = undefined;
      window.__t0 = performance.now();
      if (first) {
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) window.__tasks.push([Math.round(e.startTime - window.__t0), Math.round(e.duration)]);
        }).observe({ type: 'longtask' });
      }
    }, i === 0);
    await b.page.getByTestId('file-input').setInputFiles(f);
    await b.page.waitForFunction(() => window.__kezhiChecksAt, null, { timeout: 600_000 });
    await b.page.waitForTimeout(1000);
    const [tasks, largest] = await b.page.evaluate(() => [window.__tasks, window.__kezhiLargestMessage]);
    const [bytes, decodeMs] = largest || [0, 0];
    console.log(`${i === 0 ? 'first' : 'second'} import (${f}): long tasks ${JSON.stringify(tasks)}; largest message so far ${bytes} bytes, decoded in ${decodeMs.toFixed(1)} ms`);
  }
} finally {
  await b.close();
}
