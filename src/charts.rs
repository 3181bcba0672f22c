//! Charts drawn with plotters from plain engine data, generic over the drawing backend: a `<canvas>`
//! in the page (plotters-canvas), SVG in native tests.

pub mod actual_vs_model;
pub mod treemap;
pub mod monthly_revenue;
pub mod plot;

/// Short number for axis labels: 1234567 → "1.2M", 12345 → "12k".
pub fn short_number(v: f64) -> String {
    let a = v.abs();
    if a >= 1e9 {
        format!("{:.1}B", v / 1e9)
    } else if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if a >= 1e3 {
        format!("{:.1}k", v / 1e3)
    } else {
        format!("{v:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_numbers_read_as_an_analyst_writes_them() {
        assert_eq!(short_number(1_234_567.0), "1.2M");
        assert_eq!(short_number(12_345.0), "12k");
        assert_eq!(short_number(1_500.0), "1.5k");
        assert_eq!(short_number(-42.0), "-42");
        assert_eq!(short_number(3.2e9), "3.2B");
    }
}
