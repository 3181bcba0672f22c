//! The tier ladder 客户等级 (docs/methods.md §4, seed 000): by average monthly spend (revenue ÷ months from
//! the first purchase to the analysis date, at least one month), six tiers from the bottom 水晶
//! crystal, 翡翠 jade, 黄金 gold, 白金 platinum, 钻石 diamond, 黑金 black gold; cut by shares of
//! customers 40/25/15/10/7/3 % (bottom to top) by default, or at currency thresholds the user types
//! (a customer exactly on a threshold goes to the higher tier).

use serde::{Deserialize, Serialize};

use crate::frameworks::class_table::{aggregate, levels_by_share, ClassRow, LevelCuts};
use crate::lang::Lang;
use crate::texts::Text;

pub const TIERS: [&str; 6] = ["crystal", "jade", "gold", "platinum", "diamond", "black_gold"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierLadder {
    /// Per customer: 0 = crystal … 5 = black gold.
    pub tier: Vec<usize>,
    pub table: Vec<ClassRow>,
    /// The monthly-spend range each tier ended up holding (lowest, highest), `None` when empty.
    pub ranges: Vec<Option<(f64, f64)>>,
    /// Ranked by total spend, not by monthly spend: an RFM table has no first purchase to count the
    /// months from (`frameworks::build`).
    #[serde(default)]
    pub by_total_spend: bool,
}

/// `shares` bottom to top; `thresholds` (five ascending monthly amounts) replace them when given, and
/// else `given`, another population's lowest monthly spend per tier (a value below every tier, or
/// NaN, is crystal).
pub fn build(monthly_spend: &[f64], margin: &[f64], shares: &[f64; 6], thresholds: Option<&[f64; 5]>, given: Option<&LevelCuts>) -> TierLadder {
    let tier: Vec<usize> = match (thresholds, given) {
        (Some(t), _) => monthly_spend.iter().map(|&v| tier_at_thresholds(v, t)).collect(),
        (None, Some(cuts)) => monthly_spend.iter().map(|&v| cuts.level(v).unwrap_or(0).min(TIERS.len() - 1)).collect(),
        (None, None) => {
            // Levels from the top: reverse the shares, then count tiers from the bottom.
            let top_down: Vec<f64> = shares.iter().rev().copied().collect();
            levels_by_share(monthly_spend, &top_down).into_iter().map(|l| TIERS.len() - 1 - l).collect()
        }
    };
    let classes: Vec<Option<usize>> = tier.iter().map(|&t| Some(t)).collect();
    let mut ranges: Vec<Option<(f64, f64)>> = vec![None; TIERS.len()];
    for (&t, &v) in tier.iter().zip(monthly_spend) {
        ranges[t] = Some(match ranges[t] {
            None => (v, v),
            Some((lo, hi)) => (lo.min(v), hi.max(v)),
        });
    }
    TierLadder { table: aggregate(&TIERS, &classes, margin), tier, ranges, by_total_spend: false }
}

/// The tier of a monthly spend at five ascending thresholds: how many it reaches.
pub fn tier_at_thresholds(monthly_spend: f64, thresholds: &[f64; 5]) -> usize {
    thresholds.iter().filter(|&&c| monthly_spend >= c).count()
}

pub fn label(tier: usize, lang: Lang) -> &'static str {
    const LABELS: [Text; 6] = [Text::TierCrystal, Text::TierJade, Text::TierGold, Text::TierPlatinum, Text::TierDiamond, Text::TierBlackGold];
    LABELS[tier.min(5)].get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 100 customers with monthly spend 1..=100 and the default shares: 40 crystal (1–40), 25 jade
    /// (41–65), 15 gold, 10 platinum, 7 diamond, 3 black gold (98–100).
    #[test]
    fn default_shares_cut_a_uniform_ladder() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        let l = build(&v, &v, &[0.40, 0.25, 0.15, 0.10, 0.07, 0.03], None, None);
        let counts: Vec<u64> = l.table.iter().map(|r| r.customers).collect();
        assert_eq!(counts, vec![40, 25, 15, 10, 7, 3]);
        assert_eq!(l.ranges[5], Some((98.0, 100.0)));
        assert_eq!(l.ranges[0], Some((1.0, 40.0)));
    }

    /// Thresholds 100, 200, 500, 1000, 5000: 99.99 is crystal, exactly 100 is jade, 5000 black gold.
    #[test]
    fn thresholds_put_a_value_on_a_cut_in_the_higher_tier() {
        let l = build(&[99.99, 100.0, 4999.0, 5000.0], &[0.0; 4], &[0.4, 0.25, 0.15, 0.1, 0.07, 0.03], Some(&[100.0, 200.0, 500.0, 1000.0, 5000.0]), None);
        assert_eq!(l.tier, vec![0, 1, 4, 5]);
    }
}
