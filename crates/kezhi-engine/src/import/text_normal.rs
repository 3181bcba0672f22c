//! Small text normalisations shared by the date, amount and header parsers.

use std::borrow::Cow;

/// Folds full-width ASCII (U+FF01–U+FF5E, e.g. `２０２４`, `，`, `．`) and the ideographic space to
/// their ASCII forms. Borrows when the text is already ASCII.
pub fn fold_full_width(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
                '\u{3000}' => ' ',
                _ => c,
            })
            .collect(),
    )
}

/// `str::trim`, with a shortcut for the usual field, which has nothing to trim: when its first and
/// last bytes are ASCII other than whitespace (tab to CR, space), its first and last characters are
/// those bytes (UTF-8 encodes every other character in bytes of 0x80 and above) and neither is
/// white space. Every field of every row is trimmed; `str::trim` decodes a character at each end
/// (docs/performance.md, "Measurements behind the code").
pub fn trim(s: &str) -> &str {
    let solid = |b: u8| b.is_ascii() && b != b' ' && !(b'\t'..=b'\r').contains(&b);
    match s.as_bytes() {
        [first, .., last] if solid(*first) && solid(*last) => s,
        [only] if solid(*only) => s,
        _ => s.trim(),
    }
}

/// The text inside Excel's guard `="…"`, which exports put around long numbers (order numbers, phone
/// numbers) so that Excel keeps them as text: `="0123456789012345678"` → `0123456789012345678`.
pub fn unguard(s: &str) -> &str {
    match s.as_bytes() {
        [b'=', b'"', .., b'"'] => &s[2..s.len() - 1],
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_text_guards_are_taken_off() {
        assert_eq!(unguard("=\"0123456789012345678\""), "0123456789012345678");
        assert_eq!(unguard("=\""), "=\"");
        assert_eq!(unguard("C001"), "C001");
    }

    /// `trim` is `str::trim`: strings from an alphabet of ASCII and Unicode white space (vertical
    /// tab, NEL, no-break, ideographic and thin spaces among it), letters and CJK.
    #[test]
    fn trim_is_str_trim() {
        use proptest::prelude::*;
        let alphabet = ["a", "7", " ", "\t", "\n", "\u{0b}", "\u{0c}", "\r", "\u{85}", "\u{a0}", "\u{3000}", "\u{2009}", "中", "\u{1c}", "é"];
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(3000));
        runner
            .run(&proptest::collection::vec(0..alphabet.len(), 0..8), |picks| {
                let s: String = picks.iter().map(|&i| alphabet[i]).collect();
                prop_assert_eq!(trim(&s), s.trim());
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn full_width_digits_and_punctuation_fold_to_ascii() {
        assert_eq!(fold_full_width("￥１，２３４．５０"), "￥1,234.50");
        assert_eq!(fold_full_width("２０２４－０３－０５"), "2024-03-05");
        assert!(matches!(fold_full_width("abc"), Cow::Borrowed(_)));
    }
}
