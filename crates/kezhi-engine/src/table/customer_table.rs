//! Per-customer facts at the analysis date (docs/methods.md §0): purchase occasions with same-day merging and
//! returns netted, orders, spend, margin, and the BTYD summary (x, t_x, T, mean repeat spend) in the
//! chosen time unit.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::import::typed_rows::{RfmRow, SpendMeaning, SummaryRow, Transactions, Txn};
use crate::settings::Settings;
use crate::time_unit::{days_between, TimeUnit};

/// One purchase occasion: a customer's net spend on one calendar day (see [`is_occasion`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Occasion {
    pub date: NaiveDate,
    pub spend: f64,
    pub margin: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub id: String,
    pub name: Option<String>,
    pub region: Option<String>,
    /// First and last purchase occasion (absent for a summary file).
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    /// Purchase occasions (days with positive net spend).
    pub occasions: u32,
    /// Distinct order ids, or rows when the file has no order column.
    pub orders: u32,
    /// Distinct categories bought (0 without a category column).
    pub categories: u32,
    /// Net spend in the window, returns included.
    pub revenue: f64,
    pub margin: f64,
    /// x: repeat occasions = occasions − 1.
    pub frequency: f64,
    /// t_x: time from the first to the last occasion, in the time unit.
    pub recency: f64,
    /// T: time from the first occasion to the analysis date, in the time unit.
    pub t: f64,
    /// Mean spend of the repeat occasions (0 when x = 0), as in the `lifetimes` convention.
    pub monetary_value: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BuildStats {
    pub rows_in_window: u64,
    pub rows_after_analysis_date: u64,
    /// Rows with a negative amount (returns), netted into their day.
    pub return_rows: u64,
    /// Customer-days that are not purchase occasions (returns cancel or exceed the day's purchases).
    pub non_occasion_days: u64,
    /// Customers with no purchase occasion in the window (only returns).
    pub customers_without_purchase: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerTable {
    pub analysis_date: Option<NaiveDate>,
    pub unit: TimeUnit,
    pub customers: Vec<Customer>,
    /// All occasions, customer by customer: customer i owns `occasions[offsets[i]..offsets[i + 1]]`,
    /// one per calendar day in date order (so the occasions up to a date are a prefix).
    pub occasions: Vec<Occasion>,
    pub offsets: Vec<usize>,
    /// With a wallet column (the customer's category spend, ours and competitors', that the row's
    /// purchase belongs to): per occasion, the sum of the wallet values of its rows, parallel to
    /// `occasions`. `None` without a wallet column.
    pub occasion_wallet: Option<Vec<f64>>,
    pub from_summary: bool,
    /// An RFM table: each customer's recency, purchase count and spend only, no purchase history and
    /// no age (T): the BTYD models, CLV and the views built on histories are not available.
    #[serde(default)]
    pub rfm_only: bool,
}

/// A customer-day is a purchase occasion when its net spend is positive, or zero with no return in
/// it (a free or fully discounted order still is a purchase: the CDNOW data of Fader, Hardie & Lee
/// count such days). A day whose returns cancel or exceed its purchases is not (docs/methods.md §0).
pub fn is_occasion(net_spend: f64, had_return: bool) -> bool {
    net_spend > 0.0 || (net_spend == 0.0 && !had_return)
}

impl CustomerTable {
    /// Customer i's occasion wallets (see `occasion_wallet`), empty without a wallet column.
    pub fn wallets_of(&self, i: usize) -> &[f64] {
        match (&self.occasion_wallet, self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(w), Some(&a), Some(&b)) => &w[a..b],
            _ => &[],
        }
    }

    pub fn occasions_of(&self, i: usize) -> &[Occasion] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.occasions[a..b],
            _ => &[],
        }
    }

    /// The customers `indices` (in that order) with their occasions and wallets, the rest of the
    /// table as it is: a sample to fit on (`fitted_model`). Indices past the end are skipped.
    pub fn subset(&self, indices: &[usize]) -> CustomerTable {
        let indices: Vec<usize> = indices.iter().copied().filter(|&i| i < self.customers.len()).collect();
        let mut occasions = Vec::new();
        let mut wallet = self.occasion_wallet.as_ref().map(|_| Vec::new());
        let mut offsets = Vec::with_capacity(indices.len() + 1);
        offsets.push(0);
        for &i in &indices {
            occasions.extend_from_slice(self.occasions_of(i));
            if let Some(w) = wallet.as_mut() {
                w.extend_from_slice(self.wallets_of(i));
            }
            offsets.push(occasions.len());
        }
        CustomerTable {
            analysis_date: self.analysis_date,
            unit: self.unit,
            customers: indices.iter().map(|&i| self.customers[i].clone()).collect(),
            occasions,
            offsets,
            occasion_wallet: wallet,
            from_summary: self.from_summary,
            rfm_only: self.rfm_only,
        }
    }

    /// Builds the table from the rows dated on or before `analysis_date`: each customer's rows in
    /// date order, folded into purchase occasions (one a day), with the times in `unit` and the
    /// margin at `margin_rate` of the amount where a row has none.
    pub fn from_transactions(txns: &Transactions, analysis_date: NaiveDate, unit: TimeUnit, margin_rate: f64) -> (CustomerTable, BuildStats) {
        let rows = &txns.rows;
        let n = txns.customer_ids.len();
        let mut stats = BuildStats::default();
        let (start, mut idx) = rows_by_customer(rows, n, analysis_date, &mut stats);
        let mut customers = Vec::with_capacity(n);
        let mut occasions = Vec::with_capacity(start[n]);
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        let mut keys: Vec<u64> = Vec::new();
        let has_wallet = rows.iter().any(|t| t.wallet.is_some());
        let mut wallets: Vec<f64> = Vec::new();
        for c in 0..n {
            let slice = &mut idx[start[c]..start[c + 1]];
            if slice.is_empty() {
                continue;
            }
            // Rows come in file order, and most files are in date order: the check is one pass,
            // cheaper than a sort call on a slice already sorted (docs/performance.md, "Measurements behind the code").
            if !slice.is_sorted_by_key(|&i| rows[i as usize].date) {
                slice.sort_by_key(|&i| rows[i as usize].date);
            }
            let first_occ = occasions.len();
            let (revenue, margin) = fold_days(rows, slice, margin_rate, &mut occasions, has_wallet.then_some(&mut wallets), &mut stats);
            let occ = &occasions[first_occ..];
            if occ.is_empty() {
                stats.customers_without_purchase += 1;
                continue;
            }
            let distinct = |keys: &mut Vec<u64>, f: &dyn Fn(u32) -> u64| {
                keys.clear();
                keys.extend(slice.iter().map(|&i| f(i)).filter(|&k| k != 0));
                keys.sort_unstable();
                keys.dedup();
                keys.len() as u32
            };
            let has_orders = slice.iter().any(|&i| rows[i as usize].order != 0);
            let orders = if has_orders { distinct(&mut keys, &|i| rows[i as usize].order) } else { slice.len() as u32 };
            let categories = distinct(&mut keys, &|i| u64::from(rows[i as usize].category));
            let first = occ[0].date;
            let last = occ[occ.len() - 1].date;
            let x = occ.len() - 1;
            let monetary_value = if x > 0 { occ[1..].iter().map(|o| o.spend).sum::<f64>() / x as f64 } else { 0.0 };
            customers.push(Customer {
                id: txns.customer_ids[c].clone(),
                name: txns.names.get(c).cloned().flatten(),
                region: txns.regions.get(c).cloned().flatten(),
                first_date: Some(first),
                last_date: Some(last),
                occasions: occ.len() as u32,
                orders,
                categories,
                revenue,
                margin,
                frequency: x as f64,
                recency: unit.from_days(days_between(last, first) as f64),
                t: unit.from_days(days_between(analysis_date, first) as f64),
                monetary_value,
            });
            offsets.push(occasions.len());
        }
        let occasion_wallet = has_wallet.then_some(wallets);
        let table = CustomerTable { analysis_date: Some(analysis_date), unit, customers, occasions, offsets, occasion_wallet, from_summary: false, rfm_only: false };
        (table, stats)
    }

    /// A summary file already carries x, t_x, T and the mean repeat spend. Revenue is the repeat
    /// revenue (x × mean repeat spend): the first purchase's value is not in such a file.
    pub fn from_summary(rows: &[SummaryRow], settings: &Settings) -> CustomerTable {
        let customers: Vec<Customer> = rows
            .iter()
            .map(|r| {
                let revenue = r.frequency * r.monetary_value;
                Customer {
                    id: r.customer_id.clone(),
                    name: r.name.clone(),
                    region: None,
                    first_date: None,
                    last_date: None,
                    occasions: r.frequency as u32 + 1,
                    orders: r.frequency as u32 + 1,
                    categories: 0,
                    revenue,
                    margin: revenue * settings.margin_rate,
                    frequency: r.frequency,
                    recency: r.recency,
                    t: r.t,
                    monetary_value: r.monetary_value,
                }
            })
            .collect();
        let offsets = vec![0; customers.len() + 1];
        CustomerTable {
            analysis_date: settings.analysis_date,
            unit: settings.time_unit,
            customers,
            occasions: Vec::new(),
            offsets,
            occasion_wallet: None,
            from_summary: true,
            rfm_only: false,
        }
    }

    /// An RFM table's customers (docs/methods.md §0, "RFM tables"): days since the last purchase
    /// become T − t_x with t_x = 0 (so the RFM recency is the days as given), the purchase count the
    /// occasions, the spend the revenue (a mean spend times the count). The analysis date is the
    /// settings' or, for a table of last-purchase dates, the latest of them; days since are counted
    /// from it.
    pub fn from_rfm(rows: &[RfmRow], spend: SpendMeaning, settings: &Settings) -> CustomerTable {
        let unit = settings.time_unit;
        let analysis_date = settings.analysis_date.or_else(|| rows.iter().filter_map(|r| r.last_purchase).max());
        let customers: Vec<Customer> = rows
            .iter()
            .map(|r| {
                let days = match (r.days_since, r.last_purchase, analysis_date) {
                    (Some(d), _, _) => d,
                    (None, Some(last), Some(end)) => days_between(end, last).max(0) as f64,
                    _ => 0.0,
                };
                let revenue = match spend {
                    SpendMeaning::Total => r.spend,
                    SpendMeaning::PerPurchase => r.spend * r.purchases,
                };
                let last_date = r.last_purchase.or_else(|| analysis_date.and_then(|end| end.checked_sub_days(chrono::Days::new(days as u64))));
                Customer {
                    id: r.customer_id.clone(),
                    name: r.name.clone(),
                    region: None,
                    first_date: None,
                    last_date,
                    occasions: r.purchases as u32,
                    orders: r.purchases as u32,
                    categories: 0,
                    revenue,
                    margin: revenue * settings.margin_rate,
                    frequency: r.purchases - 1.0,
                    recency: 0.0,
                    t: unit.from_days(days),
                    monetary_value: revenue / r.purchases.max(1.0),
                }
            })
            .collect();
        let offsets = vec![0; customers.len() + 1];
        CustomerTable { analysis_date, unit, customers, occasions: Vec::new(), offsets, occasion_wallet: None, from_summary: true, rfm_only: true }
    }
}

/// The indices of the rows dated on or before `analysis_date`, grouped by customer (a counting
/// sort, file order kept within a customer): customer c's are `idx[start[c]..start[c + 1]]`.
fn rows_by_customer(rows: &[Txn], customers: usize, analysis_date: NaiveDate, stats: &mut BuildStats) -> (Vec<usize>, Vec<u32>) {
    let mut start = vec![0usize; customers + 1];
    for t in rows {
        if t.date <= analysis_date {
            start[t.customer as usize + 1] += 1;
        } else {
            stats.rows_after_analysis_date += 1;
        }
    }
    for i in 0..customers {
        start[i + 1] += start[i];
    }
    stats.rows_in_window = start[customers] as u64;
    let mut fill = start.clone();
    let mut idx = vec![0u32; start[customers]];
    for (i, t) in rows.iter().enumerate() {
        if t.date <= analysis_date {
            let c = t.customer as usize;
            idx[fill[c]] = i as u32;
            fill[c] += 1;
        }
    }
    (start, idx)
}

/// One customer's rows (`slice`, in date order) folded a day at a time: a day whose spend makes it a
/// purchase occasion is pushed onto `occasions` (and its wallet onto `wallets`, when the file has
/// one); the others are counted apart. The customer's revenue and margin over all its days.
fn fold_days(rows: &[Txn], slice: &[u32], margin_rate: f64, occasions: &mut Vec<Occasion>, mut wallets: Option<&mut Vec<f64>>, stats: &mut BuildStats) -> (f64, f64) {
    let (mut revenue, mut margin) = (0.0, 0.0);
    let mut k = 0;
    while k < slice.len() {
        let day = rows[slice[k] as usize].date;
        let (mut spend, mut day_margin, mut had_return, mut wallet) = (0.0, 0.0, false, 0.0);
        while k < slice.len() && rows[slice[k] as usize].date == day {
            let t = &rows[slice[k] as usize];
            spend += t.amount;
            wallet += t.wallet.unwrap_or(0.0);
            day_margin += t.margin.unwrap_or(t.amount * margin_rate);
            if t.amount < 0.0 {
                stats.return_rows += 1;
                had_return = true;
            }
            k += 1;
        }
        revenue += spend;
        margin += day_margin;
        if is_occasion(spend, had_return) {
            occasions.push(Occasion { date: day, spend, margin: day_margin });
            if let Some(w) = wallets.as_mut() {
                w.push(wallet);
            }
        } else {
            stats.non_occasion_days += 1;
        }
    }
    (revenue, margin)
}
