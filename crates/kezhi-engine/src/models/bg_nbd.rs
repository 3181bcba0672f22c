//! BG/NBD: Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way: An Alternative to the
//! Pareto/NBD Model", Marketing Science 24(2), 275–284 (docs/methods.md §2a).
//!
//! Per customer with x repeat occasions, the last at t_x, observed for T (eq. 6, in logs):
//!   A₁ = ln Γ(r+x) − ln Γ(r) + r ln α
//!   A₂ = ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x)
//!   A₃ = −(r+x) ln(α+T)
//!   A₄ = ln a − ln(b+x−1) − (r+x) ln(α+t_x)        (x > 0 only)
//!   ln L = A₁ + A₂ + ln(e^A₃ + [x>0] e^A₄)
//! P(alive) = 1 / (1 + [x>0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x))   (eq. 11)
//! E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
//!                       / (1 + [x>0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x))   (eq. 10)
//! E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))]   (eq. 9)
//! P(X(t) = x) = B(a, b+x)/B(a, b) · Γ(r+x)/(Γ(r) x!) · (α/(α+t))^r (t/(α+t))^x
//!   + [x>0] B(a+1, b+x−1)/B(a, b) · [1 − (α/(α+t))^r Σ_{j<x} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j]   (eq. 8)
//!
//! E[Y(t)] and E[X(t)] have a removable singularity at a = 1 (0/0); there they are evaluated as the
//! mean of the values at a = 1 ± 1e-4 (error O(1e-8) relative, since both are smooth in a).

use serde::{Deserialize, Serialize};
use statrs::function::gamma::{digamma, ln_gamma};

use crate::models::fitting::{Deadline, Outcome, mean_negative_in_logs, minimise, multi_start, standard_errors_in_logs, Objective, SUBSAMPLE_ROWS};
use crate::models::hypergeometric::hyp2f1;
use crate::models::repeat_data::RepeatData;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BgNbdParams {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

impl BgNbdParams {
    fn from_log(theta: &[f64]) -> BgNbdParams {
        BgNbdParams { r: theta[0].exp(), alpha: theta[1].exp(), a: theta[2].exp(), b: theta[3].exp() }
    }
}

/// ln L and its gradient in (r, α, a, b) for one customer: the formula written out plainly, kept
/// as the reference the cached pass is tested against.
#[cfg(test)]
fn ll_one(p: &BgNbdParams, x: f64, tx: f64, t: f64) -> (f64, [f64; 4]) {
    let BgNbdParams { r, alpha, a, b } = *p;
    let a1 = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln();
    let a2 = ln_gamma(a + b) + ln_gamma(b + x) - ln_gamma(b) - ln_gamma(a + b + x);
    let a3 = -(r + x) * (alpha + t).ln();
    let d1 = [digamma(r + x) - digamma(r) + alpha.ln(), r / alpha, 0.0, 0.0];
    let d2 = [0.0, 0.0, digamma(a + b) - digamma(a + b + x), digamma(a + b) + digamma(b + x) - digamma(b) - digamma(a + b + x)];
    let d3 = [-(alpha + t).ln(), -(r + x) / (alpha + t), 0.0, 0.0];
    if x > 0.0 {
        let a4 = a.ln() - (b + x - 1.0).ln() - (r + x) * (alpha + tx).ln();
        let d4 = [-(alpha + tx).ln(), -(r + x) / (alpha + tx), 1.0 / a, -1.0 / (b + x - 1.0)];
        let m = a3.max(a4);
        let (e3, e4) = ((a3 - m).exp(), (a4 - m).exp());
        let lse = m + (e3 + e4).ln();
        let (w3, w4) = (e3 / (e3 + e4), e4 / (e3 + e4));
        let g = std::array::from_fn(|i| d1[i] + d2[i] + w3 * d3[i] + w4 * d4[i]);
        (a1 + a2 + lse, g)
    } else {
        (a1 + a2 + a3, std::array::from_fn(|i| d1[i] + d2[i] + d3[i]))
    }
}

/// Total log-likelihood of the data.
pub fn log_likelihood(p: &BgNbdParams, d: &RepeatData) -> f64 {
    ll_and_gradient(p, d, false).0
}

/// ln L and its gradient in (r, α, a, b) over all customers, with every term that depends on one of
/// x, t_x or T alone computed once per distinct value (measured: 10× faster on 113k customers than
/// per-customer special functions). `ll_one` is the per-customer reference it is tested against.
fn ll_and_gradient(p: &BgNbdParams, d: &RepeatData, with_gradient: bool) -> (f64, [f64; 4]) {
    let BgNbdParams { r, alpha, a, b } = *p;
    let u = &d.distinct;
    let (ln_alpha, lg_r, lg_b, lg_ab) = (alpha.ln(), ln_gamma(r), ln_gamma(b), ln_gamma(a + b));
    let (dg_r, dg_b, dg_ab) = if with_gradient { (digamma(r), digamma(b), digamma(a + b)) } else { (0.0, 0.0, 0.0) };
    // Per distinct x: the x-only parts of A₁, A₂ and A₄ and their derivatives.
    struct XTerm {
        a12: f64,
        ln_a_bx1: f64,
        d_r: f64,
        d_a: f64,
        d_b: f64,
        d_b4: f64,
    }
    let xt: Vec<XTerm> =
        u.x.iter()
            .map(|&x| {
                let a12 = ln_gamma(r + x) - lg_r + r * ln_alpha + lg_ab + ln_gamma(b + x) - lg_b - ln_gamma(a + b + x);
                let ln_a_bx1 = if x > 0.0 { a.ln() - (b + x - 1.0).ln() } else { 0.0 };
                if !with_gradient {
                    return XTerm { a12, ln_a_bx1, d_r: 0.0, d_a: 0.0, d_b: 0.0, d_b4: 0.0 };
                }
                let dg_abx = digamma(a + b + x);
                XTerm {
                    a12,
                    ln_a_bx1,
                    d_r: digamma(r + x) - dg_r + ln_alpha,
                    d_a: dg_ab - dg_abx,
                    d_b: dg_ab + digamma(b + x) - dg_b - dg_abx,
                    d_b4: if x > 0.0 { -1.0 / (b + x - 1.0) } else { 0.0 },
                }
            })
            .collect();
    let ln_t: Vec<f64> = u.t.iter().map(|t| (alpha + t).ln()).collect();
    let ln_tx: Vec<f64> = u.tx.iter().map(|t| (alpha + t).ln()).collect();
    let (mut ll, mut g) = (0.0, [0.0; 4]);
    for i in 0..d.x.len() {
        let (w, x) = (d.weight[i], d.x[i]);
        let xi = &xt[u.ix[i] as usize];
        let it = u.it[i] as usize;
        let a3 = -(r + x) * ln_t[it];
        let (lse, w4) = if x > 0.0 {
            let a4 = xi.ln_a_bx1 - (r + x) * ln_tx[u.itx[i] as usize];
            // ln(e^A₃ + e^A₄) = A₃ + ln(1 + e^(A₄−A₃)), taken from the larger side for stability.
            let diff = a4 - a3;
            if diff > 0.0 {
                (a4 + (-diff).exp().ln_1p(), 1.0 / (1.0 + (-diff).exp()))
            } else {
                (a3 + diff.exp().ln_1p(), diff.exp() / (1.0 + diff.exp()))
            }
        } else {
            (a3, 0.0)
        };
        ll += w * (xi.a12 + lse);
        if with_gradient {
            let w3 = 1.0 - w4;
            let (t, tx) = (u.t[it], u.tx[u.itx[i] as usize]);
            let d3 = [-ln_t[it], -(r + x) / (alpha + t)];
            let d4 = [-ln_tx[u.itx[i] as usize], -(r + x) / (alpha + tx)];
            g[0] += w * (xi.d_r + w3 * d3[0] + w4 * d4[0]);
            g[1] += w * (r / alpha + w3 * d3[1] + w4 * d4[1]);
            g[2] += w * (xi.d_a + w4 / a);
            g[3] += w * (xi.d_b + w4 * xi.d_b4);
        }
    }
    (ll, g)
}

/// Mean negative log-likelihood over log-parameters (what the optimiser minimises).
pub struct NegLogLik<'a>(pub &'a RepeatData);

impl Objective for NegLogLik<'_> {
    fn value(&self, theta: &[f64]) -> f64 {
        let p = BgNbdParams::from_log(theta);
        -log_likelihood(&p, self.0) / self.0.customers()
    }

    fn gradient(&self, theta: &[f64]) -> Vec<f64> {
        self.value_and_gradient(theta).1
    }

    fn value_and_gradient(&self, theta: &[f64]) -> (f64, Vec<f64>) {
        let p = BgNbdParams::from_log(theta);
        let (ll, g) = ll_and_gradient(&p, self.0, true);
        mean_negative_in_logs(ll, &g, &[p.r, p.alpha, p.a, p.b], self.0.customers())
    }

    fn joint_is_cheap(&self) -> bool {
        true
    }

    /// On the mean log-likelihood: at this gradient the total log-likelihood of 100k customers is
    /// within ~1e-7 of its maximum (n·g²/2h), far inside the 1e-6 relative the benchmark holds it to.
    /// A smaller tolerance is below what the mean's rounding lets a line search see: the search then
    /// spends halving steps whose gain is lost in the sum's last bits (docs/performance.md, "Measurements behind the code").
    fn gradient_tolerance(&self) -> f64 {
        1e-6
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BgNbdFit {
    pub params: BgNbdParams,
    /// Standard errors of r, α, a, b from the inverse Hessian of the log-likelihood (delta method
    /// from log-parameters); `None` when the Hessian is not invertible at the estimate.
    pub standard_errors: Option<BgNbdParams>,
    pub log_likelihood: f64,
    pub iterations: u64,
    pub converged: bool,
    /// How the search ended (`fitting::Outcome`): converged, stalled, out of budget, or run off
    /// toward a limit of the model.
    pub outcome: Outcome,
    pub method: crate::models::fitting::Method,
}

/// Fits r, α, a, b by maximum likelihood from several starting points, within the evaluation budget
/// (`fitting::MAX_EVALUATIONS`) and, when given, a deadline.
pub fn fit(d: &RepeatData, deadline: Option<Deadline<'_>>) -> Option<BgNbdFit> {
    let m = maximise(d, deadline)?;
    let params = BgNbdParams::from_log(&m.theta);
    let obj = NegLogLik(d);
    // Standard errors only where the search ended by itself: at a limit the Hessian is singular, and a
    // fit out of its budget has no time for eight more gradients on all the data.
    let standard_errors = m.ended_by_itself().then(|| standard_errors_in_logs(&obj, &m.theta, d.customers())).flatten().map(|se| BgNbdParams { r: se[0], alpha: se[1], a: se[2], b: se[3] });
    Some(BgNbdFit {
        params,
        standard_errors,
        log_likelihood: log_likelihood(&params, d),
        iterations: m.iterations,
        converged: m.converged,
        outcome: m.outcome,
        method: m.method,
    })
}

/// The parameters of [`fit`] alone, for a refit whose standard errors nobody reads (the lifecycle's
/// P(alive) back then): the same optimum without the Hessian's eight gradient evaluations on all
/// the data.
fn fit_params(d: &RepeatData) -> Option<BgNbdParams> {
    maximise(d, None).map(|m| BgNbdParams::from_log(&m.theta))
}

/// [`fit_params`] on data close to those `near` was fitted on (the same customers' occasions up to
/// an earlier date, for the lifecycle's P(alive) back then): L-BFGS on all the data from `near`,
/// instead of [`fit`]'s three starts on a subsample and a polish; [`fit_params`] when that does not
/// converge. The lifecycle refits once per period boundary, so the starts' cost counts
/// (docs/performance.md, "Measurements behind the code").
pub fn refit_params(d: &RepeatData, near: &BgNbdParams) -> Option<BgNbdParams> {
    if d.x.is_empty() {
        return None;
    }
    let start = vec![near.r.ln(), near.alpha.ln(), near.a.ln(), near.b.ln()];
    minimise(&NegLogLik(d), &[start], None)
        .filter(|m| m.converged)
        .map(|m| BgNbdParams::from_log(&m.theta))
        .or_else(|| fit_params(d))
}

fn maximise(d: &RepeatData, deadline: Option<Deadline<'_>>) -> Option<crate::models::fitting::Minimum> {
    if d.x.is_empty() {
        return None;
    }
    let mean_t = d.t.iter().zip(&d.weight).map(|(t, w)| t * w).sum::<f64>() / d.customers();
    let ln = f64::ln;
    let starts = vec![
        vec![0.0, 0.0, 0.0, 0.0],
        vec![ln(0.5), ln(mean_t.max(1.0) / 4.0), ln(0.8), ln(2.5)],
        vec![ln(2.0), ln(mean_t.max(1.0)), ln(2.0), ln(5.0)],
    ];
    let obj = NegLogLik(d);
    let sub = d.subsample(SUBSAMPLE_ROWS);
    multi_start(&obj, sub.as_ref().map(NegLogLik).as_ref(), &starts, deadline)
}

/// P(alive | x, t_x, T), eq. (11).
pub fn p_alive(p: &BgNbdParams, x: f64, tx: f64, t: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    let log_ratio = (p.r + x) * ((p.alpha + t).ln() - (p.alpha + tx).ln());
    let odds = (p.a / (p.b + x - 1.0)).ln() + log_ratio;
    1.0 / (1.0 + odds.exp())
}

/// Half-width of the step around a = 1 (see the module doc).
const A_ONE_STEP: f64 = 1e-4;

/// Evaluates `f` at `p`, or at a = 1 ± `A_ONE_STEP` averaged when a is within that step of 1.
fn around_a_one(p: &BgNbdParams, f: impl Fn(&BgNbdParams) -> f64) -> f64 {
    if (p.a - 1.0).abs() >= A_ONE_STEP {
        return f(p);
    }
    let lo = BgNbdParams { a: 1.0 - A_ONE_STEP, ..*p };
    let hi = BgNbdParams { a: 1.0 + A_ONE_STEP, ..*p };
    (f(&lo) + f(&hi)) / 2.0
}

/// E[Y(t) | x, t_x, T]: expected repeat occasions in the next `t`, eq. (10). For a < 1 both the
/// leading ratio and the bracket are negative and the product stays positive.
pub fn expected_purchases(p: &BgNbdParams, t_ahead: f64, x: f64, tx: f64, t: f64) -> f64 {
    around_a_one(p, |p| unconditional_part(p, t_ahead, x, t) / alive_odds_term(p, x, tx, t))
}

/// Eq. (10)'s numerator, (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(…)]: it depends on x and T,
/// not on t_x.
fn unconditional_part(p: &BgNbdParams, t_ahead: f64, x: f64, t: f64) -> f64 {
    let BgNbdParams { r, alpha, a, b } = *p;
    let z = t_ahead / (alpha + t + t_ahead);
    let h = hyp2f1(r + x, b + x, a + b + x - 1.0, z).value;
    let head = (a + b + x - 1.0) / (a - 1.0);
    let bracket = 1.0 - ((alpha + t) / (alpha + t + t_ahead)).powf(r + x) * h;
    head * bracket
}

/// Eq. (10)'s denominator, 1 + [x>0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x) (= 1 / P(alive)).
fn alive_odds_term(p: &BgNbdParams, x: f64, tx: f64, t: f64) -> f64 {
    let BgNbdParams { r, alpha, a, b } = *p;
    if x > 0.0 { 1.0 + a / (b + x - 1.0) * ((alpha + t) / (alpha + tx)).powf(r + x) } else { 1.0 }
}

/// E[Y(t) | x, t_x, T] at several horizons t for many customers: `expected_purchases`, with eq. (10)'s
/// numerator — the ₂F₁ series, the costly part — computed once per distinct (x, T) and horizon and
/// reused, since it does not depend on t_x. 100,000 demo customers have 21,488 distinct (x, T), and
/// CLV needs 12 monthly horizons each. The values equal `expected_purchases` bit for bit (the same
/// operations in the same order; tested).
pub struct ExpectedPurchases {
    variants: Variants,
    aheads: Vec<f64>,
    /// Per (x, T): the numerator for each variant, then each horizon.
    numerators: rustc_hash::FxHashMap<(u64, u64), Vec<f64>>,
}

/// The parameters, or the two either side of a = 1 whose results are averaged (`around_a_one`).
enum Variants {
    One(BgNbdParams),
    AroundAOne(BgNbdParams, BgNbdParams),
}

impl ExpectedPurchases {
    pub fn new(p: &BgNbdParams, aheads: &[f64]) -> ExpectedPurchases {
        let variants = if (p.a - 1.0).abs() >= A_ONE_STEP {
            Variants::One(*p)
        } else {
            Variants::AroundAOne(BgNbdParams { a: 1.0 - A_ONE_STEP, ..*p }, BgNbdParams { a: 1.0 + A_ONE_STEP, ..*p })
        };
        ExpectedPurchases { variants, aheads: aheads.to_vec(), numerators: Default::default() }
    }

    /// E[Y(t) | x, t_x, T] for each horizon given to `new`, in that order, into `out`.
    pub fn fill(&mut self, x: f64, tx: f64, t: f64, out: &mut Vec<f64>) {
        let (variants, aheads) = (&self.variants, &self.aheads);
        let numerators = |p: &BgNbdParams| aheads.iter().map(|&h| unconditional_part(p, h, x, t)).collect::<Vec<f64>>();
        let num = self.numerators.entry((x.to_bits(), t.to_bits())).or_insert_with(|| match variants {
            Variants::One(p) => numerators(p),
            Variants::AroundAOne(lo, hi) => [numerators(lo), numerators(hi)].concat(),
        });
        out.clear();
        match variants {
            Variants::One(p) => {
                let denom = alive_odds_term(p, x, tx, t);
                out.extend(num.iter().map(|n| n / denom));
            }
            Variants::AroundAOne(lo, hi) => {
                let (d_lo, d_hi) = (alive_odds_term(lo, x, tx, t), alive_odds_term(hi, x, tx, t));
                let k = aheads.len();
                out.extend((0..k).map(|j| (num[j] / d_lo + num[k + j] / d_hi) / 2.0));
            }
        }
    }
}

/// E[X(t)]: expected repeat occasions of a new customer in its first `t`, eq. (9).
pub fn expected_population(p: &BgNbdParams, t: f64) -> f64 {
    around_a_one(p, |p| {
        let BgNbdParams { r, alpha, a, b } = *p;
        let h = hyp2f1(r, b, a + b - 1.0, t / (alpha + t)).value;
        (a + b - 1.0) / (a - 1.0) * (1.0 - (alpha / (alpha + t)).powf(r) * h)
    })
}

fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// P(X(t) = x): the probability that a new customer makes exactly `x` repeat occasions in its
/// first `t`, eq. (8). Used for the repeat-purchase histogram (docs/methods.md §2d).
pub fn prob_repeats(p: &BgNbdParams, x: u32, t: f64) -> f64 {
    let BgNbdParams { r, alpha, a, b } = *p;
    let xf = f64::from(x);
    let (ln_p0, ln_q) = ((alpha / (alpha + t)).ln(), (t / (alpha + t)).ln());
    let ln_b_ab = ln_beta(a, b);
    // ln of Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j, the NBD probability of j events by t.
    let ln_nbd = |j: f64| ln_gamma(r + j) - ln_gamma(r) - ln_gamma(j + 1.0) + r * ln_p0 + if j > 0.0 { j * ln_q } else { 0.0 };
    let first = (ln_beta(a, b + xf) - ln_b_ab + ln_nbd(xf)).exp();
    if x == 0 {
        return first;
    }
    let below: f64 = (0..x).map(|j| ln_nbd(f64::from(j)).exp()).sum();
    first + (ln_beta(a + 1.0, b + xf - 1.0) - ln_b_ab).exp() * (1.0 - below).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::fitting::numeric_gradient;
    use crate::tolerances::{GRADIENT_REL, HAND_COMPUTED_ABS, IDENTITY_REL, NUMERICAL_LIMIT_REL};

    const FHL: BgNbdParams = BgNbdParams { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

    #[test]
    fn analytic_gradient_matches_finite_differences() {
        let d = RepeatData::from_triples([(0.0, 0.0, 38.86), (2.0, 30.43, 38.86), (1.0, 1.71, 38.86), (7.0, 29.43, 38.86)]);
        let obj = NegLogLik(&d);
        for theta in [vec![0.0, 0.0, 0.0, 0.0], vec![-1.4, 1.5, -0.23, 0.89], vec![0.7, 2.0, 1.1, -0.5]] {
            let g = obj.gradient(&theta);
            let n = numeric_gradient(&obj, &theta, 1e-6);
            for k in 0..4 {
                assert!((g[k] - n[k]).abs() <= GRADIENT_REL * n[k].abs().max(1e-3), "k={k}: {g:?} vs {n:?}");
            }
        }
    }

    /// P(alive) by hand for FHL's parameters, x = 2, t_x = 30.43, T = 38.86:
    /// odds = a/(b+x−1) · ((α+T)/(α+t_x))^(r+x) = 0.793/3.426 · (43.274/34.844)^2.243
    ///      = 0.2314652 · 1.6258 … → P = 1/(1+odds), evaluated in Python with math.* only.
    #[test]
    fn p_alive_matches_a_hand_computation() {
        let odds = 0.793f64 / 3.426 * (43.274f64 / 34.844).powf(2.243);
        assert!((p_alive(&FHL, 2.0, 30.43, 38.86) - 1.0 / (1.0 + odds)).abs() < HAND_COMPUTED_ABS);
        assert_eq!(p_alive(&FHL, 0.0, 0.0, 38.86), 1.0);
    }

    /// E[Y(t)] by hand where ₂F₁ has a closed form (Abramowitz & Stegun 15.1.3 and 15.1.8):
    /// - r = 1, a = 2, b = 1, x = 0: ₂F₁(1, 1; 2; z) = −ln(1−z)/z. With α = 2, T = 3, t = 5, z = 0.5
    ///   and (α+T)/(α+T+t) = 1−z, so E[Y] = 2 · [1 − (1−z)(−ln(1−z))/z] = 2(1 − ln 2).
    /// - r = 2, a = 2, b = 1, x = 1, t_x = 1: ₂F₁(3, 2; 3; z) = (1−z)^−2, the bracket is z = 0.5, the
    ///   head (a+b+x−1)/(a−1) = 3 and the denominator 1 + 2·(5/3)³ = 277/27: E[Y] = 1.5 · 27/277.
    #[test]
    fn expected_purchases_match_hand_computations() {
        let p = BgNbdParams { r: 1.0, alpha: 2.0, a: 2.0, b: 1.0 };
        assert!((expected_purchases(&p, 5.0, 0.0, 0.0, 3.0) - 2.0 * (1.0 - 2f64.ln())).abs() < HAND_COMPUTED_ABS);
        let p = BgNbdParams { r: 2.0, alpha: 2.0, a: 2.0, b: 1.0 };
        assert!((expected_purchases(&p, 5.0, 1.0, 1.0, 3.0) - 1.5 * 27.0 / 277.0).abs() < HAND_COMPUTED_ABS);
    }

    /// The shared-(x, T) table gives `expected_purchases` bit for bit, away from a = 1 and within the
    /// step around it (where both average two variants), for customers sharing (x, T) with different
    /// t_x and sharing x with different T.
    #[test]
    fn expected_purchases_table_equals_the_formula_exactly() {
        let aheads = [52.0, 4.345, 8.69, 13.035];
        let customers =
            [(0.0, 0.0, 38.86), (2.0, 30.43, 38.86), (2.0, 12.0, 38.86), (7.0, 29.43, 38.86), (1.0, 1.71, 20.0), (2.0, 30.43, 38.86), (2.0, 10.0, 20.0)];
        for p in [FHL, BgNbdParams { a: 1.0 + A_ONE_STEP / 2.0, ..FHL }, BgNbdParams { r: 1.3, alpha: 0.7, a: 2.2, b: 0.4 }] {
            let mut table = ExpectedPurchases::new(&p, &aheads);
            let mut out = Vec::new();
            for (x, tx, t) in customers {
                table.fill(x, tx, t, &mut out);
                let plain: Vec<f64> = aheads.iter().map(|&h| expected_purchases(&p, h, x, tx, t)).collect();
                assert_eq!(out, plain, "{p:?} at {x}, {tx}, {t}");
            }
            assert_eq!(table.numerators.len(), 5, "one entry per distinct (x, T)");
        }
    }

    #[test]
    fn the_cached_pass_equals_the_plain_per_customer_formula() {
        let triples =
            [(0.0, 0.0, 38.86), (2.0, 30.43, 38.86), (1.0, 1.71, 38.86), (7.0, 29.43, 38.86), (2.0, 30.43, 38.86), (3.0, 0.5, 20.0)];
        let d = RepeatData::from_triples(triples);
        for p in [FHL, BgNbdParams { r: 1.3, alpha: 0.7, a: 2.2, b: 0.4 }] {
            let (ll, g) = ll_and_gradient(&p, &d, true);
            let (mut ll_ref, mut g_ref) = (0.0, [0.0; 4]);
            for (x, tx, t) in triples {
                let (l, gi) = ll_one(&p, x, tx, t);
                ll_ref += l;
                for k in 0..4 {
                    g_ref[k] += gi[k];
                }
            }
            assert!((ll - ll_ref).abs() < IDENTITY_REL * ll_ref.abs());
            for k in 0..4 {
                assert!((g[k] - g_ref[k]).abs() < IDENTITY_REL * g_ref[k].abs().max(1.0), "{g:?} vs {g_ref:?}");
            }
        }
    }

    /// The pmf (eq. 8) and the mean (eq. 9) are computed by different routes (incomplete NBD sums
    /// and ₂F₁): the pmf must sum to 1 and its mean must equal E[X(t)].
    #[test]
    fn repeat_pmf_sums_to_one_and_its_mean_is_the_population_expectation() {
        for p in [FHL, BgNbdParams { r: 1.3, alpha: 0.7, a: 2.2, b: 0.4 }, BgNbdParams { r: 0.5, alpha: 3.0, a: 1.0, b: 2.0 }] {
            for t in [1.0, 39.0, 78.0] {
                let probs: Vec<f64> = (0..2000).map(|k| prob_repeats(&p, k, t)).collect();
                let total: f64 = probs.iter().sum();
                let mean: f64 = probs.iter().enumerate().map(|(k, q)| k as f64 * q).sum();
                assert!((total - 1.0).abs() < IDENTITY_REL, "{p:?} t={t}: Σ = {total}");
                let want = expected_population(&p, t);
                assert!(((mean - want) / want).abs() < NUMERICAL_LIMIT_REL, "{p:?} t={t}: mean {mean} vs E[X(t)] {want}");
            }
        }
    }

    /// At a = 1 exactly, E[X(t)] has a limit; it must sit between the values just either side.
    #[test]
    fn expectations_are_continuous_through_a_equal_one() {
        let at = |a: f64| BgNbdParams { r: 0.5, alpha: 3.0, a, b: 2.0 };
        let (lo, on, hi) =
            (expected_population(&at(0.99), 39.0), expected_population(&at(1.0), 39.0), expected_population(&at(1.01), 39.0));
        assert!(on.is_finite() && (lo - on) * (on - hi) > 0.0, "{lo} {on} {hi}");
        let y = expected_purchases(&at(1.0), 39.0, 2.0, 20.0, 39.0);
        let (ylo, yhi) = (expected_purchases(&at(0.99), 39.0, 2.0, 20.0, 39.0), expected_purchases(&at(1.01), 39.0, 2.0, 20.0, 39.0));
        assert!(y.is_finite() && (ylo - y) * (y - yhi) > 0.0, "{ylo} {y} {yhi}");
    }
}
