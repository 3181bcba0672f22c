//! One pass from the customer table to every per-customer score: RFM scores, segment and
//! value class; BG/NBD and Gamma-Gamma fits; P(alive), expected purchases and spend over the horizon;
//! CLV with its historical and potential parts. A model that cannot be fitted leaves its columns empty
//! (never NaN) and the fit report says why.

use serde::{Deserialize, Serialize};

use crate::models::bg_nbd::{self, BgNbdFit};
use crate::models::fitting::Deadline;
use crate::models::repeat_data::RepeatData;
use crate::models::clv;
use crate::frameworks::customer_equity::{self, CustomerEquity, EquityInputs};
use crate::table::customer_table::CustomerTable;
use crate::frameworks::{self, FrameworkCuts, Frameworks};
use crate::models::fit_report::{parameter_findings, ChecksStop, Finding, FitReport, Model, HOLDOUT_ERROR_LIMIT, SPEND_CORRELATION_LIMIT};
use crate::models::gamma_gamma::{self, GammaGammaFit, SpendData};
use crate::table::group_periods;
use crate::models::migration_model::{self, MigrationModel};
use crate::models::model_checks::{self, ModelChecks};
use crate::models::pareto_nbd::{self, ParetoNbdFit};
use crate::models::retention_model::{self, RetentionModel};
use crate::rfm::rank_table::RankTable;
use crate::rfm::scores::{self, RfmScores};
use crate::rfm::segments::{self, Coverage, SegmentRule};
use crate::rfm::value_classes::{classify, ValueClass};
use crate::settings::Settings;
use crate::time_unit::DAYS_PER_MONTH;

/// Fewer repeat customers than this and BG/NBD is not fitted (the data cannot support it).
pub const MIN_REPEAT_CUSTOMERS: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerScore {
    pub r_score: u8,
    pub f_score: u8,
    pub m_score: u8,
    pub rfm_cell: String,
    /// wR·R + wF·F + wM·M on the shown scores.
    pub rfm_combined: f64,
    /// Index into `Scored::segments`, `None` = "Others".
    pub segment: Option<usize>,
    pub value_class: ValueClass,
    pub p_alive: Option<f64>,
    pub expected_purchases_horizon: Option<f64>,
    pub expected_mean_spend: Option<f64>,
    pub clv: Option<f64>,
    pub historical_value: f64,
    pub potential_value: Option<f64>,
    /// "Valuable and slipping" (docs/methods.md §1c): value percentile × risk, in [0, 1].
    pub priority: f64,
    /// Valuable and slipping: value percentile above ½ and risk above ½ (the overview's "at risk").
    pub at_risk: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    pub settings: Settings,
    pub rfm: RfmScores,
    pub segments: Vec<SegmentRule>,
    /// The rule set's uncovered and doubly covered score combinations.
    pub segment_coverage: Coverage,
    pub bg_nbd: Option<BgNbdFit>,
    pub gamma_gamma: Option<GammaGammaFit>,
    /// The alternative model, fitted on the same data for comparison (docs/methods.md §2a).
    pub pareto_nbd: Option<ParetoNbdFit>,
    /// Model checks of the BG/NBD fit (docs/methods.md §2d); `None` without a fit.
    pub checks: Option<ModelChecks>,
    /// The Pareto/NBD comparison and the model checks are still to come (`score_for_views` without
    /// `add_comparison_and_checks`).
    pub comparison_pending: bool,
    /// Group-level models over all customers (docs/methods.md §2e).
    pub groups: GroupModels,
    /// The same per segment, in the order of `segments`, then "Others".
    pub groups_by_segment: Vec<GroupModels>,
    /// The plain-words verdict on the fits.
    pub report: FitReport,
    /// The customer-asset frameworks (docs/methods.md §3–§4).
    pub frameworks: Frameworks,
    /// Customer equity, Σ CLV, and its split (seed 002); `None` without CLVs.
    pub equity: Option<CustomerEquity>,
    /// The AHP result when `settings.ahp_rfm` was given and usable, and the weights actually used.
    pub ahp: Option<crate::rfm::ahp::AhpResult>,
    pub rfm_weights: [f64; 3],
    /// The value classes' centres (days since the last purchase, occasions, monetary) when they are
    /// a fitted model's population's; `None`: these customers' (docs/methods.md §1b).
    #[serde(default)]
    pub model_value_centres: Option<[f64; 3]>,
    pub customers: Vec<CustomerScore>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupModels {
    /// `None` for a summary file or a window shorter than two periods.
    pub retention: Option<RetentionModel>,
    pub migration: Option<MigrationModel>,
}

/// The retention and migration models over each group of customers (indices into the table); the
/// customers' period activity is computed once for all groups.
pub fn group_models(table: &CustomerTable, groups: &[Vec<usize>], settings: &Settings) -> Vec<GroupModels> {
    let Some(activity) = group_periods::activity(table, settings.group_period_months) else {
        return groups.iter().map(|_| GroupModels { retention: None, migration: None }).collect();
    };
    let d = settings.discount_per_group_period();
    groups
        .iter()
        .map(|members| GroupModels {
            retention: retention_model::fit(&activity, members, d),
            migration: migration_model::fit(&activity, members, settings.migration_lapsed_state as usize, d),
        })
        .collect()
}

/// Milliseconds spent in each stage of [`score_timed`], read from the caller's clock (the engine has
/// none of its own: `std::time::Instant` panics on wasm32-unknown-unknown).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StageTimes {
    pub rfm: f64,
    pub bg_nbd: f64,
    pub pareto_nbd: f64,
    pub model_checks: f64,
    pub gamma_gamma: f64,
    pub group_models: f64,
    pub customers: f64,
    pub frameworks: f64,
}

pub fn score(table: &CustomerTable, settings: &Settings) -> Scored {
    score_timed(table, settings, &|| 0.0).0
}

/// [`score`], with the time of each stage measured by `now_ms` (milliseconds from any origin).
pub fn score_timed(table: &CustomerTable, settings: &Settings, now_ms: &dyn Fn() -> f64) -> (Scored, StageTimes) {
    let (mut scored, mut times) = score_for_views(table, settings, now_ms);
    add_comparison_and_checks(table, &mut scored, &mut times, now_ms);
    (scored, times)
}

/// Everything the views need (RFM, BG/NBD, Gamma-Gamma, every customer's scores, group models,
/// frameworks) without the two slow extras — the Pareto/NBD comparison and the model checks — which
/// `add_comparison_and_checks` adds. The page's worker sends this first, so the views open seconds
/// sooner on large files (docs/performance.md); `score_timed` runs both, as the CLI does.
pub fn score_for_views(table: &CustomerTable, settings: &Settings, now_ms: &dyn Fn() -> f64) -> (Scored, StageTimes) {
    score_for_views_given(table, settings, None, now_ms)
}

/// What a model fitted before brings to scoring (`fitted_model`): the RFM stage made from the
/// population's cut values, the fits and their report, and each segment's spend percentile. Nothing
/// is fitted then, and no comparison or checks follow (the Pareto/NBD fit is the model's).
pub(crate) struct Given<'a> {
    pub rfm: RfmStage,
    pub bg_nbd: Option<&'a BgNbdFit>,
    pub gamma_gamma: Option<&'a GammaGammaFit>,
    pub pareto_nbd: Option<&'a ParetoNbdFit>,
    pub report: &'a FitReport,
    pub population: Population<'a>,
    pub frameworks: &'a FrameworkCuts,
    /// The value classes' centres the RFM stage classed at.
    pub value_centres: [f64; 3],
}

/// A population's statistics a customer's scores are placed among when they come from a model
/// fitted on it: each segment's 75th percentile of E[M] (then "Others"'s) for the potential value,
/// and the ranks the priority takes its percentiles from.
#[derive(Clone, Copy)]
pub(crate) struct Population<'a> {
    pub segment_spend_q75: &'a [Option<f64>],
    pub priority: &'a PriorityCuts,
}

/// The population a priority's percentiles come from (docs/methods.md §1c): the value percentile
/// from its CLVs (when every member had one) or its M, the risk 1 − P(alive) (when every member had
/// one) or the percentile of its days since the last purchase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriorityCuts {
    pub value: PriorityValue,
    pub risk: PriorityRisk,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PriorityValue {
    Clv(RankTable),
    Monetary(RankTable),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PriorityRisk {
    OneMinusPAlive,
    DaysSince(RankTable),
}

/// Most distinct values a priority's [`RankTable`] keeps: exact up to this many, within one gap's
/// members / n of the exact percentile beyond (`rank_table`).
pub const RANK_KNOTS: usize = 20_001;

impl PriorityCuts {
    /// The population of `customers` (with their M and days since the last purchase as ranked).
    pub fn of(customers: &[CustomerScore], monetary: &[f64], recency_days: &[f64]) -> PriorityCuts {
        let clv: Option<Vec<f64>> = customers.iter().map(|c| c.clv).collect();
        let value = match clv.filter(|v| !v.is_empty()) {
            Some(v) => PriorityValue::Clv(RankTable::of(&v, RANK_KNOTS)),
            None => PriorityValue::Monetary(RankTable::of(monetary, RANK_KNOTS)),
        };
        let every_p_alive = !customers.is_empty() && customers.iter().all(|c| c.p_alive.is_some());
        let risk = if every_p_alive { PriorityRisk::OneMinusPAlive } else { PriorityRisk::DaysSince(RankTable::of(recency_days, RANK_KNOTS)) };
        PriorityCuts { value, risk }
    }

    /// One customer's value percentile and risk among the population; `None` when a number it
    /// needs is missing (no CLV or P(alive) where the population had them).
    pub fn place(&self, score: &CustomerScore, monetary: f64, recency_days: f64) -> Option<(f64, f64)> {
        let value = match &self.value {
            PriorityValue::Clv(t) => t.percentile(score.clv?)?,
            PriorityValue::Monetary(t) => t.percentile(monetary)?,
        };
        let risk = match &self.risk {
            PriorityRisk::OneMinusPAlive => 1.0 - score.p_alive?,
            PriorityRisk::DaysSince(t) => t.percentile(recency_days)?,
        };
        Some((value, risk))
    }
}

/// [`score_for_views`], or, `given` a model's part, the same views on it without fitting.
pub(crate) fn score_for_views_given(table: &CustomerTable, settings: &Settings, given: Option<Given>, now_ms: &dyn Fn() -> f64) -> (Scored, StageTimes) {
    let mut times = StageTimes::default();
    let mut mark = now_ms();
    let mut lap = |slot: &mut f64| {
        let t = now_ms();
        *slot = t - mark;
        mark = t;
    };
    let mut findings = Vec::new();
    let repeaters = repeat_customers(table);
    let mut model_value_centres = None;
    let (rfm, bg, gg, pnbd, given_population, comparison_pending) = match given {
        None => {
            let rfm = rfm_stage(table, settings, &mut findings);
            lap(&mut times.rfm);
            let bg = fit_bg_nbd(table, repeaters, &mut findings, now_ms);
            if bg.fitted {
                lap(&mut times.bg_nbd);
            }
            let gg = fit_gamma_gamma(table, &mut findings, now_ms);
            lap(&mut times.gamma_gamma);
            (rfm, bg.fit, gg, None, None, repeaters >= MIN_REPEAT_CUSTOMERS)
        }
        Some(g) => {
            findings = g.report.findings.clone();
            lap(&mut times.rfm);
            model_value_centres = Some(g.value_centres);
            (g.rfm, g.bg_nbd.cloned(), g.gamma_gamma.cloned(), g.pareto_nbd.cloned(), Some((g.population, g.frameworks)), false)
        }
    };
    let population = given_population.map(|(p, _)| p);
    let rows = customer_scores(table, settings, &rfm, bg.as_ref(), gg.as_ref(), population);
    lap(&mut times.customers);
    // Group models over everyone, then per segment (docs/methods.md §2e; the last group is "Others").
    let others = rfm.segments.len();
    let mut member_groups: Vec<Vec<usize>> = vec![(0..table.customers.len()).collect()];
    member_groups.extend((0..=others).map(|k| (0..rows.len()).filter(|&i| rows[i].segment.unwrap_or(others) == k).collect()));
    let mut all_groups = group_models(table, &member_groups, settings).into_iter();
    let groups = all_groups.next().unwrap_or(GroupModels { retention: None, migration: None });
    let groups_by_segment: Vec<GroupModels> = all_groups.collect();
    lap(&mut times.group_models);
    let (frameworks, equity) = frameworks_and_equity(table, settings, &rfm, &rows, bg.as_ref(), gg.as_ref(), given_population.map(|(_, f)| f));
    lap(&mut times.frameworks);
    let RfmStage { shown, segments, weights, ahp, .. } = rfm;
    let scored = Scored {
        settings: settings.clone(),
        rfm: shown,
        segment_coverage: segments::coverage(&segments),
        segments,
        bg_nbd: bg,
        gamma_gamma: gg,
        pareto_nbd: pnbd,
        checks: None,
        comparison_pending,
        groups,
        groups_by_segment,
        report: FitReport::new(findings),
        frameworks,
        equity,
        ahp,
        rfm_weights: weights,
        model_value_centres,
        customers: rows,
    };
    (scored, times)
}

/// The RFM stage of [`score_for_views`]: the scores shown (user thresholds or `rfm_bins` quantiles),
/// the five-bin scores the segments and value classes use, the segments, and the weights (AHP's
/// when a usable matrix is given, docs/methods.md §7).
pub(crate) struct RfmStage {
    pub five: scores::RfmScores,
    pub shown: scores::RfmScores,
    pub segments: Vec<SegmentRule>,
    pub classes: Vec<ValueClass>,
    pub weights: [f64; 3],
    pub ahp: Option<crate::rfm::ahp::AhpResult>,
}

pub(crate) fn rfm_stage(table: &CustomerTable, settings: &Settings, findings: &mut Vec<Finding>) -> RfmStage {
    let five = scores::score(table, 5, settings.rfm_monetary);
    // User thresholds replace the shown scores (and, when they make five bins, the scores the
    // segments use); unusable thresholds fall back to quantiles with a finding saying why.
    let user = settings.rfm_thresholds.as_ref().and_then(|th| match scores::score_with_thresholds(table, th, settings.rfm_monetary) {
        Ok(s) => Some(s),
        Err(why) => {
            findings.push(Finding::UnusableThresholds { why });
            None
        }
    });
    let five = match &user {
        Some(u) if u.bins == 5 => u.clone(),
        _ => five,
    };
    let shown = match user {
        Some(u) => u,
        None if settings.rfm_bins == 5 => five.clone(),
        None => scores::score(table, settings.rfm_bins, settings.rfm_monetary),
    };
    let segments = settings.segment_rules.rules();
    let classes = classify(&five.recency_days, &five.frequency, &five.monetary, settings.value_split);
    let (weights, ahp) = rfm_weights(settings, findings);
    RfmStage { five, shown, segments, classes, weights, ahp }
}

/// The weights of the combined RFM score: AHP's (docs/methods.md §7) when a matrix is given and
/// usable, with a finding when it is inconsistent or unusable; else the settings' weights.
pub(crate) fn rfm_weights(settings: &Settings, findings: &mut Vec<Finding>) -> ([f64; 3], Option<crate::rfm::ahp::AhpResult>) {
    let ahp = settings.ahp_rfm.as_ref().map(|m| crate::rfm::ahp::weights(m));
    let weights = match &ahp {
        Some(Ok(r)) if r.weights.len() == 3 => {
            if !r.consistent {
                findings.push(Finding::AhpInconsistent { consistency_ratio: r.consistency_ratio });
            }
            [r.weights[0], r.weights[1], r.weights[2]]
        }
        Some(_) => {
            findings.push(Finding::AhpUnusable);
            settings.rfm_weights
        }
        None => settings.rfm_weights,
    };
    (weights, ahp.and_then(Result::ok))
}

/// The BG/NBD fit, if the data allow one, and whether a fit was attempted (it has its own time).
struct BgNbdStage {
    fit: Option<BgNbdFit>,
    fitted: bool,
}

/// BG/NBD on purchase histories with at least [`MIN_REPEAT_CUSTOMERS`] repeat customers, within a
/// fit's deadline; its parameters' findings; dropped when a parameter is at a bound (no CLV is built
/// on it).
fn fit_bg_nbd(table: &CustomerTable, repeaters: usize, findings: &mut Vec<Finding>, now_ms: &dyn Fn() -> f64) -> BgNbdStage {
    let mut fitted = false;
    let bg = if table.rfm_only {
        findings.push(Finding::NeedsPurchaseHistories);
        None
    } else if repeaters >= MIN_REPEAT_CUSTOMERS {
        let data = RepeatData::from_table(table);
        let bg = bg_nbd::fit(&data, Some(Deadline::for_a_fit(now_ms)));
        fitted = true;
        if bg.is_none() {
            findings.push(Finding::NoFiniteLikelihood { model: Model::BgNbd });
        }
        bg
    } else {
        for model in [Model::BgNbd, Model::ParetoNbd] {
            findings.push(Finding::TooFewRepeaters { model, have: repeaters, need: MIN_REPEAT_CUSTOMERS });
        }
        None
    };
    if let Some(f) = &bg {
        let p = f.params;
        let se = f.standard_errors.map(|e| [e.r, e.alpha, e.a, e.b]);
        findings.extend(parameter_findings(Model::BgNbd, &["r", "alpha", "a", "b"], &[p.r, p.alpha, p.a, p.b], se.as_ref().map(|s| &s[..]), f.outcome));
    }
    let fit = bg.filter(|_| !findings.iter().any(|f| matches!(f, Finding::AtBound { model, .. } if *model == Model::BgNbd)));
    BgNbdStage { fit, fitted }
}

/// Gamma-Gamma on the repeat customers' mean spend (kept only with q > 1, where E[M] exists), with
/// its findings: no mean spend, or spend that depends on frequency (the model's assumption broken).
fn fit_gamma_gamma(table: &CustomerTable, findings: &mut Vec<Finding>, now_ms: &dyn Fn() -> f64) -> Option<GammaGammaFit> {
    let spend = SpendData::from_table(table);
    let gg = if table.rfm_only { None } else { gamma_gamma::fit(&spend, Some(Deadline::for_a_fit(now_ms))).filter(|f| f.params.q > 1.0) };
    if let Some(f) = &gg {
        let p = f.params;
        findings.extend(parameter_findings(Model::GammaGamma, &["p", "q", "gamma"], &[p.p, p.q, p.gamma], None, f.outcome));
    }
    match &gg {
        None if table.rfm_only => {}
        None => findings.push(Finding::NoMeanSpend),
        Some(f) if f.frequency_spend_correlation.abs() > SPEND_CORRELATION_LIMIT => {
            findings.push(Finding::SpendDependsOnFrequency { correlation: f.frequency_spend_correlation })
        }
        _ => {}
    }
    gg
}

/// Every customer's scores: RFM, segment and value class, P(alive), expected purchases and spend,
/// CLV (docs/methods.md §3), potential value (the gap to the 75th percentile of E[M] in the
/// customer's segment) and priority.
///
/// `population`: the potential value's spend percentiles and the priority's ranks, when they come
/// from a larger population than `table` (a fitted model's; a customer it cannot place gets
/// priority 0); else they are taken from `table`'s customers.
pub(crate) fn customer_scores(
    table: &CustomerTable,
    settings: &Settings,
    rfm: &RfmStage,
    bg: Option<&BgNbdFit>,
    gg: Option<&GammaGammaFit>,
    population: Option<Population>,
) -> Vec<CustomerScore> {
    let RfmStage { five, shown, segments, classes, weights, .. } = rfm;
    let weights = *weights;
    let units_per_month = DAYS_PER_MONTH / table.unit.days();
    let horizon = f64::from(settings.horizon_months) * units_per_month;
    let d = settings.discount_monthly();
    let finite = |v: f64| v.is_finite().then_some(v);
    // Discounted expected purchases × margin ratio per customer: the factor both CLV and potential
    // value scale by (potential value needs every customer's E[M] first, for the segment percentile).
    let mut disc_margin: Vec<Option<f64>> = Vec::with_capacity(table.customers.len());
    // E[Y] at the end of each month of the horizon (for the discounted sum); the last month's is the
    // horizon's (the same product, k · units a month with k the horizon's months). Without months,
    // at the horizon alone.
    let months: Vec<f64> = (1..=settings.horizon_months).map(|k| f64::from(k) * units_per_month).collect();
    let aheads = if months.is_empty() { vec![horizon] } else { months };
    let at_horizon = aheads.len() - 1;
    let mut expected = bg.map(|f| bg_nbd::ExpectedPurchases::new(&f.params, &aheads));
    let mut ey = Vec::new();
    let mut rows: Vec<CustomerScore> = table
        .customers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (x, tx, t) = (c.frequency, c.recency, c.t);
            let p_alive = bg.and_then(|f| finite(bg_nbd::p_alive(&f.params, x, tx, t)));
            if let Some(e) = expected.as_mut() {
                e.fill(x, tx, t, &mut ey);
            }
            let exp_purch = expected.as_ref().and_then(|_| finite(ey[at_horizon]));
            let exp_spend = gg.and_then(|f| finite(gamma_gamma::expected_spend(&f.params, x, c.monetary_value)));
            let margin_ratio = if c.revenue > 0.0 { c.margin / c.revenue } else { settings.margin_rate };
            // ey[k − 1] is E[Y] at the end of month k (k ≥ 1).
            let disc = expected.as_ref().and_then(|_| finite(clv::discounted_purchases(|k| ey[k as usize - 1], settings.horizon_months, d)));
            let clv_value = match (exp_spend, disc) {
                (Some(m), Some(n)) => finite(clv::clv(margin_ratio, m, n)),
                _ => None,
            };
            disc_margin.push(disc.map(|n| n * margin_ratio));
            CustomerScore {
                r_score: shown.r[i],
                f_score: shown.f[i],
                m_score: shown.m[i],
                rfm_cell: shown.cell(i),
                rfm_combined: scores::combined(shown.r[i], shown.f[i], shown.m[i], weights),
                segment: segments::assign(segments, five.r[i], five.f[i], five.m[i]),
                value_class: classes[i],
                p_alive,
                expected_purchases_horizon: exp_purch,
                expected_mean_spend: exp_spend,
                clv: clv_value,
                historical_value: c.margin,
                potential_value: None, // set below, from the segment's spend percentile
                priority: 0.0,         // set below, from everyone's CLV and P(alive)
                at_risk: false,
            }
        })
        .collect();
    set_potential_values(&mut rows, &disc_margin, segments.len(), population);
    set_priorities(&mut rows, five, population);
    rows
}

/// Potential value: the gap to the 75th percentile of E[M] in the customer's segment (of `segments`
/// rules, then "Others"), times its discounted expected purchases × margin ratio (`disc_margin`).
fn set_potential_values(rows: &mut [CustomerScore], disc_margin: &[Option<f64>], segments: usize, population: Option<Population>) {
    let q75 = match population {
        Some(p) => p.segment_spend_q75.to_vec(),
        None => segment_spend_q75(rows, segments),
    };
    for (r, dm) in rows.iter_mut().zip(disc_margin) {
        let q = q75.get(r.segment.unwrap_or(segments)).copied().flatten();
        r.potential_value = match (*dm, q, r.expected_mean_spend) {
            (Some(disc_margin), Some(q), Some(m)) => Some((q - m).max(0.0) * disc_margin).filter(|v| v.is_finite()),
            _ => None,
        };
    }
}

/// Each customer's priority and "at risk", among `rows` or among a model's population.
fn set_priorities(rows: &mut [CustomerScore], five: &RfmScores, population: Option<Population>) {
    let placed: Vec<(f64, bool)> = match population {
        Some(p) => (0..rows.len())
            .map(|i| p.priority.place(&rows[i], five.monetary[i], five.recency_days[i]).map_or((0.0, false), |(v, r)| (v * r, v > 0.5 && r > 0.5)))
            .collect(),
        None => {
            let values: Vec<Option<f64>> = rows.iter().map(|r| r.clv).collect();
            let risks: Vec<Option<f64>> = rows.iter().map(|r| r.p_alive).collect();
            priorities(&values, &five.monetary, &risks, &five.recency_days)
        }
    };
    for (r, (p, at_risk)) in rows.iter_mut().zip(placed) {
        r.priority = p;
        r.at_risk = at_risk;
    }
}

/// Each segment's 75th percentile of E[M] over `rows` (`segments` of them, then "Others"), `None`
/// for a segment without a mean spend.
pub(crate) fn segment_spend_q75(rows: &[CustomerScore], segments: usize) -> Vec<Option<f64>> {
    (0..=segments)
        .map(|s| {
            let mut v: Vec<f64> = rows.iter().filter(|r| r.segment.unwrap_or(segments) == s).filter_map(|r| r.expected_mean_spend).collect();
            (!v.is_empty()).then(|| clv::percentile_75(&mut v))
        })
        .collect()
}

/// The frameworks (docs/methods.md §5–§6) from the scores, and the customer equity built on them.
fn frameworks_and_equity(
    table: &CustomerTable,
    settings: &Settings,
    rfm: &RfmStage,
    rows: &[CustomerScore],
    bg: Option<&BgNbdFit>,
    gg: Option<&GammaGammaFit>,
    given: Option<&FrameworkCuts>,
) -> (frameworks::Frameworks, Option<CustomerEquity>) {
    let five = &rfm.five;
    let clvs: Vec<Option<f64>> = rows.iter().map(|r| r.clv).collect();
    let combined: Vec<f64> = rows.iter().map(|r| r.rfm_combined).collect();
    let p_alive: Vec<Option<f64>> = rows.iter().map(|r| r.p_alive).collect();
    let inputs = frameworks::ScoreInputs {
        clv: &clvs,
        rfm_combined: &combined,
        p_alive: &p_alive,
        f_score: &five.f,
        recency_days: &five.recency_days,
        frequency: &five.frequency,
        monetary: &five.monetary,
        bg: bg.map(|f| &f.params),
        gg: gg.map(|f| &f.params),
    };
    let frameworks = frameworks::build(table, &inputs, settings, given);
    let occasions: Vec<u32> = table.customers.iter().map(|c| c.occasions).collect();
    let equity = customer_equity::build(&EquityInputs {
        clv: &clvs,
        occasions: &occasions,
        gmcb: &frameworks.gmcb.class,
        pyramid: &frameworks.pyramid.level,
        lifecycle: frameworks.lifecycle.as_ref().map(|l| l.stage.as_slice()),
        horizon_months: settings.horizon_months,
        discount_annual: settings.discount_annual,
    });
    (frameworks, equity)
}

/// Customers with at least one repeat purchase: the BTYD models need [`MIN_REPEAT_CUSTOMERS`] of them.
fn repeat_customers(table: &CustomerTable) -> usize {
    table.customers.iter().filter(|c| c.frequency >= 1.0).count()
}

/// Fits Pareto/NBD beside BG/NBD and runs the model checks (docs/methods.md §2a, §2d), adding their findings
/// to the fit report in the report's order. Nothing else in `scored` depends on them.
pub fn add_comparison_and_checks(table: &CustomerTable, scored: &mut Scored, times: &mut StageTimes, now_ms: &dyn Fn() -> f64) {
    if !scored.comparison_pending {
        return;
    }
    let pnbd = timed_comparison(table, times, now_ms);
    add_checks(table, scored, pnbd, times, now_ms);
}

/// The first half of [`add_comparison_and_checks`]: the Pareto/NBD comparison fit, its time in `times`.
/// (The worker's warm-up runs the halves in tasks of their own.)
pub fn timed_comparison(table: &CustomerTable, times: &mut StageTimes, now_ms: &dyn Fn() -> f64) -> Option<ParetoNbdFit> {
    let t0 = now_ms();
    let pnbd = fit_comparison(table, now_ms);
    times.pareto_nbd = now_ms() - t0;
    pnbd
}

/// The second half of [`add_comparison_and_checks`]: the model checks, their time in `times`, and
/// both added to `scored`.
pub fn add_checks(table: &CustomerTable, scored: &mut Scored, pnbd: Option<ParetoNbdFit>, times: &mut StageTimes, now_ms: &dyn Fn() -> f64) {
    let t1 = now_ms();
    let checks = run_checks(table, scored, now_ms);
    times.model_checks = now_ms() - t1;
    complete_comparison(scored, pnbd, checks);
}

/// The Pareto/NBD comparison fit alone. It needs only the table, not the scores, so a caller with
/// threads (the CLI) fits it beside [`score_for_views`] and [`run_checks`], then hands both to
/// [`complete_comparison`]; the result is the same as [`add_comparison_and_checks`]'s (tested).
pub fn fit_comparison(table: &CustomerTable, now_ms: &dyn Fn() -> f64) -> Option<ParetoNbdFit> {
    // Not fitted where BG/NBD is not, for the same reason (`Finding::TooFewRepeaters` names both).
    if table.rfm_only || repeat_customers(table) < MIN_REPEAT_CUSTOMERS {
        return None;
    }
    pareto_nbd::fit(&RepeatData::from_table(table), Some(Deadline::for_a_fit(now_ms)))
}

/// The model checks of `scored`'s BG/NBD fit (docs/methods.md §2d); `None` without a fit. They do not depend
/// on the Pareto/NBD fit.
pub fn run_checks(table: &CustomerTable, scored: &Scored, now_ms: &dyn Fn() -> f64) -> Option<ModelChecks> {
    checks_of(table, scored.bg_nbd.as_ref(), scored.settings.holdout_share, now_ms)
}

/// [`run_checks`] from what it reads of the scores: the BG/NBD fit and the holdout share. The page's
/// second worker, which holds no scores, runs this.
pub fn checks_of(table: &CustomerTable, bg_nbd: Option<&BgNbdFit>, holdout_share: f64, now_ms: &dyn Fn() -> f64) -> Option<ModelChecks> {
    let f = bg_nbd?;
    Some(model_checks::run(&f.params, &RepeatData::from_table(table), table, holdout_share, Some(Deadline::for_a_fit(now_ms))))
}

/// Ends the wait for the comparison and the checks without them: the report says why
/// ([`Finding::ChecksNotRun`]); nothing else in `scored` depended on them.
pub fn complete_without_comparison(scored: &mut Scored, why: ChecksStop) {
    if !std::mem::take(&mut scored.comparison_pending) {
        return;
    }
    let mut findings = std::mem::take(&mut scored.report.findings);
    findings.push(Finding::ChecksNotRun { why });
    findings.sort_by_key(Finding::order);
    scored.report = FitReport::new(findings);
}

/// Adds the Pareto/NBD fit and the model checks to views-first scores: the fit's findings, the holdout
/// verdict and the model comparison, in the report's order.
pub fn complete_comparison(scored: &mut Scored, pnbd: Option<ParetoNbdFit>, checks: Option<ModelChecks>) {
    if !std::mem::take(&mut scored.comparison_pending) {
        return;
    }
    let mut findings = std::mem::take(&mut scored.report.findings);
    match &pnbd {
        None if findings.contains(&Finding::NeedsPurchaseHistories) => {}
        None => findings.push(Finding::NoFiniteLikelihood { model: Model::ParetoNbd }),
        Some(f) => {
            let p = f.params;
            let se = f.standard_errors.map(|e| [e.r, e.alpha, e.s, e.beta]);
            findings.extend(parameter_findings(Model::ParetoNbd, &["r", "alpha", "s", "beta"], &[p.r, p.alpha, p.s, p.beta], se.as_ref().map(|s| &s[..]), f.outcome));
        }
    }
    if let Some(h) = checks.as_ref().and_then(|c| c.holdout.as_ref()) {
        let (predicted, actual) = (h.predicted_total, h.actual_total);
        let off = actual > 0.0 && ((predicted - actual) / actual).abs() > HOLDOUT_ERROR_LIMIT;
        findings.push(if off { Finding::HoldoutOff { predicted, actual } } else { Finding::HoldoutFine { predicted, actual } });
    }
    if let (Some(b), Some(p)) = (&scored.bg_nbd, &pnbd) {
        findings.push(Finding::Comparison { bg_nbd: b.log_likelihood, pareto_nbd: p.log_likelihood });
    }
    findings.sort_by_key(Finding::order);
    scored.report = FitReport::new(findings);
    scored.pareto_nbd = pnbd;
    scored.checks = checks;
}

/// Priority = value percentile × risk (docs/methods.md §1c). Value is CLV when every customer has one, else M;
/// risk is 1 − P(alive) when every customer has it, else the percentile of days since the last
/// purchase ("R-decline": the longer, the riskier). Percentiles are mean ranks / n. With each
/// priority, whether the customer is "at risk": value percentile and risk both above ½.
pub fn priorities(clv: &[Option<f64>], monetary: &[f64], p_alive: &[Option<f64>], recency_days: &[f64]) -> Vec<(f64, bool)> {
    let value: Vec<f64> = match clv.iter().copied().collect::<Option<Vec<f64>>>() {
        Some(v) => scores::mean_rank_percentiles(&v),
        None => scores::mean_rank_percentiles(monetary),
    };
    let risk: Vec<f64> = match p_alive.iter().copied().collect::<Option<Vec<f64>>>() {
        Some(p) => p.into_iter().map(|p| 1.0 - p).collect(),
        None => scores::mean_rank_percentiles(recency_days),
    };
    value.iter().zip(&risk).map(|(v, r)| (v * r, *v > 0.5 && *r > 0.5)).collect()
}

/// Customer indices by priority, highest first (ties by table order), at most `n`.
/// The first `n` are picked by selection and only they are sorted (the whole list was sorted before).
pub fn priority_list(scored: &Scored, n: usize) -> Vec<usize> {
    let by_priority = |&a: &usize, &b: &usize| scored.customers[b].priority.total_cmp(&scored.customers[a].priority).then(a.cmp(&b));
    let mut idx: Vec<usize> = (0..scored.customers.len()).collect();
    if n < idx.len() {
        idx.select_nth_unstable_by(n, by_priority);
        idx.truncate(n);
    }
    idx.sort_unstable_by(by_priority);
    idx
}

/// The demo retailer with `customers` customers, imported and scored with the default settings:
/// the fixture of the engine's tests that need a whole scored customer base.
#[cfg(test)]
pub fn scored_fixture(customers: usize) -> (crate::table::imported::Imported, Scored) {
    use crate::import::ImportOptions;
    use crate::table::imported::import;
    use crate::table::demo_data::{generate, DemoParams};
    let csv = generate(&DemoParams { customers, ..DemoParams::default() }).to_csv();
    let settings = crate::settings::Settings::default();
    let imported = import(csv.as_bytes(), "demo.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("the demo imports");
    let scored = score(&imported.table, &settings);
    (imported, scored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerances::HAND_COMPUTED_ABS;

    #[test]
    fn priority_is_value_percentile_times_risk_by_hand() {
        // CLV 100, 300, 200 → percentiles 1/3, 1, 2/3; P(alive) 0.9, 0.4, 0.2 → risk 0.1, 0.6, 0.8.
        let clv = [Some(100.0), Some(300.0), Some(200.0)];
        let alive = [Some(0.9), Some(0.4), Some(0.2)];
        let p = priorities(&clv, &[0.0; 3], &alive, &[0.0; 3]);
        let want = [1.0 / 3.0 * 0.1, 0.6, 2.0 / 3.0 * 0.8];
        for k in 0..3 {
            assert!((p[k].0 - want[k]).abs() < HAND_COMPUTED_ABS, "{p:?}");
        }
        // At risk: value above the middle and risk above ½: the second (1, 0.6) and third (⅔, 0.8).
        assert_eq!(p.iter().map(|x| x.1).collect::<Vec<_>>(), vec![false, true, true]);
        // Without models: M percentile × recency percentile. M 5, 1; days 10, 90 → 1 · 0.5 and 0.5 · 1.
        let p = priorities(&[None, None], &[5.0, 1.0], &[None, None], &[10.0, 90.0]);
        assert_eq!(p, vec![(0.5, false), (0.5, false)]);
    }
}
