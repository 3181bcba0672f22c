//! What-if scenarios on customer equity: the levers seeds 002 and 004 discuss — keep
//! customers longer, have them buy more often, sell them more per purchase, earn a higher margin,
//! value the future at another rate, convert new "potential" customers — applied to every customer's
//! CLV (docs/methods.md §2c), with the change from the baseline split lever by lever (a waterfall).
//!
//! A customer's CLV is m · s · Σ_{k=1..H} y_k / (1+d)^k, with m the margin ratio, s = E[M], and y_k the
//! BG/NBD expected purchases in month k (E[Y(k)] − E[Y(k−1)]). Under the levers it becomes
//!
//!   CLV' = (m + Δm) · s (1 + σ) · Σ_k y_k (1 + φ) g^k / (1 + d')^k,  m + Δm kept within 0…1,
//!
//! - retention: the retention rate ρ per group period (docs/methods.md §2e, as measured and shown; from the
//!   BG/NBD fit when the data has no periods, see [`Base::retention`]) raised by Δρ points scales the
//!   purchases of month k by g^k, g = ((ρ + Δρ)/ρ)^(1/P) for P months per period — a lost-for-good
//!   customer still buys in month k with probability ∝ ρ^(k/P);
//! - frequency φ and spend σ scale purchases and spend per purchase; margin adds Δm points;
//! - discount: the annual rate d' replaces the settings' (monthly (1 + d')^(1/12) − 1);
//! - conversion c: that share of the new customers in the 潜力 potential class (docs/methods.md §3a) become
//!   veterans worth the first-year margin the matrix expects of them once converted, when that is more
//!   than their CLV: + c · Σ max(0, PP_i − CLV'_i).
//!
//! The levers apply in that order; each step of the waterfall is the equity with the levers up to it
//! minus the equity before it, so the steps add up to the scenario's change exactly.

use serde::{Deserialize, Serialize};

use crate::models::bg_nbd;
use crate::frameworks::customer_equity::{split, EquityPart};
use crate::table::customer_table::CustomerTable;
use crate::scoring::Scored;
use crate::settings::Settings;
use crate::time_unit::DAYS_PER_MONTH;
use crate::lang::Lang;
use crate::texts::Text;

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Levers {
    /// Points added to the retention rate per group period (0.05 = 5 points); capped at 100%.
    pub retention: f64,
    /// Relative change of purchase frequency (0.1 = +10%).
    pub frequency: f64,
    /// Relative change of spend per purchase (cross- and up-selling).
    pub spend: f64,
    /// Points added to the margin ratio (0.02 = 2 points); the ratio stays within 0…1.
    pub margin: f64,
    /// The annual discount rate to use instead of the settings' (`None` = unchanged).
    pub discount_annual: Option<f64>,
    /// Share (0…1) of the new customers in the potential class converted into veterans.
    pub convert_potential: f64,
}

/// The levers in the order the waterfall applies them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lever {
    Retention,
    Frequency,
    Spend,
    Margin,
    Discount,
    Conversion,
}

impl Lever {
    pub const ALL: [Lever; 6] = [Lever::Retention, Lever::Frequency, Lever::Spend, Lever::Margin, Lever::Discount, Lever::Conversion];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Lever::Retention => Text::LeverRetention,
            Lever::Frequency => Text::LeverFrequency,
            Lever::Spend => Text::LeverSpend,
            Lever::Margin => Text::LeverMargin,
            Lever::Discount => Text::LeverDiscount,
            Lever::Conversion => Text::LeverConversion,
        }
        .get(lang)
    }

    /// `levers` with only this lever and those before it.
    fn up_to(self, levers: &Levers) -> Levers {
        let on = |l: Lever| (l as usize) <= (self as usize);
        Levers {
            retention: if on(Lever::Retention) { levers.retention } else { 0.0 },
            frequency: if on(Lever::Frequency) { levers.frequency } else { 0.0 },
            spend: if on(Lever::Spend) { levers.spend } else { 0.0 },
            margin: if on(Lever::Margin) { levers.margin } else { 0.0 },
            discount_annual: if on(Lever::Discount) { levers.discount_annual } else { None },
            convert_potential: if on(Lever::Conversion) { levers.convert_potential } else { 0.0 },
        }
    }
}

/// One valued customer, as the scenarios need it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaseCustomer {
    /// Expected purchases in each month of the horizon, y_k = E[Y(k)] − E[Y(k−1)].
    pub purchases: Vec<f64>,
    pub spend: f64,
    pub margin: f64,
    pub is_new: bool,
    /// For a new customer in the potential class: the first-year margin expected once converted.
    pub potential_profit: Option<f64>,
    pub pyramid_level: usize,
}

/// Where the retention rate the lever raises comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum RetentionSource {
    /// The retention model's measured rate (docs/methods.md §2e).
    Measured,
    /// 1 − (expected dropout per purchase · expected purchases per month) from the BG/NBD fit, per
    /// period — for data without periods (a summary file).
    BgNbd,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Base {
    pub customers: Vec<BaseCustomer>,
    /// Customers without a CLV, left out.
    pub unvalued: u64,
    /// Retention rate per group period, and where it comes from.
    pub retention: f64,
    pub retention_source: RetentionSource,
    pub period_months: u32,
    pub horizon_months: u32,
    pub discount_annual: f64,
}

/// The scenarios' base from a scored table: `None` without the BG/NBD and Gamma-Gamma fits.
pub fn base(table: &CustomerTable, scored: &Scored, settings: &Settings) -> Option<Base> {
    let bg = &scored.bg_nbd.as_ref()?.params;
    scored.gamma_gamma.as_ref()?;
    let units_per_month = DAYS_PER_MONTH / table.unit.days();
    let new_matrix = &scored.frameworks.new_matrix;
    let mut customers = Vec::new();
    let mut unvalued = 0u64;
    let months: Vec<f64> = (1..=settings.horizon_months).map(|k| f64::from(k) * units_per_month).collect();
    let mut expected = bg_nbd::ExpectedPurchases::new(bg, &months);
    let mut ey = Vec::new();
    for (i, (c, s)) in table.customers.iter().zip(&scored.customers).enumerate() {
        let (Some(_), Some(spend)) = (s.clv, s.expected_mean_spend) else {
            unvalued += 1;
            continue;
        };
        expected.fill(c.frequency, c.recency, c.t, &mut ey);
        let mut prev = 0.0;
        let purchases = ey
            .iter()
            .map(|&now| {
                let y = now - prev;
                prev = now;
                y
            })
            .collect();
        let potential = new_matrix.class.get(i).copied().flatten() == Some(0);
        customers.push(BaseCustomer {
            purchases,
            spend,
            margin: if c.revenue > 0.0 { c.margin / c.revenue } else { settings.margin_rate },
            is_new: c.occasions < 2,
            potential_profit: if potential { new_matrix.potential_profit.get(i).copied().flatten() } else { None },
            pyramid_level: scored.frameworks.pyramid.level.get(i).copied().unwrap_or(0),
        });
    }
    let p = settings.group_period_months.max(1);
    let (retention, retention_source) = match &scored.groups.retention {
        Some(r) if r.retention_rate > 0.0 => (r.retention_rate, RetentionSource::Measured),
        _ => {
            let monthly_dropout = bg.a / (bg.a + bg.b) * bg.r / bg.alpha * units_per_month;
            ((1.0 - monthly_dropout).clamp(0.01, 1.0).powi(p as i32), RetentionSource::BgNbd)
        }
    };
    Some(Base {
        customers,
        unvalued,
        retention,
        retention_source,
        period_months: p,
        horizon_months: settings.horizon_months,
        discount_annual: settings.discount_annual,
    })
}

impl Base {
    /// A customer's CLV under `levers`, conversion aside.
    pub fn value(&self, c: &BaseCustomer, levers: &Levers) -> f64 {
        let rho = self.retention;
        let g = (((rho + levers.retention).min(1.0)) / rho).powf(1.0 / f64::from(self.period_months));
        let annual = levers.discount_annual.unwrap_or(self.discount_annual);
        let d = (1.0 + annual).powf(1.0 / 12.0) - 1.0;
        let mut disc = 0.0;
        for (k, y) in c.purchases.iter().enumerate() {
            let k = k as i32 + 1;
            disc += y * g.powi(k) * (1.0 + levers.frequency) / (1.0 + d).powi(k);
        }
        // The lever moves the margin ratio within 0…1; a ratio already outside (returns or costs
        // above revenue make such ratios) is where it starts.
        let m = (c.margin + levers.margin).clamp(c.margin.min(0.0), c.margin.max(1.0));
        m * (c.spend * (1.0 + levers.spend)) * disc
    }

    /// Each customer's value under `levers`, and the conversion's gain on each.
    fn values(&self, levers: &Levers) -> (Vec<f64>, Vec<f64>) {
        let c = levers.convert_potential.clamp(0.0, 1.0);
        self.customers
            .iter()
            .map(|x| {
                let v = self.value(x, levers);
                (v, x.potential_profit.map_or(0.0, |pp| c * (pp - v).max(0.0)))
            })
            .unzip()
    }

    /// The equity under `levers`.
    pub fn equity(&self, levers: &Levers) -> f64 {
        let (v, gain) = self.values(levers);
        v.iter().sum::<f64>() + gain.iter().sum::<f64>()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub lever: Lever,
    pub delta: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub levers: Levers,
    pub baseline: f64,
    pub scenario: f64,
    /// `scenario − baseline`, and that as a share of the baseline (0 when the baseline is 0).
    pub change: f64,
    pub change_share: f64,
    /// One step per lever, in order; their deltas add up to `scenario − baseline`.
    pub steps: Vec<Step>,
    /// New (0) and veteran (1) equity and customers, before and after (converted customers move).
    pub tenure_before: Vec<EquityPart>,
    pub tenure_after: Vec<EquityPart>,
    /// Value-pyramid levels A–D, before and after.
    pub pyramid_before: Vec<EquityPart>,
    pub pyramid_after: Vec<EquityPart>,
    /// New potential-class customers converted (the share of them, rounded).
    pub converted: u64,
    pub retention: f64,
    pub retention_source: RetentionSource,
}

/// One bar of the waterfall, placed on an axis from 0 to the largest running total: `left` and
/// `width` are shares of that axis. `lever` is `None` for the baseline and the scenario bars.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub lever: Option<Lever>,
    pub value: f64,
    pub left: f64,
    pub width: f64,
}

impl Outcome {
    /// The waterfall: the baseline, each lever's step from the running total, the scenario.
    pub fn bars(&self) -> Vec<Bar> {
        let mut running = self.baseline;
        let mut top = self.baseline.max(self.scenario);
        for s in &self.steps {
            running += s.delta;
            top = top.max(running);
        }
        let top = if top > 0.0 { top } else { 1.0 };
        let mut out = vec![Bar { lever: None, value: self.baseline, left: 0.0, width: self.baseline.max(0.0) / top }];
        let mut running = self.baseline;
        for s in &self.steps {
            let (a, b) = (running, running + s.delta);
            out.push(Bar { lever: Some(s.lever), value: s.delta, left: a.min(b).max(0.0) / top, width: (b - a).abs() / top });
            running = b;
        }
        out.push(Bar { lever: None, value: self.scenario, left: 0.0, width: self.scenario.max(0.0) / top });
        out
    }
}

/// The scenario `levers` against the baseline, with its waterfall and the class mix.
pub fn run(base: &Base, levers: &Levers) -> Outcome {
    let none = Levers::default();
    let baseline = base.equity(&none);
    let mut before = baseline;
    let steps = Lever::ALL
        .iter()
        .map(|&lever| {
            let now = base.equity(&lever.up_to(levers));
            let step = Step { lever, delta: now - before };
            before = now;
            step
        })
        .collect();
    let (v0, _) = base.values(&none);
    let (v, gain) = base.values(levers);
    let c = levers.convert_potential.clamp(0.0, 1.0);
    let potential = base.customers.iter().filter(|x| x.potential_profit.is_some()).count();
    // A converted customer's value (and a share c of each potential customer) moves to the veterans.
    let tenure_before: Vec<Option<usize>> = base.customers.iter().map(|x| Some(usize::from(!x.is_new))).collect();
    let (mut new_eq, mut vet_eq) = (0.0, 0.0);
    for ((x, value), g) in base.customers.iter().zip(&v).zip(&gain) {
        let moved = if x.potential_profit.is_some() { c } else { 0.0 };
        if x.is_new {
            new_eq += value * (1.0 - moved);
            vet_eq += value * moved + g;
        } else {
            vet_eq += value + g;
        }
    }
    let converted = (c * potential as f64).round() as u64;
    let new_count = base.customers.iter().filter(|x| x.is_new).count() as u64;
    let vet_count = base.customers.len() as u64 - new_count;
    let total = new_eq + vet_eq;
    let part = |class: usize, customers: u64, equity: f64| EquityPart {
        class,
        customers,
        equity,
        share: if total != 0.0 { equity / total } else { 0.0 },
    };
    let levels: Vec<Option<usize>> = base.customers.iter().map(|x| Some(x.pyramid_level)).collect();
    let after: Vec<Option<f64>> = v.iter().zip(&gain).map(|(a, b)| Some(a + b)).collect();
    let v0: Vec<Option<f64>> = v0.into_iter().map(Some).collect();
    Outcome {
        levers: *levers,
        baseline,
        scenario: before,
        change: before - baseline,
        change_share: if baseline != 0.0 { (before - baseline) / baseline } else { 0.0 },
        steps,
        tenure_before: split(&v0, &tenure_before, 2),
        tenure_after: vec![part(0, new_count - converted, new_eq), part(1, vet_count + converted, vet_eq)],
        pyramid_before: split(&v0, &levels, 4),
        pyramid_after: split(&after, &levels, 4),
        converted,
        retention: base.retention,
        retention_source: base.retention_source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerances::{HAND_COMPUTED_ABS, IDENTITY_REL};

    /// Two customers over a two-month horizon, annual discount 0 unless a lever sets it:
    /// A (veteran, level 0): y = [1.0, 0.5], s = 100, m = 0.3 → CLV = 0.3 · 100 · 1.5 = 45.
    /// B (new, potential, level 3): y = [0.2, 0.1], s = 50, m = 0.4, PP = 30 → CLV = 0.4 · 50 · 0.3 = 6.
    fn two() -> Base {
        Base {
            customers: vec![
                BaseCustomer {
                    purchases: vec![1.0, 0.5],
                    spend: 100.0,
                    margin: 0.3,
                    is_new: false,
                    potential_profit: None,
                    pyramid_level: 0,
                },
                BaseCustomer {
                    purchases: vec![0.2, 0.1],
                    spend: 50.0,
                    margin: 0.4,
                    is_new: true,
                    potential_profit: Some(30.0),
                    pyramid_level: 3,
                },
            ],
            unvalued: 0,
            retention: 0.5,
            retention_source: RetentionSource::Measured,
            period_months: 1,
            horizon_months: 2,
            discount_annual: 0.0,
        }
    }

    #[test]
    fn the_baseline_is_the_sum_of_clv() {
        let o = run(&two(), &Levers::default());
        assert!((o.baseline - 51.0).abs() < HAND_COMPUTED_ABS && (o.scenario - 51.0).abs() < HAND_COMPUTED_ABS);
        assert!(o.steps.iter().all(|s| s.delta.abs() < HAND_COMPUTED_ABS));
    }

    #[test]
    fn each_lever_worked_by_hand() {
        let b = two();
        let eq = |l: Levers| b.equity(&l);
        // Retention 0.5 → 0.6 per one-month period: g = 1.2; A: 0.3·100·(1·1.2 + 0.5·1.44) = 57.6,
        // B: 0.4·50·(0.2·1.2 + 0.1·1.44) = 7.68.
        assert!((eq(Levers { retention: 0.1, ..Levers::default() }) - 65.28).abs() < HAND_COMPUTED_ABS);
        // Frequency +10%, spend +20%: 51 · 1.1 · 1.2 = 67.32.
        assert!((eq(Levers { frequency: 0.1, spend: 0.2, ..Levers::default() }) - 67.32).abs() < HAND_COMPUTED_ABS);
        // Margin +0.1: A 0.4·150 = 60, B 0.5·15 = 7.5.
        assert!((eq(Levers { margin: 0.1, ..Levers::default() }) - 67.5).abs() < HAND_COMPUTED_ABS);
        // Annual discount 1.01^12 − 1 → monthly 1%: A 30·(1/1.01 + 0.5/1.0201), B 20·(0.2/1.01 + 0.1/1.0201).
        let d = eq(Levers { discount_annual: Some(1.01f64.powi(12) - 1.0), ..Levers::default() });
        let want = 30.0 * (1.0 / 1.01 + 0.5 / 1.0201) + 20.0 * (0.2 / 1.01 + 0.1 / 1.0201);
        assert!((d - want).abs() < 1e-9, "{d} vs {want}");
        // Converting half the potential class: + 0.5 · (30 − 6) = 12.
        assert!((eq(Levers { convert_potential: 0.5, ..Levers::default() }) - 63.0).abs() < HAND_COMPUTED_ABS);
    }

    #[test]
    fn the_waterfall_adds_up_and_the_converted_move_to_the_veterans() {
        let levers =
            Levers { retention: 0.1, frequency: 0.1, spend: 0.2, margin: 0.1, discount_annual: Some(0.05), convert_potential: 1.0 };
        let o = run(&two(), &levers);
        let sum: f64 = o.steps.iter().map(|s| s.delta).sum();
        assert!((o.baseline + sum - o.scenario).abs() <= IDENTITY_REL * o.scenario);
        assert!((o.scenario - two().equity(&levers)).abs() <= IDENTITY_REL * o.scenario);
        assert_eq!(o.steps.iter().map(|s| s.lever).collect::<Vec<_>>(), Lever::ALL);
        assert!(o.steps.iter().take(4).all(|s| s.delta > 0.0), "each raising lever adds: {:?}", o.steps);
        assert_eq!(o.converted, 1);
        assert_eq!((o.tenure_after[0].customers, o.tenure_after[1].customers), (0, 2));
        assert!(o.tenure_after[0].equity.abs() < HAND_COMPUTED_ABS, "the one new customer converted entirely");
        let parts: f64 = o.tenure_after.iter().map(|p| p.equity).sum();
        assert!((parts - o.scenario).abs() <= IDENTITY_REL * o.scenario);
        let levels: f64 = o.pyramid_after.iter().map(|p| p.equity).sum();
        assert!((levels - o.scenario).abs() <= IDENTITY_REL * o.scenario);
    }

    #[test]
    fn the_waterfall_bars_stand_on_each_other() {
        // Baseline 51; +12 from conversion; −x from a higher discount rate.
        let o = run(&two(), &Levers { discount_annual: Some(0.5), convert_potential: 0.5, ..Levers::default() });
        let bars = o.bars();
        assert_eq!(bars.len(), 8);
        let top = o.baseline.max(o.scenario);
        assert!((bars[0].width - o.baseline / top).abs() < HAND_COMPUTED_ABS);
        let discount = &bars[5];
        assert_eq!(discount.lever, Some(Lever::Discount));
        assert!(discount.value < 0.0);
        assert!((discount.left + discount.width - bars[0].width).abs() < HAND_COMPUTED_ABS, "a fall hangs from the running total");
        let conversion = &bars[6];
        assert!((conversion.left - discount.left).abs() < HAND_COMPUTED_ABS, "the next step starts where the fall ended");
        assert!((bars[7].width - o.scenario / top).abs() < HAND_COMPUTED_ABS);
    }

    #[test]
    fn retention_cannot_pass_one_hundred_percent() {
        let b = two();
        let full = b.equity(&Levers { retention: 0.5, ..Levers::default() });
        assert!(full > b.equity(&Levers::default()), "retention 0.5 → 1.0 doubles each month's purchases");
        assert_eq!(full, b.equity(&Levers { retention: 0.9, ..Levers::default() }));
    }

    #[test]
    fn on_the_generators_data_the_baseline_is_the_scored_equity() {
        let (imported, scored) = crate::scoring::scored_fixture(1500);
        let settings = Settings::default();
        let base = base(&imported.table, &scored, &settings).expect("fitted");
        let equity = scored.equity.as_ref().expect("equity").total;
        assert!(
            (base.equity(&Levers::default()) - equity).abs() <= IDENTITY_REL * equity,
            "{} vs {equity}",
            base.equity(&Levers::default())
        );
        assert_eq!(base.retention_source, RetentionSource::Measured);
        let o = run(&base, &Levers { retention: 0.05, ..Levers::default() });
        assert!(o.scenario > o.baseline, "{o:?}");
    }
}
