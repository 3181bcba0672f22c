//! The cut points every class of the scored export was drawn at in the fitted population, so that a
//! customer scored with the model alone gets the class it would have had among the fitted customers
//! (docs/warehouse.md, "What a model carries"):
//!
//! - priority (docs/methods.md §1c): value percentile × risk — the percentile from the fitted
//!   customers' CLVs (or M) in a [`RankTable`], the risk 1 − P(alive) (or the percentile of the days
//!   since the last purchase);
//! - value pyramid and tier ladder (§4): the lowest value each level held ([`LevelCuts`]); tiers at
//!   the settings' thresholds when given;
//! - gold/meteor/creek/burden (§3c) and the new-customer matrix (§3a): the medians;
//! - value grid (§3d): the lowest total margin and margin efficiency of each tercile;
//! - clusters (§6): the features' standardisation and the centroids, a customer going to the nearest.
//!
//! The veteran matrix, the lifecycle and the growth grid need dated purchases, which a summary row
//! has not: their cells stay empty, as `kezhi score` leaves them for a summary file.
//!
//! Every class a fitted customer had is given back to it (`tests/model_scoring.rs`,
//! `a_model_scores_its_own_customers_as_kezhi_score_does`), the priority exactly while the fitted
//! customers have at most [`RANK_KNOTS`] distinct values.

use serde::{Deserialize, Serialize};

use crate::frameworks::class_table::LevelCuts;
use crate::frameworks::clustering::{self, Point, Standardisation};
use crate::frameworks::new_customer_matrix::{self, NewCustomer};
use crate::frameworks::{self as fw, gold_meteor_creek_burden as gmcb, tier_ladder, CustomerClasses, Frameworks};
use crate::models::bg_nbd::{self, BgNbdParams};
use crate::models::gamma_gamma::GammaGammaParams;
use crate::rfm::rank_table::RankTable;
use crate::rfm::rfm_scores::RfmScores;
use crate::scoring::CustomerScore;
use crate::settings::Settings;
use crate::table::customer_table::CustomerTable;
use crate::time_unit::DAYS_PER_MONTH;

/// Most distinct values a priority's [`RankTable`] keeps: exact up to this many, within one gap's
/// customers / n of the exact percentile beyond.
pub const RANK_KNOTS: usize = 20_001;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassCuts {
    pub priority: PriorityCuts,
    pub pyramid: PyramidCuts,
    /// The tier ladder's lowest monthly spend per tier, crystal first.
    pub tiers: LevelCuts,
    pub gmcb_medians: GmcbMedians,
    pub new_matrix: NewMatrixCuts,
    /// The value grid's two axes (total margin, margin efficiency), low tercile first.
    pub value_grid: [LevelCuts; 2],
    /// `None` when the fitted customers were fewer than the clusters.
    pub clusters: Option<ClusterCentres>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PriorityValue {
    /// Every fitted customer had a CLV: percentiles of CLV.
    Clv(RankTable),
    /// Percentiles of M as the RFM scores take it.
    Monetary(RankTable),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PriorityRisk {
    /// Every fitted customer had a P(alive): 1 − P(alive).
    OneMinusPAlive,
    /// Percentiles of the days since the last purchase.
    DaysSince(RankTable),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriorityCuts {
    pub value: PriorityValue,
    pub risk: PriorityRisk,
}

/// What the pyramid ranked by (as `frameworks::build` chose for the fitted customers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PyramidBy {
    Clv,
    Margin,
    Revenue,
    WeightedRfm,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PyramidCuts {
    pub by: PyramidBy,
    /// The lowest value per level, maintain (the bottom) first.
    pub levels: LevelCuts,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GmcbMedians {
    pub profit_per_occasion: f64,
    pub repeats: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NewMatrixCuts {
    pub potential_profit: f64,
    pub conversion: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterCentres {
    pub standardisation: Standardisation,
    /// Centroids in standard units; CLV is a feature when they have four coordinates.
    pub centroids: Vec<Vec<f64>>,
}

/// A customer's scores as the classes take them.
pub struct Scores<'a> {
    pub customers: &'a [CustomerScore],
    /// The five-bin RFM stage: M, F and the days since the last purchase as ranked.
    pub five: &'a RfmScores,
}

impl ClassCuts {
    /// The cuts of the fitted customers' frameworks and scores.
    pub fn of(frameworks: &Frameworks, scores: &Scores) -> ClassCuts {
        let clv: Option<Vec<f64>> = scores.customers.iter().map(|c| c.clv).collect();
        let every_p_alive = scores.customers.iter().all(|c| c.p_alive.is_some());
        let value = match clv.filter(|v| !v.is_empty()) {
            Some(v) => PriorityValue::Clv(RankTable::of(&v, RANK_KNOTS)),
            None => PriorityValue::Monetary(RankTable::of(&scores.five.monetary, RANK_KNOTS)),
        };
        let risk = if every_p_alive && !scores.customers.is_empty() { PriorityRisk::OneMinusPAlive } else { PriorityRisk::DaysSince(RankTable::of(&scores.five.recency_days, RANK_KNOTS)) };
        let by = match frameworks.pyramid.ranked_by.as_str() {
            "clv" => PyramidBy::Clv,
            "revenue" => PyramidBy::Revenue,
            "weighted_rfm" => PyramidBy::WeightedRfm,
            _ => PyramidBy::Margin,
        };
        let bottom_first: Vec<Option<(f64, f64)>> = frameworks.pyramid.ranges.iter().rev().copied().collect();
        ClassCuts {
            priority: PriorityCuts { value, risk },
            pyramid: PyramidCuts { by, levels: LevelCuts::from_ranges(&bottom_first) },
            tiers: LevelCuts::from_ranges(&frameworks.tiers.ranges),
            gmcb_medians: GmcbMedians { profit_per_occasion: frameworks.gmcb.profit_median, repeats: frameworks.gmcb.repeats_median },
            new_matrix: NewMatrixCuts { potential_profit: frameworks.new_matrix.profit_cut, conversion: frameworks.new_matrix.conversion_cut },
            value_grid: [LevelCuts::from_ranges(&frameworks.value_grid.ranges[0]), LevelCuts::from_ranges(&frameworks.value_grid.ranges[1])],
            clusters: frameworks.clusters.as_ref().map(|c| ClusterCentres { standardisation: c.standardisation.clone(), centroids: c.centroids.clone() }),
        }
    }

    /// Each customer's priority (value percentile × risk; `None` when a number it needs is missing).
    pub fn priorities(&self, scores: &Scores) -> Vec<Option<f64>> {
        (0..scores.customers.len())
            .map(|i| {
                let s = &scores.customers[i];
                let value = match &self.priority.value {
                    PriorityValue::Clv(t) => t.percentile(s.clv?)?,
                    PriorityValue::Monetary(t) => t.percentile(scores.five.monetary[i])?,
                };
                let risk = match &self.priority.risk {
                    PriorityRisk::OneMinusPAlive => 1.0 - s.p_alive?,
                    PriorityRisk::DaysSince(t) => t.percentile(scores.five.recency_days[i])?,
                };
                Some(value * risk)
            })
            .collect()
    }

    /// Each customer's classes at the cuts. `bg`/`gg`: the model's fits (the new-customer matrix
    /// needs both).
    pub fn classes(&self, table: &CustomerTable, scores: &Scores, settings: &Settings, bg: Option<&BgNbdParams>, gg: Option<&GammaGammaParams>) -> Vec<CustomerClasses> {
        // As `frameworks::build` computes it, to the bit.
        let horizon = f64::from(settings.horizon_months) * (DAYS_PER_MONTH / table.unit.days());
        let repeats = bg.map(|bg| bg_nbd::expected_population(bg, horizon));
        let centroids: Option<Vec<Point>> = self.clusters.as_ref().map(|c| c.centroids.iter().map(|v| point(v)).collect());
        let with_clv = self.clusters.as_ref().is_some_and(|c| c.centroids.first().is_some_and(|v| v.len() == 4));
        (0..table.customers.len())
            .map(|i| {
                let (c, s) = (&table.customers[i], &scores.customers[i]);
                let pyramid_value = match self.pyramid.by {
                    PyramidBy::Clv => s.clv,
                    PyramidBy::Margin => Some(c.margin),
                    PyramidBy::Revenue => Some(c.revenue),
                    PyramidBy::WeightedRfm => Some(s.rfm_combined),
                };
                let monthly = fw::monthly_spend(table, i);
                let tier = match &settings.tier_thresholds {
                    Some(t) => Some(tier_ladder::tier_at_thresholds(monthly, t)),
                    None => self.tiers.level(monthly),
                };
                let new_matrix = match (bg, gg, repeats) {
                    (Some(bg), Some(gg), Some(repeats)) if c.occasions == 1 => {
                        let margin_ratio = if c.revenue > 0.0 { c.margin / c.revenue } else { settings.margin_rate };
                        let one = NewCustomer { index: i, t: c.t, first_spend: c.revenue, margin_ratio };
                        let (potential, conversion) = new_customer_matrix::measures(&one, bg, gg, horizon, repeats);
                        potential.map(|p| new_customer_matrix::class_of(p, conversion, self.new_matrix.potential_profit, self.new_matrix.conversion))
                    }
                    _ => None,
                };
                let (margin, efficiency) = fw::value_axes(c);
                let value_grid = (|| Some(self.value_grid[0].level(margin?)? * 3 + self.value_grid[1].level(efficiency?)?))();
                // Without a CLV the customer cannot be placed among clusters that use it.
                let cluster = match (&self.clusters, &centroids, with_clv, s.clv) {
                    (Some(cc), Some(centres), false, _) | (Some(cc), Some(centres), true, Some(_)) => {
                        let raw = clustering::features(scores.five.recency_days[i], scores.five.frequency[i], scores.five.monetary[i], s.clv.filter(|_| with_clv));
                        Some(clustering::nearest(&cc.standardisation.apply(&raw), centres))
                    }
                    _ => None,
                };
                CustomerClasses {
                    pyramid: pyramid_value.and_then(|v| self.pyramid.levels.level(v)).map(|l| 3 - l.min(3)),
                    tier,
                    gmcb: Some(gmcb::class_of(fw::margin_per_occasion(c), c.frequency, self.gmcb_medians.profit_per_occasion, self.gmcb_medians.repeats)),
                    new_matrix,
                    value_grid,
                    cluster,
                    ..CustomerClasses::default()
                }
            })
            .collect()
    }
}

/// A centroid padded to a [`Point`].
fn point(v: &[f64]) -> Point {
    let mut p = [0.0; 4];
    for (slot, x) in p.iter_mut().zip(v) {
        *slot = *x;
    }
    p
}
