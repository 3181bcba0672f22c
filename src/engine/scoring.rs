//! One pass from the customer table to every per-customer score of issue 3: RFM scores, segment and
//! value class; BG/NBD and Gamma-Gamma fits; P(alive), expected purchases and spend over the horizon;
//! CLV with its historical and potential parts. A model that cannot be fitted leaves its columns empty
//! (never NaN) and the fit report says why.

use serde::{Deserialize, Serialize};

use super::bg_nbd::{self, BgNbdFit};
use super::repeat_data::RepeatData;
use super::clv;
use super::customer_table::CustomerTable;
use super::gamma_gamma::{self, GammaGammaFit, SpendData};
use super::rfm_scores::{self, RfmScores};
use super::rfm_segments::{self, SegmentRule};
use super::rfm_value_classes::{classify, ValueClass};
use super::settings::Settings;
use super::time_unit::DAYS_PER_MONTH;

/// Fewer repeat customers than this and BG/NBD is not fitted (the data cannot support it).
pub const MIN_REPEAT_CUSTOMERS: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerScore {
    pub r_score: u8,
    pub f_score: u8,
    pub m_score: u8,
    pub rfm_cell: String,
    /// Index into `Scored::segments`, `None` = "Others".
    pub segment: Option<usize>,
    pub value_class: ValueClass,
    pub p_alive: Option<f64>,
    pub expected_purchases_horizon: Option<f64>,
    pub expected_mean_spend: Option<f64>,
    pub clv: Option<f64>,
    pub historical_value: f64,
    pub potential_value: Option<f64>,
    /// "Valuable and slipping" (METHODS §1c): value percentile × risk, in [0, 1].
    pub priority: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    pub settings: Settings,
    pub rfm: RfmScores,
    pub segments: Vec<SegmentRule>,
    pub bg_nbd: Option<BgNbdFit>,
    pub gamma_gamma: Option<GammaGammaFit>,
    /// Plain-words notes on the fits (why one was not made, a warning on its assumptions).
    pub notes: Vec<String>,
    pub customers: Vec<CustomerScore>,
}

pub fn score(table: &CustomerTable, settings: &Settings) -> Scored {
    let mut notes = Vec::new();
    let five = rfm_scores::score(table, 5, settings.rfm_monetary);
    let shown = if settings.rfm_bins == 5 { five.clone() } else { rfm_scores::score(table, settings.rfm_bins, settings.rfm_monetary) };
    let segments = rfm_segments::default_grid();
    let classes = classify(&five.recency_days, &five.frequency, &five.monetary, settings.value_split);

    let repeaters = table.customers.iter().filter(|c| c.frequency >= 1.0).count();
    let bg = if repeaters >= MIN_REPEAT_CUSTOMERS {
        let fit = bg_nbd::fit(&RepeatData::from_table(table));
        if fit.is_none() {
            notes.push("BG/NBD could not be fitted: no parameter set gave a finite likelihood.".into());
        }
        fit
    } else {
        notes.push(format!("BG/NBD not fitted: {repeaters} repeat customers, at least {MIN_REPEAT_CUSTOMERS} are needed."));
        None
    };
    if let Some(f) = &bg {
        if !f.converged {
            notes.push("BG/NBD: the optimiser stopped before converging; treat the parameters with care.".into());
        }
    }
    let spend = SpendData::from_table(table);
    let gg = gamma_gamma::fit(&spend).filter(|f| f.params.q > 1.0);
    match &gg {
        None => notes.push("Gamma-Gamma not fitted: too few repeat customers with positive spend, or q ≤ 1 (no finite mean).".into()),
        Some(f) if f.frequency_spend_correlation.abs() > 0.3 => notes.push(format!(
            "Gamma-Gamma assumes spend does not depend on frequency; here their correlation is {:.2}.",
            f.frequency_spend_correlation
        )),
        _ => {}
    }

    let units_per_month = DAYS_PER_MONTH / table.unit.days();
    let horizon = f64::from(settings.horizon_months) * units_per_month;
    let d = settings.discount_monthly();
    let finite = |v: f64| v.is_finite().then_some(v);
    // Discounted expected purchases × margin ratio per customer: the factor both CLV and potential
    // value scale by (potential value needs every customer's E[M] first, for the segment percentile).
    let mut disc_margin: Vec<Option<f64>> = Vec::with_capacity(table.customers.len());
    let mut rows: Vec<CustomerScore> = table
        .customers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (x, tx, t) = (c.frequency, c.recency, c.t);
            let p_alive = bg.as_ref().and_then(|f| finite(bg_nbd::p_alive(&f.params, x, tx, t)));
            let exp_purch = bg.as_ref().and_then(|f| finite(bg_nbd::expected_purchases(&f.params, horizon, x, tx, t)));
            let exp_spend = gg.as_ref().and_then(|f| finite(gamma_gamma::expected_spend(&f.params, x, c.monetary_value)));
            let margin_ratio = if c.revenue > 0.0 { c.margin / c.revenue } else { settings.margin_rate };
            let disc = bg.as_ref().and_then(|f| {
                finite(clv::discounted_purchases(
                    |k| bg_nbd::expected_purchases(&f.params, k * units_per_month, x, tx, t),
                    settings.horizon_months,
                    d,
                ))
            });
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
                segment: rfm_segments::assign(&segments, five.r[i], five.f[i]),
                value_class: classes[i],
                p_alive,
                expected_purchases_horizon: exp_purch,
                expected_mean_spend: exp_spend,
                clv: clv_value,
                historical_value: c.margin,
                potential_value: None, // set below, from the segment's spend percentile
                priority: 0.0,         // set below, from everyone's CLV and P(alive)
            }
        })
        .collect();
    // Potential value: the gap to the 75th percentile of E[M] in the customer's segment.
    let mut q75 = vec![None; segments.len() + 1];
    for (s, slot) in q75.iter_mut().enumerate() {
        let mut v: Vec<f64> = rows
            .iter()
            .filter(|r| r.segment.unwrap_or(segments.len()) == s)
            .filter_map(|r| r.expected_mean_spend)
            .collect();
        if !v.is_empty() {
            *slot = Some(clv::percentile_75(&mut v));
        }
    }
    for (r, dm) in rows.iter_mut().zip(&disc_margin) {
        let q = q75[r.segment.unwrap_or(segments.len())];
        r.potential_value = match (*dm, q, r.expected_mean_spend) {
            (Some(disc_margin), Some(q), Some(m)) => finite((q - m).max(0.0) * disc_margin),
            _ => None,
        };
    }
    let values: Vec<Option<f64>> = rows.iter().map(|r| r.clv).collect();
    let risks: Vec<Option<f64>> = rows.iter().map(|r| r.p_alive).collect();
    for (r, p) in rows.iter_mut().zip(priorities(&values, &five.monetary, &risks, &five.recency_days)) {
        r.priority = p;
    }
    Scored { settings: settings.clone(), rfm: shown, segments, bg_nbd: bg, gamma_gamma: gg, notes, customers: rows }
}

/// Priority = value percentile × risk (METHODS §1c). Value is CLV when every customer has one, else M;
/// risk is 1 − P(alive) when every customer has it, else the percentile of days since the last
/// purchase ("R-decline": the longer, the riskier). Percentiles are mean ranks / n.
pub fn priorities(clv: &[Option<f64>], monetary: &[f64], p_alive: &[Option<f64>], recency_days: &[f64]) -> Vec<f64> {
    let value: Vec<f64> = match clv.iter().copied().collect::<Option<Vec<f64>>>() {
        Some(v) => rfm_scores::mean_rank_percentiles(&v),
        None => rfm_scores::mean_rank_percentiles(monetary),
    };
    let risk: Vec<f64> = match p_alive.iter().copied().collect::<Option<Vec<f64>>>() {
        Some(p) => p.into_iter().map(|p| 1.0 - p).collect(),
        None => rfm_scores::mean_rank_percentiles(recency_days),
    };
    value.iter().zip(&risk).map(|(v, r)| v * r).collect()
}

/// Customer indices by priority, highest first (ties by table order), at most `n`.
pub fn priority_list(scored: &Scored, n: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..scored.customers.len()).collect();
    idx.sort_by(|&a, &b| scored.customers[b].priority.total_cmp(&scored.customers[a].priority));
    idx.truncate(n);
    idx
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tolerances::HAND_COMPUTED_ABS;

    #[test]
    fn priority_is_value_percentile_times_risk_by_hand() {
        // CLV 100, 300, 200 → percentiles 1/3, 1, 2/3; P(alive) 0.9, 0.4, 0.2 → risk 0.1, 0.6, 0.8.
        let clv = [Some(100.0), Some(300.0), Some(200.0)];
        let alive = [Some(0.9), Some(0.4), Some(0.2)];
        let p = priorities(&clv, &[0.0; 3], &alive, &[0.0; 3]);
        let want = [1.0 / 3.0 * 0.1, 0.6, 2.0 / 3.0 * 0.8];
        for k in 0..3 {
            assert!((p[k] - want[k]).abs() < HAND_COMPUTED_ABS, "{p:?}");
        }
        // Without models: M percentile × recency percentile. M 5, 1; days 10, 90 → 1 · 0.5 and 0.5 · 1.
        let p = priorities(&[None, None], &[5.0, 1.0], &[None, None], &[10.0, 90.0]);
        assert_eq!(p, vec![0.5, 0.5]);
    }
}
