//! From the raw CDNOW transactions (tests/fixtures/cdnow/SOURCE.md), the customer table at the end of
//! the 39-week calibration period equals the `lifetimes` package's published summary of the same
//! customers (frequency, recency, T in weeks), customer for customer.

use kezhi_engine::import::header_mapping::Role;
use kezhi_engine::import::ImportOptions;
use kezhi_engine::table::imported::import;
use kezhi_engine::settings::Settings;

/// lifetimes rounds its summary to two decimals.
const ROUNDING: f64 = 0.005 + 1e-9;

#[test]
fn cdnow_customer_table_matches_the_lifetimes_summary() {
    let dir = format!("{}/../../tests/fixtures/cdnow", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read(format!("{dir}/CDNOW_sample.txt")).expect("CDNOW_sample.txt");
    let opts = ImportOptions { overrides: vec![(Role::CustomerId, "2".into())], ..ImportOptions::default() };
    let settings = Settings { analysis_date: "1997-09-30".parse().ok(), ..Settings::default() };
    let i = import(&raw, "CDNOW_sample.txt", &opts, &settings, &mut |_| {}).expect("import");
    assert!(i.report.balanced());
    assert_eq!((i.report.rows_read, i.report.rows_rejected, i.report.rows_after_analysis_date), (6919, 0, 1959));
    assert_eq!(i.table.customers.len(), 2357);

    let summary = std::fs::read_to_string(format!("{dir}/cdnow_customers_summary.csv")).expect("summary");
    let mut checked = 0;
    for line in summary.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let id = f[0];
        let want: Vec<f64> = f[1..4].iter().map(|v| v.parse().expect("number")).collect();
        let c = i.table.customers.iter().find(|c| c.id.trim_start_matches('0') == id).expect(id);
        for (got, want, what) in [(c.frequency, want[0], "frequency"), (c.recency, want[1], "recency"), (c.t, want[2], "T")] {
            assert!((got - want).abs() <= ROUNDING, "customer {id} {what}: {got} vs lifetimes {want}");
        }
        checked += 1;
    }
    assert_eq!(checked, 2357);
}
