//! Maximum-likelihood fitting with `argmin`: L-BFGS (More-Thuente line search) from several starting
//! points, falling back to Nelder-Mead when the gradient method fails. Models minimise the mean
//! negative log-likelihood over log-parameters, so every parameter stays positive.

use argmin::core::{CostFunction, Executor, Gradient, State, TerminationReason};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::neldermead::NelderMead;
use argmin::solver::quasinewton::LBFGS;
use serde::{Deserialize, Serialize};

/// A smooth objective to minimise, with its gradient.
pub trait Objective {
    fn value(&self, theta: &[f64]) -> f64;
    fn gradient(&self, theta: &[f64]) -> Vec<f64>;
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

struct Problem<'a, O: Objective>(&'a O);

impl<O: Objective> CostFunction for Problem<'_, O> {
    type Param = Vec<f64>;
    type Output = f64;
    fn cost(&self, p: &Vec<f64>) -> Result<f64, argmin::core::Error> {
        let v = self.0.value(p);
        Ok(if v.is_finite() { v } else { f64::MAX / 4.0 })
    }
}

impl<O: Objective> Gradient for Problem<'_, O> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;
    fn gradient(&self, p: &Vec<f64>) -> Result<Vec<f64>, argmin::core::Error> {
        let g = self.0.gradient(p);
        if g.iter().all(|x| x.is_finite()) {
            Ok(g)
        } else {
            Err(argmin::core::Error::msg("gradient is not finite"))
        }
    }
}

fn lbfgs<O: Objective>(obj: &O, start: &[f64]) -> Option<Minimum> {
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 10)
        .with_tolerance_grad(1e-9)
        .ok()?
        .with_tolerance_cost(1e-14)
        .ok()?;
    let res = Executor::new(Problem(obj), solver).configure(|s| s.param(start.to_vec()).max_iters(1000)).run().ok()?;
    let st = res.state();
    let theta = st.get_best_param()?.clone();
    let value = obj.value(&theta);
    let converged = matches!(st.get_termination_reason(), Some(TerminationReason::SolverConverged));
    value.is_finite().then(|| Minimum { theta, value, iterations: st.get_iter(), converged, method: "L-BFGS".into() })
}

fn nelder_mead<O: Objective>(obj: &O, start: &[f64]) -> Option<Minimum> {
    let mut simplex = vec![start.to_vec()];
    for i in 0..start.len() {
        let mut v = start.to_vec();
        v[i] += 0.5;
        simplex.push(v);
    }
    let solver = NelderMead::new(simplex).with_sd_tolerance(1e-12).ok()?;
    let res = Executor::new(Problem(obj), solver).configure(|s| s.max_iters(5000)).run().ok()?;
    let st = res.state();
    let theta = st.get_best_param()?.clone();
    let value = obj.value(&theta);
    let converged = matches!(st.get_termination_reason(), Some(TerminationReason::SolverConverged));
    value.is_finite().then(|| Minimum { theta, value, iterations: st.get_iter(), converged, method: "Nelder-Mead".into() })
}

/// The best minimum over the starting points: L-BFGS from each, Nelder-Mead from a start where
/// L-BFGS failed or did not converge. `None` when nothing gave a finite value.
pub fn minimise<O: Objective>(obj: &O, starts: &[Vec<f64>]) -> Option<Minimum> {
    let mut best: Option<Minimum> = None;
    for start in starts {
        let found = match lbfgs(obj, start) {
            Some(m) if m.converged => Some(m),
            other => {
                let nm = nelder_mead(obj, start);
                match (other, nm) {
                    (Some(a), Some(b)) => Some(if b.value < a.value { b } else { a }),
                    (a, b) => a.or(b),
                }
            }
        };
        if let Some(m) = found {
            if best.as_ref().is_none_or(|b| m.value < b.value - 1e-12 || (m.converged && !b.converged && m.value <= b.value + 1e-9)) {
                best = Some(m);
            }
        }
    }
    best
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
