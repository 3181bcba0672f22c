//! The recommended treatment for every class of every framework, in Chinese and English, written in
//! our own words from the seed articles' advice. The texts live in one data file,
//! `strategies.json`, which the CLI and the page both read through this module.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::lang::Lang;

#[derive(Debug, Deserialize)]
struct Text {
    en: String,
    zh: String,
}

type Table = BTreeMap<String, BTreeMap<String, Text>>;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    // The file is part of the source; a malformed one fails the test below, never a user.
    TABLE.get_or_init(|| serde_json::from_str(include_str!("strategies.json")).unwrap_or_default())
}

/// The treatment for `class` of `framework`, or `None` when the file has none.
pub fn strategy(framework: &str, class: &str, lang: Lang) -> Option<&'static str> {
    table().get(framework)?.get(class).map(|t| lang.pick(t.en.as_str(), t.zh.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rfm::value_classes::ValueClass;
    use crate::{rfm::segments, frameworks::{gold_meteor_creek_burden, lifecycle, new_customer_matrix, nine_grid, tier_ladder, value_pyramid, veteran_matrix}};

    #[test]
    fn every_class_of_every_framework_has_a_strategy_in_both_languages() {
        assert!(!table().is_empty(), "strategies.json parses");
        let frameworks: [(&str, &[&str]); 7] = [
            ("nine_grid", &nine_grid::STRATEGIES),
            ("lifecycle", &lifecycle::STAGES),
            ("new_customer_matrix", &new_customer_matrix::CLASSES),
            ("veteran_matrix", &veteran_matrix::CLASSES),
            ("gold_meteor_creek_burden", &gold_meteor_creek_burden::CLASSES),
            ("value_pyramid", &value_pyramid::LEVELS),
            ("tier_ladder", &tier_ladder::TIERS),
        ];
        for (framework, classes) in frameworks {
            assert_eq!(table()[framework].len(), classes.len(), "{framework}: no text for a class that does not exist");
            check(framework, classes);
        }
        let value_classes: Vec<&str> = ValueClass::ALL.iter().map(|c| c.key()).collect();
        assert_eq!(table()["value_class"].len(), 8);
        check("value_class", &value_classes);
        let mut segments: Vec<String> = segments::default_grid().into_iter().chain(segments::rfm_package_preset()).map(|r| r.key).collect();
        segments.push("others".into());
        check("rfm_segment", &segments.iter().map(String::as_str).collect::<Vec<_>>());
    }

    fn check(framework: &str, classes: &[&str]) {
        for class in classes {
            for lang in [Lang::En, Lang::Zh] {
                let text = strategy(framework, class, lang).unwrap_or_default();
                assert!(text.chars().count() > 10, "{framework}/{class} in {lang:?}: {text:?}");
            }
        }
    }
}
