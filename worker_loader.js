// The Web Worker's entry. One wasm module serves the page and the worker (docs/architecture.md,
// Build): the page posts its own compiled WebAssembly.Module as the first message, so the worker
// neither downloads nor compiles it again; `main` does nothing outside a window, and `worker_start`
// installs the worker's message handler and announces itself (Response::Ready). The same file starts
// the fits worker (`role: 'fits'`, src/worker/fits_worker.rs); each gets its end of the channel
// between them in this first message.
import init, { worker_start, fits_worker_start } from './kezhi.js';

self.onmessage = async (ev) => {
  self.onmessage = null;
  try {
    await init({ module_or_path: ev.data.module });
  } catch (e) {
    // The bindings just fetched (kezhi.js) are of another build than the page's module: a new version
    // went onto the server while the page was open. Said as plain text, which the page reads as a
    // mismatch and answers by asking for a reload (src/ui/worker_client.rs), not by restarting.
    if (e instanceof WebAssembly.LinkError) {
      self.postMessage(`this worker's bindings (kezhi.js) are of another build than the page: ${e.message}`);
      return;
    }
    throw e;
  }
  if (ev.data.role === 'fits') fits_worker_start(ev.data.port);
  else worker_start(ev.data.port);
};
