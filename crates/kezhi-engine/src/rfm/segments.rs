//! RFM segments (docs/methods.md §1a): rules over the 5-bin (R, F, M) scores, checked in order, first match
//! wins, no match = "Others". Three rule sets:
//! - the default R×F grid, which gives every one of the 125 score combinations exactly one segment;
//! - the preset of the R `rfm` package (rsquaredacademy/rfm, `rfm_segment`'s documented example,
//!   R/rfm-segment.R; a customer keeps the first segment it matches), which leaves some combinations
//!   to "Others";
//! - the user's own rules. Any set is checked for the combinations no rule covers and those two or
//!   more rules cover (where only the first counts).

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::texts::Text;

pub use crate::settings::SegmentRule;


impl SegmentRule {
    /// A preset rule, named in both languages from the texts table.
    fn new(key: &str, name: Text, r: (u8, u8), f: (u8, u8)) -> SegmentRule {
        SegmentRule { key: key.into(), en: name.en().into(), zh: name.zh().into(), r, f, m: crate::settings::all_scores() }
    }

    fn with_m(self, m: (u8, u8)) -> SegmentRule {
        SegmentRule { m, ..self }
    }

    pub fn covers(&self, r: u8, f: u8, m: u8) -> bool {
        (self.r.0..=self.r.1).contains(&r) && (self.f.0..=self.f.1).contains(&f) && (self.m.0..=self.m.1).contains(&m)
    }

    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.zh)
    }
}

/// The default R×F grid of docs/methods.md §1a.
pub fn default_grid() -> Vec<SegmentRule> {
    vec![
        SegmentRule::new("champions", Text::SegmentChampions, (5, 5), (4, 5)),
        SegmentRule::new("loyal", Text::SegmentLoyal, (3, 4), (4, 5)),
        SegmentRule::new("potential_loyalists", Text::SegmentPotentialLoyalists, (4, 5), (2, 3)),
        SegmentRule::new("new_customers", Text::SegmentNewCustomers, (5, 5), (1, 1)),
        SegmentRule::new("promising", Text::SegmentPromising, (4, 4), (1, 1)),
        SegmentRule::new("need_attention", Text::SegmentNeedAttention, (3, 3), (3, 3)),
        SegmentRule::new("about_to_sleep", Text::SegmentAboutToSleep, (3, 3), (1, 2)),
        SegmentRule::new("at_risk", Text::SegmentAtRisk, (1, 2), (3, 4)),
        SegmentRule::new("cant_lose_them", Text::SegmentCantLoseThem, (1, 2), (5, 5)),
        SegmentRule::new("hibernating", Text::SegmentHibernating, (1, 2), (1, 2)),
    ]
}

/// The R `rfm` package's example segments (R/rfm-segment.R at rsquaredacademy/rfm 00b067e), in its
/// order; the package gives a customer the first segment it matches, and "Others" when none.
pub fn rfm_package_preset() -> Vec<SegmentRule> {
    vec![
        SegmentRule::new("champions", Text::SegmentChampions, (5, 5), (5, 5)).with_m((5, 5)),
        SegmentRule::new("potential_loyalist", Text::SegmentPotentialLoyalist, (3, 5), (3, 5)).with_m((2, 5)),
        SegmentRule::new("loyal_customers", Text::SegmentLoyalCustomers, (2, 4), (2, 4)).with_m((2, 4)),
        SegmentRule::new("promising", Text::SegmentPromising, (3, 4), (1, 3)).with_m((3, 5)),
        SegmentRule::new("new_customers", Text::SegmentNewCustomers, (4, 5), (1, 3)).with_m((1, 5)),
        SegmentRule::new("cant_lose_them", Text::SegmentCantLoseThem, (1, 2), (3, 4)).with_m((4, 5)),
        SegmentRule::new("at_risk", Text::SegmentAtRisk, (1, 2), (2, 5)).with_m((4, 5)),
        SegmentRule::new("need_attention", Text::SegmentNeedAttention, (1, 3), (3, 5)).with_m((3, 5)),
        SegmentRule::new("about_to_sleep", Text::SegmentAboutToSleep, (2, 3), (1, 3)).with_m((1, 4)),
        SegmentRule::new("lost", Text::SegmentLost, (1, 1), (1, 5)).with_m((1, 5)),
    ]
}

pub use crate::settings::SegmentRules;

impl SegmentRules {
    pub fn rules(&self) -> Vec<SegmentRule> {
        match self {
            SegmentRules::Grid => default_grid(),
            SegmentRules::RfmPackage => rfm_package_preset(),
            SegmentRules::Custom(rules) => rules.clone(),
        }
    }

    pub fn name(&self) -> String {
        match self {
            SegmentRules::Grid => "grid".into(),
            SegmentRules::RfmPackage => "rfm_package".into(),
            SegmentRules::Custom(r) => format!("custom ({} rules)", r.len()),
        }
    }
}

/// The index of the first rule covering (r, f, m), or `None` ("Others").
pub fn assign(rules: &[SegmentRule], r: u8, f: u8, m: u8) -> Option<usize> {
    rules.iter().position(|rule| rule.covers(r, f, m))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// (R, F, M) score combinations no rule covers (their customers fall to "Others").
    pub uncovered: Vec<(u8, u8, u8)>,
    /// Combinations two or more rules cover, with the rules' keys in order (the first one wins).
    pub overlapping: Vec<((u8, u8, u8), Vec<String>)>,
}

/// Checks a rule set over the 125 combinations of 5-bin scores.
pub fn coverage(rules: &[SegmentRule]) -> Coverage {
    let mut c = Coverage { uncovered: Vec::new(), overlapping: Vec::new() };
    for r in 1..=5 {
        for f in 1..=5 {
            for m in 1..=5 {
                let hits: Vec<String> = rules.iter().filter(|x| x.covers(r, f, m)).map(|x| x.key.clone()).collect();
                match hits.len() {
                    0 => c.uncovered.push((r, f, m)),
                    1 => {}
                    _ => c.overlapping.push(((r, f, m), hits)),
                }
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
        // Spot checks against the grid of docs/methods.md §1a.
        let g = default_grid();
        let key = |r, f| assign(&g, r, f, 3).map(|i| g[i].key.as_str());
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
        rules.push(SegmentRule { key: "vip".into(), en: "VIP".into(), zh: "贵宾".into(), r: (5, 5), f: (5, 5), m: crate::settings::all_scores() });
        let c = coverage(&rules);
        let cells = |rf: &[(u8, u8)]| rf.iter().flat_map(|&(r, f)| (1..=5).map(move |m| (r, f, m))).collect::<Vec<_>>();
        assert_eq!(c.uncovered, cells(&[(1, 1), (1, 2), (2, 1), (2, 2)]));
        let both = vec!["champions".to_string(), "vip".to_string()];
        assert_eq!(c.overlapping, cells(&[(5, 5)]).into_iter().map(|k| (k, both.clone())).collect::<Vec<_>>());
    }

    /// The R package's example, by hand from its ranges: (5,5,5) is a Champion; (5,5,1) matches no
    /// rule (Potential Loyalist needs M ≥ 2, New Customers F ≤ 3) and is "Others"; (3,3,3) matches
    /// Potential Loyalist, Loyal Customers, Promising, Need Attention and About To Sleep, and the
    /// first, Potential Loyalist, wins.
    #[test]
    fn the_rfm_package_preset_is_first_match_with_others() {
        let p = rfm_package_preset();
        let key = |r, f, m| assign(&p, r, f, m).map(|i| p[i].key.as_str());
        assert_eq!(key(5, 5, 5), Some("champions"));
        assert_eq!(key(5, 5, 1), None);
        assert_eq!(key(3, 3, 3), Some("potential_loyalist"));
        assert_eq!(key(1, 1, 1), Some("lost"));
        assert_eq!(key(2, 1, 5), None, "R 2 and F 1 with high M: no rule (About To Sleep needs M ≤ 4)");
        let c = coverage(&p);
        assert!(c.uncovered.contains(&(5, 5, 1)) && c.uncovered.contains(&(2, 1, 5)));
        let (_, keys) = c.overlapping.iter().find(|(k, _)| *k == (3, 3, 3)).unwrap();
        assert_eq!(keys, &["potential_loyalist", "loyal_customers", "promising", "need_attention", "about_to_sleep"]);
    }

    #[test]
    fn rule_sets_round_trip_as_json_and_custom_rules_may_omit_m() {
        let json = r#"{"kind":"custom","rules":[{"key":"all","en":"All","zh":"全部","r":[1,5],"f":[1,5]}]}"#;
        let set: SegmentRules = serde_json::from_str(json).unwrap();
        assert_eq!(set.rules()[0].m, (1, 5));
        assert!(coverage(&set.rules()).uncovered.is_empty());
        let grid: SegmentRules = serde_json::from_str(&serde_json::to_string(&SegmentRules::RfmPackage).unwrap()).unwrap();
        assert_eq!(grid, SegmentRules::RfmPackage);
    }
}
