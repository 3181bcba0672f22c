//! RFM: ranks and scores, the segment rules, the value classes and the AHP weights.

pub mod rfm_scores;
pub mod rank_table;
pub mod rfm_segments;
pub mod rfm_value_classes;
pub mod ahp;
