// Kezhi in headless Chromium on one transaction file (issue 6; run by bench/scale.sh, prints JSON).
//   node bench/scale_browser.mjs FILE [runs=3] [drop_after_ms=300]
// drop_after_ms: how long after the page is ready the file is chosen. 300 ms (bench/scale.sh's) is
// sooner than a person can; 3000 lets both warm-ups (the worker's, then the page's) finish first.
// Per run: the file is chosen (as a drop would hand it over) on a fresh page; the figures are
//   - ready_ms: from the choice to the first frame drawn after the scores reached the views,
//   - checks_ms: from the choice until the Pareto/NBD comparison and model checks arrived (they follow),
//   - the worker's stage times (read, decode, parse, table; RFM, fits, frameworks, …) and the render,
//   - a timeline of the page's side (request posted, import received, "shown" sent, scores received,
//     drawn), so the time between the worker's stages (waiting, messages, drawing) can be told apart,
//   - the longest main-thread task seen from the choice on (PerformanceObserver 'longtask', > 50 ms by
//     definition; 0 = none), and apart from it the longest while the page waited for the file,
//     and the largest message from the worker with the page's time to decode and handle it,
//   - memory: the worker's wasm memory (its peak: linear memory only grows), the page's JS heap after
//     (CDP Performance.getMetrics), and the peak total RSS of Chromium's processes sampled every 100 ms
//     from /proc, with its idle level before the drop.
// Needs dist/ (scripts/build.sh). A run that does not finish in 10 minutes, or crashes the tab, is
// reported as {"error": …} instead of figures.
import { execFileSync } from 'node:child_process';
import { launch } from '../tests/e2e/harness.mjs';

const file = process.argv[2];
const runs = Number(process.argv[3] || 3);
const dropAfterMs = Number(process.argv[4] || 300);

function chromiumRssBytes() {
  try {
    const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss='], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).reduce((a, l) => a + Number(l.trim()) * 1024, 0);
  } catch { return 0; }
}

const results = [];
for (let i = 0; i < runs; i++) {
  const b = await launch();
  try {
    const cdp = await b.page.context().newCDPSession(b.page);
    await cdp.send('Performance.enable');
    await b.page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
        .observe({ type: 'longtask' });
    });
    await new Promise((r) => setTimeout(r, dropAfterMs));
    const idleRss = chromiumRssBytes();
    let peakRss = idleRss;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, chromiumRssBytes()); }, 100);
    const t0 = await b.page.evaluate(() => performance.now());
    let error = null;
    try {
      await b.page.getByTestId('file-input').setInputFiles(file);
      for (const key of ['__kezhiRenderedAt', '__kezhiChecksAt']) {
        await b.page.waitForFunction((k) => window[k] || document.querySelector('[data-testid=crash]') || document.querySelector('.notice.error'),
          key, { timeout: 600_000, polling: 100 });
      }
    } catch (e) { error = String(e).split('\n')[0]; }
    clearInterval(sampler);
    const r = await b.page.evaluate(() => ({
      renderedAt: window.__kezhiRenderedAt, scoredAt: window.__kezhiScoredAt, checksAt: window.__kezhiChecksAt,
      postedAt: window.__kezhiImportPostedAt, importedAt: window.__kezhiImportedAt, shownAt: window.__kezhiShownAt,
      checkTimings: window.__kezhiCheckTimings && JSON.parse(window.__kezhiCheckTimings),
      importTimings: window.__kezhiTimings && JSON.parse(window.__kezhiTimings),
      scoreTimings: window.__kezhiScoreTimings && JSON.parse(window.__kezhiScoreTimings),
      workerMemory: window.__kezhiWorkerMemory, longTasks: window.__longTasks, largestMessage: window.__kezhiLargestMessage,
      problem: (document.querySelector('[data-testid=crash]') || document.querySelector('.notice.error'))?.textContent,
    })).catch((e) => ({ problem: String(e) }));
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] }))).metrics.map((m) => [m.name, m.value]));
    if (error || !r.renderedAt) {
      results.push({ error: error || r.problem || 'no result', idleRss, peakRss });
    } else {
      results.push({
        ready_ms: r.renderedAt - t0,
        checks_ms: r.checksAt ? r.checksAt - t0 : null,
        import: Object.fromEntries(r.importTimings),
        score: { ...r.scoreTimings, pareto_nbd: r.checkTimings?.pareto_nbd, model_checks: r.checkTimings?.model_checks },
        render_ms: r.renderedAt - r.scoredAt,
        // The page's side, ms after the choice: the import request posted, the import's answer
        // received, the worker told it is drawn (the fits start then), the scores received, drawn.
        timeline: { posted: r.postedAt - t0, imported: r.importedAt - t0, shown: r.shownAt - t0, scored: r.scoredAt - t0, rendered: r.renderedAt - t0 },
        longest_task_ms: Math.max(0, ...r.longTasks.filter(([at]) => at >= t0).map(([, d]) => d)),
        longest_idle_task_ms: Math.max(0, ...r.longTasks.filter(([at]) => at < t0).map(([, d]) => d)),
        drop_after_ms: dropAfterMs,
        largest_message: r.largestMessage && { bytes: r.largestMessage[0], decode_ms: r.largestMessage[1], handle_ms: r.largestMessage[2] },
        worker_wasm_bytes: r.workerMemory,
        page_js_heap_bytes: metrics.JSHeapUsedSize,
        chromium_rss_idle: idleRss,
        chromium_rss_peak: peakRss,
      });
    }
  } finally {
    await b.close();
  }
}
console.log(JSON.stringify({ file, runs: results }));
