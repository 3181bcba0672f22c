//! Pareto/NBD: Schmittlein, Morrison & Colombo (1987), "Counting Your Customers: Who Are They and
//! What Will They Do Next?", Management Science 33(1); the likelihood and conditional expressions
//! as written by Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related
//! Expressions" (brucehardie.com/notes/009), §§3–6. The alternative to BG/NBD
//! (docs/methods.md §2a) shown beside it so the user can compare log-likelihoods.
//!
//! Purchases while alive ~ Poisson(λ), λ ~ Gamma(r, α); lifetime ~ Exponential(μ), μ ~ Gamma(s, β).
//! Per customer with x repeat occasions, the last at t_x, observed for T:
//!   L = Γ(r+x) α^r β^s / Γ(r) · [ 1 / ((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A₀ ]
//!   A₀ = F(t_x) − F(T),  F(y) = ₂F₁(r+s+x, b₁; r+s+x+1; |α−β| / (m+y)) / (m+y)^(r+s+x)
//! with m = max(α, β) and b₁ = s+1 when α ≥ β, b₁ = r+x when α < β.
//! Everything is computed in logs: ln A₀ = ln F(t_x) + ln(1 − e^(ln F(T) − ln F(t_x))), and ln L
//! adds the two terms by log-sum-exp. F decreases in y, so A₀ ≥ 0; where t_x = T it is 0.
//!   P(alive) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀)
//!   E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive)
//!   (at s = 1 the bracket over s−1 becomes ln((β+T+t)/(β+T)))
//!   E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)]
//!
//! The gradient is analytic: ₂F₁'s derivatives in a, b and z are summed term by term along its
//! series (see `SeriesTable`), and checked against central finite differences.

use serde::{Deserialize, Serialize};
use statrs::function::gamma::{digamma, ln_gamma};

use crate::models::fitting::{Deadline, Outcome, mean_negative_in_logs, multi_start, standard_errors_in_logs, Objective, SUBSAMPLE_ROWS};
use crate::models::hypergeometric::hyp2f1;
use crate::models::repeat_data::RepeatData;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ParetoNbdParams {
    pub r: f64,
    pub alpha: f64,
    pub s: f64,
    pub beta: f64,
}

impl ParetoNbdParams {
    fn from_log(theta: &[f64]) -> ParetoNbdParams {
        ParetoNbdParams { r: theta[0].exp(), alpha: theta[1].exp(), s: theta[2].exp(), beta: theta[3].exp() }
    }
}

/// ln F(y) as defined in the module doc; `None` when ₂F₁ does not converge.
fn ln_f(p: &ParetoNbdParams, x: f64, y: f64) -> Option<f64> {
    let ParetoNbdParams { r, alpha, s, beta } = *p;
    let rsx = r + s + x;
    let (m, b1) = if alpha >= beta { (alpha, s + 1.0) } else { (beta, r + x) };
    let h = hyp2f1(rsx, b1, rsx + 1.0, (alpha - beta).abs() / (m + y));
    (h.converged && h.value > 0.0).then(|| h.value.ln() - rsx * (m + y).ln())
}

/// ln A₀ (−∞ when A₀ = 0); `None` when ₂F₁ does not converge.
fn ln_a0(p: &ParetoNbdParams, x: f64, tx: f64, t: f64) -> Option<f64> {
    if tx >= t {
        return Some(f64::NEG_INFINITY);
    }
    let (f_tx, f_t) = (ln_f(p, x, tx)?, ln_f(p, x, t)?);
    let d = f_t - f_tx;
    // d < 0 in exact arithmetic; rounding can put it at or a hair above 0 when t_x ≈ T.
    Some(if d >= 0.0 { f64::NEG_INFINITY } else { f_tx + (-d.exp()).ln_1p() })
}

/// ln L for one customer; `None` when ₂F₁ does not converge at these parameters.
pub fn log_likelihood_one(p: &ParetoNbdParams, x: f64, tx: f64, t: f64) -> Option<f64> {
    let ParetoNbdParams { r, alpha, s, beta } = *p;
    let a1 = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + s * beta.ln();
    let stay = -(r + x) * (alpha + t).ln() - s * (beta + t).ln();
    let died = s.ln() - (r + s + x).ln() + ln_a0(p, x, tx, t)?;
    Some(a1 + log_add_exp(stay, died))
}

fn log_add_exp(u: f64, v: f64) -> f64 {
    let (hi, lo) = if u >= v { (u, v) } else { (v, u) };
    if lo == f64::NEG_INFINITY {
        hi
    } else {
        hi + (lo - hi).exp().ln_1p()
    }
}

/// ₂F₁(a, b; a+1; z) for one x, many z, with what its derivatives need. The ratios of consecutive
/// terms, (a+n)(b+n) / ((a+1+n)(n+1)), are the same for every customer with that x, so they are
/// computed once and each customer's series costs a few multiplications a term. Every term tₙ is
/// positive (a, b > 0, 0 ≤ z < 1), so the sum is done when a term no longer changes it.
///
/// Derivatives term by term: ∂tₙ/∂a = tₙ (1/a − 1/(a+n)) (the a and a+1 factors telescope),
/// ∂tₙ/∂b = tₙ Σ_{k<n} 1/(b+k), ∂tₙ/∂z = n tₙ / z.
struct SeriesTable {
    a: f64,
    b: f64,
    ratios: Vec<f64>,
    /// 1/(a+n) and Σ_{k<n} 1/(b+k), for n = 0, 1, …
    inv_a: Vec<f64>,
    b_sum: Vec<f64>,
}

/// Σ tₙ, and the sums the derivatives need: ∂H/∂a, ∂H/∂b, ∂H/∂z.
#[derive(Clone, Copy)]
struct Series {
    h: f64,
    d_a: f64,
    d_b: f64,
    d_z: f64,
}

impl SeriesTable {
    fn new(a: f64, b: f64) -> SeriesTable {
        SeriesTable { a, b, ratios: Vec::new(), inv_a: Vec::new(), b_sum: Vec::new() }
    }

    fn grow(&mut self, n: usize) {
        let nf = n as f64;
        self.ratios.push((self.a + nf) * (self.b + nf) / ((self.a + 1.0 + nf) * (nf + 1.0)));
        self.inv_a.push(1.0 / (self.a + nf));
        let prev = if n == 0 { 0.0 } else { self.b_sum[n - 1] + 1.0 / (self.b + nf - 1.0) };
        self.b_sum.push(prev);
    }

    /// The series at `z`, taking its terms from `terms_left` (`None`, as for a series that does not
    /// converge, once they run out).
    fn sum(&mut self, z: f64, with_gradient: bool, terms_left: &mut u64) -> Option<Series> {
        if self.ratios.is_empty() {
            self.grow(0);
        }
        // Term 0 is 1: it adds to H and to ∂H/∂a (1/a − 1/a = 0 for n = 0), nothing else.
        let (mut term, mut h, mut sa, mut sb, mut sn) = (1.0f64, 1.0f64, self.inv_a[0], 0.0f64, 0.0f64);
        for n in 1..crate::models::hypergeometric::MAX_TERMS {
            if n == self.ratios.len() {
                self.grow(n);
            }
            term *= self.ratios[n - 1] * z;
            h += term;
            if with_gradient {
                sa += term * self.inv_a[n];
                sb += term * self.b_sum[n];
                sn += n as f64 * term;
            }
            if term <= 1e-16 * h {
                *terms_left = terms_left.checked_sub(n as u64)?;
                if !h.is_finite() {
                    return None;
                }
                // ∂H/∂z = Σ n tₙ / z; at z = 0 it is the first coefficient.
                let d_z = if z > 0.0 { sn / z } else { self.ratios[0] };
                return Some(Series { h, d_a: h / self.a - sa, d_b: sb, d_z });
            }
        }
        None
    }
}

/// The mean number of ₂F₁ terms a customer's two series may take in one evaluation of the
/// likelihood; past it the evaluation gives −∞, like a series that does not converge, and the
/// optimiser steps back. Series need about 37/(1 − z) terms, z = |α − β|/(max(α, β) + y): a few dozen
/// for the fits of the tests' data (CDNOW, the demo), hundreds of thousands where α and β drift
/// apart by orders of magnitude on the way to a limit of the model (what that cost is in
/// docs/performance.md, "bounded fits"). Held by `crates/kezhi-engine/tests/scoring_degenerate.rs` and
/// `bench/degenerate.sh` (times), and by the CDNOW tests (the published fit unchanged).
const TERMS_PER_CUSTOMER: u64 = 2_000;

/// Total log-likelihood; −∞ when ₂F₁ fails for some customer (the optimiser then steps back).
pub fn log_likelihood(p: &ParetoNbdParams, d: &RepeatData) -> f64 {
    ll_and_gradient(p, d, false).0
}

/// ln L and its gradient in (r, α, s, β). Terms that depend on x alone, and ₂F₁'s term ratios, are
/// computed once per distinct x; the plain per-customer `log_likelihood_one` is the reference the
/// value is tested against, central differences the gradient. With F(y) = H(z_y)(m+y)^(−a),
/// a = r+s+x, z_y = |α−β|/(m+y):
///   ∂ln F = (∂H/∂a ∂a + ∂H/∂b ∂b₁ + ∂H/∂z ∂z)/H − ln(m+y) ∂a − a ∂m/(m+y),
///   ∂ln A₀ = (∂ln F(t_x) − e^d ∂ln F(T)) / (1 − e^d),  d = ln F(T) − ln F(t_x),
/// and ln L = A₁ + ln(e^S + e^D) weighs ∂S and ∂D by their shares of L.
fn ll_and_gradient(p: &ParetoNbdParams, d: &RepeatData, with_gradient: bool) -> (f64, [f64; 4]) {
    let mut e = Evaluation::new(p, d, with_gradient);
    let (mut ll, mut grad) = (0.0, [0.0; 4]);
    for i in 0..d.x.len() {
        let Some((ll_i, grad_i)) = e.customer(d, i) else { return (f64::NEG_INFINITY, [0.0; 4]) };
        ll += ll_i;
        for k in 0..4 {
            grad[k] += grad_i[k];
        }
    }
    (ll, grad)
}

/// The terms of one distinct x (frequency): A₁'s head, its ∂/∂r, ln s − ln(r+s+x), r+s+x and
/// ₂F₁'s term ratios.
struct XTerms {
    head: f64,
    /// ∂A₁/∂r for this x.
    d_head_r: f64,
    ln_s_rsx: f64,
    rsx: f64,
    table: SeriesTable,
}

/// One evaluation of [`ll_and_gradient`] at `p`: what every customer shares — the per-x terms, the
/// logarithms per distinct T, and the ₂F₁ terms still allowed (`TERMS_PER_CUSTOMER`).
struct Evaluation {
    p: ParetoNbdParams,
    with_gradient: bool,
    a_ge_b: bool,
    /// max(α, β) and |α − β|.
    m: f64,
    gap: f64,
    xt: Vec<XTerms>,
    ln_t_alpha: Vec<f64>,
    ln_t_beta: Vec<f64>,
    terms_left: u64,
}

impl Evaluation {
    fn new(p: &ParetoNbdParams, d: &RepeatData, with_gradient: bool) -> Evaluation {
        let ParetoNbdParams { r, alpha, s, beta } = *p;
        let u = &d.distinct;
        let a_ge_b = alpha >= beta;
        let head_const = -ln_gamma(r) + r * alpha.ln() + s * beta.ln();
        let dg_r = if with_gradient { digamma(r) } else { 0.0 };
        let xt = u
            .x
            .iter()
            .map(|&x| {
                let rsx = r + s + x;
                let b1 = if a_ge_b { s + 1.0 } else { r + x };
                XTerms {
                    head: ln_gamma(r + x) + head_const,
                    d_head_r: if with_gradient { digamma(r + x) - dg_r + alpha.ln() } else { 0.0 },
                    ln_s_rsx: s.ln() - rsx.ln(),
                    rsx,
                    table: SeriesTable::new(rsx, b1),
                }
            })
            .collect();
        Evaluation {
            p: *p,
            with_gradient,
            a_ge_b,
            m: alpha.max(beta),
            gap: (alpha - beta).abs(),
            xt,
            ln_t_alpha: u.t.iter().map(|t| (alpha + t).ln()).collect(),
            ln_t_beta: u.t.iter().map(|t| (beta + t).ln()).collect(),
            // ₂F₁'s terms this evaluation may sum (see `TERMS_PER_CUSTOMER`).
            terms_left: TERMS_PER_CUSTOMER * 2 * d.x.len() as u64,
        }
    }

    /// ln F(y) for the x of `ix` and its gradient in (r, α, s, β); `None` when ₂F₁ fails.
    fn ln_f(&mut self, ix: usize, y: f64) -> Option<(f64, [f64; 4])> {
        let ParetoNbdParams { alpha, beta, .. } = self.p;
        let xi = &mut self.xt[ix];
        let my = self.m + y;
        let z = self.gap / my;
        let h = xi.table.sum(z, self.with_gradient, &mut self.terms_left)?;
        let v = h.h.ln() - xi.rsx * my.ln();
        if !self.with_gradient {
            return Some((v, [0.0; 4]));
        }
        let a = xi.rsx;
        let (ha, hb, hz) = (h.d_a / h.h, h.d_b / h.h, h.d_z / h.h);
        let ln_my = my.ln();
        // ∂z/∂α, ∂z/∂β and ∂m/∂α, ∂m/∂β; b₁ = s+1 (α ≥ β) or r+x (α < β).
        let (dz_alpha, dz_beta, dm_alpha, dm_beta, db_r, db_s) = if self.a_ge_b {
            ((beta + y) / (my * my), -1.0 / my, 1.0, 0.0, 0.0, 1.0)
        } else {
            (-1.0 / my, (alpha + y) / (my * my), 0.0, 1.0, 1.0, 0.0)
        };
        let g = [
            ha + hb * db_r - ln_my,
            hz * dz_alpha - a * dm_alpha / my,
            ha + hb * db_s - ln_my,
            hz * dz_beta - a * dm_beta / my,
        ];
        Some((v, g))
    }

    /// Row `i` of `d`: its weighted ln L term and gradient term; `None` when ₂F₁ fails.
    fn customer(&mut self, d: &RepeatData, i: usize) -> Option<(f64, [f64; 4])> {
        let ParetoNbdParams { r, alpha, s, beta } = self.p;
        let (x, tx, t, w) = (d.x[i], d.tx[i], d.t[i], d.weight[i]);
        let it = d.distinct.it[i] as usize;
        let ix = d.distinct.ix[i] as usize;
        let stay = -(r + x) * self.ln_t_alpha[it] - s * self.ln_t_beta[it];
        // D = ln s − ln(r+s+x) + ln A₀ and ∂ln A₀; −∞ when A₀ = 0.
        let mut d_a0 = [0.0; 4];
        let died = if tx >= t {
            f64::NEG_INFINITY
        } else {
            let (f_tx, g_tx) = self.ln_f(ix, tx)?;
            let (f_t, g_t) = self.ln_f(ix, t)?;
            let diff = f_t - f_tx;
            if diff >= 0.0 {
                f64::NEG_INFINITY
            } else {
                let e = diff.exp();
                for k in 0..4 {
                    d_a0[k] = (g_tx[k] - e * g_t[k]) / (1.0 - e);
                }
                self.xt[ix].ln_s_rsx + f_tx + (-e).ln_1p()
            }
        };
        let xi = &self.xt[ix];
        let total = log_add_exp(stay, died);
        let ll = w * (xi.head + total);
        let mut grad = [0.0; 4];
        if self.with_gradient {
            let w_died = if died == f64::NEG_INFINITY { 0.0 } else { (died - total).exp() };
            let w_stay = 1.0 - w_died;
            let a = xi.rsx;
            let d_stay = [-self.ln_t_alpha[it], -(r + x) / (alpha + t), -self.ln_t_beta[it], -s / (beta + t)];
            let d_died = [-1.0 / a + d_a0[0], d_a0[1], 1.0 / s - 1.0 / a + d_a0[2], d_a0[3]];
            let d_head = [xi.d_head_r, r / alpha, beta.ln(), s / beta];
            for k in 0..4 {
                grad[k] = w * (d_head[k] + w_stay * d_stay[k] + w_died * d_died[k]);
            }
        }
        Some((ll, grad))
    }
}

/// Mean negative log-likelihood over log-parameters.
pub struct NegLogLik<'a>(pub &'a RepeatData);


impl Objective for NegLogLik<'_> {
    fn value(&self, theta: &[f64]) -> f64 {
        -log_likelihood(&ParetoNbdParams::from_log(theta), self.0) / self.0.customers()
    }

    fn gradient(&self, theta: &[f64]) -> Vec<f64> {
        self.value_and_gradient(theta).1
    }

    fn value_and_gradient(&self, theta: &[f64]) -> (f64, Vec<f64>) {
        let p = ParetoNbdParams::from_log(theta);
        let (ll, g) = ll_and_gradient(&p, self.0, true);
        mean_negative_in_logs(ll, &g, &[p.r, p.alpha, p.s, p.beta], self.0.customers())
    }

    /// The gradient's sums ride along the likelihood's series at a few more multiplications a term.
    fn joint_is_cheap(&self) -> bool {
        true
    }

    /// As for BG/NBD (and for the same reason no tighter): the total log-likelihood of 100k customers
    /// within ~1e-7 of its maximum.
    fn gradient_tolerance(&self) -> f64 {
        1e-6
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParetoNbdFit {
    pub params: ParetoNbdParams,
    /// Standard errors from the inverse Hessian (delta method from log-parameters); `None` when the
    /// Hessian is not invertible at the estimate.
    pub standard_errors: Option<ParetoNbdParams>,
    pub log_likelihood: f64,
    pub iterations: u64,
    pub converged: bool,
    /// How the search ended (`fitting::Outcome`): converged, stalled, out of budget, or run off
    /// toward a limit of the model.
    pub outcome: Outcome,
    pub method: crate::models::fitting::Method,
}

/// Fits r, α, s, β by maximum likelihood from several starting points.
pub fn fit(d: &RepeatData, deadline: Option<Deadline<'_>>) -> Option<ParetoNbdFit> {
    if d.x.is_empty() {
        return None;
    }
    let mean_t = d.t.iter().zip(&d.weight).map(|(t, w)| t * w).sum::<f64>() / d.customers();
    let ln = f64::ln;
    let scale = mean_t.max(1.0);
    let starts = vec![
        vec![0.0, ln(scale / 4.0), 0.0, ln(scale / 4.0)],
        vec![ln(0.5), ln(scale / 4.0), ln(0.5), ln(scale / 2.0)],
        vec![ln(2.0), ln(scale), ln(2.0), ln(scale * 2.0)],
    ];
    let obj = NegLogLik(d);
    let sub = d.subsample(SUBSAMPLE_ROWS);
    let m = multi_start(&obj, sub.as_ref().map(NegLogLik).as_ref(), &starts, deadline)?;
    let params = ParetoNbdParams::from_log(&m.theta);
    // As in BG/NBD's fit: standard errors only where the search ended by itself.
    let standard_errors = m.ended_by_itself().then(|| standard_errors_in_logs(&obj, &m.theta, d.customers())).flatten().map(|se| ParetoNbdParams { r: se[0], alpha: se[1], s: se[2], beta: se[3] });
    let log_likelihood = log_likelihood(&params, d);
    log_likelihood.is_finite().then_some(ParetoNbdFit {
        params,
        standard_errors,
        log_likelihood,
        iterations: m.iterations,
        converged: m.converged,
        outcome: m.outcome,
        method: m.method,
    })
}

/// P(alive | x, t_x, T).
pub fn p_alive(p: &ParetoNbdParams, x: f64, tx: f64, t: f64) -> f64 {
    let ParetoNbdParams { r, alpha, s, beta } = *p;
    let Some(la0) = ln_a0(p, x, tx, t) else {
        return f64::NAN;
    };
    let log_odds = s.ln() - (r + s + x).ln() + (r + x) * (alpha + t).ln() + s * (beta + t).ln() + la0;
    1.0 / (1.0 + log_odds.exp())
}

/// (1 − (u/(u+t))^(s−1)) / (s−1), continuous through s = 1 where it is ln((u+t)/u).
fn survival_integral(s: f64, u: f64, t: f64) -> f64 {
    let l = ((u + t) / u).ln();
    if (s - 1.0).abs() < 1e-8 {
        l
    } else {
        // 1 − e^(−(s−1)·l) over s−1, with exp_m1 for accuracy when s−1 is small.
        -(-(s - 1.0) * l).exp_m1() / (s - 1.0)
    }
}

/// E[Y(t) | x, t_x, T]: expected repeat occasions in the next `t`.
pub fn expected_purchases(p: &ParetoNbdParams, t_ahead: f64, x: f64, tx: f64, t: f64) -> f64 {
    let ParetoNbdParams { r, alpha, s, beta } = *p;
    (r + x) * (beta + t) / (alpha + t) * survival_integral(s, beta + t, t_ahead) * p_alive(p, x, tx, t)
}

/// E[X(t)]: expected repeat occasions of a new customer in its first `t`.
pub fn expected_population(p: &ParetoNbdParams, t: f64) -> f64 {
    let ParetoNbdParams { r, alpha, s, beta } = *p;
    r * beta / alpha * survival_integral(s, beta, t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerances::{HAND_COMPUTED_ABS, IDENTITY_REL, NUMERICAL_LIMIT_REL};

    /// The CDNOW estimates Fader, Hardie & Lee (2005) report for Pareto/NBD beside their BG/NBD fit.
    const CDNOW: ParetoNbdParams = ParetoNbdParams { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

    /// The likelihood written as Fader & Hardie's integral form, L = Γ(r+x)α^r β^s/Γ(r) ·
    /// [ (α+T)^−(r+x) (β+T)^−s + s ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ ] (note 009, §3),
    /// evaluated with a 200,000-step Simpson rule: an independent route that uses no ₂F₁.
    fn ll_by_quadrature(p: &ParetoNbdParams, x: f64, tx: f64, t: f64) -> f64 {
        let ParetoNbdParams { r, alpha, s, beta } = *p;
        let g = |tau: f64| (alpha + tau).powf(-(r + x)) * (beta + tau).powf(-(s + 1.0));
        let n = 200_000;
        let h = (t - tx) / n as f64;
        let mut acc = g(tx) + g(t);
        for k in 1..n {
            acc += g(tx + k as f64 * h) * if k % 2 == 1 { 4.0 } else { 2.0 };
        }
        let integral = acc * h / 3.0;
        let head = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + s * beta.ln();
        head + ((alpha + t).powf(-(r + x)) * (beta + t).powf(-s) + s * integral).ln()
    }

    #[test]
    fn closed_form_likelihood_equals_the_integral_form() {
        let other = ParetoNbdParams { r: 1.2, alpha: 3.0, s: 2.5, beta: 40.0 };
        let tiny_beta = ParetoNbdParams { r: 0.4, alpha: 25.0, s: 0.3, beta: 0.2 };
        for p in [CDNOW, other, tiny_beta] {
            for (x, tx, t) in [(0.0, 0.0, 38.86), (2.0, 30.43, 38.86), (1.0, 1.71, 38.86), (7.0, 29.43, 38.86), (25.0, 3.0, 70.0)] {
                let got = log_likelihood_one(&p, x, tx, t).unwrap();
                let want = ll_by_quadrature(&p, x, tx, t);
                assert!((got - want).abs() < IDENTITY_REL * want.abs(), "{p:?} x={x} tx={tx} T={t}: {got} vs {want}");
            }
        }
    }

    #[test]
    fn the_cached_pass_equals_the_plain_per_customer_formula() {
        let triples = [(0.0, 0.0, 38.86), (2.0, 30.43, 38.86), (1.0, 1.71, 38.86), (7.0, 29.43, 38.86), (2.0, 30.43, 38.86), (3.0, 0.5, 20.0)];
        let d = RepeatData::from_triples(triples);
        for p in [CDNOW, ParetoNbdParams { r: 1.2, alpha: 3.0, s: 2.5, beta: 40.0 }, ParetoNbdParams { r: 0.4, alpha: 25.0, s: 0.3, beta: 0.2 }] {
            let want: f64 = triples.iter().map(|&(x, tx, t)| log_likelihood_one(&p, x, tx, t).unwrap()).sum();
            let got = log_likelihood(&p, &d);
            assert!((got - want).abs() < IDENTITY_REL * want.abs(), "{p:?}: {got} vs {want}");
        }
    }

    #[test]
    fn analytic_gradient_matches_finite_differences() {
        use crate::models::fitting::numeric_gradient;
        use crate::tolerances::GRADIENT_REL;
        let d = RepeatData::from_triples([(0.0, 0.0, 38.86), (2.0, 30.43, 38.86), (1.0, 1.71, 38.86), (7.0, 29.43, 38.86), (3.0, 0.5, 20.0), (1.0, 20.0, 20.0)]);
        let obj = NegLogLik(&d);
        // α > β, α < β, and β ≪ α (z near 1).
        for p in [CDNOW, ParetoNbdParams { r: 1.2, alpha: 3.0, s: 2.5, beta: 40.0 }, ParetoNbdParams { r: 0.4, alpha: 25.0, s: 0.3, beta: 0.2 }] {
            let theta = [p.r.ln(), p.alpha.ln(), p.s.ln(), p.beta.ln()];
            let g = obj.gradient(&theta);
            let n = numeric_gradient(&obj, &theta, 1e-6);
            for k in 0..4 {
                assert!((g[k] - n[k]).abs() <= GRADIENT_REL * n[k].abs().max(1e-3), "{p:?} k={k}: {g:?} vs {n:?}");
            }
        }
    }

    #[test]
    fn a_purchase_today_means_no_death_term() {
        let l = log_likelihood_one(&CDNOW, 3.0, 20.0, 20.0).unwrap();
        let want = ln_gamma(3.553) - ln_gamma(0.553) + 0.553 * 10.578f64.ln() + 0.606 * 11.669f64.ln()
            - 3.553 * 30.578f64.ln()
            - 0.606 * 31.669f64.ln();
        assert!((l - want).abs() < HAND_COMPUTED_ABS);
        assert_eq!(p_alive(&CDNOW, 3.0, 20.0, 20.0), 1.0);
    }

    /// P(alive) is the share of the likelihood in the "still alive" term: check it against the
    /// quadrature route, where that share is computed directly.
    #[test]
    fn p_alive_is_the_alive_share_of_the_likelihood() {
        let (x, tx, t) = (2.0, 10.0, 38.86);
        let ParetoNbdParams { r, alpha, s, beta } = CDNOW;
        let alive = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + s * beta.ln() - (r + x) * (alpha + t).ln() - s * (beta + t).ln();
        let want = (alive - ll_by_quadrature(&CDNOW, x, tx, t)).exp();
        assert!((p_alive(&CDNOW, x, tx, t) - want).abs() < IDENTITY_REL);
    }

    #[test]
    fn expectations_are_continuous_through_s_equal_one() {
        let at = |s: f64| ParetoNbdParams { r: 0.5, alpha: 10.0, s, beta: 12.0 };
        let (below, on, above) =
            (expected_population(&at(1.0 - 1e-6), 39.0), expected_population(&at(1.0), 39.0), expected_population(&at(1.0 + 1e-6), 39.0));
        assert!((below - on).abs() < NUMERICAL_LIMIT_REL * on && (above - on).abs() < NUMERICAL_LIMIT_REL * on, "{below} {on} {above}");
        // E[X(t)] at s = 1: r β/α · ln((β+t)/β), by hand.
        assert!((on - 0.5 * 12.0 / 10.0 * (51.0f64 / 12.0).ln()).abs() < HAND_COMPUTED_ABS);
        let y = expected_purchases(&at(1.0), 52.0, 2.0, 30.0, 39.0);
        let y2 = expected_purchases(&at(1.0 + 1e-7), 52.0, 2.0, 30.0, 39.0);
        assert!((y - y2).abs() < NUMERICAL_LIMIT_REL * y, "{y} vs {y2}");
    }
}
