//! The Leptos front end (wasm only). It shows what the engine computed; it does no modelling.
//!
//! Layers, each using only those above it (scripts/deps.sh checks it): the page's plumbing
//! (`i18n`, `format`, `frames`, `offline`, `probes`, `download`, `settings_store`, `state`), then
//! `worker_client`, then `widgets/`, then `screens/`, then `documents/` (report and slide deck), then
//! `tabs`, `warm_up`, `deep_link` and `app`.

pub mod app;
pub mod deep_link;
pub mod documents;
pub mod download;
pub mod format;
pub mod frames;
pub mod i18n;
pub mod offline;
pub mod probes;
pub mod screens;
pub mod settings_store;
pub mod state;
pub mod tabs;
pub mod warm_up;
pub mod widgets;
pub mod worker_client;

/// Mounts the app on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}
