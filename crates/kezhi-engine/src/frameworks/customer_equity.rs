//! Customer equity (seed 002: 企业客户资产 = 新客户的客户资产 + 老客户的客户资产): the sum over customers
//! of the discounted CLV of docs/methods.md §2c over the horizon, split into new customers (one purchase
//! occasion so far) and veterans (two or more), and by gold/meteor/creek/burden class, value-pyramid
//! level and lifecycle stage. Customers without a CLV (no BG/NBD or Gamma-Gamma fit) are counted apart
//! and add nothing.

use serde::{Deserialize, Serialize};

/// One part of the equity: a class's customers, the equity they carry and its share of the total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EquityPart {
    /// Index of the class in its framework's labels (for new/veteran: 0 = new, 1 = veteran).
    pub class: usize,
    pub customers: u64,
    pub equity: f64,
    /// `equity` ÷ the total equity (0 when the total is 0).
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerEquity {
    pub total: f64,
    /// Customers with a CLV, and without one (counted nowhere below).
    pub valued: u64,
    pub unvalued: u64,
    pub mean: f64,
    /// New (0) and veteran (1).
    pub by_tenure: Vec<EquityPart>,
    pub by_gmcb: Vec<EquityPart>,
    pub by_pyramid: Vec<EquityPart>,
    /// `None` without lifecycle stages (a summary file).
    pub by_lifecycle: Option<Vec<EquityPart>>,
    /// The settings it depends on.
    pub horizon_months: u32,
    pub discount_annual: f64,
}

/// Sums `clv` over the customers of each of `classes` classes (`class_of[i]`, `None` = in none).
pub fn split(clv: &[Option<f64>], class_of: &[Option<usize>], classes: usize) -> Vec<EquityPart> {
    let mut parts: Vec<EquityPart> = (0..classes).map(|class| EquityPart { class, customers: 0, equity: 0.0, share: 0.0 }).collect();
    for (v, c) in clv.iter().zip(class_of) {
        if let (Some(v), Some(c)) = (v, c) {
            if let Some(p) = parts.get_mut(*c) {
                p.customers += 1;
                p.equity += v;
            }
        }
    }
    let total: f64 = parts.iter().map(|p| p.equity).sum();
    for p in &mut parts {
        p.share = if total != 0.0 { p.equity / total } else { 0.0 };
    }
    parts
}

/// What the equity is built from, per customer in table order.
pub struct EquityInputs<'a> {
    pub clv: &'a [Option<f64>],
    /// Purchase occasions so far (1 = new customer).
    pub occasions: &'a [u32],
    pub gmcb: &'a [usize],
    pub pyramid: &'a [usize],
    pub lifecycle: Option<&'a [Option<usize>]>,
    pub horizon_months: u32,
    pub discount_annual: f64,
}

/// `None` when no customer has a CLV.
pub fn build(inputs: &EquityInputs) -> Option<CustomerEquity> {
    let clv = inputs.clv;
    let valued = clv.iter().filter(|v| v.is_some()).count() as u64;
    if valued == 0 {
        return None;
    }
    let total: f64 = clv.iter().flatten().sum();
    let tenure: Vec<Option<usize>> = inputs.occasions.iter().map(|&o| Some(usize::from(o >= 2))).collect();
    let some = |v: &[usize]| v.iter().map(|&c| Some(c)).collect::<Vec<_>>();
    Some(CustomerEquity {
        total,
        valued,
        unvalued: clv.len() as u64 - valued,
        mean: total / valued as f64,
        by_tenure: split(clv, &tenure, 2),
        by_gmcb: split(clv, &some(inputs.gmcb), 4),
        by_pyramid: split(clv, &some(inputs.pyramid), 4),
        by_lifecycle: inputs.lifecycle.map(|stages| split(clv, stages, 5)),
        horizon_months: inputs.horizon_months,
        discount_annual: inputs.discount_annual,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerances::HAND_COMPUTED_ABS;

    #[test]
    fn a_five_customer_case_worked_by_hand() {
        // CLVs 100, 50, none, 30, 20; occasions 1, 3, 1, 2, 1 → new: 100 + 20 = 120 (2 valued),
        // veteran: 50 + 30 = 80; total 200, mean 200 / 4 = 50; one customer unvalued.
        let clv = [Some(100.0), Some(50.0), None, Some(30.0), Some(20.0)];
        let occasions = [1, 3, 1, 2, 1];
        let gmcb = [0, 1, 1, 3, 0];
        let pyramid = [0, 1, 3, 2, 3];
        let stages = [Some(2), None, Some(4), Some(2), Some(0)];
        let e = build(&EquityInputs {
            clv: &clv,
            occasions: &occasions,
            gmcb: &gmcb,
            pyramid: &pyramid,
            lifecycle: Some(&stages),
            horizon_months: 12,
            discount_annual: 0.1,
        })
        .expect("valued customers");
        assert_eq!((e.valued, e.unvalued), (4, 1));
        assert!((e.total - 200.0).abs() < HAND_COMPUTED_ABS && (e.mean - 50.0).abs() < HAND_COMPUTED_ABS);
        let eq = |parts: &[EquityPart]| parts.iter().map(|p| (p.customers, p.equity)).collect::<Vec<_>>();
        assert_eq!(eq(&e.by_tenure), [(2, 120.0), (2, 80.0)]);
        assert!((e.by_tenure[0].share - 0.6).abs() < HAND_COMPUTED_ABS);
        assert_eq!(eq(&e.by_gmcb), [(2, 120.0), (1, 50.0), (0, 0.0), (1, 30.0)]);
        assert_eq!(eq(&e.by_pyramid), [(1, 100.0), (1, 50.0), (1, 30.0), (1, 20.0)]);
        // Stages: 100 (stage 2), 50 (none), 30 (stage 2), 20 (stage 0): the unstaged 50 is counted nowhere.
        assert_eq!(eq(e.by_lifecycle.as_deref().expect("stages")), [(1, 20.0), (0, 0.0), (2, 130.0), (0, 0.0), (0, 0.0)]);
        let parts_total: f64 = e.by_gmcb.iter().map(|p| p.equity).sum();
        assert!((parts_total - e.total).abs() < HAND_COMPUTED_ABS, "every valued customer has a class");
    }

    #[test]
    fn without_any_clv_there_is_no_equity() {
        let e = build(&EquityInputs {
            clv: &[None, None],
            occasions: &[1, 2],
            gmcb: &[0, 0],
            pyramid: &[0, 0],
            lifecycle: None,
            horizon_months: 12,
            discount_annual: 0.1,
        });
        assert!(e.is_none());
    }

    #[test]
    fn on_the_generators_data_every_split_adds_up_to_the_sum_of_clv() {
        use crate::tolerances::IDENTITY_REL;
        let (imported, scored) = crate::scoring::scored_fixture(1500);
        let e = scored.equity.as_ref().expect("fitted");
        let sum: f64 = scored.customers.iter().filter_map(|c| c.clv).sum();
        let close = |a: f64, b: f64| (a - b).abs() <= IDENTITY_REL * b.abs();
        assert!(close(e.total, sum), "{} vs {sum}", e.total);
        for parts in [&e.by_tenure, &e.by_gmcb, &e.by_pyramid] {
            assert!(close(parts.iter().map(|p| p.equity).sum(), e.total));
            assert_eq!(parts.iter().map(|p| p.customers).sum::<u64>(), e.valued);
        }
        let new = imported.table.customers.iter().zip(&scored.customers).filter(|(c, s)| c.occasions == 1 && s.clv.is_some()).count();
        assert_eq!(e.by_tenure[0].customers as usize, new);
        assert!(e.by_tenure[0].equity > 0.0 && e.by_tenure[1].equity > e.by_tenure[0].equity, "veterans carry more: {:?}", e.by_tenure);
    }
}
