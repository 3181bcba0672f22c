//! The model checks shown beside a BG/NBD fit (docs/methods.md §2d), after Fader, Hardie & Lee (2005) §5:
//! - calibration/holdout: refit on the window up to a split date and compare, by calibration
//!   frequency 0..7+, the mean holdout repeat occasions predicted (E[Y(t) | x, t_x, T]) with the actual;
//! - the repeat-purchase histogram: customers with 0..7+ repeat occasions, actual against
//!   Σᵢ P(X(Tᵢ) = k);
//! - cumulative repeat occasions over calendar time, actual against Σᵢ E[X(τ − sᵢ)] (sᵢ the customer's
//!   first occasion);
//! - P(alive) over a grid of frequency × recency at the longest T in the data (as `lifetimes` plots it).
//!
//! The holdout and the tracking need dated occasions; a summary file has none and gets the histogram
//! and the matrix only.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::models::bg_nbd::{self, BgNbdFit, BgNbdParams};
use crate::models::fitting::Deadline;
use crate::table::customer_table::CustomerTable;
use crate::models::repeat_data::RepeatData;
use crate::time_unit::days_between;

/// Frequencies are shown 0..=6 and "7+" (FHL 2005, Figure 4).
pub const TOP_BIN: u32 = 7;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountBin {
    /// Repeat occasions; `TOP_BIN` stands for that many or more.
    pub repeats: u32,
    pub actual: f64,
    pub expected: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoldoutBin {
    /// Calibration-period repeat occasions; `TOP_BIN` stands for that many or more.
    pub calibration_repeats: u32,
    pub customers: u64,
    pub actual_mean: f64,
    pub predicted_mean: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoldoutCheck {
    pub split_date: NaiveDate,
    /// Length of the holdout period in the time unit.
    pub holdout_length: f64,
    /// Customers whose first occasion is on or before the split date.
    pub calibration_customers: u64,
    pub calibration_fit: BgNbdFit,
    pub bins: Vec<HoldoutBin>,
    pub actual_total: f64,
    pub predicted_total: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackingPoint {
    /// End of the period (inclusive).
    pub date: NaiveDate,
    pub actual_cumulative: f64,
    pub expected_cumulative: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PAliveMatrix {
    /// The customer age T the matrix is drawn for (the longest in the data), in the time unit.
    pub t: f64,
    /// Row values: repeat occasions 0..=max.
    pub frequencies: Vec<f64>,
    /// Column values: recency t_x from 0 to T.
    pub recencies: Vec<f64>,
    /// `values[row][col]` = P(alive | frequency, recency, T); a zero-repeat row is 1 throughout.
    pub values: Vec<Vec<f64>>,
}

/// Every check, for the fit `params` on `data` (the table's own summary).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelChecks {
    pub repeat_histogram: Vec<CountBin>,
    /// `None` for a summary file.
    pub cumulative: Option<Vec<TrackingPoint>>,
    pub p_alive_matrix: PAliveMatrix,
    /// `None` for a summary file, or when the calibration part cannot be fitted.
    pub holdout: Option<HoldoutCheck>,
}

/// Rows of the P(alive) matrix: repeat occasions 0..=this (or the largest in the data if smaller).
pub const MATRIX_MAX_FREQUENCY: u32 = 30;
/// Columns of the P(alive) matrix.
pub const MATRIX_COLUMNS: usize = 24;

/// The calibration refit of the holdout check is bounded by `deadline` when given (`fitting::Deadline`).
pub fn run(params: &BgNbdParams, data: &RepeatData, table: &CustomerTable, holdout_share: f64, deadline: Option<Deadline<'_>>) -> ModelChecks {
    let max_x = data.x.iter().copied().fold(0.0, f64::max) as u32;
    ModelChecks {
        repeat_histogram: repeat_histogram(params, data),
        cumulative: cumulative_tracking(params, table),
        p_alive_matrix: p_alive_matrix(params, data, max_x.min(MATRIX_MAX_FREQUENCY), MATRIX_COLUMNS),
        holdout: default_split(table, holdout_share).and_then(|split| calibration_holdout(table, split, deadline)),
    }
}

/// The split date that holds out the last `share` of the window from the first occasion to the
/// analysis date; `None` for a summary file or an empty window.
pub fn default_split(table: &CustomerTable, share: f64) -> Option<NaiveDate> {
    let end = table.analysis_date?;
    let start = table.customers.iter().filter_map(|c| c.first_date).min()?;
    let days = (end - start).num_days();
    (days >= 2).then(|| start + Duration::days(((1.0 - share) * days as f64).floor() as i64))
}

/// Refits BG/NBD on the occasions up to `split` and compares its holdout predictions with what
/// happened after the split. `None` without dated occasions, with a split outside the window, or
/// when the calibration data cannot be fitted.
pub fn calibration_holdout(table: &CustomerTable, split: NaiveDate, deadline: Option<Deadline<'_>>) -> Option<HoldoutCheck> {
    let end = table.analysis_date?;
    if table.from_summary || split >= end {
        return None;
    }
    let unit = table.unit;
    let mut triples = Vec::new();
    let mut holdout = Vec::new();
    for i in 0..table.customers.len() {
        let occ = table.occasions_of(i);
        let Some(first) = occ.first().map(|o| o.date).filter(|d| *d <= split) else {
            continue;
        };
        let cal = occ.iter().filter(|o| o.date <= split).count();
        let last = occ[cal - 1].date;
        triples.push((
            (cal - 1) as f64,
            unit.from_days(days_between(last, first) as f64),
            unit.from_days(days_between(split, first) as f64),
        ));
        holdout.push((occ.len() - cal) as f64);
    }
    let data = RepeatData::from_triples(triples.iter().copied());
    if !data.x.iter().any(|&x| x > 0.0) {
        return None;
    }
    let fit = bg_nbd::fit(&data, deadline)?;
    let length = unit.from_days((end - split).num_days() as f64);
    let mut sums = vec![(0u64, 0.0, 0.0); TOP_BIN as usize + 1];
    let (mut expected, mut ey) = (bg_nbd::ExpectedPurchases::new(&fit.params, &[length]), Vec::new());
    for (&(x, tx, t), &actual) in triples.iter().zip(&holdout) {
        let bin = (x as u32).min(TOP_BIN) as usize;
        expected.fill(x, tx, t, &mut ey);
        let predicted = ey[0];
        sums[bin].0 += 1;
        sums[bin].1 += actual;
        sums[bin].2 += if predicted.is_finite() { predicted } else { 0.0 };
    }
    let bins = sums
        .iter()
        .enumerate()
        .filter(|(_, s)| s.0 > 0)
        .map(|(k, &(n, a, p))| HoldoutBin {
            calibration_repeats: k as u32,
            customers: n,
            actual_mean: a / n as f64,
            predicted_mean: p / n as f64,
        })
        .collect();
    Some(HoldoutCheck {
        split_date: split,
        holdout_length: length,
        calibration_customers: triples.len() as u64,
        actual_total: sums.iter().map(|s| s.1).sum(),
        predicted_total: sums.iter().map(|s| s.2).sum(),
        calibration_fit: fit,
        bins,
    })
}

/// Customers with 0..=6 and 7+ repeat occasions, actual and expected under the fit.
pub fn repeat_histogram(p: &BgNbdParams, data: &RepeatData) -> Vec<CountBin> {
    let mut actual = vec![0.0; TOP_BIN as usize + 1];
    let mut expected = vec![0.0; TOP_BIN as usize + 1];
    for i in 0..data.x.len() {
        let w = data.weight[i];
        actual[(data.x[i] as u32).min(TOP_BIN) as usize] += w;
        let mut below_top = 0.0;
        for k in 0..TOP_BIN {
            let q = bg_nbd::prob_repeats(p, k, data.t[i]);
            expected[k as usize] += w * q;
            below_top += q;
        }
        expected[TOP_BIN as usize] += w * (1.0 - below_top).max(0.0);
    }
    (0..=TOP_BIN).map(|k| CountBin { repeats: k, actual: actual[k as usize], expected: expected[k as usize] }).collect()
}

/// Cumulative repeat occasions at the end of each period of the time unit, from the first occasion
/// in the data to the analysis date; `None` without dated occasions.
pub fn cumulative_tracking(p: &BgNbdParams, table: &CustomerTable) -> Option<Vec<TrackingPoint>> {
    let end = table.analysis_date?;
    if table.from_summary {
        return None;
    }
    let start = table.customers.iter().filter_map(|c| c.first_date).min()?;
    let step = table.unit.days();
    let total_days = (end - start).num_days();
    let periods = (total_days as f64 / step).ceil().max(1.0) as usize;
    let period_end = |k: usize| (start + Duration::days(((k + 1) as f64 * step).round() as i64 - 1)).min(end);
    // Actual: repeat occasions (all but each customer's first) counted in the period they fall in.
    let mut per_period = vec![0.0; periods];
    // Customers grouped by the day of their first occasion: E[X] depends on the age alone.
    let mut first_days = vec![0.0; total_days as usize + 1];
    for i in 0..table.customers.len() {
        let occ = table.occasions_of(i);
        let Some(first) = occ.first() else { continue };
        first_days[days_between(first.date, start) as usize] += 1.0;
        for o in &occ[1..] {
            let k = ((days_between(o.date, start) as f64 / step).floor() as usize).min(periods - 1);
            per_period[k] += 1.0;
        }
    }
    // E[X] of a customer aged `d` days at a period's end (age in days between dates, as T is counted
    // in the customer table), computed once per age.
    let by_age: Vec<f64> = (0..=total_days)
        .map(|d| {
            let e = bg_nbd::expected_population(p, table.unit.from_days(d as f64));
            if e.is_finite() {
                e
            } else {
                0.0
            }
        })
        .collect();
    let mut actual = 0.0;
    let points = (0..periods)
        .map(|k| {
            actual += per_period[k];
            let date = period_end(k);
            let through = days_between(date, start) as usize;
            let expected = (0..=through).filter(|&d| first_days[d] > 0.0).map(|d| first_days[d] * by_age[through - d]).sum();
            TrackingPoint { date, actual_cumulative: actual, expected_cumulative: expected }
        })
        .collect();
    Some(points)
}

/// P(alive) for repeat occasions 0..=`max_frequency` and `columns` recencies spread from 0 to the
/// longest T in the data.
pub fn p_alive_matrix(p: &BgNbdParams, data: &RepeatData, max_frequency: u32, columns: usize) -> PAliveMatrix {
    let t = data.t.iter().copied().fold(0.0, f64::max);
    let columns = columns.max(2);
    let recencies: Vec<f64> = (0..columns).map(|j| t * j as f64 / (columns - 1) as f64).collect();
    let frequencies: Vec<f64> = (0..=max_frequency).map(f64::from).collect();
    let values = frequencies.iter().map(|&x| recencies.iter().map(|&tx| bg_nbd::p_alive(p, x, tx, t)).collect()).collect();
    PAliveMatrix { t, frequencies, recencies, values }
}
