//! What the views, the cards and the exports show, computed from the scores: overviews, insights, the customer list and card, why a customer is in a class, the CSV export, anonymising, the strategy texts, and what the page is sent of an import (`import_view`) and of the scores (`score_view`).

pub mod rfm_overview;
pub mod clv_overview;
pub mod insights;
pub mod customer_list;
pub mod class_reasons;
pub mod csv_export;
pub mod anonymise;
pub mod strategy_texts;
pub mod what_if;
pub mod import_view;
pub mod score_view;
