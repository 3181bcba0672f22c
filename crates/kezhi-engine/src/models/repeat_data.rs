//! The repeat-purchase summary every buy-till-you-die model is fitted on: per customer x (repeat
//! occasions), t_x (time of the last occasion since the first) and T (time from the first occasion
//! to the analysis date), in the time unit. Customers with identical (x, t_x, T) are collapsed with
//! their counts as weights (BG/NBD and Pareto/NBD likelihoods are sums over customers).

use crate::table::customer_table::CustomerTable;

/// Customers with identical (x, t_x, T) collapsed, with their counts as weights, and each row's
/// index into the distinct values of x, t_x and T (terms that depend on one of them alone are
/// computed once per distinct value in every likelihood evaluation).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RepeatData {
    pub x: Vec<f64>,
    pub tx: Vec<f64>,
    pub t: Vec<f64>,
    pub weight: Vec<f64>,
    pub(crate) distinct: Distinct,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Distinct {
    pub(crate) x: Vec<f64>,
    pub(crate) tx: Vec<f64>,
    pub(crate) t: Vec<f64>,
    pub(crate) ix: Vec<u32>,
    pub(crate) itx: Vec<u32>,
    pub(crate) it: Vec<u32>,
}

fn index_values(values: &[f64]) -> (Vec<f64>, Vec<u32>) {
    let mut map: rustc_hash::FxHashMap<u64, u32> = Default::default();
    let mut uniq = Vec::new();
    let idx = values
        .iter()
        .map(|v| {
            *map.entry(v.to_bits()).or_insert_with(|| {
                uniq.push(*v);
                (uniq.len() - 1) as u32
            })
        })
        .collect();
    (uniq, idx)
}

impl RepeatData {
    pub fn from_triples(triples: impl IntoIterator<Item = (f64, f64, f64)>) -> RepeatData {
        let triples = triples.into_iter();
        // Sized for every triple distinct, as most are, with one lookup per triple
        // (docs/performance.md, "Measurements behind the code").
        let n = triples.size_hint().0;
        let mut map: rustc_hash::FxHashMap<(u64, u64, u64), usize> = rustc_hash::FxHashMap::with_capacity_and_hasher(n, Default::default());
        let mut d = RepeatData::default();
        for (x, tx, t) in triples {
            let next = d.x.len();
            let i = *map.entry((x.to_bits(), tx.to_bits(), t.to_bits())).or_insert(next);
            if i == next {
                d.x.push(x);
                d.tx.push(tx);
                d.t.push(t);
                d.weight.push(1.0);
            } else {
                d.weight[i] += 1.0;
            }
        }
        d.index();
        d
    }

    fn index(&mut self) {
        let (x, ix) = index_values(&self.x);
        let (tx, itx) = index_values(&self.tx);
        let (t, it) = index_values(&self.t);
        self.distinct = Distinct { x, tx, t, ix, itx, it };
    }

    /// Every k-th row with its weight (k from [`crate::models::fitting::subsample_step`]), at most `max_rows`:
    /// a deterministic systematic sample on which several starting points are cheap to try (the fits
    /// then polish the best on all the data). `None` when the data are small already.
    pub fn subsample(&self, max_rows: usize) -> Option<RepeatData> {
        let n = self.x.len();
        let k = crate::models::fitting::subsample_step(n, max_rows)?;
        let mut d = RepeatData::default();
        for i in (0..n).step_by(k) {
            d.x.push(self.x[i]);
            d.tx.push(self.tx[i]);
            d.t.push(self.t[i]);
            d.weight.push(self.weight[i]);
        }
        d.index();
        Some(d)
    }

    pub fn from_table(table: &CustomerTable) -> RepeatData {
        RepeatData::from_triples(table.customers.iter().map(|c| (c.frequency, c.recency, c.t)))
    }

    pub fn customers(&self) -> f64 {
        self.weight.iter().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_customers_collapse_with_weights() {
        let d = RepeatData::from_triples([(0.0, 0.0, 10.0), (0.0, 0.0, 10.0), (1.0, 2.0, 10.0)]);
        assert_eq!((d.x.len(), d.weight.clone()), (2, vec![2.0, 1.0]));
        assert_eq!(d.customers(), 3.0);
    }

    #[test]
    fn a_subsample_takes_every_kth_row_with_its_weight() {
        let d = RepeatData::from_triples((0..10).map(|i| (f64::from(i % 3), 1.0, f64::from(i))));
        assert!(d.subsample(10).is_none());
        let s = d.subsample(4).unwrap();
        assert_eq!(s.t, vec![0.0, 3.0, 6.0, 9.0]);
        assert_eq!(s.x, vec![0.0, 0.0, 0.0, 0.0]);
        assert_eq!(s.distinct.x, vec![0.0]);
    }
}
