//! A fit on a uniform sample against the fit on every customer: the fit report's statement
//! (`Finding::FittedOnSample`: each BG/NBD parameter within 2 · SE · √(1 − n/N) of the full fit's,
//! with 95% probability) holds as often as it says. A population of 200,000 customers simulated from
//! BG/NBD (r 0.5, α 4, a 0.8, b 2.5; the project's generator, pure); samples of 10,000 and 50,000
//! drawn with 5 seeds each; 40 comparisons (4 parameters × 2 sizes × 5 seeds). At 95% each, 34 or
//! more inside the band has probability above 0.99 for a band that is right; a band half as wide
//! as it should be (68%) would put about 27 inside. None may be outside by more than 1.75 bands
//! (3.5 standard errors).
//! bench/warehouse.sh measures the same on 1,000,000 customers with samples of 10,000 and 100,000.

use kezhi_engine::models::bg_nbd;
use kezhi_engine::models::repeat_data::RepeatData;
use kezhi_engine::table::demo_data::{generate, DemoParams};
use rand::SeedableRng;

#[test]
fn a_sample_fit_is_within_its_stated_band_as_often_as_it_says() {
    let data = generate(&DemoParams { r: 0.5, alpha: 4.0, a: 0.8, b: 2.5, ..DemoParams::pure(31, 200_000) });
    let triples = data.btyd_summary();
    let n_all = triples.len();
    let full = bg_nbd::fit(&RepeatData::from_triples(triples.clone()), None).expect("full fit").params;
    let (mut inside, mut total) = (0, 0);
    for n in [10_000usize, 50_000] {
        for seed in 1..=5u64 {
            let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
            let picked = rand::seq::index::sample(&mut rng, n_all, n).into_vec();
            let sample: Vec<_> = picked.iter().map(|&i| triples[i]).collect();
            let fit = bg_nbd::fit(&RepeatData::from_triples(sample), None).expect("sample fit");
            let se = fit.standard_errors.expect("standard errors");
            let fpc = (1.0 - n as f64 / n_all as f64).sqrt();
            for (name, got, want, s) in [("r", fit.params.r, full.r, se.r), ("alpha", fit.params.alpha, full.alpha, se.alpha), ("a", fit.params.a, full.a, se.a), ("b", fit.params.b, full.b, se.b)] {
                let band = 2.0 * s * fpc;
                total += 1;
                inside += usize::from((got - want).abs() <= band);
                assert!((got - want).abs() <= 1.75 * band, "{name} at {n} (seed {seed}): {got} against the full fit's {want}, band {band}");
            }
        }
    }
    assert_eq!(total, 40);
    assert!(inside >= 34, "{inside} of {total} sample parameters within their 95% band of the full fit");
}
