//! Every setting of the analysis, with the defaults of docs/methods.md. Saved and loaded as JSON.
//!
//! Later stages add their thresholds here; every view shows the settings it used and every export
//! writes them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::say;
use crate::texts::Text;
use crate::time_unit::TimeUnit;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// End of the observation window (docs/methods.md §0). `None` = the last date in the data.
    pub analysis_date: Option<NaiveDate>,
    /// Time unit of the models (docs/methods.md §0). Default: week.
    pub time_unit: TimeUnit,
    /// Margin as a share of revenue when the data has no cost or profit column. Default 0.30.
    pub margin_rate: f64,
    /// CLV horizon in months (docs/methods.md §2c). Default 12.
    pub horizon_months: u32,
    /// Annual discount rate; the monthly rate is (1 + annual)^(1/12) − 1. Default 1%/month.
    pub discount_annual: f64,
    /// RFM bins for display: 3, 4 or 5 (segments always use 5). Default 5.
    pub rfm_bins: u8,
    /// M as total spend (default) or mean spend per occasion (docs/methods.md §1).
    pub rfm_monetary: Monetary,
    /// User thresholds for the RFM scores instead of quantile bins (docs/methods.md §1); `None` (default) =
    /// quantiles with `rfm_bins` bins.
    pub rfm_thresholds: Option<Thresholds>,
    /// Weights wR, wF, wM of the combined RFM score (docs/methods.md §1). Default equal thirds; replaced by
    /// the AHP weights when `ahp_rfm` is given.
    pub rfm_weights: [f64; 3],
    /// AHP pairwise comparison matrix over R, F, M (3 × 3, Saaty's 1–9 scale; docs/methods.md §7). Its
    /// principal-eigenvector weights become the RFM weights; a CR of 0.1 or more is reported.
    pub ahp_rfm: Option<Vec<Vec<f64>>>,
    /// High/low split of the 8-class value model: mean (default), median or fixed centres (docs/methods.md §1b).
    pub value_split: Split,
    /// RFM segment rules: the R×F grid (default), the R `rfm` package preset, or the user's own.
    pub segment_rules: SegmentRules,
    /// A fixed conversion-probability cut for the new-customer matrix instead of the median (docs/methods.md §3a).
    pub new_conversion_cut: Option<f64>,
    /// Length in months of the two periods whose spend the veteran matrix compares. Default 6.
    pub veteran_period_months: u32,
    /// Growth a at or above which a veteran is "fast" (docs/methods.md §3b). Default 1.
    pub veteran_fast_growth: f64,
    /// The lifecycle stage rules (docs/methods.md §5): P(alive) cuts, the no-model recency rule, the
    /// introduction window, the spend change and the period length (also the growth grid's).
    pub lifecycle: StageRules,
    /// The stage flow compares the stages this many months before the analysis date with now. Default 6.
    pub lifecycle_flow_months: u32,
    /// Strategy of each nine-grid cell [row][column]: 0 keep investing, 1 deepen, 2 adjust, 3 managed
    /// exit. Default by the sum of the two levels (docs/methods.md §3d).
    pub nine_grid_strategy: [[usize; 3]; 3],
    /// k-means (docs/methods.md §6): clusters (default 4), restarts (default 5) and the seed (default 42).
    pub cluster_k: usize,
    pub cluster_restarts: usize,
    pub cluster_seed: u64,
    /// What the value pyramid ranks by (docs/methods.md §4): CLV when fitted else margin (default), margin,
    /// revenue, or the weighted RFM score.
    pub pyramid_value: PyramidValue,
    /// Shares of customers in the pyramid levels A, B, C, D. Default 20/30/30/20 %.
    pub pyramid_shares: [f64; 4],
    /// The Pareto figure's top share of customers. Default 0.20.
    pub pareto_top_share: f64,
    /// Shares of customers in the tiers, bottom (crystal) to top (black gold). Default 40/25/15/10/7/3 %.
    pub tier_shares: [f64; 6],
    /// Monthly-spend thresholds of jade, gold, platinum, diamond and black gold, replacing the shares.
    pub tier_thresholds: Option<[f64; 5]>,
    /// Share of the window, at its end, held out for the calibration/holdout check (docs/methods.md §2d).
    /// Default 0.25.
    pub holdout_share: f64,
    /// Length in months of a period of the retention and migration models (docs/methods.md §2e). Default 3.
    pub group_period_months: u32,
    /// K, the "lapsed" recency state of the migration model (periods without a purchase). Default 4.
    pub migration_lapsed_state: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            analysis_date: None,
            time_unit: TimeUnit::Week,
            margin_rate: 0.30,
            horizon_months: 12,
            discount_annual: 1.01f64.powi(12) - 1.0,
            rfm_bins: 5,
            rfm_monetary: Default::default(),
            rfm_thresholds: None,
            rfm_weights: [1.0 / 3.0; 3],
            ahp_rfm: None,
            value_split: Default::default(),
            segment_rules: Default::default(),
            new_conversion_cut: None,
            veteran_period_months: 6,
            veteran_fast_growth: 1.0,
            lifecycle: Default::default(),
            lifecycle_flow_months: 6,
            nine_grid_strategy: DEFAULT_STRATEGY,
            cluster_k: 4,
            cluster_restarts: 5,
            cluster_seed: 42,
            pyramid_value: Default::default(),
            pyramid_shares: [0.20, 0.30, 0.30, 0.20],
            pareto_top_share: 0.20,
            tier_shares: [0.40, 0.25, 0.15, 0.10, 0.07, 0.03],
            tier_thresholds: None,
            holdout_share: 0.25,
            group_period_months: 3,
            migration_lapsed_state: 4,
        }
    }
}

impl Settings {
    /// Settings from JSON: the settings themselves, or the `.settings.json` written beside an export,
    /// which wraps them in `{"settings": …}`. Missing fields take their defaults; no range check (see
    /// `settings_form::problems`).
    pub fn from_json(text: &str) -> Result<Settings, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let inner = value.get("settings").cloned().unwrap_or(value);
        serde_json::from_value(inner).map_err(|e| e.to_string())
    }

    /// Monthly discount rate from the annual one.
    pub fn discount_monthly(&self) -> f64 {
        (1.0 + self.discount_annual).powf(1.0 / 12.0) - 1.0
    }

    /// Discount rate per period of the group models: (1 + annual)^(months/12) − 1.
    pub fn discount_per_group_period(&self) -> f64 {
        (1.0 + self.discount_annual).powf(f64::from(self.group_period_months) / 12.0) - 1.0
    }

    /// `key = value` lines, written at the top of every export (docs/methods.md §8).
    pub fn describe(&self) -> Vec<(String, String)> {
        vec![
            (
                "analysis_date".into(),
                self.analysis_date.map(|d| d.to_string()).unwrap_or_else(|| "last date in data".into()),
            ),
            ("time_unit".into(), self.time_unit.name().into()),
            ("margin_rate".into(), format!("{}", self.margin_rate)),
            ("horizon_months".into(), self.horizon_months.to_string()),
            ("discount_annual".into(), format!("{:.4}", self.discount_annual)),
            ("rfm_bins".into(), self.rfm_bins.to_string()),
            ("rfm_monetary".into(), format!("{:?}", self.rfm_monetary)),
            (
                "rfm_thresholds".into(),
                self.rfm_thresholds.as_ref().map_or("quantiles".into(), |t| format!("R days {:?}, F {:?}, M {:?}", t.r_days, t.f, t.m)),
            ),
            ("ahp_rfm".into(), self.ahp_rfm.as_ref().map_or("none".into(), |m| format!("{m:?}"))),
            ("rfm_weights".into(), format!("{:.3} {:.3} {:.3}", self.rfm_weights[0], self.rfm_weights[1], self.rfm_weights[2])),
            ("value_split".into(), format!("{:?}", self.value_split)),
            ("segment_rules".into(), self.segment_rules.name()),
            ("new_conversion_cut".into(), self.new_conversion_cut.map_or("median".into(), |c| format!("{c}"))),
            ("veteran_period_months".into(), self.veteran_period_months.to_string()),
            ("veteran_fast_growth".into(), format!("{}", self.veteran_fast_growth)),
            ("lifecycle".into(), {
                let l = &self.lifecycle;
                format!(
                    "lost P(alive) < {} (no model: > {}× own gap and > {} days; one purchase: the same against the median wait for a second), introduction < {} days, decline P(alive) < {}, spend change ±{}, periods {} months",
                    l.lost_p_alive, l.lost_gap_multiple, l.lost_min_days, l.introduction_days, l.decline_p_alive, l.spend_change, l.period_months
                )
            }),
            ("lifecycle_flow_months".into(), self.lifecycle_flow_months.to_string()),
            ("nine_grid_strategy".into(), format!("{:?}", self.nine_grid_strategy)),
            ("clusters".into(), format!("k {} · restarts {} · seed {}", self.cluster_k, self.cluster_restarts, self.cluster_seed)),
            ("pyramid_value".into(), format!("{:?}", self.pyramid_value)),
            ("pyramid_shares".into(), format!("{:?}", self.pyramid_shares)),
            ("pareto_top_share".into(), format!("{}", self.pareto_top_share)),
            ("tier_shares".into(), format!("{:?}", self.tier_shares)),
            ("tier_thresholds".into(), self.tier_thresholds.map_or("shares".into(), |t| format!("{t:?}"))),
            ("holdout_share".into(), format!("{}", self.holdout_share)),
            ("group_period_months".into(), self.group_period_months.to_string()),
            ("migration_lapsed_state".into(), self.migration_lapsed_state.to_string()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_json_reads_bare_and_wrapped_and_fills_defaults() {
        let bare = Settings::from_json(r#"{"horizon_months": 6}"#).expect("bare");
        let wrapped = Settings::from_json(r#"{"source": "x.csv", "settings": {"horizon_months": 6}}"#).expect("wrapped");
        assert_eq!(bare, wrapped);
        assert_eq!(bare, Settings { horizon_months: 6, ..Settings::default() });
        assert!(Settings::from_json("[1, 2]").is_err());
    }

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

// The types of the settings' values. Their methods stay with the stage that uses them
// (`impl Thresholds` in scores.rs, …), which re-exports each type from here, so settings
// depend on no later stage.

/// What M measures (docs/methods.md §1): the total net spend, or the mean per purchase occasion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Monetary {
    #[default]
    Total,
    MeanPerOccasion,
}

/// Why the user's RFM thresholds cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThresholdProblem {
    /// Not 2 to 4 cut values, or not as many for R, F and M.
    CutCount,
    /// The cut values of `dimension` (R, F or M) are not finite and strictly ascending.
    NotAscending { dimension: char },
}

impl ThresholdProblem {
    pub fn text(self, lang: Lang) -> String {
        match self {
            ThresholdProblem::CutCount => Text::ThresholdsCutCount.get(lang).into(),
            ThresholdProblem::NotAscending { dimension } => say!(Text::ThresholdsNotAscending, lang, dimension = dimension),
        }
    }
}

impl std::fmt::Display for ThresholdProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for ThresholdProblem {}

/// User thresholds (a setting): 2 to 4 ascending cut values for each of R (days), F and M, the same
/// number for all three.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    pub r_days: Vec<f64>,
    pub f: Vec<f64>,
    pub m: Vec<f64>,
}

/// The centre the eight value classes split R, F and M at (docs/methods.md §1b).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub enum Split {
    #[default]
    Mean,
    Median,
    /// The user's own centres: days since the last purchase, purchase occasions, spend.
    Fixed { recency_days: f64, frequency: f64, monetary: f64 },
}

/// A rule: the segment for R scores in `r`, F scores in `f` and M scores in `m` (inclusive ranges;
/// `m` defaults to all of 1–5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentRule {
    pub key: String,
    pub en: String,
    pub zh: String,
    pub r: (u8, u8),
    pub f: (u8, u8),
    #[serde(default = "all_scores")]
    pub m: (u8, u8),
}

/// The thresholds of the stage rules (settings; docs/methods.md §5 defaults).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageRules {
    /// Lost below this P(alive). Default 0.1.
    pub lost_p_alive: f64,
    /// With no model: lost when days since the last purchase exceed this multiple of the customer's
    /// median gap (default 3) and this many days (default 180).
    pub lost_gap_multiple: f64,
    pub lost_min_days: f64,
    /// Introduction while the first purchase is fewer than this many days ago. Default 90.
    pub introduction_days: i64,
    /// Decline below this P(alive). Default 0.5.
    pub decline_p_alive: f64,
    /// Spend change between the periods beyond ± this share: growth or decline. Default 0.2.
    pub spend_change: f64,
    /// Period length in months. Default 6.
    pub period_months: u32,
}

/// What the pyramid ranks by (a setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum PyramidValue {
    /// CLV when fitted for everyone, else margin (default).
    #[default]
    ClvOrMargin,
    Margin,
    Revenue,
    /// The combined RFM score with the AHP (or default) weights.
    WeightedRfm,
}

/// Default strategy index per cell [row][column].
pub const DEFAULT_STRATEGY: [[usize; 3]; 3] = [[3, 2, 1], [2, 1, 0], [1, 0, 0]];

/// Which rule set segments the customers (a setting).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", content = "rules", rename_all = "snake_case")]
pub enum SegmentRules {
    /// The R×F grid of docs/methods.md §1a (default).
    #[default]
    Grid,
    /// The R `rfm` package preset.
    RfmPackage,
    /// The user's own rules, in order.
    Custom(Vec<SegmentRule>),
}

/// A segment rule without an M range takes every M score.
pub(crate) fn all_scores() -> (u8, u8) {
    (1, 5)
}
