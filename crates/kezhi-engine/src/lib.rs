//! The engine: pure numerics and data handling. No DOM, no signals; compiles and is tested natively.
//!
//! Data flows one way: bytes → [`import`] → [`customer_table`] → models → classifications.

pub mod lang;
pub mod texts;
pub mod tolerances;
pub mod time_unit;
pub mod settings;
pub mod settings_form;
pub mod import;
pub mod table;
pub mod models;
pub mod rfm;
pub mod frameworks;
pub mod scoring;
pub mod fitted_model;
pub mod views;
