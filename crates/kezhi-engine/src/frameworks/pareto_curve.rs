//! The Pareto / Lorenz curve of margin (docs/methods.md §4): customers from the most to the least profitable,
//! cumulative share of customers against cumulative share of margin, the "top 20% deliver X%" figure
//! and the Gini coefficient G = 2 Σᵢ i·x₍ᵢ₎ / (n Σ x) − (n+1)/n over the values sorted ascending
//! (0 = everyone alike, → 1 = one customer has it all; above 1 when some margins are negative).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParetoCurve {
    /// (share of customers, share of margin) from (0, 0) to (1, 1), at most 101 points.
    pub points: Vec<(f64, f64)>,
    /// Share of the margin the top `top_share` of customers deliver.
    pub top_share: f64,
    pub top_margin_share: f64,
    pub gini: f64,
}

/// `None` when there are no customers or the total margin is not positive.
pub fn build(margin: &[f64], top_share: f64) -> Option<ParetoCurve> {
    let n = margin.len();
    let total: f64 = margin.iter().sum();
    if n == 0 || total <= 0.0 {
        return None;
    }
    let mut desc = margin.to_vec();
    desc.sort_by(|a, b| b.total_cmp(a));
    let mut cum = Vec::with_capacity(n + 1);
    cum.push(0.0);
    for v in &desc {
        cum.push(cum[cum.len() - 1] + v);
    }
    let steps = n.min(100);
    let points = (0..=steps)
        .map(|k| {
            let i = (k * n).div_ceil(steps);
            (i as f64 / n as f64, cum[i] / total)
        })
        .collect();
    let top = ((top_share * n as f64).round() as usize).clamp(0, n);
    let ascending_weighted: f64 = desc.iter().rev().enumerate().map(|(i, x)| (i + 1) as f64 * x).sum();
    let gini = 2.0 * ascending_weighted / (n as f64 * total) - (n as f64 + 1.0) / n as f64;
    Some(ParetoCurve { points, top_share, top_margin_share: cum[top] / total, gini })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerances::HAND_COMPUTED_ABS;

    /// Five customers with margins 1, 1, 1, 1, 96: the top 20% (one customer) deliver 96%; Gini by hand
    /// = 2(1+2+3+4+5·96)/(5·100) − 6/5 = 2·490/500 − 1.2 = 0.76. Everyone equal: Gini 0.
    #[test]
    fn top_share_and_gini_by_hand() {
        let c = build(&[1.0, 96.0, 1.0, 1.0, 1.0], 0.2).unwrap();
        assert!((c.top_margin_share - 0.96).abs() < HAND_COMPUTED_ABS);
        assert!((c.gini - 0.76).abs() < HAND_COMPUTED_ABS);
        assert_eq!(c.points.first(), Some(&(0.0, 0.0)));
        assert_eq!(c.points.last(), Some(&(1.0, 1.0)));
        assert!(build(&[5.0; 4], 0.2).unwrap().gini.abs() < HAND_COMPUTED_ABS);
        assert!(build(&[-1.0, 1.0], 0.2).is_none());
    }
}
