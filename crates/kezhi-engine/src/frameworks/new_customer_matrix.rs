//! The new-customer matrix 新客户矩阵 (docs/methods.md §3a, seed 002): customers with exactly one purchase
//! occasion so far, by potential profitability 潜在盈利性 × conversion probability P 转化率, each high
//! or low against its median over the new customers (high = strictly above; P may use a fixed cut):
//! 潜力 potential (high, high), 观察 watch (high profitability, low P), 常规 routine (low, high),
//! 淘汰 eliminate (low, low).
//!
//! - P = P(X(T, T+H] ≥ 1 | x = 0, T) under BG/NBD: a customer with no repeat purchase is alive
//!   (dropout follows a repeat purchase), its rate's posterior is Gamma(r, α+T), so
//!   P = 1 − ((α+T)/(α+T+H))^r.
//! - Potential profitability = E[M | one purchase of value m₁] × margin ratio × E[X(H)], with the
//!   Gamma-Gamma mean (γ + m₁)p/(p + q − 1) and the population's expected repeat purchases over H.
//!
//! Without a BG/NBD and Gamma-Gamma fit the matrix does not apply (the classes stay empty).

use serde::{Deserialize, Serialize};

use crate::models::bg_nbd::{self, BgNbdParams};
use crate::frameworks::class_table::{aggregate, median, ClassRow};
use crate::models::gamma_gamma::GammaGammaParams;
use crate::lang::Lang;
use crate::texts::Text;

pub const CLASSES: [&str; 4] = ["potential", "watch", "routine", "eliminate"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewCustomerMatrix {
    /// Per customer; `None` for veterans, or for everyone without the fits.
    pub class: Vec<Option<usize>>,
    pub conversion: Vec<Option<f64>>,
    pub potential_profit: Vec<Option<f64>>,
    pub profit_cut: f64,
    pub conversion_cut: f64,
    pub table: Vec<ClassRow>,
}

/// One new customer's inputs: T (time since its only purchase, in the time unit), the value of that
/// purchase, and its margin ratio.
pub struct NewCustomer {
    pub index: usize,
    pub t: f64,
    pub first_spend: f64,
    pub margin_ratio: f64,
}

pub fn conversion_probability(p: &BgNbdParams, t: f64, horizon: f64) -> f64 {
    1.0 - ((p.alpha + t) / (p.alpha + t + horizon)).powf(p.r)
}

/// A new customer's potential profitability (`None` when not finite) and conversion probability,
/// with `repeats` the population's expected repeat purchases over the horizon
/// (`bg_nbd::expected_population`).
pub fn measures(c: &NewCustomer, bg: &BgNbdParams, gg: &GammaGammaParams, horizon: f64, repeats: f64) -> (Option<f64>, f64) {
    let spend = (gg.gamma + c.first_spend) * gg.p / (gg.p + gg.q - 1.0);
    (Some(spend * c.margin_ratio * repeats).filter(|v| v.is_finite()), conversion_probability(bg, c.t, horizon))
}

/// The class of a potential profitability and a conversion probability against the cuts: high means
/// strictly above.
pub fn class_of(potential: f64, conversion: f64, profit_cut: f64, conversion_cut: f64) -> usize {
    match (potential > profit_cut, conversion > conversion_cut) {
        (true, true) => 0,
        (true, false) => 1,
        (false, true) => 2,
        (false, false) => 3,
    }
}

/// The cut values a population's classes were drawn at.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Cuts {
    pub potential_profit: f64,
    pub conversion: f64,
}

/// `fixed_conversion_cut` replaces the median of P when given (a setting); `given` replaces both
/// medians (another population's cuts).
pub fn build(
    customers: usize,
    new: &[NewCustomer],
    bg: Option<&BgNbdParams>,
    gg: Option<&GammaGammaParams>,
    horizon: f64,
    margin: &[f64],
    fixed_conversion_cut: Option<f64>,
    given: Option<Cuts>,
) -> NewCustomerMatrix {
    let mut conversion = vec![None; customers];
    let mut potential = vec![None; customers];
    if let (Some(bg), Some(gg)) = (bg, gg) {
        let repeats = bg_nbd::expected_population(bg, horizon);
        for c in new {
            let (p, conv) = measures(c, bg, gg, horizon, repeats);
            conversion[c.index] = Some(conv);
            potential[c.index] = p;
        }
    }
    let ps: Vec<f64> = potential.iter().flatten().copied().collect();
    let cs: Vec<f64> = conversion.iter().flatten().copied().collect();
    let (profit_cut, conversion_cut) = match given {
        Some(c) => (c.potential_profit, c.conversion),
        None => (median(&ps), fixed_conversion_cut.unwrap_or_else(|| median(&cs))),
    };
    let class: Vec<Option<usize>> = potential
        .iter()
        .zip(&conversion)
        .map(|(p, c)| Some(class_of((*p)?, (*c)?, profit_cut, conversion_cut)))
        .collect();
    NewCustomerMatrix { table: aggregate(&CLASSES, &class, margin), class, conversion, potential_profit: potential, profit_cut, conversion_cut }
}

pub fn label(class: usize, lang: Lang) -> &'static str {
    const LABELS: [Text; 4] = [Text::NewPotential, Text::NewWatch, Text::NewRoutine, Text::NewEliminate];
    LABELS[class.min(3)].get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerances::HAND_COMPUTED_ABS;

    /// r = 0.5, α = 10, T = 6, H = 48: P = 1 − (16/64)^0.5 = 0.5, by hand.
    #[test]
    fn conversion_probability_by_hand() {
        let p = BgNbdParams { r: 0.5, alpha: 10.0, a: 0.8, b: 2.0 };
        assert!((conversion_probability(&p, 6.0, 48.0) - 0.5).abs() < HAND_COMPUTED_ABS);
    }

    /// Four new customers, one per class, and a fifth exactly on both medians (so low on both:
    /// eliminate); a veteran (index 5) is left out. Spend 100 > 50 and T 1 < 30 decide the sides.
    #[test]
    fn classes_by_construction_with_a_customer_on_both_medians() {
        let bg = BgNbdParams { r: 0.5, alpha: 10.0, a: 0.8, b: 2.0 };
        let gg = GammaGammaParams { p: 6.0, q: 4.0, gamma: 15.0 };
        let c = |index, t, first_spend| NewCustomer { index, t, first_spend, margin_ratio: 0.3 };
        // Spends 100, 100, 10, 10 around a median customer of 50; T 1 (likely to convert) or 60.
        let new = [c(0, 1.0, 100.0), c(1, 60.0, 100.0), c(2, 1.0, 10.0), c(3, 60.0, 10.0), c(4, 10.0, 50.0)];
        let m = build(6, &new, Some(&bg), Some(&gg), 52.0, &[1.0; 6], None, None);
        assert_eq!(m.class, vec![Some(0), Some(1), Some(2), Some(3), Some(3), None]);
        assert_eq!(m.table.iter().map(|r| r.customers).sum::<u64>(), 5);
        let none = build(6, &new, None, Some(&gg), 52.0, &[1.0; 6], None, None);
        assert!(none.class.iter().all(Option::is_none), "no BG/NBD: the matrix does not apply");
    }
}
