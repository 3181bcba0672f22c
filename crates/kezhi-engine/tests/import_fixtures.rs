//! Every fixture under tests/fixtures/ imports with the counts, mapping and messages stated here.
//! (tests/fixtures/make_fixtures.py writes them; the browser tests drop the same files.)

use kezhi_engine::import::amounts::DecimalSeparator;
use kezhi_engine::import::dates::DateFormat;
use kezhi_engine::import::dialect::Delimiter;
use kezhi_engine::import::errors::ImportError;
use kezhi_engine::import::header_mapping::{Role, Shape};
use kezhi_engine::import::rejects::RejectReason;
use kezhi_engine::import::{ImportFailure, ImportOptions};
use kezhi_engine::table::imported::{import, Imported};
use kezhi_engine::lang::Lang;
use kezhi_engine::settings::Settings;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run(name: &str) -> Result<Imported, ImportFailure> {
    run_with(name, &ImportOptions::default())
}

fn run_with(name: &str, opts: &ImportOptions) -> Result<Imported, ImportFailure> {
    import(&fixture(name), name, opts, &Settings::default(), &mut |_| {})
}

fn ok(name: &str) -> Imported {
    let i = run(name).unwrap_or_else(|f| panic!("{name}: {}", f.error.message(name, Lang::En)));
    assert!(i.report.balanced(), "{name}: rows read = used + rejected must hold: {:?}", i.report);
    i
}

fn role_of(i: &Imported, role: Role) -> Option<String> {
    i.detected.columns.iter().find(|c| c.role == Some(role)).map(|c| c.name.clone())
}

#[test]
fn english_utf8_csv_with_currency_marks_and_quoted_names() {
    let i = ok("en_transactions.csv");
    assert_eq!((i.report.rows_read, i.report.rows_used, i.report.rows_rejected), (10, 10, 0));
    assert_eq!(i.report.customers, 4);
    assert_eq!(i.detected.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(i.detected.delimiter, Some(Delimiter::Comma));
    assert_eq!(role_of(&i, Role::Name).as_deref(), Some("customer_name"));
    let c1 = &i.table.customers[0];
    assert_eq!(c1.id, "C1");
    assert!((c1.revenue - 1315.5).abs() < 1e-9, "$1,200.00 + $35.50 + $80.00");
    let c3 = i.table.customers.iter().find(|c| c.id == "C3").expect("C3");
    assert_eq!(c3.name.as_deref(), Some("Chen, Mei"));
    // C2: 45 + 15 on one day is one occasion; (15.00) is a return on another day.
    let c2 = i.table.customers.iter().find(|c| c.id == "C2").expect("C2");
    assert_eq!((c2.occasions, c2.frequency), (1, 0.0));
    assert_eq!(i.report.return_rows, 1);
}

#[test]
fn gbk_csv_with_chinese_headers_dates_and_full_width_amounts() {
    let i = ok("zh_gbk.csv");
    assert_eq!(i.detected.encoding.as_deref(), Some("GBK"));
    assert_eq!((i.report.rows_read, i.report.rows_used, i.report.rows_rejected), (12, 12, 0));
    assert_eq!(i.report.customers, 5);
    assert_eq!(role_of(&i, Role::CustomerId).as_deref(), Some("客户编号"));
    assert_eq!(role_of(&i, Role::Date).as_deref(), Some("交易日期"));
    assert_eq!(role_of(&i, Role::Amount).as_deref(), Some("实付金额（元）"));
    assert_eq!(role_of(&i, Role::Category).as_deref(), Some("品类"));
    assert_eq!(role_of(&i, Role::Channel).as_deref(), Some("渠道"));
    assert_eq!(i.detected.date_format, Some(DateFormat::YearMonthDay));
    let k001 = &i.table.customers[0];
    assert_eq!(k001.name.as_deref(), Some("王伟"));
    assert!((k001.revenue - (128.5 + 99.0 + 1299.0)).abs() < 1e-9);
    let k003 = i.table.customers.iter().find(|c| c.id == "K003").expect("K003");
    assert!((k003.revenue - 400.0).abs() < 1e-9, "full-width ３２０.００ + 80.00 on one day");
    assert_eq!(k003.occasions, 1);
    assert_eq!(i.report.date_min.map(|d| d.to_string()).as_deref(), Some("2024-01-03"));
}

#[test]
fn semicolon_file_with_day_first_dates_and_decimal_comma() {
    let i = ok("eu_semicolon.csv");
    assert_eq!(i.detected.delimiter, Some(Delimiter::Semicolon));
    assert_eq!(i.detected.decimal, DecimalSeparator::Comma);
    assert_eq!(i.detected.date_format, Some(DateFormat::DayMonthYear));
    assert_eq!((i.report.rows_used, i.report.customers), (6, 3));
    let e1 = &i.table.customers[0];
    assert!((e1.revenue - 1334.4).abs() < 1e-9, "1.234,50 + 99,90");
    assert_eq!(e1.first_date.map(|d| d.to_string()).as_deref(), Some("2024-01-05"));
}

#[test]
fn xlsx_first_sheet_with_data_and_real_date_cells() {
    let i = ok("transactions.xlsx");
    assert!(i.detected.is_workbook);
    assert_eq!(i.detected.sheets, vec!["说明".to_string(), "订单".to_string()]);
    assert_eq!(i.detected.sheet.as_deref(), Some("订单"));
    assert_eq!((i.report.rows_read, i.report.rows_used, i.report.customers), (8, 8, 3));
    assert_eq!(role_of(&i, Role::CustomerId).as_deref(), Some("会员号"));
    assert_eq!(role_of(&i, Role::Date).as_deref(), Some("下单时间"));
    assert_eq!(role_of(&i, Role::Cost).as_deref(), Some("成本"));
    let m1 = &i.table.customers[0];
    // Two purchases on 2024-01-02 at 10:30 and 18:00 are one occasion of 150; margin from cost.
    assert_eq!(m1.occasions, 2);
    assert!((m1.margin - (40.0 + 20.0 + 30.0)).abs() < 1e-9);
    assert_eq!(i.report.date_max.map(|d| d.to_string()).as_deref(), Some("2024-03-31"));
    // A named sheet that does not exist is a clear error.
    let opts = ImportOptions { sheet: Some("Sheet9".into()), ..ImportOptions::default() };
    let f = run_with("transactions.xlsx", &opts).expect_err("no such sheet");
    assert!(matches!(f.error, ImportError::SheetNotFound { .. }));
}

#[test]
fn xlsx_in_the_1904_date_system_gives_the_same_dates() {
    let i = ok("dates_1904.xlsx");
    assert!(i.detected.workbook_1904);
    let dates: Vec<String> = i.table.occasions.iter().map(|o| o.date.to_string()).collect();
    assert_eq!(dates, vec!["2024-03-05", "2024-03-12"]);
}

#[test]
fn customer_summary_is_detected_and_checked() {
    let i = ok("summary.csv");
    assert_eq!(i.detected.shape, Shape::CustomerSummary);
    assert_eq!((i.report.rows_read, i.report.rows_used, i.report.rows_rejected), (5, 4, 1));
    assert_eq!(i.rejects[0].line, 6);
    assert_eq!(i.rejects[0].column_name, "T");
    let s3 = i.table.customers.iter().find(|c| c.id == "S3").expect("S3");
    assert_eq!((s3.frequency, s3.recency, s3.t, s3.monetary_value), (5.0, 36.5, 39.0, 61.2));
}

#[test]
fn bad_rows_are_listed_with_line_column_value_and_reason() {
    let i = ok("bad_rows.csv");
    assert_eq!((i.report.rows_read, i.report.rows_used, i.report.rows_rejected), (10, 6, 4));
    let got: Vec<(u64, usize, &str, &RejectReason)> =
        i.rejects.iter().map(|r| (r.line, r.column, r.value.as_str(), &r.reason)).collect();
    assert_eq!(got[0], (4, 2, "2024-02-30", &RejectReason::ImpossibleDate));
    assert_eq!(got[1], (5, 3, "abc", &RejectReason::NotANumber));
    assert_eq!(got[2], (6, 1, "", &RejectReason::EmptyValue));
    assert_eq!(got[3].0, 7);
    assert!(matches!(got[3].3, RejectReason::ExtraFields { fields: 5, expected: 3 }));
}

#[test]
fn ambiguous_day_month_order_asks_and_a_choice_resolves_it() {
    let f = run("ambiguous_dates.csv").expect_err("must ask");
    assert!(matches!(f.error, ImportError::AmbiguousDateOrder { .. }));
    let detected = f.detected.expect("mapping is returned so the user can choose");
    assert!(detected.date_order_ambiguous);
    assert!(f.error.message("ambiguous_dates.csv", Lang::En).contains("01/02/2024"));
    let mut opts = detected.as_options();
    opts.date_format = Some(DateFormat::MonthDayYear);
    let i = run_with("ambiguous_dates.csv", &opts).expect("resolved");
    assert_eq!(i.report.date_min.map(|d| d.to_string()).as_deref(), Some("2024-01-02"));
    opts.date_format = Some(DateFormat::DayMonthYear);
    let i = run_with("ambiguous_dates.csv", &opts).expect("resolved");
    assert_eq!(i.report.date_min.map(|d| d.to_string()).as_deref(), Some("2024-02-01"));
}

#[test]
fn a_file_without_header_is_mapped_by_content() {
    let i = ok("no_header.tsv");
    assert!(!i.detected.has_header);
    assert_eq!(i.detected.delimiter, Some(Delimiter::Tab));
    let roles: Vec<Option<Role>> = i.detected.columns.iter().map(|c| c.role).collect();
    assert_eq!(roles, vec![Some(Role::CustomerId), Some(Role::Date), Some(Role::Amount)]);
    assert_eq!((i.report.rows_read, i.report.customers), (3, 2));
}

#[test]
fn unusable_files_get_a_message_that_names_the_file_and_says_what_to_do() {
    let cases = [
        ("empty.csv", "is empty"),
        ("header_only.csv", "no data rows"),
        ("garbage.bin", "not a text table"),
    ];
    for (name, words) in cases {
        let f = run(name).expect_err(name);
        let msg = f.error.message(name, Lang::En);
        assert!(msg.starts_with(name) && msg.contains(words), "{name}: {msg}");
        assert!(!f.error.message(name, Lang::Zh).is_empty());
    }
}

#[test]
fn a_truncated_workbook_is_refused_with_a_message() {
    let mut bytes = fixture("transactions.xlsx");
    bytes.truncate(bytes.len() / 2);
    let f = import(&bytes, "cut.xlsx", &ImportOptions::default(), &Settings::default(), &mut |_| {}).expect_err("truncated");
    assert!(matches!(f.error, ImportError::Workbook { .. }), "{:?}", f.error);
    assert!(f.error.message("cut.xlsx", Lang::En).contains("save it again"));
}

#[test]
fn a_missing_required_column_names_the_role() {
    let csv = "customer_id,date,colour\nA,2024-01-01,red\n";
    let f = import(csv.as_bytes(), "x.csv", &ImportOptions::default(), &Settings::default(), &mut |_| {}).expect_err("no amount");
    assert!(matches!(f.error, ImportError::MissingColumn { role: Role::Amount, .. }), "{:?}", f.error);
    // The user maps it by hand and the import goes through (all rows then fail as not numbers).
    let opts = ImportOptions { overrides: vec![(Role::Amount, "colour".into())], ..ImportOptions::default() };
    let f = import(csv.as_bytes(), "x.csv", &opts, &Settings::default(), &mut |_| {}).expect_err("no usable rows");
    assert!(matches!(f.error, ImportError::NoUsableRows { rejected: 1, .. }));
}

#[test]
fn rows_after_the_analysis_date_are_kept_apart_and_counted() {
    let settings = Settings { analysis_date: "2024-02-29".parse().ok(), ..Settings::default() };
    let i = import(&fixture("en_transactions.csv"), "en.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("import");
    assert!(i.report.balanced());
    assert_eq!((i.report.rows_in_window, i.report.rows_after_analysis_date), (5, 5), "O1 O2 O4 O5 O7 are on or before 02-29");
    assert_eq!(i.transactions.as_ref().map(|t| t.rows.len()), Some(10), "kept for the holdout");
    assert_eq!(i.report.customers, 3, "C4 buys only after the analysis date");
}

#[test]
fn every_delimiter_and_encoding_give_the_same_customer_table() {
    let base = ok("en_transactions.csv");
    let text = String::from_utf8(fixture("en_transactions.csv")).expect("utf-8");
    for (delim, sep) in [(Delimiter::Semicolon, ";"), (Delimiter::Tab, "\t"), (Delimiter::Pipe, "|")] {
        let mut rdr = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        let mut out = String::new();
        for rec in rdr.records() {
            let rec = rec.expect("record");
            out.push_str(&rec.iter().collect::<Vec<_>>().join(sep));
            out.push('\n');
        }
        let i = import(out.as_bytes(), "x", &ImportOptions::default(), &Settings::default(), &mut |_| {}).expect("import");
        assert_eq!(i.detected.delimiter, Some(delim));
        assert_eq!(i.table.customers, base.table.customers, "{delim:?}");
    }
    for enc in [encoding_rs::GB18030, encoding_rs::UTF_16LE] {
        let (bytes, _, _) = enc.encode(&text);
        let mut bytes = bytes.into_owned();
        if enc == encoding_rs::UTF_16LE {
            bytes = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
            bytes.splice(0..0, [0xFF, 0xFE]);
        }
        let i = import(&bytes, "x", &ImportOptions::default(), &Settings::default(), &mut |_| {}).expect("import");
        assert_eq!(i.table.customers, base.table.customers, "{}", enc.name());
    }
}

#[test]
fn a_short_row_missing_a_mapped_column_is_rejected_whole() {
    let csv = "customer_id,date,amount\nA,2024-01-01,5\nB,2024-01-02\nC,2024-01-03,7\n";
    let i = import(csv.as_bytes(), "short.csv", &ImportOptions::default(), &Settings::default(), &mut |_| {}).expect("import");
    assert!(i.report.balanced());
    assert_eq!((i.report.rows_used, i.report.rows_rejected), (2, 1));
    assert_eq!(i.rejects[0].line, 3);
    assert!(matches!(i.rejects[0].reason, RejectReason::MissingField { fields: 2, expected: 3 }));
}
