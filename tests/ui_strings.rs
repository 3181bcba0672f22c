//! The page's string table (`src/ui/i18n.rs`, part of the wasm-only front end) compiled and checked
//! natively: its own test scans every view for keys the table lacks.

pub use kezhi::engine;

#[allow(dead_code)]
#[path = "../src/ui/i18n.rs"]
mod i18n;
