//! Number formatting for display (no arithmetic beyond formatting).

/// 1234567 → "1,234,567".
pub fn int(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Money with thousands separators and no decimals above 1,000.
pub fn money(v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    if a >= 1000.0 {
        format!("{sign}{}", int(a.round() as u64))
    } else {
        format!("{sign}{a:.2}")
    }
}

pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}
