//! The 8-class customer value model (八类客户价值模型, docs/methods.md §1b): R, F and M each high or low
//! against the mean over all customers (setting: median). For R, "high" means more recent.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::texts::Text;

pub use crate::settings::Split;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ValueClass {
    ImportantValue,
    ImportantDevelop,
    ImportantKeep,
    ImportantWinBack,
    GeneralValue,
    GeneralDevelop,
    GeneralKeep,
    GeneralWinBack,
}

impl ValueClass {
    /// The eight classes in the order of the docs/methods.md §1b table.
    pub const ALL: [ValueClass; 8] = [
        ValueClass::ImportantValue,
        ValueClass::ImportantDevelop,
        ValueClass::ImportantKeep,
        ValueClass::ImportantWinBack,
        ValueClass::GeneralValue,
        ValueClass::GeneralDevelop,
        ValueClass::GeneralKeep,
        ValueClass::GeneralWinBack,
    ];

    /// Position in [`ValueClass::ALL`].
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|&c| c == self).unwrap_or(0)
    }

    /// Stable key (strategy texts, exports).
    pub fn key(self) -> &'static str {
        use ValueClass::*;
        match self {
            ImportantValue => "important_value",
            ImportantDevelop => "important_to_develop",
            ImportantKeep => "important_to_keep",
            ImportantWinBack => "important_to_win_back",
            GeneralValue => "general_value",
            GeneralDevelop => "general_to_develop",
            GeneralKeep => "general_to_keep",
            GeneralWinBack => "general_to_win_back",
        }
    }

    /// From (R high = recent, F high, M high), the docs/methods.md §1b table.
    pub fn from_levels(r: bool, f: bool, m: bool) -> ValueClass {
        use ValueClass::*;
        match (r, f, m) {
            (true, true, true) => ImportantValue,
            (true, false, true) => ImportantDevelop,
            (false, true, true) => ImportantKeep,
            (false, false, true) => ImportantWinBack,
            (true, true, false) => GeneralValue,
            (true, false, false) => GeneralDevelop,
            (false, true, false) => GeneralKeep,
            (false, false, false) => GeneralWinBack,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        use ValueClass::*;
        match self {
            ImportantValue => Text::ClassImportantValue,
            ImportantDevelop => Text::ClassImportantDevelop,
            ImportantKeep => Text::ClassImportantKeep,
            ImportantWinBack => Text::ClassImportantWinBack,
            GeneralValue => Text::ClassGeneralValue,
            GeneralDevelop => Text::ClassGeneralDevelop,
            GeneralKeep => Text::ClassGeneralKeep,
            GeneralWinBack => Text::ClassGeneralWinBack,
        }
        .get(lang)
    }
}

/// The mean, or the median, of the values (0 for none).
fn centre(values: &[f64], median: bool) -> f64 {
    if values.is_empty() {
        0.0
    } else if median {
        crate::rfm::scores::median(values)
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

/// Classes for customers with recency in days (smaller = more recent), frequency and monetary value.
/// A value equal to the centre counts as low (high means strictly better than the centre).
/// The centres R, F and M are high or low against: days since the last purchase, purchase
/// occasions, spend (a customer is high on R below the first, on F and M above the others).
pub fn centres(recency_days: &[f64], frequency: &[f64], monetary: &[f64], split: Split) -> (f64, f64, f64) {
    match split {
        Split::Fixed { recency_days: r, frequency: f, monetary: m } => (r, f, m),
        _ => {
            let median = split == Split::Median;
            (centre(recency_days, median), centre(frequency, median), centre(monetary, median))
        }
    }
}

pub fn classify(recency_days: &[f64], frequency: &[f64], monetary: &[f64], split: Split) -> Vec<ValueClass> {
    let (cr, cf, cm) = centres(recency_days, frequency, monetary, split);
    (0..recency_days.len())
        .map(|i| ValueClass::from_levels(recency_days[i] < cr, frequency[i] > cf, monetary[i] > cm))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ValueClass::*;

    #[test]
    fn eight_classes_on_a_hand_made_table() {
        // Means: recency 50 days, frequency 5, monetary 500. Each customer sits on one side of each.
        let r = [10.0, 10.0, 90.0, 90.0, 10.0, 10.0, 90.0, 90.0];
        let f = [9.0, 1.0, 9.0, 1.0, 9.0, 1.0, 9.0, 1.0];
        let m = [900.0, 900.0, 900.0, 900.0, 100.0, 100.0, 100.0, 100.0];
        let got = classify(&r, &f, &m, Split::Mean);
        assert_eq!(
            got,
            vec![ImportantValue, ImportantDevelop, ImportantKeep, ImportantWinBack, GeneralValue, GeneralDevelop, GeneralKeep, GeneralWinBack]
        );
        assert_eq!(ImportantValue.label(Lang::Zh), "重要价值客户");
    }

    /// Fixed centres 30 days, 3 occasions, ¥500: a customer exactly on each centre is low on all three
    /// (high means strictly better), one just better on each is high.
    #[test]
    fn fixed_thresholds_with_customers_on_them() {
        let split = Split::Fixed { recency_days: 30.0, frequency: 3.0, monetary: 500.0 };
        let got = classify(&[30.0, 29.0], &[3.0, 4.0], &[500.0, 500.01], split);
        assert_eq!(got, vec![GeneralWinBack, ImportantValue]);
    }

    #[test]
    fn median_split_differs_from_mean_on_skewed_spend() {
        // Spend 1, 2, 3, 100: mean 26.5 puts only the last high; median 2.5 puts the last two high.
        let r = [1.0; 4];
        let f = [1.0; 4];
        let m = [1.0, 2.0, 3.0, 100.0];
        let high = |s| classify(&r, &f, &m, s).iter().filter(|c| matches!(c, ImportantValue | ImportantDevelop | ImportantKeep | ImportantWinBack)).count();
        assert_eq!((high(Split::Mean), high(Split::Median)), (1, 2));
    }
}
