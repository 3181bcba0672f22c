//! The binary: in the browser (wasm32), mounts the app; natively, the batch CLI over the same engine.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    kezhi::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::run()
}
