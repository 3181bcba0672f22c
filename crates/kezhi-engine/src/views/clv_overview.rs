//! What the CLV view draws beside the model checks: the distribution of CLV, the
//! historical / future / potential value of each segment, and BG/NBD against Pareto/NBD on the same
//! customers.
//!
//! - Historical value: margin to date. Future value: CLV, the discounted expected margin over the
//!   horizon (docs/methods.md §2c). Potential value: the gap to the segment's 75th percentile of expected
//!   spend, over the same horizon (docs/methods.md §2c).
//! - Model comparison: log-likelihood (both have four parameters, so the higher is the better fit by
//!   AIC and BIC alike), mean P(alive), and expected repeat purchases over the horizon, summed and per
//!   customer (their correlation says whether the two models rank customers alike).

use serde::{Deserialize, Serialize};

use crate::views::customer_list::{class_count, class_label, class_of, Dimension};
use crate::table::customer_table::CustomerTable;
use crate::lang::Lang;
use crate::scoring::Scored;
use crate::time_unit::DAYS_PER_MONTH;
use crate::models::{bg_nbd, pareto_nbd};

/// Bins of the CLV histogram below the 99th percentile; one more holds everything above it.
pub const CLV_BINS: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistogramBin {
    pub from: f64,
    /// `None` for the open top bin.
    pub to: Option<f64>,
    pub customers: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentValue {
    pub en: String,
    pub zh: String,
    pub customers: u64,
    pub historical: f64,
    pub future: f64,
    pub potential: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelSide {
    pub log_likelihood: f64,
    pub mean_p_alive: f64,
    /// Σ E[Y(horizon)] over the customers.
    pub expected_purchases: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelComparison {
    pub bg_nbd: ModelSide,
    pub pareto_nbd: ModelSide,
    /// Pearson correlation of the per-customer expected purchases (`None` when either is constant).
    pub correlation: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClvOverview {
    /// Empty when no CLV was computed.
    pub histogram: Vec<HistogramBin>,
    pub by_segment: Vec<SegmentValue>,
    /// `None` unless both models were fitted.
    pub comparison: Option<ModelComparison>,
}

/// Equal-width bins from 0 (or the lowest value, if negative) to the 99th percentile, and an open
/// bin above; every value lands in exactly one bin.
pub fn histogram(values: &[f64]) -> Vec<HistogramBin> {
    if values.is_empty() {
        return Vec::new();
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let lo = sorted[0].min(0.0);
    let p99 = sorted[((sorted.len() - 1) as f64 * 0.99).round() as usize];
    let width = if p99 > lo { (p99 - lo) / CLV_BINS as f64 } else { 1.0 };
    let mut counts = vec![0u64; CLV_BINS + 1];
    for &v in values {
        let k = if v > p99 { CLV_BINS } else { (((v - lo) / width) as usize).min(CLV_BINS - 1) };
        counts[k] += 1;
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(k, customers)| HistogramBin {
            from: lo + k as f64 * width,
            to: (k < CLV_BINS).then(|| lo + (k + 1) as f64 * width),
            customers,
        })
        .filter(|b| b.to.is_some() || b.customers > 0)
        .collect()
}

fn correlation(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    if a.len() < 2 {
        return f64::NAN;
    }
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        sab += (x - ma) * (y - mb);
        saa += (x - ma).powi(2);
        sbb += (y - mb).powi(2);
    }
    sab / (saa * sbb).sqrt()
}

pub fn build(table: &CustomerTable, scored: &Scored) -> ClvOverview {
    let n = table.customers.len().min(scored.customers.len());
    let clvs: Vec<f64> = scored.customers[..n].iter().filter_map(|c| c.clv).collect();
    let groups = class_count(scored, Dimension::Segment);
    let mut by_segment: Vec<SegmentValue> = (0..groups)
        .map(|k| SegmentValue {
            en: class_label(scored, Dimension::Segment, k, Lang::En),
            zh: class_label(scored, Dimension::Segment, k, Lang::Zh),
            customers: 0,
            historical: 0.0,
            future: 0.0,
            potential: 0.0,
        })
        .collect();
    for i in 0..n {
        let k = class_of(scored, Dimension::Segment, i).unwrap_or(groups - 1).min(groups - 1);
        let (s, g) = (&scored.customers[i], &mut by_segment[k]);
        g.customers += 1;
        g.historical += s.historical_value;
        g.future += s.clv.unwrap_or(0.0);
        g.potential += s.potential_value.unwrap_or(0.0);
    }
    by_segment.retain(|g| g.customers > 0);
    ClvOverview { histogram: histogram(&clvs), by_segment, comparison: comparison(table, scored) }
}

/// BG/NBD against Pareto/NBD on the same customers; `None` unless both models were fitted.
pub fn comparison(table: &CustomerTable, scored: &Scored) -> Option<ModelComparison> {
    let n = table.customers.len().min(scored.customers.len());
    match (&scored.bg_nbd, &scored.pareto_nbd) {
        (Some(bg), Some(pn)) if n > 0 => {
            let horizon = f64::from(scored.settings.horizon_months) * DAYS_PER_MONTH / table.unit.days();
            let (mut eb, mut ep, mut ab, mut ap) = (Vec::with_capacity(n), Vec::with_capacity(n), 0.0, 0.0);
            let mut kept = 0usize;
            for c in &table.customers[..n] {
                let (x, tx, t) = (c.frequency, c.recency, c.t);
                let (yb, yp) = (
                    bg_nbd::expected_purchases(&bg.params, horizon, x, tx, t),
                    pareto_nbd::expected_purchases(&pn.params, horizon, x, tx, t),
                );
                let (pb, pp) = (bg_nbd::p_alive(&bg.params, x, tx, t), pareto_nbd::p_alive(&pn.params, x, tx, t));
                if [yb, yp, pb, pp].iter().all(|v| v.is_finite()) {
                    eb.push(yb);
                    ep.push(yp);
                    ab += pb;
                    ap += pp;
                    kept += 1;
                }
            }
            let k = kept.max(1) as f64;
            Some(ModelComparison {
                bg_nbd: ModelSide { log_likelihood: bg.log_likelihood, mean_p_alive: ab / k, expected_purchases: eb.iter().sum() },
                pareto_nbd: ModelSide { log_likelihood: pn.log_likelihood, mean_p_alive: ap / k, expected_purchases: ep.iter().sum() },
                correlation: Some(correlation(&eb, &ep)).filter(|c| c.is_finite()),
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 100 values 1..=100: the 99th percentile (rank round(99 · 0.99) = 98, value 99) bounds twenty
    /// bins of width 99/20 = 4.95 from 0; 100 falls in the open bin. Counts by hand: the bin
    /// [0, 4.95) holds 1–4, [4.95, 9.9) holds 5–9, and so on.
    #[test]
    fn histogram_bins_by_hand() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        let h = histogram(&v);
        assert_eq!(h.len(), CLV_BINS + 1);
        assert_eq!(h.iter().map(|b| b.customers).sum::<u64>(), 100);
        assert_eq!(h[0].customers, 4);
        assert_eq!(h[1].customers, 5);
        assert!((h[0].to.expect("closed") - 4.95).abs() < 1e-12);
        assert_eq!((h[CLV_BINS].from, h[CLV_BINS].to, h[CLV_BINS].customers), (99.0, None, 1));
        assert!(histogram(&[]).is_empty());
        // All equal: one bin holds everything.
        assert_eq!(histogram(&[5.0; 7]).iter().map(|b| b.customers).max(), Some(7));
    }

    #[test]
    fn correlation_by_hand() {
        assert!((correlation(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]) - 1.0).abs() < 1e-12);
        assert!((correlation(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
    }

    /// On the project's simulated retailer: segment values add up to the per-customer totals, and the
    /// two models, fitted to the same data, expect about as many purchases and rank customers alike
    /// (Fader, Hardie & Lee 2005 show BG/NBD and Pareto/NBD tracking CDNOW alike).
    #[test]
    fn segment_values_add_up_and_the_two_models_agree_on_simulated_data() {
        use crate::table::demo_data::{generate, DemoParams};
        use crate::import::ImportOptions;
        use crate::table::imported::import;
        use crate::settings::Settings;
        let csv = generate(&DemoParams { customers: 3000, ..DemoParams::default() }).to_csv();
        let settings = Settings::default();
        let imported = import(csv.as_bytes(), "demo.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("imports");
        let scored = crate::scoring::score(&imported.table, &settings);
        let o = build(&imported.table, &scored);
        let hist: f64 = scored.customers.iter().map(|c| c.historical_value).sum();
        let fut: f64 = scored.customers.iter().filter_map(|c| c.clv).sum();
        assert!((o.by_segment.iter().map(|g| g.historical).sum::<f64>() - hist).abs() < 1e-6 * hist.abs());
        assert!((o.by_segment.iter().map(|g| g.future).sum::<f64>() - fut).abs() < 1e-6 * fut.abs());
        assert_eq!(o.by_segment.iter().map(|g| g.customers).sum::<u64>(), 3000);
        assert_eq!(
            o.histogram.iter().map(|b| b.customers).sum::<u64>() as usize,
            scored.customers.iter().filter(|c| c.clv.is_some()).count()
        );
        let c = o.comparison.expect("both fitted");
        let ratio = c.pareto_nbd.expected_purchases / c.bg_nbd.expected_purchases;
        assert!((0.8..1.25).contains(&ratio), "{c:?}");
        assert!(c.correlation.is_some_and(|r| r > 0.9), "{c:?}");
    }
}
