//! Date parsing: ISO, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYYMMDD`, `DD/MM/YYYY` and `MM/DD/YYYY` (the order
//! decided from the data, or asked), with or without a time, `2024年3月5日`, Excel serials in the 1900
//! and 1904 systems, and Unix seconds or milliseconds (read as UTC). Times of day are dropped: the
//! models work on calendar days (docs/methods.md §0).

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::text_normal::{fold_full_width, trim};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateFormat {
    /// Year first: `2024-03-05`, `2024/3/5`, `2024.03.05`, `20240305`, `2024年3月5日`, with optional time.
    YearMonthDay,
    /// `05/03/2024`, `5.3.2024`, `05-03-2024`.
    DayMonthYear,
    /// `03/05/2024`.
    MonthDayYear,
    /// Days since 1899-12-30 (Excel on Windows; 60 is Excel's phantom 1900-02-29).
    ExcelSerial1900,
    /// Days since 1904-01-01 (old Excel for Mac).
    ExcelSerial1904,
    UnixSeconds,
    UnixMillis,
}

impl DateFormat {
    pub const ALL: [DateFormat; 7] = [
        DateFormat::YearMonthDay,
        DateFormat::DayMonthYear,
        DateFormat::MonthDayYear,
        DateFormat::ExcelSerial1900,
        DateFormat::ExcelSerial1904,
        DateFormat::UnixSeconds,
        DateFormat::UnixMillis,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DateFormat::YearMonthDay => "YYYY-MM-DD",
            DateFormat::DayMonthYear => "DD/MM/YYYY",
            DateFormat::MonthDayYear => "MM/DD/YYYY",
            DateFormat::ExcelSerial1900 => "Excel serial (1900)",
            DateFormat::ExcelSerial1904 => "Excel serial (1904)",
            DateFormat::UnixSeconds => "Unix seconds",
            DateFormat::UnixMillis => "Unix milliseconds",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Empty,
    NotADate,
    Impossible,
}

/// Up to three numeric groups of a date, and the digit count of each.
#[derive(Debug, Clone, Copy, Default)]
struct Groups {
    n: [u32; 3],
    digits: [u8; 3],
    count: usize,
}

/// Splits the date part of a value into numeric groups. Separators: `-` `/` `.` and `年` `月` `日`;
/// the first space or `T` (or the 4th group) ends the date part. Anything else is not a date.
fn groups(s: &str) -> Option<Groups> {
    let mut g = Groups::default();
    let mut cur: Option<(u32, u8)> = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if let Some(d) = c.to_digit(10) {
            let (v, n) = cur.unwrap_or((0, 0));
            if n >= 9 {
                return None;
            }
            cur = Some((v * 10 + d, n + 1));
            continue;
        }
        let sep = matches!(c, '-' | '/' | '.' | '年' | '月' | '日');
        let end = matches!(c, ' ' | 'T' | 't');
        if !sep && !end {
            return None;
        }
        if let Some((v, n)) = cur.take() {
            if g.count == 3 {
                return None;
            }
            g.n[g.count] = v;
            g.digits[g.count] = n;
            g.count += 1;
        } else if sep && c != '日' {
            return None; // two separators in a row, or a leading separator
        }
        if end || g.count == 3 {
            // The rest is a time of day (or a trailing 日); it must look like one.
            let rest: String = chars.collect();
            let rest = rest.trim();
            if g.count == 3 && (rest.is_empty() || looks_like_time(rest)) {
                return Some(g);
            }
            return None;
        }
    }
    if let Some((v, n)) = cur {
        if g.count == 3 {
            return None;
        }
        g.n[g.count] = v;
        g.digits[g.count] = n;
        g.count += 1;
    }
    Some(g)
}

fn looks_like_time(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'Z' | 'z' | '+' | '-' | ' ' | '时' | '分' | '秒' | 'A' | 'P' | 'M' | 'a' | 'p' | 'm'))
        && s.chars().any(|c| c.is_ascii_digit())
}

/// `YYYY-MM-DD` read straight from its ten bytes, as `groups` would read it; `None` for any other
/// text. The usual date of an export, and its general reading (a character at a time, groups,
/// separators, a time of day) is slower by far (docs/performance.md, "Measurements behind the code").
fn iso_day(s: &str) -> Option<Result<NaiveDate, DateError>> {
    let b: &[u8; 10] = s.as_bytes().try_into().ok()?;
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| digits.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')));
    Some(ymd(number(&b[0..4])?, number(&b[5..7])?, number(&b[8..10])?))
}

fn ymd(y: u32, m: u32, d: u32) -> Result<NaiveDate, DateError> {
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(DateError::Impossible)
}

fn excel_serial(v: f64, epoch_1904: bool) -> Result<NaiveDate, DateError> {
    if !(1.0..2_958_466.0).contains(&v) {
        return Err(DateError::Impossible);
    }
    let days = v.floor() as i64;
    let base = if epoch_1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)
    } else if days < 60 {
        // Before Excel's phantom 1900-02-29 the 1900 system counts from 1899-12-31.
        NaiveDate::from_ymd_opt(1899, 12, 31)
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)
    };
    let base = base.ok_or(DateError::Impossible)?;
    if !epoch_1904 && days == 60 {
        return Err(DateError::Impossible); // 1900-02-29 never existed
    }
    base.checked_add_signed(Duration::days(days)).ok_or(DateError::Impossible)
}

fn unix(v: f64, per_second: f64) -> Result<NaiveDate, DateError> {
    let secs = (v / per_second).floor() as i64;
    chrono::DateTime::from_timestamp(secs, 0).map(|t| t.date_naive()).ok_or(DateError::Impossible)
}

/// Parses one value in the given format.
pub fn parse_date(raw: &str, format: DateFormat) -> Result<NaiveDate, DateError> {
    let s = trim(raw);
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    if format == DateFormat::YearMonthDay {
        if let Some(day) = iso_day(s) {
            return day;
        }
    }
    read_date(s, format)
}

/// [`parse_date`] of trimmed, non-empty text, by the general rules.
fn read_date(s: &str, format: DateFormat) -> Result<NaiveDate, DateError> {
    let folded = fold_full_width(s);
    let s = folded.as_ref();
    match format {
        DateFormat::ExcelSerial1900 | DateFormat::ExcelSerial1904 => {
            let v: f64 = s.parse().map_err(|_| DateError::NotADate)?;
            excel_serial(v, format == DateFormat::ExcelSerial1904)
        }
        DateFormat::UnixSeconds | DateFormat::UnixMillis => {
            let v: f64 = s.parse().map_err(|_| DateError::NotADate)?;
            if !v.is_finite() || v < 0.0 {
                return Err(DateError::Impossible);
            }
            unix(v, if format == DateFormat::UnixMillis { 1000.0 } else { 1.0 })
        }
        _ => {
            let g = groups(s).ok_or(DateError::NotADate)?;
            if g.count == 1 && g.digits[0] == 8 && format == DateFormat::YearMonthDay {
                let v = g.n[0];
                return ymd(v / 10_000, v / 100 % 100, v % 100);
            }
            if g.count != 3 {
                return Err(DateError::NotADate);
            }
            let [a, b, c] = g.n;
            let year_last = match g.digits[2] {
                4 => Some(c),
                2 => Some(two_digit_year(c)),
                _ => None,
            };
            match (format, year_last) {
                (DateFormat::YearMonthDay, _) if g.digits[0] == 4 => ymd(a, b, c),
                (DateFormat::DayMonthYear, Some(y)) if g.digits[0] <= 2 && g.digits[1] <= 2 => ymd(y, b, a),
                (DateFormat::MonthDayYear, Some(y)) if g.digits[0] <= 2 && g.digits[1] <= 2 => ymd(y, a, b),
                _ => Err(DateError::NotADate),
            }
        }
    }
}

/// A two-digit year with the POSIX pivot (as `strptime`'s `%y`, Python and Excel read it): 69–99 are
/// 1969–1999, 00–68 are 2000–2068. `12/1/10` is 2010-12-01.
fn two_digit_year(yy: u32) -> u32 {
    if yy >= 69 { 1900 + yy } else { 2000 + yy }
}

/// What the data says about a date column.
#[derive(Debug, Clone, PartialEq)]
pub struct DateDetection {
    /// The format that parses the most samples; `None` if no format parses any.
    pub format: Option<DateFormat>,
    /// Day/month order could not be decided: every sample has both first fields ≤ 12.
    pub ambiguous_order: bool,
    /// Share of non-empty samples that parse in `format`.
    pub share_parsed: f64,
}

/// Decides the format of a date column from sample values. `workbook_1904` tells that the values come
/// from a workbook in the 1904 date system.
pub fn detect_format<'a>(samples: impl IntoIterator<Item = &'a str>, workbook_1904: bool) -> DateDetection {
    let mut n = 0usize;
    let mut counts = [0usize; 7];
    let mut day_first_evidence = false; // a first field > 12 (e.g. 25/03/2024)
    let mut month_first_evidence = false; // a second field > 12 (e.g. 03/25/2024)
    let mut numeric = 0usize;
    let mut serial_like = 0usize;
    let mut seconds_like = 0usize;
    let mut millis_like = 0usize;
    for raw in samples {
        let s = raw.trim();
        if s.is_empty() {
            continue;
        }
        n += 1;
        for (i, f) in DateFormat::ALL.iter().enumerate().take(3) {
            if parse_date(s, *f).is_ok() {
                counts[i] += 1;
            }
        }
        if let Some(g) = groups(&fold_full_width(s)) {
            if g.count == 3 && matches!(g.digits[2], 2 | 4) && g.digits[0] <= 2 {
                day_first_evidence |= g.n[0] > 12 && g.n[0] <= 31;
                month_first_evidence |= g.n[1] > 12 && g.n[1] <= 31;
            }
        }
        if let Ok(v) = s.parse::<f64>() {
            numeric += 1;
            // Serials of plausible purchase dates (1954–2119); small integers are not dates.
            if (20_000.0..80_000.0).contains(&v) {
                serial_like += 1;
            } else if (1e8..1e10).contains(&v) {
                seconds_like += 1;
            } else if (1e11..1e13).contains(&v) {
                millis_like += 1;
            }
        }
    }
    if n == 0 {
        return DateDetection { format: None, ambiguous_order: false, share_parsed: 0.0 };
    }
    let compact_ymd = counts[0];
    // Plain numbers: 8-digit YYYYMMDD beats a serial reading when most parse as calendar dates.
    if numeric * 2 > n && compact_ymd * 2 <= n {
        let (format, hits) = [
            (if workbook_1904 { DateFormat::ExcelSerial1904 } else { DateFormat::ExcelSerial1900 }, serial_like),
            (DateFormat::UnixSeconds, seconds_like),
            (DateFormat::UnixMillis, millis_like),
        ]
        .into_iter()
        .max_by_key(|(_, h)| *h)
        .unwrap_or((DateFormat::ExcelSerial1900, 0));
        if hits > 0 {
            return DateDetection { format: Some(format), ambiguous_order: false, share_parsed: hits as f64 / n as f64 };
        }
    }
    let (ymd_hits, dmy_hits, mdy_hits) = (counts[0], counts[1], counts[2]);
    if ymd_hits == 0 && dmy_hits == 0 && mdy_hits == 0 {
        return DateDetection { format: None, ambiguous_order: false, share_parsed: 0.0 };
    }
    if ymd_hits >= dmy_hits.max(mdy_hits) {
        return DateDetection { format: Some(DateFormat::YearMonthDay), ambiguous_order: false, share_parsed: ymd_hits as f64 / n as f64 };
    }
    let (format, hits, ambiguous) = match (day_first_evidence, month_first_evidence) {
        (true, false) => (DateFormat::DayMonthYear, dmy_hits, false),
        (false, true) => (DateFormat::MonthDayYear, mdy_hits, false),
        // Both kinds of evidence: the larger count wins; the rest are rejected row by row.
        (true, true) => {
            if dmy_hits >= mdy_hits {
                (DateFormat::DayMonthYear, dmy_hits, false)
            } else {
                (DateFormat::MonthDayYear, mdy_hits, false)
            }
        }
        (false, false) => (DateFormat::DayMonthYear, dmy_hits, true),
    };
    DateDetection { format: Some(format), ambiguous_order: ambiguous, share_parsed: hits as f64 / n as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ten-byte reading of `YYYY-MM-DD` gives what the general reading gives, impossible days
    /// (month 13, 30 February, day 0) and the years it lets through included; it declines anything
    /// else. Ten characters from digits, separators and the odd letter or full-width digit.
    #[test]
    fn iso_days_read_as_the_general_rules_read_them() {
        use proptest::prelude::*;
        let alphabet = ["0", "1", "2", "3", "9", "-", "/", ".", " ", "T", "２", "a"];
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(5000));
        let dash_heavy = proptest::collection::vec(prop_oneof![4 => 0..5usize, 1 => 5..alphabet.len()], 8..12);
        runner
            .run(&dash_heavy, |picks| {
                let mut s: String = picks.iter().map(|&i| alphabet[i]).collect();
                if s.len() == 10 && picks.len() == 10 {
                    s.replace_range(4..5, "-");
                    s.replace_range(7..8, "-");
                }
                match iso_day(&s) {
                    Some(day) => prop_assert_eq!(day, read_date(&s, DateFormat::YearMonthDay), "{}", s),
                    None => prop_assert!(s.len() != 10 || !s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() }), "{}", s),
                }
                Ok(())
            })
            .unwrap();
        assert_eq!(iso_day("2024-02-30"), Some(Err(DateError::Impossible)));
        assert_eq!(iso_day("2024-02-29"), Some(Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())));
        assert_eq!(iso_day("2024/02/29"), None);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn every_documented_form_parses_to_the_same_day() {
        use DateFormat::*;
        let want = d(2024, 3, 5);
        let table: &[(&str, DateFormat)] = &[
            ("2024-03-05", YearMonthDay),
            ("2024-3-5", YearMonthDay),
            ("2024/03/05", YearMonthDay),
            ("2024.03.05", YearMonthDay),
            ("20240305", YearMonthDay),
            ("2024-03-05 14:30", YearMonthDay),
            ("2024-03-05 14:30:59", YearMonthDay),
            ("2024-03-05T14:30:59Z", YearMonthDay),
            ("2024-03-05T14:30:59.123+08:00", YearMonthDay),
            ("2024/3/5 9:05:00 AM", YearMonthDay),
            ("2024年3月5日", YearMonthDay),
            ("2024年03月05日 14时30分", YearMonthDay),
            ("２０２４－０３－０５", YearMonthDay),
            ("05/03/2024", DayMonthYear),
            ("5.3.2024", DayMonthYear),
            ("05-03-2024 23:59", DayMonthYear),
            ("03/05/2024", MonthDayYear),
            ("3/5/2024 11:00 PM", MonthDayYear),
            ("45356", ExcelSerial1900),
            ("45356.75", ExcelSerial1900),
            ("43894", ExcelSerial1904),
            ("1709596800", UnixSeconds),
            ("1709640000", UnixSeconds),
            ("1709596800000", UnixMillis),
        ];
        for (raw, fmt) in table {
            assert_eq!(parse_date(raw, *fmt), Ok(want), "{raw} as {fmt:?}");
        }
    }

    #[test]
    fn excel_1900_serials_match_excel_around_its_phantom_leap_day() {
        use DateFormat::ExcelSerial1900 as X;
        assert_eq!(parse_date("1", X), Ok(d(1900, 1, 1)));
        assert_eq!(parse_date("59", X), Ok(d(1900, 2, 28)));
        assert_eq!(parse_date("60", X), Err(DateError::Impossible));
        assert_eq!(parse_date("61", X), Ok(d(1900, 3, 1)));
        assert_eq!(parse_date("25569", X), Ok(d(1970, 1, 1)));
        assert_eq!(parse_date("0", DateFormat::ExcelSerial1904), Err(DateError::Impossible));
        assert_eq!(parse_date("1", DateFormat::ExcelSerial1904), Ok(d(1904, 1, 2)));
    }

    #[test]
    fn impossible_and_non_dates_are_told_apart() {
        use DateFormat::*;
        assert_eq!(parse_date("2024-02-30", YearMonthDay), Err(DateError::Impossible));
        assert_eq!(parse_date("2023-02-29", YearMonthDay), Err(DateError::Impossible));
        assert_eq!(parse_date("2024-02-29", YearMonthDay), Ok(d(2024, 2, 29)));
        assert_eq!(parse_date("13/13/2024", DayMonthYear), Err(DateError::Impossible));
        assert_eq!(parse_date("yesterday", YearMonthDay), Err(DateError::NotADate));
        assert_eq!(parse_date("2024-03", YearMonthDay), Err(DateError::NotADate));
        assert_eq!(parse_date("2024--03-05", YearMonthDay), Err(DateError::NotADate));
        assert_eq!(parse_date("2024-03-05 lunch", YearMonthDay), Err(DateError::NotADate));
        assert_eq!(parse_date("  ", YearMonthDay), Err(DateError::Empty));
        assert_eq!(parse_date("05/03/2024", YearMonthDay), Err(DateError::NotADate));
    }

    #[test]
    fn day_month_order_is_decided_by_the_data_or_flagged_as_ambiguous() {
        let dmy = detect_format(["01/02/2024", "25/02/2024", "03/03/2024"], false);
        assert_eq!((dmy.format, dmy.ambiguous_order), (Some(DateFormat::DayMonthYear), false));
        let mdy = detect_format(["01/02/2024", "02/25/2024"], false);
        assert_eq!((mdy.format, mdy.ambiguous_order), (Some(DateFormat::MonthDayYear), false));
        let unsure = detect_format(["01/02/2024", "03/04/2024"], false);
        assert!(unsure.ambiguous_order);
        let iso = detect_format(["2024-01-02", "2024年1月3日", ""], false);
        assert_eq!((iso.format, iso.share_parsed), (Some(DateFormat::YearMonthDay), 1.0));
    }

    /// Two-digit years take the usual pivot, with the day/month order decided from the data like
    /// four-digit ones (UCI Online Retail writes `12/1/10 8:26`, month first).
    #[test]
    fn two_digit_years_read_with_the_usual_pivot() {
        assert_eq!(parse_date("12/1/10 8:26", DateFormat::MonthDayYear), Ok(d(2010, 12, 1)));
        assert_eq!(parse_date("05-03-24", DateFormat::DayMonthYear), Ok(d(2024, 3, 5)));
        assert_eq!(parse_date("31/12/69", DateFormat::DayMonthYear), Ok(d(1969, 12, 31)));
        assert_eq!(parse_date("1/1/68", DateFormat::MonthDayYear), Ok(d(2068, 1, 1)));
        assert_eq!(parse_date("2/30/11", DateFormat::MonthDayYear), Err(DateError::Impossible));
        let uci = ["12/1/10 8:26", "12/1/10 8:28", "12/13/10 9:02", "1/4/11 10:00"];
        let det = detect_format(uci, false);
        assert_eq!((det.format, det.ambiguous_order, det.share_parsed), (Some(DateFormat::MonthDayYear), false, 1.0));
        assert!(detect_format(["05-03-24", "06-03-24"], false).ambiguous_order, "no row decides: asked");
    }

    #[test]
    fn numeric_date_columns_are_recognised() {
        assert_eq!(detect_format(["45356", "45357.5"], false).format, Some(DateFormat::ExcelSerial1900));
        assert_eq!(detect_format(["43894"], true).format, Some(DateFormat::ExcelSerial1904));
        assert_eq!(detect_format(["1709596800", "1709683200"], false).format, Some(DateFormat::UnixSeconds));
        assert_eq!(detect_format(["1709596800000"], false).format, Some(DateFormat::UnixMillis));
        assert_eq!(detect_format(["20240305", "20240306"], false).format, Some(DateFormat::YearMonthDay));
        assert_eq!(detect_format(["abc", "12 apples"], false).format, None);
        assert_eq!(detect_format(["2024-01-05", "7", "12", "305"], false).format, Some(DateFormat::YearMonthDay));
    }
}
