//! RFM: ranks and scores, the segment rules, the value classes and the AHP weights.

pub mod scores;
pub mod rank_table;
pub mod segments;
pub mod value_classes;
pub mod ahp;
