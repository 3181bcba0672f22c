//! The customer table: one row per customer from the imported rows, the time units, the growth periods, the repeat-purchase summary the models fit, and the demo retailer.

pub mod customer_table;
pub mod import_report;
pub mod imported;
pub mod group_periods;
pub mod demo_data;
pub mod overview;
