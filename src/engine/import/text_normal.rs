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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_punctuation_fold_to_ascii() {
        assert_eq!(fold_full_width("￥１，２３４．５０"), "￥1,234.50");
        assert_eq!(fold_full_width("２０２４－０３－０５"), "2024-03-05");
        assert!(matches!(fold_full_width("abc"), Cow::Borrowed(_)));
    }
}
