// What the browser benchmarks share: the demo file of a given size (written once by the release CLI
// under bench/out/), the release CLI's path, the median, and a Chromium trace of some work.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const kezhi = join(root, 'target', 'release', 'kezhi');
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The trace events Chromium records on `page`'s CDP session while `during()` runs, with the given
 *  categories (and any other `traceConfig` fields). */
export async function traced(page, traceConfig, during) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { traceConfig, transferMode: 'ReportEvents' });
  await during();
  await cdp.send('Tracing.end');
  await done;
  return events;
}

/** bench/out/demo_<customers>.csv, generated with seed 7 when missing. */
export function demoFile(customers) {
  const out = join(root, 'bench', 'out');
  mkdirSync(out, { recursive: true });
  const file = join(out, `demo_${customers}.csv`);
  if (!existsSync(file)) execFileSync(kezhi, ['demo', '--customers', String(customers), '--seed', '7', '--out', file], { stdio: 'inherit' });
  return file;
}
