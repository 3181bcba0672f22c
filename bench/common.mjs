// What the browser benchmarks share: the demo file of a given size (written once by the release CLI
// under bench/out/), the release CLI's path, and the median.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const kezhi = join(root, 'target', 'release', 'kezhi');
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** bench/out/demo_<customers>.csv, generated with seed 7 when missing. */
export function demoFile(customers) {
  const out = join(root, 'bench', 'out');
  mkdirSync(out, { recursive: true });
  const file = join(out, `demo_${customers}.csv`);
  if (!existsSync(file)) execFileSync(kezhi, ['demo', '--customers', String(customers), '--seed', '7', '--out', file], { stdio: 'inherit' });
  return file;
}
