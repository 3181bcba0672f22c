//! Any bytes as a workbook: calamine's XLSX/XLS/ODS readers and Kezhi's sheet handling. Seeded with
//! the fixtures' workbooks so the fuzzer mutates real zips. Invariants as for `delimited`.
#![no_main]

use kezhi_engine::import::{workbook, ImportOptions};
use kezhi_engine::table::imported::import;
use kezhi_engine::settings::Settings;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = workbook::read_sheet(data, None);
    if workbook::is_workbook(data) {
        if let Ok(imported) = import(data, "fuzz.xlsx", &ImportOptions::default(), &Settings::default(), &mut |_| {}) {
            let r = &imported.report;
            assert!(r.balanced(), "rows read {} ≠ used {} + rejected {}", r.rows_read, r.rows_used, r.rows_rejected);
            assert_eq!(r.rows_rejected as usize, imported.rejects.len());
        }
    }
});
