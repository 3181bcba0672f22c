//! The CLI as a user runs it: `kezhi import FILE --json --out customers.csv`.

use std::process::Command;

fn kezhi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kezhi"))
}

/// A directory for a test's files, removed when the test ends, pass or fail (tempfile's `TempDir`).
fn temp_dir(prefix: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(prefix).tempdir().expect("tmp")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn import_json_has_the_documented_fields_and_writes_the_customer_table() {
    let dir = temp_dir("kezhi-cli");
    let out = dir.path().join("customers.csv");
    let o = kezhi()
        .args(["import", &fixture("bad_rows.csv"), "--json", "--unit", "day", "--out"])
        .arg(&out)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    for key in [
        "rows_read", "rows_used", "rows_rejected", "rows_after_analysis_date", "customers", "encoding", "delimiter", "shape",
        "date_min", "date_max", "rejects",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!((v["rows_read"].as_u64(), v["rows_used"].as_u64(), v["rows_rejected"].as_u64()), (Some(10), Some(6), Some(4)));
    assert_eq!(v["shape"], "transactions");
    assert_eq!(v["delimiter"], "comma");
    assert_eq!(v["rejects"][0]["line"], 4);
    assert_eq!(v["rejects"][0]["column"], 2);
    assert_eq!(v["rejects"][0]["value"], "2024-02-30");
    assert_eq!(v["rejects"][0]["reason"], "no such calendar date");

    let table = std::fs::read_to_string(&out).expect("customers.csv");
    let table = table.trim_start_matches('\u{feff}');
    let mut lines = table.lines();
    assert_eq!(
        lines.next(),
        Some("customer_id,first_date,last_date,frequency,recency,T,monetary_value,occasions,orders,revenue,margin")
    );
    assert_eq!(lines.next(), Some("B1,2024-01-01,2024-01-08,1,7,62,12,2,2,22,6.6"));
    assert!(dir.path().join("customers.settings.json").exists(), "settings side file");
}

#[test]
fn mapping_overrides_encoding_and_errors_from_the_command_line() {
    let o = kezhi()
        .args(["import", &fixture("zh_gbk.csv"), "--json", "--encoding", "gb18030", "--map", "name=渠道"])
        .output()
        .expect("run");
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["encoding"], "gb18030");
    let name_col = v["mapping"].as_array().and_then(|m| m.iter().find(|c| c["role"] == "name")).map(|c| c["column"].clone());
    assert_eq!(name_col, Some(serde_json::json!("渠道")));

    let o = kezhi().args(["import", &fixture("empty.csv")]).output().expect("run");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("empty.csv is empty"));
    let o = kezhi().args(["import", &fixture("ambiguous_dates.csv"), "--lang", "zh"]).output().expect("run");
    assert_eq!(o.status.code(), Some(2));
    // The command line names its flag where the page names its mapping screen.
    assert!(String::from_utf8_lossy(&o.stderr).contains("无法判断。请用 --date-format dmy"), "{}", String::from_utf8_lossy(&o.stderr));
    let o = kezhi().args(["import", &fixture("ambiguous_dates.csv"), "--date-format", "dmy", "--json"]).output().expect("run");
    assert!(o.status.success());
}

#[test]
fn score_reports_the_fits_and_writes_every_column_without_nan() {
    let dir = temp_dir("kezhi-score");
    let out = dir.path().join("scored.csv");
    let o = kezhi()
        .args(["score", &fixture("cdnow/CDNOW_sample.txt"), "--analysis-date", "1997-09-30", "--map", "customer_id=2", "--json", "--out"])
        .arg(&out)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    for key in ["r", "alpha", "a", "b", "log_likelihood", "converged"] {
        assert!(v["bg_nbd"].get(key).is_some(), "bg_nbd.{key}");
    }
    for key in ["p", "q", "gamma", "log_likelihood"] {
        assert!(v["gamma_gamma"].get(key).is_some(), "gamma_gamma.{key}");
    }
    for key in ["r", "alpha", "s", "beta", "log_likelihood", "converged"] {
        assert!(v["pareto_nbd"].get(key).is_some(), "pareto_nbd.{key}");
    }
    assert!((v["bg_nbd"]["log_likelihood"].as_f64().unwrap_or(0.0) + 9582.4).abs() < 0.05);
    assert!((v["pareto_nbd"]["log_likelihood"].as_f64().unwrap_or(0.0) + 9595.0).abs() < 0.05);
    assert_eq!(v["checks"]["repeat_histogram"].as_array().map(Vec::len), Some(8));
    // Issue 4's aggregates: per framework, class → customers, shares, margin and the strategy.
    for (framework, classes) in [("new_customer_matrix", 4), ("veteran_matrix", 7), ("value_pyramid", 4), ("tier_ladder", 6), ("gold_meteor_creek_burden", 4), ("lifecycle", 5)] {
        let rows = v["frameworks"][framework]["table"].as_array().unwrap_or_else(|| panic!("{framework}"));
        assert_eq!(rows.len(), classes, "{framework}");
        let n: u64 = rows.iter().map(|r| r["customers"].as_u64().unwrap()).sum();
        assert!(n > 0 && rows.iter().all(|r| r["strategy"].as_str().is_some_and(|s| !s.is_empty())), "{framework}: {rows:?}");
    }
    for grid in ["value_grid", "growth_grid"] {
        let cells = v["frameworks"][grid].as_array().unwrap_or_else(|| panic!("{grid}"));
        assert_eq!(cells.len(), 9);
        assert!(cells.iter().all(|c| c["strategy_text"].as_str().is_some() && (c["profile"]["margin_rate"].is_number() || c["customers"] == 0)), "{grid}");
    }
    assert!(v["report"].as_array().is_some_and(|r| r.iter().any(|l| l.as_str().unwrap_or("").starts_with("Log-likelihood: BG/NBD -9582.4, Pareto/NBD -9595.0"))));
    let top = v["priority_top"].as_array().expect("priority_top");
    assert_eq!(top.len(), 20);
    let prios: Vec<f64> = top.iter().filter_map(|t| t["priority"].as_f64()).collect();
    assert!(prios.windows(2).all(|w| w[0] >= w[1]), "sorted, highest first: {prios:?}");
    let text = std::fs::read_to_string(&out).expect("scored.csv");
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    let columns: Vec<&str> = header.split(',').collect();
    assert_eq!(columns[..6], ["customer_id", "name", "first_purchase", "last_purchase", "orders", "revenue"]);
    assert_eq!(columns[6], "margin (assumed 30% of revenue)", "the file has no cost column");
    assert_eq!(columns[7..11], ["frequency", "recency (weeks)", "T (weeks)", "monetary_value"]);
    assert_eq!(columns[11..], kezhi::engine::views::csv_export::SCORE_COLUMNS.map(|c| if c == "expected_purchases" { "expected_purchases (12 months)" } else { c }));
    let at = |name: &str| columns.iter().position(|c| c.starts_with(name)).unwrap_or_else(|| panic!("{name}"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2357);
    for row in &rows {
        assert!(!row.contains("NaN") && !row.contains("inf"), "{row}");
        let cells: Vec<&str> = row.split(',').collect();
        assert_eq!(cells.len(), columns.len(), "{row}");
        assert_ne!(cells[at("rfm_segment")], "Others", "the default grid covers every cell: {row}");
        // p_alive … gmcb_class: every model and framework column is filled when the models fit.
        for c in &cells[at("p_alive")..=at("gmcb_class")] {
            assert!(!c.is_empty(), "every model column is filled when both models fit: {row}");
        }
        // new_matrix_class for one-purchase customers, veteran_class and _grade for the others.
        let (new, vet, grade) = (cells[at("new_matrix_class")], cells[at("veteran_class")], cells[at("veteran_grade")]);
        assert!(new.is_empty() != vet.is_empty() && vet.is_empty() == grade.is_empty(), "exactly one matrix applies: {row}");
        let frequency = cells[at("frequency")];
        assert_eq!(new.is_empty(), frequency != "0", "the new-customer matrix is for frequency 0: {row}");
        assert!(!cells[at("lifecycle_stage")].is_empty(), "every customer of a dated file has a lifecycle stage: {row}");
        // Zero revenue (a free purchase) has no margin efficiency; here margin = 0.3 × revenue.
        assert_eq!(cells[at("value_grid_cell")].is_empty(), cells[at("historical_value")] == "0", "every customer with revenue is on the value grid: {row}");
        assert_eq!(cells[at("growth_grid_cell")].is_empty(), frequency == "0", "the growth grid is for repeat customers: {row}");
        assert!(["1", "2", "3", "4"].contains(&cells[at("cluster")]), "every customer has a cluster: {row}");
    }
}

#[test]
fn score_without_enough_repeat_customers_still_scores_rfm() {
    let o = kezhi().args(["score", &fixture("en_transactions.csv"), "--json"]).output().expect("run");
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(v["bg_nbd"].is_null());
    assert!(v["report"].as_array().is_some_and(|n| n.iter().any(|x| x.as_str().unwrap_or("").contains("BG/NBD not fitted"))));
    assert_eq!(v["verdict"], "NotUsable");
    assert_eq!(v["customers"], 4);
}

#[test]
fn score_with_the_rfm_package_preset_uses_its_segments_and_reports_coverage() {
    let dir = temp_dir("kezhi-rfm");
    let out = dir.path().join("scored.csv");
    let o = kezhi()
        .args(["score", &fixture("cdnow/CDNOW_sample.txt"), "--analysis-date", "1997-09-30", "--map", "customer_id=2", "--segments", "rfm", "--json", "--out"])
        .arg(&out)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(v["segment_coverage"]["uncovered"].as_array().is_some_and(|u| !u.is_empty()), "the preset leaves combinations to Others");
    let text = std::fs::read_to_string(&out).expect("scored.csv");
    assert!(text.contains(",Loyal Customers,") && !text.contains(",Hibernating,"));
    let bad = dir.path().join("rules.json");
    std::fs::write(&bad, "[{\"key\": 1}]").expect("write");
    let o = kezhi().args(["score", &fixture("cdnow/CDNOW_sample.txt"), "--segments"]).arg(&bad).output().expect("run");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("rules.json"), "the error names the rule file");
}

/// A settings file sets what no flag does (thresholds, weights, a fixed 8-class split); a flag given
/// overrides the file; thresholds that cannot be used are reported, not silently dropped.
#[test]
fn score_reads_a_settings_file_and_flags_override_it() {
    let dir = temp_dir("kezhi-settings");
    let file = dir.path().join("s.json");
    let settings = r#"{"settings": {"horizon_months": 6, "rfm_thresholds": {"r_days": [30, 90], "f": [2, 5], "m": [50, 200]},
        "rfm_weights": [0.5, 0.3, 0.2], "value_split": {"Fixed": {"recency_days": 60, "frequency": 2, "monetary": 100}}}}"#;
    std::fs::write(&file, settings).expect("write");
    let run = |extra: &[&str]| {
        let o = kezhi()
            .args(["score", &fixture("cdnow/CDNOW_sample.txt"), "--analysis-date", "1997-09-30", "--map", "customer_id=2", "--json", "--settings"])
            .arg(&file)
            .args(extra)
            .output()
            .expect("run");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice::<serde_json::Value>(&o.stdout).expect("json")
    };
    let v = run(&[]);
    assert_eq!(v["settings"]["horizon_months"], 6);
    assert_eq!(v["settings"]["rfm_weights"][0], 0.5);
    assert_eq!(v["rfm_cut_points"]["r_days"].as_array().map(Vec::len), Some(3), "three bins from two cuts");
    assert_eq!(run(&["--horizon-months", "24"])["settings"]["horizon_months"], 24);
    std::fs::write(&file, r#"{"rfm_thresholds": {"r_days": [90, 30], "f": [2, 5], "m": [50, 200]}}"#).expect("write");
    let v = run(&[]);
    assert!(v["report"].as_array().is_some_and(|r| r.iter().any(|l| l.as_str().unwrap_or("").contains("strictly ascending"))), "{}", v["report"]);
    assert_eq!(v["rfm_cut_points"]["r_days"].as_array().map(Vec::len), Some(5), "quantile bins instead");
}

/// AHP weights (docs/methods.md §7) from a settings file feed the combined RFM score; inconsistent judgments
/// are reported. R twice as important as F and four times M, F twice M: consistent, weights 4/7, 2/7, 1/7.
#[test]
fn ahp_weights_from_settings_feed_the_combined_score() {
    let dir = temp_dir("kezhi-ahp");
    let file = dir.path().join("ahp.json");
    let run = |matrix: &str| {
        std::fs::write(&file, format!(r#"{{"ahp_rfm": {matrix}}}"#)).expect("write");
        let o = kezhi()
            .args(["score", &fixture("cdnow/CDNOW_sample.txt"), "--analysis-date", "1997-09-30", "--map", "customer_id=2", "--json", "--settings"])
            .arg(&file)
            .output()
            .expect("run");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice::<serde_json::Value>(&o.stdout).expect("json")
    };
    let v = run("[[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]");
    let w: Vec<f64> = v["rfm_weights"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
    for (got, want) in w.iter().zip([4.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0]) {
        assert!((got - want).abs() < kezhi::engine::tolerances::IDENTITY_REL, "{w:?}");
    }
    assert!(v["ahp"]["consistent"].as_bool().unwrap());
    let v = run("[[1, 3, 0.3333333333333333], [0.3333333333333333, 1, 3], [3, 0.3333333333333333, 1]]");
    assert!(v["report"].as_array().unwrap().iter().any(|l| l.as_str().unwrap().contains("AHP judgments are inconsistent")));
}

/// With a wallet column the veteran matrix grows by share of wallet (docs/methods.md §3b): C1 spends the
/// same 100 in both half-years while its category spend halves (25% → 50% share, a = 1: fast), so it
/// lands in the "fast" column although its own spend did not grow.
#[test]
fn a_wallet_column_makes_the_veteran_matrix_use_share_of_wallet() {
    let dir = temp_dir("kezhi-wallet");
    let file = dir.path().join("wallet.csv");
    let mut csv = String::from("customer_id,date,amount,wallet\n");
    csv.push_str("C1,2024-03-01,100,400\nC1,2024-10-01,100,200\n");
    for k in 2..=6 {
        csv.push_str(&format!("C{k},2024-03-0{k},{},300\nC{k},2024-10-0{k},{},300\n", 50 * k, 40 * k));
    }
    csv.push_str("C9,2024-12-31,10,100\n");
    std::fs::write(&file, csv).expect("write");
    let out = dir.path().join("scored.csv");
    let o = kezhi().args(["score"]).arg(&file).args(["--json", "--out"]).arg(&out).output().expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["frameworks"]["veteran_matrix"]["growth_measure"], "share_of_wallet");
    assert_eq!(v["frameworks"]["veteran_matrix"]["spend_growth_fallbacks"], 0);
    let text = std::fs::read_to_string(&out).expect("scored");
    let c1 = text.lines().find(|l| l.starts_with("C1,")).expect("C1");
    let header: Vec<&str> = text.trim_start_matches('\u{feff}').lines().next().unwrap_or_default().split(',').collect();
    let column = header.iter().position(|&h| h == "veteran_class").expect("veteran_class");
    let class = c1.split(',').nth(column).unwrap_or_default();
    assert!(["High quality", "Potential B", "Problem"].contains(&class), "C1 is in the fast column: {c1}");
}

#[test]
fn whatif_prints_the_waterfall_and_scales_as_computed_by_hand() {
    let dir = temp_dir("kezhi-cli-whatif");
    let csv = dir.path().join("demo.csv");
    let o = kezhi().args(["demo", "--customers", "800", "--out"]).arg(&csv).output().expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let run = |args: &[&str]| -> serde_json::Value {
        let o = kezhi().arg("whatif").arg(&csv).args(args).arg("--json").output().expect("run");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice(&o.stdout).expect("json")
    };
    let f = |v: &serde_json::Value| v.as_f64().expect("number");
    // Frequency +10% and spend +20% scale every CLV by 1.1 · 1.2 = 1.32 (docs/models.md).
    let v = run(&["--frequency", "+0.1", "--spend", "+0.2"]);
    assert!((f(&v["scenario"]) - 1.32 * f(&v["baseline"])).abs() < 1e-9 * f(&v["scenario"]), "{v}");
    // All levers: the steps add up to the change, in the documented order.
    let v = run(&["--retention", "+0.05", "--frequency", "0.1", "--spend", "0.05", "--margin-points", "0.02", "--discount", "0.2", "--convert", "0.5"]);
    let steps = v["steps"].as_array().expect("steps");
    let order: Vec<&str> = steps.iter().map(|s| s["lever"].as_str().expect("lever")).collect();
    assert_eq!(order, ["Retention", "Frequency", "Spend", "Margin", "Discount", "Conversion"]);
    let sum: f64 = steps.iter().map(|s| f(&s["delta"])).sum();
    assert!((f(&v["baseline"]) + sum - f(&v["scenario"])).abs() < 1e-9 * f(&v["scenario"]));
    assert!(f(&steps[0]["delta"]) > 0.0 && f(&steps[4]["delta"]) < 0.0, "more retention adds; a higher discount rate takes away");
    // The baseline is the customers' CLV summed, as `kezhi score --out` writes them.
    let scored = dir.path().join("scored.csv");
    let o = kezhi().args(["score"]).arg(&csv).arg("--out").arg(&scored).output().expect("run");
    assert!(o.status.success());
    let text = std::fs::read_to_string(&scored).expect("scored");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let col = reader.headers().expect("header").iter().position(|h| h == "clv").expect("clv column");
    let total: f64 = reader.records().filter_map(|r| r.ok()?.get(col)?.parse::<f64>().ok()).sum();
    assert!((total - f(&v["baseline"])).abs() < 1e-6 * 800.0, "{total} vs {}", v["baseline"]);
    // Chinese output names the levers in Chinese.
    let o = kezhi().arg("whatif").arg(&csv).args(["--retention", "0.05", "--lang", "zh"]).output().expect("run");
    assert!(String::from_utf8_lossy(&o.stdout).contains("保留率"));
}

#[test]
fn a_closed_pipe_ends_the_cli_quietly() {
    // `kezhi score … --json | head -1`: the reader goes away after one line.
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = kezhi()
        .args(["score", &fixture("cdnow/CDNOW_sample.txt"), "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("a line");
    assert_eq!(first.trim(), "{");
    let out = child.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// A file large enough to be parsed in two halves at once (`split_parse.rs`, 8 MiB) gives the report,
/// rejects (with their lines) and customer table of one pass (`KEZHI_ONE_PASS`): rows the two halves
/// reject, a quoted name holding a line end in each, customers in both halves and only in the second.
#[test]
fn a_large_file_parsed_in_halves_reports_what_one_pass_reports() {
    use kezhi::engine::table::demo_data::{generate, DemoParams};
    let dir = temp_dir("kezhi-cli-halves");
    let mut csv = generate(&DemoParams { customers: 14_000, ..DemoParams::default() }).to_csv();
    assert!(csv.len() as u64 > kezhi::engine::import::split_parse::SPLIT_MIN_BYTES, "{} bytes", csv.len());
    let header = csv.lines().next().unwrap_or_default().to_string();
    let columns = header.split(',').count();
    let row = |id: &str, name: &str, date: &str| {
        let mut fields = vec![String::new(); columns];
        for (i, h) in header.split(',').enumerate() {
            fields[i] = match h {
                "customer_id" => id.into(),
                "date" => date.into(),
                "amount" => "12.50".into(),
                "customer_name" => name.into(),
                _ => fields[i].clone(),
            };
        }
        fields.join(",") + "\n"
    };
    let at_line = |csv: &str, n: usize| csv.match_indices('\n').nth(n).map_or(csv.len(), |(i, _)| i + 1);
    let (early, late) = (at_line(&csv, 1000), at_line(&csv, csv.lines().count() - 1000));
    csv.insert_str(late, &(row("ZZ-late", "\"Late\nName\"", "2024-02-30") + &row("ZZ-only-late", "Only Late", "2024-01-05")));
    csv.insert_str(early, &(row("ZZ-early", "\"Early\nName\"", "not a date") + &row("C00001", "x", "2024-01-05")));
    let file = dir.path().join("large.csv");
    std::fs::write(&file, &csv).expect("write");
    let run = |one_pass: bool| {
        let out = dir.path().join(if one_pass { "one.csv" } else { "halves.csv" });
        let mut cmd = kezhi();
        cmd.args(["import"]).arg(&file).args(["--json", "--out"]).arg(&out);
        if one_pass {
            cmd.env("KEZHI_ONE_PASS", "1");
        } else {
            cmd.env_remove("KEZHI_ONE_PASS");
        }
        let o = cmd.output().expect("run");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let mut v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        v.as_object_mut().expect("object").remove("seconds");
        (v, std::fs::read_to_string(&out).expect("customers"))
    };
    let (mut halves, halves_table) = run(false);
    let (mut one, one_table) = run(true);
    assert_eq!((halves["parsed_in_halves"].take(), one["parsed_in_halves"].take()), (true.into(), false.into()));
    assert_eq!(halves, one);
    assert_eq!(halves_table, one_table);
    assert_eq!(one["rows_rejected"], 2);
    let lines: Vec<u64> = one["rejects"].as_array().expect("rejects").iter().filter_map(|r| r["line"].as_u64()).collect();
    let line_of = |text: &str| csv[..csv.find(text).unwrap_or(0)].matches('\n').count() as u64 + 1;
    assert_eq!(lines, [line_of("ZZ-early"), line_of("ZZ-late")]);
    assert!(line_of("ZZ-late") > 100_000);
    assert!(one_table.contains("ZZ-only-late"));
}

/// `--lang zh` is Chinese through the text output: the fit lines, the frameworks, the priority list,
/// the import report's row account and its rejected rows (they were English under `--lang zh` once),
/// and `--lang en` (the default) is not.
#[test]
fn the_text_output_speaks_the_language_asked() {
    let run = |args: &[&str]| {
        let o = kezhi().args(args).output().expect("run");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        (String::from_utf8_lossy(&o.stdout).to_string(), String::from_utf8_lossy(&o.stderr).to_string())
    };
    let cdnow = fixture("cdnow/CDNOW_sample.txt");
    let (zh, zh_err) = run(&["score", &cdnow, "--lang", "zh"]);
    for words in ["位客户（读取", "次迭代后收敛", "帕累托：前 20% 的客户贡献", "价值金字塔（按 clv 排序）：", "高价值且在流失（前 10 位）", "优先级 "] {
        assert!(zh.contains(words), "no {words:?} in:\n{zh}");
    }
    for english in ["customers (", "converged after", "Pareto: the top", "Value pyramid by", "priority "] {
        assert!(!zh.contains(english), "{english:?} in the Chinese output:\n{zh}");
    }
    assert!(zh_err.contains("评分用时") && zh_err.contains("各阶段用时（毫秒）"), "{zh_err}");
    let (en, _) = run(&["score", &cdnow]);
    assert!(en.contains("converged after") && en.contains("Value pyramid by clv: key ") && !en.contains("次迭代"), "{en}");
    let (report, _) = run(&["import", &fixture("bad_rows.csv"), "--lang", "zh"]);
    for words in ["读取行数 10 = 6 使用", "date：日历上不存在该日期", "第 4 行第 2 列（date）：\"2024-02-30\" — 日历上不存在该日期"] {
        assert!(report.contains(words), "no {words:?} in:\n{report}");
    }
}
