//! Every customer-asset framework of METHODS §3–§4 computed in one place from the customer table and
//! the scores (issue 4): the value pyramid, the Pareto curve, the tier ladder and
//! gold/meteor/creek/burden so far. Each returns its per-customer class and its aggregate table.

use serde::{Deserialize, Serialize};

use super::customer_table::CustomerTable;
use super::gold_meteor_creek_burden::{self, Gmcb};
use super::pareto_curve::{self, ParetoCurve};
use super::settings::Settings;
use super::tier_ladder::{self, TierLadder};
use super::time_unit::DAYS_PER_MONTH;
use super::value_pyramid::{self, PyramidValue, ValuePyramid};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frameworks {
    pub pyramid: ValuePyramid,
    /// `None` when the total margin is not positive.
    pub pareto: Option<ParetoCurve>,
    pub tiers: TierLadder,
    pub gmcb: Gmcb,
}

/// `clv` and `rfm_combined` per customer, in table order, from the scores.
pub fn build(table: &CustomerTable, clv: &[Option<f64>], rfm_combined: &[f64], settings: &Settings) -> Frameworks {
    let margin: Vec<f64> = table.customers.iter().map(|c| c.margin).collect();
    let revenue: Vec<f64> = table.customers.iter().map(|c| c.revenue).collect();
    let all_clv: Option<Vec<f64>> = clv.iter().copied().collect();
    let (value, ranked_by) = match (settings.pyramid_value, all_clv) {
        (PyramidValue::ClvOrMargin, Some(v)) if !v.is_empty() => (v, "clv"),
        (PyramidValue::ClvOrMargin | PyramidValue::Margin, _) => (margin.clone(), "margin"),
        (PyramidValue::Revenue, _) => (revenue.clone(), "revenue"),
        (PyramidValue::WeightedRfm, _) => (rfm_combined.to_vec(), "weighted_rfm"),
    };
    let unit_days = table.unit.days();
    // Months from the first purchase to the analysis date, at least one (a customer who started this
    // month has spent this month's amount in one month).
    let monthly: Vec<f64> = table.customers.iter().map(|c| c.revenue / (c.t * unit_days / DAYS_PER_MONTH).max(1.0)).collect();
    let per_occasion: Vec<f64> = table.customers.iter().map(|c| c.margin / f64::from(c.occasions.max(1))).collect();
    let repeats: Vec<f64> = table.customers.iter().map(|c| c.frequency).collect();
    Frameworks {
        pyramid: value_pyramid::build(&value, ranked_by, &margin, &settings.pyramid_shares),
        pareto: pareto_curve::build(&margin, settings.pareto_top_share),
        tiers: tier_ladder::build(&monthly, &margin, &settings.tier_shares, settings.tier_thresholds.as_ref()),
        gmcb: gold_meteor_creek_burden::build(&per_occasion, &repeats, &margin),
    }
}
