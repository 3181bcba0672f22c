//! The bad-input corpus (tests/fixtures/bad/, written by make_bad.py): every file a user might drop
//! that is broken, odd or extreme, with what the importer must say or do. For every file: no panic,
//! `rows read = used + rejected` when it imports, one reject listed per rejected row, and when it
//! does not import, a message in both languages that names the file and says what to do.

use chrono::NaiveDate;
use kezhi_engine::import::errors::ImportError;
use kezhi_engine::import::{ImportFailure, ImportOptions};
use kezhi_engine::table::imported::{import, Imported};
use kezhi_engine::lang::Lang;
use kezhi_engine::settings::Settings;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/bad");

/// What a file must give.
enum Expect {
    /// Refused with this error; the English message contains the text.
    Refused(fn(&ImportError) -> bool, &'static str),
    /// Imported with (read, used, rejected, customers); every text appears in a reject reason or a
    /// warning (English).
    Imported(u64, u64, u64, u64, &'static [&'static str]),
}
use Expect::*;

const CORPUS: &[(&str, Expect)] = &[
    ("01_empty.csv", Refused(|e| matches!(e, ImportError::Empty), "is empty (0 bytes)")),
    ("02_blank_lines_only.csv", Refused(|e| matches!(e, ImportError::NoTable { bytes: 8 }), "has 8 bytes but no table")),
    ("03_header_only.csv", Refused(|e| matches!(e, ImportError::HeaderOnly), "has a header row but no data rows")),
    ("04_header_only_zh_gbk.csv", Refused(|e| matches!(e, ImportError::HeaderOnly), "has a header row but no data rows")),
    ("05_png_image.csv", Refused(|e| matches!(e, ImportError::Binary), "is not a text table")),
    ("06_nul_bytes.csv", Refused(|e| matches!(e, ImportError::Binary), "Save it from your spreadsheet as CSV")),
    ("07_truncated.xlsx", Refused(|e| matches!(e, ImportError::Workbook { .. }), "could not be opened as a workbook")),
    ("08_csv_named_xlsx.xlsx", Imported(4, 4, 0, 3, &[])),
    ("09_zip_not_workbook.xlsx", Refused(|e| matches!(e, ImportError::Workbook { .. }), "save it again as XLSX or CSV")),
    ("10_mixed_utf8_gbk.csv", Imported(3, 2, 1, 2, &["not valid UTF-8 (the file mixes encodings?)", "could not be read as UTF-8"])),
    ("11_bom_utf8.csv", Imported(4, 4, 0, 3, &[])),
    ("12_bom_utf16le.csv", Imported(4, 4, 0, 3, &[])),
    ("13_bom_utf16be.csv", Imported(4, 4, 0, 3, &[])),
    ("14_utf16le_no_bom.csv", Imported(4, 4, 0, 3, &[])),
    ("15_double_bom.csv", Imported(4, 4, 0, 3, &[])),
    (
        "16_ragged_rows.csv",
        Imported(5, 2, 3, 2, &["the row has 2 fields but the header has 3", "the row has 5 fields but the header has 3"]),
    ),
    ("17_quote_never_closes.csv", Imported(2, 1, 1, 1, &["a quote opens in this row and never closes, so everything up to line 5"])),
    ("18_ten_thousand_columns.csv", Imported(2, 2, 0, 2, &[])),
    ("19_very_long_line.csv", Imported(2, 2, 0, 2, &[])),
    ("20_dates_in_future.csv", Imported(3, 2, 1, 2, &["dated after today (2025-06-30)"])),
    ("21_dates_before_1900.csv", Imported(4, 2, 2, 2, &["date before 1900 or after 2100"])),
    ("22_impossible_dates.csv", Imported(5, 1, 4, 1, &["no such calendar date", "not a date in the column's format (YYYY-MM-DD)"])),
    ("23_zero_amounts.csv", Imported(3, 3, 0, 2, &[])),
    ("24_negative_amounts.csv", Imported(4, 4, 0, 2, &["treated as returns", "only returns"])),
    ("25_nan_and_infinite_amounts.csv", Imported(5, 1, 4, 1, &["not a number"])),
    ("26_huge_amounts.csv", Imported(4, 1, 3, 1, &["larger than 10^15"])),
    (
        "27_duplicate_headers.csv",
        Imported(2, 2, 0, 2, &["Columns 3 (\"amount\"), 4 (\"amount\") all look like \"amount\"; 3 (\"amount\") is used"]),
    ),
    ("28_ids_with_spaces_and_emoji.csv", Imported(5, 5, 0, 4, &[])),
    ("29_one_customer.csv", Imported(3, 3, 0, 1, &[])),
    ("30_every_customer_once.csv", Imported(40, 40, 0, 40, &[])),
    ("31_all_on_one_day.csv", Imported(30, 30, 0, 7, &[])),
    ("32_cr_only_line_endings.csv", Imported(4, 4, 0, 3, &[])),
    ("33_no_amount_column.csv", Refused(|e| matches!(e, ImportError::MissingColumn { .. }), "no column is mapped to \"amount\"")),
    (
        "34_no_usable_rows.csv",
        Refused(
            |e| matches!(e, ImportError::NoUsableRows { rejected: 3, .. }),
            "none of the 3 data rows could be used. The first problem: line 2, column 3 (amount): not a number",
        ),
    ),
    ("35_gb18030_four_byte.csv", Imported(2, 2, 0, 2, &[])),
    ("36_big5_traditional.csv", Imported(3, 3, 0, 3, &[])),
    ("37_notes_only.csv", Refused(|e| matches!(e, ImportError::NoTable { .. }), "only blank lines or notes starting with #")),
    ("38_formula_and_markup_names.csv", Imported(2, 2, 0, 2, &[])),
    ("39_blank_ids.csv", Imported(3, 1, 2, 1, &["the value is empty"])),
    (
        "40_header_not_first_line.csv",
        Imported(4, 4, 0, 3, &["The header is on line 3; the line above it (\"Sales export 2024\") was skipped as a title"]),
    ),
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).expect("date")
}

fn run(name: &str) -> Result<Imported, ImportFailure> {
    let bytes = std::fs::read(format!("{DIR}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"));
    let opts = ImportOptions { today: Some(today()), ..ImportOptions::default() };
    import(&bytes, name, &opts, &Settings::default(), &mut |_| {})
}

#[test]
fn the_corpus_has_at_least_thirty_files_and_each_is_stated_here() {
    let mut on_disk: Vec<String> = std::fs::read_dir(DIR)
        .expect("corpus")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.ends_with(".py"))
        .collect();
    on_disk.sort();
    let stated: Vec<String> = CORPUS.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(on_disk, stated, "every file in tests/fixtures/bad/ has one expectation, in order");
    assert!(stated.len() >= 30);
}

#[test]
fn every_bad_file_gives_its_stated_message_or_counts() {
    for (name, expect) in CORPUS {
        let outcome = std::panic::catch_unwind(|| run(name)).unwrap_or_else(|_| panic!("{name}: the importer panicked"));
        match (expect, outcome) {
            (Refused(kind, text), Err(f)) => {
                assert!(kind(&f.error), "{name}: wrong error {:?}", f.error);
                let en = f.error.message(name, Lang::En);
                let zh = f.error.message(name, Lang::Zh);
                assert!(en.contains(text), "{name}: {en:?} should contain {text:?}");
                assert!(en.starts_with(name) && zh.contains(name), "{name}: the message names the file: {en} / {zh}");
                assert_ne!(en, zh, "{name}: a Chinese message too");
            }
            (Imported(read, used, rejected, customers, texts), Ok(i)) => {
                let r = &i.report;
                assert!(r.balanced(), "{name}: rows read = used + rejected: {r:?}");
                assert_eq!(r.rows_rejected as usize, i.rejects.len(), "{name}: one listed reject per rejected row");
                assert_eq!(
                    (r.rows_read, r.rows_used, r.rows_rejected, r.customers),
                    (*read, *used, *rejected, *customers),
                    "{name}: read, used, rejected, customers"
                );
                let said: Vec<String> =
                    i.rejects.iter().map(|x| x.reason.text(Lang::En)).chain(r.warnings.iter().map(|w| w.text(Lang::En))).collect();
                for t in *texts {
                    assert!(said.iter().any(|s| s.contains(t)), "{name}: nothing says {t:?}; said {said:?}");
                }
                for x in &i.rejects {
                    assert!(x.line >= 2, "{name}: a reject names its line: {x:?}");
                    assert!(!x.reason.text(Lang::Zh).is_empty());
                }
            }
            (Refused(_, text), Ok(i)) => panic!("{name}: should be refused ({text}) but imported: {:?}", i.report),
            (Imported(..), Err(f)) => panic!("{name}: should import but: {}", f.error.message(name, Lang::En)),
        }
    }
}

#[test]
fn the_odd_files_keep_what_they_hold() {
    let ids = |name: &str| -> Vec<String> {
        let i = run(name).unwrap_or_else(|f| panic!("{name}: {:?}", f.error));
        let mut v: Vec<String> = i.table.customers.iter().map(|c| c.id.clone()).collect();
        v.sort();
        v
    };
    // Spaces around an id are trimmed (so "  C 1  " and "C 1" are one customer); inner spaces,
    // emoji and zero-width characters are kept as written.
    assert_eq!(ids("28_ids_with_spaces_and_emoji.csv"), ["C 1", "\u{200b}C9", "客户😀", "👍🏽"]);
    // GB18030's four-byte characters survive the GBK decoder (WHATWG's gbk decoder is GB18030's).
    let i = run("35_gb18030_four_byte.csv").expect("imports");
    assert_eq!(i.detected.encoding.as_deref(), Some("GBK"));
    assert_eq!(ids("35_gb18030_four_byte.csv"), ["王伟😀", "𠀀店"]);
    // Big5 is detected and its traditional headers map.
    assert_eq!(run("36_big5_traditional.csv").expect("imports").detected.encoding.as_deref(), Some("Big5"));
    // Ten thousand columns: the three mapped ones are found wherever they are.
    let wide = run("18_ten_thousand_columns.csv").expect("imports");
    assert_eq!(wide.detected.columns.len(), 10_000);
    assert_eq!(wide.detected.columns.iter().filter(|c| c.role.is_some()).count(), 3);
    // A two-megabyte name is kept whole in the table.
    let long = run("19_very_long_line.csv").expect("imports");
    assert_eq!(long.table.customers.iter().find(|c| c.id == "C1").and_then(|c| c.name.as_ref()).map(String::len), Some(2_000_000));
    // Markup and formulas in names are data, kept verbatim (the page and the exports escape them).
    let named = run("38_formula_and_markup_names.csv").expect("imports");
    let names: Vec<&str> = named.table.customers.iter().filter_map(|c| c.name.as_deref()).collect();
    assert!(names.contains(&"<img src=x onerror=alert(1)>") && names.contains(&"=HYPERLINK(\"http://x\")"), "{names:?}");
    // Every customer on one day, or each with one purchase: nobody has a repeat purchase.
    for f in ["30_every_customer_once.csv", "31_all_on_one_day.csv"] {
        assert!(run(f).expect("imports").table.customers.iter().all(|c| c.frequency == 0.0), "{f}");
    }
}

#[test]
fn without_a_clock_future_dates_are_not_judged() {
    let bytes = std::fs::read(format!("{DIR}/20_dates_in_future.csv")).expect("file");
    let i = import(&bytes, "f.csv", &ImportOptions::default(), &Settings::default(), &mut |_| {}).expect("imports");
    assert_eq!(i.report.rows_rejected, 0);
    let opts = ImportOptions { today: NaiveDate::from_ymd_opt(2099, 12, 30), ..ImportOptions::default() };
    let i = import(&bytes, "f.csv", &opts, &Settings::default(), &mut |_| {}).expect("imports");
    assert_eq!(i.report.rows_rejected, 0, "a day's grace for time zones");
}

#[test]
fn applying_the_detected_options_unchanged_gives_the_same_import() {
    // What the mapping screen sends when the user presses Apply without changing anything.
    for (name, expect) in CORPUS {
        let Imported(..) = expect else { continue };
        let first = run(name).unwrap_or_else(|f| panic!("{name}: {:?}", f.error));
        let bytes = std::fs::read(format!("{DIR}/{name}")).expect("file");
        let opts = ImportOptions { today: Some(today()), ..first.detected.as_options() };
        let mut again = import(&bytes, name, &opts, &Settings::default(), &mut |_| {}).unwrap_or_else(|f| panic!("{name}: {:?}", f.error));
        assert_eq!(again.report, first.report, "{name}");
        // The encoding is now the user's choice (the same one); everything else is as detected.
        assert!(
            again.detected.encoding_source.is_none()
                || first.detected.is_workbook
                || again.detected.encoding_source == Some(kezhi_engine::import::encoding::EncodingSource::ChosenByUser)
        );
        again.detected.encoding_source = first.detected.encoding_source;
        assert_eq!(again.detected, first.detected, "{name}");
    }
}
