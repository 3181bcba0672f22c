//! Kezhi (客值): customer-value analytics that run entirely in the browser.
//!
//! `engine` is pure Rust (native and wasm); `charts` draws from plain engine data; `ui` is the Leptos
//! front end (wasm only); `protocol` is the message format between page and Web Worker.

pub mod charts;
pub use kezhi_engine as engine;
pub mod protocol;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;
