// Kezhi's service worker: keeps the app's own files so the page opens and works with no server (on a
// train, in a client's meeting room). It never sees your data: the file you drop is read by the page,
// not fetched, and only the files listed in APP are cached. Network first, so a new build is used as
// soon as the server answers; the cache answers only when the server does not.
// Registered by src/ui/offline.rs; removed, with its cache, by the page's "Forget everything".
const CACHE = 'kezhi-app';
const APP = [
  './', 'index.html', 'kezhi.js', 'kezhi_bg.wasm', 'worker_loader.js',
  'main.css', 'public/icon.svg', 'public/sample_transactions.csv',
];
const scope = new URL(self.registration.scope);
const cached = new Set(APP.map((p) => new URL(p, scope).pathname));

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(APP)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== scope.origin || !cached.has(url.pathname)) return;
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok) {
          // Refreshed only while the cache exists: after "Forget everything" deleted it, this worker
          // (still in charge of the open page until it closes) does not fill it again.
          const copy = res.clone();
          event.waitUntil(caches.has(CACHE).then((kept) => kept && caches.open(CACHE).then((c) => c.put(url.pathname, copy))));
        }
        return res;
      })
      .catch(() => caches.match(url.pathname).then((hit) => hit || Promise.reject(new Error('offline and not cached')))),
  );
});
