//! RFM segments (METHODS §1a): rules over (R score, F score) on the 5-bin scores. The default grid
//! assigns every one of the 25 cells to exactly one segment; user rule sets are checked for cells no
//! rule covers and cells two rules cover.

use serde::{Deserialize, Serialize};

use crate::engine::lang::Lang;

/// A rule: the segment for R scores in `r` and F scores in `f` (inclusive ranges).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentRule {
    pub key: String,
    pub en: String,
    pub zh: String,
    pub r: (u8, u8),
    pub f: (u8, u8),
}

impl SegmentRule {
    fn new(key: &str, en: &str, zh: &str, r: (u8, u8), f: (u8, u8)) -> SegmentRule {
        SegmentRule { key: key.into(), en: en.into(), zh: zh.into(), r, f }
    }

    pub fn covers(&self, r: u8, f: u8) -> bool {
        (self.r.0..=self.r.1).contains(&r) && (self.f.0..=self.f.1).contains(&f)
    }

    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.zh)
    }
}

/// The default R×F grid of METHODS §1a.
pub fn default_grid() -> Vec<SegmentRule> {
    vec![
        SegmentRule::new("champions", "Champions", "冠军客户", (5, 5), (4, 5)),
        SegmentRule::new("loyal", "Loyal", "忠诚客户", (3, 4), (4, 5)),
        SegmentRule::new("potential_loyalists", "Potential Loyalists", "潜在忠诚客户", (4, 5), (2, 3)),
        SegmentRule::new("new_customers", "New Customers", "新客户", (5, 5), (1, 1)),
        SegmentRule::new("promising", "Promising", "有潜力客户", (4, 4), (1, 1)),
        SegmentRule::new("need_attention", "Need Attention", "需要关注", (3, 3), (3, 3)),
        SegmentRule::new("about_to_sleep", "About To Sleep", "即将沉睡", (3, 3), (1, 2)),
        SegmentRule::new("at_risk", "At Risk", "流失风险", (1, 2), (3, 4)),
        SegmentRule::new("cant_lose_them", "Can't Lose Them", "不能失去", (1, 2), (5, 5)),
        SegmentRule::new("hibernating", "Hibernating", "沉睡客户", (1, 2), (1, 2)),
    ]
}

/// The index of the first rule covering (r, f), or `None` ("Others").
pub fn assign(rules: &[SegmentRule], r: u8, f: u8) -> Option<usize> {
    rules.iter().position(|rule| rule.covers(r, f))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// (R, F) cells no rule covers.
    pub uncovered: Vec<(u8, u8)>,
    /// (R, F) cells two or more rules cover, with the rules' keys.
    pub overlapping: Vec<((u8, u8), Vec<String>)>,
}

/// Checks a rule set over the 25 cells of 5-bin scores.
pub fn coverage(rules: &[SegmentRule]) -> Coverage {
    let mut c = Coverage { uncovered: Vec::new(), overlapping: Vec::new() };
    for r in 1..=5 {
        for f in 1..=5 {
            let hits: Vec<String> = rules.iter().filter(|x| x.covers(r, f)).map(|x| x.key.clone()).collect();
            match hits.len() {
                0 => c.uncovered.push((r, f)),
                1 => {}
                _ => c.overlapping.push(((r, f), hits)),
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_grid_gives_every_cell_exactly_one_segment() {
        let c = coverage(&default_grid());
        assert!(c.uncovered.is_empty() && c.overlapping.is_empty(), "{c:?}");
        // Spot checks against the METHODS table.
        let g = default_grid();
        let key = |r, f| assign(&g, r, f).map(|i| g[i].key.as_str());
        assert_eq!(key(5, 5), Some("champions"));
        assert_eq!(key(5, 1), Some("new_customers"));
        assert_eq!(key(3, 3), Some("need_attention"));
        assert_eq!(key(2, 5), Some("cant_lose_them"));
        assert_eq!(key(1, 1), Some("hibernating"));
    }

    #[test]
    fn coverage_names_uncovered_and_doubly_covered_cells() {
        let mut rules = default_grid();
        rules.retain(|r| r.key != "hibernating");
        rules.push(SegmentRule::new("vip", "VIP", "贵宾", (5, 5), (5, 5)));
        let c = coverage(&rules);
        assert_eq!(c.uncovered, vec![(1, 1), (1, 2), (2, 1), (2, 2)]);
        assert_eq!(c.overlapping, vec![((5, 5), vec!["champions".to_string(), "vip".to_string()])]);
    }
}
