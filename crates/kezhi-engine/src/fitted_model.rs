//! A model fitted once, on all customers or a uniform sample of them, and used to score customers
//! anywhere after (docs/warehouse.md, "Fit once, score anywhere"): `kezhi fit` writes it as JSON,
//! `kezhi score --model` scores a stream of customer-summary rows with it, a chunk at a time, without
//! fitting again.
//!
//! What it carries is what scoring one customer needs beyond the customer's own numbers: the fitted
//! parameters (BG/NBD, Gamma-Gamma; Pareto/NBD for the comparison), the settings, and the population's
//! statistics — the RFM cut values that give the fitted customers their quantile scores
//! ([`scores::reproducing_thresholds`]), the value classes' centres, and each segment's 75th
//! percentile of E[M] for the potential value (docs/methods.md §1, §3). A customer of the fitted
//! population scored with the model gets the scores `kezhi score` gives it
//! (`tests/model_scoring.rs`, `a_model_scores_its_own_customers_as_kezhi_score_does`).
//!
//! The priority and the frameworks' classes are placed among the fitted population too — its ranks
//! ([`PriorityCuts`]) and its cut values ([`FrameworkCuts`]) — so a streamed row gets every column
//! `kezhi score` writes for a summary file, and a sample on the page the population's classes.

use rand::rngs::StdRng;
use rand::SeedableRng;
use serde::{Deserialize, Serialize};

use crate::frameworks::{CustomerClasses, FrameworkCuts};
use crate::models::bg_nbd::BgNbdFit;
use crate::models::fit_report::{Finding, FitReport};
use crate::models::gamma_gamma::GammaGammaFit;
use crate::models::pareto_nbd::ParetoNbdFit;
use crate::rfm::scores::{self, RfmScores, Thresholds};
use crate::rfm::segments::SegmentRule;
use crate::rfm::value_classes::{centres, classify, Split};
use crate::scoring::{self, CustomerScore, PriorityCuts, RfmStage, Scored, StageTimes};
use crate::lang::Lang;
use crate::say;
use crate::settings::{Settings, ThresholdProblem};
use crate::texts::Text;
use crate::table::customer_table::CustomerTable;

/// The layout of the JSON this build writes and reads; another is refused with [`ModelError::Format`].
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedModel {
    pub format: u32,
    /// The Kezhi version that fitted it.
    pub kezhi: String,
    /// The settings it was fitted and scores with (horizon, discount, margin rate, segment rules, …).
    pub settings: Settings,
    pub sample: Sample,
    pub bg_nbd: Option<BgNbdFit>,
    pub gamma_gamma: Option<GammaGammaFit>,
    pub pareto_nbd: Option<ParetoNbdFit>,
    /// The fit report of the fitted customers.
    pub report: FitReport,
    pub population: Population,
}

/// Which customers the model was fitted on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// Customers in the file given to `kezhi fit`.
    pub customers_in_file: usize,
    /// Customers fitted on: all of them, or a uniform sample without replacement.
    pub fitted_on: usize,
    /// The sample's random seed; `None` when every customer was used.
    pub seed: Option<u64>,
}

/// The fitted customers' statistics that scoring one customer needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Population {
    /// Cut values giving the fitted customers their five-bin scores (the segments' scores).
    pub five: Thresholds,
    /// Cut values giving the fitted customers their shown scores (`rfm_bins`).
    pub shown: Thresholds,
    /// The value classes' centres: days since the last purchase, occasions, monetary (docs/methods.md §1b).
    pub value_centres: [f64; 3],
    /// Each segment's 75th percentile of E[M], then "Others"'s (`None`: no mean spend there).
    pub segment_spend_q75: Vec<Option<f64>>,
    /// The ranks the priority's percentiles come from.
    pub priority: PriorityCuts,
    /// The cut values of the frameworks' classes.
    pub frameworks: FrameworkCuts,
}

/// Which of a model's two sets of RFM cut values: the five-bin scores the segments read, or the
/// scores the page shows (`rfm_bins`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScoreSet {
    FiveBin,
    Shown,
}

impl ScoreSet {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ScoreSet::FiveBin => Text::ScoreSetFiveBin,
            ScoreSet::Shown => Text::ScoreSetShown,
        }
        .get(lang)
    }
}

/// Why a model could not be fitted, read or used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ModelError {
    NoCustomers,
    /// The sample asked for is empty.
    EmptySample,
    /// No cut values reproduce the fitted customers' scores: two neighbouring values with no number
    /// between them.
    NoCutValues { scores: ScoreSet },
    /// A model file of another layout.
    Format { found: u32 },
    /// The file is not a model: the JSON error, with its line and column.
    NotAModel { detail: String },
    /// The model's cut values are not usable (a file edited by hand).
    BadCuts { scores: ScoreSet, problem: ThresholdProblem },
    /// The five-bin cut values do not make five bins.
    FiveBinNotFive,
}

impl ModelError {
    /// What went wrong, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ModelError::NoCustomers => Text::ModelNoCustomers.get(lang).into(),
            ModelError::EmptySample => Text::ModelEmptySample.get(lang).into(),
            ModelError::NoCutValues { scores } => say!(Text::ModelNoCutValues, lang, scores = scores.label(lang)),
            ModelError::Format { found } => say!(Text::ModelFormat, lang, found = found, format = FORMAT),
            ModelError::NotAModel { detail } => say!(Text::ModelNotAModel, lang, detail = detail),
            ModelError::BadCuts { scores, problem } => say!(Text::ModelBadCuts, lang, scores = scores.label(lang), problem = problem.text(lang)),
            ModelError::FiveBinNotFive => Text::ModelFiveBinNotFive.get(lang).into(),
        }
    }
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for ModelError {}

/// Scores of customers under a model: the shown RFM scores (with their days, frequency and
/// monetary values), the segment rules, each customer's scores, its priority among the fitted
/// customers (`None` where it cannot be placed; `CustomerScore::priority` is then 0) and its classes
/// at their cuts.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelScores {
    pub rfm: RfmScores,
    pub segments: Vec<SegmentRule>,
    pub customers: Vec<CustomerScore>,
    pub priority: Vec<Option<f64>>,
    pub classes: Vec<CustomerClasses>,
}

impl FittedModel {
    /// Fits on every customer of `table`, or on a uniform sample of `sample.0` of them drawn with
    /// seed `sample.1` (every customer when the sample is not smaller than the table).
    pub fn fit(table: &CustomerTable, settings: &Settings, sample: Option<(usize, u64)>, now_ms: &dyn Fn() -> f64) -> Result<FittedModel, ModelError> {
        let n = table.customers.len();
        if n == 0 {
            return Err(ModelError::NoCustomers);
        }
        let sampled = match sample {
            Some((0, _)) => return Err(ModelError::EmptySample),
            Some((size, seed)) if size < n => {
                let mut picked = rand::seq::index::sample(&mut StdRng::seed_from_u64(seed), n, size).into_vec();
                picked.sort_unstable();
                Some((table.subset(&picked), seed))
            }
            _ => None,
        };
        let fitted = sampled.as_ref().map_or(table, |(t, _)| t);
        let (scored, _) = scoring::score_timed(fitted, settings, now_ms);
        let stage = scoring::rfm_stage(fitted, settings, &mut Vec::new());
        let five = scores::reproducing_thresholds(&stage.five).ok_or(ModelError::NoCutValues { scores: ScoreSet::FiveBin })?;
        let shown = scores::reproducing_thresholds(&stage.shown).ok_or(ModelError::NoCutValues { scores: ScoreSet::Shown })?;
        let (r, f, m) = centres(&stage.five.recency_days, &stage.five.frequency, &stage.five.monetary, settings.value_split);
        let mut report = scored.report.clone();
        if sampled.is_some() {
            let fitted_on = fitted.customers.len();
            report = FitReport::new(std::iter::once(Finding::FittedOnSample { fitted_on, customers: n, band: sample_band(scored.bg_nbd.as_ref(), fitted_on, n) }).chain(report.findings).collect());
        }
        Ok(FittedModel {
            format: FORMAT,
            kezhi: env!("CARGO_PKG_VERSION").to_string(),
            settings: settings.clone(),
            sample: Sample { customers_in_file: n, fitted_on: fitted.customers.len(), seed: sampled.map(|(_, seed)| seed) },
            bg_nbd: scored.bg_nbd.clone(),
            gamma_gamma: scored.gamma_gamma.clone(),
            pareto_nbd: scored.pareto_nbd.clone(),
            report,
            population: Population {
                five,
                shown,
                value_centres: [r, f, m],
                segment_spend_q75: scoring::segment_spend_q75(&scored.customers, scored.segments.len()),
                priority: PriorityCuts::of(&scored.customers, &stage.five.monetary, &stage.five.recency_days),
                frameworks: scored.frameworks.cuts(),
            },
        })
    }

    /// The model as JSON (what `kezhi fit --out` writes).
    pub fn to_json(&self) -> String {
        // Every field is a number, string, list or map serde_json writes; an error here would be a bug
        // in a type's Serialize, and the empty text is refused on reading.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A model from its JSON, refused when it is of another layout or its cut values are unusable.
    pub fn from_json(text: &str) -> Result<FittedModel, ModelError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| ModelError::NotAModel { detail: e.to_string() })?;
        match value.get("format").and_then(serde_json::Value::as_u64) {
            Some(f) if f == u64::from(FORMAT) => {}
            Some(f) => return Err(ModelError::Format { found: u32::try_from(f).unwrap_or(u32::MAX) }),
            None => return Err(ModelError::NotAModel { detail: "no \"format\" field".into() }),
        }
        let model: FittedModel = serde_json::from_value(value).map_err(|e| ModelError::NotAModel { detail: e.to_string() })?;
        for (scores, th) in [(ScoreSet::FiveBin, &model.population.five), (ScoreSet::Shown, &model.population.shown)] {
            th.bins().map_err(|problem| ModelError::BadCuts { scores, problem })?;
        }
        if model.population.five.bins() != Ok(5) {
            return Err(ModelError::FiveBinNotFive);
        }
        Ok(model)
    }

    /// Scores `table`'s customers with the model: no fitting; RFM scores by the population's cut
    /// values, value classes by its centres, the potential value by its segments' spend, the
    /// priority by its ranks and the frameworks' classes at its cut values.
    pub fn score(&self, table: &CustomerTable) -> Result<ModelScores, ModelError> {
        let (scored, _) = self.score_for_views(table, &|| 0.0)?;
        let p = &self.population.priority;
        let priority = (0..scored.customers.len())
            .map(|i| p.place(&scored.customers[i], scored.rfm.monetary[i], scored.rfm.recency_days[i]).map(|(v, r)| v * r))
            .collect();
        let classes = (0..scored.customers.len()).map(|i| scored.frameworks.classes_of(i)).collect();
        Ok(ModelScores { rfm: scored.rfm, segments: scored.segments, customers: scored.customers, priority, classes })
    }

    /// Everything the page's views show of `table` (a sample of the population, say) with the model:
    /// the fits, their report, the RFM cut values, the value classes, the potential value, the
    /// priority and the classes of the pyramid, tiers, gold/meteor/creek/burden, new-customer matrix,
    /// value grid and clusters are the population's; the veteran matrix, the lifecycle and the growth
    /// grid rank `table`'s customers (a population's summary has no dated purchases to rank). Nothing
    /// is fitted and no comparison or checks follow.
    pub fn score_for_views(&self, table: &CustomerTable, now_ms: &dyn Fn() -> f64) -> Result<(Scored, StageTimes), ModelError> {
        let p = &self.population;
        let given = scoring::Given {
            rfm: self.rfm_stage(table)?,
            bg_nbd: self.bg_nbd.as_ref(),
            gamma_gamma: self.gamma_gamma.as_ref(),
            pareto_nbd: self.pareto_nbd.as_ref(),
            report: &self.report,
            population: scoring::Population { segment_spend_q75: &p.segment_spend_q75, priority: &p.priority },
            frameworks: &p.frameworks,
            value_centres: p.value_centres,
        };
        Ok(scoring::score_for_views_given(table, &self.settings, Some(given), now_ms))
    }

    /// The RFM stage of `table` under the population's cut values and centres.
    fn rfm_stage(&self, table: &CustomerTable) -> Result<RfmStage, ModelError> {
        let s = &self.settings;
        let p = &self.population;
        let cuts = |th: &Thresholds, set| scores::score_with_thresholds(table, th, s.rfm_monetary).map_err(|problem| ModelError::BadCuts { scores: set, problem });
        let (five, shown) = (cuts(&p.five, ScoreSet::FiveBin)?, cuts(&p.shown, ScoreSet::Shown)?);
        let [r, f, m] = p.value_centres;
        let classes = classify(&five.recency_days, &five.frequency, &five.monetary, Split::Fixed { recency_days: r, frequency: f, monetary: m });
        let (weights, ahp) = scoring::rfm_weights(s, &mut Vec::new());
        Ok(RfmStage { five, shown, segments: s.segment_rules.rules(), classes, weights, ahp })
    }
}

/// The relative 95% band of the BG/NBD parameters fitted on `n` of `all` customers: the largest
/// 2 · SE · √(1 − n/all) / parameter; `None` without a fit or its standard errors.
fn sample_band(fit: Option<&BgNbdFit>, n: usize, all: usize) -> Option<f64> {
    let fit = fit?;
    let se = fit.standard_errors?;
    let fpc = (1.0 - n as f64 / all as f64).max(0.0).sqrt();
    let p = fit.params;
    [(se.r, p.r), (se.alpha, p.alpha), (se.a, p.a), (se.b, p.b)].iter().map(|(e, v)| 2.0 * e * fpc / v.abs()).filter(|b| b.is_finite()).reduce(f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model fitted on every customer scores them as the scoring itself did (every per-customer
    /// score, the priority and the classes), read back from its JSON.
    #[test]
    fn a_model_fitted_on_all_scores_them_as_scoring_does() {
        let (imported, scored) = scoring::scored_fixture(1200);
        let model = FittedModel::fit(&imported.table, &Settings::default(), None, &|| 0.0).expect("fit");
        assert_eq!(model.sample, Sample { customers_in_file: 1200, fitted_on: 1200, seed: None });
        let model = FittedModel::from_json(&model.to_json()).expect("read back");
        let got = model.score(&imported.table).expect("score");
        assert_eq!(got.customers.len(), scored.customers.len());
        for (i, (a, b)) in got.customers.iter().zip(&scored.customers).enumerate() {
            assert_eq!(got.priority[i], Some(b.priority), "customer {i}");
            assert_eq!(a, b, "customer {i}");
            assert_eq!(got.classes[i], scored.frameworks.classes_of(i), "customer {i}");
        }
    }

    /// The page's views of a model's own customers: the same per-customer scores as the model's
    /// scoring, the model's fits and report, nothing pending.
    #[test]
    fn the_views_of_a_model_use_its_fits_cuts_and_report() {
        let (imported, _) = scoring::scored_fixture(800);
        let model = FittedModel::fit(&imported.table, &Settings::default(), Some((400, 2)), &|| 0.0).expect("fit");
        let (views, _) = model.score_for_views(&imported.table, &|| 0.0).expect("views");
        let scores = model.score(&imported.table).expect("score");
        assert_eq!(views.bg_nbd, model.bg_nbd);
        assert_eq!(views.report, model.report);
        assert!(!views.comparison_pending && views.pareto_nbd == model.pareto_nbd);
        for (a, b) in views.customers.iter().zip(&scores.customers) {
            assert_eq!((a.r_score, a.f_score, a.m_score, a.segment, a.value_class, a.clv, a.potential_value), (b.r_score, b.f_score, b.m_score, b.segment, b.value_class, b.clv, b.potential_value));
        }
    }

    /// A sample is drawn without replacement, in file order, the same for the same seed.
    #[test]
    fn a_sample_is_uniform_seeded_and_its_size() {
        let (imported, _) = scoring::scored_fixture(900);
        let a = FittedModel::fit(&imported.table, &Settings::default(), Some((300, 7)), &|| 0.0).expect("fit");
        let b = FittedModel::fit(&imported.table, &Settings::default(), Some((300, 7)), &|| 0.0).expect("fit");
        assert_eq!(a, b);
        assert_eq!(a.sample, Sample { customers_in_file: 900, fitted_on: 300, seed: Some(7) });
        // The report leads with the sample and how far its parameters may be from the full fit's.
        match a.report.findings.first() {
            Some(Finding::FittedOnSample { fitted_on: 300, customers: 900, band: Some(band) }) => assert!(*band > 0.0 && *band < 10.0, "{band}"),
            other => panic!("{other:?}"),
        }
        let c = FittedModel::fit(&imported.table, &Settings::default(), Some((300, 8)), &|| 0.0).expect("fit");
        assert_ne!(a.bg_nbd, c.bg_nbd, "another seed, another sample");
        assert_eq!(FittedModel::fit(&imported.table, &Settings::default(), Some((0, 7)), &|| 0.0), Err(ModelError::EmptySample));
    }

    /// Files that are not this layout's models are refused with what is wrong.
    #[test]
    fn other_files_are_refused_with_the_reason() {
        assert!(matches!(FittedModel::from_json("{\"settings\": {}}"), Err(ModelError::NotAModel { .. })));
        assert_eq!(FittedModel::from_json("{\"format\": 9}"), Err(ModelError::Format { found: 9 }));
        let e = FittedModel::from_json("{\"format\": 1,").unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
        let (imported, _) = scoring::scored_fixture(600);
        let model = FittedModel::fit(&imported.table, &Settings::default(), None, &|| 0.0).expect("fit");
        let mut bad = model.clone();
        bad.population.five.f = vec![3.0, 2.0, 4.0, 5.0];
        assert!(matches!(FittedModel::from_json(&bad.to_json()), Err(ModelError::BadCuts { .. })));
    }
}
