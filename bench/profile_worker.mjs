// Sampled CPU profile of the worker over one import (issue 6): where the worker's time goes, by
// function, from Chromium's own profiler (trace category disabled-by-default-v8.cpu_profiler).
//   node bench/profile_worker.mjs FILE [TOP=40] [CALLERS_OF]
// Function names need a wasm with its name section, which trunk's wasm-opt drops. The page and the
// worker run one module (docs/architecture.md, Build); after scripts/build.sh, put one with names in
// dist/ (scripts/build.sh again puts trunk's back):
//   wasm-bindgen --target web --out-dir /tmp/wb --out-name kezhi target/wasm32-unknown-unknown/release-wasm/kezhi.wasm
//   node_modules/.bin/wasm-opt -O3 -g --enable-bulk-memory --enable-nontrapping-float-to-int \
//     --enable-sign-ext --enable-mutable-globals /tmp/wb/kezhi_bg.wasm -o dist/kezhi_bg.wasm
//   cp /tmp/wb/kezhi.js dist/kezhi.js
//   sed -i 's/ integrity="[^"]*"//g' dist/index.html   # trunk's preload hashes are of its own build
// Prints, per thread busy for 200 ms or more, the functions by self time and by inclusive time, and
// with a third argument the callers of the functions whose name contains it.
import { launch } from '../tests/e2e/harness.mjs';
import { traced } from './common.mjs';

const [file, top = 40, callersOf = ''] = process.argv.slice(2);
const short = (n) => n.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '');
const b = await launch();
try {
  await b.page.waitForTimeout(1500); // the warm-up ends
  // Profiled up to the views being ready (the worker then goes on to the Pareto/NBD comparison and
  // the model checks, which are left out).
  const config = { includedCategories: ['disabled-by-default-v8.cpu_profiler', 'v8'], enableSampling: true };
  const events = await traced(b.page, config, async () => {
    await b.page.getByTestId('file-input').setInputFiles(file);
    await b.page.waitForFunction(() => window.__kezhiRenderedAt, null, { timeout: 600_000, polling: 20 });
  });
  // Profiles: one per thread; ProfileChunk events carry nodes (id, callFrame, parent) and samples.
  const profiles = new Map();
  for (const e of events) {
    if (e.name !== 'Profile' && e.name !== 'ProfileChunk') continue;
    const key = `${e.pid}:${e.id}`;
    const p = profiles.get(key) || { tid: e.tid, nodes: new Map(), samples: [], deltas: [] };
    const d = e.args?.data || {};
    for (const n of d.cpuProfile?.nodes || []) p.nodes.set(n.id, n);
    p.samples.push(...(d.cpuProfile?.samples || []));
    p.deltas.push(...(d.timeDeltas || []));
    profiles.set(key, p);
  }
  for (const [key, p] of profiles) {
    const self = new Map();
    let total = 0;
    for (let i = 0; i < p.samples.length; i++) {
      const n = p.nodes.get(p.samples[i]);
      const name = n?.callFrame?.functionName || '(anonymous)';
      const dt = (p.deltas[i + 1] ?? 0) / 1000;
      self.set(name, (self.get(name) || 0) + dt);
      total += dt;
    }
    const busy = [...self].filter(([n]) => n !== '(idle)' && n !== '(program)' && n !== '(root)').reduce((s, [, v]) => s + v, 0);
    if (busy < 200) continue;
    console.log(`\n== profile ${key} (thread ${p.tid}): ${busy.toFixed(0)} ms busy of ${total.toFixed(0)}`);
    // Inclusive time: each sample counts once for every distinct function on its stack.
    const incl = new Map();
    const callers = new Map();
    for (let i = 0; i < p.samples.length; i++) {
      const dt = (p.deltas[i + 1] ?? 0) / 1000;
      const seen = new Set();
      let child = null;
      for (let n = p.nodes.get(p.samples[i]); n; n = p.nodes.get(n.parent)) {
        const name = short(n.callFrame?.functionName || '(anonymous)');
        if (callersOf && child && child.includes(callersOf)) callers.set(name, (callers.get(name) || 0) + dt);
        child = name;
        if (!seen.has(name)) { seen.add(name); incl.set(name, (incl.get(name) || 0) + dt); }
      }
    }
    const row = (ms, n) => `${ms.toFixed(1).padStart(8)}  ${(100 * ms / busy).toFixed(1).padStart(5)}%  ${short(n).slice(0, 130)}`;
    console.log('-- self time');
    for (const [n, ms] of [...self].sort((a, c) => c[1] - a[1]).slice(0, Number(top))) console.log(row(ms, n));
    console.log('-- inclusive time');
    for (const [n, ms] of [...incl].sort((a, c) => c[1] - a[1]).slice(0, Number(top))) console.log(row(ms, n));
    if (callersOf) {
      console.log(`-- callers of ${callersOf}`);
      for (const [n, ms] of [...callers].sort((a, c) => c[1] - a[1]).slice(0, 20)) console.log(row(ms, n));
    }
  }
} finally {
  await b.close();
}
