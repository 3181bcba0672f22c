//! The settings as a form (the page's Settings view): every field of [`Settings`], grouped, labelled in
//! both languages, read and written as text through its JSON path, with range checks that say what
//! is wrong in words. The page renders whatever this table lists, so a setting added to `Settings`
//! without a row here fails the test below.

use serde_json::Value;

use crate::lang::Lang;
use crate::say;
use crate::texts::Text;
use crate::rfm::segments::SegmentRules;
use crate::rfm::value_classes::Split;
use crate::settings::Settings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Number,
    Integer,
    /// YYYY-MM-DD, empty for none.
    Date,
    /// One of these JSON strings, each with its words.
    Choice(&'static [Choice]),
    /// Any JSON (lists, matrices, rule sets); empty for none where the setting is optional.
    Json,
}

/// A choice: its code (the JSON string in the settings file) and what the page says for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub code: &'static str,
    pub text: Text,
}

impl Choice {
    pub fn label(&self, lang: Lang) -> &'static str {
        self.text.get(lang)
    }
}

const fn c(code: &'static str, text: Text) -> Choice {
    Choice { code, text }
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// JSON pointer into the serialised settings.
    pub path: &'static str,
    pub group: &'static str,
    pub text: Text,
    pub kind: Kind,
}

/// (key, English, Chinese), in the order the page shows them.
pub const GROUPS: [(&str, Text); 6] = [
    ("data", Text::GroupData),
    ("rfm", Text::GroupRfm),
    ("clv", Text::GroupClv),
    ("portfolio", Text::GroupPortfolio),
    ("lifecycle", Text::GroupLifecycle),
    ("clusters", Text::GroupClusters),
];

const fn f(path: &'static str, group: &'static str, text: Text, kind: Kind) -> Field {
    Field { path, group, text, kind }
}

pub const FIELDS: &[Field] = &[
    f("/analysis_date", "data", Text::SettingAnalysisDate, Kind::Date),
    f("/time_unit", "data", Text::SettingTimeUnit, Kind::Choice(&[c("Day", Text::ChoiceDay), c("Week", Text::ChoiceWeek), c("Month", Text::ChoiceMonth)])),
    f("/margin_rate", "data", Text::SettingMarginRate, Kind::Number),
    f("/rfm_bins", "rfm", Text::SettingRfmBins, Kind::Integer),
    f("/rfm_monetary", "rfm", Text::SettingRfmMonetary, Kind::Choice(&[c("Total", Text::ChoiceTotal), c("MeanPerOccasion", Text::ChoiceMeanPerOccasion)])),
    f("/rfm_thresholds", "rfm", Text::SettingRfmThresholds,
        Kind::Json,
    ),
    f("/rfm_weights", "rfm", Text::SettingRfmWeights, Kind::Json),
    f("/ahp_rfm", "rfm", Text::SettingAhpRfm, Kind::Json),
    f("/value_split", "rfm", Text::SettingValueSplit,
        Kind::Json,
    ),
    f("/segment_rules", "rfm", Text::SettingSegmentRules,
        Kind::Json,
    ),
    f("/horizon_months", "clv", Text::SettingHorizonMonths, Kind::Integer),
    f("/discount_annual", "clv", Text::SettingDiscountAnnual, Kind::Number),
    f("/holdout_share", "clv", Text::SettingHoldoutShare, Kind::Number),
    f("/group_period_months", "clv", Text::SettingGroupPeriodMonths, Kind::Integer),
    f("/migration_lapsed_state", "clv", Text::SettingMigrationLapsedState,
        Kind::Integer,
    ),
    f("/new_conversion_cut", "portfolio", Text::SettingNewConversionCut,
        Kind::Number,
    ),
    f("/veteran_period_months", "portfolio", Text::SettingVeteranPeriodMonths,
        Kind::Integer,
    ),
    f("/veteran_fast_growth", "portfolio", Text::SettingVeteranFastGrowth, Kind::Number),
    f("/nine_grid_strategy", "portfolio", Text::SettingNineGridStrategy,
        Kind::Json,
    ),
    f("/pyramid_value", "portfolio", Text::SettingPyramidValue,
        Kind::Choice(&[
            c("ClvOrMargin", Text::ChoiceClvOrMargin),
            c("Margin", Text::ChoiceMargin),
            c("Revenue", Text::ChoiceRevenue),
            c("WeightedRfm", Text::ChoiceWeightedRfm),
        ]),
    ),
    f("/pyramid_shares", "portfolio", Text::SettingPyramidShares, Kind::Json),
    f("/pareto_top_share", "portfolio", Text::SettingParetoTopShare, Kind::Number),
    f("/tier_shares", "portfolio", Text::SettingTierShares, Kind::Json),
    f("/tier_thresholds", "portfolio", Text::SettingTierThresholds,
        Kind::Json,
    ),
    f("/lifecycle/lost_p_alive", "lifecycle", Text::SettingLifecycleLostPAlive, Kind::Number),
    f("/lifecycle/lost_gap_multiple", "lifecycle", Text::SettingLifecycleLostGapMultiple,
        Kind::Number,
    ),
    f("/lifecycle/lost_min_days", "lifecycle", Text::SettingLifecycleLostMinDays, Kind::Number),
    f("/lifecycle/introduction_days", "lifecycle", Text::SettingLifecycleIntroductionDays, Kind::Integer),
    f("/lifecycle/decline_p_alive", "lifecycle", Text::SettingLifecycleDeclinePAlive, Kind::Number),
    f("/lifecycle/spend_change", "lifecycle", Text::SettingLifecycleSpendChange, Kind::Number),
    f("/lifecycle/period_months", "lifecycle", Text::SettingLifecyclePeriodMonths, Kind::Integer),
    f("/lifecycle_flow_months", "lifecycle", Text::SettingLifecycleFlowMonths, Kind::Integer),
    f("/cluster_k", "clusters", Text::SettingClusterK, Kind::Integer),
    f("/cluster_restarts", "clusters", Text::SettingClusterRestarts, Kind::Integer),
    f("/cluster_seed", "clusters", Text::SettingClusterSeed, Kind::Integer),
];

impl Field {
    pub fn label(&self, lang: Lang) -> &'static str {
        self.text.get(lang)
    }
}

/// The label of a `Settings::describe` key in `lang` (the form row whose path is that key), or for a
/// key that groups several rows (`lifecycle`, `clusters`) the group's name; the key itself otherwise.
pub fn describe_label(key: &str, lang: Lang) -> &str {
    let path = format!("/{key}");
    if let Some(f) = FIELDS.iter().find(|f| f.path == path) {
        return f.label(lang);
    }
    match GROUPS.iter().find(|(g, _)| *g == key) {
        Some((_, name)) => name.get(lang),
        None => key,
    }
}

/// A short name for a [`Settings::describe`] key, for the settings line under each chart and the
/// overview's list (the form's labels carry hints and are too long there); the key itself otherwise.
pub fn short_label(key: &str, lang: Lang) -> &str {
    let text = match key {
        "analysis_date" => Text::ShortAnalysisDate,
        "time_unit" => Text::ShortTimeUnit,
        "margin_rate" => Text::ShortMarginRate,
        "horizon_months" => Text::ShortHorizonMonths,
        "discount_annual" => Text::ShortDiscountAnnual,
        "rfm_bins" => Text::ShortRfmBins,
        "rfm_monetary" => Text::ShortRfmMonetary,
        "rfm_thresholds" => Text::ShortRfmThresholds,
        "ahp_rfm" => Text::ShortAhpRfm,
        "rfm_weights" => Text::ShortRfmWeights,
        "value_split" => Text::ShortValueSplit,
        "segment_rules" => Text::ShortSegmentRules,
        "new_conversion_cut" => Text::ShortNewConversionCut,
        "veteran_period_months" => Text::ShortVeteranPeriodMonths,
        "veteran_fast_growth" => Text::ShortVeteranFastGrowth,
        "lifecycle" => Text::ShortLifecycle,
        "lifecycle_flow_months" => Text::ShortLifecycleFlowMonths,
        "nine_grid_strategy" => Text::ShortNineGridStrategy,
        "clusters" => Text::ShortClusters,
        "pyramid_value" => Text::ShortPyramidValue,
        "pyramid_shares" => Text::ShortPyramidShares,
        "pareto_top_share" => Text::ShortParetoTopShare,
        "tier_shares" => Text::ShortTierShares,
        "tier_thresholds" => Text::ShortTierThresholds,
        "holdout_share" => Text::ShortHoldoutShare,
        "group_period_months" => Text::ShortGroupPeriodMonths,
        "migration_lapsed_state" => Text::ShortMigrationLapsedState,
        _ => return key,
    };
    text.get(lang)
}

/// A share as a percentage without needless decimals: 0.2 → "20%", 0.075 → "7.5%".
fn percent(v: f64) -> String {
    let x = (v * 1000.0).round() / 10.0;
    format!("{x}%")
}

/// An AHP judgement as people write it on Saaty's scale: 3 → "3", 1/3 → "1/3", 2.5 → "2.5".
fn judgement(v: f64) -> String {
    let near = |a: f64, b: f64| (a - b).abs() <= 1e-6 * b.abs().max(1.0);
    let whole = |x: f64| near(x, x.round());
    if v > 0.0 && v < 1.0 && whole(1.0 / v) {
        format!("1/{}", (1.0 / v).round())
    } else if whole(v) {
        format!("{}", v.round())
    } else {
        format!("{}", (v * 1000.0).round() / 1000.0)
    }
}

/// The RFM comparison matrix as its three judgements above the diagonal (the rest are their
/// reciprocals and ones): "R vs F 3 · R vs M 5 · F vs M 3"; `None` for a matrix that is not 3 × 3.
fn ahp_words(m: &[Vec<f64>], lang: Lang) -> Option<String> {
    if m.len() != 3 || m.iter().any(|r| r.len() != 3) {
        return None;
    }
    let vs = Text::WordsVersus.get(lang);
    let names = ["R", "F", "M"];
    let pairs = [(0, 1), (0, 2), (1, 2)].map(|(i, j)| format!("{} {vs} {} {}", names[i], names[j], judgement(m[i][j])));
    Some(pairs.join(" · "))
}

/// [`Settings::describe`]'s list with the values in words of `lang`, for what people read (the printed
/// report, the overview, the settings line under each chart): choices by their labels, "none",
/// "median" and the like, and the lifecycle's rules as a sentence. Files (exports, the CLI's
/// settings) keep `describe()`'s values, which are the settings file's.
pub fn describe(s: &Settings, lang: Lang) -> Vec<(String, String)> {
    let p = |text: Text| text.get(lang).to_string();
    let list = |v: &[f64]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(" / ");
    s.describe()
        .into_iter()
        .map(|(key, value)| {
            let path = format!("/{key}");
            let choice = FIELDS.iter().find(|f| f.path == path).and_then(|f| choice_label(s, f, lang)).map(str::to_string);
            let words = if let Some(label) = choice {
                label
            } else {
                match key.as_str() {
                    "analysis_date" if s.analysis_date.is_none() => p(Text::WordsLastDateInTheData),
                    "rfm_thresholds" => match &s.rfm_thresholds {
                        None => p(Text::WordsQuantiles),
                        Some(t) => format!("R {} {} · F {} · M {}", p(Text::WordsDays), list(&t.r_days), list(&t.f), list(&t.m)),
                    },
                    "ahp_rfm" if s.ahp_rfm.is_none() => p(Text::WordsNoAhp),
                    "ahp_rfm" => s.ahp_rfm.as_deref().and_then(|m| ahp_words(m, lang)).unwrap_or(value),
                    "value_split" => match &s.value_split {
                        Split::Mean => p(Text::WordsMean),
                        Split::Median => p(Text::WordsMedian),
                        Split::Fixed { recency_days, frequency, monetary } => {
                            format!("{} R {recency_days} {} · F {frequency} · M {monetary}", p(Text::WordsFixed), p(Text::WordsDaysUnit))
                        }
                    },
                    "segment_rules" => match &s.segment_rules {
                        SegmentRules::Grid => p(Text::WordsGrid),
                        SegmentRules::RfmPackage => p(Text::WordsRfmPackagePreset),
                        SegmentRules::Custom(r) => format!("{} ({})", p(Text::WordsYourRules), r.len()),
                    },
                    "new_conversion_cut" if s.new_conversion_cut.is_none() => p(Text::WordsMedian),
                    "lifecycle" => {
                        let l = &s.lifecycle;
                        say!(
                            Text::WordsLifecycle,
                            lang,
                            p = l.lost_p_alive,
                            k = l.lost_gap_multiple,
                            min = l.lost_min_days,
                            intro = l.introduction_days,
                            decline = l.decline_p_alive,
                            change = l.spend_change,
                            months = l.period_months
                        )
                    }
                    "clusters" => format!("k {} · {} {} · {} {}", s.cluster_k, p(Text::WordsRestarts), s.cluster_restarts, p(Text::WordsSeed), s.cluster_seed),
                    "tier_thresholds" if s.tier_thresholds.is_none() => p(Text::WordsByTheShares),
                    "pyramid_shares" => ["A", "B", "C", "D"].iter().zip(&s.pyramid_shares).map(|(l, v)| format!("{l} {}", percent(*v))).collect::<Vec<_>>().join(" · "),
                    "tier_shares" => format!("{} {}", p(Text::WordsBottomToTop), s.tier_shares.iter().map(|v| percent(*v)).collect::<Vec<_>>().join(" / ")),
                    "nine_grid_strategy" if s.nine_grid_strategy == crate::frameworks::nine_grid::DEFAULT_STRATEGY => p(Text::WordsBySumOfLevels),
                    "nine_grid_strategy" => format!("{} {value}", p(Text::WordsYourNineGrid)),
                    "margin_rate" | "holdout_share" => percent(s_number(&value)),
                    "discount_annual" => format!("{} {}", percent(s_number(&value)), p(Text::WordsAYear)),
                    "rfm_weights" => value.split(' ').map(round_words).collect::<Vec<_>>().join(" "),
                    _ => round_words(&value),
                }
            };
            (key, words)
        })
        .collect()
}

fn s_number(value: &str) -> f64 {
    value.parse().unwrap_or(0.0)
}

/// The settings as `short name = value` lines, keyed by [`Settings::describe`]'s key, in words of
/// `lang` (the overview and the settings line under each chart).
pub fn short_lines(s: &Settings, lang: Lang) -> Vec<(String, String)> {
    describe(s, lang)
        .into_iter()
        .map(|(key, value)| {
            let line = format!("{} = {value}", short_label(&key, lang));
            (key, line)
        })
        .collect()
}

/// The label of the choice `field` holds in `s`; `None` for a field that is not a choice.
pub fn choice_label(s: &Settings, field: &Field, lang: Lang) -> Option<&'static str> {
    match field.kind {
        Kind::Choice(options) => {
            let code = text(s, field);
            options.iter().find(|o| o.code == code).map(|o| o.label(lang))
        }
        _ => None,
    }
}

fn json(s: &Settings) -> Value {
    serde_json::to_value(s).unwrap_or(Value::Null)
}

/// The field's value as the form shows it: absent values empty, JSON fields as compact JSON, other
/// strings bare.
pub fn text(s: &Settings, field: &Field) -> String {
    match json(s).pointer(field.path) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(t)) if field.kind != Kind::Json => t.clone(),
        Some(v) => v.to_string(),
    }
}

/// The field's value as the form's box shows it: [`text`] with every number rounded to four decimals
/// (a derived default such as the annual discount 0.12682503013196977 reads 0.1268). The form sets a
/// field only when its box is edited, and a box left as shown is not set again, so the rounding never
/// reaches the settings (`a_box_left_as_shown_changes_nothing`).
pub fn shown(s: &Settings, field: &Field) -> String {
    match json(s).pointer(field.path) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(t)) if field.kind != Kind::Json => t.clone(),
        Some(v) => rounded(v).to_string(),
    }
}

/// `v` with every number rounded to four decimals (integers stay integers).
fn rounded(v: &Value) -> Value {
    match v {
        Value::Number(n) if n.is_f64() => n.as_f64().map_or(Value::Null, |x| serde_json::json!((x * 1e4).round() / 1e4)),
        Value::Array(a) => Value::Array(a.iter().map(rounded).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), rounded(v))).collect()),
        other => other.clone(),
    }
}

/// A number for people: at most four decimals, no trailing zeros.
fn round_words(value: &str) -> String {
    match value.parse::<f64>() {
        Ok(x) if x.is_finite() && value.contains('.') => {
            let t = format!("{:.4}", x);
            t.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        _ => value.to_string(),
    }
}

/// The settings with `field` set from the text typed in the form, or why the text cannot be used.
pub fn set(s: &Settings, field: &Field, input: &str, lang: Lang) -> Result<Settings, String> {
    let t = input.trim();
    let bad = |what: &str| Err(format!("{}: {what}", field.label(lang)));
    let value = match field.kind {
        _ if t.is_empty() => Value::Null,
        Kind::Number => match t.parse::<f64>() {
            Ok(x) if x.is_finite() => serde_json::json!(x),
            _ => return bad(Text::InputNotANumber.get(lang)),
        },
        Kind::Integer => match t.parse::<u64>() {
            Ok(x) => serde_json::json!(x),
            _ => return bad(Text::InputNotAWholeNumber.get(lang)),
        },
        Kind::Date => match chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            Ok(_) => Value::String(t.to_string()),
            Err(_) => return bad(Text::InputNotADate.get(lang)),
        },
        Kind::Choice(options) if options.iter().any(|o| o.code == t) => Value::String(t.to_string()),
        Kind::Choice(options) => {
            let listed: Vec<String> = options
                .iter()
                .map(|o| if o.label(lang).eq_ignore_ascii_case(o.code) { o.code.to_string() } else { format!("{} ({})", o.code, o.label(lang)) })
                .collect();
            return bad(&format!("{} {}", Text::InputOneOf.get(lang), listed.join(", ")));
        }
        Kind::Json => match serde_json::from_str(t) {
            Ok(v) => v,
            Err(e) => return bad(&format!("{} ({e})", Text::InputNotJson.get(lang))),
        },
    };
    let mut v = json(s);
    match v.pointer_mut(field.path) {
        Some(slot) => *slot = value,
        None => return bad(Text::InputUnknownSetting.get(lang)),
    }
    let out: Settings = match serde_json::from_value(v) {
        Ok(out) => out,
        Err(e) => return bad(&format!("{} ({e})", Text::InputDoesNotFit.get(lang))),
    };
    match problems(&out, lang).into_iter().next() {
        Some(p) => Err(p),
        None => Ok(out),
    }
}

/// Why a settings file cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingsFileError {
    /// Not the JSON of settings: the parser's words, with line and column.
    NotSettings { detail: String },
    /// Settings, but with values out of range (kept to say which, in the reader's language).
    OutOfRange { settings: Box<Settings> },
}

impl SettingsFileError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            SettingsFileError::NotSettings { detail } => say!(Text::SettingsFileNotSettings, lang, detail = detail),
            SettingsFileError::OutOfRange { settings } => problems_text(settings, lang),
        }
    }
}

impl std::fmt::Display for SettingsFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for SettingsFileError {}

/// Settings from JSON — the settings themselves, or the `.settings.json` written beside an export
/// (`{"settings": {…}}`) — refused when a value is out of range ([`problems`]). The page's Settings
/// view and its `?settings=` link read settings through this.
pub fn checked_from_json(text: &str) -> Result<Settings, SettingsFileError> {
    let s = Settings::from_json(text).map_err(|detail| SettingsFileError::NotSettings { detail })?;
    if problems(&s, Lang::En).is_empty() { Ok(s) } else { Err(SettingsFileError::OutOfRange { settings: Box::new(s) }) }
}

/// [`problems`] as one text, sentence after sentence.
pub fn problems_text(s: &Settings, lang: Lang) -> String {
    problems(s, lang).into_iter().reduce(|first, second| say!(Text::SentenceThenSentence, lang, first = first, second = second)).unwrap_or_default()
}

/// Values the engine would accept but that make no sense, in words (the form refuses them; a settings
/// file with them is reported on import).
pub fn problems(s: &Settings, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |ok: bool, problem: Text| {
        if !ok {
            out.push(problem.get(lang).to_string());
        }
    };
    check((0.0..=1.0).contains(&s.margin_rate), Text::ProblemMarginRate);
    check((3..=5).contains(&s.rfm_bins), Text::ProblemRfmBins);
    check((1..=120).contains(&s.horizon_months), Text::ProblemHorizon);
    check(
        (0.0..1.0).contains(&s.discount_annual), Text::ProblemDiscount);
    check((0.0..=0.9).contains(&s.holdout_share), Text::ProblemHoldout);
    check(
        s.group_period_months >= 1 && s.veteran_period_months >= 1 && s.lifecycle.period_months >= 1, Text::ProblemPeriods);
    check(
        s.rfm_weights.iter().all(|w| *w >= 0.0) && s.rfm_weights.iter().sum::<f64>() > 0.0, Text::ProblemRfmWeights);
    let shares_ok = |v: &[f64]| v.iter().all(|x| *x >= 0.0) && (v.iter().sum::<f64>() - 1.0).abs() < 1e-6;
    check(shares_ok(&s.pyramid_shares), Text::ProblemPyramidShares);
    check(shares_ok(&s.tier_shares), Text::ProblemTierShares);
    check(
        s.pareto_top_share > 0.0 && s.pareto_top_share < 1.0, Text::ProblemParetoShare);
    check(
        (1..=20).contains(&s.cluster_k) && s.cluster_restarts >= 1, Text::ProblemClusters);
    check(s.nine_grid_strategy.iter().flatten().all(|k| *k <= 3), Text::ProblemNineGrid);
    if let Some(m) = &s.ahp_rfm {
        check(
            crate::rfm::ahp::weights(m).is_ok(), Text::ProblemAhp);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_described_setting_has_a_label_in_both_languages() {
        // The printed report lists `describe()`, the charts' settings lines a few of it; a Chinese
        // reader should not meet English keys.
        for (key, _) in Settings::default().describe() {
            for label in [describe_label, short_label] {
                let (en, zh) = (label(&key, Lang::En), label(&key, Lang::Zh));
                assert_ne!(en, key, "{key} has no English label");
                assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{key}: {zh}");
            }
        }
    }

    /// The report's settings in Chinese carry no English words (CLV, RFM and AHP are names), in
    /// English no settings-file codes such as `ClvOrMargin`; for the defaults and for settings that set
    /// every optional one.
    #[test]
    fn the_report_describes_every_setting_in_the_readers_language() {
        let set = Settings::from_json(
            r#"{"rfm_thresholds": {"r_days": [30, 90], "f": [2, 5], "m": [100, 500]}, "ahp_rfm": [[1, 3, 5], [0.3333, 1, 3], [0.2, 0.3333, 1]],
                "value_split": {"Fixed": {"recency_days": 60, "frequency": 3, "monetary": 200}}, "segment_rules": {"kind": "rfm_package"},
                "new_conversion_cut": 0.4, "tier_thresholds": [100, 200, 400, 800, 1600], "pyramid_value": "WeightedRfm", "rfm_monetary": "MeanPerOccasion",
                "time_unit": "Month", "analysis_date": "2024-06-30"}"#,
        )
        .expect("settings");
        for s in [Settings::default(), set] {
            let (en, zh) = (describe(&s, Lang::En), describe(&s, Lang::Zh));
            assert_eq!(en.len(), s.describe().len());
            for (key, value) in &zh {
                let rest = value.replace("CLV", "").replace("RFM", "").replace("AHP", "").replace("rfm", "");
                let english = rest.split(|c: char| !c.is_ascii_alphabetic()).find(|w| w.len() >= 3);
                assert_eq!(english, None, "{key} = {value}");
            }
            for (key, value) in &en {
                let camel = |w: &&str| w.chars().any(|c| c.is_ascii_lowercase()) && w.chars().skip(1).any(|c| c.is_ascii_uppercase());
                let code = value.split(|c: char| !c.is_ascii_alphabetic()).find(camel);
                assert_eq!(code, None, "{key} = {value}");
            }
        }
        let zh = describe(&Settings::default(), Lang::Zh);
        let value = |k: &str| zh.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
        assert_eq!(value("time_unit"), "周");
        assert_eq!(value("pyramid_value"), "CLV（无模型时按毛利）");
        assert_eq!(value("analysis_date"), "数据中最后日期");
        assert_eq!(value("pyramid_shares"), "A 20% · B 30% · C 30% · D 20%");
        assert_eq!(value("tier_shares"), "由低到高 40% / 25% / 15% / 10% / 7% / 3%");
        assert_eq!(value("nine_grid_strategy"), "按两项等级之和");
        let custom = Settings { nine_grid_strategy: [[0, 1, 2], [1, 2, 3], [2, 3, 3]], ..Settings::default() };
        let en = describe(&custom, Lang::En);
        let grid = en.iter().find(|(k, _)| k == "nine_grid_strategy").map(|(_, v)| v.as_str()).unwrap_or_default();
        assert_eq!(grid, "your matrix (0 keep investing, 1 deepen, 2 adjust, 3 managed exit) [[0, 1, 2], [1, 2, 3], [2, 3, 3]]");
    }

    /// An AHP matrix reads as its judgements above the diagonal, reciprocals as fractions.
    #[test]
    fn an_ahp_matrix_reads_as_its_three_judgements() {
        let ahp = |m: Vec<Vec<f64>>, lang| {
            let s = Settings { ahp_rfm: Some(m), ..Settings::default() };
            describe(&s, lang).into_iter().find(|(k, _)| k == "ahp_rfm").map(|(_, v)| v).unwrap_or_default()
        };
        let m = vec![vec![1.0, 3.0, 0.2], vec![1.0 / 3.0, 1.0, 2.5], vec![5.0, 0.4, 1.0]];
        assert_eq!(ahp(m.clone(), Lang::En), "R vs F 3 · R vs M 1/5 · F vs M 2.5");
        assert_eq!(ahp(m, Lang::Zh), "R 对 F 3 · R 对 M 1/5 · F 对 M 2.5");
        assert_eq!(ahp(vec![vec![1.0, 1.0 / 7.0], vec![7.0, 1.0]], Lang::En), "[[1.0, 0.14285714285714285], [7.0, 1.0]]", "not 3 × 3: the numbers");
        assert_eq!(judgement(0.333), "0.333");
        assert_eq!(judgement(1.0 / 9.0), "1/9");
    }

    /// Every leaf of the serialised settings has a row (objects that are one setting, such as the
    /// segment rules, count as leaves), and every row's path exists.
    #[test]
    fn the_form_lists_every_setting() {
        let v = json(&Settings::default());
        let paths: Vec<&str> = FIELDS.iter().map(|f| f.path).collect();
        let Value::Object(top) = &v else { panic!("settings serialise to an object") };
        for (k, val) in top {
            let here = format!("/{k}");
            if paths.contains(&here.as_str()) {
                continue;
            }
            let Value::Object(inner) = val else { panic!("{here} has no row in the settings form") };
            for k2 in inner.keys() {
                let p = format!("{here}/{k2}");
                assert!(paths.contains(&p.as_str()), "{p} has no row in the settings form");
            }
        }
        for f in FIELDS {
            assert!(v.pointer(f.path).is_some(), "{} is not a setting", f.path);
            assert!(GROUPS.iter().any(|g| g.0 == f.group), "{}: group {}", f.path, f.group);
        }
    }

    /// Writing back what the form shows changes nothing, for every field.
    #[test]
    fn a_box_left_as_shown_changes_nothing() {
        let s = Settings::default();
        let discount = FIELDS.iter().find(|f| f.path == "/discount_annual").expect("field");
        assert_eq!(shown(&s, discount), "0.1268");
        assert_ne!(text(&s, discount), shown(&s, discount), "the exact value stays in the settings");
        let words = describe(&s, Lang::En);
        let word = |k: &str| words.iter().find(|(key, _)| key == k).map(|(_, w)| w.clone()).unwrap_or_default();
        assert_eq!(word("discount_annual"), "12.7% a year");
        assert_eq!(word("margin_rate"), "30%");
        assert_eq!(word("rfm_weights"), "0.333 0.333 0.333");
    }

    #[test]
    fn every_field_round_trips_through_its_text() {
        let s = Settings::default();
        for f in FIELDS {
            let again = set(&s, f, &text(&s, f), Lang::En).unwrap_or_else(|e| panic!("{}: {e}", f.path));
            assert_eq!(again, s, "{}", f.path);
        }
    }

    #[test]
    fn typed_values_land_in_the_settings_and_nonsense_is_refused_in_words() {
        let s = Settings::default();
        let field = |p: &str| *FIELDS.iter().find(|f| f.path == p).expect("field");
        let t = set(&s, &field("/horizon_months"), "24", Lang::En).expect("24 months");
        assert_eq!(t.horizon_months, 24);
        let t = set(&s, &field("/lifecycle/lost_p_alive"), "0.05", Lang::En).expect("nested");
        assert_eq!(t.lifecycle.lost_p_alive, 0.05);
        let t = set(&s, &field("/analysis_date"), "2024-06-30", Lang::En).expect("date");
        assert_eq!(t.analysis_date, chrono::NaiveDate::from_ymd_opt(2024, 6, 30));
        assert_eq!(set(&t, &field("/analysis_date"), "", Lang::En).expect("cleared").analysis_date, None);
        let t = set(&s, &field("/ahp_rfm"), "[[1,3,5],[0.3333333333,1,2],[0.2,0.5,1]]", Lang::En).expect("ahp");
        assert!(t.ahp_rfm.is_some());
        let e = set(&s, &field("/margin_rate"), "1.5", Lang::En).expect_err("above 1");
        assert!(e.contains("between 0 and 1"), "{e}");
        let e = set(&s, &field("/rfm_bins"), "7", Lang::Zh).expect_err("7 bins");
        assert!(e.contains("3、4 或 5"), "{e}");
        let e = set(&s, &field("/pyramid_shares"), "[0.5, 0.5, 0.5, 0.5]", Lang::En).expect_err("shares");
        assert!(e.contains("add up to 1"), "{e}");
        let e = set(&s, &field("/time_unit"), "Year", Lang::En).expect_err("choice");
        assert!(e.contains("one of Day, Week, Month"), "{e}");
        let e = set(&s, &field("/horizon_months"), "twelve", Lang::En).expect_err("text");
        assert!(e.starts_with("CLV horizon (months): not a whole number"), "{e}");
        let e = set(&s, &field("/ahp_rfm"), "[[1,2],[3]]", Lang::En).expect_err("ragged");
        assert!(e.contains("AHP"), "{e}");
    }

    /// A settings file is read wrapped or bare, and refused with the form's words when out of range.
    #[test]
    fn checked_from_json_refuses_what_the_form_refuses() {
        let ok = checked_from_json(r#"{"settings": {"horizon_months": 6}}"#).expect("in range");
        assert_eq!(ok.horizon_months, 6);
        let err = checked_from_json(r#"{"horizon_months": 600}"#).expect_err("out of range");
        assert_eq!(err.text(Lang::En), "The CLV horizon must be 1 to 120 months.");
        assert_eq!(err.text(Lang::Zh), "CLV 预测期须为 1 到 120 个月。");
        let not = checked_from_json("not json").expect_err("not JSON");
        assert!(matches!(not, SettingsFileError::NotSettings { .. }) && not.text(Lang::Zh).starts_with("不是设置文件："), "{not}");
    }
}
