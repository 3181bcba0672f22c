//! Customer lifecycle (docs/methods.md §5, seeds 002 and 004): a stage per customer, the lifecycle profit
//! curve, the cohort retention triangle and the flow of customers between stages from an earlier
//! analysis date to the current one.
//!
//! Stage, tested in this order:
//! 1. 流失 lost: P(alive) < 0.1; with no model, days since the last purchase > 3 × the customer's own
//!    median gap between purchases and > 180 days; a customer with one purchase occasion (who has no
//!    gap of their own, and whom BG/NBD gives P(alive) = 1 whatever the date), days since it > 3 × the
//!    median days from a first to a second occasion among the customers who came back, and > 180 days
//!    (this last test is ours: docs/methods.md §5's two tests cannot apply to them, and without it every
//!    one-time buyer of years ago stayed in introduction);
//! 2. 导入期 introduction: one purchase occasion, or first purchase less than 90 days ago;
//! 3. 衰退期 decline: spend in the latest period more than 20% below the period before, or P(alive) < 0.5;
//! 4. 成长期 growth: spend in the latest period more than 20% above the period before;
//! 5. 成熟期 maturity: otherwise.
//!
//! Periods are `period_months` long and end at the analysis date (as in the veteran matrix). A
//! customer with nothing in the period before and something now is growing; nothing in either, declining.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::frameworks::class_table::{aggregate, median, ClassRow};
use crate::lang::Lang;
use crate::table::customer_table::Occasion;
use crate::time_unit::{days_between, DAYS_PER_MONTH};
use crate::table::group_periods::{months_before, period_spend};
use crate::texts::Text;
use crate::say;

pub const STAGES: [&str; 5] = ["introduction", "growth", "maturity", "decline", "lost"];

pub use crate::settings::StageRules;

impl Default for StageRules {
    fn default() -> Self {
        StageRules { lost_p_alive: 0.1, lost_gap_multiple: 3.0, lost_min_days: 180.0, introduction_days: 90, decline_p_alive: 0.5, spend_change: 0.2, period_months: 6 }
    }
}
const INTRODUCTION: usize = 0;
const GROWTH: usize = 1;
const MATURITY: usize = 2;
const DECLINE: usize = 3;
const LOST: usize = 4;

pub fn label(stage: usize, lang: Lang) -> &'static str {
    const LABELS: [Text; 5] = [Text::StageIntroduction, Text::StageGrowth, Text::StageMaturity, Text::StageDecline, Text::StageLost];
    LABELS[stage.min(4)].get(lang)
}

/// The exhibition seed's alternative labels 培育期/确认期/信任期/弱化期/消失期, same order: the seed's
/// own terms, shown in both languages beside the stage's name.
pub fn alternative_label(stage: usize) -> &'static str {
    const LABELS: [Text; 5] = [Text::StageSeedNurture, Text::StageSeedConfirm, Text::StageSeedTrust, Text::StageSeedWeaken, Text::StageSeedVanish];
    LABELS[stage.min(4)].zh()
}

/// Which test of the stage rules (module doc) decided a customer's stage, with its numbers: what the
/// customer card says (`class_reasons`). [`stage_of`] is `stage_why(…).stage()`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StageWhy {
    /// Lost: P(alive) below the cut.
    LostPAlive { p_alive: f64, cut: f64 },
    /// Lost without a model: days since the last purchase above `multiple` × the customer's median gap
    /// and above `min_days`.
    LostGap { days_since: f64, median_gap: f64, multiple: f64, min_days: f64 },
    /// Lost with one occasion: days since it above `multiple` × the median first-to-second gap of the
    /// customers who came back, and above `min_days`.
    LostOneTime { days_since: f64, second_gap: f64, multiple: f64, min_days: f64 },
    /// Introduction: one purchase occasion so far.
    OneOccasion,
    /// Introduction: the first purchase fewer than `cut` days ago.
    Recent { days_since_first: f64, cut: f64 },
    /// Decline by P(alive) below the cut (whatever the spend did).
    DeclinePAlive { p_alive: f64, cut: f64 },
    /// Decline, growth or maturity by the change of spend between the two periods against ± `cut`
    /// (`before` and `now` the two periods' spend; the change is infinite from nothing to something).
    SpendChange { stage: usize, before: f64, now: f64, change: f64, cut: f64, months: u32 },
}

impl StageWhy {
    pub fn stage(self) -> usize {
        match self {
            StageWhy::LostPAlive { .. } | StageWhy::LostGap { .. } | StageWhy::LostOneTime { .. } => LOST,
            StageWhy::OneOccasion | StageWhy::Recent { .. } => INTRODUCTION,
            StageWhy::DeclinePAlive { .. } => DECLINE,
            StageWhy::SpendChange { stage, .. } => stage,
        }
    }
}

/// One customer's stage from its occasions (date, spend; in date order) at `end`. `second_gap`: the
/// median days from a first to a second occasion among the customers with two or more by `end`
/// ([`median_second_gap`]), the yardstick for a customer with one occasion (`None`: nobody came back).
pub fn stage_of(occasions: &[Occasion], end: NaiveDate, p_alive: Option<f64>, second_gap: Option<f64>, rules: &StageRules) -> Option<usize> {
    stage_why(occasions, end, p_alive, second_gap, rules).map(StageWhy::stage)
}

/// [`stage_of`] with the test that decided it.
pub fn stage_why(occasions: &[Occasion], end: NaiveDate, p_alive: Option<f64>, second_gap: Option<f64>, rules: &StageRules) -> Option<StageWhy> {
    let first = occasions.first()?.date;
    let last = occasions.last()?.date;
    let since = days_between(end, last) as f64;
    let (multiple, min_days) = (rules.lost_gap_multiple, rules.lost_min_days);
    let lost = match p_alive {
        _ if occasions.len() == 1 => second_gap
            .filter(|&g| since > multiple * g && since > min_days)
            .map(|second_gap| StageWhy::LostOneTime { days_since: since, second_gap, multiple, min_days }),
        Some(p) => (p < rules.lost_p_alive).then_some(StageWhy::LostPAlive { p_alive: p, cut: rules.lost_p_alive }),
        None => {
            let mut gaps: Vec<i64> = occasions.windows(2).map(|w| days_between(w[1].date, w[0].date)).collect();
            if gaps.is_empty() {
                None
            } else {
                gaps.sort_unstable();
                let n = gaps.len();
                let median = if n % 2 == 1 { gaps[n / 2] as f64 } else { (gaps[n / 2 - 1] + gaps[n / 2]) as f64 / 2.0 };
                (since > multiple * median && since > min_days).then_some(StageWhy::LostGap { days_since: since, median_gap: median, multiple, min_days })
            }
        }
    };
    if lost.is_some() {
        return lost;
    }
    if occasions.len() == 1 {
        return Some(StageWhy::OneOccasion);
    }
    let days_since_first = days_between(end, first);
    if days_since_first < rules.introduction_days {
        return Some(StageWhy::Recent { days_since_first: days_since_first as f64, cut: rules.introduction_days as f64 });
    }
    let (before, now) = period_spend(occasions.iter().map(|o| (o.date, o.spend)), end, rules.period_months);
    let change = if before > 0.0 { (now - before) / before } else if now > 0.0 { f64::INFINITY } else { -1.0 };
    if let Some(p) = p_alive.filter(|&p| p < rules.decline_p_alive && change >= -rules.spend_change) {
        return Some(StageWhy::DeclinePAlive { p_alive: p, cut: rules.decline_p_alive });
    }
    let stage = if change < -rules.spend_change {
        DECLINE
    } else if change > rules.spend_change {
        GROWTH
    } else {
        MATURITY
    };
    Some(StageWhy::SpendChange { stage, before, now, change, cut: rules.spend_change, months: rules.period_months })
}

/// The median days from a first to a second purchase occasion, over the customers with two or more
/// occasions by `end` (`None` when there are none): how long a customer who comes back usually takes.
pub fn median_second_gap(customers: &[&[Occasion]], end: NaiveDate) -> Option<f64> {
    let gaps: Vec<f64> = customers
        .iter()
        .filter_map(|occ| match occ {
            [a, b, ..] if b.date <= end => Some(days_between(b.date, a.date) as f64),
            _ => None,
        })
        .collect();
    (!gaps.is_empty()).then(|| median(&gaps))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfitPoint {
    /// Whole months (30.4375 days) since the first purchase.
    pub month: u32,
    /// Customers with a purchase occasion in that month of their life.
    pub active: u64,
    pub mean_margin: f64,
}

/// Mean margin per active customer by month since first purchase (seed 002's lifecycle profit curve).
pub fn profit_curve(customers: &[&[Occasion]]) -> Vec<ProfitPoint> {
    let mut active: Vec<u64> = Vec::new();
    let mut margin: Vec<f64> = Vec::new();
    for occ in customers {
        let Some(first) = occ.first().map(|o| o.date) else { continue };
        let mut last_month = None;
        for &Occasion { date: d, margin: m, .. } in occ.iter() {
            let month = (days_between(d, first) as f64 / DAYS_PER_MONTH).floor() as usize;
            if month >= active.len() {
                active.resize(month + 1, 0);
                margin.resize(month + 1, 0.0);
            }
            if last_month != Some(month) {
                active[month] += 1;
                last_month = Some(month);
            }
            margin[month] += m;
        }
    }
    (0..active.len())
        .filter(|&m| active[m] > 0)
        .map(|m| ProfitPoint { month: m as u32, active: active[m], mean_margin: margin[m] / active[m] as f64 })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cohort {
    /// Calendar month of the first purchase, "YYYY-MM".
    pub month: String,
    pub customers: u64,
    /// Share of the cohort with a purchase occasion k calendar months after its first (k = 0, 1, …,
    /// up to the analysis date; month 0 is 1 by definition).
    pub retention: Vec<f64>,
}

fn month_index(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

/// The cohort retention triangle by calendar month of acquisition.
pub fn cohort_triangle(customers: &[&[Occasion]], end: NaiveDate) -> Vec<Cohort> {
    use std::collections::BTreeMap;
    let last = month_index(end);
    let mut cohorts: BTreeMap<i32, (u64, Vec<u64>)> = BTreeMap::new();
    for occ in customers {
        let Some(first) = occ.first().map(|o| o.date) else { continue };
        let start = month_index(first);
        let entry = cohorts.entry(start).or_insert_with(|| (0, vec![0; (last - start + 1).max(1) as usize]));
        entry.0 += 1;
        let mut seen = vec![false; entry.1.len()];
        for o in occ.iter() {
            let k = (month_index(o.date) - start) as usize;
            if k < seen.len() && !seen[k] {
                seen[k] = true;
                entry.1[k] += 1;
            }
        }
    }
    cohorts
        .into_iter()
        .map(|(m, (n, active))| Cohort {
            month: format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1),
            customers: n,
            retention: active.iter().map(|&a| a as f64 / n as f64).collect(),
        })
        .collect()
}

/// How "lost" is decided: by P(alive) under BG/NBD, or, without a model for every customer, by the
/// recency rule (module doc, rule 1). Written as `p_alive` and `recency_rule` in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LostRule {
    PAlive,
    RecencyRule,
}

impl std::fmt::Display for LostRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LostRule::PAlive => "p_alive",
            LostRule::RecencyRule => "recency_rule",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lifecycle {
    pub stage: Vec<Option<usize>>,
    pub lost_rule: LostRule,
    pub table: Vec<ClassRow>,
    pub profit_curve: Vec<ProfitPoint>,
    pub cohorts: Vec<Cohort>,
    /// Stages at `flow_from` (rows, plus a last row for customers not yet acquired then) × stages now.
    pub flow_from: Option<NaiveDate>,
    pub flow: Vec<Vec<u64>>,
    /// The median days from a first to a second occasion ([`median_second_gap`]) at the analysis date.
    pub second_gap_days: Option<f64>,
}

/// How "lost" was decided, with the numbers used, for the lifecycle view.
pub fn lost_rule_text(lost_rule: LostRule, second_gap_days: Option<f64>, rules: &StageRules, lang: Lang) -> String {
    let (k, min) = (rules.lost_gap_multiple, rules.lost_min_days);
    let min_days = format!("{min:.0}");
    let one_time = match second_gap_days {
        Some(g) => say!(Text::LostOneTimeAfterGap, lang, days = (k * g).max(min).floor(), k = k, gap = format!("{g:.0}"), min = min_days),
        None => Text::LostOneTimeNoRepeat.get(lang).to_string(),
    };
    let main = match lost_rule {
        LostRule::PAlive => say!(Text::LostByPAlive, lang, p = rules.lost_p_alive),
        LostRule::RecencyRule => say!(Text::LostByGap, lang, k = k, min = min_days),
    };
    say!(Text::SentenceThenSentence, lang, first = main, second = one_time)
}

/// Everything above for customers' occasions (date, spend, margin; each customer's in date order, as
/// the customer table keeps them), their P(alive) now and at `flow_from` (each `None` when no
/// model), and their margins.
pub struct LifecycleInputs<'a> {
    pub occasions: Vec<&'a [Occasion]>,
    pub end: NaiveDate,
    pub p_alive: &'a [Option<f64>],
    pub flow_from: Option<(NaiveDate, Vec<Option<f64>>)>,
    pub margin: &'a [f64],
    pub rules: StageRules,
}

pub fn build(inputs: &LifecycleInputs) -> Lifecycle {
    let stage_at = |i: usize, end: NaiveDate, p: Option<f64>, second_gap: Option<f64>| {
        let occ = inputs.occasions[i];
        stage_of(&occ[..occ.partition_point(|o| o.date <= end)], end, p, second_gap, &inputs.rules)
    };
    let n = inputs.occasions.len();
    let gap_now = median_second_gap(&inputs.occasions, inputs.end);
    let stage: Vec<Option<usize>> = (0..n).map(|i| stage_at(i, inputs.end, inputs.p_alive[i], gap_now)).collect();
    let mut flow = vec![vec![0u64; STAGES.len()]; STAGES.len() + 1];
    if let Some((from, p_then)) = &inputs.flow_from {
        let gap_then = median_second_gap(&inputs.occasions, *from);
        for i in 0..n {
            let Some(now) = stage[i] else { continue };
            let then = stage_at(i, *from, p_then[i], gap_then).unwrap_or(STAGES.len());
            flow[then][now] += 1;
        }
    }
    Lifecycle {
        table: aggregate(&STAGES, &stage, inputs.margin),
        lost_rule: if inputs.p_alive.iter().all(Option::is_some) { LostRule::PAlive } else { LostRule::RecencyRule },
        profit_curve: profit_curve(&inputs.occasions),
        cohorts: cohort_triangle(&inputs.occasions, inputs.end),
        flow_from: inputs.flow_from.as_ref().map(|f| f.0),
        flow,
        stage,
        second_gap_days: gap_now,
    }
}

/// The earlier analysis date of the stage flow: `months` before `end`.
pub fn flow_start(end: NaiveDate, months: u32) -> NaiveDate {
    months_before(end, months)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn o(date: &str, spend: f64, margin: f64) -> Occasion {
        Occasion { date: d(date), spend, margin }
    }

    /// One customer per stage by construction (end 2024-12-31, 6-month periods: now is after
    /// 2024-07-01, before is 2023-12-31 … 2024-07-01), and customers exactly on the thresholds.
    #[test]
    fn stages_by_construction() {
        let end = d("2024-12-31");
        let rules = StageRules::default();
        let s = |occ: &[(&str, f64)], p: Option<f64>| stage_of(&occ.iter().map(|&(x, v)| o(x, v, 0.0)).collect::<Vec<_>>(), end, p, None, &rules);
        assert_eq!(s(&[("2024-01-10", 10.0), ("2024-10-10", 10.0)], Some(0.05)), Some(LOST));
        assert_eq!(s(&[("2024-01-10", 10.0), ("2024-10-10", 10.0)], Some(0.1)), Some(DECLINE), "P(alive) = 0.1 is not lost, and below 0.5 declines");
        assert_eq!(s(&[("2023-01-10", 10.0)], Some(1.0)), Some(INTRODUCTION), "one occasion, nobody came back to measure by");
        assert_eq!(s(&[("2024-10-03", 10.0), ("2024-12-01", 10.0)], Some(0.9)), Some(INTRODUCTION), "89 days of tenure");
        assert_eq!(s(&[("2024-03-01", 100.0), ("2024-10-01", 50.0)], Some(0.9)), Some(DECLINE), "−50%");
        assert_eq!(s(&[("2024-03-01", 100.0), ("2024-10-01", 80.0)], Some(0.9)), Some(MATURITY), "exactly −20% is not decline");
        assert_eq!(s(&[("2024-03-01", 100.0), ("2024-10-01", 120.0)], Some(0.9)), Some(MATURITY), "exactly +20% is not growth");
        assert_eq!(s(&[("2024-03-01", 100.0), ("2024-10-01", 121.0)], Some(0.9)), Some(GROWTH));
        assert_eq!(s(&[("2024-03-01", 100.0), ("2024-10-01", 150.0)], Some(0.4)), Some(DECLINE), "P(alive) < 0.5 declines");
        // No model: last purchase 2024-01-01, gaps 30 days; 365 days since > 3 × 30 and > 180: lost.
        assert_eq!(s(&[("2023-11-02", 10.0), ("2023-12-02", 10.0), ("2024-01-01", 10.0)], None), Some(LOST));
        // No model, 150 days since the last purchase: not > 180, so not lost; spend 10 → 20: growth.
        assert_eq!(s(&[("2024-06-04", 10.0), ("2024-07-04", 10.0), ("2024-08-03", 10.0)], None), Some(GROWTH));
    }

    /// One occasion: lost once the days since it pass both 3 × the median first-to-second gap and 180.
    /// End 2024-12-31; the gap 100 days, so the line is 300 days (after 2024-03-06).
    #[test]
    fn a_one_time_buyer_is_lost_after_three_times_the_usual_wait_for_a_second_purchase() {
        let end = d("2024-12-31");
        let rules = StageRules::default();
        let s = |date: &str, p: Option<f64>, gap: Option<f64>| stage_of(&[o(date, 10.0, 0.0)], end, p, gap, &rules);
        assert_eq!(s("2023-01-10", Some(1.0), Some(100.0)), Some(LOST), "721 days > 300: lost, though BG/NBD says P(alive) = 1");
        assert_eq!(s("2023-01-10", None, Some(100.0)), Some(LOST), "the same without a model");
        assert_eq!(s("2024-03-06", Some(1.0), Some(100.0)), Some(INTRODUCTION), "exactly 300 days is not over the line");
        assert_eq!(s("2024-03-05", Some(1.0), Some(100.0)), Some(LOST), "301 days");
        assert_eq!(s("2024-08-01", Some(1.0), Some(20.0)), Some(INTRODUCTION), "152 days: over 3 × 20 but not over 180");
        assert_eq!(s("2024-06-01", Some(1.0), Some(20.0)), Some(LOST), "213 days: over 180 and over 60");
        assert_eq!(s("2023-01-10", Some(1.0), Some(300.0)), Some(INTRODUCTION), "721 days < 3 × 300");
        // The yardstick: first-to-second gaps 10, 30, 100 (median 30); a customer whose second
        // occasion comes after `end` does not count yet; one-occasion customers not at all.
        let a = [o("2024-01-01", 1.0, 0.0), o("2024-01-11", 1.0, 0.0), o("2024-06-01", 1.0, 0.0)];
        let b = [o("2024-02-01", 1.0, 0.0), o("2024-03-02", 1.0, 0.0)];
        let c = [o("2024-01-01", 1.0, 0.0), o("2024-04-10", 1.0, 0.0)];
        let late = [o("2024-01-01", 1.0, 0.0), o("2025-02-01", 1.0, 0.0)];
        let once = [o("2024-05-01", 1.0, 0.0)];
        let all: Vec<&[Occasion]> = vec![&a, &b, &c, &late, &once];
        assert_eq!(median_second_gap(&all, end), Some(30.0));
        assert_eq!(median_second_gap(&all[..2], end), Some(20.0), "an even count: the mean of the middle two");
        assert_eq!(median_second_gap(&all[4..], end), None);
    }

    #[test]
    fn the_lost_rule_reads_with_its_numbers() {
        let rules = StageRules::default();
        let l = |rule: LostRule, gap: Option<f64>, lang| lost_rule_text(rule, gap, &rules, lang);
        assert_eq!(
            l(LostRule::PAlive, Some(72.0), Lang::En),
            "Lost: P(alive) below 0.1 under BG/NBD. A customer with one purchase is lost once more than 216 days have passed since it: 3 × the 72 days that customers who came back took, at the median, to buy again, and over 180."
        );
        assert!(l(LostRule::PAlive, Some(20.0), Lang::Zh).contains("超过 180 天即为流失"), "3 × 20 < 180: the floor");
        assert!(l(LostRule::RecencyRule, None, Lang::En).ends_with("so one-time buyers stay in introduction."));
    }

    /// Two customers: A buys in months 0 and 2 (margins 10 and 30), B in month 0 twice (5 + 5) and
    /// month 1 (20). Month 0: 2 active, mean (10 + 10)/2 = 10; month 1: B alone, 20; month 2: A, 30.
    #[test]
    fn profit_curve_by_hand() {
        let a = [o("2024-01-01", 0.0, 10.0), o("2024-03-05", 0.0, 30.0)];
        let b = [o("2024-02-01", 0.0, 5.0), o("2024-02-10", 0.0, 5.0), o("2024-03-05", 0.0, 20.0)];
        let c = profit_curve(&[&a, &b]);
        let got: Vec<(u32, u64, f64)> = c.iter().map(|p| (p.month, p.active, p.mean_margin)).collect();
        assert_eq!(got, vec![(0, 2, 10.0), (1, 1, 20.0), (2, 1, 30.0)]);
    }

    /// Cohort 2024-01 of two customers, one buying again in March; cohort 2024-02 of one, back in March.
    #[test]
    fn cohort_triangle_by_hand() {
        let a = [o("2024-01-05", 1.0, 0.0), o("2024-03-05", 1.0, 0.0)];
        let b = [o("2024-01-20", 1.0, 0.0)];
        let c = [o("2024-02-02", 1.0, 0.0), o("2024-03-01", 1.0, 0.0)];
        let t = cohort_triangle(&[&a, &b, &c], d("2024-03-31"));
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].month.as_str(), t[0].customers, t[0].retention.clone()), ("2024-01", 2, vec![1.0, 0.0, 0.5]));
        assert_eq!((t[1].month.as_str(), t[1].customers, t[1].retention.clone()), ("2024-02", 1, vec![1.0, 1.0]));
    }
}
