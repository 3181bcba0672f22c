//! Sniffs the delimiter of a text table: `,` `;` tab `|`, or runs of spaces.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
    Pipe,
    /// One or more spaces or tabs between fields; no quoting.
    Whitespace,
}

impl Delimiter {
    pub const ALL: [Delimiter; 5] =
        [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab, Delimiter::Pipe, Delimiter::Whitespace];

    pub fn byte(self) -> Option<u8> {
        match self {
            Delimiter::Comma => Some(b','),
            Delimiter::Semicolon => Some(b';'),
            Delimiter::Tab => Some(b'\t'),
            Delimiter::Pipe => Some(b'|'),
            Delimiter::Whitespace => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Delimiter::Comma => "comma",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Tab => "tab",
            Delimiter::Pipe => "pipe",
            Delimiter::Whitespace => "spaces",
        }
    }

    /// Parses a CLI value: a name or the character itself.
    pub fn parse(s: &str) -> Option<Delimiter> {
        match s {
            "," | "comma" => Some(Delimiter::Comma),
            ";" | "semicolon" => Some(Delimiter::Semicolon),
            "\t" | "\\t" | "tab" => Some(Delimiter::Tab),
            "|" | "pipe" => Some(Delimiter::Pipe),
            " " | "space" | "spaces" | "whitespace" => Some(Delimiter::Whitespace),
            _ => None,
        }
    }
}

/// Counts `delim` outside double quotes in one line.
fn count_outside_quotes(line: &str, delim: u8) -> usize {
    let mut in_quotes = false;
    let mut n = 0;
    for &b in line.as_bytes() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if b == delim && !in_quotes {
            n += 1;
        }
    }
    n
}

/// Picks the delimiter that splits the first lines into the most consistent number of fields.
///
/// For each candidate, the score is (share of lines with the modal field count) × (modal count);
/// the candidate must give at least two fields. Runs of spaces are tried last, for fixed-width-ish
/// exports; a file with one column falls back to comma.
pub fn sniff(text: &str) -> Delimiter {
    // Leading `#` notes (see `records::Source::for_each`) say nothing of the delimiter.
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).skip_while(|l| l.trim_start().trim_start_matches('"').starts_with('#')).take(50).collect();
    if lines.is_empty() {
        return Delimiter::Comma;
    }
    let mut best = (0.0f64, Delimiter::Comma);
    for d in [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab, Delimiter::Pipe] {
        let Some(byte) = d.byte() else { continue };
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, byte)).collect();
        let score = consistency_score(&counts);
        if score > best.0 {
            best = (score, d);
        }
    }
    if best.0 > 0.0 {
        return best.1;
    }
    let counts: Vec<usize> = lines.iter().map(|l| l.split_whitespace().count().saturating_sub(1)).collect();
    if consistency_score(&counts) > 0.0 {
        return Delimiter::Whitespace;
    }
    Delimiter::Comma
}

fn consistency_score(counts: &[usize]) -> f64 {
    let mut freq = std::collections::BTreeMap::new();
    for &c in counts.iter().filter(|&&c| c > 0) {
        *freq.entry(c).or_insert(0usize) += 1;
    }
    let Some((&mode, &hits)) = freq.iter().max_by_key(|(c, h)| (**h, **c)) else { return 0.0 };
    let share = hits as f64 / counts.len() as f64;
    if share < 0.6 {
        return 0.0;
    }
    share * mode as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_delimiter_is_sniffed() {
        let cases = [
            ("id,date,amount\n1,2024-01-01,\"1,200.00\"\n2,2024-01-02,5\n", Delimiter::Comma),
            ("id;date;amount\n1;2024-01-01;12,50\n2;2024-01-02;5,00\n", Delimiter::Semicolon),
            ("id\tdate\tamount\n1\t2024-01-01\t12.5\n2\t2024-01-02\t5\n", Delimiter::Tab),
            ("id|date|amount\n1|2024-01-01|12.5\n2|2024-01-02|5\n", Delimiter::Pipe),
            ("id   date        amount\n1    2024-01-01  12.5\n2    2024-01-02  5\n", Delimiter::Whitespace),
            ("amount\n12\n13\n", Delimiter::Comma),
        ];
        for (text, want) in cases {
            assert_eq!(sniff(text), want, "for {text:?}");
        }
    }

    #[test]
    fn commas_inside_quotes_do_not_fool_the_semicolon_sniffer() {
        let text = "name;amount\n\"Smith, J.\";12,50\n\"Lee, K.\";3,00\n\"Wu, X.\";4,00\n";
        assert_eq!(sniff(text), Delimiter::Semicolon);
    }
}
