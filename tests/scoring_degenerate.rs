//! Files that cannot support a model still score: every number that reaches an output is finite
//! (METHODS §2d, issue 3: "No NaN or infinity ever reaches an output"), and the report says why a
//! model is missing.

use kezhi::engine::demo_data::{generate, DemoParams};
use kezhi::engine::fit_report::Verdict;
use kezhi::engine::import::{import, ImportOptions};
use kezhi::engine::scoring::{score, Scored};
use kezhi::engine::settings::Settings;

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
    for line in s.report.lines(kezhi::engine::lang::Lang::En) {
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
