//! The views, one per tab (the report tab is in `ui/documents/`; `ui/tabs.rs` switches between them).
//! A screen file reads as its layout; the panels it lays out are in `ui/widgets/`.

pub mod clv_screen;
pub mod customers_screen;
pub mod import_screen;
pub mod landing;
pub mod lifecycle_screen;
pub mod overview_screen;
pub mod portfolio_screen;
pub mod rfm_screen;
pub mod scenario_screen;
pub mod settings_screen;
