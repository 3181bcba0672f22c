//! What the page shows of the scores: the fits and their report, the customer equity, the frameworks'
//! tables, the KPIs and insights, the RFM and CLV overviews and the list's filter menu, built from the
//! customer table and its scores. No per-customer vectors: the scores stay where they were computed
//! until a view asks for a page of them. The Pareto/NBD comparison and the model checks may follow
//! in a [`ChecksView`].

use serde::{Deserialize, Serialize};

use crate::models::bg_nbd::BgNbdFit;
use crate::models::fit_report::FitReport;
use crate::models::gamma_gamma::GammaGammaFit;
use crate::models::pareto_nbd::ParetoNbdFit;
use crate::rfm::segments::Coverage;
use crate::scoring::{Scored, StageTimes};
use crate::table::customer_table::CustomerTable;
use crate::views::insights::{Insight, Kpis};
use crate::views::rfm_overview::RfmOverview;

/// The model fits of the last import, scored in the worker right after it (the page shows the fit
/// report; the per-customer scores stay in the worker until a view asks for them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreView {
    /// File the scores belong to, so a late answer for an older import is ignored.
    pub file_name: String,
    pub customers: usize,
    pub bg_nbd: Option<BgNbdFit>,
    pub pareto_nbd: Option<ParetoNbdFit>,
    pub gamma_gamma: Option<GammaGammaFit>,
    pub report: FitReport,
    /// Customers with a CLV, and its total and mean over them.
    pub clv_customers: usize,
    pub clv_total: f64,
    /// Customer equity and its split (seed 002); `None` without CLVs.
    pub equity: Option<crate::frameworks::customer_equity::CustomerEquity>,
    pub stages_ms: StageTimes,
    /// The frameworks' tables, curves and grids (no per-customer vectors).
    pub frameworks: crate::frameworks::Summary,
    /// The model checks of docs/methods.md §2d; `None` without a BG/NBD fit.
    pub checks: Option<crate::models::model_checks::ModelChecks>,
    pub kpis: Kpis,
    pub insights: Vec<Insight>,
    pub rfm: RfmOverview,
    /// The segment rules' uncovered and overlapping score combinations.
    pub segment_coverage: Coverage,
    /// The AHP result behind the RFM weights, when the settings hold a comparison matrix.
    pub ahp: Option<crate::rfm::ahp::AhpResult>,
    pub rfm_weights: [f64; 3],
    /// Every classification's classes and counts, for the list's filter menu.
    pub facets: Vec<crate::views::customer_list::Facet>,
    /// CLV histogram, value per segment, BG/NBD against Pareto/NBD.
    pub clv: crate::views::clv_overview::ClvOverview,
    /// The retention and migration models over all customers (docs/methods.md §2e).
    pub groups: crate::scoring::GroupModels,
    /// The worker's wasm memory when it sent this (its peak so far); 0 natively.
    pub memory_bytes: u64,
    /// How long the fits waited for the page to draw the import (ms), and whether the page's
    /// [`Request::Shown`] ended the wait (not the worker's timeout or another request); 0 and false
    /// natively.
    pub fits_waited: (f64, bool),
    /// The Pareto/NBD comparison and the model checks follow in a `Checks` message.
    pub comparison_pending: bool,
}

/// What `add_comparison_and_checks` adds to a `ScoreView` sent before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecksView {
    pub file_name: String,
    pub pareto_nbd: Option<ParetoNbdFit>,
    pub checks: Option<crate::models::model_checks::ModelChecks>,
    pub report: FitReport,
    pub comparison: Option<crate::views::clv_overview::ModelComparison>,
    pub stages_ms: StageTimes,
}

impl ChecksView {
    pub fn new(file_name: &str, table: &CustomerTable, scored: &Scored, stages_ms: StageTimes) -> ChecksView {
        ChecksView {
            file_name: file_name.to_string(),
            pareto_nbd: scored.pareto_nbd.clone(),
            checks: scored.checks.clone(),
            report: scored.report.clone(),
            comparison: crate::views::clv_overview::comparison(table, scored),
            stages_ms,
        }
    }
}

impl ScoreView {
    /// The view with the comparison and checks that followed it (the same as a `ScoreView` made after
    /// `score_timed`; a test checks it).
    pub fn with_checks(&self, c: &ChecksView) -> ScoreView {
        let mut v = self.clone();
        v.pareto_nbd = c.pareto_nbd.clone();
        v.checks = c.checks.clone();
        v.report = c.report.clone();
        v.clv.comparison = c.comparison.clone();
        v.stages_ms = c.stages_ms.clone();
        v.comparison_pending = false;
        v
    }

    pub fn new(file_name: &str, table: &CustomerTable, scored: &Scored, stages_ms: StageTimes) -> ScoreView {
        let clvs: Vec<f64> = scored.customers.iter().filter_map(|c| c.clv).collect();
        let kpis = crate::views::insights::kpis(table, scored);
        let rfm = crate::views::rfm_overview::build(table, scored);
        let insights = crate::views::insights::build(table, scored, &kpis, &rfm);
        ScoreView {
            kpis,
            insights,
            rfm,
            segment_coverage: scored.segment_coverage.clone(),
            ahp: scored.ahp.clone(),
            rfm_weights: scored.rfm_weights,
            facets: crate::views::customer_list::facets(scored),
            clv: crate::views::clv_overview::build(table, scored),
            groups: scored.groups.clone(),
            memory_bytes: 0,
            fits_waited: (0.0, false),
            comparison_pending: scored.comparison_pending,
            file_name: file_name.to_string(),
            customers: scored.customers.len(),
            bg_nbd: scored.bg_nbd.clone(),
            pareto_nbd: scored.pareto_nbd.clone(),
            gamma_gamma: scored.gamma_gamma.clone(),
            report: scored.report.clone(),
            clv_customers: clvs.len(),
            clv_total: clvs.iter().sum(),
            equity: scored.equity.clone(),
            stages_ms,
            frameworks: scored.frameworks.summary(),
            checks: scored.checks.clone(),
        }
    }
}
