//! The veteran matrix 老客户矩阵 (docs/methods.md §3b, seed 002): customers with two or more purchase
//! occasions, by asset quality 资产质量 × share-of-wallet growth a 个客份额增长率.
//!
//! - Quality from loyalty 忠诚度 (P(alive) when fitted, else the F score) and profitability 盈利性
//!   (margin per month of tenure), each high when strictly above its median over the veterans:
//!   both high → 优 good, one → 中 fair, none → 劣 poor.
//! - Growth a = (share now − share before) / share before, periods of `months` months ending at the
//!   analysis date (default the last 6 vs the 6 before), share = our spend ÷ the wallet (the sum of
//!   the wallet column over the customer's rows in the period). Without a wallet column, or for a
//!   customer with no wallet in either period, the customer's own spend growth stands in, and the
//!   output says which (`growth_measure`, `spend_growth_fallbacks`). Nothing before and something
//!   now counts as fast; nothing in either as shrinking. Fast a ≥ `fast` (default 1), steady
//!   0 < a < fast, shrinking a ≤ 0.
//!
//! | quality \ growth | fast | steady | shrinking |
//! |---|---|---|---|
//! | 优 | 高质类 grade 1 | 潜力A类 grade 2 | 观察类 grade 3 |
//! | 中 | 潜力B类 grade 2 | 问题类 grade 3 | 低质类 grade 3 |
//! | 劣 | 问题类 grade 3 | 低质类 grade 3 | 淘汰类 grade 4 |
//!
//! (The seed names seven classes; the two 劣 cells it leaves unnamed are placed as docs/methods.md §3b says.)

use serde::{Deserialize, Serialize};

use crate::frameworks::class_table::{aggregate, median, ClassRow};
use crate::table::group_periods::growth;
use crate::lang::Lang;
use crate::texts::Text;

pub const CLASSES: [&str; 7] = ["high_quality", "potential_a", "watch", "potential_b", "problem", "low_quality", "eliminate"];

/// Class index by [quality][growth], quality 0 = 优 … 2 = 劣, growth 0 = fast … 2 = shrinking.
const GRID: [[usize; 3]; 3] = [[0, 1, 2], [3, 4, 5], [4, 5, 6]];
const GRADE: [u8; 7] = [1, 2, 3, 2, 3, 3, 4];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VeteranMatrix {
    pub class: Vec<Option<usize>>,
    pub grade: Vec<Option<u8>>,
    pub quality: Vec<Option<usize>>,
    pub growth: Vec<Option<f64>>,
    /// "share_of_wallet" (a wallet column) or "spend_growth" (the stand-in).
    pub growth_measure: String,
    /// Veterans whose growth fell back to spend growth although the file has a wallet column.
    pub spend_growth_fallbacks: u64,
    /// "p_alive" or "f_score".
    pub loyalty_measure: String,
    pub table: Vec<ClassRow>,
    /// The cuts: the veterans' medians of loyalty and of margin per month, and growth's "fast" cut.
    pub loyalty_median: f64,
    pub margin_median: f64,
    pub fast: f64,
}

/// One veteran's inputs.
pub struct Veteran {
    pub index: usize,
    pub loyalty: f64,
    pub margin_per_month: f64,
    /// Growth a (see the module doc; `growth_of`).
    pub growth: f64,
}

/// Growth a from the spend and (when known) the wallet of the period before and the latest one;
/// the flag says whether share of wallet was used.
pub fn growth_of(spend: (f64, f64), wallet: Option<(f64, f64)>) -> (f64, bool) {
    match wallet {
        Some((wb, wn)) if wb > 0.0 && wn > 0.0 => (growth(spend.0 / wb, spend.1 / wn), true),
        _ => (growth(spend.0, spend.1), false),
    }
}


pub fn build(customers: usize, vets: &[Veteran], loyalty_measure: &str, growth_measure: &str, fallbacks: u64, fast: f64, margin: &[f64]) -> VeteranMatrix {
    let lm = median(&vets.iter().map(|v| v.loyalty).collect::<Vec<_>>());
    let pm = median(&vets.iter().map(|v| v.margin_per_month).collect::<Vec<_>>());
    let mut class = vec![None; customers];
    let mut grade = vec![None; customers];
    let mut quality = vec![None; customers];
    let mut growth_of = vec![None; customers];
    for v in vets {
        let highs = usize::from(v.loyalty > lm) + usize::from(v.margin_per_month > pm);
        let q = 2 - highs;
        let a = v.growth;
        let g = if a >= fast { 0 } else if a > 0.0 { 1 } else { 2 };
        let k = GRID[q][g];
        class[v.index] = Some(k);
        grade[v.index] = Some(GRADE[k]);
        quality[v.index] = Some(q);
        growth_of[v.index] = Some(a).filter(|a| a.is_finite());
    }
    VeteranMatrix {
        table: aggregate(&CLASSES, &class, margin),
        class,
        grade,
        quality,
        growth: growth_of,
        growth_measure: growth_measure.into(),
        spend_growth_fallbacks: fallbacks,
        loyalty_measure: loyalty_measure.into(),
        loyalty_median: lm,
        margin_median: pm,
        fast,
    }
}


pub fn label(class: usize, lang: Lang) -> &'static str {
    const LABELS: [Text; 7] = [Text::VeteranHighQuality, Text::VeteranPotentialA, Text::VeteranWatch, Text::VeteranPotentialB, Text::VeteranProblem, Text::VeteranBelowPar, Text::VeteranEliminate];
    LABELS[class.min(6)].get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Growth by hand: 100 → 250 is a = 1.5 (fast), 100 → 150 steady, 100 → 100 and 100 → 50
    /// shrinking, 0 → 10 fast, 0 → 0 shrinking; a customer at exactly a = 1 is fast (a ≥ 1).
    #[test]
    fn growth_levels_with_a_customer_on_the_threshold() {
        assert_eq!(growth(100.0, 250.0), 1.5);
        let level = |b, n| {
            let a = growth(b, n);
            if a >= 1.0 { 0 } else if a > 0.0 { 1 } else { 2 }
        };
        assert_eq!([level(100.0, 250.0), level(100.0, 150.0), level(100.0, 100.0), level(100.0, 50.0), level(0.0, 10.0), level(0.0, 0.0), level(100.0, 200.0)], [0, 1, 2, 2, 0, 2, 0]);
    }

    /// Nine veterans, one per (quality, growth) cell by construction: loyalty and margin are 0.9/90
    /// (high) or 0.1/10 (low); three more at 0.1/90 balance the counts so the medians are exactly
    /// 0.5/50, where a tenth veteran sits (low on both, so 劣; a = 0, shrinking: eliminate).
    #[test]
    fn every_cell_of_the_grid_by_construction() {
        let spend = [(100.0, 300.0), (100.0, 150.0), (100.0, 80.0)]; // fast, steady, shrinking
        let quality = [(0.9, 90.0), (0.9, 10.0), (0.1, 10.0)]; // 优, 中, 劣
        let mut vets = Vec::new();
        for (qi, &(loyalty, m)) in quality.iter().enumerate() {
            for (gi, &(b, n)) in spend.iter().enumerate() {
                vets.push(Veteran { index: qi * 3 + gi, loyalty, margin_per_month: m, growth: growth(b, n) });
            }
        }
        vets.push(Veteran { index: 9, loyalty: 0.5, margin_per_month: 50.0, growth: 0.0 });
        for k in 10..13 {
            vets.push(Veteran { index: k, loyalty: 0.1, margin_per_month: 90.0, growth: 0.0 });
        }
        let m = build(14, &vets, "p_alive", "spend_growth", 0, 1.0, &[1.0; 14]);
        assert_eq!(m.class[..9].to_vec(), vec![Some(0), Some(1), Some(2), Some(3), Some(4), Some(5), Some(4), Some(5), Some(6)]);
        assert_eq!(m.grade[..9].to_vec(), [1, 2, 3, 2, 3, 3, 3, 3, 4].map(Some).to_vec());
        assert_eq!(m.class[9], Some(6), "on both medians: 劣, and a = 0 shrinking: eliminate");
        assert_eq!(m.class[13], None, "not a veteran");
        assert_eq!(m.table.iter().map(|r| r.customers).sum::<u64>(), 13);
    }

    /// Share of wallet by hand: 50 of 200 before (25%), 60 of 120 now (50%): a = 1, fast — while the
    /// spend alone grew only 20% (steady). No wallet in a period: spend growth stands in.
    #[test]
    fn share_of_wallet_growth_by_hand() {
        assert_eq!(growth_of((50.0, 60.0), Some((200.0, 120.0))), (1.0, true));
        let (a, by_share) = growth_of((50.0, 60.0), None);
        assert!((a - 0.2).abs() < crate::tolerances::HAND_COMPUTED_ABS && !by_share);
        assert!(!growth_of((50.0, 60.0), Some((0.0, 120.0))).1);
    }

}
