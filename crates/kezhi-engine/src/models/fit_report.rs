//! The plain-words verdict on the model fits (docs/methods.md §2d, last point): what was fitted, what the
//! data could not support and why, and how far to trust the numbers. Each finding is data (so the
//! page can lay it out) with its sentence in both languages.
//!
//! Rules, from the fits and the holdout check:
//! - at a limit of the model (docs/methods.md, "Bounded fits"): a shape parameter beyond
//!   [`LIMIT_SHAPE`] or below its inverse, or a search that ran off the box toward one — purchase
//!   rates alike for everyone (r → ∞: a Poisson process), nobody dropping out (BG/NBD's a/(a+b) → 0,
//!   Pareto/NBD's s → 0), dropout alike for everyone (a, b → ∞; s → ∞), mean spends alike (Gamma-Gamma
//!   q → ∞), every order of a customer alike (p → ∞). The model's figures are then those of the
//!   limit, said in words instead of the symptoms (no convergence, no standard errors): use with care;
//! - not usable: BG/NBD not fitted (too few repeat customers, no finite likelihood), or a parameter
//!   at a bound of the search (below 1e-6 or above 1e6) that is no known limit: the likelihood is
//!   flat that way and the estimate means nothing;
//! - use with care: the optimiser did not converge; no standard errors (flat or singular Hessian);
//!   a parameter whose standard error exceeds half its value; Gamma-Gamma missing or its
//!   independence assumption doubtful (|corr(x, m_x)| > 0.3); holdout repeat purchases predicted
//!   more than 20% off the actual total;
//! - otherwise good.
//!
//! The log-likelihoods of BG/NBD and Pareto/NBD on the same data are reported side by side; the two
//! have the same number of parameters, so the higher one fits better.

use serde::{Deserialize, Serialize};

use crate::models::fitting::{Outcome, FIT_MS, MAX_EVALUATIONS};
use crate::lang::{group_thousands, Lang};
use crate::say;
use crate::settings::ThresholdProblem;
use crate::texts::Text;

/// A count the models give as a real number, rounded and grouped: 9113.4 → "9,113".
fn whole(x: f64) -> String {
    if x.is_finite() && x >= 0.0 { group_thousands(x.round() as u64) } else { format!("{x:.0}") }
}

/// Smallest and largest parameter value the search treats as inside its domain.
pub const PARAMETER_BOUNDS: (f64, f64) = (1e-6, 1e6);
/// A shape parameter (r, a, b, s, p, q) above this, or below its inverse, puts the model at one of its
/// limits ([`ModelLimit`]): the likelihood there is within rounding of the limit's.
pub const LIMIT_SHAPE: f64 = 1e4;
/// A standard error above this share of its parameter marks the estimate as imprecise.
pub const IMPRECISE_SE_SHARE: f64 = 0.5;
/// Frequency–spend correlation above which Gamma-Gamma's independence assumption is doubtful.
pub const SPEND_CORRELATION_LIMIT: f64 = 0.3;
/// Holdout total predicted this far off (relative) or more marks the fit as doubtful.
pub const HOLDOUT_ERROR_LIMIT: f64 = 0.2;

/// A model the report speaks of. Its name is the same in both languages and in the JSON report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Model {
    #[serde(rename = "BG/NBD")]
    BgNbd,
    #[serde(rename = "Pareto/NBD")]
    ParetoNbd,
    #[serde(rename = "Gamma-Gamma")]
    GammaGamma,
}

impl Model {
    pub fn name(self) -> &'static str {
        match self {
            Model::BgNbd => "BG/NBD",
            Model::ParetoNbd => "Pareto/NBD",
            Model::GammaGamma => "Gamma-Gamma",
        }
    }
}

impl std::fmt::Display for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A limit of a model the data sit at: parameters run off together and the model becomes a simpler one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum ModelLimit {
    /// r, α → ∞ with r/α fixed: every customer buys at the same rate `rate` per time unit (Poisson).
    SameRate { rate: f64 },
    /// BG/NBD a/(a+b) → 0, Pareto/NBD s → 0: nobody drops out.
    NoDropout,
    /// BG/NBD a, b → ∞; Pareto/NBD s → ∞: every customer has the same dropout rate.
    SameDropout,
    /// Gamma-Gamma q → ∞ with γ/q fixed: mean order values differ between customers by chance only.
    SameMeanSpend,
    /// Gamma-Gamma p → ∞: each customer's orders are all of the same amount.
    SameOrderSpend,
}

impl ModelLimit {
    /// The limits `values` (in the model's parameter order: BG/NBD r, α, a, b; Pareto/NBD r, α, s, β;
    /// Gamma-Gamma p, q, γ) sit at.
    pub fn of(model: Model, values: &[f64]) -> Vec<ModelLimit> {
        let (big, small) = (|v: f64| v > LIMIT_SHAPE, |v: f64| v < 1.0 / LIMIT_SHAPE);
        let mut out = Vec::new();
        match (model, values) {
            (Model::BgNbd | Model::ParetoNbd, &[r, alpha, shape, scale]) => {
                if big(r) {
                    out.push(ModelLimit::SameRate { rate: r / alpha });
                }
                let no_dropout = if model == Model::BgNbd { small(shape / (shape + scale)) } else { small(shape) };
                if no_dropout {
                    out.push(ModelLimit::NoDropout);
                } else if big(shape) && (model != Model::BgNbd || big(scale)) {
                    out.push(ModelLimit::SameDropout);
                }
            }
            (Model::GammaGamma, &[p, q, _]) => {
                if big(q) {
                    out.push(ModelLimit::SameMeanSpend);
                }
                if big(p) {
                    out.push(ModelLimit::SameOrderSpend);
                }
            }
            _ => {}
        }
        out
    }

    fn text(self, lang: Lang) -> String {
        match self {
            ModelLimit::SameRate { rate } => say!(Text::LimitSameRate, lang, rate = format!("{rate:.3}")),
            ModelLimit::NoDropout => Text::LimitNoDropout.get(lang).into(),
            ModelLimit::SameDropout => Text::LimitSameDropout.get(lang).into(),
            ModelLimit::SameMeanSpend => Text::LimitSameMeanSpend.get(lang).into(),
            ModelLimit::SameOrderSpend => Text::LimitSameOrderSpend.get(lang).into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Verdict {
    Good,
    UseWithCare,
    NotUsable,
}

impl Verdict {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Verdict::Good => Text::VerdictGood,
            Verdict::UseWithCare => Text::VerdictUseWithCare,
            Verdict::NotUsable => Text::VerdictNotUsable,
        }
        .get(lang)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Finding {
    TooFewRepeaters { model: Model, have: usize, need: usize },
    NoFiniteLikelihood { model: Model },
    NotConverged { model: Model },
    /// The search spent its evaluation budget (`fitting::MAX_EVALUATIONS`) before converging.
    OutOfBudget { model: Model },
    /// The model sits at one or more of its limits ([`ModelLimit`]).
    AtLimit { model: Model, limits: Vec<ModelLimit> },
    AtBound { model: Model, parameter: String, value: f64 },
    NoStandardErrors { model: Model },
    Imprecise { model: Model, parameter: String, relative_se: f64 },
    NoMeanSpend,
    SpendDependsOnFrequency { correlation: f64 },
    HoldoutOff { predicted: f64, actual: f64 },
    HoldoutFine { predicted: f64, actual: f64 },
    Comparison { bg_nbd: f64, pareto_nbd: f64 },
    /// The user's RFM thresholds could not be used; quantile bins were.
    UnusableThresholds { why: ThresholdProblem },
    /// The AHP judgments are inconsistent (CR ≥ 0.1); the weights were used anyway.
    AhpInconsistent { consistency_ratio: f64 },
    /// The AHP matrix is not a 3 × 3 positive reciprocal matrix; the default weights were used.
    AhpUnusable,
    /// An RFM table: no purchase histories, so no BTYD model, CLV, lifecycle or cohorts.
    NeedsPurchaseHistories,
    /// The Pareto/NBD comparison and the model checks did not run to the end ([`ChecksStop`]).
    ChecksNotRun { why: ChecksStop },
    /// Fitted on a uniform sample of `fitted_on` of `customers` (`kezhi fit --sample`): each BG/NBD
    /// parameter is within `band` (relative) of what every customer would give with 95% probability — its
    /// standard error × 2 × √(1 − n/N), the finite-population correction; `None` without standard
    /// errors. bench/warehouse.py compares the band with real differences.
    FittedOnSample { fitted_on: usize, customers: usize, band: Option<f64> },
}

/// Why the comparison and the checks, which run beside the views, gave no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChecksStop {
    /// The user cancelled them.
    Cancelled,
    /// The worker that ran them stopped (an error, or memory ran out).
    Failed,
}

impl Finding {
    /// The report's order: settings problems, models that could not be fitted, BG/NBD's parameters,
    /// Pareto/NBD's, the holdout, the comparison, Gamma-Gamma. `add_comparison_and_checks` sorts by it
    /// (stably) after adding its findings to those of `score_for_views`.
    pub fn order(&self) -> (u8, u8) {
        let model = |m: &Model| u8::from(*m != Model::BgNbd);
        match self {
            Finding::NotConverged { model: m } | Finding::OutOfBudget { model: m } | Finding::AtLimit { model: m, .. } | Finding::AtBound { model: m, .. }
                if *m == Model::GammaGamma =>
            {
                return (5, 0)
            }
            _ => {}
        }
        match self {
            Finding::FittedOnSample { .. } | Finding::UnusableThresholds { .. } | Finding::AhpInconsistent { .. } | Finding::AhpUnusable => (0, 0),
            Finding::TooFewRepeaters { .. } | Finding::NoFiniteLikelihood { .. } | Finding::NeedsPurchaseHistories => (1, 0),
            Finding::NotConverged { model: m } | Finding::OutOfBudget { model: m } | Finding::AtLimit { model: m, .. } | Finding::NoStandardErrors { model: m } => {
                (2, model(m))
            }
            Finding::AtBound { model: m, .. } | Finding::Imprecise { model: m, .. } => (2, model(m)),
            Finding::HoldoutOff { .. } | Finding::HoldoutFine { .. } => (3, 0),
            Finding::Comparison { .. } | Finding::ChecksNotRun { .. } => (4, 0),
            Finding::NoMeanSpend | Finding::SpendDependsOnFrequency { .. } => (5, 0),
        }
    }

    /// How the finding bears on the CLV figures. CLV is built on BG/NBD and Gamma-Gamma; Pareto/NBD
    /// is fitted for comparison, so what is said of it informs and never downgrades the verdict.
    pub fn severity(&self) -> Verdict {
        match self {
            Finding::TooFewRepeaters { model, .. }
            | Finding::NoFiniteLikelihood { model }
            | Finding::NotConverged { model }
            | Finding::OutOfBudget { model }
            | Finding::AtLimit { model, .. }
            | Finding::AtBound { model, .. }
            | Finding::NoStandardErrors { model }
            | Finding::Imprecise { model, .. }
                if *model == Model::ParetoNbd =>
            {
                Verdict::Good
            }
            Finding::TooFewRepeaters { model, .. } | Finding::NoFiniteLikelihood { model } | Finding::AtBound { model, .. } if *model == Model::BgNbd => {
                Verdict::NotUsable
            }
            Finding::NeedsPurchaseHistories => Verdict::NotUsable,
            Finding::HoldoutFine { .. }
            | Finding::Comparison { .. }
            | Finding::UnusableThresholds { .. }
            | Finding::AhpInconsistent { .. }
            | Finding::AhpUnusable
            | Finding::ChecksNotRun { .. }
            | Finding::FittedOnSample { .. } => Verdict::Good,
            _ => Verdict::UseWithCare,
        }
    }

    /// What the finding says, in `lang`: a model's fit, the data's fit to the models (spend,
    /// holdout, comparison), or how the run went (settings, sample, checks).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Finding::TooFewRepeaters { .. }
            | Finding::NoFiniteLikelihood { .. }
            | Finding::NotConverged { .. }
            | Finding::OutOfBudget { .. }
            | Finding::AtLimit { .. }
            | Finding::AtBound { .. }
            | Finding::NoStandardErrors { .. }
            | Finding::Imprecise { .. } => self.fit_text(lang),
            Finding::NoMeanSpend | Finding::SpendDependsOnFrequency { .. } | Finding::HoldoutOff { .. } | Finding::HoldoutFine { .. } | Finding::Comparison { .. } => {
                self.data_text(lang)
            }
            Finding::UnusableThresholds { .. }
            | Finding::AhpInconsistent { .. }
            | Finding::AhpUnusable
            | Finding::NeedsPurchaseHistories
            | Finding::ChecksNotRun { .. }
            | Finding::FittedOnSample { .. } => self.run_text(lang),
        }
    }

    /// [`Finding::text`] of a model's fit (`text` sends only those here).
    fn fit_text(&self, lang: Lang) -> String {
        match self {
            Finding::TooFewRepeaters { model, have, need } => say!(Text::FitTooFewRepeaters, lang, model = model, have = have, need = need),
            Finding::NoFiniteLikelihood { model } => say!(Text::FitNoFiniteLikelihood, lang, model = model),
            Finding::NotConverged { model } => say!(Text::FitNotConverged, lang, model = model),
            Finding::OutOfBudget { model } => {
                say!(Text::FitOutOfBudget, lang, model = model, evaluations = group_thousands(u64::from(MAX_EVALUATIONS)), seconds = format!("{:.1}", FIT_MS / 1000.0))
            }
            Finding::AtLimit { model, limits } => {
                let what: Vec<String> = limits.iter().map(|l| l.text(lang)).collect();
                say!(Text::FitAtLimit, lang, model = model, limits = what.join(Text::ClauseSeparator.get(lang)))
            }
            Finding::AtBound { model, parameter, value } => say!(Text::FitAtBound, lang, model = model, parameter = parameter, value = format!("{value:.3e}")),
            Finding::NoStandardErrors { model } => say!(Text::FitNoStandardErrors, lang, model = model),
            Finding::Imprecise { model, parameter, relative_se } => say!(Text::FitImprecise, lang, model = model, parameter = parameter, percent = format!("{:.0}", relative_se * 100.0)),
            _ => String::new(),
        }
    }

    /// [`Finding::text`] of the data against the models (`text` sends only those here).
    fn data_text(&self, lang: Lang) -> String {
        match self {
            Finding::NoMeanSpend => Text::FitNoMeanSpend.get(lang).into(),
            Finding::SpendDependsOnFrequency { correlation } => say!(Text::FitSpendDependsOnFrequency, lang, correlation = format!("{correlation:.2}")),
            Finding::HoldoutOff { predicted, actual } => say!(Text::FitHoldoutOff, lang, predicted = whole(*predicted), actual = whole(*actual)),
            Finding::HoldoutFine { predicted, actual } => say!(Text::FitHoldoutFine, lang, predicted = whole(*predicted), actual = whole(*actual)),
            Finding::Comparison { bg_nbd, pareto_nbd } => {
                let (bg, pareto) = (format!("{bg_nbd:.1}"), format!("{pareto_nbd:.1}"));
                // Within 0.05 the two print the same: neither is said to fit better.
                if (pareto_nbd - bg_nbd).abs() < 0.05 {
                    return say!(Text::FitComparisonTie, lang, bg_nbd = bg, pareto_nbd = pareto);
                }
                let better = if pareto_nbd > bg_nbd { Model::ParetoNbd } else { Model::BgNbd };
                say!(Text::FitComparison, lang, bg_nbd = bg, pareto_nbd = pareto, better = better)
            }
            _ => String::new(),
        }
    }

    /// [`Finding::text`] of the run: settings, sample, checks (`text` sends only those here).
    fn run_text(&self, lang: Lang) -> String {
        match self {
            Finding::UnusableThresholds { why } => say!(Text::FitUnusableThresholds, lang, why = why.text(lang)),
            Finding::AhpInconsistent { consistency_ratio } => say!(Text::FitAhpInconsistent, lang, cr = format!("{consistency_ratio:.3}")),
            Finding::NeedsPurchaseHistories => Text::FitNeedsPurchaseHistories.get(lang).into(),
            Finding::AhpUnusable => Text::FitAhpUnusable.get(lang).into(),
            Finding::ChecksNotRun { why: ChecksStop::Cancelled } => Text::FitChecksCancelled.get(lang).into(),
            Finding::ChecksNotRun { why: ChecksStop::Failed } => Text::FitChecksFailed.get(lang).into(),
            Finding::FittedOnSample { fitted_on, customers, band } => {
                let (n, all) = (group_thousands(*fitted_on as u64), group_thousands(*customers as u64));
                match band {
                    Some(band) => say!(Text::FitOnSampleWithBand, lang, n = n, all = all, percent = format!("{:.1}", band * 100.0)),
                    None => say!(Text::FitOnSampleNoBand, lang, n = n, all = all),
                }
            }
            _ => String::new(),
        }
    }
}

/// The findings and the overall verdict (the most severe finding's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitReport {
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
}

impl FitReport {
    pub fn new(findings: Vec<Finding>) -> FitReport {
        let verdict = findings.iter().map(Finding::severity).max().unwrap_or(Verdict::Good);
        FitReport { verdict, findings }
    }

    /// The verdict followed by every finding, one sentence each.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        std::iter::once(self.verdict.text(lang).to_string()).chain(self.findings.iter().map(|f| f.text(lang))).collect()
    }
}

/// Findings on one fitted model's parameters: at a limit of the model (then nothing else: no
/// convergence and no standard errors are that limit's symptoms), or not converged, out of budget, at a
/// bound, no standard errors, imprecise.
pub fn parameter_findings(model: Model, names: &[&str], values: &[f64], standard_errors: Option<&[f64]>, outcome: Outcome) -> Vec<Finding> {
    let limits = ModelLimit::of(model, values);
    if !limits.is_empty() {
        return vec![Finding::AtLimit { model, limits }];
    }
    let mut out = Vec::new();
    match outcome {
        Outcome::Converged => {}
        Outcome::OutOfBudget => out.push(Finding::OutOfBudget { model }),
        Outcome::Stalled => out.push(Finding::NotConverged { model }),
        // Off the box along no known limit: said as the parameter at its bound.
        Outcome::RanOff { index, .. } => {
            if let (Some(name), Some(&v)) = (names.get(index), values.get(index)) {
                out.push(Finding::AtBound { model, parameter: (*name).into(), value: v });
            }
        }
    }
    for (name, &v) in names.iter().zip(values) {
        if !(PARAMETER_BOUNDS.0..=PARAMETER_BOUNDS.1).contains(&v) && !out.iter().any(|f| matches!(f, Finding::AtBound { parameter, .. } if parameter == name)) {
            out.push(Finding::AtBound { model, parameter: (*name).into(), value: v });
        }
    }
    // Gamma-Gamma has no standard errors; a search stopped early was not given time for them.
    if model == Model::GammaGamma || !matches!(outcome, Outcome::Converged | Outcome::Stalled) {
        return out;
    }
    match standard_errors {
        None => out.push(Finding::NoStandardErrors { model }),
        Some(se) => {
            for ((name, &v), &s) in names.iter().zip(values).zip(se) {
                if s > IMPRECISE_SE_SHARE * v {
                    out.push(Finding::Imprecise { model, parameter: (*name).into(), relative_se: s / v });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holdout_counts_are_rounded_and_grouped() {
        let f = Finding::HoldoutFine { predicted: 9113.4, actual: 9458.0 };
        assert_eq!(f.text(Lang::En), "Holdout check: 9,113 repeat purchases predicted, 9,458 happened.");
        assert_eq!(f.text(Lang::Zh), "留出期检验：预测复购 9,113 次，实际 9,458 次。");
        let f = Finding::HoldoutOff { predicted: 812.6, actual: 1200.0 };
        assert!(f.text(Lang::En).starts_with("Holdout check: 813 repeat purchases predicted, 1,200 happened,"), "{}", f.text(Lang::En));
    }

    #[test]
    fn the_verdict_is_the_most_severe_finding() {
        assert_eq!(FitReport::new(vec![]).verdict, Verdict::Good);
        let care = FitReport::new(vec![Finding::Comparison { bg_nbd: -1.0, pareto_nbd: -2.0 }, Finding::NotConverged { model: Model::BgNbd }]);
        assert_eq!(care.verdict, Verdict::UseWithCare);
        let refused = FitReport::new(vec![Finding::NotConverged { model: Model::BgNbd }, Finding::TooFewRepeaters { model: Model::BgNbd, have: 3, need: 20 }]);
        assert_eq!(refused.verdict, Verdict::NotUsable);
        // Pareto/NBD is the comparison model: what is said of it does not change the CLV verdict.
        assert_eq!(FitReport::new(vec![Finding::NoFiniteLikelihood { model: Model::ParetoNbd }]).verdict, Verdict::Good);
        assert_eq!(FitReport::new(vec![Finding::NotConverged { model: Model::ParetoNbd }]).verdict, Verdict::Good);
    }

    #[test]
    fn parameters_at_a_bound_or_imprecise_are_named() {
        // α → 0 alone is no limit of the model: said as a parameter at its bound.
        let f = parameter_findings(Model::BgNbd, &["r", "alpha", "a", "b"], &[0.2, 1e-9, 0.5, 2.0], Some(&[0.01, 3e-9, 0.1, 0.1]), Outcome::Converged);
        assert_eq!(
            f,
            vec![
                Finding::AtBound { model: Model::BgNbd, parameter: "alpha".into(), value: 1e-9 },
                Finding::Imprecise { model: Model::BgNbd, parameter: "alpha".into(), relative_se: 3.0 },
            ]
        );
        assert!(f[0].text(Lang::Zh).contains("边界") && f[0].text(Lang::En).contains("bound"));
    }

    #[test]
    fn a_tie_in_log_likelihood_names_no_winner() {
        let tie = Finding::Comparison { bg_nbd: -12157.3450, pareto_nbd: -12157.3452 };
        assert!(tie.text(Lang::En).ends_with("the two fit equally well)."), "{}", tie.text(Lang::En));
        assert!(tie.text(Lang::Zh).contains("两者同样贴合"));
        let apart = Finding::Comparison { bg_nbd: -9582.4, pareto_nbd: -9595.0 };
        assert!(apart.text(Lang::En).ends_with("BG/NBD fits better)."));
    }

    /// Each limit from the parameters that define it, and nothing for an ordinary fit (CDNOW's
    /// published BG/NBD estimates, Fader, Hardie & Lee 2005: r 0.243, α 4.414, a 0.793, b 2.426).
    #[test]
    fn limits_are_read_from_the_shape_parameters() {
        assert!(ModelLimit::of(Model::BgNbd, &[0.243, 4.414, 0.793, 2.426]).is_empty());
        assert_eq!(ModelLimit::of(Model::BgNbd, &[2e5, 4e5, 1e-6, 700.0]), vec![ModelLimit::SameRate { rate: 0.5 }, ModelLimit::NoDropout]);
        assert_eq!(ModelLimit::of(Model::BgNbd, &[0.5, 4.0, 3e4, 9e4]), vec![ModelLimit::SameDropout]);
        // a large alone is a high dropout chance, not a limit.
        assert!(ModelLimit::of(Model::BgNbd, &[0.5, 4.0, 3e4, 2.0]).is_empty());
        assert_eq!(ModelLimit::of(Model::ParetoNbd, &[3e5, 6e5, 2e-5, 2e4]), vec![ModelLimit::SameRate { rate: 0.5 }, ModelLimit::NoDropout]);
        assert_eq!(ModelLimit::of(Model::GammaGamma, &[44.0, 6e7, 5e9]), vec![ModelLimit::SameMeanSpend]);
        assert_eq!(ModelLimit::of(Model::GammaGamma, &[2e5, 3.0, 10.0]), vec![ModelLimit::SameOrderSpend]);
        // At a limit the symptoms (no convergence, no standard errors) are not listed beside it.
        let f = parameter_findings(Model::ParetoNbd, &["r", "alpha", "s", "beta"], &[3e5, 6e5, 2e-5, 2e4], None, Outcome::RanOff { index: 2, upward: false });
        assert_eq!(f, vec![Finding::AtLimit { model: Model::ParetoNbd, limits: vec![ModelLimit::SameRate { rate: 0.5 }, ModelLimit::NoDropout] }]);
        assert_eq!(
            f[0].text(Lang::En),
            "Pareto/NBD sits at a limit of the model: every customer buys at about the same rate (a Poisson process, r/α = 0.500 purchases per time unit); nobody seems to drop out. Its parameters run off without end that way, so the search stopped at the edge; the figures are the limit's."
        );
        assert!(f[0].text(Lang::Zh).contains("泊松过程") && f[0].text(Lang::Zh).contains("看不出有客户流失"));
        // Off the box along no known limit: the parameter is named at its bound.
        let f = parameter_findings(Model::BgNbd, &["r", "alpha", "a", "b"], &[0.3, 1e-6, 0.5, 2.0], Some(&[0.1, 1e-7, 0.1, 0.2]), Outcome::RanOff { index: 1, upward: false });
        assert_eq!(f[0], Finding::AtBound { model: Model::BgNbd, parameter: "alpha".into(), value: 1e-6 });
        assert_eq!(FitReport::new(f).verdict, Verdict::NotUsable);
    }

    /// The two languages say the same facts: for one finding of every kind, the English and the
    /// Chinese text hold the same numbers (digit runs) and the names they carry (model, parameter, the
    /// reason a setting was not used), and differ. A kind added without a line here fails `index`.
    #[test]
    fn both_languages_say_the_same_facts() {
        use Finding::*;
        let all = vec![
            TooFewRepeaters { model: Model::BgNbd, have: 17, need: 30 },
            NoFiniteLikelihood { model: Model::ParetoNbd },
            NotConverged { model: Model::GammaGamma },
            OutOfBudget { model: Model::BgNbd },
            AtLimit { model: Model::BgNbd, limits: vec![ModelLimit::SameRate { rate: 0.25 }, ModelLimit::NoDropout] },
            AtBound { model: Model::BgNbd, parameter: "alpha".into(), value: 1e-9 },
            NoStandardErrors { model: Model::ParetoNbd },
            Imprecise { model: Model::BgNbd, parameter: "r".into(), relative_se: 0.75 },
            NoMeanSpend,
            SpendDependsOnFrequency { correlation: 0.41 },
            HoldoutOff { predicted: 1234.0, actual: 2345.0 },
            HoldoutFine { predicted: 9113.4, actual: 9458.0 },
            Comparison { bg_nbd: -12157.3, pareto_nbd: -12160.8 },
            UnusableThresholds { why: ThresholdProblem::NotAscending { dimension: 'R' } },
            AhpInconsistent { consistency_ratio: 0.23 },
            AhpUnusable,
            NeedsPurchaseHistories,
            ChecksNotRun { why: ChecksStop::Cancelled },
            FittedOnSample { fitted_on: 50_000, customers: 1_000_000, band: Some(0.034) },
        ];
        fn index(f: &Finding) -> usize {
            match f {
                TooFewRepeaters { .. } => 0,
                NoFiniteLikelihood { .. } => 1,
                NotConverged { .. } => 2,
                OutOfBudget { .. } => 3,
                AtLimit { .. } => 4,
                AtBound { .. } => 5,
                NoStandardErrors { .. } => 6,
                Imprecise { .. } => 7,
                NoMeanSpend => 8,
                SpendDependsOnFrequency { .. } => 9,
                HoldoutOff { .. } => 10,
                HoldoutFine { .. } => 11,
                Comparison { .. } => 12,
                UnusableThresholds { .. } => 13,
                AhpInconsistent { .. } => 14,
                AhpUnusable => 15,
                NeedsPurchaseHistories => 16,
                ChecksNotRun { .. } => 17,
                FittedOnSample { .. } => 18,
            }
        }
        assert_eq!(all.iter().map(index).collect::<Vec<_>>(), (0..all.len()).collect::<Vec<_>>());
        let digits = |m: &str| {
            let mut runs: Vec<String> = m.split(|c: char| !c.is_ascii_digit()).filter(|r| !r.is_empty()).map(String::from).collect();
            runs.sort();
            runs
        };
        for f in all {
            let (en, zh) = (f.text(Lang::En), f.text(Lang::Zh));
            assert_ne!(en, zh, "{f:?}");
            assert_eq!(digits(&en), digits(&zh), "{f:?}:\n{en}\n{zh}");
            let names: Vec<String> = match &f {
                TooFewRepeaters { model, .. } | NoFiniteLikelihood { model } | NotConverged { model } | OutOfBudget { model } | AtLimit { model, .. } | NoStandardErrors { model } => {
                    vec![model.to_string()]
                }
                AtBound { model, parameter, .. } | Imprecise { model, parameter, .. } => vec![model.to_string(), parameter.clone()],
                UnusableThresholds { .. } => vec!["R".into()],
                _ => vec![],
            };
            for n in &names {
                assert!(en.contains(n.as_str()) && zh.contains(n.as_str()), "{f:?} lacks {n}:\n{en}\n{zh}");
            }
        }
    }
}
