//! Any text as a date in every format, and lines of text as samples for format detection.
//! Invariants: no panic; a parsed date formats back to a date chrono can represent.
#![no_main]

use kezhi_engine::import::dates::{detect_format, parse_date, DateFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for format in DateFormat::ALL {
        if let Ok(d) = parse_date(text, format) {
            assert!(!d.to_string().is_empty());
        }
    }
    let _ = detect_format(text.lines(), false);
    let _ = detect_format(text.lines(), true);
});
