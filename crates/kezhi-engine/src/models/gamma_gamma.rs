//! Gamma-Gamma spend model: Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for
//! Customer Base Analysis", JMR 42(4); Colombo & Jiang (1999) (docs/methods.md §2b).
//!
//! For a repeat customer with x ≥ 1 repeat occasions of mean value m_x (log-likelihood, up to a
//! constant in the data, as in Fader & Hardie's note "The Gamma-Gamma Model of Monetary Value"):
//!   ln L = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m_x + px ln x − (px+q) ln(γ + x m_x)
//! E[M | x, m_x] = (γ + x m_x) p / (p x + q − 1); with no repeat purchase, the population mean
//! p γ / (q − 1).

use serde::{Deserialize, Serialize};
use statrs::function::gamma::{digamma, ln_gamma};

use crate::table::customer_table::CustomerTable;
use crate::models::fitting::{Deadline, Outcome, mean_negative_in_logs, multi_start, Objective, SUBSAMPLE_ROWS};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GammaGammaParams {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
}

/// Repeat customers' (x, m_x), with the distinct x and each row's index into them, and ln m_x.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpendData {
    pub x: Vec<f64>,
    pub m: Vec<f64>,
    distinct_x: Vec<f64>,
    ix: Vec<u32>,
    ln_m: Vec<f64>,
}

impl SpendData {
    pub fn new(x: Vec<f64>, m: Vec<f64>) -> SpendData {
        let mut distinct_x = x.clone();
        distinct_x.sort_by(f64::total_cmp);
        distinct_x.dedup();
        let ix = x.iter().map(|v| distinct_x.partition_point(|d| d < v) as u32).collect();
        let ln_m = m.iter().map(|v| v.ln()).collect();
        SpendData { x, m, distinct_x, ix, ln_m }
    }

    pub fn from_table(table: &CustomerTable) -> SpendData {
        let (x, m) = table
            .customers
            .iter()
            .filter(|c| c.frequency >= 1.0 && c.monetary_value > 0.0)
            .map(|c| (c.frequency, c.monetary_value))
            .unzip();
        SpendData::new(x, m)
    }

    /// Every k-th customer (k from [`crate::models::fitting::subsample_step`]), at most `max_rows`: where the
    /// fit tries its starting points, as BG/NBD does on [`crate::models::repeat_data::RepeatData::subsample`].
    pub fn subsample(&self, max_rows: usize) -> Option<SpendData> {
        let k = crate::models::fitting::subsample_step(self.x.len(), max_rows)?;
        Some(SpendData::new(self.x.iter().step_by(k).copied().collect(), self.m.iter().step_by(k).copied().collect()))
    }

    /// Pearson correlation of frequency and mean spend; the model assumes independence (warn > 0.3).
    pub fn frequency_spend_correlation(&self) -> f64 {
        let n = self.x.len() as f64;
        if n < 2.0 {
            return 0.0;
        }
        let (mx, mm) = (self.x.iter().sum::<f64>() / n, self.m.iter().sum::<f64>() / n);
        let cov: f64 = self.x.iter().zip(&self.m).map(|(x, m)| (x - mx) * (m - mm)).sum();
        let vx: f64 = self.x.iter().map(|x| (x - mx).powi(2)).sum();
        let vm: f64 = self.m.iter().map(|m| (m - mm).powi(2)).sum();
        if vx == 0.0 || vm == 0.0 { 0.0 } else { cov / (vx * vm).sqrt() }
    }
}

#[cfg(test)]
fn ll_one(p: f64, q: f64, g: f64, x: f64, m: f64) -> (f64, [f64; 3]) {
    let px = p * x;
    let s = g + x * m;
    let ll = ln_gamma(px + q) - ln_gamma(px) - ln_gamma(q) + q * g.ln() + (px - 1.0) * m.ln() + px * x.ln() - (px + q) * s.ln();
    let dp = x * (digamma(px + q) - digamma(px) + m.ln() + x.ln() - s.ln());
    let dq = digamma(px + q) - digamma(q) + g.ln() - s.ln();
    let dg = q / g - (px + q) / s;
    (ll, [dp, dq, dg])
}

pub fn log_likelihood(par: &GammaGammaParams, d: &SpendData) -> f64 {
    ll_and_gradient(par.p, par.q, par.gamma, d, false).0
}

/// ln L and its gradient over all repeat customers, with the Γ and ψ terms computed once per
/// distinct x (x takes few values; the per-customer work is one logarithm, ln(γ + x·m̄)). `ll_one` is the plain
/// reference it is tested against.
fn ll_and_gradient(p: f64, q: f64, g: f64, d: &SpendData, with_gradient: bool) -> (f64, [f64; 3]) {
    let (lg_q, dg_q, ln_g) = (ln_gamma(q), if with_gradient { digamma(q) } else { 0.0 }, g.ln());
    // (ln x, ln Γ(px+q) − ln Γ(px) − ln Γ(q) + px ln x, ψ(px+q), ψ(px))
    let terms: Vec<(f64, f64, f64, f64)> = d
        .distinct_x
        .iter()
        .map(|&x| {
            let (px, ln_x) = (p * x, x.ln());
            let lg = ln_gamma(px + q) - ln_gamma(px) - lg_q + px * ln_x;
            if with_gradient { (ln_x, lg, digamma(px + q), digamma(px)) } else { (ln_x, lg, 0.0, 0.0) }
        })
        .collect();
    let (mut ll, mut grad) = (0.0, [0.0; 3]);
    for i in 0..d.x.len() {
        let (x, m) = (d.x[i], d.m[i]);
        let (ln_x, lg, dg_pxq, dg_px) = terms[d.ix[i] as usize];
        let px = p * x;
        let s = g + x * m;
        let (ln_m, ln_s) = (d.ln_m[i], s.ln());
        ll += lg + q * ln_g + (px - 1.0) * ln_m - (px + q) * ln_s;
        if with_gradient {
            grad[0] += x * (dg_pxq - dg_px + ln_m + ln_x - ln_s);
            grad[1] += dg_pxq - dg_q + ln_g - ln_s;
            grad[2] += q / g - (px + q) / s;
        }
    }
    (ll, grad)
}

pub struct NegLogLik<'a>(pub &'a SpendData);

impl Objective for NegLogLik<'_> {
    fn value(&self, t: &[f64]) -> f64 {
        let par = GammaGammaParams { p: t[0].exp(), q: t[1].exp(), gamma: t[2].exp() };
        -log_likelihood(&par, self.0) / self.0.x.len() as f64
    }

    fn gradient(&self, t: &[f64]) -> Vec<f64> {
        let (p, q, g) = (t[0].exp(), t[1].exp(), t[2].exp());
        let (ll, acc) = ll_and_gradient(p, q, g, self.0, true);
        mean_negative_in_logs(ll, &acc, &[p, q, g], self.0.x.len() as f64).1
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GammaGammaFit {
    pub params: GammaGammaParams,
    pub log_likelihood: f64,
    pub iterations: u64,
    pub converged: bool,
    /// How the search ended (`fitting::Outcome`): converged, stalled, out of budget, or run off
    /// toward a limit of the model.
    pub outcome: Outcome,
    pub method: crate::models::fitting::Method,
    pub customers: usize,
    pub frequency_spend_correlation: f64,
}

pub fn fit(d: &SpendData, deadline: Option<Deadline<'_>>) -> Option<GammaGammaFit> {
    if d.x.len() < 3 {
        return None;
    }
    // The starts are tried on a subsample and only its best optimum is polished on all the data.
    let sub = d.subsample(SUBSAMPLE_ROWS);
    let m = multi_start(&NegLogLik(d), sub.as_ref().map(NegLogLik).as_ref(), &starts(d), deadline)?;
    let params = GammaGammaParams { p: m.theta[0].exp(), q: m.theta[1].exp(), gamma: m.theta[2].exp() };
    Some(GammaGammaFit {
        params,
        log_likelihood: log_likelihood(&params, d),
        iterations: m.iterations,
        converged: m.converged,
        outcome: m.outcome,
        method: m.method,
        customers: d.x.len(),
        frequency_spend_correlation: d.frequency_spend_correlation(),
    })
}

/// The log-parameters (ln p, ln q, ln γ) the fit starts from.
fn starts(d: &SpendData) -> Vec<Vec<f64>> {
    let mean_m = d.m.iter().sum::<f64>() / d.m.len() as f64;
    vec![vec![0.0, 0.0, 0.0], vec![1.0f64.ln(), 2.0f64.ln(), mean_m.ln()], vec![2.0f64.ln(), 4.0f64.ln(), (mean_m * 2.0).ln()]]
}

/// E[M | x, m_x]; customers without a repeat purchase get the population mean p γ / (q − 1).
pub fn expected_spend(par: &GammaGammaParams, x: f64, m: f64) -> f64 {
    if x >= 1.0 && m > 0.0 {
        (par.gamma + x * m) * par.p / (par.p * x + par.q - 1.0)
    } else {
        par.p * par.gamma / (par.q - 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::fitting::numeric_gradient;
    use crate::tolerances::{GRADIENT_REL, HAND_COMPUTED_ABS};

    /// Repeat customers' (x, mean repeat spend) of the project's generator, pure BG/NBD + Gamma-Gamma
    /// (p = 6, q = 4, γ = 120), one occasion per row.
    fn simulated(customers: usize) -> SpendData {
        use crate::table::demo_data::{generate, DemoParams};
        let data = generate(&DemoParams::pure(7, customers));
        let mut spends: Vec<Vec<f64>> = vec![Vec::new(); customers];
        for r in &data.rows {
            spends[r.customer as usize].push(r.amount);
        }
        let (x, m) = spends
            .iter()
            .filter(|s| s.len() >= 2)
            .map(|s| ((s.len() - 1) as f64, s[1..].iter().sum::<f64>() / (s.len() - 1) as f64))
            .unzip();
        SpendData::new(x, m)
    }

    #[test]
    fn starts_tried_on_a_subsample_reach_the_optimum_of_all_the_data() {
        use crate::tolerances::{IDENTITY_REL, REFIT_RELATIVE};
        let d = simulated(40_000);
        let sub = d.subsample(SUBSAMPLE_ROWS).expect("more repeat customers than the subsample holds");
        assert!(d.x.len() > 2 * SUBSAMPLE_ROWS, "{} repeat customers", d.x.len());
        let fit = fit(&d, None).expect("fit");
        // Every start on all the data, as the fit did before it used the subsample.
        let full = crate::models::fitting::minimise(&NegLogLik(&d), &starts(&d), None).expect("full fit");
        let full_ll = -full.value * d.x.len() as f64;
        assert!((fit.log_likelihood - full_ll).abs() <= IDENTITY_REL * full_ll.abs(), "{} vs {full_ll}", fit.log_likelihood);
        let got = [fit.params.p, fit.params.q, fit.params.gamma];
        for (k, g) in got.iter().enumerate() {
            let want = full.theta[k].exp();
            assert!((g - want).abs() <= REFIT_RELATIVE * want, "parameter {k}: {g} vs {want}");
        }
        // The test can fail: the subsample's own optimum is further from all the data's than that.
        let rough = crate::models::fitting::minimise(&NegLogLik(&sub), &starts(&d), None).expect("subsample fit");
        assert!((0..3).any(|k| (rough.theta[k].exp() - full.theta[k].exp()).abs() > REFIT_RELATIVE * full.theta[k].exp()));
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let d = SpendData::new(vec![1.0, 2.0, 5.0, 3.0], vec![20.0, 35.5, 12.0, 80.0]);
        let obj = NegLogLik(&d);
        for t in [vec![0.0, 0.0, 0.0], vec![1.8, 1.3, 2.7]] {
            let (g, n) = (obj.gradient(&t), numeric_gradient(&obj, &t, 1e-6));
            for k in 0..3 {
                assert!((g[k] - n[k]).abs() <= GRADIENT_REL * n[k].abs().max(1e-3), "{g:?} vs {n:?}");
            }
        }
    }

    #[test]
    fn the_cached_pass_equals_the_plain_per_customer_formula() {
        let d = SpendData::new(vec![1.0, 2.0, 5.0, 2.0, 1.0], vec![20.0, 35.5, 12.0, 80.0, 3.0]);
        let (ll, g) = ll_and_gradient(6.25, 3.74, 15.44, &d, true);
        let (mut ll_ref, mut g_ref) = (0.0, [0.0; 3]);
        for i in 0..d.x.len() {
            let (l, gi) = ll_one(6.25, 3.74, 15.44, d.x[i], d.m[i]);
            ll_ref += l;
            for k in 0..3 {
                g_ref[k] += gi[k];
            }
        }
        assert!((ll - ll_ref).abs() < 1e-9 * ll_ref.abs());
        for k in 0..3 {
            assert!((g[k] - g_ref[k]).abs() < 1e-9 * g_ref[k].abs().max(1.0));
        }
    }

    /// By hand: p = 6.25, q = 3.74, γ = 15.44, x = 2, m = 30: (15.44 + 60) · 6.25 / (12.5 + 2.74)
    /// = 471.5 / 15.24; population mean 6.25 · 15.44 / 2.74 = 96.5 / 2.74.
    #[test]
    fn expected_spend_matches_a_hand_computation() {
        let par = GammaGammaParams { p: 6.25, q: 3.74, gamma: 15.44 };
        assert!((expected_spend(&par, 2.0, 30.0) - 471.5 / 15.24).abs() < HAND_COMPUTED_ABS);
        assert!((expected_spend(&par, 0.0, 0.0) - 96.5 / 2.74).abs() < HAND_COMPUTED_ABS);
    }
}
