//! Fit once, score anywhere (docs/warehouse.md): `kezhi fit SUMMARY --out model.json`, then
//! `kezhi score --model model.json` on summary rows streamed in chunks — with a header and commas, and
//! without one and with tabs, as Spark's `SELECT TRANSFORM` sends them — gives every customer the
//! row `kezhi score SUMMARY` gives it, cell for cell, in every column: the scores, the priority and
//! every framework's class.

use std::io::Write;
use std::process::{Command, Stdio};

fn kezhi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kezhi"))
}

/// The demo retailer's customers as the warehouse SQL writes them: five columns, one row a customer.
fn summary(dir: &std::path::Path, customers: usize) -> std::path::PathBuf {
    let (tx, table) = (dir.join("tx.csv"), dir.join("customers.csv"));
    let o = kezhi().args(["demo", "--customers", &customers.to_string(), "--seed", "4", "--out"]).arg(&tx).output().expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = kezhi().arg("import").arg(&tx).arg("--out").arg(&table).output().expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut reader = csv::Reader::from_path(&table).expect("customers");
    let header = reader.headers().expect("header").clone();
    let at = |name: &str| header.iter().position(|h| h.trim_start_matches('\u{feff}') == name).expect(name);
    let cols = ["customer_id", "frequency", "recency", "T", "monetary_value"].map(at);
    let out = dir.join("summary.csv");
    let mut w = csv::Writer::from_path(&out).expect("summary");
    w.write_record(["customer_id", "frequency", "recency", "T", "monetary_value"]).expect("write");
    for r in reader.records() {
        let r = r.expect("row");
        w.write_record(cols.map(|c| &r[c])).expect("write");
    }
    w.flush().expect("flush");
    out
}

/// Rows keyed by customer id: column name → cell.
fn rows_by_id(text: &str, delimiter: u8, header: Option<Vec<String>>) -> (Vec<String>, std::collections::HashMap<String, Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(header.is_none()).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = header.unwrap_or_else(|| reader.headers().expect("header").iter().map(String::from).collect());
    let rows = reader.records().map(|r| r.expect("row").iter().map(String::from).collect::<Vec<_>>()).map(|r| (r[0].clone(), r)).collect();
    (header, rows)
}

#[test]
fn a_model_scores_its_own_customers_as_kezhi_score_does() {
    let dir = tempfile::Builder::new().prefix("kezhi-model").tempdir().expect("tmp");
    let summary = summary(dir.path(), 2500);
    let model = dir.path().join("model.json");
    let o = kezhi().arg("fit").arg(&summary).arg("--out").arg(&model).output().expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("fitted on 2500 of 2500 customers"), "{}", String::from_utf8_lossy(&o.stderr));
    let full = dir.path().join("full.csv");
    let o = kezhi().arg("score").arg(&summary).arg("--out").arg(&full).output().expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (full_header, full_rows) = rows_by_id(&std::fs::read_to_string(&full).expect("full"), b',', None);

    // With a header and commas, from a file, in chunks of 333 rows (8 chunks).
    let o = kezhi().args(["score", "--chunk-rows", "333", "--model"]).arg(&model).arg(&summary).output().expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("scored 2500 customers with the model; rows that could not be used: 0"));
    let (header, rows) = rows_by_id(&String::from_utf8(o.stdout).expect("utf-8"), b',', None);
    assert_eq!(rows.len(), 2500);
    assert_eq!(header, full_header, "the same columns in the same order");
    let mut compared = 0;
    for (name, k) in header.iter().zip(0..) {
        let j = full_header.iter().position(|h| h == name).unwrap_or_else(|| panic!("`kezhi score` writes no {name}"));
        for (id, row) in &rows {
            assert_eq!(row[k], full_rows[id][j], "{id} {name}");
            compared += 1;
        }
    }
    assert_eq!(compared, 2500 * 36, "36 columns of every customer");
    // The classes are not all alike (the comparison could not pass on empty or constant columns).
    // The new-customer matrix holds the one-purchase customers only (the others' cell is empty), and
    // a summary gives them no first spend, so they split on the conversion probability alone.
    for (name, least) in [("priority_score", 1000), ("pyramid_level", 4), ("tier", 6), ("gmcb_class", 4), ("new_matrix_class", 3), ("value_grid_cell", 5), ("cluster", 4)] {
        let k = header.iter().position(|h| h == name).expect(name);
        let distinct: std::collections::HashSet<&str> = rows.values().map(|r| r[k].as_str()).collect();
        assert!(distinct.len() >= least, "{name}: {} distinct", distinct.len());
    }

    // Without a header, with tabs, on standard input (as Spark's TRANSFORM sends rows).
    let text = std::fs::read_to_string(&summary).expect("summary");
    let tabbed: String = text.lines().skip(1).map(|l| l.replace(',', "\t") + "\n").collect();
    let mut child = kezhi().args(["score", "--chunk-rows", "1000", "--model"]).arg(&model).arg("-").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(tabbed.as_bytes()));
    let o = child.wait_with_output().expect("run");
    writer.join().expect("writer").expect("write");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (_, tab_rows) = rows_by_id(&String::from_utf8(o.stdout).expect("utf-8"), b'\t', Some(header.clone()));
    assert_eq!(tab_rows, rows, "the same rows without a header, tab-separated");
}

/// A row that cannot be used is said on standard error with its line and counted; the others are
/// scored. A model file of another layout, or flags the model overrides, are refused.
#[test]
fn bad_rows_are_counted_and_bad_models_refused() {
    let dir = tempfile::Builder::new().prefix("kezhi-model").tempdir().expect("tmp");
    let summary = summary(dir.path(), 400);
    let model = dir.path().join("model.json");
    assert!(kezhi().arg("fit").arg(&summary).arg("--out").arg(&model).output().expect("run").status.success());
    let mut text = std::fs::read_to_string(&summary).expect("summary");
    text.push_str("X1,two,1,3,10\n");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, &text).expect("write");
    // In a chunk with others (150 rows a chunk: the last holds 101), and alone in its chunk.
    for (chunk, said) in [("150", "line 402: frequency (two)"), ("100", "lines 402–402: none of these 1 rows could be used; line 402, column 2 (frequency)")] {
        let o = kezhi().args(["score", "--chunk-rows", chunk, "--model"]).arg(&model).arg(&bad).output().expect("run");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{err}");
        assert!(err.contains(said), "{err}");
        assert!(err.contains("scored 400 customers with the model; rows that could not be used: 1"), "{err}");
        assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 401, "a header and 400 rows");
    }

    std::fs::write(dir.path().join("old.json"), "{\"format\": 0}").expect("write");
    let o = kezhi().args(["score", "--model"]).arg(dir.path().join("old.json")).arg(&summary).output().expect("run");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("layout 0"), "{}", String::from_utf8_lossy(&o.stderr));
    let o = kezhi().args(["score", "--horizon-months", "6", "--model"]).arg(&model).arg(&summary).output().expect("run");
    assert_eq!(o.status.code(), Some(2));
}
