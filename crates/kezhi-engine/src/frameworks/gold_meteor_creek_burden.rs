//! Gold / meteor / creek / burden 黄金/流星/小溪/负担 (docs/methods.md §3c, seed 004): profit per purchase
//! occasion × repeat occasions, each high or low against its median over all customers. High means
//! strictly above the median, so a customer on it is low (as in the 8-class model):
//! gold (high profit, many repeats), meteor (high profit, few), creek (low profit, many),
//! burden (low or negative profit, few).

use serde::{Deserialize, Serialize};

use crate::frameworks::class_table::{aggregate, median, ClassRow};
use crate::lang::Lang;
use crate::texts::Text;

pub const CLASSES: [&str; 4] = ["gold", "meteor", "creek", "burden"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gmcb {
    pub class: Vec<usize>,
    pub profit_median: f64,
    pub repeats_median: f64,
    pub table: Vec<ClassRow>,
}


/// The two medians a population's classes were drawn at.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Medians {
    pub profit_per_occasion: f64,
    pub repeats: f64,
}

/// Classes at these customers' medians, or at `given` ones (another population's).
pub fn build(profit_per_occasion: &[f64], repeats: &[f64], margin: &[f64], given: Option<Medians>) -> Gmcb {
    let (pm, rm) = match given {
        Some(m) => (m.profit_per_occasion, m.repeats),
        None => (median(profit_per_occasion), median(repeats)),
    };
    let class: Vec<usize> = profit_per_occasion
        .iter()
        .zip(repeats)
        .map(|(&p, &r)| class_of(p, r, pm, rm))
        .collect();
    let classes: Vec<Option<usize>> = class.iter().map(|&c| Some(c)).collect();
    Gmcb { table: aggregate(&CLASSES, &classes, margin), class, profit_median: pm, repeats_median: rm }
}

/// The class of a profit per occasion and a repeat count against the medians (high = strictly above).
pub fn class_of(profit_per_occasion: f64, repeats: f64, profit_median: f64, repeats_median: f64) -> usize {
    match (profit_per_occasion > profit_median, repeats > repeats_median) {
        (true, true) => 0,
        (true, false) => 1,
        (false, true) => 2,
        (false, false) => 3,
    }
}

pub fn label(class: usize, lang: Lang) -> &'static str {
    const LABELS: [Text; 4] = [Text::GmcbGold, Text::GmcbMeteor, Text::GmcbCreek, Text::GmcbBurden];
    LABELS[class.min(3)].get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Profits 10, 10, 2, 2, 5 (median 5) and repeats 4, 0, 4, 0, 1 (median 1): the fifth customer sits
    /// on both medians and is a burden; the others fall one to a class.
    #[test]
    fn four_classes_by_hand_with_a_customer_on_both_medians() {
        let g = build(&[10.0, 10.0, 2.0, 2.0, 5.0], &[4.0, 0.0, 4.0, 0.0, 1.0], &[1.0; 5], None);
        assert_eq!((g.profit_median, g.repeats_median), (5.0, 1.0));
        assert_eq!(g.class, vec![0, 1, 2, 3, 3]);
        assert_eq!(g.table.iter().map(|r| r.customers).sum::<u64>(), 5);
    }
}
