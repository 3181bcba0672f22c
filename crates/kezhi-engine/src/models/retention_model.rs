//! The retention model ("lost for good") of seed 004 after Dwyer (1989, 1997), docs/methods.md §2e:
//!   CLV = m · (1+d) / (1+d−ρ)
//! with ρ the share of customers active in one period who are active again in the next (pooled over
//! every pair of consecutive complete periods), m the mean margin of an active customer in a period,
//! and d the discount rate per period. It values a customer who is active now, over an unlimited
//! horizon, counting this period's margin undiscounted.

use serde::{Deserialize, Serialize};

use crate::table::group_periods::Activity;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetentionModel {
    pub customers: usize,
    /// Pairs (customer active in period k, period k+1) counted.
    pub active_customer_periods: u64,
    pub retained_customer_periods: u64,
    pub retention_rate: f64,
    pub margin_per_active_period: f64,
    pub discount_per_period: f64,
    pub clv: f64,
}

/// The retention model over the customers `members` (indices into the activity); `None` when none
/// of them is active in a period that has a next one.
pub fn fit(activity: &Activity, members: &[usize], discount_per_period: f64) -> Option<RetentionModel> {
    let (mut active, mut retained, mut active_periods, mut margin) = (0u64, 0u64, 0u64, 0.0);
    for &i in members {
        let (b, margin_of) = (activity.bought(i), activity.margin(i));
        for k in 0..activity.periods {
            if b[k] {
                active_periods += 1;
                margin += margin_of[k];
                if k + 1 < activity.periods {
                    active += 1;
                    retained += u64::from(b[k + 1]);
                }
            }
        }
    }
    if active == 0 {
        return None;
    }
    let rho = retained as f64 / active as f64;
    let m = margin / active_periods as f64;
    let d = discount_per_period;
    Some(RetentionModel {
        customers: members.len(),
        active_customer_periods: active,
        retained_customer_periods: retained,
        retention_rate: rho,
        margin_per_active_period: m,
        discount_per_period: d,
        clv: m * (1.0 + d) / (1.0 + d - rho),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerances::HAND_COMPUTED_ABS;

    /// Three customers over four periods, by hand:
    ///   A bought in 0, 1, 2, 3 (margin 10 each); B in 0 and 2 (20 each); C in 3 only (30).
    /// Active with a next period: A 0,1,2 (3, all retained); B 0, 2 (2, none retained) → ρ = 3/5.
    /// m = (40 + 40 + 30) / 7 active customer-periods = 110/7. With d = 0.1:
    /// CLV = 110/7 · 1.1 / (1.1 − 0.6) = 110/7 · 2.2 = 34.5714…
    #[test]
    fn retention_model_matches_a_hand_computation() {
        let t = true;
        let act = Activity::from_rows(
            4,
            91.3125,
            vec![vec![t, t, t, t], vec![t, false, t, false], vec![false, false, false, t]],
            vec![vec![10.0; 4], vec![20.0, 0.0, 20.0, 0.0], vec![0.0, 0.0, 0.0, 30.0]],
        );
        let m = fit(&act, &[0, 1, 2], 0.1).unwrap();
        assert_eq!((m.active_customer_periods, m.retained_customer_periods), (5, 3));
        assert!((m.retention_rate - 0.6).abs() < HAND_COMPUTED_ABS);
        assert!((m.margin_per_active_period - 110.0 / 7.0).abs() < HAND_COMPUTED_ABS);
        assert!((m.clv - 110.0 / 7.0 * 2.2).abs() < HAND_COMPUTED_ABS);
        assert!(fit(&act, &[2], 0.1).is_none(), "C is active only in the last period");
    }
}
