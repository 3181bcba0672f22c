//! RFM scores (METHODS §1). R = days from the last purchase occasion to the analysis date, F =
//! purchase occasions, M = total net spend (or mean spend per occasion).
//!
//! Quantile bins by rank with ties kept together: with k bins and n customers a customer's score is
//! ⌈k · ā / n⌉, ā = the average 1-based ascending rank of its value (equal values share ā, so they
//! always share a score). R is scored on the negated days, so the most recent get k.

use serde::{Deserialize, Serialize};

use super::customer_table::CustomerTable;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Monetary {
    #[default]
    Total,
    MeanPerOccasion,
}

/// Twice the average 1-based ascending rank of each value (2ā, an integer: the first plus the last
/// rank of its tie run), so ties share it exactly.
pub fn twice_mean_ranks(values: &[f64]) -> Vec<u64> {
    let n = values.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| values[i].total_cmp(&values[j]));
    let mut out = vec![0u64; n];
    let mut start = 0;
    while start < n {
        let mut end = start;
        while end + 1 < n && values[order[end + 1]] == values[order[start]] {
            end += 1;
        }
        for &i in &order[start..=end] {
            out[i] = (start + 1 + end + 1) as u64;
        }
        start = end + 1;
    }
    out
}

/// Each value's percentile as ā / n in (0, 1], ties sharing it.
pub fn mean_rank_percentiles(values: &[f64]) -> Vec<f64> {
    let two_n = 2.0 * values.len() as f64;
    twice_mean_ranks(values).into_iter().map(|r| r as f64 / two_n).collect()
}

/// Scores 1..=k for `values` by the tie rule, in integers: ⌈k · 2ā / 2n⌉.
pub fn quantile_scores(values: &[f64], k: u8) -> Vec<u8> {
    let two_n = 2 * values.len() as u64;
    twice_mean_ranks(values).into_iter().map(|r| (u64::from(k) * r).div_ceil(two_n) as u8).collect()
}

/// The lowest and highest value that received each score, and how many customers did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CutPoint {
    pub score: u8,
    pub low: f64,
    pub high: f64,
    pub customers: usize,
}

pub fn cut_points(values: &[f64], scores: &[u8], k: u8) -> Vec<CutPoint> {
    (1..=k)
        .filter_map(|s| {
            let vals: Vec<f64> = values.iter().zip(scores).filter(|(_, &sc)| sc == s).map(|(v, _)| *v).collect();
            (!vals.is_empty()).then(|| CutPoint {
                score: s,
                low: vals.iter().copied().fold(f64::INFINITY, f64::min),
                high: vals.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                customers: vals.len(),
            })
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmScores {
    pub bins: u8,
    /// Per customer, in table order.
    pub recency_days: Vec<f64>,
    pub frequency: Vec<f64>,
    pub monetary: Vec<f64>,
    pub r: Vec<u8>,
    pub f: Vec<u8>,
    pub m: Vec<u8>,
    /// Cut points in the original units (R in days: score k holds the most recent).
    pub cuts_r: Vec<CutPoint>,
    pub cuts_f: Vec<CutPoint>,
    pub cuts_m: Vec<CutPoint>,
}

impl RfmScores {
    /// The RFM cell "R F M", e.g. "5 4 5".
    pub fn cell(&self, i: usize) -> String {
        format!("{} {} {}", self.r[i], self.f[i], self.m[i])
    }
}

/// Scores every customer of the table with `bins` bins (3, 4 or 5).
pub fn score(table: &CustomerTable, bins: u8, monetary: Monetary) -> RfmScores {
    let unit_days = table.unit.days();
    // Days since the last occasion = (T − t_x) in days; works for summaries, which carry no dates.
    let recency_days: Vec<f64> = table.customers.iter().map(|c| ((c.t - c.recency) * unit_days).round()).collect();
    let frequency: Vec<f64> = table.customers.iter().map(|c| f64::from(c.occasions)).collect();
    let monetary: Vec<f64> = table
        .customers
        .iter()
        .map(|c| match monetary {
            Monetary::Total => c.revenue,
            Monetary::MeanPerOccasion => c.revenue / f64::from(c.occasions.max(1)),
        })
        .collect();
    let negated: Vec<f64> = recency_days.iter().map(|d| -d).collect();
    let r = quantile_scores(&negated, bins);
    let f = quantile_scores(&frequency, bins);
    let m = quantile_scores(&monetary, bins);
    RfmScores {
        bins,
        cuts_r: cut_points(&recency_days, &r, bins),
        cuts_f: cut_points(&frequency, &f, bins),
        cuts_m: cut_points(&monetary, &m, bins),
        recency_days,
        frequency,
        monetary,
        r,
        f,
        m,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tie_rule_on_crafted_inputs() {
        // All equal: ā = (n+1)/2 for everyone → ⌈5·5.5/10⌉ = 3.
        assert_eq!(quantile_scores(&[7.0; 10], 5), vec![3; 10]);
        // Distinct 1..10, k = 5: score = ⌈5i/10⌉ = ⌈i/2⌉.
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(quantile_scores(&v, 5), vec![1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        // Two values, six customers: ranks 1–3 share ā = 2 → ⌈5·2/6⌉ = 2; ranks 4–6 share 5 → ⌈25/6⌉ = 5.
        assert_eq!(quantile_scores(&[1.0, 9.0, 1.0, 9.0, 1.0, 9.0], 5), vec![2, 5, 2, 5, 2, 5]);
        // n < k: two customers, five bins: ⌈5·1/2⌉ = 3 and ⌈5·2/2⌉ = 5.
        assert_eq!(quantile_scores(&[3.0, 1.0], 5), vec![5, 3]);
        // ā = 2.5 exactly on a bin edge: ranks 2–3 tied in n = 4, k = 4 → ⌈4·2.5/4⌉ = 3 (no float drift).
        assert_eq!(quantile_scores(&[1.0, 2.0, 2.0, 3.0], 4), vec![1, 3, 3, 4]);
        assert!(quantile_scores(&[], 5).is_empty());
        assert_eq!(mean_rank_percentiles(&[10.0, 30.0, 20.0, 30.0]), vec![0.25, 0.875, 0.5, 0.875]);
    }

    #[test]
    fn cut_points_report_the_values_each_score_holds() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        let s = quantile_scores(&v, 5);
        let cuts = cut_points(&v, &s, 5);
        assert_eq!(cuts.len(), 5);
        assert_eq!((cuts[0].low, cuts[0].high, cuts[0].customers), (1.0, 2.0, 2));
        assert_eq!((cuts[4].low, cuts[4].high), (9.0, 10.0));
    }
}
