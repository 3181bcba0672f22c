//! The probability models and their fits: BG/NBD, Pareto/NBD, Gamma-Gamma, CLV, the retention and migration models, the hold-out checks and the fit report; `fitting` is the shared optimiser with its budgets.

pub mod repeat_data;
pub mod fitting;
pub mod hypergeometric;
pub mod bg_nbd;
pub mod pareto_nbd;
pub mod gamma_gamma;
pub mod clv;
pub mod retention_model;
pub mod migration_model;
pub mod model_checks;
pub mod fit_report;
