//! Maximum-likelihood fitting with `argmin`: L-BFGS (Armijo backtracking line search) from several starting
//! points, falling back to Nelder-Mead when the gradient method fails. Models minimise the mean
//! negative log-likelihood over log-parameters, so every parameter stays positive.

use argmin::core::{CostFunction, Executor, Gradient, State, TerminationReason};
use argmin::solver::linesearch::condition::ArmijoCondition;
use argmin::solver::linesearch::BacktrackingLineSearch;
use argmin::solver::neldermead::NelderMead;
use argmin::solver::quasinewton::LBFGS;
use serde::{Deserialize, Serialize};

/// A smooth objective to minimise, with its gradient.
pub trait Objective {
    fn value(&self, theta: &[f64]) -> f64;
    fn gradient(&self, theta: &[f64]) -> Vec<f64>;
    /// Value and gradient together; override when one pass computes both more cheaply.
    fn value_and_gradient(&self, theta: &[f64]) -> (f64, Vec<f64>) {
        (self.value(theta), self.gradient(theta))
    }
    /// True when `value_and_gradient` costs little more than `value`: every cost evaluation then
    /// computes the gradient too, ready for the optimiser's next call.
    fn joint_is_cheap(&self) -> bool {
        false
    }
    /// Gradient norm (of the mean negative log-likelihood) at which L-BFGS counts as converged.
    fn gradient_tolerance(&self) -> f64 {
        1e-9
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Minimum {
    pub theta: Vec<f64>,
    pub value: f64,
    pub iterations: u64,
    pub converged: bool,
    /// "L-BFGS" or "Nelder-Mead".
    pub method: String,
}

/// argmin asks for the cost and the gradient at the same point in separate calls; the objective's
/// `value_and_gradient` computes both in one pass, so the last point's results are kept.
///
/// The objective is a trait object, so argmin's L-BFGS and Nelder-Mead are compiled once for all
/// models rather than once per model: measured on 2026-12-01, that took two copies each of the
/// solver and of [`minimise`] out of the worker's wasm, 1,524,642 → 1,466,067 bytes (gzipped only
/// 689,976 → 688,113: the copies were alike). A call through the vtable per evaluation is nothing
/// against an evaluation's pass over every customer.
struct Problem<'a> {
    obj: &'a dyn Objective,
    last: std::cell::RefCell<Option<Evaluated>>,
}

/// The last point evaluated: parameters, value and, once computed, gradient.
type Evaluated = (Vec<f64>, f64, Option<Vec<f64>>);

impl<'a> Problem<'a> {
    fn new(obj: &'a dyn Objective) -> Self {
        Problem { obj, last: Default::default() }
    }

    fn value(&self, p: &[f64]) -> f64 {
        if let Some((q, v, _)) = self.last.borrow().as_ref() {
            if q == p {
                return *v;
            }
        }
        let (v, g) = if self.obj.joint_is_cheap() {
            let (v, g) = self.obj.value_and_gradient(p);
            (v, Some(g))
        } else {
            (self.obj.value(p), None)
        };
        *self.last.borrow_mut() = Some((p.to_vec(), v, g));
        v
    }

    fn gradient(&self, p: &[f64]) -> Vec<f64> {
        let cached = match self.last.borrow().as_ref() {
            Some((q, v, g)) if q == p => Some((*v, g.clone())),
            _ => None,
        };
        let g = match cached {
            Some((_, Some(g))) => return g,
            Some((_, None)) => self.obj.gradient(p),
            None => {
                let (v, g) = self.obj.value_and_gradient(p);
                *self.last.borrow_mut() = Some((p.to_vec(), v, Some(g.clone())));
                return g;
            }
        };
        if let Some(last) = self.last.borrow_mut().as_mut() {
            last.2 = Some(g.clone());
        }
        g
    }
}

impl CostFunction for Problem<'_> {
    type Param = Vec<f64>;
    type Output = f64;
    fn cost(&self, p: &Vec<f64>) -> Result<f64, argmin::core::Error> {
        let v = self.value(p);
        Ok(if v.is_finite() { v } else { f64::MAX / 4.0 })
    }
}

impl Gradient for Problem<'_> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;
    fn gradient(&self, p: &Vec<f64>) -> Result<Vec<f64>, argmin::core::Error> {
        let g = Problem::gradient(self, p);
        if g.iter().all(|x| x.is_finite()) {
            Ok(g)
        } else {
            Err(argmin::core::Error::msg("gradient is not finite"))
        }
    }
}

/// L-BFGS from `start` with a backtracking (Armijo) line search, which needs only values at trial
/// points and usually takes the first. (Measured on 100k simulated customers: More-Thuente's
/// strong-Wolfe search spent 7.6 evaluations an iteration polishing BG/NBD, this one about 1.)
/// It stops when the gradient is below the objective's tolerance or an iteration changes the mean
/// negative log-likelihood by less than 1e-12: a mean over 1e5 customers of values near 10 carries
/// rounding of about 1e-13, so smaller changes are noise (was 1e-14; Gamma-Gamma at 100k customers
/// 40 → 30 ms in `kezhi score`, the log-likelihood the same to 1e-14 relative).
fn lbfgs(obj: &dyn Objective, start: &[f64]) -> Option<Minimum> {
    let search = BacktrackingLineSearch::new(ArmijoCondition::new(1e-4).ok()?).rho(0.5).ok()?;
    let solver = LBFGS::new(search, 10).with_tolerance_grad(obj.gradient_tolerance()).ok()?.with_tolerance_cost(1e-12).ok()?;
    let res = Executor::new(Problem::new(obj), solver).configure(|s| s.param(start.to_vec()).max_iters(1000)).run().ok()?;
    let st = res.state();
    let theta = st.get_best_param()?.clone();
    let value = obj.value(&theta);
    let converged = matches!(st.get_termination_reason(), Some(TerminationReason::SolverConverged));
    value.is_finite().then(|| Minimum { theta, value, iterations: st.get_iter(), converged, method: "L-BFGS".into() })
}

fn nelder_mead(obj: &dyn Objective, start: &[f64]) -> Option<Minimum> {
    let mut simplex = vec![start.to_vec()];
    for i in 0..start.len() {
        let mut v = start.to_vec();
        v[i] += 0.5;
        simplex.push(v);
    }
    let solver = NelderMead::new(simplex).with_sd_tolerance(1e-12).ok()?;
    let res = Executor::new(Problem::new(obj), solver).configure(|s| s.max_iters(5000)).run().ok()?;
    let st = res.state();
    let theta = st.get_best_param()?.clone();
    let value = obj.value(&theta);
    let converged = matches!(st.get_termination_reason(), Some(TerminationReason::SolverConverged));
    value.is_finite().then(|| Minimum { theta, value, iterations: st.get_iter(), converged, method: "Nelder-Mead".into() })
}

/// The best minimum over the starting points: L-BFGS from each; Nelder-Mead only when L-BFGS
/// converged from none of them, from the best point it reached. Once two starts have converged to
/// the same point (values within 1e-10 relative, log-parameters within 1e-4), the remaining starts are
/// skipped: they would only confirm it. `None` when nothing gave a finite value.
pub fn minimise(obj: &dyn Objective, starts: &[Vec<f64>]) -> Option<Minimum> {
    let mut converged: Vec<Minimum> = Vec::new();
    let mut stalled: Vec<Minimum> = Vec::new();
    for start in starts {
        match lbfgs(obj, start) {
            Some(m) if m.converged => {
                let agrees = |c: &Minimum| {
                    (c.value - m.value).abs() <= 1e-10 * m.value.abs().max(1e-300)
                        && c.theta.iter().zip(&m.theta).all(|(a, b)| (a - b).abs() <= 1e-4)
                };
                let confirmed = converged.iter().any(agrees);
                converged.push(m);
                if confirmed {
                    break;
                }
            }
            Some(m) => stalled.push(m),
            None => {}
        }
    }
    let lowest = |v: Vec<Minimum>| v.into_iter().min_by(|a, b| a.value.total_cmp(&b.value));
    if let Some(best) = lowest(converged) {
        return Some(best);
    }
    let from = lowest(stalled).map(|m| m.theta).or_else(|| starts.first().cloned())?;
    nelder_mead(obj, &from)
}

/// The models' objective from their log-likelihood: the mean negative log-likelihood over `n`
/// customers, and its gradient in the log-parameters from ∂ln L/∂θ (d/d ln θ = θ · d/dθ).
pub fn mean_negative_in_logs(ll: f64, grad: &[f64], params: &[f64], n: f64) -> (f64, Vec<f64>) {
    (-ll / n, grad.iter().zip(params).map(|(g, p)| -g * p / n).collect())
}

/// Standard errors of θ at the optimum `theta` (log-parameters) of a mean negative log-likelihood
/// over `n` customers: Cov(ln θ) = (n · H)⁻¹ and SE(θ) = θ · SE(ln θ) (delta method). `None` when
/// the Hessian is not invertible there.
pub fn standard_errors_in_logs<O: Objective>(obj: &O, theta: &[f64], n: f64) -> Option<Vec<f64>> {
    let inv = inverse_hessian(obj, theta, 1e-5)?;
    Some((0..theta.len()).map(|k| (inv[k][k] / n).sqrt() * theta[k].exp()).collect())
}

/// Rows of the subsample on which large fits try their starting points (see [`multi_start`]).
pub const SUBSAMPLE_ROWS: usize = 10_000;

/// The step k = ⌈rows / max_rows⌉ of a systematic subsample (every k-th row) of at most `max_rows`,
/// on which the fits try their starts; `None` when the data are small already.
pub fn subsample_step(rows: usize, max_rows: usize) -> Option<usize> {
    (max_rows > 0 && rows > max_rows).then(|| rows.div_ceil(max_rows))
}

/// Several starting points without paying for each on all the data: when `subsample` is given, the
/// starts are tried on it and only its best optimum is polished on the full objective (measured on
/// 100k simulated customers, BG/NBD: 122 full-data evaluations → 24); otherwise [`minimise`] on the
/// full objective from every start.
pub fn multi_start<O: Objective>(full: &O, subsample: Option<&O>, starts: &[Vec<f64>]) -> Option<Minimum> {
    let Some(sub) = subsample else { return minimise(full, starts) };
    match minimise(sub, starts) {
        Some(m) => minimise(full, &[m.theta]),
        None => minimise(full, starts),
    }
}

/// Inverse of the Hessian of `obj` at `theta`, from central differences of the analytic gradient,
/// symmetrised. `None` when it is singular or not positive on the diagonal (no minimum there).
///
/// Gauss-Jordan on a matrix of at most 4×4 is written out here rather than pulling a linear-algebra
/// crate (nalgebra) into the page's wasm for one small inverse.
#[allow(clippy::needless_range_loop)] // matrix code reads best with explicit indices
pub fn inverse_hessian<O: Objective>(obj: &O, theta: &[f64], h: f64) -> Option<Vec<Vec<f64>>> {
    let n = theta.len();
    let mut hess = vec![vec![0.0; n]; n];
    for j in 0..n {
        let (mut up, mut down) = (theta.to_vec(), theta.to_vec());
        up[j] += h;
        down[j] -= h;
        let (gu, gd) = (obj.gradient(&up), obj.gradient(&down));
        for i in 0..n {
            hess[i][j] = (gu[i] - gd[i]) / (2.0 * h);
        }
    }
    for i in 0..n {
        for j in 0..i {
            let m = (hess[i][j] + hess[j][i]) / 2.0;
            hess[i][j] = m;
            hess[j][i] = m;
        }
    }
    let mut inv: Vec<Vec<f64>> = (0..n).map(|i| (0..n).map(|j| f64::from(u8::from(i == j))).collect()).collect();
    for col in 0..n {
        let pivot = (col..n).max_by(|&a, &b| hess[a][col].abs().total_cmp(&hess[b][col].abs()))?;
        if hess[pivot][col].abs() < 1e-14 {
            return None;
        }
        hess.swap(col, pivot);
        inv.swap(col, pivot);
        let d = hess[col][col];
        for k in 0..n {
            hess[col][k] /= d;
            inv[col][k] /= d;
        }
        for row in 0..n {
            if row != col {
                let f = hess[row][col];
                for k in 0..n {
                    hess[row][k] -= f * hess[col][k];
                    inv[row][k] -= f * inv[col][k];
                }
            }
        }
    }
    (0..n).all(|i| inv[i][i] > 0.0 && inv[i][i].is_finite()).then_some(inv)
}

/// Central finite-difference gradient, for checking analytic gradients in tests.
pub fn numeric_gradient<O: Objective>(obj: &O, theta: &[f64], h: f64) -> Vec<f64> {
    (0..theta.len())
        .map(|i| {
            let (mut up, mut down) = (theta.to_vec(), theta.to_vec());
            up[i] += h;
            down[i] -= h;
            (obj.value(&up) - obj.value(&down)) / (2.0 * h)
        })
        .collect()
}
