//! The time unit of the models (METHODS §0): day, week (default) or month of 30.4375 days.

use serde::{Deserialize, Serialize};

/// Days in the average Gregorian month, 365.25 / 12 (METHODS §0, ARCHITECTURE conventions).
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
}
