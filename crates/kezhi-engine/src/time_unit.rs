//! The time unit of the models (docs/methods.md §0): day, week (default) or month of 30.4375 days.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Whole days from `earlier` to `later` (negative when `later` comes first), as chrono's
/// `(later - earlier).num_days()` gives them, by day numbers. chrono's subtraction goes through
/// 400-year cycles and a checked `TimeDelta`, a measurable part of the views' scoring when called for
/// every occasion (the lifecycle's profit curve and stages, the group models' periods;
/// docs/performance.md, "Measurements behind the code").
pub fn days_between(later: NaiveDate, earlier: NaiveDate) -> i64 {
    i64::from(later.num_days_from_ce()) - i64::from(earlier.num_days_from_ce())
}

/// Days in the average Gregorian month, 365.25 / 12 (docs/methods.md §0, ARCHITECTURE conventions).
pub const DAYS_PER_MONTH: f64 = 30.4375;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum TimeUnit {
    Day,
    #[default]
    Week,
    Month,
}

impl TimeUnit {
    /// Length of one unit in days.
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Day => 1.0,
            TimeUnit::Week => 7.0,
            TimeUnit::Month => DAYS_PER_MONTH,
        }
    }

    /// Converts a number of days into this unit.
    pub fn from_days(self, days: f64) -> f64 {
        days / self.days()
    }

    pub fn parse(s: &str) -> Option<TimeUnit> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" | "days" | "d" => Some(TimeUnit::Day),
            "week" | "weeks" | "w" => Some(TimeUnit::Week),
            "month" | "months" | "m" => Some(TimeUnit::Month),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Day => "day",
            TimeUnit::Week => "week",
            TimeUnit::Month => "month",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_convert_days_as_methods_defines() {
        assert_eq!(TimeUnit::Week.from_days(14.0), 2.0);
        assert_eq!(TimeUnit::Day.from_days(3.0), 3.0);
        assert!((TimeUnit::Month.from_days(365.25) - 12.0).abs() < 1e-12);
        assert_eq!(TimeUnit::parse("Month"), Some(TimeUnit::Month));
        assert_eq!(TimeUnit::parse("year"), None);
    }

    /// `days_between` equals chrono's subtraction on random pairs of dates anywhere in chrono's range
    /// (before the common era too) and on neighbours of leap days and century years.
    #[test]
    fn days_between_equals_chronos_subtraction() {
        use proptest::prelude::*;
        let (lo, hi) = (NaiveDate::MIN.num_days_from_ce(), NaiveDate::MAX.num_days_from_ce());
        let day = prop_oneof![lo..=hi, 693_000..=740_000i32];
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(2000));
        runner
            .run(&(day.clone(), day), |(a, b)| {
                let (a, b) = (NaiveDate::from_num_days_from_ce_opt(a).unwrap(), NaiveDate::from_num_days_from_ce_opt(b).unwrap());
                prop_assert_eq!(days_between(a, b), (a - b).num_days());
                Ok(())
            })
            .unwrap();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(days_between(d("2000-03-01"), d("2000-02-28")), 2);
        assert_eq!(days_between(d("1900-03-01"), d("1900-02-28")), 1);
        assert_eq!(days_between(d("2024-01-01"), d("2025-01-01")), -366);
    }
}
