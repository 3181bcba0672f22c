//! The model checks of docs/methods.md §2d on CDNOW (calibration to 1997-09-30, holdout to 1998-06-30,
//! weeks), against the same checks computed by `lifetimes` 0.11.3:
//! tests/fixtures/cdnow/holdout_reference.py wrote holdout_reference.json.

use kezhi_engine::table::customer_table::CustomerTable;
use kezhi_engine::import::header_mapping::Role;
use kezhi_engine::import::ImportOptions;
use kezhi_engine::table::imported::import;
use kezhi_engine::models::model_checks::{calibration_holdout, cumulative_tracking, p_alive_matrix, repeat_histogram};
use kezhi_engine::models::repeat_data::RepeatData;
use kezhi_engine::settings::Settings;
use kezhi_engine::tolerances::{IDENTITY_REL, OTHER_IMPLEMENTATION_REL};
use kezhi_engine::models::{bg_nbd, model_checks};
use serde_json::Value;

fn table_at(date: &str) -> CustomerTable {
    let path = format!("{}/../../tests/fixtures/cdnow/CDNOW_sample.txt", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read(path).expect("CDNOW_sample.txt");
    let opts = ImportOptions { overrides: vec![(Role::CustomerId, "2".into())], ..ImportOptions::default() };
    let settings = Settings { analysis_date: date.parse().ok(), ..Settings::default() };
    import(&raw, "CDNOW_sample.txt", &opts, &settings, &mut |_| {}).expect("import").table
}

fn reference() -> Value {
    let path = format!("{}/../../tests/fixtures/cdnow/holdout_reference.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("reference")).expect("json")
}

fn close(got: f64, want: f64, rel: f64) -> bool {
    (got - want).abs() <= rel * want.abs().max(1e-12)
}

#[test]
fn calibration_holdout_matches_lifetimes_on_cdnow() {
    let table = table_at("1998-06-30");
    let check = calibration_holdout(&table, "1997-09-30".parse().unwrap(), None).expect("holdout check");
    let want = reference();
    assert_eq!(check.holdout_length, want["holdout_length_weeks"].as_f64().unwrap());
    assert_eq!(check.calibration_customers, 2357);
    let p = check.calibration_fit.params;
    for (got, key) in [(p.r, "r"), (p.alpha, "alpha"), (p.a, "a"), (p.b, "b")] {
        let w = want["params"][key].as_f64().unwrap();
        assert!(close(got, w, OTHER_IMPLEMENTATION_REL), "{key}: {got} vs lifetimes {w}");
    }
    let bins = want["bins"].as_array().unwrap();
    assert_eq!(check.bins.len(), bins.len());
    for (got, w) in check.bins.iter().zip(bins) {
        assert_eq!(got.calibration_repeats, w["calibration_repeats"].as_u64().unwrap() as u32);
        assert_eq!(got.customers, w["customers"].as_u64().unwrap());
        let (actual, predicted) = (w["actual_mean"].as_f64().unwrap(), w["predicted_mean"].as_f64().unwrap());
        assert!(close(got.actual_mean, actual, IDENTITY_REL), "bin {}: actual {} vs {actual}", got.calibration_repeats, got.actual_mean);
        assert!(
            close(got.predicted_mean, predicted, OTHER_IMPLEMENTATION_REL),
            "bin {}: predicted {} vs {predicted}",
            got.calibration_repeats,
            got.predicted_mean
        );
    }
}

#[test]
fn repeat_histogram_matches_lifetimes_on_cdnow() {
    let table = table_at("1997-09-30");
    let data = RepeatData::from_table(&table);
    let fit = bg_nbd::fit(&data, None).expect("fit");
    let hist = repeat_histogram(&fit.params, &data);
    let want = reference();
    let expected = want["histogram_expected"].as_array().unwrap();
    for (bin, w) in hist.iter().zip(expected) {
        let w = w.as_f64().unwrap();
        assert!(close(bin.expected, w, OTHER_IMPLEMENTATION_REL), "{} repeats: {} vs lifetimes {w}", bin.repeats, bin.expected);
    }
    // Actual counts: 1,411 customers made no repeat purchase in the calibration period (the reference bins say the same).
    assert_eq!(hist[0].actual, 1411.0);
    assert_eq!(hist.iter().map(|b| b.actual).sum::<f64>(), 2357.0);
    assert!(close(hist.iter().map(|b| b.expected).sum::<f64>(), 2357.0, IDENTITY_REL));
}

/// The last tracking point's expectation is Σᵢ E[X(Tᵢ)] over the table's own T (a second route to
/// the same number), and the actual count is every occasion but each customer's first.
#[test]
fn cumulative_tracking_ends_at_the_tables_totals() {
    let table = table_at("1997-09-30");
    let data = RepeatData::from_table(&table);
    let fit = bg_nbd::fit(&data, None).expect("fit");
    let track = cumulative_tracking(&fit.params, &table).expect("dated data");
    let last = track.last().unwrap();
    assert_eq!(last.date, "1997-09-30".parse().unwrap());
    let repeats: f64 = table.customers.iter().map(|c| c.frequency).sum();
    assert_eq!(last.actual_cumulative, repeats);
    let want: f64 = table.customers.iter().map(|c| bg_nbd::expected_population(&fit.params, c.t)).sum();
    assert!(close(last.expected_cumulative, want, IDENTITY_REL), "{} vs {want}", last.expected_cumulative);
    assert!(track
        .windows(2)
        .all(|w| w[1].actual_cumulative >= w[0].actual_cumulative && w[1].expected_cumulative >= w[0].expected_cumulative));
    // 39 weeks and a day: 1997-01-01 .. 1997-09-30 is 272 days.
    assert_eq!(track.len(), 39);
}

#[test]
fn p_alive_matrix_is_one_for_no_repeats_and_rises_with_recency() {
    let table = table_at("1997-09-30");
    let data = RepeatData::from_table(&table);
    let fit = bg_nbd::fit(&data, None).expect("fit");
    let m = p_alive_matrix(&fit.params, &data, 10, 20);
    assert_eq!((m.values.len(), m.values[0].len()), (11, 20));
    assert!(m.values[0].iter().all(|&v| v == 1.0));
    for row in &m.values[1..] {
        assert!(row.windows(2).all(|w| w[1] >= w[0]), "{row:?}");
    }
    // A purchase at T leaves only the dropout odds: P = 1 / (1 + a/(b+x−1)) (FHL 2005, eq. 11 with t_x = T).
    let p = fit.params;
    for (row, &x) in m.values.iter().zip(&m.frequencies).skip(1) {
        assert!(close(*row.last().unwrap(), 1.0 / (1.0 + p.a / (p.b + x - 1.0)), IDENTITY_REL));
    }
    // 272 days from 1997-01-01 to 1997-09-30; the last quarter starts ⌊0.75 · 272⌋ = 204 days in: 24 July.
    assert_eq!(model_checks::default_split(&table, Settings::default().holdout_share), "1997-07-24".parse().ok());
}
