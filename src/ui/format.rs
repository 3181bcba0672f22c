//! Number formatting for display (no arithmetic beyond formatting).

/// 1234567 → "1,234,567" (the engine's rule, so sentences and cards agree).
pub fn int(n: u64) -> String {
    crate::engine::lang::group_thousands(n)
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
