//! RFM scores (docs/methods.md §1). R = days from the last purchase occasion to the analysis date, F =
//! purchase occasions, M = total net spend (or mean spend per occasion).
//!
//! Quantile bins by rank with ties kept together: with k bins and n customers a customer's score is
//! ⌈k · ā / n⌉, ā = the average 1-based ascending rank of its value (equal values share ā, so they
//! always share a score). R is scored on the negated days, so the most recent get k.
//!
//! Or the user's thresholds: k−1 ascending cut values per dimension. F and M score 1 + the number of
//! cuts the value reaches (value ≥ cut); R, in days, scores k − the number of cuts the days reach, so
//! a customer exactly on a cut falls in the upper bin of F and M and the older bin of R.

use serde::{Deserialize, Serialize};

use crate::table::customer_table::CustomerTable;

pub use crate::settings::Monetary;

/// The median (the mean of the two middle values for an even count); 0 for no values.
pub fn median(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    // Selection, not a sort: the middle value, and for an even count the largest below it.
    let mut v = values.to_vec();
    let n = v.len();
    let (below, &mut middle, _) = v.select_nth_unstable_by(n / 2, f64::total_cmp);
    if n % 2 == 1 {
        middle
    } else {
        let lower = below.iter().copied().max_by(f64::total_cmp).unwrap_or(middle);
        (lower + middle) / 2.0
    }
}

/// Twice the average 1-based ascending rank of each value (2ā, an integer: the first plus the last
/// rank of its tie run), so ties share it exactly. Values equal by `==` tie (so −0 and 0 do; each NaN
/// is a run of its own), in `f64::total_cmp`'s order.
///
/// The values are sorted as (key, index) pairs, the key being `total_cmp`'s order as an integer (the
/// order within a run of equal values does not change their ranks). The pairs are sorted by
/// `radsort`'s radix sort on the key, which skips the bytes all keys share (the low bytes of whole
/// numbers, the high bytes of values of one magnitude): the scoring for the views calls this ten
/// times, and a comparison sort was a large part of it (docs/performance.md, "Measurements behind the code").
pub fn twice_mean_ranks(values: &[f64]) -> Vec<u64> {
    let n = values.len();
    let mut order: Vec<(u64, u32)> = values.iter().enumerate().map(|(i, &v)| (total_order_key(v), i as u32)).collect();
    radsort::sort_by_key(&mut order, |&(key, _)| key);
    let value = |k: usize| values[order[k].1 as usize];
    let mut out = vec![0u64; n];
    let mut start = 0;
    while start < n {
        let mut end = start;
        while end + 1 < n && value(end + 1) == value(start) {
            end += 1;
        }
        for &(_, i) in &order[start..=end] {
            out[i as usize] = (start + 1 + end + 1) as u64;
        }
        start = end + 1;
    }
    out
}

/// `f64::total_cmp`'s order as an unsigned integer's: negative values (sign bit set) have every bit
/// flipped, the others only the sign bit (the standard transform, which `total_cmp` applies too).
fn total_order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 { !bits } else { bits | (1 << 63) }
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

pub use crate::settings::{ThresholdProblem, Thresholds};

impl Thresholds {
    /// The bin count, or why the thresholds cannot be used.
    pub fn bins(&self) -> Result<u8, ThresholdProblem> {
        let n = self.r_days.len();
        if self.f.len() != n || self.m.len() != n || !(2..=4).contains(&n) {
            return Err(ThresholdProblem::CutCount);
        }
        for (dimension, cuts) in [('R', &self.r_days), ('F', &self.f), ('M', &self.m)] {
            if cuts.windows(2).any(|w| w[0] >= w[1]) || cuts.iter().any(|c| !c.is_finite()) {
                return Err(ThresholdProblem::NotAscending { dimension });
            }
        }
        Ok(n as u8 + 1)
    }
}

/// 1 + the number of cuts `v` reaches.
fn bin_of(v: f64, cuts: &[f64]) -> u8 {
    1 + cuts.iter().filter(|&&c| v >= c).count() as u8
}

/// Scores with the user's thresholds; `Err` when they are not usable (see [`Thresholds::bins`]).
pub fn score_with_thresholds(table: &CustomerTable, th: &Thresholds, monetary: Monetary) -> Result<RfmScores, ThresholdProblem> {
    let k = th.bins()?;
    let mut out = score(table, k, monetary);
    out.r = out.recency_days.iter().map(|&d| k + 1 - bin_of(d, &th.r_days)).collect();
    out.f = out.frequency.iter().map(|&v| bin_of(v, &th.f)).collect();
    out.m = out.monetary.iter().map(|&v| bin_of(v, &th.m)).collect();
    out.cuts_r = cut_points(&out.recency_days, &out.r, k);
    out.cuts_f = cut_points(&out.frequency, &out.f, k);
    out.cuts_m = cut_points(&out.monetary, &out.m, k);
    Ok(out)
}

/// Cut values under which [`score_with_thresholds`] gives every customer of `scores` the score it has
/// there: for each dimension, the lowest value at or above each score (R in days, its scores
/// reversed), a cut between the neighbours for a score nobody has, and cuts outside the values for
/// empty scores at either end. `None` when no such cuts exist in floating point (two neighbouring
/// values with no number between them) — checked, not assumed, on every customer. A model fitted on
/// these customers scores new ones with these cuts (`fitted_model`).
pub fn reproducing_thresholds(scores: &RfmScores) -> Option<Thresholds> {
    let k = scores.bins;
    let r_bins: Vec<u8> = scores.r.iter().map(|&r| k + 1 - r).collect();
    let th = Thresholds {
        r_days: reproducing_cuts(&scores.recency_days, &r_bins, k)?,
        f: reproducing_cuts(&scores.frequency, &scores.f, k)?,
        m: reproducing_cuts(&scores.monetary, &scores.m, k)?,
    };
    (th.bins().ok() == Some(k)).then_some(th)
}

/// Strictly ascending cuts c₂ … c_k with `bin_of(v, cuts) == bin` for every value, when the bins
/// ascend with the values (as quantile scores do).
fn reproducing_cuts(values: &[f64], bins: &[u8], k: u8) -> Option<Vec<f64>> {
    let k = usize::from(k);
    // Per bin, the lowest and highest value in it.
    let mut range: Vec<Option<(f64, f64)>> = vec![None; k + 1];
    for (&v, &b) in values.iter().zip(bins) {
        let slot = range.get_mut(usize::from(b))?;
        *slot = Some(slot.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
    }
    let (min, max) = range.iter().flatten().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &(lo, hi)| (a.min(lo), b.max(hi)));
    if !min.is_finite() || !max.is_finite() {
        return None;
    }
    let step = 1.0_f64.max((max - min).abs());
    let mut cuts = Vec::with_capacity(k - 1);
    for s in 2..=k {
        let above = (s..=k).find_map(|b| range[b].map(|(lo, _)| lo));
        let below = (1..s).rev().find_map(|b| range[b].map(|(_, hi)| hi));
        // In a run of empty bins, this one's place (from 1) and the run's length.
        let place = (1..=s).rev().take_while(|&b| range[b].is_none()).count();
        let run = place + (s + 1..=k).take_while(|&b| range[b].is_none()).count();
        let cut = match (range[s], below, above) {
            (Some((lo, _)), _, _) => lo,
            // Empty bins between two: evenly between, above every value below them.
            (None, Some(b), Some(a)) => b + (a - b) * place as f64 / (run + 1) as f64,
            // Empty bins at the bottom: below every value, one step apart.
            (None, None, Some(a)) => a - step * (run + 1 - place) as f64,
            // Empty bins at the top: above every value.
            (None, Some(b), None) => b + step * place as f64,
            (None, None, None) => return None,
        };
        cuts.push(cut);
    }
    let ok = cuts.windows(2).all(|w| w[0] < w[1]) && values.iter().zip(bins).all(|(&v, &b)| bin_of(v, &cuts) == b);
    ok.then_some(cuts)
}

/// The combined score wR·R + wF·F + wM·M (docs/methods.md §1; weights from AHP or the default thirds).
pub fn combined(r: u8, f: u8, m: u8, w: [f64; 3]) -> f64 {
    w[0] * f64::from(r) + w[1] * f64::from(f) + w[2] * f64::from(m)
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

    /// The ranks against their definition counted pair by pair (O(n²)): 2ā = 2·#smaller + #equal + 1
    /// ascending, ā = #greater + (#equal + 1) / 2 descending, with `<`, `>` and `==` of f64 (so −0 and
    /// 0 tie). Values from a small set, so that ties, ±0 and negatives are common.
    #[test]
    fn mean_ranks_match_their_pairwise_definition() {
        use proptest::prelude::*;
        let pool = [-3.5, -1.0, -0.0, 0.0, 0.25, 1.0, 2.0, 1e9, -1e-9];
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(400));
        runner
            .run(&proptest::collection::vec(0..pool.len(), 0..60), |picks| {
                let v: Vec<f64> = picks.iter().map(|&i| pool[i]).collect();
                let count = |f: &dyn Fn(f64) -> bool| v.iter().filter(|&&y| f(y)).count();
                let asc = twice_mean_ranks(&v);
                let desc = crate::frameworks::class_table::mean_ranks_descending(&v);
                for (i, &x) in v.iter().enumerate() {
                    let (less, equal, greater) = (count(&|y| y < x), count(&|y| y == x), count(&|y| y > x));
                    prop_assert_eq!(asc[i], (2 * less + equal + 1) as u64);
                    prop_assert_eq!(desc[i], greater as f64 + (equal as f64 + 1.0) / 2.0);
                }
                Ok(())
            })
            .unwrap();
    }

    /// Cuts R [30, 90] days, F [2, 5], M [100, 500] (k = 3), with customers on the cuts: 30 days is
    /// in the older bin (score 2), F = 2 and M = 100 in the upper bins (score 2).
    #[test]
    fn user_thresholds_put_values_on_a_cut_in_the_stated_bin() {
        let th = Thresholds { r_days: vec![30.0, 90.0], f: vec![2.0, 5.0], m: vec![100.0, 500.0] };
        assert_eq!(th.bins(), Ok(3));
        let r: Vec<u8> = [0.0, 29.0, 30.0, 89.0, 90.0, 400.0].iter().map(|&d| 3 + 1 - bin_of(d, &th.r_days)).collect();
        assert_eq!(r, vec![3, 3, 2, 2, 1, 1]);
        let f: Vec<u8> = [1.0, 2.0, 4.0, 5.0, 9.0].iter().map(|&v| bin_of(v, &th.f)).collect();
        assert_eq!(f, vec![1, 2, 2, 3, 3]);
        assert_eq!(bin_of(100.0, &th.m), 2);
        assert!(Thresholds { r_days: vec![30.0], f: vec![2.0], m: vec![1.0] }.bins().is_err());
        assert!(Thresholds { r_days: vec![90.0, 30.0], f: vec![2.0, 5.0], m: vec![1.0, 2.0] }.bins().is_err());
        assert_eq!(combined(5, 3, 1, [1.0 / 3.0; 3]), 3.0);
        assert_eq!(combined(5, 3, 1, [0.5, 0.3, 0.2]), 3.6);
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

    /// The cuts reproduce the quantile scores of every customer, ties and empty scores included
    /// (many equal frequencies leave F = 1 empty): on the demo retailer, on all-equal values, and on
    /// random values with heavy ties.
    #[test]
    fn reproducing_thresholds_give_back_every_score() {
        let (imported, _) = crate::scoring::scored_fixture(1500);
        let table = &imported.table;
        for bins in [3u8, 4, 5] {
            for monetary in [Monetary::Total, Monetary::MeanPerOccasion] {
                let q = score(table, bins, monetary);
                let th = reproducing_thresholds(&q).expect("cuts");
                let again = score_with_thresholds(table, &th, monetary).expect("usable");
                assert_eq!((&again.r, &again.f, &again.m), (&q.r, &q.f, &q.m), "bins {bins}");
            }
        }
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(5);
        let mut with_empty_scores = 0;
        for _ in 0..200 {
            let n = rng.gen_range(1..60);
            let levels = rng.gen_range(1..8);
            let v: Vec<f64> = (0..n).map(|_| f64::from(rng.gen_range(0..levels)) * 1.5 - 2.0).collect();
            let k = rng.gen_range(3..=5u8);
            let s = quantile_scores(&v, k);
            let cuts = reproducing_cuts(&v, &s, k).unwrap_or_else(|| panic!("no cuts for {v:?} {s:?} k {k}"));
            assert!(v.iter().zip(&s).all(|(&x, &b)| bin_of(x, &cuts) == b), "{v:?} {s:?} {cuts:?}");
            with_empty_scores += usize::from((1..=k).any(|b| !s.contains(&b)));
        }
        assert!(with_empty_scores > 50, "empty scores at the ends and between: {with_empty_scores} of 200 cases");
    }

}
