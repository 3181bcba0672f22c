// The empty page from a local server (issue 6; run by bench/scale.sh, prints JSON): bundle sizes (raw
// and gzip -9) of dist/'s wasm and JS, and per fresh browser profile (cold cache) the first contentful
// paint and the time until the app has drawn its drop zone (wasm fetched, compiled and started).
//   node bench/first_paint.mjs [runs=5]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, root } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] || 5);
const dist = join(root, 'dist');
const files = readdirSync(dist).filter((f) => /\.(wasm|js)$/.test(f)).map((f) => {
  const bytes = readFileSync(join(dist, f));
  return { file: f, bytes: statSync(join(dist, f)).size, gzip: gzipSync(bytes, { level: 9 }).length };
});
const loads = [];
for (let i = 0; i < runs; i++) {
  const b = await launch({ open: false });
  try {
    await b.page.goto(`${b.base}/index.html`);
    await b.page.getByTestId('drop-zone').waitFor();
    loads.push(await b.page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { fcp_ms: fcp ? fcp.startTime : null, app_ms: performance.now(), dom_content_loaded_ms: nav.domContentLoadedEventEnd };
    }));
  } finally {
    await b.close();
  }
}
console.log(JSON.stringify({ files, loads }));
