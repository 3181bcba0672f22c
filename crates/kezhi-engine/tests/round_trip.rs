//! Round trip: the scored CSV export, re-imported as a customer summary, reproduces the
//! scores. What a summary cannot carry is stated, not hidden: the first purchase's value (a summary's
//! revenue is repeat revenue, docs/methods.md §0), so M scores and the value-based classes may differ; and
//! per-row costs (a summary takes the margin rate), so the source file here has no cost column.

use kezhi_engine::views::csv_export::scored_csv_of;
use kezhi_engine::table::demo_data::{generate, DemoParams};
use kezhi_engine::import::ImportOptions;
use kezhi_engine::table::imported::{import, Imported};
use kezhi_engine::lang::Lang;
use kezhi_engine::scoring::score;
use kezhi_engine::settings::Settings;
use kezhi_engine::tolerances::{EXPORT_DECIMALS_ABS, REFIT_RELATIVE};

/// The demo retailer's log without its cost column.
fn transactions_without_costs() -> String {
    let csv = generate(&DemoParams { customers: 1500, ..DemoParams::default() }).to_csv();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = reader.headers().expect("header").clone();
    let cost = header.iter().position(|h| h == "cost").expect("a cost column");
    let keep = |r: &csv::StringRecord| r.iter().enumerate().filter(|(i, _)| *i != cost).map(|(_, f)| f.to_string()).collect::<Vec<_>>();
    writer.write_record(keep(&header)).expect("write");
    for r in reader.records() {
        writer.write_record(keep(&r.expect("row"))).expect("write");
    }
    String::from_utf8(writer.into_inner().expect("flush")).expect("utf-8")
}

fn close(x: Option<f64>, y: Option<f64>, what: &str, id: &str) {
    match (x, y) {
        (Some(x), Some(y)) => assert!((x - y).abs() <= REFIT_RELATIVE * x.abs().max(1.0), "{id} {what}: {x} vs {y}"),
        (x, y) => assert_eq!(x.is_some(), y.is_some(), "{id} {what}"),
    }
}

#[test]
fn the_scored_export_imported_as_a_summary_gives_the_same_scores() {
    let settings = Settings::default();
    let src = transactions_without_costs();
    let first: Imported = import(src.as_bytes(), "log.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("imports");
    let scored = score(&first.table, &settings);
    let all: Vec<usize> = (0..first.table.customers.len()).collect();
    for lang in [Lang::En, Lang::Zh] {
        let export = scored_csv_of(&first.table, &scored, lang, &all, Some(settings.margin_rate), false);
        let back = import(export.as_bytes(), "scored.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("re-imports");
        assert!(back.table.from_summary, "{lang:?}: read as a customer summary");
        assert!(back.report.balanced() && back.report.rows_rejected == 0, "{lang:?}: {:?}", back.report);
        let again = score(&back.table, &settings);
        assert_eq!(back.table.customers.len(), first.table.customers.len());
        let (mut r_same, mut f_same) = (0usize, 0usize);
        for (i, (c, d)) in first.table.customers.iter().zip(&back.table.customers).enumerate() {
            assert_eq!(c.id, d.id, "customers in the same order");
            for (x, y, what) in [(c.frequency, d.frequency, "frequency"), (c.recency, d.recency, "recency"), (c.t, d.t, "T")] {
                assert!((x - y).abs() <= EXPORT_DECIMALS_ABS, "{}: {what} {x} written and read back as {y}", c.id);
            }
            let (s, t) = (&scored.customers[i], &again.customers[i]);
            close(s.p_alive, t.p_alive, "P(alive)", &c.id);
            close(s.expected_purchases_horizon, t.expected_purchases_horizon, "expected purchases", &c.id);
            close(s.expected_mean_spend, t.expected_mean_spend, "expected spend", &c.id);
            close(s.clv, t.clv, "CLV", &c.id);
            r_same += usize::from(s.r_score == t.r_score);
            f_same += usize::from(s.f_score == t.f_score);
        }
        let n = first.table.customers.len();
        assert_eq!((r_same, f_same), (n, n), "{lang:?}: R and F scores are the same for every customer");
    }
}

/// The customer table `kezhi import --out` writes (`customers_csv`: frequency, recency, T and a
/// `first_date` column) reads back as a customer summary with the same customers and numbers, not
/// as a transaction log of one purchase per customer dated on its first purchase.
#[test]
fn a_customer_table_export_reads_back_as_a_summary() {
    let settings = Settings::default();
    let src = transactions_without_costs();
    let first: Imported = import(src.as_bytes(), "log.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("imports");
    let export = kezhi_engine::views::csv_export::customers_csv(&first.table);
    let back = import(export.as_bytes(), "customers.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("re-imports");
    assert!(back.table.from_summary, "read as a customer summary: {:?}", back.detected.shape);
    assert!(back.report.balanced() && back.report.rows_rejected == 0, "{:?}", back.report);
    assert_eq!(back.table.customers.len(), first.table.customers.len());
    for (c, d) in first.table.customers.iter().zip(&back.table.customers) {
        assert_eq!(c.id, d.id);
        for (x, y, what) in [(c.frequency, d.frequency, "frequency"), (c.recency, d.recency, "recency"), (c.t, d.t, "T"), (c.monetary_value, d.monetary_value, "monetary value")] {
            assert!((x - y).abs() <= EXPORT_DECIMALS_ABS * x.abs().max(1.0), "{}: {what} {x} written and read back as {y}", c.id);
        }
    }
}
