//! Every numeric tolerance the tests use, in one place, with the reason for its size.

/// Exact arithmetic on a handful of decimal amounts (sums of two-decimal values): float round-off only.
pub const HAND_COMPUTED_ABS: f64 = 1e-9;

/// Relative error allowed when sample moments of simulated mixing distributions are compared with
/// their expectations over 20,000 draws: the standard error is ≈ 1% of the mean for these shapes,
/// so 5% is 5 standard errors, while a wrong parameterisation (shape/rate swapped) misses by ≥ 2×.
pub const SIMULATED_MOMENT_REL: f64 = 0.05;

/// ₂F₁ against closed forms and mpmath values: the series is summed to 1e-16 relative per term, so
/// 1e-12 leaves room for accumulated round-off over thousands of terms and nothing else.
pub const HYP2F1_REL: f64 = 1e-12;

/// BG/NBD parameters against Fader, Hardie & Lee (2005), which print three decimals: half a unit of
/// the last printed digit.
pub const PUBLISHED_3DP: f64 = 0.0005 + 1e-9;

/// Parameters printed to two decimals.
pub const PUBLISHED_2DP: f64 = 0.005 + 1e-9;

/// Log-likelihoods printed to one decimal.
pub const PUBLISHED_1DP: f64 = 0.05 + 1e-9;

/// Analytic gradient against central finite differences (step 1e-6 on log-parameters).
pub const GRADIENT_REL: f64 = 1e-5;

/// Standard errors from a finite-difference Hessian against another implementation's (lifetimes
/// inverts a numerical Hessian of its own): 1% relative; both agree to about four digits.
pub const STANDARD_ERROR_REL: f64 = 0.01;

/// One quantity computed by two exact routes (closed form against quadrature, cached pass against
/// the plain formula, a pmf summed to 1): double-precision round-off over at most thousands of terms.
pub const IDENTITY_REL: f64 = 1e-9;

/// A quantity that passes through a numerical limit or a finite difference (E[X(t)] at a = 1 bridged
/// from a = 1 ± 1e-4, Pareto/NBD expectations around s = 1): the step's error is O(1e-8).
pub const NUMERICAL_LIMIT_REL: f64 = 1e-6;

/// Our fit against another implementation's fit of the same likelihood (`lifetimes`, scipy's
/// optimisers): both stop on a flat optimum, parameters agree to about 1e-5 relative, values derived
/// from them to about 1e-4.
pub const OTHER_IMPLEMENTATION_REL: f64 = 1e-4;

/// A fit refitted on the scored export (R, F, M and the summary written with six decimals): the
/// rounding moves the data by < 1e-6 relative, and both fits stop on the same flat optimum to about
/// 1e-5; 1e-4 relative on parameters and CLVs, while a unit or column mix-up misses by far more.
pub const REFIT_RELATIVE: f64 = 1e-4;

/// A number written by the CSV exports (six decimals, `csv_export::num`) and read back: off by at
/// most half the last decimal.
pub const EXPORT_DECIMALS_ABS: f64 = 0.5e-6 + 1e-12;

/// The warehouse route (docs/warehouse.md): the BG/NBD log-likelihood on the summary the doc's DuckDB
/// SQL writes against the one on the transactions it came from (tests/warehouse/summary_route.py
/// reads this line; the parameters are held to `REFIT_RELATIVE`, as any refit). Both see the same
/// x, t_x and T up to a decimal round trip: the likelihoods agreed to 8e-16, the
/// parameters to 4e-7 (customers in another order, so the fit stops elsewhere on the flat optimum).
/// A wrong occasion rule, unit or analysis date moves the likelihood by more than 1e-4.
pub const SUMMARY_ROUTE_RELATIVE: f64 = 1e-9;

/// The customer summary written by docs/warehouse.md's PostgreSQL and Spark SQL blocks against the one
/// its DuckDB block writes, per customer and column, relative to the larger of 1 and DuckDB's value
/// (tests/warehouse/sql_dialects.py reads this line). The same sums and quotients in double precision
/// (PostgreSQL's in numeric, then as text), so they differ by rounding at most; a wrong day
/// difference moves recency or T by a whole day, 1/7 of a week.
pub const WAREHOUSE_SQL_AGREEMENT: f64 = 1e-9;

/// A revenue summed from an export's two-decimal amounts against the generator's sum of the same
/// amounts (crates/kezhi-engine/tests/export_fixtures.rs): float round-off over a few hundred additions, far below a cent.
pub const MONEY_CENTS: f64 = 0.005;

/// A model stopped at the edge of its search box (parameters at 10^±6, `fitting::LOG_EDGE`) against
/// the limit it stands for: e.g. Gamma-Gamma's expected spend at q = 10⁶ against the common amount
/// of q → ∞, off by about (mean order count)/q · (spread) — well under half a percent.
pub const AT_LIMIT_REL: f64 = 0.005;
