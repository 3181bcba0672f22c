//! Amount parsing: currency marks (`¥ ￥ $ € £ RMB CNY 元` …), thousands separators, decimal comma,
//! `(12.50)` and trailing-minus negatives, full-width digits.

use serde::{Deserialize, Serialize};

use super::text_normal::{fold_full_width, trim};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum DecimalSeparator {
    /// `1,234.50`
    #[default]
    Point,
    /// `1.234,50`
    Comma,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    NotANumber,
    /// Larger in size than [`MAX_AMOUNT`].
    TooLarge,
}

/// The largest amount accepted, 10^15: beyond it an f64 no longer holds every cent (2^53 ≈ 9.0·10^15
/// units of 0.01 would need 53 bits above the point), and no single purchase is that large — it is a
/// typo, an id in the amount column, or a number in scientific notation from a broken export.
pub const MAX_AMOUNT: f64 = 1e15;

fn within_limit(v: f64) -> Result<f64, AmountError> {
    if v.abs() > MAX_AMOUNT {
        Err(AmountError::TooLarge)
    } else {
        Ok(v)
    }
}

const CURRENCY_WORDS: [&str; 8] = ["RMB", "CNY", "USD", "EUR", "GBP", "HKD", "JPY", "元"];

/// Parses one amount. Plain ASCII numbers take a fast path.
pub fn parse_amount(raw: &str, decimal: DecimalSeparator) -> Result<f64, AmountError> {
    let s = trim(raw);
    if s.is_empty() {
        return Err(AmountError::Empty);
    }
    if decimal == DecimalSeparator::Point {
        if let Some(v) = short_decimal(s) {
            return within_limit(v);
        }
    }
    if decimal == DecimalSeparator::Point && is_plain_number(s) {
        return s.parse::<f64>().map_err(|_| AmountError::NotANumber).and_then(within_limit);
    }
    let folded = fold_full_width(s);
    let mut t: String = folded.as_ref().to_string();
    for w in CURRENCY_WORDS {
        if t.contains(w) {
            t = t.replace(w, "");
        }
        let lower = w.to_ascii_lowercase();
        if t.contains(&lower) {
            t = t.replace(&lower, "");
        }
    }
    let mut negative = false;
    let mut body = String::with_capacity(t.len());
    let trimmed = t.trim();
    let mut inner = trimmed;
    if inner.starts_with('(') && inner.ends_with(')') && inner.len() >= 2 {
        negative = true;
        inner = &inner[1..inner.len() - 1];
    }
    for c in inner.chars() {
        match c {
            '¥' | '￥' | '$' | '€' | '£' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '_' => {}
            '−' | '-' => {
                if negative {
                    return Err(AmountError::NotANumber);
                }
                negative = true;
            }
            '+' => {}
            '0'..='9' | '.' | ',' | 'e' | 'E' => body.push(c),
            _ => return Err(AmountError::NotANumber),
        }
    }
    let normal: String = match decimal {
        DecimalSeparator::Point => body.chars().filter(|&c| c != ',').collect(),
        DecimalSeparator::Comma => body.chars().filter(|&c| c != '.').map(|c| if c == ',' { '.' } else { c }).collect(),
    };
    if normal.is_empty() || !normal.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return Err(AmountError::NotANumber);
    }
    let v: f64 = normal.parse().map_err(|_| AmountError::NotANumber)?;
    if !v.is_finite() {
        return Err(AmountError::NotANumber);
    }
    within_limit(if negative { -v } else { v })
}

/// An amount of at most 15 digits, `-` before them or not, `.` among them or not (`12`, `-0.5`,
/// `134.29`), read in one pass; `None` for anything else. The digits as an integer m < 10^15 and the
/// power 10^k of the k decimals are both exact in an f64, and IEEE division rounds m / 10^k
/// correctly, so this is the value `str::parse::<f64>` gives (Clinger's fast path, which the
/// standard library also takes, after it has scanned the text again). Two amounts a row, so checking
/// and parsing them in one pass counts (docs/performance.md, "Measurements behind the code").
fn short_decimal(s: &str) -> Option<f64> {
    let (negative, body) = match s.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        all => (false, all),
    };
    if body.is_empty() || body.len() > 16 {
        return None;
    }
    let (mut m, mut digits, mut decimals, mut point) = (0u64, 0u32, 0u32, false);
    for &c in body {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + u64::from(c - b'0');
                digits += 1;
                decimals += u32::from(point);
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if digits == 0 || digits > 15 {
        return None;
    }
    const POWERS: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
    let v = m as f64 / POWERS[decimals as usize];
    Some(if negative { -v } else { v })
}

fn is_plain_number(s: &str) -> bool {
    let b = s.as_bytes();
    let start = usize::from(b[0] == b'-');
    start < b.len()
        && b[start..].iter().all(|&c| c.is_ascii_digit() || c == b'.')
        && b[start..].iter().filter(|&&c| c == b'.').count() <= 1
        && b[start..].iter().any(|c| c.is_ascii_digit())
}

/// Decides the decimal separator of an amount column from samples. `1.234,56` or `12,5` say comma;
/// `1,234.56` or `12.5` say point; `1,234` alone says nothing (point by default, comma when the file
/// is `;`-delimited, as European exports are).
pub fn detect_decimal<'a>(samples: impl IntoIterator<Item = &'a str>, semicolon_file: bool) -> DecimalSeparator {
    let (mut comma, mut point) = (0usize, 0usize);
    for raw in samples {
        let s = fold_full_width(raw.trim());
        let s = s.as_ref();
        let last_comma = s.rfind(',');
        let last_point = s.rfind('.');
        match (last_comma, last_point) {
            (Some(c), Some(p)) => {
                if c > p {
                    comma += 1
                } else {
                    point += 1
                }
            }
            (Some(c), None) => {
                let after = s[c + 1..].chars().take_while(|ch| ch.is_ascii_digit()).count();
                if after != 3 || s.matches(',').count() == 1 && s[..c].trim_start_matches(['-', '(']).starts_with('0') {
                    comma += 1;
                }
            }
            (None, Some(p)) => {
                let after = s[p + 1..].chars().take_while(|ch| ch.is_ascii_digit()).count();
                if after != 3 || s.matches('.').count() == 1 {
                    point += 1;
                } else {
                    comma += 1; // 1.234.567 thousands points
                }
            }
            (None, None) => {}
        }
    }
    if comma > point || (comma == point && point == 0 && semicolon_file) {
        DecimalSeparator::Comma
    } else {
        DecimalSeparator::Point
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DecimalSeparator::*;

    /// The one-pass reading of short amounts gives `str::parse::<f64>`'s value to the bit (−0
    /// included), and declines what it does not read (no digit, two points, a second sign, more
    /// than 15 digits, an exponent). Strings of digits, points, signs and the odd letter.
    #[test]
    fn short_decimals_are_what_str_parse_gives() {
        use proptest::prelude::*;
        let alphabet = ["0", "1", "5", "9", "7", ".", "-", "e", "+"];
        let pick = prop_oneof![8 => 0..5usize, 1 => 5..7usize, 1 => 7..alphabet.len()];
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(5000));
        runner
            .run(&proptest::collection::vec(pick, 0..19), |picks| {
                let s: String = picks.iter().map(|&i| alphabet[i]).collect();
                match short_decimal(&s) {
                    Some(v) => prop_assert_eq!(Some(v.to_bits()), s.parse::<f64>().ok().map(f64::to_bits), "{}", s),
                    None => prop_assert!(
                        s.parse::<f64>().is_err() || s.bytes().filter(u8::is_ascii_digit).count() > 15 || s.contains(['e', '+']),
                        "{} declined",
                        s
                    ),
                }
                Ok(())
            })
            .unwrap();
        assert_eq!(short_decimal("0.1"), Some(0.1));
        assert_eq!(short_decimal("134.29"), Some(134.29));
        assert_eq!(short_decimal("-0").map(f64::to_bits), Some((-0.0f64).to_bits()));
        assert_eq!(short_decimal("999999999999999.9"), None);
    }

    #[test]
    fn every_documented_amount_form_parses() {
        let table: &[(&str, DecimalSeparator, f64)] = &[
            ("12.50", Point, 12.5),
            ("-12.50", Point, -12.5),
            ("1,234.56", Point, 1234.56),
            ("¥1,234.56", Point, 1234.56),
            ("￥1234.56", Point, 1234.56),
            ("$ 99", Point, 99.0),
            ("€12.00", Point, 12.0),
            ("£7", Point, 7.0),
            ("RMB 100", Point, 100.0),
            ("100元", Point, 100.0),
            ("CNY1,000", Point, 1000.0),
            ("(12.50)", Point, -12.5),
            ("12.50-", Point, -12.5),
            ("+3", Point, 3.0),
            ("１２３．４５", Point, 123.45),
            ("￥１，２３４", Point, 1234.0),
            ("12,50", Comma, 12.5),
            ("1.234,56", Comma, 1234.56),
            ("1 234,56", Comma, 1234.56),
            ("1\u{a0}234,56 €", Comma, 1234.56),
            ("(1.234,56)", Comma, -1234.56),
            ("1'234.50", Point, 1234.5),
            ("0", Point, 0.0),
            ("1e3", Point, 1000.0),
        ];
        for (raw, sep, want) in table {
            let got = parse_amount(raw, *sep);
            assert_eq!(got, Ok(*want), "{raw} with {sep:?}");
        }
    }

    #[test]
    fn non_numbers_are_refused() {
        for raw in ["abc", "N/A", "NaN", "inf", "12.5.6", "--3", "(-3)", "$", "12 apples"] {
            assert_eq!(parse_amount(raw, Point), Err(AmountError::NotANumber), "{raw}");
        }
        assert_eq!(parse_amount("  ", Point), Err(AmountError::Empty));
    }

    #[test]
    fn decimal_separator_is_detected_from_the_column() {
        assert_eq!(detect_decimal(["12,50", "3,00", "1.234,56"], true), Comma);
        assert_eq!(detect_decimal(["12.50", "1,234.56"], false), Point);
        assert_eq!(detect_decimal(["1,234", "2,345"], false), Point);
        assert_eq!(detect_decimal(["1,234", "2,345"], true), Comma);
        assert_eq!(detect_decimal(["0,5"], false), Comma);
        assert_eq!(detect_decimal(["12", "13"], false), Point);
    }
}
