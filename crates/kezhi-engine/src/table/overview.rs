//! The first overview: customers, transactions, revenue, date range, share of repeat customers, and
//! revenue by calendar month.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::table::customer_table::CustomerTable;
use crate::import::typed_rows::Transactions;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthPoint {
    /// `YYYY-MM`
    pub month: String,
    /// Net revenue of the month (returns included).
    pub revenue: f64,
    /// Customers with a purchase occasion in the month.
    pub active_customers: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub customers: u64,
    /// Transaction rows in the window (none for a summary).
    pub transactions: u64,
    pub occasions: u64,
    pub revenue: f64,
    pub margin: f64,
    /// Customers with at least one repeat occasion (x ≥ 1) and their share of all customers.
    pub repeat_customers: u64,
    pub repeat_share: f64,
    pub date_min: Option<NaiveDate>,
    pub date_max: Option<NaiveDate>,
    pub analysis_date: Option<NaiveDate>,
    pub monthly: Vec<MonthPoint>,
    pub from_summary: bool,
}

fn month_index(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

impl Overview {
    fn base(table: &CustomerTable) -> Overview {
        let customers = table.customers.len() as u64;
        let repeat_customers = table.customers.iter().filter(|c| c.frequency >= 1.0).count() as u64;
        Overview {
            customers,
            transactions: 0,
            occasions: table.customers.iter().map(|c| u64::from(c.occasions)).sum(),
            revenue: table.customers.iter().map(|c| c.revenue).sum(),
            margin: table.customers.iter().map(|c| c.margin).sum(),
            repeat_customers,
            repeat_share: if customers > 0 { repeat_customers as f64 / customers as f64 } else { 0.0 },
            date_min: None,
            date_max: None,
            analysis_date: table.analysis_date,
            monthly: Vec::new(),
            from_summary: table.from_summary,
        }
    }

    /// A file of one row per customer: no rows of purchases, so no monthly series. An RFM table's
    /// purchase counts are its purchases; a summary's first purchases are not in it, so it shows none.
    pub fn from_summary(table: &CustomerTable) -> Overview {
        let mut o = Overview::base(table);
        if table.rfm_only {
            o.transactions = table.customers.iter().map(|c| u64::from(c.occasions)).sum();
        }
        o
    }

    pub fn from_table(table: &CustomerTable, txns: &Transactions, analysis_date: NaiveDate) -> Overview {
        let mut o = Overview::base(table);
        let in_window = || txns.rows.iter().filter(move |t| t.date <= analysis_date);
        o.transactions = in_window().count() as u64;
        o.date_min = in_window().map(|t| t.date).min();
        o.date_max = in_window().map(|t| t.date).max();
        let (Some(lo), Some(hi)) = (o.date_min, o.date_max) else { return o };
        let (first, last) = (month_index(lo), month_index(hi));
        let mut revenue = vec![0.0; (last - first + 1) as usize];
        let mut active = vec![0u64; revenue.len()];
        for t in in_window() {
            revenue[(month_index(t.date) - first) as usize] += t.amount;
        }
        for i in 0..table.customers.len() {
            let mut seen = i32::MIN;
            for occ in table.occasions_of(i) {
                let m = month_index(occ.date);
                if m != seen {
                    active[(m - first) as usize] += 1;
                    seen = m;
                }
            }
        }
        o.monthly = (first..=last)
            .zip(revenue.into_iter().zip(active))
            .map(|(m, (revenue, active_customers))| MonthPoint {
                month: format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1),
                revenue,
                active_customers,
            })
            .collect();
        o
    }
}
