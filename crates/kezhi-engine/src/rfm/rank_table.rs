//! A population's sorted values, kept so that a value from outside it can be given the percentile
//! it would have had inside (docs/methods.md §1 and §1c: percentiles are mean ranks / n, equal values
//! sharing their mean rank).
//!
//! For a value v among n population values of which `below` are smaller and `equal` are equal, the
//! mean 1-based rank is below + (equal + 1)/2 and the percentile is (2·below + equal + 1) / 2n — the
//! integers [`scores::twice_mean_ranks`] gives a member of the population, so a member gets its
//! own percentile back exactly (`a_member_gets_its_own_percentile_back`). A value equal to no member
//! gets below + ½.
//!
//! The table holds each distinct value with its count of smaller and equal values while there are at
//! most `max_knots` distinct values. With more it keeps `max_knots` of them (every k-th, the smallest
//! and the largest included) and counts the members below a value between two kept ones by linear
//! interpolation of the cumulative count; a percentile is then within (one gap's members)/n of the
//! exact one (`a_thinned_table_stays_within_a_gap`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankTable {
    /// Population size n.
    pub n: u64,
    /// Kept distinct values, ascending.
    pub values: Vec<f64>,
    /// Per kept value, how many members are smaller.
    pub below: Vec<u64>,
    /// Per kept value, how many members equal it.
    pub equal: Vec<u64>,
}

impl RankTable {
    /// The table of `values` (NaN left out), at most `max_knots` (≥ 2) distinct values kept.
    pub fn of(values: &[f64], max_knots: usize) -> RankTable {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
        sorted.sort_unstable_by(f64::total_cmp);
        let mut distinct: Vec<(f64, u64, u64)> = Vec::new();
        for (i, &v) in sorted.iter().enumerate() {
            match distinct.last_mut() {
                // -0.0 and 0.0 are equal, as the ranks take them.
                Some(last) if last.0 == v => last.2 += 1,
                _ => distinct.push((v, i as u64, 1)),
            }
        }
        let max_knots = max_knots.max(2);
        if distinct.len() > max_knots {
            let last = distinct.len() - 1;
            let step = last as f64 / (max_knots - 1) as f64;
            let kept: Vec<usize> = (0..max_knots).map(|j| ((j as f64 * step).round() as usize).min(last)).collect();
            distinct = kept.into_iter().map(|k| distinct[k]).collect();
            distinct.dedup_by(|a, b| a.0 == b.0);
        }
        RankTable {
            n: sorted.len() as u64,
            values: distinct.iter().map(|d| d.0).collect(),
            below: distinct.iter().map(|d| d.1).collect(),
            equal: distinct.iter().map(|d| d.2).collect(),
        }
    }

    /// The percentile `value` has among the population: mean rank / n; `None` for NaN or an empty
    /// population.
    pub fn percentile(&self, value: f64) -> Option<f64> {
        if value.is_nan() || self.n == 0 || self.values.is_empty() {
            return None;
        }
        let two_n = 2.0 * self.n as f64;
        let at = self.values.partition_point(|&v| v < value);
        if at < self.values.len() && self.values[at] == value {
            let twice = 2 * self.below[at] + self.equal[at] + 1;
            return Some(twice as f64 / two_n);
        }
        // Members below `value`: all up to the kept value before it, and a share of the gap's.
        let below = if at == 0 {
            0.0
        } else if at == self.values.len() {
            self.n as f64
        } else {
            let (lo, hi) = (self.values[at - 1], self.values[at]);
            let (from, to) = ((self.below[at - 1] + self.equal[at - 1]) as f64, self.below[at] as f64);
            from + (to - from) * (value - lo) / (hi - lo)
        };
        Some((2.0 * below + 1.0) / two_n)
    }

    /// The largest number of members between two kept values: how far (in members) a thinned
    /// table's count may be from the exact one.
    pub fn widest_gap(&self) -> u64 {
        (1..self.values.len()).map(|j| self.below[j] - (self.below[j - 1] + self.equal[j - 1])).max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rfm::scores;
    use rand::{Rng, SeedableRng};

    /// Every member's percentile as the scoring takes it.
    fn exact(values: &[f64]) -> Vec<f64> {
        scores::mean_rank_percentiles(values)
    }

    #[test]
    fn a_member_gets_its_own_percentile_back() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(3);
        // Many ties (integers 0..40) and a negative zero beside a zero.
        let mut v: Vec<f64> = (0..2000).map(|_| f64::from(rng.gen_range(0..40))).collect();
        v.push(-0.0);
        let table = RankTable::of(&v, 100_000);
        for (x, p) in v.iter().zip(exact(&v)) {
            assert_eq!(table.percentile(*x), Some(p), "{x}");
        }
        // A value between members: below + ½; below all, above all.
        let t = RankTable::of(&[1.0, 2.0, 2.0, 5.0], 10);
        assert_eq!(t.percentile(3.0), Some((2.0 * 3.0 + 1.0) / 8.0));
        assert_eq!(t.percentile(0.0), Some(1.0 / 8.0));
        assert_eq!(t.percentile(9.0), Some(9.0 / 8.0));
        assert_eq!(t.percentile(f64::NAN), None);
        assert_eq!(RankTable::of(&[], 10).percentile(1.0), None);
    }

    /// 200,000 distinct values kept as 1,001: every member's percentile within one gap's members / n
    /// of the exact one, and the gap is what the thinning implies.
    #[test]
    fn a_thinned_table_stays_within_a_gap() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(5);
        let v: Vec<f64> = (0..200_000).map(|_| rng.gen::<f64>().powi(3) * 1000.0).collect();
        let table = RankTable::of(&v, 1001);
        assert_eq!(table.values.len(), 1001);
        let gap = table.widest_gap();
        assert!((199..=201).contains(&gap), "{gap}");
        let bound = gap as f64 / table.n as f64;
        let worst = v.iter().zip(exact(&v)).map(|(x, p)| (table.percentile(*x).expect("a number") - p).abs()).fold(0.0, f64::max);
        assert!(worst <= bound && worst > 0.0, "worst {worst}, bound {bound}");
    }
}
