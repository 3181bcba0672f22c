//! The customer table on a case computed by hand (docs/methods.md §0): same-day merging, returns netted,
//! a day netting to zero, margins from cost, x / t_x / T in weeks, mean repeat spend.

use kezhi_engine::import::ImportOptions;
use kezhi_engine::table::imported::import;
use kezhi_engine::settings::Settings;
use kezhi_engine::time_unit::TimeUnit;
use kezhi_engine::tolerances::HAND_COMPUTED_ABS as EPS;

const CSV: &str = "\
customer_id,date,amount,order_id,cost
A,2024-01-01,100.00,O1,60
A,2024-01-01,50.00,O2,30
A,2024-01-15,80.00,O3,40
A,2024-02-05,-20.00,R1,-10
A,2024-03-04,40.00,O4,25
B,2024-01-10,200.00,O5,150
B,2024-01-10,-200.00,R2,-150
B,2024-02-01,30.00,O6,20
C,2024-03-04,500.00,O7,400
";

#[test]
fn customer_table_matches_the_hand_computation() {
    let i = import(CSV.as_bytes(), "hand.csv", &ImportOptions::default(), &Settings::default(), &mut |_| {}).expect("import");
    assert_eq!(i.table.analysis_date.map(|d| d.to_string()).as_deref(), Some("2024-03-04"));
    let c: Vec<_> = i.table.customers.iter().collect();
    assert_eq!(c.len(), 3);

    // A: occasions 01-01 (150), 01-15 (80), 03-04 (40); 02-05 nets to −20 and is no occasion.
    let a = c[0];
    assert_eq!((a.occasions, a.orders, a.frequency), (3, 5, 2.0));
    assert!((a.revenue - 250.0).abs() < EPS, "150 + 80 − 20 + 40");
    assert!((a.margin - 105.0).abs() < EPS, "60 + 40 − 10 + 15");
    assert!((a.recency - 9.0).abs() < EPS, "63 days = 9 weeks");
    assert!((a.t - 9.0).abs() < EPS);
    assert!((a.monetary_value - 60.0).abs() < EPS, "(80 + 40) / 2: the first purchase is not a repeat");
    let occ: Vec<f64> = i.table.occasions_of(0).iter().map(|o| o.spend).collect();
    assert_eq!(occ, vec![150.0, 80.0, 40.0]);

    // B: 01-10 nets to 0 (no occasion); 02-01 is its first and only occasion, 32 days before 03-04.
    let b = c[1];
    assert_eq!((b.occasions, b.frequency, b.monetary_value), (1, 0.0, 0.0));
    assert_eq!(b.first_date.map(|d| d.to_string()).as_deref(), Some("2024-02-01"));
    assert!((b.t - 32.0 / 7.0).abs() < EPS);
    assert!((b.revenue - 30.0).abs() < EPS && (b.margin - 10.0).abs() < EPS);

    // C: one occasion on the analysis date itself.
    let cc = c[2];
    assert_eq!((cc.frequency, cc.recency, cc.t), (0.0, 0.0, 0.0));
    assert!((cc.margin - 100.0).abs() < EPS);

    assert_eq!((i.report.return_rows, i.report.non_occasion_days), (2, 2));
    assert!((i.overview.repeat_share - 1.0 / 3.0).abs() < EPS);
    assert!((i.overview.revenue - 780.0).abs() < EPS);
    let months: Vec<(String, f64, u64)> = i.overview.monthly.iter().map(|m| (m.month.clone(), m.revenue, m.active_customers)).collect();
    assert_eq!(
        months,
        vec![("2024-01".into(), 230.0, 1), ("2024-02".into(), 10.0, 1), ("2024-03".into(), 540.0, 2)]
    );
}

#[test]
fn time_units_and_the_margin_rate_apply() {
    let settings = Settings { time_unit: TimeUnit::Day, margin_rate: 0.5, ..Settings::default() };
    let csv = "id,date,amount\nA,2024-01-01,10\nA,2024-01-31,30\n";
    let i = import(csv.as_bytes(), "x.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("import");
    let a = &i.table.customers[0];
    assert_eq!((a.recency, a.t), (30.0, 30.0));
    assert!((a.margin - 20.0).abs() < EPS, "no cost column: 50% of 40");
    let monthly = Settings { time_unit: TimeUnit::Month, ..Settings::default() };
    let i = import(csv.as_bytes(), "x.csv", &ImportOptions::default(), &monthly, &mut |_| {}).expect("import");
    assert!((i.table.customers[0].t - 30.0 / 30.4375).abs() < EPS);
}
