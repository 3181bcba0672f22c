//! Any bytes through the whole import (encoding → dialect → header mapping → typed rows → customer
//! table → report). The first byte picks a forced delimiter or encoding some of the time, so the
//! paths the mapping screen can force are reached too. Invariants: no panic, and every row read is
//! either used, folded into its order, counted apart by status or rejected (`ImportReport::balanced`), with one reject listed per rejected row; and
//! reading the file in pieces of a few bytes (characters, quotes and line ends cut anywhere) gives the
//! same rows, rejects and decoding errors as reading it whole, under the detected options. With a head
//! of 16 bytes and nothing given, detection runs on that head (and again past it when the head is plain
//! ASCII): no panic, and every row read is used or rejected. Cut in two at a line end (the one after
//! a point the first byte picks) and parsed in halves (`split_parse.rs`), the same rows, rejects and
//! decoding errors again, or the halves refused.
#![no_main]

use kezhi_engine::import::dates::DateFormat;
use kezhi_engine::import::dialect::Delimiter;
use kezhi_engine::import::{parse, parse_cut_of, parse_in_pieces_of, ImportOptions, ParseOutcome, Parsed};
use kezhi_engine::table::imported::import;
use kezhi_engine::settings::Settings;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (opts, bytes) = match data.split_first() {
        Some((&b, rest)) if b >= 0xF0 => {
            let delimiter =
                [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab, Delimiter::Pipe, Delimiter::Whitespace][(b & 0x07) as usize % 5];
            (ImportOptions { delimiter: Some(delimiter), ..ImportOptions::default() }, rest)
        }
        Some((&b, rest)) if b >= 0xE8 => {
            let encoding =
                ["gbk", "utf-16le", "big5", "windows-1252", "shift_jis", "utf-8", "gb18030", "x-user-defined"][(b & 0x07) as usize];
            (ImportOptions { encoding: Some(encoding.to_string()), ..ImportOptions::default() }, rest)
        }
        _ => (ImportOptions::default(), data),
    };
    if let Ok(o) = parse_in_pieces_of(bytes, "fuzz.csv", &opts, (16, 3)) {
        let used = match &o.parsed {
            Parsed::Transactions(t) => t.rows.len() + t.folded_lines as usize + t.not_counted().1 as usize,
            Parsed::Summary(s) => s.len(),
            Parsed::Rfm(r) => r.len(),
        };
        assert_eq!(o.rows_read as usize, used + o.rejects.len(), "a 16-byte head");
    }
    if let Ok(imported) = import(bytes, "fuzz.csv", &opts, &Settings::default(), &mut |_| {}) {
        let r = &imported.report;
        assert!(r.balanced(), "rows read {} ≠ used {} + folded {} + not counted {} + rejected {}", r.rows_read, r.rows_used, r.rows_folded, r.rows_not_counted, r.rows_rejected);
        assert_eq!(r.rows_rejected as usize, imported.rejects.len());
        let mut opts = imported.detected.as_options();
        // Nothing left to detect from the (smaller) head: a date format found nowhere is given too.
        opts.date_format = opts.date_format.or(Some(DateFormat::YearMonthDay));
        let text = |o: &ParseOutcome| format!("{:?} {} {:?} {}", o.parsed, o.rows_read, o.rejects, o.detected.encoding_had_errors);
        let whole = parse(bytes, "fuzz.csv", &opts, &mut |_| {}).map(|o| text(&o)).map_err(|f| f.error);
        // The whole file as the head (detection as above), then pieces of 1 and 3 bytes.
        for sizes in [(bytes.len(), 1), (bytes.len(), 3)] {
            let cut = parse_in_pieces_of(bytes, "fuzz.csv", &opts, sizes).map(|o| text(&o)).map_err(|f| f.error);
            assert_eq!(cut, whole, "pieces {sizes:?}");
        }
        let from = data.first().map_or(0, |&b| bytes.len() * usize::from(b) / 256);
        if let Some(cut) = bytes[from.min(bytes.len())..].iter().position(|&b| b == b'\n').map(|i| (from + i + 1) as u64) {
            if let Some(Some(halves)) = parse_cut_of(bytes, "fuzz.csv", &opts, (16, 3), cut) {
                assert_eq!(Ok(text(&halves)), whole, "halves cut at {cut}");
            }
        }
    }
});
