// A small static file server for dist/ (no dependencies): correct MIME types for wasm and module
// workers, the same Content-Security-Policy as a response header, loopback only.
// Usage: node scripts/serve.mjs [dir=dist] [port=8080] [host=127.0.0.1]
import { createServer } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const root = resolve(process.argv[2] || 'dist');
const port = Number(process.argv[3] || process.env.PORT || 8080);
const host = process.argv[4] || '127.0.0.1';
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8', '.json': 'application/json', '.xlsx': 'application/octet-stream', '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Security-Policy of the built index.html's meta tag (scripts/csp.mjs fills in its
 *  hashes), sent as a header on every response: the meta tag binds only the page, a header binds
 *  the worker and the service worker too. docs/privacy.md shows the same for nginx, Apache, IIS. */
function policy(dir) {
  try {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    return html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1];
  } catch { return undefined; }
}

/** `prefix` (e.g. '/tools/kezhi') serves the folder under a sub-path, as an intranet would. */
export function startServer(dir = root, p = port, h = host, prefix = '') {
  const server = createServer((req, res) => {
    // A path that is not a URL ('//') or not UTF-8 when decoded ('/%E0') is refused, not a crash of
    // the server.
    let path;
    try { path = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request'); return;
    }
    if (prefix) {
      if (!path.startsWith(prefix + '/')) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      path = path.slice(prefix.length);
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(dir, path));
    // Inside the folder itself: not a sibling whose name starts with the folder's ('dist2').
    if (file !== dir && !file.startsWith(dir + sep)) { res.writeHead(403).end(); return; }
    let st;
    try { st = statSync(file); } catch { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    if (st.isDirectory()) { res.writeHead(301, { location: path + '/' }).end(); return; }
    const headers = {
      'content-type': types[extname(file)] || 'application/octet-stream',
      'content-length': st.size,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    const csp = policy(dir);
    if (csp) headers['content-security-policy'] = csp;
    res.writeHead(200, headers);
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  });
  return new Promise((ok) => server.listen(p, h, () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startServer().then((s) => {
    const a = s.address();
    console.log(`Kezhi is served at http://${a.address}:${a.port}/ (Ctrl-C to stop)`);
  });
}
