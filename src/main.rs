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
    // A closed pipe (`kezhi score … | head`) ends the program quietly, as for any Unix tool.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default at start, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    cli::run()
}
