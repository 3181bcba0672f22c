//! The aggregate every framework returns beside its per-customer classes: per class, the
//! customers, their share of the eligible customers, their margin and its share of the eligible margin.
//! A customer the framework does not apply to (`None`) is counted nowhere.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassRow {
    pub key: String,
    pub customers: u64,
    pub customer_share: f64,
    pub margin: f64,
    /// Share of the eligible customers' total margin (0 when that total is 0).
    pub margin_share: f64,
}

/// Rows for `keys` (in that order) from each customer's class index and margin.
pub fn aggregate(keys: &[&str], class_of: &[Option<usize>], margin: &[f64]) -> Vec<ClassRow> {
    let mut counts = vec![0u64; keys.len()];
    let mut margins = vec![0.0; keys.len()];
    for (c, m) in class_of.iter().zip(margin) {
        if let Some(k) = *c {
            counts[k] += 1;
            margins[k] += m;
        }
    }
    let n: u64 = counts.iter().sum();
    let total: f64 = margins.iter().sum();
    keys.iter()
        .enumerate()
        .map(|(k, key)| ClassRow {
            key: (*key).to_string(),
            customers: counts[k],
            customer_share: if n > 0 { counts[k] as f64 / n as f64 } else { 0.0 },
            margin: margins[k],
            margin_share: if total != 0.0 { margins[k] / total } else { 0.0 },
        })
        .collect()
}

pub use crate::rfm::scores::median;

/// 1-based ranks from the highest value down, ties sharing their mean rank (the tie rule of the
/// RFM scores, docs/methods.md §1, so equal values always share a level): n + 1 − the ascending mean rank,
/// since a run of equal values holds the same places counted from either end.
pub fn mean_ranks_descending(values: &[f64]) -> Vec<f64> {
    let n_plus_one = values.len() as f64 + 1.0;
    crate::rfm::scores::twice_mean_ranks(values).into_iter().map(|twice| n_plus_one - twice as f64 / 2.0).collect()
}

/// The level (0 = top) of each value when levels take `shares` of the customers from the top: a
/// customer with mean rank ā goes to the first level whose cumulative share reaches ā / n.
/// Per class of `classes` (of `n`), the lowest and highest of `values` among its members: the cut
/// points a class by rank ended up with (`None` for an empty class).
pub fn value_ranges(n: usize, classes: &[Option<usize>], values: &[f64]) -> Vec<Option<(f64, f64)>> {
    let mut ranges = vec![None; n];
    for (&c, &v) in classes.iter().zip(values) {
        let Some(c) = c.filter(|&c| c < n) else { continue };
        ranges[c] = Some(match ranges[c] {
            None => (v, v),
            Some((lo, hi)) => (f64::min(lo, v), f64::max(hi, v)),
        });
    }
    ranges
}

pub fn levels_by_share(values: &[f64], shares: &[f64]) -> Vec<usize> {
    let n = values.len() as f64;
    let total: f64 = shares.iter().sum();
    let mut cum = Vec::with_capacity(shares.len());
    let mut acc = 0.0;
    for s in shares {
        acc += s / total;
        cum.push(acc);
    }
    mean_ranks_descending(values)
        .into_iter()
        .map(|r| cum.iter().position(|&c| r / n <= c + 1e-12).unwrap_or(shares.len() - 1))
        .collect()
}

/// Levels by rank, as cut values: the lowest value each level held, bottom level first (`None`: the
/// level held nobody). Levels by rank with ties kept together ([`levels_by_share`]) hold contiguous
/// runs of the sorted values, so the highest level whose lowest value a value reaches is the level
/// it had; a value below every level goes to the bottom level that holds anybody. This is how a
/// fitted model classes a customer it did not rank (`FrameworkCuts`; the test
/// `level_cuts_give_back_the_levels_by_share` holds it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelCuts {
    pub lowest: Vec<Option<f64>>,
}

impl LevelCuts {
    /// From the (lowest, highest) value of each level, bottom level first.
    pub fn from_ranges(ranges: &[Option<(f64, f64)>]) -> LevelCuts {
        LevelCuts { lowest: ranges.iter().map(|r| r.map(|(lo, _)| lo)).collect() }
    }

    /// The level of `value` (bottom = 0); `None` when every level is empty or the value is NaN.
    pub fn level(&self, value: f64) -> Option<usize> {
        if value.is_nan() {
            return None;
        }
        let reached = self.lowest.iter().rposition(|lo| lo.is_some_and(|lo| value >= lo));
        reached.or_else(|| self.lowest.iter().position(Option::is_some))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerances::HAND_COMPUTED_ABS;

    #[test]
    fn shares_add_up_and_ineligible_customers_are_left_out() {
        let rows = aggregate(&["a", "b"], &[Some(0), Some(1), None, Some(0)], &[10.0, 30.0, 99.0, 10.0]);
        assert_eq!((rows[0].customers, rows[1].customers), (2, 1));
        assert!((rows[0].customer_share - 2.0 / 3.0).abs() < HAND_COMPUTED_ABS);
        assert!((rows[1].margin_share - 0.6).abs() < HAND_COMPUTED_ABS);
    }

    /// The median by selection equals the sorted list's middle (the mean of the two middle values for
    /// an even count), on hand-picked lists and on random ones with ties.
    #[test]
    fn median_is_the_sorted_middle() {
        assert_eq!(median(&[]), 0.0);
        assert_eq!(median(&[5.0]), 5.0);
        assert_eq!(median(&[9.0, 1.0, 5.0]), 5.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&[2.0, 2.0, 7.0, 2.0]), 2.0);
        use proptest::prelude::*;
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(300));
        runner
            .run(&proptest::collection::vec(-5i32..5, 1..40), |ints| {
                let v: Vec<f64> = ints.iter().map(|&i| f64::from(i) * 1.5).collect();
                let mut sorted = v.clone();
                sorted.sort_by(f64::total_cmp);
                let n = sorted.len();
                let expected = if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0 };
                prop_assert_eq!(median(&v), expected);
                Ok(())
            })
            .unwrap();
    }

    /// Ten distinct values, shares 20/30/30/20: ranks 1–2 top, 3–5, 6–8, 9–10. Ties across a boundary
    /// stay together: ranks 2 and 3 tied share ā = 2.5, and 2.5/10 = 0.25 > 0.2 puts both in level 1.
    #[test]
    fn levels_by_share_follow_ranks_and_keep_ties_together() {
        let v: Vec<f64> = (1..=10).rev().map(f64::from).collect();
        assert_eq!(levels_by_share(&v, &[0.2, 0.3, 0.3, 0.2]), vec![0, 0, 1, 1, 1, 2, 2, 2, 3, 3]);
        let tied = [10.0, 9.0, 9.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0];
        assert_eq!(levels_by_share(&tied, &[0.2, 0.3, 0.3, 0.2]), vec![0, 1, 1, 1, 1, 2, 2, 2, 3, 3]);
    }
    /// Cut values taken from the levels by share class every value of the population back into its
    /// level (ties across a boundary included), and values between or beyond the levels sensibly.
    #[test]
    fn level_cuts_give_back_the_levels_by_share() {
        let v = [10.0, 9.0, 9.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 9.0, 3.0];
        let top_down = levels_by_share(&v, &[0.2, 0.3, 0.3, 0.2]);
        // Bottom level first: level 3 (maintain) is 0 here.
        let bottom_up: Vec<Option<usize>> = top_down.iter().map(|&l| Some(3 - l)).collect();
        let cuts = LevelCuts::from_ranges(&value_ranges(4, &bottom_up, &v));
        for (&x, &l) in v.iter().zip(&bottom_up) {
            assert_eq!(cuts.level(x), l, "{x}");
        }
        assert_eq!(cuts.level(-5.0), Some(0), "below every level: the bottom one");
        assert_eq!(cuts.level(1e9), Some(3));
        assert_eq!(cuts.level(f64::NAN), None);
        let gap = LevelCuts { lowest: vec![None, Some(2.0), None, Some(8.0)] };
        assert_eq!((gap.level(1.0), gap.level(5.0), gap.level(8.0)), (Some(1), Some(1), Some(3)));
        assert_eq!(LevelCuts { lowest: vec![None, None] }.level(1.0), None);
    }
}
