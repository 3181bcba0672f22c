//! Maximum-likelihood fitting with `argmin`: L-BFGS (Armijo backtracking line search) from several starting
//! points, falling back to Nelder-Mead when the gradient method fails. Models minimise the mean
//! negative log-likelihood over log-parameters, so every parameter stays positive.
//!
//! Every minimisation is bounded (docs/methods.md, "Bounded fits"): at most [`MAX_EVALUATIONS`]
//! evaluations of the objective over all its starts, and a search box of e^±[`LOG_EDGE`] for every
//! parameter. A model whose likelihood keeps improving beyond the box is at one of its limits (r and α
//! growing together: purchase rates that do not vary between customers, a Poisson process; a dropout
//! parameter running to zero: nobody drops out); the search stops there with [`Outcome::RanOff`]
//! instead of following the parameters to infinity, and the model names the limit
//! (`fit_report::Finding::RanOff`). Held by `fitting::tests::a_poisson_sample_runs_off_fast` and
//! `crates/kezhi-engine/tests/scoring_degenerate.rs`.

use std::cell::{Cell, RefCell};

use argmin::core::{CostFunction, Executor, Gradient, State, TerminationReason};
use argmin::solver::linesearch::condition::ArmijoCondition;
use argmin::solver::linesearch::BacktrackingLineSearch;
use argmin::solver::neldermead::NelderMead;
use argmin::solver::quasinewton::LBFGS;
use serde::{Deserialize, Serialize};

/// The search box in log-parameters: every parameter stays within e^±13.8 = 10^±6, the bounds
/// `fit_report::PARAMETER_BOUNDS` reports against.
pub const LOG_EDGE: f64 = 13.815_510_557_964_274;

/// How near the edge (in log-parameters) the best point must be for a better point beyond the edge
/// to count as running off: within a factor e⁴ ≈ 55 of it (parameters above 18,000 or below 5.5e-5).
const NEAR_EDGE: f64 = 4.0;

/// A gain in the value smaller than this (relative) counts as none for [`Problem::crawling_to_the_edge`]:
/// for a mean negative log-likelihood near 30 over 400 customers, 1e-5 of total log-likelihood.
const CRAWL_GAIN: f64 = 1e-9;
/// Evaluations without a gain after which a search near the edge counts as running off.
const CRAWL_EVALUATIONS: u32 = 60;

/// Evaluations of the objective one minimisation may spend over all its starts (value and gradient
/// together count as one). A converged fit of the tests' data takes 20–150; at the budget the best
/// point so far is returned with [`Outcome::OutOfBudget`].
pub const MAX_EVALUATIONS: u32 = 1_500;

/// The time one model's fit may take, all its minimisations together (the subsample's starts and the
/// polish on all the data), in milliseconds; well above what ordinary data need (measured in
/// docs/performance.md, "bounded fits"). Past it the best point so far is returned with
/// [`Outcome::OutOfBudget`], so on a slower machine (the page's wasm) such a fit can stop earlier in
/// its search than the CLI's: the report says so either way.
pub const FIT_MS: f64 = 1_500.0;

/// When a fit must end: a clock (milliseconds from any origin) and the time on it.
#[derive(Clone, Copy)]
pub struct Deadline<'a> {
    pub now_ms: &'a dyn Fn() -> f64,
    pub at_ms: f64,
}

impl<'a> Deadline<'a> {
    /// [`FIT_MS`] from now on `now_ms`.
    pub fn for_a_fit(now_ms: &'a dyn Fn() -> f64) -> Deadline<'a> {
        Deadline { now_ms, at_ms: now_ms() + FIT_MS }
    }

    fn passed(&self) -> bool {
        (self.now_ms)() > self.at_ms
    }
}

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

/// How a minimisation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// The gradient (or the change of the value) fell below the tolerance.
    Converged,
    /// The iteration cap of the method was reached, or no method converged.
    Stalled,
    /// [`MAX_EVALUATIONS`] were spent; the best point so far is returned.
    OutOfBudget,
    /// The value kept improving past the search box along parameter `index` (toward e^+∞ when
    /// `upward`, toward 0 otherwise): the model's supremum lies at one of its limits. The point
    /// returned is the best inside the box.
    RanOff { index: usize, upward: bool },
}

/// The search that found a minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// argmin's L-BFGS with a backtracking line search (the first choice).
    #[serde(rename = "L-BFGS")]
    Lbfgs,
    /// argmin's Nelder-Mead simplex, when no L-BFGS start converged.
    #[serde(rename = "Nelder-Mead")]
    NelderMead,
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Method::Lbfgs => "L-BFGS",
            Method::NelderMead => "Nelder-Mead",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Minimum {
    pub theta: Vec<f64>,
    pub value: f64,
    /// The method's iterations; for a search stopped early (budget, run off), the evaluations spent.
    pub iterations: u64,
    pub converged: bool,
    pub outcome: Outcome,
    pub method: Method,
}

impl Minimum {
    /// Converged or stalled: not stopped by the budget or at the edge of the box.
    pub fn ended_by_itself(&self) -> bool {
        matches!(self.outcome, Outcome::Converged | Outcome::Stalled)
    }
}

/// What one minimisation has spent and why it stopped early, shared by its starts.
#[derive(Default)]
struct Spent<'a> {
    evaluations: Cell<u32>,
    stop: Cell<Option<Outcome>>,
    deadline: Option<Deadline<'a>>,
}

/// argmin asks for the cost and the gradient at the same point in separate calls; the objective's
/// `value_and_gradient` computes both in one pass, so the last point's results are kept.
///
/// The objective is a trait object, so argmin's L-BFGS and Nelder-Mead are compiled once for all
/// models rather than once per model: that takes two copies each of the
/// solver and of [`minimise`] out of the worker's wasm, 1,524,642 → 1,466,067 bytes (gzipped only
/// 689,976 → 688,113: the copies were alike). A call through the vtable per evaluation is nothing
/// against an evaluation's pass over every customer.
struct Problem<'a> {
    obj: &'a dyn Objective,
    last: RefCell<Option<Evaluated>>,
    spent: &'a Spent<'a>,
    /// Whether a stop may be signalled as an error (L-BFGS). argmin's Nelder-Mead unwraps the costs of
    /// its first simplex, so for it a stop is a huge cost instead, and every cost after it too
    /// (nothing more is evaluated): the method's remaining iterations cost nothing.
    stops_with_error: bool,
    /// The lowest finite value inside the box, and where.
    best: RefCell<Option<(Vec<f64>, f64)>>,
    /// The evaluation count and value at the last gain of more than [`CRAWL_GAIN`] (relative).
    last_gain: Cell<(u32, f64)>,
}

/// The last point evaluated: parameters, value and, once computed, gradient.
type Evaluated = (Vec<f64>, f64, Option<Vec<f64>>);

impl<'a> Problem<'a> {
    fn new(obj: &'a dyn Objective, spent: &'a Spent<'a>, stops_with_error: bool) -> Self {
        Problem { obj, last: Default::default(), spent, stops_with_error, best: Default::default(), last_gain: Cell::new((0, f64::INFINITY)) }
    }

    /// A search that has gained less than [`CRAWL_GAIN`] in [`CRAWL_EVALUATIONS`] evaluations while
    /// its best point has a parameter near the edge of the box is creeping toward a limit of the model
    /// along a ridge too flat to leave the box by a better point: it ran off that way (the parameter
    /// nearest the edge). Pareto/NBD on Poisson purchases does this: held by
    /// `crates/kezhi-engine/tests/scoring_degenerate.rs`, `poisson_purchases_sit_at_a_limit_of_the_models`.
    fn crawling_to_the_edge(&self, v: f64) -> Option<Outcome> {
        let n = self.spent.evaluations.get();
        let (at, gained_from) = self.last_gain.get();
        if v < gained_from - CRAWL_GAIN * gained_from.abs().max(1.0) || gained_from.is_infinite() {
            self.last_gain.set((n, v));
            return None;
        }
        if n - at < CRAWL_EVALUATIONS {
            return None;
        }
        let best = self.best.borrow();
        let (theta, _) = best.as_ref()?;
        let (index, t) = theta.iter().enumerate().max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))?;
        (t.abs() > LOG_EDGE - NEAR_EDGE).then_some(Outcome::RanOff { index, upward: *t > 0.0 })
    }

    /// What a cost returns once the search must stop.
    fn stopped(&self, why: &'static str) -> Result<f64, argmin::core::Error> {
        if self.stops_with_error {
            Err(argmin::core::Error::msg(why))
        } else {
            Ok(f64::MAX / 4.0)
        }
    }

    /// Counts one evaluation of the objective; false once the budget (evaluations or time) is spent.
    fn charge(&self) -> bool {
        let n = self.spent.evaluations.get();
        if n >= MAX_EVALUATIONS || self.spent.deadline.is_some_and(|d| d.passed()) {
            self.spent.stop.set(Some(Outcome::OutOfBudget));
            return false;
        }
        self.spent.evaluations.set(n + 1);
        true
    }

    /// The best point inside the box as a [`Minimum`] that ended with `outcome`.
    fn best_as(&self, outcome: Outcome, iterations: u64, method: Method) -> Option<Minimum> {
        let (theta, value) = self.best.borrow().clone()?;
        Some(Minimum { theta, value, iterations, converged: false, outcome, method })
    }

    fn value(&self, p: &[f64]) -> f64 {
        if let Some((q, v, _)) = self.last.borrow().as_ref() {
            if q == p {
                return *v;
            }
        }
        if self.spent.stop.get().is_some() || !self.charge() {
            return f64::NAN;
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
            Some((_, None)) if self.charge() => self.obj.gradient(p),
            None if self.charge() => {
                let (v, g) = self.obj.value_and_gradient(p);
                *self.last.borrow_mut() = Some((p.to_vec(), v, Some(g.clone())));
                return g;
            }
            _ => return vec![f64::NAN; p.len()],
        };
        if let Some(last) = self.last.borrow_mut().as_mut() {
            last.2 = Some(g.clone());
        }
        g
    }
}

impl CostFunction for &Problem<'_> {
    type Param = Vec<f64>;
    type Output = f64;
    /// Outside the box a point is refused (a huge cost the line search backs away from) unless it
    /// improves on the best point inside and that point is itself near the edge the same way: then
    /// the search is running off to a limit and stops. (A wild step from the middle of the box that
    /// lands lower outside it is only refused: `tests::the_evaluation_budget_holds`.)
    fn cost(&self, p: &Vec<f64>) -> Result<f64, argmin::core::Error> {
        let v = Problem::value(self, p);
        if self.spent.stop.get().is_some() {
            return self.stopped("the search was stopped");
        }
        let best = self.best.borrow().as_ref().map_or(f64::INFINITY, |b| b.1);
        let best_near_edge = |index: usize| {
            self.best.borrow().as_ref().is_some_and(|(b, _)| b[index].abs() > LOG_EDGE - NEAR_EDGE && b[index].signum() == p[index].signum())
        };
        match p.iter().position(|t| t.abs() > LOG_EDGE) {
            Some(index) if v < best && best_near_edge(index) => {
                self.spent.stop.set(Some(Outcome::RanOff { index, upward: p[index] > 0.0 }));
                self.stopped("the search ran off the box")
            }
            Some(_) => Ok(f64::MAX / 4.0),
            None if v.is_finite() => {
                if v < best {
                    *self.best.borrow_mut() = Some((p.clone(), v));
                }
                if let Some(ran_off) = self.crawling_to_the_edge(v) {
                    self.spent.stop.set(Some(ran_off));
                    return self.stopped("the search crawls along a limit of the model");
                }
                Ok(v)
            }
            None => Ok(f64::MAX / 4.0),
        }
    }
}

impl Gradient for &Problem<'_> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;
    fn gradient(&self, p: &Vec<f64>) -> Result<Vec<f64>, argmin::core::Error> {
        let g = Problem::gradient(self, p);
        if self.spent.stop.get().is_some() {
            return Err(argmin::core::Error::msg("the evaluation budget is spent"));
        }
        if g.iter().all(|x| x.is_finite()) {
            Ok(g)
        } else {
            Err(argmin::core::Error::msg("gradient is not finite"))
        }
    }
}

/// L-BFGS from `start` with a backtracking (Armijo) line search, which needs only values at trial
/// points and usually takes the first (More-Thuente's strong-Wolfe search spent several evaluations
/// an iteration: docs/performance.md, "Measurements behind the code").
/// It stops when the gradient is below the objective's tolerance or an iteration changes the mean
/// negative log-likelihood by less than 1e-12: a mean over 1e5 customers of values near 10 carries
/// rounding of about 1e-13, so smaller changes are noise.
fn lbfgs<'a>(obj: &'a dyn Objective, start: &[f64], spent: &'a Spent<'a>) -> Option<Minimum> {
    let search = BacktrackingLineSearch::new(ArmijoCondition::new(1e-4).ok()?).rho(0.5).ok()?;
    let solver = LBFGS::new(search, 10).with_tolerance_grad(obj.gradient_tolerance()).ok()?.with_tolerance_cost(1e-12).ok()?;
    let problem = Problem::new(obj, spent, true);
    let run = Executor::new(&problem, solver).configure(|s| s.param(start.to_vec()).max_iters(1000)).run().map(|res| ended(res.state()));
    finish(run, &problem, obj, Method::Lbfgs)
}

fn nelder_mead<'a>(obj: &'a dyn Objective, start: &[f64], spent: &'a Spent<'a>) -> Option<Minimum> {
    let mut simplex = vec![start.to_vec()];
    for i in 0..start.len() {
        let mut v = start.to_vec();
        v[i] += 0.5;
        simplex.push(v);
    }
    let solver = NelderMead::new(simplex).with_sd_tolerance(1e-12).ok()?;
    let problem = Problem::new(obj, spent, false);
    let run = Executor::new(&problem, solver).configure(|s| s.max_iters(5000)).run().map(|res| ended(res.state()));
    finish(run, &problem, obj, Method::NelderMead)
}

/// Where a run that ended by itself stopped: its best point, iterations, and whether it converged.
type Ended = (Option<Vec<f64>>, u64, bool);

fn ended<S: State<Param = Vec<f64>>>(st: &S) -> Ended {
    (st.get_best_param().cloned(), st.get_iter(), matches!(st.get_termination_reason(), Some(TerminationReason::SolverConverged)))
}

/// The minimum a run reached: argmin's best point when it ended by itself; the best point inside the
/// box when it was stopped (the budget, or a run off the box).
fn finish(run: Result<Ended, argmin::core::Error>, problem: &Problem<'_>, obj: &dyn Objective, method: Method) -> Option<Minimum> {
    match run {
        Ok((theta, iterations, converged)) => {
            let theta = theta?;
            let value = obj.value(&theta);
            // argmin ends some runs itself when a cost fails (a line search that cannot go on):
            // the reason is then the budget or the edge, recorded in `spent`.
            let outcome = match problem.spent.stop.get() {
                Some(stop) => stop,
                None if converged => Outcome::Converged,
                None => Outcome::Stalled,
            };
            let converged = outcome == Outcome::Converged;
            value.is_finite().then(|| Minimum { theta, value, iterations, converged, outcome, method })
        }
        Err(_) => problem.best_as(problem.spent.stop.get()?, u64::from(problem.spent.evaluations.get()), method),
    }
}

/// The best minimum over the starting points: L-BFGS from each; Nelder-Mead only when L-BFGS
/// converged from none of them, from the best point it reached. Once two starts have converged to
/// the same point (values within 1e-10 relative, log-parameters within 1e-4), the remaining starts are
/// skipped: they would only confirm it. A start that runs off the box ends the search (the supremum
/// is at a limit of the model, which the other starts would only approach more slowly), and so does
/// the budget. `None` when nothing gave a finite value.
pub fn minimise(obj: &dyn Objective, starts: &[Vec<f64>], deadline: Option<Deadline<'_>>) -> Option<Minimum> {
    let spent = Spent { deadline, ..Spent::default() };
    let mut converged: Vec<Minimum> = Vec::new();
    let mut stalled: Vec<Minimum> = Vec::new();
    let lowest = |v: Vec<Minimum>| v.into_iter().min_by(|a, b| a.value.total_cmp(&b.value));
    for start in starts {
        match lbfgs(obj, start, &spent) {
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
            Some(m) if matches!(m.outcome, Outcome::RanOff { .. }) => return Some(m),
            Some(m) => stalled.push(m),
            None => {}
        }
        if spent.stop.get().is_some() {
            break;
        }
    }
    // Stopped by the budget: the best point any start reached, said to be out of budget.
    if let Some(stop) = spent.stop.get() {
        return lowest(converged.into_iter().chain(stalled).collect()).map(|m| Minimum { outcome: stop, converged: false, ..m });
    }
    if let Some(best) = lowest(converged) {
        return Some(best);
    }
    let from = lowest(stalled).map(|m| m.theta).or_else(|| starts.first().cloned())?;
    nelder_mead(obj, &from, &spent)
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
pub fn multi_start<O: Objective>(full: &O, subsample: Option<&O>, starts: &[Vec<f64>], deadline: Option<Deadline<'_>>) -> Option<Minimum> {
    let Some(sub) = subsample else { return minimise(full, starts, deadline) };
    match minimise(sub, starts, deadline) {
        // Out of time on the subsample: its best point, valued on all the data, is the fit.
        Some(m) if m.outcome == Outcome::OutOfBudget && deadline.is_some_and(|d| d.passed()) => {
            let value = full.value(&m.theta);
            value.is_finite().then_some(Minimum { value, ..m })
        }
        Some(m) => minimise(full, &[m.theta], deadline),
        None => minimise(full, starts, deadline),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts its evaluations; the value is `f`, the gradient by central differences.
    struct Counted<F: Fn(&[f64]) -> f64> {
        f: F,
        calls: Cell<u32>,
    }

    impl<F: Fn(&[f64]) -> f64> Objective for Counted<F> {
        fn value(&self, theta: &[f64]) -> f64 {
            self.calls.set(self.calls.get() + 1);
            (self.f)(theta)
        }
        fn gradient(&self, theta: &[f64]) -> Vec<f64> {
            self.calls.set(self.calls.get() + 1);
            (0..theta.len())
                .map(|i| {
                    let (mut up, mut down) = (theta.to_vec(), theta.to_vec());
                    up[i] += 1e-6;
                    down[i] -= 1e-6;
                    ((self.f)(&up) - (self.f)(&down)) / 2e-6
                })
                .collect()
        }
    }

    /// A value that keeps falling as θ₀ grows (like a Poisson sample's likelihood as r and α grow):
    /// the search stops at the box's edge, says which parameter ran off which way, and takes few
    /// evaluations to get there.
    #[test]
    fn a_poisson_sample_runs_off_fast() {
        let obj = Counted { f: |t: &[f64]| (-t[0]).exp() + (t[1] - 1.0).powi(2), calls: Cell::new(0) };
        let m = minimise(&obj, &[vec![0.0, 0.0], vec![1.0, 2.0]], None).expect("a point");
        assert_eq!(m.outcome, Outcome::RanOff { index: 0, upward: true });
        assert!(!m.converged);
        assert!(m.theta[0] <= LOG_EDGE && m.theta[0] > 5.0, "{m:?}");
        assert!((m.theta[1] - 1.0).abs() < 1e-3, "{m:?}");
        assert!(obj.calls.get() < 300, "{} evaluations", obj.calls.get());
    }

    /// An ordinary minimum inside the box converges as before.
    #[test]
    fn an_inner_minimum_converges() {
        let obj = Counted { f: |t: &[f64]| (t[0] - 2.0).powi(2) + 3.0 * (t[1] + 1.0).powi(2), calls: Cell::new(0) };
        let m = minimise(&obj, &[vec![0.0, 0.0]], None).expect("a point");
        assert_eq!(m.outcome, Outcome::Converged);
        assert!((m.theta[0] - 2.0).abs() < 1e-5 && (m.theta[1] + 1.0).abs() < 1e-5, "{m:?}");
    }

    /// A search that reaches the budget stops there with the best point so far and says so; the
    /// budget is shared by every start and method of one minimisation (here nearly spent already).
    #[test]
    fn the_evaluation_budget_holds() {
        let obj = Counted { f: |t: &[f64]| (t[0] - 2.0).powi(2) + 3.0 * (t[1] + 1.0).powi(2) + 0.1 * (t[0] * t[1]).powi(2), calls: Cell::new(0) };
        let spent = Spent::default();
        spent.evaluations.set(MAX_EVALUATIONS - 10);
        let m = lbfgs(&obj, &[9.0, -8.0], &spent).expect("the best point so far");
        assert_eq!(m.outcome, Outcome::OutOfBudget, "{m:?}");
        assert_eq!(spent.evaluations.get(), MAX_EVALUATIONS);
        // Ten evaluations in the search, and the final value at the point returned.
        assert_eq!(obj.calls.get(), 11);
        assert!(m.value < obj.value(&[9.0, -8.0]), "{m:?}");
        // Nelder-Mead, given nothing to spend, searches nothing (and does not panic on its first
        // simplex's costs): it returns its start, out of budget, after the one final value.
        let calls = obj.calls.get();
        let nm = nelder_mead(&obj, &[9.0, -8.0], &spent).expect("its start");
        assert_eq!((nm.outcome, &nm.theta[..]), (Outcome::OutOfBudget, &[9.0, -8.0][..]));
        assert_eq!(obj.calls.get(), calls + 1);
    }

    /// The time budget: a clock that has passed the deadline stops the search at once, with the
    /// start (the best point so far) and the outcome said.
    #[test]
    fn the_time_budget_holds() {
        let obj = Counted { f: |t: &[f64]| (t[0] - 2.0).powi(2) + (t[1] + 1.0).powi(2), calls: Cell::new(0) };
        let clock = Cell::new(0.0);
        let now = || {
            clock.set(clock.get() + 10.0);
            clock.get()
        };
        // 10 ms a reading, 45 ms allowed: the fourth evaluation finds the deadline passed.
        let m = minimise(&obj, &[vec![9.0, -8.0]], Some(Deadline { now_ms: &now, at_ms: 45.0 })).expect("a point");
        assert_eq!(m.outcome, Outcome::OutOfBudget, "{m:?}");
        assert!(obj.calls.get() <= 5, "{} evaluations", obj.calls.get());
        // The same search without a deadline converges.
        assert_eq!(minimise(&obj, &[vec![9.0, -8.0]], None).map(|m| m.outcome), Some(Outcome::Converged));
    }
}
