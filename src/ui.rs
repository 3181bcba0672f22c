//! The Leptos front end (wasm only). It shows what the engine computed; it does no modelling.

pub mod app;
pub mod clv_screen;
pub mod customers_screen;
pub mod deep_link;
pub mod equity_panel;
pub mod format;
pub mod frames;
pub mod i18n;
pub mod import_screen;
pub mod landing;
pub mod lifecycle_screen;
pub mod model_fit_panel;
pub mod offline;
pub mod overview_screen;
pub mod plot_canvas;
pub mod portfolio_screen;
pub mod presentation;
pub mod report_screen;
pub mod rfm_screen;
pub mod scenario_screen;
pub mod settings_line;
pub mod settings_screen;
pub mod settings_store;
pub mod state;
pub mod warm_up;
pub mod worker_client;

/// Mounts the app on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}
