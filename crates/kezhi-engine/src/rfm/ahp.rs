//! Weights by the Analytic Hierarchy Process 层次分析法 (docs/methods.md §7; Saaty 1980, seed 004).
//!
//! The user fills a pairwise comparison matrix A on Saaty's 1–9 scale (a_ij = how much more important
//! criterion i is than j; a_ji = 1/a_ij; a_ii = 1). The weights are A's principal eigenvector, found by
//! power iteration (w ← A w / Σ A w until it changes by less than 1e-12) and normalised to sum 1;
//! λmax = mean_i (A w)_i / w_i; CI = (λmax − n)/(n − 1); CR = CI / RI(n) with Saaty's random indices.
//! A CR of 0.1 or more means the judgments are too inconsistent to trust: the result says so.

use serde::{Deserialize, Serialize};

/// Saaty's random consistency indices RI(n) for n = 1..=10 (Saaty 1980; the table most software uses).
pub const RANDOM_INDEX: [f64; 10] = [0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];

/// CR at or above this is inconsistent (Saaty's rule).
pub const CR_LIMIT: f64 = 0.1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AhpResult {
    pub weights: Vec<f64>,
    pub lambda_max: f64,
    pub consistency_index: f64,
    /// CI / RI(n); 0 for n ≤ 2 (always consistent).
    pub consistency_ratio: f64,
    /// CR < 0.1.
    pub consistent: bool,
    pub iterations: usize,
}

/// Why a matrix cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AhpError {
    /// Not square, or bigger than 10×10 (no random index).
    Size,
    /// An entry not finite and positive, at (row, column), 0-based.
    NotPositive(usize, usize),
    /// a_ii ≠ 1 or a_ji ≠ 1/a_ij, at (row, column).
    NotReciprocal(usize, usize),
}

/// Weights and consistency of the pairwise comparison matrix `a` (rows of equal length).
#[allow(clippy::needless_range_loop)] // matrix code reads best with explicit indices
pub fn weights(a: &[Vec<f64>]) -> Result<AhpResult, AhpError> {
    let n = a.len();
    if n == 0 || n > RANDOM_INDEX.len() || a.iter().any(|row| row.len() != n) {
        return Err(AhpError::Size);
    }
    for i in 0..n {
        for j in 0..n {
            if !(a[i][j].is_finite() && a[i][j] > 0.0) {
                return Err(AhpError::NotPositive(i, j));
            }
            if (a[i][j] * a[j][i] - 1.0).abs() > 1e-6 {
                return Err(AhpError::NotReciprocal(i, j));
            }
        }
    }
    let mut w = vec![1.0 / n as f64; n];
    let mut iterations = 0;
    for k in 1..=10_000 {
        iterations = k;
        let aw: Vec<f64> = (0..n).map(|i| (0..n).map(|j| a[i][j] * w[j]).sum()).collect();
        let total: f64 = aw.iter().sum();
        let next: Vec<f64> = aw.iter().map(|v| v / total).collect();
        let change = next.iter().zip(&w).map(|(x, y)| (x - y).abs()).fold(0.0, f64::max);
        w = next;
        if change < 1e-12 {
            break;
        }
    }
    let lambda_max = (0..n).map(|i| (0..n).map(|j| a[i][j] * w[j]).sum::<f64>() / w[i]).sum::<f64>() / n as f64;
    let consistency_index = if n > 1 { ((lambda_max - n as f64) / (n as f64 - 1.0)).max(0.0) } else { 0.0 };
    let ri = RANDOM_INDEX[n - 1];
    let consistency_ratio = if ri > 0.0 { consistency_index / ri } else { 0.0 };
    Ok(AhpResult { weights: w, lambda_max, consistency_index, consistency_ratio, consistent: consistency_ratio < CR_LIMIT, iterations })
}

/// The matrix from the upper triangle (row by row: a_01, a_02, …, a_12, …), filling the reciprocals.
#[allow(clippy::needless_range_loop)]
pub fn from_upper(n: usize, upper: &[f64]) -> Option<Vec<Vec<f64>>> {
    if upper.len() != n * n.saturating_sub(1) / 2 {
        return None;
    }
    let mut a = vec![vec![1.0; n]; n];
    let mut k = 0;
    for i in 0..n {
        for j in i + 1..n {
            a[i][j] = upper[k];
            a[j][i] = 1.0 / upper[k];
            k += 1;
        }
    }
    Some(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerances::{HAND_COMPUTED_ABS, IDENTITY_REL, PUBLISHED_3DP};

    /// Saaty (2008), "Decision making with the analytic hierarchy process", Int. J. Services Sciences
    /// 1(1), 83–98, the drink-consumption example: the derived weights coffee .177, wine .019, tea .042,
    /// beer .116, sodas .190, milk .129, water .327, consistency ratio .022.
    #[test]
    fn saaty_2008_drinks_example() {
        let a = vec![
            vec![1.0, 9.0, 5.0, 2.0, 1.0, 1.0, 0.5],
            vec![1.0 / 9.0, 1.0, 1.0 / 3.0, 1.0 / 9.0, 1.0 / 9.0, 1.0 / 9.0, 1.0 / 9.0],
            vec![0.2, 3.0, 1.0, 1.0 / 3.0, 0.25, 1.0 / 3.0, 1.0 / 9.0],
            vec![0.5, 9.0, 3.0, 1.0, 0.5, 1.0, 1.0 / 3.0],
            vec![1.0, 9.0, 4.0, 2.0, 1.0, 2.0, 0.5],
            vec![1.0, 9.0, 3.0, 1.0, 0.5, 1.0, 1.0 / 3.0],
            vec![2.0, 9.0, 9.0, 3.0, 2.0, 3.0, 1.0],
        ];
        let r = weights(&a).unwrap();
        let published = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327];
        for (got, want) in r.weights.iter().zip(published) {
            assert!((got - want).abs() <= PUBLISHED_3DP, "{:?}", r.weights);
        }
        assert!((r.consistency_ratio - 0.022).abs() <= PUBLISHED_3DP, "CR {}", r.consistency_ratio);
        assert!(r.consistent);
    }

    /// A consistent matrix a_ij = w_i / w_j gives back w exactly, λmax = n and CR = 0.
    #[test]
    fn a_consistent_matrix_returns_its_weights() {
        let w = [0.5, 0.3, 0.2];
        let a: Vec<Vec<f64>> = (0..3).map(|i| (0..3).map(|j| w[i] / w[j]).collect()).collect();
        let r = weights(&a).unwrap();
        for (got, want) in r.weights.iter().zip(w) {
            assert!((got - want).abs() < IDENTITY_REL);
        }
        assert!((r.lambda_max - 3.0).abs() < IDENTITY_REL && r.consistency_ratio.abs() < IDENTITY_REL);
    }

    /// Cyclic judgments A ≻ B ≻ C ≻ A, each 3: by symmetry w = (⅓, ⅓, ⅓), (A w)_i = (1 + 3 + ⅓)/3, so
    /// λmax = 13/3, CI = (13/3 − 3)/2 = 2/3 and CR = (2/3)/0.58 = 1.1494…: far over 0.1.
    #[test]
    fn cyclic_judgments_are_flagged_inconsistent() {
        let a = from_upper(3, &[3.0, 1.0 / 3.0, 3.0]).unwrap();
        let r = weights(&a).unwrap();
        assert!((r.lambda_max - 13.0 / 3.0).abs() < HAND_COMPUTED_ABS);
        assert!((r.consistency_ratio - (2.0 / 3.0) / 0.58).abs() < HAND_COMPUTED_ABS);
        assert!(!r.consistent);
    }

    #[test]
    fn unusable_matrices_are_refused_with_the_cell() {
        assert_eq!(weights(&[vec![1.0, 2.0], vec![0.4, 1.0]]), Err(AhpError::NotReciprocal(0, 1)));
        assert_eq!(weights(&[vec![1.0, 0.0], vec![0.0, 1.0]]), Err(AhpError::NotPositive(0, 1)));
        assert_eq!(weights(&[vec![1.0, 2.0]]), Err(AhpError::Size));
        assert_eq!(weights(&[vec![1.0]]).unwrap().weights, vec![1.0]);
    }
}
