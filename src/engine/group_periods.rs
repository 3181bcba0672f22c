//! Calendar periods for the group-level models (METHODS §2e): the window is cut into periods of
//! `months` × 30.4375 days counted back from the analysis date, so the last period ends on it; an
//! incomplete period at the start is dropped. Each customer's activity is the set of periods in
//! which it has a purchase occasion.

use chrono::NaiveDate;

use super::customer_table::CustomerTable;
use super::time_unit::DAYS_PER_MONTH;

#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    /// Complete periods in the window, oldest first.
    pub periods: usize,
    /// Length of one period in days.
    pub period_days: f64,
    /// Per customer (in table order): for each period, whether it bought, and its margin there.
    pub bought: Vec<Vec<bool>>,
    pub margin: Vec<Vec<f64>>,
}

/// Period index (0 = oldest complete period) of a date, or `None` before the first complete period.
fn period_of(date: NaiveDate, end: NaiveDate, period_days: f64, periods: usize) -> Option<usize> {
    let back = ((end - date).num_days() as f64 / period_days).floor() as usize;
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
    let mut bought = Vec::with_capacity(table.customers.len());
    let mut margin = Vec::with_capacity(table.customers.len());
    for i in 0..table.customers.len() {
        let (mut b, mut m) = (vec![false; periods], vec![0.0; periods]);
        for o in table.occasions_of(i) {
            if let Some(k) = period_of(o.date, end, period_days, periods) {
                b[k] = true;
                m[k] += o.margin;
            }
        }
        bought.push(b);
        margin.push(m);
    }
    Some(Activity { periods, period_days, bought, margin })
}
