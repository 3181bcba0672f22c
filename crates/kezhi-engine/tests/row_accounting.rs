//! Property: for any mix of good and bad rows, rows read = rows used + rows rejected, and every
//! rejected row is listed with its true line number.

use kezhi_engine::import::ImportOptions;
use kezhi_engine::table::imported::import;
use kezhi_engine::settings::Settings;
use proptest::prelude::*;

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2024-01-05".to_string()),
        Just("2024-02-30".to_string()),
        Just("".to_string()),
        Just("12.50".to_string()),
        Just("¥1,234".to_string()),
        Just("abc".to_string()),
        Just("-3".to_string()),
        Just("C1".to_string()),
        Just("\"a,b\"".to_string()),
        "[0-9]{1,4}",
    ]
}

fn row() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(cell(), 1..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn rows_read_equals_used_plus_rejected(rows in prop::collection::vec(row(), 1..60)) {
        let mut csv = String::from("customer_id,date,amount\n");
        // A good first row keeps the detection stable; every other row is random.
        csv.push_str("C0,2024-01-01,1.00\n");
        for r in &rows {
            csv.push_str(&r.join(","));
            csv.push('\n');
        }
        let lines = csv.lines().count() as u64;
        match import(csv.as_bytes(), "p.csv", &ImportOptions::default(), &Settings::default(), &mut |_| {}) {
            Ok(i) => {
                prop_assert!(i.report.balanced(), "{:?}", i.report);
                prop_assert_eq!(i.report.rows_rejected as usize, i.rejects.len());
                for r in &i.rejects {
                    prop_assert!(r.line >= 2 && r.line <= lines, "line {} of {}", r.line, lines);
                }
            }
            Err(f) => prop_assert!(false, "a file with a good row must import: {:?}", f.error),
        }
    }
}
