//! Any text as an amount with either decimal separator, and lines of text as samples for separator
//! detection. Invariants: no panic; an accepted amount is a finite number.
#![no_main]

use kezhi_engine::import::amounts::{detect_decimal, parse_amount, DecimalSeparator};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for decimal in [DecimalSeparator::Point, DecimalSeparator::Comma] {
        if let Ok(v) = parse_amount(text, decimal) {
            assert!(v.is_finite(), "{text:?} → {v}");
        }
    }
    let _ = detect_decimal(text.lines(), false);
    let _ = detect_decimal(text.lines(), true);
});
