//! The customer migration model ("always a share") of Pfeifer & Carraway (2000), "Modeling Customer
//! Relationships as Markov Chains", Journal of Interactive Marketing 14(2); seed 004 and docs/methods.md §2e.
//!
//! States are recency in periods: 0 = bought this period, j = last bought j periods ago, up to K
//! ("lapsed", where a customer without a purchase stays). From state j a customer buys in the next
//! period with probability p_j (→ state 0) or does not (→ min(j+1, K)). p_j is estimated from every
//! customer's consecutive periods after its first purchase: p_j = (moves from j with a purchase) /
//! (moves from j). A period in state 0 earns the mean margin of a buying customer-period; other
//! states earn nothing. The expected discounted value per state over an unlimited horizon is
//!   V = Σ_{t≥0} (1+d)^−t Pᵗ R,  i.e. the fixed point of V = R + P V / (1+d),
//! computed by iterating that equation until it changes by less than 1e-12 relative (it contracts by
//! 1/(1+d) a step).

use serde::{Deserialize, Serialize};

use crate::table::group_periods::Activity;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MigrationModel {
    /// K: the last state, "lapsed".
    pub lapsed_state: usize,
    /// Per state j = 0..=K: moves observed from j, of which with a purchase, and p_j (0 when none).
    pub moves: Vec<u64>,
    pub purchases: Vec<u64>,
    pub buy_probability: Vec<f64>,
    pub margin_per_purchase_period: f64,
    pub discount_per_period: f64,
    /// Expected discounted margin of a customer in each state now.
    pub value: Vec<f64>,
    /// Customers in each state in the last period.
    pub customers_now: Vec<u64>,
}

/// The migration model over the customers `members`; `None` when no move from any state was
/// observed (fewer than two periods after every first purchase).
pub fn fit(activity: &Activity, members: &[usize], lapsed_state: usize, discount_per_period: f64) -> Option<MigrationModel> {
    // A customer makes at most periods − 1 moves, so no state beyond that can be reached: the cap
    // keeps an absurd setting from sizing the chain beyond the data.
    let k_max = lapsed_state.clamp(1, activity.periods.max(2) - 1);
    let mut moves = vec![0u64; k_max + 1];
    let mut purchases = vec![0u64; k_max + 1];
    let mut customers_now = vec![0u64; k_max + 1];
    let (mut margin, mut buying_periods) = (0.0, 0u64);
    for &i in members {
        let (b, margin_of) = (activity.bought(i), activity.margin(i));
        let Some(first) = b.iter().position(|&x| x) else { continue };
        let mut state = 0;
        for k in first..activity.periods {
            if b[k] {
                margin += margin_of[k];
                buying_periods += 1;
            }
            if k + 1 < activity.periods {
                moves[state] += 1;
                if b[k + 1] {
                    purchases[state] += 1;
                    state = 0;
                } else {
                    state = (state + 1).min(k_max);
                }
            } else {
                customers_now[state] += 1;
            }
        }
    }
    if moves.iter().all(|&m| m == 0) {
        return None;
    }
    let p: Vec<f64> = moves.iter().zip(&purchases).map(|(&m, &b)| if m > 0 { b as f64 / m as f64 } else { 0.0 }).collect();
    let reward = margin / buying_periods.max(1) as f64;
    let value = discounted_values(&p, reward, discount_per_period);
    Some(MigrationModel {
        lapsed_state: k_max,
        moves,
        purchases,
        buy_probability: p,
        margin_per_purchase_period: reward,
        discount_per_period,
        value,
        customers_now,
    })
}

/// Fixed point of V_j = R_j + (p_j V_0 + (1 − p_j) V_{min(j+1,K)}) / (1+d), R = (reward, 0, …, 0).
fn discounted_values(p: &[f64], reward: f64, d: f64) -> Vec<f64> {
    let k = p.len() - 1;
    let mut v = vec![0.0; p.len()];
    for _ in 0..100_000 {
        let next: Vec<f64> = (0..=k)
            .map(|j| if j == 0 { reward } else { 0.0 } + (p[j] * v[0] + (1.0 - p[j]) * v[(j + 1).min(k)]) / (1.0 + d))
            .collect();
        let change = next.iter().zip(&v).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
        v = next;
        if change <= 1e-12 * v[0].abs().max(1e-300) {
            break;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerances::{HAND_COMPUTED_ABS, IDENTITY_REL};

    /// Two states (K = 1): V₀ = R + (p₀V₀ + (1−p₀)V₁)/(1+d), V₁ = (p₁V₀ + (1−p₁)V₁)/(1+d).
    /// From the second, V₁ = p₁V₀/(d+p₁); substituting, V₀ = R(1+d)(d+p₁) / ((1+d−p₀)(d+p₁) − (1−p₀)p₁).
    /// With p₀ = 0.5, p₁ = 0.2, d = 0.1, R = 100: V₀ = 100·1.1·0.3 / (0.6·0.3 − 0.5·0.2) = 33/0.08 = 412.5,
    /// V₁ = 0.2·412.5/0.3 = 275.
    #[test]
    fn two_state_values_match_the_closed_form() {
        let v = discounted_values(&[0.5, 0.2], 100.0, 0.1);
        assert!((v[0] - 412.5).abs() < IDENTITY_REL * 412.5 && (v[1] - 275.0).abs() < IDENTITY_REL * 275.0, "{v:?}");
    }

    /// Customers over five periods (1 = bought), K = 2:
    ///   A 1 1 0 0 1   states after first: 0 0 1 2 0 → moves 0→0 (buy), 0→1, 1→2, 2→0 (buy)
    ///   B 0 1 0 1 0   states: 0 1 0 1            → moves 0→1, 1→0 (buy), 0→1
    ///   C 0 0 0 0 1   only the last period        → no moves, in state 0 now
    /// moves from 0: 4 (1 buy), from 1: 2 (1 buy), from 2: 1 (1 buy). Now: A 0, B 1, C 0.
    #[test]
    fn the_lapsed_state_is_capped_by_the_periods_in_the_data() {
        let act = Activity::from_rows(3, 91.3125, vec![vec![true, false, true]], vec![vec![1.0, 0.0, 1.0]]);
        let m = fit(&act, &[0], usize::MAX, 0.05).unwrap();
        assert_eq!((m.lapsed_state, m.moves.len()), (2, 3));
        assert_eq!(fit(&act, &[0], 4, 0.05).unwrap(), m, "a K past the data gives the same chain as the cap");
    }

    #[test]
    fn transition_counts_match_a_hand_tally() {
        let t = |s: &str| s.chars().map(|c| c == '1').collect::<Vec<_>>();
        let bought = vec![t("11001"), t("01010"), t("00001")];
        let margin = bought.iter().map(|b| b.iter().map(|&x| if x { 10.0 } else { 0.0 }).collect()).collect();
        let act = Activity::from_rows(5, 91.3125, bought, margin);
        let m = fit(&act, &[0, 1, 2], 2, 0.05).unwrap();
        assert_eq!((m.moves.clone(), m.purchases.clone(), m.customers_now.clone()), (vec![4, 2, 1], vec![1, 1, 1], vec![2, 1, 0]));
        assert!((m.buy_probability[0] - 0.25).abs() < HAND_COMPUTED_ABS);
        assert!((m.margin_per_purchase_period - 10.0).abs() < HAND_COMPUTED_ABS);
        assert!(m.value[0] > m.value[1] && m.value[1] > 0.0, "{:?}", m.value);
    }
}
