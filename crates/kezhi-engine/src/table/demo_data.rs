//! A seeded generator of a believable retailer, for the demo button, the sample file, benchmarks and
//! parameter-recovery tests.
//!
//! The process, per customer (time in weeks):
//! - acquisition time uniform over the first `acquisition_share` of the window;
//! - purchases: a Poisson process with rate λ ~ Gamma(r, scale 1/α); after each repeat purchase the
//!   customer drops out for good with probability p ~ Beta(a, b) — the BG/NBD story of Fader, Hardie &
//!   Lee (2005), §2;
//! - spend per occasion z ~ Gamma(p_s, scale 1/ν), ν ~ Gamma(q, scale 1/γ) — Gamma-Gamma (Fader, Hardie
//!   & Lee 2005b; Colombo & Jiang 1999), so E[z | ν] = p_s/ν;
//! - drift, so every lifecycle class has members: a share of customers purchases `growth_factor`× as
//!   often in the second half of their life (growing), another share `decline_factor`× (declining).
//!   With both shares 0 the data are pure BG/NBD + Gamma-Gamma and the parameters can be recovered;
//! - an occasion is one order; some orders have two lines (two categories), some are followed by a
//!   partial return (a negative row) a few days later. Cost = amount × a category cost ratio ± noise.

use chrono::{Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::{Beta, Distribution, Exp, Gamma};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoParams {
    pub seed: u64,
    pub customers: usize,
    pub start: NaiveDate,
    /// Length of the window in days.
    pub days: i64,
    /// Share of the window over which customers arrive.
    pub acquisition_share: f64,
    /// BG/NBD, per week: λ ~ Gamma(r, 1/α), p ~ Beta(a, b).
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    /// Gamma-Gamma: z ~ Gamma(p, 1/ν), ν ~ Gamma(q, 1/γ).
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
    pub growing_share: f64,
    pub growth_factor: f64,
    pub declining_share: f64,
    pub decline_factor: f64,
    /// Share of orders with a second line, and of orders followed by a partial return.
    pub two_line_share: f64,
    pub return_share: f64,
}

impl Default for DemoParams {
    /// About 5,000 customers and 44,000 rows over three years (2023–2025), two in three of them repeat
    /// customers; spend in yuan (mean about ¥240 an occasion).
    fn default() -> Self {
        DemoParams {
            seed: 20240305,
            customers: 5000,
            start: NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default(),
            days: 1096,
            acquisition_share: 0.85,
            r: 0.3,
            alpha: 1.8,
            a: 0.7,
            b: 6.0,
            p: 6.0,
            q: 4.0,
            gamma: 120.0,
            growing_share: 0.1,
            growth_factor: 3.0,
            declining_share: 0.12,
            decline_factor: 0.25,
            two_line_share: 0.15,
            return_share: 0.03,
        }
    }
}

impl DemoParams {
    /// Pure BG/NBD + Gamma-Gamma (no drift, single-line orders, no returns), for recovery tests.
    pub fn pure(seed: u64, customers: usize) -> DemoParams {
        DemoParams {
            seed,
            customers,
            growing_share: 0.0,
            declining_share: 0.0,
            two_line_share: 0.0,
            return_share: 0.0,
            ..DemoParams::default()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Drift {
    Steady,
    Growing,
    Declining,
}

/// The hidden truth of one simulated customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoCustomer {
    pub id: String,
    pub name: String,
    pub region: String,
    pub lambda: f64,
    pub dropout_p: f64,
    pub nu: f64,
    pub drift: Drift,
    pub first_date: NaiveDate,
    /// Date of the purchase after which the customer dropped out, if it did.
    pub dropped_after: Option<NaiveDate>,
    /// Purchase times in weeks since `start`, continuous (before rounding to calendar days).
    pub purchase_weeks: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DemoRow {
    pub customer: u32,
    pub order_id: String,
    pub date: NaiveDate,
    pub amount: f64,
    pub cost: f64,
    pub category: &'static str,
    pub channel: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DemoData {
    pub params: DemoParams,
    pub customers: Vec<DemoCustomer>,
    pub rows: Vec<DemoRow>,
}

const SURNAMES: [&str; 24] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋",
];
const GIVEN: [&str; 30] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "晨",
    "欣怡", "子涵", "浩然", "雨桐", "一诺", "梓轩", "思远",
];
const FIRST: [&str; 20] = [
    "Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas", "Mia", "Ethan", "Chloe", "Daniel", "Grace", "Henry", "Lily", "Jack",
    "Zoe", "Ryan", "Hannah", "Leo",
];
const LAST: [&str; 16] = [
    "Smith", "Chen", "Wong", "Taylor", "Brown", "Lee", "Wilson", "Martin", "Clarke", "Walker", "Lam", "Young", "King", "Scott", "Green", "Hall",
];
const REGIONS: [&str; 8] = ["上海", "北京", "广州", "深圳", "杭州", "成都", "南京", "武汉"];
/// Category and its cost ratio.
const CATEGORIES: [(&str, f64); 6] =
    [("Apparel", 0.55), ("Beauty", 0.45), ("Grocery", 0.78), ("Home", 0.62), ("Electronics", 0.82), ("Baby", 0.6)];
const CHANNELS: [&str; 3] = ["Online", "Store", "Mini-program"];

fn gamma(shape: f64, scale: f64) -> Gamma<f64> {
    // Parameters are validated by `generate`; fall back to an exponential-like Gamma(1, 1) if not.
    Gamma::new(shape, scale).unwrap_or_else(|_| Gamma::new(1.0, 1.0).expect("Gamma(1,1) is valid"))
}

/// Generates the data. Deterministic for a given `params` (seeded).
pub fn generate(params: &DemoParams) -> DemoData {
    let mut rng = StdRng::seed_from_u64(params.seed);
    let lambda_dist = gamma(params.r, 1.0 / params.alpha);
    let p_dist = Beta::new(params.a, params.b).unwrap_or_else(|_| Beta::new(1.0, 1.0).expect("Beta(1,1) is valid"));
    let nu_dist = gamma(params.q, 1.0 / params.gamma);
    let unit_exp = Exp::new(1.0).expect("Exp(1) is valid");
    let weeks = params.days as f64 / 7.0;
    let mut customers = Vec::with_capacity(params.customers);
    let mut rows = Vec::with_capacity(params.customers * 10);
    let mut order_no = 100_000u64;
    for i in 0..params.customers {
        let lambda: f64 = lambda_dist.sample(&mut rng);
        let dropout_p: f64 = p_dist.sample(&mut rng);
        let nu: f64 = nu_dist.sample(&mut rng);
        let u: f64 = rng.gen();
        let drift = if u < params.growing_share {
            Drift::Growing
        } else if u < params.growing_share + params.declining_share {
            Drift::Declining
        } else {
            Drift::Steady
        };
        let name = if rng.gen_bool(0.65) {
            format!("{}{}", SURNAMES[rng.gen_range(0..SURNAMES.len())], GIVEN[rng.gen_range(0..GIVEN.len())])
        } else {
            format!("{} {}", FIRST[rng.gen_range(0..FIRST.len())], LAST[rng.gen_range(0..LAST.len())])
        };
        let region = REGIONS[rng.gen_range(0..REGIONS.len())].to_string();
        let home_channel = rng.gen_range(0..CHANNELS.len());
        let favourite = rng.gen_range(0..CATEGORIES.len());
        let birth = rng.gen::<f64>() * weeks * params.acquisition_share;
        let midlife = birth + (weeks - birth) / 2.0;
        let spend_dist = gamma(params.p, 1.0 / nu.max(1e-9));
        let day_of = |t: f64| params.start + Duration::days((t * 7.0).floor() as i64);
        let (purchases, dropped_at) = purchase_weeks(&mut rng, &unit_exp, Lifetime { birth, midlife, weeks, lambda, dropout_p, drift }, params);
        let dropped_after = dropped_at.map(day_of);
        for &pt in purchases.iter() {
            let buyer = Buyer { customer: i as u32, home_channel, favourite };
            order_rows(&mut rng, &spend_dist, buyer, day_of(pt), &mut order_no, params, &mut rows);
        }
        customers.push(DemoCustomer {
            id: format!("C{:06}", i + 1),
            name,
            region,
            lambda,
            dropout_p,
            nu,
            drift,
            first_date: day_of(birth),
            dropped_after,
            purchase_weeks: purchases,
        });
    }
    rows.sort_by(|x, y| x.date.cmp(&y.date).then(x.customer.cmp(&y.customer)));
    DemoData { params: params.clone(), customers, rows }
}

/// What decides one customer's purchase times: its first purchase (`birth`, weeks), the midpoint
/// of its life in the window where its rate drifts, the window's length, its rate and dropout.
struct Lifetime {
    birth: f64,
    midlife: f64,
    weeks: f64,
    lambda: f64,
    dropout_p: f64,
    drift: Drift,
}

/// The weeks of a customer's purchases, its first at `birth`: a Poisson process whose rate is
/// `lambda` before mid-life and the drifted rate after (drawn in unit-rate time and mapped through
/// the rate), ending at the window's end or at a dropout after a purchase (its week returned).
fn purchase_weeks(rng: &mut StdRng, unit_exp: &Exp<f64>, life: Lifetime, params: &DemoParams) -> (Vec<f64>, Option<f64>) {
    let Lifetime { birth, midlife, weeks, lambda, dropout_p, drift } = life;
    let mut purchases = vec![birth];
    let mut t = birth;
    let rate_before = lambda;
    let rate_after = match drift {
        Drift::Steady => lambda,
        Drift::Growing => lambda * params.growth_factor,
        Drift::Declining => lambda * params.decline_factor,
    };
    loop {
        let e: f64 = unit_exp.sample(rng);
        let next = if t < midlife && t + e / rate_before > midlife {
            midlife + (e - (midlife - t) * rate_before) / rate_after
        } else if t < midlife {
            t + e / rate_before
        } else {
            t + e / rate_after
        };
        if next >= weeks || next.is_nan() {
            return (purchases, None);
        }
        t = next;
        purchases.push(t);
        if rng.gen::<f64>() < dropout_p {
            return (purchases, Some(t));
        }
    }
}

/// Who buys: the customer's index, its usual channel and favourite category.
#[derive(Clone, Copy)]
struct Buyer {
    customer: u32,
    home_channel: usize,
    favourite: usize,
}

/// The rows of one order on `date`: one line or two (the amount split between them, each with its
/// category's cost), and now and then a return of part of it within two weeks.
fn order_rows(rng: &mut StdRng, spend_dist: &Gamma<f64>, buyer: Buyer, date: NaiveDate, order_no: &mut u64, params: &DemoParams, rows: &mut Vec<DemoRow>) {
    let Buyer { customer, home_channel, favourite } = buyer;
    let amount = (spend_dist.sample(rng) * 100.0).round() / 100.0;
    let amount = amount.max(0.01);
    *order_no += 1;
    let order_id = format!("SO{order_no}");
    let channel = if rng.gen_bool(0.8) { CHANNELS[home_channel] } else { CHANNELS[rng.gen_range(0..CHANNELS.len())] };
    let lines = if rng.gen::<f64>() < params.two_line_share { 2 } else { 1 };
    let mut left = amount;
    for line in 0..lines {
        let cat = if line == 0 && rng.gen_bool(0.6) { favourite } else { rng.gen_range(0..CATEGORIES.len()) };
        let part = if line + 1 == lines { left } else { ((amount * rng.gen_range(0.3..0.7)) * 100.0).round() / 100.0 };
        left = ((left - part) * 100.0).round() / 100.0;
        let (category, ratio) = CATEGORIES[cat];
        let cost = (part * (ratio + rng.gen_range(-0.05..0.05)) * 100.0).round() / 100.0;
        rows.push(DemoRow { customer, order_id: order_id.clone(), date, amount: part, cost, category, channel });
    }
    if rng.gen::<f64>() < params.return_share {
        let back = Duration::days(rng.gen_range(1..15));
        let end = params.start + Duration::days(params.days - 1);
        let rdate = (date + back).min(end);
        let share = rng.gen_range(0.2..1.0);
        let (category, ratio) = CATEGORIES[favourite];
        let refund = -((amount * share) * 100.0).round() / 100.0;
        *order_no += 1;
        rows.push(DemoRow { customer, order_id: format!("RT{order_no}"), date: rdate, amount: refund, cost: (refund * ratio * 100.0).round() / 100.0, category, channel });
    }
}

impl DemoData {
    /// (x, t_x, T) in weeks at the end of the window, from the continuous purchase times: the exact
    /// BG/NBD summary of the simulated process, with no rounding to days.
    pub fn btyd_summary(&self) -> Vec<(f64, f64, f64)> {
        let end = self.params.days as f64 / 7.0;
        self.customers
            .iter()
            .map(|c| {
                let first = c.purchase_weeks.first().copied().unwrap_or(0.0);
                let last = c.purchase_weeks.last().copied().unwrap_or(first);
                ((c.purchase_weeks.len().max(1) - 1) as f64, last - first, end - first)
            })
            .collect()
    }

    /// The transaction log as a CSV file (UTF-8, English headers), in date order.
    pub fn to_csv(&self) -> String {
        let mut out = String::with_capacity(self.rows.len() * 80);
        out.push_str("customer_id,customer_name,order_id,date,amount,cost,category,channel,region\n");
        for r in &self.rows {
            let c = &self.customers[r.customer as usize];
            use std::fmt::Write;
            let _ = writeln!(out, "{},{},{},{},{:.2},{:.2},{},{},{}", c.id, c.name, r.order_id, r.date, r.amount, r.cost, r.category, r.channel, c.region);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_demo_has_the_documented_size_and_repeats_exactly() {
        let d = generate(&DemoParams::default());
        assert_eq!(d.customers.len(), 5000);
        assert!((40_000..=60_000).contains(&d.rows.len()), "rows: {}", d.rows.len());
        let first = d.rows.first().map(|r| r.date);
        let last = d.rows.last().map(|r| r.date);
        assert_eq!(first.map(|x| x >= d.params.start), Some(true));
        assert!(last.is_some_and(|x| x < d.params.start + Duration::days(d.params.days)));
        assert_eq!(generate(&DemoParams::default()).rows, d.rows, "same seed, same data");
        assert!(d.rows.iter().any(|r| r.amount < 0.0), "returns present");
        for drift in [Drift::Steady, Drift::Growing, Drift::Declining] {
            assert!(d.customers.iter().filter(|c| c.drift == drift).count() > 300, "{drift:?}");
        }
    }

    #[test]
    fn simulated_spend_and_rates_match_their_distributions() {
        // Moments of the mixing distributions over 20k customers: E[λ] = r/α, E[p] = a/(a+b), E[ν] = q/γ.
        let params = DemoParams::pure(7, 20_000);
        let d = generate(&params);
        let n = d.customers.len() as f64;
        let mean = |f: &dyn Fn(&DemoCustomer) -> f64| d.customers.iter().map(f).sum::<f64>() / n;
        let rel = |got: f64, want: f64| (got - want).abs() / want;
        let tol = crate::tolerances::SIMULATED_MOMENT_REL;
        assert!(rel(mean(&|c| c.lambda), params.r / params.alpha) < tol);
        assert!(rel(mean(&|c| c.dropout_p), params.a / (params.a + params.b)) < tol);
        assert!(rel(mean(&|c| c.nu), params.q / params.gamma) < tol);
    }
}
