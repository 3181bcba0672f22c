//! Every setting of the analysis, with the METHODS defaults. Saved and loaded as JSON.
//!
//! Later stages add their thresholds here; every view shows the settings it used and every export
//! writes them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::time_unit::TimeUnit;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// End of the observation window (METHODS §0). `None` = the last date in the data.
    pub analysis_date: Option<NaiveDate>,
    /// Time unit of the models (METHODS §0). Default: week.
    pub time_unit: TimeUnit,
    /// Margin as a share of revenue when the data has no cost or profit column. Default 0.30.
    pub margin_rate: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { analysis_date: None, time_unit: TimeUnit::Week, margin_rate: 0.30 }
    }
}

impl Settings {
    /// `key = value` lines, written at the top of every export (METHODS §8).
    pub fn describe(&self) -> Vec<(String, String)> {
        vec![
            (
                "analysis_date".into(),
                self.analysis_date.map(|d| d.to_string()).unwrap_or_else(|| "last date in data".into()),
            ),
            ("time_unit".into(), self.time_unit.name().into()),
            ("margin_rate".into(), format!("{}", self.margin_rate)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_as_json_and_fill_missing_fields_with_defaults() {
        let s = Settings { analysis_date: NaiveDate::from_ymd_opt(2024, 1, 31), ..Settings::default() };
        let json = serde_json::to_string(&s).expect("serialise");
        assert_eq!(serde_json::from_str::<Settings>(&json).expect("parse"), s);
        let partial: Settings = serde_json::from_str(r#"{"margin_rate":0.5}"#).expect("parse");
        assert_eq!(partial.time_unit, TimeUnit::Week);
        assert_eq!(partial.margin_rate, 0.5);
    }
}
