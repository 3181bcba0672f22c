// The Web Worker's entry. One wasm module serves the page and the worker (docs/performance.md,
// "one module"): the page posts its own compiled WebAssembly.Module as the first message, so the
// worker neither downloads nor compiles it again; `main` does nothing outside a window, and
// `worker_start` installs the worker's message handler and announces itself (Response::Ready).
import init, { worker_start } from './kezhi.js';

self.onmessage = async (ev) => {
  self.onmessage = null;
  await init({ module_or_path: ev.data.module });
  worker_start();
};
