//! Calendar periods counted back from the analysis date, so the last period ends on it (months of
//! 30.4375 days):
//! - for the group-level models (docs/methods.md §2e) the window is cut into such periods, an incomplete one
//!   at the start dropped, and each customer's activity is the set of periods it bought in;
//! - the veteran matrix, the lifecycle stages and the growth grid compare the latest period with the
//!   one before it (`period_spend`, `growth`).

use chrono::{Duration, NaiveDate};

use crate::table::customer_table::CustomerTable;
use crate::time_unit::{days_between, DAYS_PER_MONTH};

#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    /// Complete periods in the window, oldest first.
    pub periods: usize,
    /// Length of one period in days.
    pub period_days: f64,
    /// Per customer (in table order) and period, customer-major (`periods` values a customer): whether
    /// it bought, and its margin there. One flat vector each rather than one per customer: the
    /// allocations were most of [`activity`]'s work (docs/performance.md, "Measurements behind the code").
    bought: Vec<bool>,
    margin: Vec<f64>,
}

impl Activity {
    /// From one row per customer, each of `periods` values (the models' hand-computed tests).
    #[cfg(test)]
    pub(crate) fn from_rows(periods: usize, period_days: f64, bought: Vec<Vec<bool>>, margin: Vec<Vec<f64>>) -> Activity {
        assert!(bought.len() == margin.len() && bought.iter().all(|r| r.len() == periods) && margin.iter().all(|r| r.len() == periods));
        Activity { periods, period_days, bought: bought.concat(), margin: margin.concat() }
    }

    /// Customer i's periods: whether it bought in each.
    pub fn bought(&self, i: usize) -> &[bool] {
        &self.bought[i * self.periods..(i + 1) * self.periods]
    }

    /// Customer i's margin in each period.
    pub fn margin(&self, i: usize) -> &[f64] {
        &self.margin[i * self.periods..(i + 1) * self.periods]
    }
}

/// The date `months` months (of 30.4375 days) before `end`; the earliest date there is when that
/// would fall before it (a setting of absurd length must not overflow the calendar).
pub fn months_before(end: NaiveDate, months: u32) -> NaiveDate {
    let days = (f64::from(months) * DAYS_PER_MONTH).round() as i64;
    Duration::try_days(days).and_then(|d| end.checked_sub_signed(d)).unwrap_or(NaiveDate::MIN)
}

/// Spend in (end − 2·months, end − months] and (end − months, end], by occasion dates. Takes the
/// (date, amount) pairs as an iterator, so callers need not collect them per customer.
pub fn period_spend(occasions: impl IntoIterator<Item = (NaiveDate, f64)>, end: NaiveDate, months: u32) -> (f64, f64) {
    let mid = months_before(end, months);
    let start = months_before(mid, months);
    let (mut before, mut now) = (0.0, 0.0);
    for (d, s) in occasions {
        if d > mid && d <= end {
            now += s;
        } else if d > start && d <= mid {
            before += s;
        }
    }
    (before, now)
}

pub fn growth(before: f64, now: f64) -> f64 {
    if before > 0.0 {
        (now - before) / before
    } else if now > 0.0 {
        f64::INFINITY
    } else {
        0.0
    }
}

/// Period index (0 = oldest complete period) of a date, or `None` before the first complete period.
fn period_of(date: NaiveDate, end: NaiveDate, period_days: f64, periods: usize) -> Option<usize> {
    let back = (days_between(end, date) as f64 / period_days).floor() as usize;
    (back < periods).then(|| periods - 1 - back)
}

/// The activity of every customer, or `None` for a summary file or a window shorter than two
/// periods.
pub fn activity(table: &CustomerTable, months: u32) -> Option<Activity> {
    let end = table.analysis_date?;
    let start = table.customers.iter().filter_map(|c| c.first_date).min()?;
    if table.from_summary || months == 0 {
        return None;
    }
    let period_days = f64::from(months) * DAYS_PER_MONTH;
    let periods = (((end - start).num_days() + 1) as f64 / period_days).floor() as usize;
    if periods < 2 {
        return None;
    }
    let n = table.customers.len();
    let (mut bought, mut margin) = (vec![false; n * periods], vec![0.0; n * periods]);
    for i in 0..n {
        for o in table.occasions_of(i) {
            if let Some(k) = period_of(o.date, end, period_days, periods) {
                bought[i * periods + k] = true;
                margin[i * periods + k] += o.margin;
            }
        }
    }
    Some(Activity { periods, period_days, bought, margin })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_spend_splits_at_the_period_boundaries() {
        let end = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        // 6 months = 183 days: now is (2024-07-01, 2024-12-31], before (2023-12-31, 2024-07-01].
        let occ = [(d("2024-12-31"), 1.0), (d("2024-07-02"), 2.0), (d("2024-07-01"), 4.0), (d("2024-01-01"), 8.0), (d("2023-12-31"), 16.0)];
        assert_eq!(period_spend(occ, end, 6), (12.0, 3.0));
    }

    /// A period longer than the calendar ends at its first day instead of overflowing it.
    #[test]
    fn an_absurd_period_length_does_not_overflow() {
        let end = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        assert_eq!(months_before(end, u32::MAX), NaiveDate::MIN);
        assert_eq!(period_spend([(end, 1.0)], end, u32::MAX), (0.0, 1.0));
    }
}
