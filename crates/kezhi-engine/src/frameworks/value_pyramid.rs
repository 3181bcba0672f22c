//! The value pyramid 客户金字塔 (docs/methods.md §4, seeds 000 and 003): customers ranked by value, levels by
//! share of customers — 关键 key A 20%, 重点 important B 30%, 一般 general C 30%, 维持 maintain D 20%
//! (the Geanal ABCD split of seed 003). The count pyramid and the inverted profit pyramid are the
//! `customers` and `margin_share` columns of the same table.

use serde::{Deserialize, Serialize};

use crate::frameworks::class_table::{aggregate, levels_by_share, value_ranges, ClassRow, LevelCuts};
use crate::lang::Lang;
use crate::texts::Text;

pub const LEVELS: [&str; 4] = ["key", "important", "general", "maintain"];

pub use crate::settings::PyramidValue;

/// What the pyramid actually ranked by: the setting's choice, or margin where `ClvOrMargin` found no
/// CLV. Written as `clv`, `margin`, `revenue`, `weighted_rfm` in reports and model files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankedBy {
    Clv,
    Margin,
    Revenue,
    WeightedRfm,
}

impl RankedBy {
    /// The name reports and model files use.
    pub fn key(self) -> &'static str {
        match self {
            RankedBy::Clv => "clv",
            RankedBy::Margin => "margin",
            RankedBy::Revenue => "revenue",
            RankedBy::WeightedRfm => "weighted_rfm",
        }
    }
}

impl std::fmt::Display for RankedBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValuePyramid {
    pub ranked_by: RankedBy,
    pub level: Vec<usize>,
    pub table: Vec<ClassRow>,
    /// The values each level ended up holding (lowest, highest): its cut points; `None` when empty.
    pub ranges: Vec<Option<(f64, f64)>>,
}

/// Levels by `shares` of these customers, or, `given` another population's cut values (the lowest
/// value of each level, maintain first), at those: a value below every level, or none (NaN), goes to
/// maintain.
pub fn build(value: &[f64], ranked_by: RankedBy, margin: &[f64], shares: &[f64; 4], given: Option<&LevelCuts>) -> ValuePyramid {
    let level = match given {
        Some(cuts) => value.iter().map(|&v| LEVELS.len() - 1 - cuts.level(v).unwrap_or(0).min(LEVELS.len() - 1)).collect(),
        None => levels_by_share(value, shares),
    };
    let classes: Vec<Option<usize>> = level.iter().map(|&l| Some(l)).collect();
    let ranges = value_ranges(LEVELS.len(), &classes, value);
    ValuePyramid { ranked_by, table: aggregate(&LEVELS, &classes, margin), level, ranges }
}

pub fn label(level: usize, lang: Lang) -> &'static str {
    const LABELS: [Text; 4] = [Text::PyramidKey, Text::PyramidImportant, Text::PyramidGeneral, Text::PyramidMaintain];
    LABELS[level.min(3)].get(lang)
}
