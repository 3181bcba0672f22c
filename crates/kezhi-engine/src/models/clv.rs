//! Customer lifetime value and its three parts (docs/methods.md §2c, seed 004: 历史价值 / 当前价值 / 潜在价值).
//!
//! - historical value: realised margin to the analysis date;
//! - current value (CLV): Σ_{k=1..H} margin · E[M] · (E[Y(k months)] − E[Y(k−1 months)]) / (1+d)^k;
//! - potential value: (q75 of E[M] in the customer's RFM segment − the customer's E[M], floored at 0)
//!   × margin × the same discounted expected purchases — what up- and cross-selling could add.
//!
//! `margin` is the customer's own margin ratio (margin ÷ revenue) when its revenue is positive and the
//! file had cost or profit, else the settings' margin rate.

/// Σ_{k=1..H} (E[Y(k)] − E[Y(k−1)]) / (1+d)^k for a cumulative expectation `ey(months)`: the
/// discounted expected purchases over the horizon.
pub fn discounted_purchases(ey: impl Fn(f64) -> f64, horizon_months: u32, monthly_discount: f64) -> f64 {
    let mut prev = 0.0;
    let mut sum = 0.0;
    for k in 1..=horizon_months {
        let now = ey(f64::from(k));
        sum += (now - prev) / (1.0 + monthly_discount).powi(k as i32);
        prev = now;
    }
    sum
}

/// CLV = margin · E[M] · discounted expected purchases.
pub fn clv(margin_ratio: f64, expected_spend: f64, discounted_purchases: f64) -> f64 {
    margin_ratio * expected_spend * discounted_purchases
}

/// The 75th percentile (linear interpolation between order statistics, as numpy's default).
pub fn percentile_75(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let pos = 0.75 * (values.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    values[lo] + (values[hi] - values[lo]) * (pos - lo as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerances::HAND_COMPUTED_ABS;

    #[test]
    fn discounted_sum_matches_a_hand_computation() {
        // E[Y] rising 0.5 a month, two months at 1%: 0.5/1.01 + 0.5/1.0201.
        let got = discounted_purchases(|k| 0.5 * k, 2, 0.01);
        assert!((got - (0.5 / 1.01 + 0.5 / 1.0201)).abs() < HAND_COMPUTED_ABS);
        // No discount: the sum telescopes to E[Y(H)].
        let ey = |k: f64| 3.0 * (1.0 - (-k / 7.0).exp());
        assert!((discounted_purchases(ey, 12, 0.0) - ey(12.0)).abs() < HAND_COMPUTED_ABS);
        assert!((clv(0.3, 100.0, 2.0) - 60.0).abs() < HAND_COMPUTED_ABS);
    }

    #[test]
    fn percentile_75_interpolates_like_numpy() {
        // numpy.percentile([1, 2, 3, 4], 75) = 3.25; of [5] = 5.
        assert!((percentile_75(&mut [4.0, 1.0, 3.0, 2.0]) - 3.25).abs() < HAND_COMPUTED_ABS);
        assert_eq!(percentile_75(&mut [5.0]), 5.0);
    }
}
