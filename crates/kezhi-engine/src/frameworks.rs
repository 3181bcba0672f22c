//! Every customer-asset framework of docs/methods.md §3–§4 computed in one place from the customer table and
//! the scores: the new-customer and veteran matrices, gold/meteor/creek/burden, the value
//! pyramid, the Pareto curve and the tier ladder so far. Each returns its per-customer class and its
//! aggregate table.

pub mod class_table;
pub mod value_pyramid;
pub mod tier_ladder;
pub mod gold_meteor_creek_burden;
pub mod new_customer_matrix;
pub mod veteran_matrix;
pub mod nine_grid;
pub mod lifecycle;
pub mod clustering;
pub mod customer_equity;
pub mod pareto_curve;

use serde::{Deserialize, Serialize};

use crate::models::bg_nbd::BgNbdParams;
use crate::frameworks::class_table::LevelCuts;
use crate::frameworks::clustering::{Clusters};
use crate::table::customer_table::CustomerTable;
use crate::models::gamma_gamma::GammaGammaParams;
use crate::table::group_periods;
use crate::frameworks::lifecycle::{Lifecycle, LifecycleInputs};
use crate::frameworks::value_pyramid::RankedBy;
use crate::frameworks::nine_grid::{Grid};
use crate::frameworks::new_customer_matrix::{NewCustomer, NewCustomerMatrix};
use crate::frameworks::veteran_matrix::{Veteran, VeteranMatrix};
use crate::frameworks::gold_meteor_creek_burden::{Gmcb};
use crate::frameworks::pareto_curve::{ParetoCurve};
use crate::settings::Settings;
use crate::frameworks::tier_ladder::{TierLadder};
use crate::time_unit::{days_between, DAYS_PER_MONTH};
use crate::frameworks::value_pyramid::{PyramidValue, ValuePyramid};

/// Most customers the gold/meteor/creek/burden scatter draws (a systematic sample beyond).
pub const SCATTER_POINTS: usize = 1500;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frameworks {
    pub new_matrix: NewCustomerMatrix,
    /// `None` for a summary file (no dated occasions for the growth periods).
    pub veteran: Option<VeteranMatrix>,
    pub pyramid: ValuePyramid,
    /// `None` when the total margin is not positive.
    pub pareto: Option<ParetoCurve>,
    pub tiers: TierLadder,
    pub gmcb: Gmcb,
    /// A systematic sample of at most [`SCATTER_POINTS`] customers for the quadrant's scatter:
    /// (repeat purchases, margin per occasion, class).
    pub gmcb_sample: Vec<(f64, f64, usize)>,
    /// `None` for a summary file (no dated occasions).
    pub lifecycle: Option<Lifecycle>,
    /// Total margin × margin efficiency.
    pub value_grid: Grid,
    /// Spend growth × frequency growth, for customers with two or more occasions; `None` for a
    /// summary file.
    pub growth_grid: Option<Grid>,
    /// `None` with fewer customers than clusters.
    pub clusters: Option<Clusters>,
    /// The cut values the classes were drawn at when they are another population's (a fitted
    /// model's, [`FrameworkCuts`]); `None`: by rank among these customers.
    pub given_cuts: Option<FrameworkCuts>,
}

/// The cut values a population's frameworks classed at, to class other customers at (a model
/// fitted on a population scores a sample or a stream of its customers, `fitted_model`): the lowest
/// value each pyramid level, tier and value-grid tercile held, the medians of gold/meteor/creek/burden
/// and of the new-customer matrix, the clusters' standardisation and centroids. The veteran matrix,
/// the lifecycle and the growth grid are not among them: they rank the customers' dated purchases,
/// which a population's summary does not carry. Given back to the population's own customers, they
/// give every one its class (`fitted_model` tests, `a_model_fitted_on_all_scores_them_as_scoring_does`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameworkCuts {
    pub pyramid_ranked_by: RankedBy,
    /// The lowest value per pyramid level, maintain (the bottom) first.
    pub pyramid: LevelCuts,
    /// The lowest monthly spend per tier, crystal first.
    pub tiers: LevelCuts,
    pub gmcb: gold_meteor_creek_burden::Medians,
    pub new_matrix: new_customer_matrix::Cuts,
    /// The value grid's axes (total margin, margin efficiency), low tercile first.
    pub value_grid: [LevelCuts; 2],
    /// `None` when the population was smaller than the clusters.
    pub clusters: Option<clustering::Centres>,
}

impl Frameworks {
    /// The cut values these classes were drawn at.
    pub fn cuts(&self) -> FrameworkCuts {
        let bottom_first: Vec<Option<(f64, f64)>> = self.pyramid.ranges.iter().rev().copied().collect();
        FrameworkCuts {
            pyramid_ranked_by: self.pyramid.ranked_by,
            pyramid: LevelCuts::from_ranges(&bottom_first),
            tiers: LevelCuts::from_ranges(&self.tiers.ranges),
            gmcb: gold_meteor_creek_burden::Medians { profit_per_occasion: self.gmcb.profit_median, repeats: self.gmcb.repeats_median },
            new_matrix: new_customer_matrix::Cuts { potential_profit: self.new_matrix.profit_cut, conversion: self.new_matrix.conversion_cut },
            value_grid: [LevelCuts::from_ranges(&self.value_grid.ranges[0]), LevelCuts::from_ranges(&self.value_grid.ranges[1])],
            clusters: self.clusters.as_ref().map(Clusters::centres),
        }
    }
}

/// One customer's class in each framework (the scored export's last columns), `None` where a
/// framework does not apply to the customer or the data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerClasses {
    /// 0 = key (the top) … 3 = maintain.
    pub pyramid: Option<usize>,
    /// 0 = crystal (the bottom) … 5 = black gold.
    pub tier: Option<usize>,
    pub gmcb: Option<usize>,
    pub new_matrix: Option<usize>,
    pub veteran: Option<usize>,
    pub veteran_grade: Option<u8>,
    pub lifecycle: Option<usize>,
    /// Cell row · 3 + column.
    pub value_grid: Option<usize>,
    pub growth_grid: Option<usize>,
    /// 0-based.
    pub cluster: Option<usize>,
}

impl Frameworks {
    /// Customer `i`'s classes.
    pub fn classes_of(&self, i: usize) -> CustomerClasses {
        CustomerClasses {
            pyramid: self.pyramid.level.get(i).copied(),
            tier: self.tiers.tier.get(i).copied(),
            gmcb: self.gmcb.class.get(i).copied(),
            new_matrix: self.new_matrix.class.get(i).copied().flatten(),
            veteran: self.veteran.as_ref().and_then(|v| v.class.get(i).copied().flatten()),
            veteran_grade: self.veteran.as_ref().and_then(|v| v.grade.get(i).copied().flatten()),
            lifecycle: self.lifecycle.as_ref().and_then(|l| l.stage.get(i).copied().flatten()),
            value_grid: self.value_grid.cell.get(i).copied().flatten(),
            growth_grid: self.growth_grid.as_ref().and_then(|g| g.cell.get(i).copied().flatten()),
            cluster: self.clusters.as_ref().and_then(|c| c.cluster.get(i).copied()),
        }
    }
}

/// What the frameworks take from the scores, per customer in table order, and the fits.
pub struct ScoreInputs<'a> {
    pub clv: &'a [Option<f64>],
    pub rfm_combined: &'a [f64],
    pub p_alive: &'a [Option<f64>],
    /// 5-bin F scores.
    pub f_score: &'a [u8],
    /// R (days), F (occasions) and M as the RFM scores use them.
    pub recency_days: &'a [f64],
    pub frequency: &'a [f64],
    pub monetary: &'a [f64],
    pub bg: Option<&'a BgNbdParams>,
    pub gg: Option<&'a GammaGammaParams>,
}

/// Every framework of `table`'s customers: by rank among them, or, `given` another population's cut
/// values ([`FrameworkCuts`]), at those (the veteran matrix, lifecycle and growth grid stay by rank).
pub fn build(table: &CustomerTable, inputs: &ScoreInputs, settings: &Settings, given: Option<&FrameworkCuts>) -> Frameworks {
    let (clv, rfm_combined) = (inputs.clv, inputs.rfm_combined);
    let margin: Vec<f64> = table.customers.iter().map(|c| c.margin).collect();
    let revenue: Vec<f64> = table.customers.iter().map(|c| c.revenue).collect();
    let (value, ranked_by) = pyramid_values(clv, &margin, &revenue, rfm_combined, settings.pyramid_value, given.map(|g| g.pyramid_ranked_by));
    let unit_days = table.unit.days();
    let tenure_months: Vec<f64> = (0..table.customers.len()).map(|i| tenure_months(table, i)).collect();
    let monthly: Vec<f64> = (0..table.customers.len()).map(|i| monthly_spend(table, i)).collect();
    let per_occasion: Vec<f64> = table.customers.iter().map(margin_per_occasion).collect();
    let repeats: Vec<f64> = table.customers.iter().map(|c| c.frequency).collect();
    let units_per_month = DAYS_PER_MONTH / unit_days;
    let horizon = f64::from(settings.horizon_months) * units_per_month;
    let margin_ratio = |i: usize| {
        let c = &table.customers[i];
        if c.revenue > 0.0 { c.margin / c.revenue } else { settings.margin_rate }
    };
    let new: Vec<NewCustomer> = (0..table.customers.len())
        .filter(|&i| table.customers[i].occasions == 1)
        .map(|i| {
            let c = &table.customers[i];
            NewCustomer { index: i, t: c.t, first_spend: c.revenue, margin_ratio: margin_ratio(i) }
        })
        .collect();
    let new_matrix = new_customer_matrix::build(table.customers.len(), &new, inputs.bg, inputs.gg, horizon, &margin, settings.new_conversion_cut, given.map(|g| g.new_matrix));
    let veteran = table.analysis_date.filter(|_| !table.from_summary).map(|end| veterans(table, inputs, settings, end, &tenure_months, &margin));
    let lifecycle = table.analysis_date.filter(|_| !table.from_summary).map(|end| lifecycle_stages(table, inputs, settings, end, &margin));
    // Nine-grid indicators: orders per month of tenure, categories bought, margin rate, P(alive).
    let has_categories = table.customers.iter().any(|c| c.categories > 0);
    let indicators: Vec<Vec<Option<f64>>> = vec![
        table.customers.iter().zip(&tenure_months).map(|(c, m)| Some(f64::from(c.orders) / m)).collect(),
        table.customers.iter().map(|c| has_categories.then_some(f64::from(c.categories))).collect(),
        table.customers.iter().map(|c| (c.revenue > 0.0).then(|| c.margin / c.revenue)).collect(),
        inputs.p_alive.to_vec(),
    ];
    let (total_margin, efficiency): (Vec<_>, Vec<_>) = table.customers.iter().map(value_axes).unzip();
    let value_grid = nine_grid::build(&total_margin, &efficiency, &margin, &indicators, settings.nine_grid_strategy, given.map(|g| &g.value_grid));
    let growth_grid = table.analysis_date.filter(|_| !table.from_summary).map(|end| {
        let (spend, freq): (Vec<_>, Vec<_>) =
            (0..table.customers.len()).map(|i| growth_axes(table, i, end, settings.lifecycle.period_months).unzip()).unzip();
        nine_grid::build(&spend, &freq, &margin, &indicators, settings.nine_grid_strategy, None)
    });
    let gmcb = gold_meteor_creek_burden::build(&per_occasion, &repeats, &margin, given.map(|g| g.gmcb));
    let clusters = clustering::build(
        inputs.recency_days,
        inputs.frequency,
        inputs.monetary,
        clv,
        &margin,
        clustering::KMeansParams { k: settings.cluster_k, restarts: settings.cluster_restarts, seed: settings.cluster_seed },
        given.and_then(|g| g.clusters.as_ref()),
    );
    Frameworks {
        clusters,
        value_grid,
        growth_grid,
        lifecycle,
        new_matrix,
        veteran,
        pyramid: value_pyramid::build(&value, ranked_by, &margin, &settings.pyramid_shares, given.map(|g| &g.pyramid)),
        pareto: pareto_curve::build(&margin, settings.pareto_top_share),
        tiers: tier_ladder::TierLadder {
            by_total_spend: table.rfm_only,
            ..tier_ladder::build(&monthly, &margin, &settings.tier_shares, settings.tier_thresholds.as_ref(), given.map(|g| &g.tiers))
        },
        gmcb_sample: {
            let step = table.customers.len().div_ceil(SCATTER_POINTS).max(1);
            (0..table.customers.len()).step_by(step).map(|i| (repeats[i], per_occasion[i], gmcb.class[i])).collect()
        },
        gmcb,
        given_cuts: given.cloned(),
    }
}

/// What the pyramid ranks by, per customer, and its key: CLV when every customer has one (else
/// margin), margin, revenue or the weighted RFM score by the setting — or what a population's cuts
/// were drawn on (`given_by`; a customer without a CLV is then NaN, placed in maintain).
fn pyramid_values(clv: &[Option<f64>], margin: &[f64], revenue: &[f64], rfm_combined: &[f64], setting: PyramidValue, given_by: Option<RankedBy>) -> (Vec<f64>, RankedBy) {
    let by = given_by.unwrap_or(match setting {
        PyramidValue::ClvOrMargin if !clv.is_empty() && clv.iter().all(Option::is_some) => RankedBy::Clv,
        PyramidValue::ClvOrMargin | PyramidValue::Margin => RankedBy::Margin,
        PyramidValue::Revenue => RankedBy::Revenue,
        PyramidValue::WeightedRfm => RankedBy::WeightedRfm,
    });
    let values = match by {
        RankedBy::Clv => clv.iter().map(|c| c.unwrap_or(f64::NAN)).collect(),
        RankedBy::Margin => margin.to_vec(),
        RankedBy::Revenue => revenue.to_vec(),
        RankedBy::WeightedRfm => rfm_combined.to_vec(),
    };
    (values, by)
}

/// The veteran matrix (docs/methods.md §4): customers with two occasions or more, by loyalty
/// (P(alive), else the F score) and by the growth of their spend (or share of wallet) between the
/// two latest periods.
fn veterans(table: &CustomerTable, inputs: &ScoreInputs, settings: &Settings, end: chrono::NaiveDate, tenure_months: &[f64], margin: &[f64]) -> veteran_matrix::VeteranMatrix {
    let use_p_alive = inputs.p_alive.iter().all(Option::is_some);
    let has_wallet = table.occasion_wallet.is_some();
    let mut fallbacks = 0u64;
    let vets: Vec<Veteran> = (0..table.customers.len())
        .filter(|&i| table.customers[i].occasions >= 2)
        .map(|i| {
            let c = &table.customers[i];
            let occ = table.occasions_of(i);
            let spend = group_periods::period_spend(occ.iter().map(|o| (o.date, o.spend)), end, settings.veteran_period_months);
            let wallet = has_wallet.then(|| {
                let w = occ.iter().zip(table.wallets_of(i)).map(|(o, &w)| (o.date, w));
                group_periods::period_spend(w, end, settings.veteran_period_months)
            });
            let (growth, by_share) = veteran_matrix::growth_of(spend, wallet);
            fallbacks += u64::from(has_wallet && !by_share);
            Veteran {
                index: i,
                loyalty: veteran_loyalty(inputs.p_alive[i], inputs.f_score[i], use_p_alive),
                margin_per_month: c.margin / tenure_months[i],
                growth,
            }
        })
        .collect();
    let loyalty = if use_p_alive { "p_alive" } else { "f_score" };
    let measure = if has_wallet { "share_of_wallet" } else { "spend_growth" };
    veteran_matrix::build(table.customers.len(), &vets, loyalty, measure, fallbacks, settings.veteran_fast_growth, &margin)

}

/// The lifecycle stages and their flow since `lifecycle_flow_months` ago (docs/methods.md §4), with
/// P(alive) then from BG/NBD refitted on what was known then.
fn lifecycle_stages(table: &CustomerTable, inputs: &ScoreInputs, settings: &Settings, end: chrono::NaiveDate, margin: &[f64]) -> lifecycle::Lifecycle {
    let from = lifecycle::flow_start(end, settings.lifecycle_flow_months);
    // P(alive) then, from BG/NBD refitted on what was known then (when a model is fitted now).
    let p_then = inputs.bg.map(|now| p_alive_at(table, from, now)).unwrap_or_else(|| vec![None; table.customers.len()]);
    lifecycle::build(&LifecycleInputs {
        occasions: (0..table.customers.len()).map(|i| table.occasions_of(i)).collect(),
        end,
        p_alive: inputs.p_alive,
        flow_from: Some((from, p_then)),
        margin: &margin,
        rules: settings.lifecycle,
    })

}

/// Months from the first purchase to the analysis date, at least one (a customer who started this
/// month has spent this month's amount in one month). An RFM table has no first purchase: its tiers
/// rank total spend (one "month" each), and say so.
pub fn tenure_months(table: &CustomerTable, i: usize) -> f64 {
    if table.rfm_only {
        1.0
    } else {
        (table.customers[i].t * table.unit.days() / DAYS_PER_MONTH).max(1.0)
    }
}

/// The tier ladder's measure: revenue per month of tenure.
pub fn monthly_spend(table: &CustomerTable, i: usize) -> f64 {
    table.customers[i].revenue / tenure_months(table, i)
}

/// Gold/meteor/creek/burden's profit axis: margin per purchase occasion.
pub fn margin_per_occasion(c: &crate::table::customer_table::Customer) -> f64 {
    c.margin / f64::from(c.occasions.max(1))
}

/// The value grid's axes: total margin, and margin ÷ revenue (absent without revenue).
pub fn value_axes(c: &crate::table::customer_table::Customer) -> (Option<f64>, Option<f64>) {
    (Some(c.margin), (c.revenue > 0.0).then(|| c.margin / c.revenue))
}

/// The growth grid's axes for customer `i`: the growth of spend and of purchase occasions, the
/// latest `months` against the `months` before `end` (absent for a customer with one occasion).
pub fn growth_axes(table: &CustomerTable, i: usize, end: chrono::NaiveDate, months: u32) -> Option<(f64, f64)> {
    if table.customers[i].occasions < 2 {
        return None;
    }
    let occ = table.occasions_of(i);
    let (sb, sn) = group_periods::period_spend(occ.iter().map(|o| (o.date, o.spend)), end, months);
    let (fb, fnow) = group_periods::period_spend(occ.iter().map(|o| (o.date, 1.0)), end, months);
    Some((group_periods::growth(sb, sn), group_periods::growth(fb, fnow)))
}

/// The veteran matrix's loyalty of a customer: P(alive) when every customer has it (`use_p_alive`),
/// else the F score.
pub fn veteran_loyalty(p_alive: Option<f64>, f_score: u8, use_p_alive: bool) -> f64 {
    if use_p_alive {
        p_alive.unwrap_or(0.0)
    } else {
        f64::from(f_score)
    }
}

/// Each customer's P(alive) at an earlier date `at`, from BG/NBD fitted on the occasions up to then
/// (refitted from `now`, the fit on all of them; `None` for customers not yet acquired, and for
/// everyone when that fit fails).
fn p_alive_at(table: &CustomerTable, at: chrono::NaiveDate, now: &BgNbdParams) -> Vec<Option<f64>> {
    let unit = table.unit;
    let summary: Vec<Option<(f64, f64, f64)>> = (0..table.customers.len())
        .map(|i| {
            let all = table.occasions_of(i);
            let occ = &all[..all.partition_point(|o| o.date <= at)];
            let (first, last) = (occ.first()?.date, occ.last()?.date);
            Some(((occ.len() - 1) as f64, unit.from_days(days_between(last, first) as f64), unit.from_days(days_between(at, first) as f64)))
        })
        .collect();
    let triples: Vec<_> = summary.iter().flatten().copied().collect();
    let data = crate::models::repeat_data::RepeatData::from_triples(triples);
    let Some(params) = crate::models::bg_nbd::refit_params(&data, now) else { return vec![None; table.customers.len()] };
    summary.iter().map(|s| s.map(|(x, tx, t)| crate::models::bg_nbd::p_alive(&params, x, tx, t)).filter(|p| p.is_finite())).collect()
}

/// The frameworks without their per-customer vectors: what the page's views draw (class tables,
/// cuts, curves, grids, clusters). The per-customer classes stay where the customers are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub new_matrix: ClassTable,
    /// (profit cut, conversion cut).
    pub new_matrix_cuts: (f64, f64),
    pub veteran: Option<VeteranSummary>,
    pub pyramid: ClassTable,
    pub pyramid_ranked_by: RankedBy,
    pub pareto: Option<ParetoCurve>,
    pub tiers: ClassTable,
    pub tier_ranges: Vec<Option<(f64, f64)>>,
    /// The tiers rank total spend (an RFM table), not monthly spend.
    pub tiers_by_total_spend: bool,
    pub gmcb: ClassTable,
    /// (profit per occasion median, repeats median).
    pub gmcb_medians: (f64, f64),
    pub gmcb_sample: Vec<(f64, f64, usize)>,
    /// The scatter's axes: (repeats up to, margin per occasion from, to): the sample's 99th
    /// percentiles (at least twice the medians), so a few extreme customers do not squash the rest.
    pub gmcb_axes: (f64, f64, f64),
    pub lifecycle: Option<LifecycleSummary>,
    pub value_grid: GridSummary,
    pub growth_grid: Option<GridSummary>,
    pub clusters: Option<ClustersSummary>,
}

pub type ClassTable = Vec<crate::frameworks::class_table::ClassRow>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VeteranSummary {
    pub table: ClassTable,
    pub growth_measure: String,
    pub loyalty_measure: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LifecycleSummary {
    pub table: ClassTable,
    pub lost_rule: lifecycle::LostRule,
    pub profit_curve: Vec<lifecycle::ProfitPoint>,
    pub cohorts: Vec<lifecycle::Cohort>,
    pub flow_from: Option<chrono::NaiveDate>,
    pub flow: Vec<Vec<u64>>,
    pub second_gap_days: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridSummary {
    pub table: ClassTable,
    pub strategy: [[usize; 3]; 3],
    pub profiles: Vec<nine_grid::CellProfile>,
    /// Per cell, the indicators that differ most from the cell above it.
    pub paths_up: Vec<Vec<nine_grid::Step>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClustersSummary {
    pub table: ClassTable,
    pub centroids: Vec<Vec<f64>>,
    pub features: Vec<String>,
    pub silhouette: f64,
}

/// (x max, y min, y max) of the gold/meteor/creek/burden scatter from its points (repeats, margin per
/// occasion) and the (margin, repeats) medians.
fn scatter_axes(points: &[(f64, f64, usize)], (margin_median, repeats_median): (f64, f64)) -> (f64, f64, f64) {
    let p99 = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(((v.len().max(1) - 1) as f64 * 0.99) as usize).copied().unwrap_or(0.0)
    };
    let x_max = p99(points.iter().map(|p| p.0).collect()).max(repeats_median * 2.0).max(1.0);
    let y_min = points.iter().map(|p| p.1).fold(0.0, f64::min);
    let y_max = p99(points.iter().map(|p| p.1).collect()).max(margin_median * 2.0).max(y_min + 1.0);
    (x_max, y_min, y_max)
}

fn grid_summary(g: &Grid) -> GridSummary {
    GridSummary { table: g.table.clone(), strategy: g.strategy, profiles: g.profiles.clone(), paths_up: (0..9).map(|c| nine_grid::path_up(g, c)).collect() }
}

impl Frameworks {
    pub fn summary(&self) -> Summary {
        Summary {
            new_matrix: self.new_matrix.table.clone(),
            new_matrix_cuts: (self.new_matrix.profit_cut, self.new_matrix.conversion_cut),
            veteran: self.veteran.as_ref().map(|v| VeteranSummary {
                table: v.table.clone(),
                growth_measure: v.growth_measure.clone(),
                loyalty_measure: v.loyalty_measure.clone(),
            }),
            pyramid: self.pyramid.table.clone(),
            pyramid_ranked_by: self.pyramid.ranked_by,
            pareto: self.pareto.clone(),
            tiers: self.tiers.table.clone(),
            tier_ranges: self.tiers.ranges.clone(),
            tiers_by_total_spend: self.tiers.by_total_spend,
            gmcb: self.gmcb.table.clone(),
            gmcb_medians: (self.gmcb.profit_median, self.gmcb.repeats_median),
            gmcb_sample: self.gmcb_sample.clone(),
            gmcb_axes: scatter_axes(&self.gmcb_sample, (self.gmcb.profit_median, self.gmcb.repeats_median)),
            lifecycle: self.lifecycle.as_ref().map(|l| LifecycleSummary {
                table: l.table.clone(),
                lost_rule: l.lost_rule,
                profit_curve: l.profit_curve.clone(),
                cohorts: l.cohorts.clone(),
                flow_from: l.flow_from,
                flow: l.flow.clone(),
                second_gap_days: l.second_gap_days,
            }),
            value_grid: grid_summary(&self.value_grid),
            growth_grid: self.growth_grid.as_ref().map(grid_summary),
            clusters: self.clusters.as_ref().map(|c| ClustersSummary {
                table: c.table.clone(),
                centroids: c.centroids.clone(),
                features: c.features.clone(),
                silhouette: c.silhouette,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 100 points with repeats 0..99 and margins 1..100: the 99th percentile (index 98) is 98 repeats
    /// and 99 margin; the medians' doubles (10, 120) win where larger; no negative margin, so y from 0.
    #[test]
    fn scatter_axes_by_hand() {
        let pts: Vec<(f64, f64, usize)> = (0..100).map(|i| (f64::from(i), f64::from(i + 1), 0)).collect();
        assert_eq!(scatter_axes(&pts, (60.0, 5.0)), (98.0, 0.0, 120.0));
        assert_eq!(scatter_axes(&[], (0.0, 0.0)), (1.0, 0.0, 1.0));
    }
}
