//! The binary: in the browser (wasm32), mounts the app, or in the Web Worker runs the engine; natively,
//! the batch CLI over the same engine.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

// One wasm module serves the page and the Web Worker (worker_loader.js; docs/performance.md): the
// worker runs this same binary, so its allocator, which tells the page when memory runs out, is the
// binary's; on the page it only passes every call through.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: kezhi::worker::ReportingAllocator = kezhi::worker::ReportingAllocator;

/// On the page, mounts the app; in the worker (no window), nothing: worker_loader.js calls
/// [`worker_start`].
#[cfg(target_arch = "wasm32")]
fn main() {
    if web_sys::window().is_none() {
        return;
    }
    console_error_panic_hook::set_once();
    kezhi::ui::mount();
}

/// The worker's entry, called by worker_loader.js once the module is instantiated, with the channel
/// to the fits worker.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn worker_start(fits_port: Option<web_sys::MessagePort>) {
    kezhi::worker::start(fits_port);
}

/// The fits worker's entry (worker_loader.js with `role: 'fits'`), with its channel to the worker.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn fits_worker_start(port: web_sys::MessagePort) {
    kezhi::worker::start_fits_worker(port);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    // A closed pipe (`kezhi score … | head`) ends the program quietly, as for any Unix tool.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default at start, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    cli::run()
}
