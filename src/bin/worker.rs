//! The Web Worker binary: runs the engine off the main thread (see `kezhi::worker`).

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: kezhi::worker::ReportingAllocator = kezhi::worker::ReportingAllocator;

#[cfg(target_arch = "wasm32")]
fn main() {
    kezhi::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the Kezhi worker runs only in the browser, as a Web Worker");
}
