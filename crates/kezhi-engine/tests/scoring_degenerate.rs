//! Files that cannot support a model still score: every number that reaches an output is finite
//! (docs/methods.md §2d: no NaN or infinity ever reaches an output), and the report says why a
//! model is missing.

use kezhi_engine::table::demo_data::{generate, DemoParams};
use kezhi_engine::models::fit_report::{Finding, Model, ModelLimit, Verdict};
use kezhi_engine::models::fitting::Outcome;
use kezhi_engine::tolerances::AT_LIMIT_REL;
use kezhi_engine::import::ImportOptions;
use kezhi_engine::table::imported::import;
use kezhi_engine::scoring::{score, Scored};
use kezhi_engine::settings::Settings;

fn scored(csv: &str) -> Scored {
    let settings = Settings::default();
    let i = import(csv.as_bytes(), "t.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("import");
    score(&i.table, &settings)
}

/// Every number the CLI and the page show or export. (Checked on the Rust values: serde_json would
/// write NaN and ±∞ as null, indistinguishable from an empty `Option`.)
fn assert_all_finite(s: &Scored) {
    for (i, c) in s.customers.iter().enumerate() {
        for v in [c.p_alive, c.expected_purchases_horizon, c.expected_mean_spend, c.clv, c.potential_value].into_iter().flatten() {
            assert!(v.is_finite(), "customer {i}: {c:?}");
        }
        assert!(c.historical_value.is_finite() && c.priority.is_finite() && c.rfm_combined.is_finite(), "customer {i}: {c:?}");
    }
    if let Some(f) = &s.bg_nbd {
        assert!([f.params.r, f.params.alpha, f.params.a, f.params.b, f.log_likelihood].iter().all(|v| v.is_finite()), "{f:?}");
    }
    if let Some(f) = &s.pareto_nbd {
        assert!([f.params.r, f.params.alpha, f.params.s, f.params.beta, f.log_likelihood].iter().all(|v| v.is_finite()), "{f:?}");
    }
    if let Some(c) = &s.checks {
        assert!(c.repeat_histogram.iter().all(|b| b.expected.is_finite()));
        assert!(c.p_alive_matrix.values.iter().flatten().all(|v| v.is_finite()));
        assert!(c.cumulative.iter().flatten().all(|p| p.expected_cumulative.is_finite()));
        assert!(c.holdout.iter().flat_map(|h| &h.bins).all(|b| b.predicted_mean.is_finite()));
    }
    if let Some(r) = &s.groups.retention {
        assert!(r.clv.is_finite() && r.retention_rate.is_finite(), "{r:?}");
    }
    if let Some(m) = &s.groups.migration {
        assert!(m.value.iter().chain(&m.buy_probability).all(|v| v.is_finite()), "{m:?}");
    }
    for line in s.report.lines(kezhi_engine::lang::Lang::En) {
        assert!(!line.contains("NaN") && !line.contains("inf"), "{line}");
    }
}

#[test]
fn every_customer_with_one_purchase() {
    let csv: String = std::iter::once("customer_id,date,amount\n".to_string())
        .chain((0..40).map(|i| format!("C{i},2024-0{}-1{},{}\n", 1 + i % 9, i % 10, 10 + i)))
        .collect();
    let s = scored(&csv);
    assert_all_finite(&s);
    assert_eq!(s.report.verdict, Verdict::NotUsable);
    assert!(s.customers.iter().all(|c| c.clv.is_none() && c.p_alive.is_none()));
}

#[test]
fn everything_on_one_day() {
    let csv: String = std::iter::once("customer_id,date,amount\n".to_string())
        .chain((0..60).flat_map(|i| [format!("C{i},2024-03-01,{}\n", 5 + i), format!("C{i},2024-03-01,7\n")]))
        .collect();
    let s = scored(&csv);
    assert_all_finite(&s);
    assert_eq!(s.report.verdict, Verdict::NotUsable, "one occasion each: no repeat customer");
}

#[test]
fn one_customer_only() {
    let csv: String = std::iter::once("customer_id,date,amount\n".to_string())
        .chain((1..=28).map(|d| format!("C1,2024-02-{d:02},12.5\n")))
        .collect();
    let s = scored(&csv);
    assert_all_finite(&s);
    assert_eq!(s.customers.len(), 1);
}

#[test]
fn identical_repeat_customers() {
    // 30 customers with exactly the same history: the likelihood is degenerate in places.
    let csv: String = std::iter::once("customer_id,date,amount\n".to_string())
        .chain((0..30).flat_map(|i| ["2024-01-05", "2024-02-05", "2024-03-05"].map(|d| format!("C{i},{d},20\n"))))
        .collect();
    let s = scored(&csv);
    assert_all_finite(&s);
}

#[test]
fn small_demo_retailers() {
    for (customers, seed) in [(60, 1), (200, 2), (500, 3)] {
        let data = generate(&DemoParams { customers, seed, ..DemoParams::default() });
        let s = scored(&data.to_csv());
        assert_all_finite(&s);
        assert_ne!(s.report.verdict, Verdict::NotUsable, "{customers} customers, seed {seed}: {:?}", s.report);
    }
}

/// `n` customers who all buy as one Poisson process (a purchase every `gap_days` on average, nobody
/// dropping out) through 2024, spending `spend(customer, purchase)`: xorshift, so the file is the same
/// on every run.
fn poisson_purchases(n: usize, gap_days: f64, spend: impl Fn(usize, usize, f64) -> f64) -> String {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut uniform = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut csv = String::from("customer_id,date,amount\n");
    for c in 0..n {
        let mut day = (uniform() * 120.0).floor();
        let mut k = 0;
        while day < 366.0 {
            let date = start + chrono::Days::new(day as u64);
            csv += &format!("K{c:04},{date},{:.2}\n", spend(c, k, uniform()));
            day += (-gap_days * (1.0 - uniform()).ln()).floor().max(1.0);
            k += 1;
        }
    }
    csv
}

/// Purchases as one Poisson process for everyone, nobody dropping out: BG/NBD's and Pareto/NBD's
/// likelihoods keep rising as r and α grow together and the dropout parameter falls to zero. The fits
/// stop at the edge of their search and say which limit they are at, in a few evaluations instead of
/// following the parameters to infinity (bounded by the fit's budget), and the
/// limit's figures still predict the holdout.
#[test]
fn poisson_purchases_sit_at_a_limit_of_the_models() {
    let s = scored(&poisson_purchases(386, 21.0, |_, _, u| 42.0 + 16.0 * u));
    assert_all_finite(&s);
    let limits = |model: Model| {
        s.report.findings.iter().find_map(|f| match f {
            Finding::AtLimit { model: m, limits } if *m == model => Some(limits.clone()),
            _ => None,
        })
    };
    for model in [Model::BgNbd, Model::ParetoNbd] {
        let l = limits(model).unwrap_or_else(|| panic!("{model}: {:?}", s.report.findings));
        assert!(matches!(l[0], ModelLimit::SameRate { rate } if (rate - 7.0 / 21.0).abs() < 0.05), "{model}: {l:?}");
        assert_eq!(l[1..], [ModelLimit::NoDropout], "{model}");
    }
    // The symptoms are not listed beside the limit.
    assert!(!s.report.findings.iter().any(|f| matches!(f, Finding::NotConverged { .. } | Finding::NoStandardErrors { .. } | Finding::AtBound { .. })), "{:?}", s.report.findings);
    assert_eq!(s.report.verdict, Verdict::UseWithCare);
    let bg = s.bg_nbd.as_ref().expect("the limit's BG/NBD is kept");
    assert!(matches!(bg.outcome, Outcome::RanOff { .. }), "{bg:?}");
    // Pareto/NBD stops at the limit too (by crawling along it, `fitting::Problem::crawling_to_the_edge`),
    // not at its budget.
    let pnbd = s.pareto_nbd.as_ref().expect("Pareto/NBD at its limit");
    assert!(matches!(pnbd.outcome, Outcome::RanOff { .. }), "{pnbd:?}");
    assert!(s.report.findings.iter().any(|f| matches!(f, Finding::HoldoutFine { .. })), "{:?}", s.report.findings);
}

/// Every order of every customer of the same amount: Gamma-Gamma's q (customers' mean spends alike)
/// runs off; the expected spend is that amount, and it is said why. (p, the orders of one customer
/// alike, is not pinned: the model sees each customer's mean spend only.)
#[test]
fn identical_spends_sit_at_gamma_gammas_limit() {
    let s = scored(&poisson_purchases(200, 30.0, |_, _, _| 25.0));
    assert_all_finite(&s);
    let gg = s.report.findings.iter().find_map(|f| match f {
        Finding::AtLimit { model: Model::GammaGamma, limits } => Some(limits.clone()),
        _ => None,
    });
    assert!(gg.is_some_and(|l| l.contains(&ModelLimit::SameMeanSpend)), "{:?}", s.report.findings);
    for c in &s.customers {
        if let Some(m) = c.expected_mean_spend {
            assert!((m - 25.0).abs() < AT_LIMIT_REL * 25.0, "{c:?}");
        }
    }
}

/// Amounts of a billion and more a purchase: the fits work in logs, so nothing overflows.
#[test]
fn huge_spends_stay_finite() {
    let s = scored(&poisson_purchases(150, 40.0, |c, _, u| 1e9 * (1.0 + (c % 7) as f64) * (0.8 + 0.4 * u)));
    assert_all_finite(&s);
    assert!(s.gamma_gamma.is_some(), "{:?}", s.report.findings);
}
