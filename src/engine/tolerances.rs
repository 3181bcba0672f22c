//! Every numeric tolerance the tests use, in one place, with the reason for its size.

/// Exact arithmetic on a handful of decimal amounts (sums of two-decimal values): float round-off only.
pub const HAND_COMPUTED_ABS: f64 = 1e-9;

/// Relative error allowed when sample moments of simulated mixing distributions are compared with
/// their expectations over 20,000 draws: the standard error is ≈ 1% of the mean for these shapes,
/// so 5% is 5 standard errors, while a wrong parameterisation (shape/rate swapped) misses by ≥ 2×.
pub const SIMULATED_MOMENT_REL: f64 = 0.05;
