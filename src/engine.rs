//! The engine: pure numerics and data handling. No DOM, no signals; compiles and is tested natively.
//!
//! Data flows one way: bytes → [`import`] → [`customer_table`] → models → classifications.

pub mod ahp;
pub mod bg_nbd;
pub mod class_table;
pub mod clustering;
pub mod clv;
pub mod clv_overview;
pub mod csv_export;
pub mod customer_list;
pub mod customer_table;
pub mod demo_data;
pub mod fitting;
pub mod fit_report;
pub mod frameworks;
pub mod gamma_gamma;
pub mod gold_meteor_creek_burden;
pub mod group_periods;
pub mod hypergeometric;
pub mod import;
pub mod insights;
pub mod lang;
pub mod lifecycle;
pub mod migration_model;
pub mod model_checks;
pub mod new_customer_matrix;
pub mod nine_grid;
pub mod overview;
pub mod pareto_curve;
pub mod pareto_nbd;
pub mod repeat_data;
pub mod retention_model;
pub mod rfm_overview;
pub mod rfm_scores;
pub mod rfm_segments;
pub mod rfm_value_classes;
pub mod scoring;
pub mod settings;
pub mod settings_form;
pub mod strategy_texts;
pub mod tier_ladder;
pub mod time_unit;
pub mod tolerances;
pub mod veteran_matrix;
pub mod value_pyramid;
