//! k-means clusters (docs/methods.md §6, seed 004 step 4) on standardised log(R+1), log F, log(M+1), and
//! log(CLV+1) when every customer has a CLV: k-means++ starts, several restarts, a fixed seed, the
//! restart with the least within-cluster sum of squares (compared on a sample of `RESTART_SAMPLE`)
//! kept and iterated on everyone (until no assignment changes or the centres barely move); the silhouette on a systematic sample of at most
//! `SILHOUETTE_SAMPLE` customers; each cluster described in words from its centroid.
//!
//! Written here rather than taken from linfa-clustering: linfa's KMeans alone would add about twenty
//! times this loop's size to the wasm module (the build that measured it: docs/performance.md,
//! "Measurements behind the code"), and Lloyd's algorithm with k-means++ is a few dozen lines.

use crate::lang::Lang;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::frameworks::class_table::{aggregate, ClassRow};
use crate::texts::Text;

/// Customers the silhouette is computed on at most (it costs n² distances).
pub const SILHOUETTE_SAMPLE: usize = 2000;
const MAX_ITERATIONS: usize = 300;
/// Lloyd's iterations stop when the centres' squared shifts sum to no more than this (standard units).
const CENTRE_SHIFT_TOLERANCE: f64 = 1e-4;
/// Customers the restarts are compared on at most (the best is then iterated on everyone).
pub const RESTART_SAMPLE: usize = 10_000;

pub const FEATURES: [&str; 4] = ["recency", "frequency", "monetary", "clv"];

/// A feature's name as the page says it (the keys of [`FEATURES`] stay in the exports).
pub fn feature_label(feature: &str, lang: Lang) -> String {
    match feature {
        "recency" => Text::FeatureRecency.get(lang),
        "frequency" => Text::FeatureFrequency.get(lang),
        "monetary" => Text::FeatureMonetary.get(lang),
        "clv" => "CLV",
        other => other,
    }
    .to_string()
}

/// A customer's standardised features, padded with zeros to four (three without CLV). Held inline
/// rather than as a `Vec<f64>` per customer: k-means reads every point a dozen times or more, and a
/// pointer per point, its length known only at run time, more than doubled its work
/// (docs/performance.md, "Measurements behind the code"; the clusters, inertia and silhouette the same to the bit). The padding changes no distance: (0 − 0)² adds an exact zero to
/// a sum of squares.
pub type Point = [f64; 4];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Clusters {
    pub k: usize,
    pub cluster: Vec<usize>,
    /// Centroids in standard units (z-scores of the log features), one row per cluster.
    pub centroids: Vec<Vec<f64>>,
    /// The features used: recency, frequency, monetary and, when fitted, clv.
    pub features: Vec<String>,
    pub inertia: f64,
    /// Mean silhouette over the sample, in [−1, 1].
    pub silhouette: f64,
    pub table: Vec<ClassRow>,
    pub keys: Vec<String>,
    /// The features' means and standard deviations the centroids are in units of.
    pub standardisation: Standardisation,
}

/// How the log features were standardised: each one's mean and standard deviation over the
/// customers clustered (a constant feature has sd 0 and becomes zeros).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standardisation {
    pub mean: Vec<f64>,
    pub sd: Vec<f64>,
}

impl Standardisation {
    /// The first `d` columns' means and standard deviations.
    fn of(rows: &[Point], d: usize) -> Standardisation {
        let n = rows.len() as f64;
        let mean: Vec<f64> = (0..d).map(|j| rows.iter().map(|r| r[j]).sum::<f64>() / n).collect();
        let sd = (0..d).map(|j| (rows.iter().map(|r| (r[j] - mean[j]).powi(2)).sum::<f64>() / n).sqrt()).collect();
        Standardisation { mean, sd }
    }

    /// `row`'s z-scores (the padding beyond the features stays zero).
    pub fn apply(&self, row: &Point) -> Point {
        let mut z = *row;
        for (j, (mean, sd)) in self.mean.iter().zip(&self.sd).enumerate() {
            z[j] = if *sd > 0.0 { (row[j] - mean) / sd } else { 0.0 };
        }
        z
    }
}

/// z-scores of each of the first `d` columns of `rows`; a constant column becomes zeros.
fn standardise(rows: &[Point], d: usize) -> (Vec<Point>, Standardisation) {
    let s = Standardisation::of(rows, d);
    (rows.iter().map(|r| s.apply(r)).collect(), s)
}

/// A customer's log features as the clusters take them: log(R+1), log F, log(M+1) and log(CLV+1)
/// (zero when the clusters have no CLV).
pub fn features(recency_days: f64, frequency: f64, monetary: f64, clv: Option<f64>) -> Point {
    let clv = clv.map_or(0.0, |c| (c.max(0.0) + 1.0).ln());
    [(recency_days.max(0.0) + 1.0).ln(), frequency.max(1.0).ln(), (monetary.max(0.0) + 1.0).ln(), clv]
}

/// The index of the centre nearest to `p` (the first of equals).
pub fn nearest(p: &Point, centres: &[Point]) -> usize {
    let mut best = 0;
    let mut best_d = f64::INFINITY;
    for (c, centre) in centres.iter().enumerate() {
        let d = dist2(p, centre);
        if d < best_d {
            best_d = d;
            best = c;
        }
    }
    best
}

fn dist2(a: &Point, b: &Point) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// k-means++ (Arthur & Vassilvitskii 2007): the first centre uniformly, each next one with
/// probability proportional to the squared distance to the nearest centre chosen so far.
fn plus_plus(x: &[Point], k: usize, rng: &mut StdRng) -> Vec<Point> {
    let mut centres = vec![x[rng.gen_range(0..x.len())]];
    let mut nearest: Vec<f64> = x.iter().map(|p| dist2(p, &centres[0])).collect();
    while centres.len() < k {
        let total: f64 = nearest.iter().sum();
        let next = if total > 0.0 {
            let mut target = rng.gen::<f64>() * total;
            let mut pick = x.len() - 1;
            for (i, w) in nearest.iter().enumerate() {
                if target < *w {
                    pick = i;
                    break;
                }
                target -= w;
            }
            pick
        } else {
            rng.gen_range(0..x.len())
        };
        centres.push(x[next]);
        for (i, p) in x.iter().enumerate() {
            nearest[i] = nearest[i].min(dist2(p, &centres[centres.len() - 1]));
        }
    }
    centres
}

/// Each point's nearest centre (the first, as `min_by` would pick, each distance computed once);
/// true when an assignment changed.
fn assign_nearest(x: &[Point], centres: &[Point], assign: &mut [usize]) -> bool {
    let mut changed = false;
    for (p, a) in x.iter().zip(assign.iter_mut()) {
        let best = nearest(p, centres);
        if *a != best {
            *a = best;
            changed = true;
        }
    }
    changed
}

/// Lloyd's iterations from `centres` until no assignment changes or the centres move less than
/// [`CENTRE_SHIFT_TOLERANCE`] (the sum of their squared shifts, in standard units, scikit-learn's
/// `KMeans(tol=1e-4)` on standardised features); after a stop on the shift, the points are assigned
/// once more to the centres as they stand. Returns assignments and inertia.
///
/// Until no assignment changed, the 100,000 customers of the benchmark file took 18 iterations on
/// everyone, the last 15 of them moving fewer than 250 customers (0.25%) between clusters, and the
/// restarts 21–22 iterations each.
fn lloyd(x: &[Point], centres: &mut [Point]) -> (Vec<usize>, f64) {
    lloyd_until(x, centres, CENTRE_SHIFT_TOLERANCE)
}

/// [`lloyd`] with the shift at which it stops (0: only when no assignment changes).
fn lloyd_until(x: &[Point], centres: &mut [Point], tolerance: f64) -> (Vec<usize>, f64) {
    let (k, d) = (centres.len(), x[0].len());
    let mut assign = vec![usize::MAX; x.len()];
    let mut sums = vec![[0.0; 4]; k];
    let mut counts = vec![0usize; k];
    for _ in 0..MAX_ITERATIONS {
        let changed = assign_nearest(x, centres, &mut assign);
        let before = centres.to_vec();
        sums.iter_mut().for_each(|s| s.fill(0.0));
        counts.fill(0);
        for (p, &a) in x.iter().zip(&assign) {
            counts[a] += 1;
            for j in 0..d {
                sums[a][j] += p[j];
            }
        }
        for c in 0..k {
            if counts[c] > 0 {
                for (m, s) in centres[c].iter_mut().zip(&sums[c]) {
                    *m = s / counts[c] as f64;
                }
            }
        }
        if !changed {
            break;
        }
        let shift: f64 = before.iter().zip(centres.iter()).map(|(a, b)| dist2(a, b)).sum();
        if shift <= tolerance {
            assign_nearest(x, centres, &mut assign);
            break;
        }
    }
    let inertia = x.iter().zip(&assign).map(|(p, &a)| dist2(p, &centres[a])).sum();
    (assign, inertia)
}

/// Mean silhouette of the sampled points (Rousseeuw 1987): s = (b − a) / max(a, b), a = mean distance
/// to its own cluster, b = the least mean distance to another cluster; 0 for a singleton.
pub fn silhouette(x: &[Point], assign: &[usize], k: usize) -> f64 {
    let n = x.len();
    if n < 2 || k < 2 {
        return 0.0;
    }
    let step = n.div_ceil(SILHOUETTE_SAMPLE);
    let sample: Vec<usize> = (0..n).step_by(step).collect();
    let mut total = 0.0;
    for &i in &sample {
        let mut sum = vec![0.0; k];
        let mut count = vec![0usize; k];
        for &j in &sample {
            if i != j {
                sum[assign[j]] += dist2(&x[i], &x[j]).sqrt();
                count[assign[j]] += 1;
            }
        }
        let own = assign[i];
        if count[own] == 0 {
            continue;
        }
        let a = sum[own] / count[own] as f64;
        let b = (0..k).filter(|&c| c != own && count[c] > 0).map(|c| sum[c] / count[c] as f64).fold(f64::INFINITY, f64::min);
        if b.is_finite() && a.max(b) > 0.0 {
            total += (b - a) / a.max(b);
        }
    }
    total / sample.len() as f64
}

/// The best of the restarts: assignments, centroids and inertia in standard units, and the
/// standardised rows they refer to.
pub struct KMeansFit {
    pub assign: Vec<usize>,
    pub centroids: Vec<Point>,
    pub inertia: f64,
    pub standardised: Vec<Point>,
    pub standardisation: Standardisation,
}

/// Clusters, restarts and seed (settings).
#[derive(Debug, Clone, Copy)]
pub struct KMeansParams {
    pub k: usize,
    pub restarts: usize,
    pub seed: u64,
}

/// Clusters of the rows of `raw` (already log-transformed features, one row per customer).
/// k-means on the first `d` features of `raw` (the rest zeros), standardised.
pub fn kmeans(raw: &[Point], d: usize, KMeansParams { k, restarts, seed }: KMeansParams) -> Option<KMeansFit> {
    if raw.len() < k || k == 0 {
        return None;
    }
    let (x, standardisation) = standardise(raw, d);
    let mut rng = StdRng::seed_from_u64(seed);
    // The restarts run on a systematic sample of at most `RESTART_SAMPLE` customers; the best one's
    // centres are then iterated on everyone (docs/performance.md, "Measurements behind the code"; the same clusters in every test).
    let step = x.len().div_ceil(RESTART_SAMPLE);
    let sample: Vec<Point> = x.iter().step_by(step).copied().collect();
    let mut best: Option<(Vec<Point>, f64)> = None;
    for _ in 0..restarts.max(1) {
        let mut centres = plus_plus(&sample, k, &mut rng);
        let (_, inertia) = lloyd(&sample, &mut centres);
        if best.as_ref().is_none_or(|b| inertia < b.1) {
            best = Some((centres, inertia));
        }
    }
    let (mut centroids, _) = best?;
    let (assign, inertia) = if step == 1 { lloyd(&sample, &mut centroids) } else { lloyd(&x, &mut centroids) };
    Some(KMeansFit { assign, centroids, inertia, standardised: x, standardisation })
}

/// Another population's clusters, to place customers in: its standardisation and centroids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Centres {
    pub standardisation: Standardisation,
    /// In standard units; CLV is a feature when they have four coordinates.
    pub centroids: Vec<Vec<f64>>,
}

impl Clusters {
    /// The centres to place other customers by.
    pub fn centres(&self) -> Centres {
        Centres { standardisation: self.standardisation.clone(), centroids: self.centroids.clone() }
    }
}

/// Each customer standardised as `given` was and placed at its nearest centroid.
fn place(rows: &[Point], given: &Centres) -> KMeansFit {
    let standardised: Vec<Point> = rows.iter().map(|r| given.standardisation.apply(r)).collect();
    let centroids: Vec<Point> = given.centroids.iter().map(|c| {
        let mut p = [0.0; 4];
        p.iter_mut().zip(c).for_each(|(slot, x)| *slot = *x);
        p
    }).collect();
    let assign: Vec<usize> = standardised.iter().map(|p| nearest(p, &centroids)).collect();
    let inertia = standardised.iter().zip(&assign).map(|(p, &a)| dist2(p, &centroids[a])).sum();
    KMeansFit { assign, centroids, inertia, standardised, standardisation: given.standardisation.clone() }
}

/// Clusters of the customers from their days since last purchase, occasions, spend and (when every
/// customer has one) CLV; `None` with fewer customers than clusters. `given` another population's
/// centres, each customer goes to the nearest (CLV is then a feature when the centres have it; a
/// customer without one counts it as 0).
pub fn build(recency_days: &[f64], frequency: &[f64], monetary: &[f64], clv: &[Option<f64>], margin: &[f64], params: KMeansParams, given: Option<&Centres>) -> Option<Clusters> {
    let with_clv: Option<Vec<f64>> = match given {
        Some(g) if g.centroids.first().is_some_and(|c| c.len() == 4) => Some(clv.iter().map(|c| c.unwrap_or(0.0)).collect()),
        Some(_) => None,
        None => clv.iter().copied().collect(),
    };
    let d = if with_clv.is_some() { 4 } else { 3 };
    let rows: Vec<Point> = (0..recency_days.len()).map(|i| features(recency_days[i], frequency[i], monetary[i], with_clv.as_ref().map(|c| c[i]))).collect();
    let fit = match given {
        Some(g) if !rows.is_empty() && !g.centroids.is_empty() => place(&rows, g),
        Some(_) => return None,
        None => kmeans(&rows, d, params)?,
    };
    let k = fit.centroids.len();
    let KMeansFit { assign: cluster, centroids, inertia, standardised, standardisation } = fit;
    let silhouette = silhouette(&standardised, &cluster, k);
    let keys: Vec<String> = (0..k).map(|c| format!("cluster_{}", c + 1)).collect();
    let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let classes: Vec<Option<usize>> = cluster.iter().map(|&c| Some(c)).collect();
    let features = FEATURES[..d].iter().map(|s| (*s).to_string()).collect();
    let centroids = centroids.iter().map(|c| c[..d].to_vec()).collect();
    Some(Clusters { k, table: aggregate(&key_refs, &classes, margin), cluster, centroids, features, inertia, silhouette, keys, standardisation })
}

/// A cluster in words from its centroid: each feature more than half a standard deviation from the
/// mean is named ("recent, frequent, low spend"); all within: "average on every measure".
pub fn describe(centroid: &[f64], lang: Lang) -> String {
    // (low word, high word) per feature; for recency low days = recent.
    const WORDS: [(Text, Text); 4] = [
        (Text::ClusterRecent, Text::ClusterLapsed),
        (Text::ClusterOccasional, Text::ClusterFrequent),
        (Text::ClusterLowSpend, Text::ClusterHighSpend),
        (Text::ClusterLowValue, Text::ClusterHighValue),
    ];
    let words: Vec<&str> = centroid
        .iter()
        .zip(WORDS)
        .filter_map(|(&z, (low, high))| if z < -0.5 { Some(low.get(lang)) } else if z > 0.5 { Some(high.get(lang)) } else { None })
        .collect();
    if words.is_empty() {
        Text::ClusterAverage.get(lang).into()
    } else {
        words.join(Text::ListSeparator.get(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_distr::{Distribution, Normal};

    /// `row` padded to a [`Point`]; at most four features.
    fn point(row: &[f64]) -> Point {
        let mut p = [0.0; 4];
        p[..row.len()].copy_from_slice(row);
        p
    }

    /// Three well-separated blobs of 200 points in 3-D (centres 10 standard deviations apart): every
    /// blob ends in one cluster of its own, the silhouette is high, and the same seed repeats.
    fn blobs(per_blob: usize) -> Vec<Point> {
        let mut rng = StdRng::seed_from_u64(7);
        let noise = Normal::new(0.0, 1.0).unwrap();
        let centres = [[0.0, 0.0, 0.0], [10.0, 0.0, 10.0], [0.0, 10.0, -10.0]];
        let mut rows = Vec::new();
        for c in centres {
            for _ in 0..per_blob {
                rows.push(point(&c.iter().map(|m| m + noise.sample(&mut rng)).collect::<Vec<f64>>()));
            }
        }
        rows
    }

    /// Stopping on the centres' shift leaves the partition of overlapping clusters (four Gaussian
    /// blobs two standard deviations apart, 30,000 points) almost where running until no assignment
    /// changes would: under 0.5% of the points elsewhere, the within-cluster sum of squares within
    /// 0.1%, and it stops in fewer iterations' worth of work (the test fails if the stop never fires).
    #[test]
    fn stopping_on_the_centres_shift_keeps_the_partition() {
        let mut rng = StdRng::seed_from_u64(11);
        let noise = Normal::new(0.0, 1.0).expect("the unit normal");
        let centres = [[0.0, 0.0, 0.0], [2.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 2.0]];
        let mut x = Vec::new();
        for i in 0..30_000 {
            x.push(point(&centres[i % 4].iter().map(|m| m + noise.sample(&mut rng)).collect::<Vec<f64>>()));
        }
        let (x, _) = standardise(&x, 3);
        let start = plus_plus(&x, 4, &mut StdRng::seed_from_u64(3));
        let (mut quick, mut full) = (start.clone(), start);
        let (a, inertia) = lloyd(&x, &mut quick);
        let (b, inertia_full) = lloyd_until(&x, &mut full, 0.0);
        let moved = a.iter().zip(&b).filter(|(p, q)| p != q).count();
        assert!(moved * 200 < x.len(), "{moved} of {} points in another cluster", x.len());
        assert!((inertia - inertia_full).abs() <= 1e-3 * inertia_full, "{inertia} vs {inertia_full}");
        assert!(moved > 0 || quick != full, "the shift never stopped the iterations before convergence");
    }

    #[test]
    fn separated_blobs_are_recovered_and_the_seed_repeats() {
        let rows = blobs(200);
        let p = KMeansParams { k: 3, restarts: 5, seed: 42 };
        let fit = kmeans(&rows, 3, p).unwrap();
        let (a, x) = (fit.assign, fit.standardised);
        for blob in 0..3 {
            let first = a[blob * 200];
            assert!(a[blob * 200..(blob + 1) * 200].iter().all(|&c| c == first), "blob {blob} split");
        }
        assert_ne!(a[0], a[200]);
        assert_ne!(a[200], a[400]);
        assert!(silhouette(&x, &a, 3) > 0.7);
        assert_eq!(kmeans(&rows, 3, p).unwrap().assign, a, "same seed, same clusters");
    }

    /// More customers than `RESTART_SAMPLE`: the restarts compare on the sample, the best is iterated
    /// on everyone, and the result is still a converged k-means (every point at its nearest centroid)
    /// that recovers the blobs.
    #[test]
    fn restarts_on_a_sample_still_converge_on_everyone() {
        let rows = blobs(6_000);
        assert!(rows.len() > RESTART_SAMPLE);
        let fit = kmeans(&rows, 3, KMeansParams { k: 3, restarts: 5, seed: 42 }).unwrap();
        for blob in 0..3 {
            let first = fit.assign[blob * 6_000];
            assert!(fit.assign[blob * 6_000..(blob + 1) * 6_000].iter().all(|&c| c == first), "blob {blob} split");
        }
        for (p, &a) in fit.standardised.iter().zip(&fit.assign) {
            let d = dist2(p, &fit.centroids[a]);
            assert!(fit.centroids.iter().all(|c| d <= dist2(p, c)), "a point is not at its nearest centroid");
        }
        let inertia: f64 = fit.standardised.iter().zip(&fit.assign).map(|(p, &a)| dist2(p, &fit.centroids[a])).sum();
        assert!((inertia - fit.inertia).abs() <= 1e-9 * inertia);
    }

    /// Four points on a line, 0, 1, 10, 11: two clusters {0, 1} and {10, 11}; silhouette by hand:
    /// for 0, a = 1, b = (10 + 11)/2 = 10.5, s = 9.5/10.5; the four are symmetric in pairs
    /// (for 1: a = 1, b = 9.5, s = 8.5/9.5), so the mean is (9.5/10.5 + 8.5/9.5)/2.
    #[test]
    fn silhouette_by_hand() {
        let x: Vec<Point> = [0.0, 1.0, 10.0, 11.0].iter().map(|&v| point(&[v])).collect();
        let s = silhouette(&x, &[0, 0, 1, 1], 2);
        let want = (9.5 / 10.5 + 8.5 / 9.5) / 2.0;
        assert!((s - want).abs() < crate::tolerances::HAND_COMPUTED_ABS, "{s} vs {want}");
    }

    #[test]
    fn clusters_are_described_in_words() {
        assert_eq!(describe(&[-1.0, 1.2, -0.8], Lang::En), "recent, frequent, low spend");
        assert_eq!(describe(&[0.1, -0.2, 0.3], Lang::En), "average on every measure");
        assert_eq!(describe(&[0.9, -0.9, 0.0, 0.7], Lang::Zh), "久未购买、购买少、价值高");
    }
}
