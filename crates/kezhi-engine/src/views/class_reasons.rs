//! Why a customer is in a class: for each framework, the customer's own numbers against the cut
//! points that decided it (docs/methods.md gives every rule), for the customer card.
//!
//! A reason is a list of [`Line`]s: a [`Fact`] (a measure's value, the test it passed and the cut)
//! or a [`Note`] (a rule without a number: one purchase so far, no rule covers the scores). The
//! values are those the frameworks classed by, taken from the same functions
//! (`frameworks::monthly_spend`, `growth_axes`, `lifecycle::stage_why`, …), and every fact holds for
//! every customer of the demo (`every_fact_holds_and_implies_the_class`).

use crate::views::customer_list::{class_of, Dimension};
use crate::table::customer_table::{Customer, CustomerTable};
use crate::frameworks::class_table::LevelCuts;
use crate::frameworks::FrameworkCuts;
use crate::frameworks::{growth_axes, margin_per_occasion, monthly_spend, tenure_months, value_axes, veteran_loyalty};
use crate::lang::{group_thousands, Lang};
use crate::say;
use crate::texts::Text;
use crate::frameworks::lifecycle::{stage_why, StageWhy};
use crate::frameworks::value_pyramid::RankedBy;
use crate::rfm::value_classes::{centres, Split};
use crate::scoring::{CustomerScore, Scored};

/// What a fact measures (its name and how its value is written).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measure {
    RScore,
    FScore,
    MScore,
    DaysSinceLast,
    Purchases,
    Spend,
    Clv,
    Margin,
    Revenue,
    WeightedRfm,
    MonthlySpend,
    MarginPerPurchase,
    RepeatPurchases,
    PAlive,
    FScoreLoyalty,
    MarginPerMonth,
    /// Growth a of the veteran matrix: share of wallet, or spend when there is no wallet.
    VeteranGrowth { share_of_wallet: bool, months: u32 },
    Conversion,
    PotentialProfit,
    MarginRate,
    SpendGrowth { months: u32 },
    FrequencyGrowth { months: u32 },
    DaysSinceFirst,
}

/// The cut a value is tested against, and what it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cut {
    Mean(f64),
    Median(f64),
    /// A cut the settings give.
    Set(f64),
    /// The mean over the customers a model was fitted on.
    ModelMean(f64),
    /// The median over the customers a model was fitted on.
    ModelMedian(f64),
    /// The lowest value a class held among the customers a model was fitted on.
    ModelLowest(f64),
}

impl Cut {
    pub fn value(self) -> f64 {
        match self {
            Cut::Mean(v) | Cut::Median(v) | Cut::Set(v) | Cut::ModelMean(v) | Cut::ModelMedian(v) | Cut::ModelLowest(v) => v,
        }
    }
}

/// The test a value passed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Test {
    Above(Cut),
    NotAbove(Cut),
    Below(Cut),
    NotBelow(Cut),
    /// Strictly between two cuts.
    Between(Cut, Cut),
    /// Within the values its class by rank holds (lowest, highest), and the class's share of the
    /// customers from the top (from, to).
    InRange { low: f64, high: f64, top_from: f64, top_to: f64 },
    /// Within a rule's range of scores.
    InRule(u8, u8),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fact {
    pub measure: Measure,
    pub value: f64,
    pub test: Test,
}

impl Fact {
    /// Whether the value passes its test.
    pub fn holds(&self) -> bool {
        let v = self.value;
        match self.test {
            Test::Above(c) => v > c.value(),
            Test::NotAbove(c) => v <= c.value(),
            Test::Below(c) => v < c.value(),
            Test::NotBelow(c) => v >= c.value(),
            Test::Between(a, b) => v > a.value() && v < b.value(),
            Test::InRange { low, high, .. } => v >= low && v <= high,
            Test::InRule(a, b) => (f64::from(a)..=f64::from(b)).contains(&v),
        }
    }
}

/// A rule that decided without a number of its own.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Note {
    /// No segment rule covers the R, F, M scores: "Others".
    NoRuleCovers,
    /// The lifecycle's introduction: one purchase occasion so far.
    OneOccasion,
    /// The veteran matrix's asset quality from its two tests: 0 = 优 good, 1 = 中 fair, 2 = 劣 poor.
    Quality(usize),
    /// Clusters: the nearest of the k-means centres on the standardised features.
    NearestCentre,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Line {
    Fact(Fact),
    Note(Note),
}

/// Why customer `i` is in its class of `dim`; `None` where the framework does not class the customer.
pub fn explain(table: &CustomerTable, scored: &Scored, dim: Dimension, i: usize) -> Option<Vec<Line>> {
    class_of(scored, dim, i)?;
    let why = Why { table, scored, i, s: scored.customers.get(i)?, c: table.customers.get(i)?, given: scored.frameworks.given_cuts.as_ref() };
    match dim {
        Dimension::Segment => why.segment(),
        Dimension::ValueClass => Some(why.value_class()),
        Dimension::Pyramid => why.pyramid(),
        Dimension::Tier => why.tier(),
        Dimension::Gmcb => Some(why.gmcb()),
        Dimension::NewMatrix => why.new_matrix(),
        Dimension::Veteran => why.veteran(),
        Dimension::Lifecycle => why.lifecycle(),
        Dimension::ValueGrid => why.value_grid(),
        Dimension::GrowthGrid => why.growth_grid(),
        Dimension::Cluster => Some(vec![Line::Note(Note::NearestCentre)]),
        Dimension::RfCell | Dimension::AtRisk => None,
    }
}

fn fact(measure: Measure, value: f64, test: Test) -> Line {
    Line::Fact(Fact { measure, value, test })
}

/// One customer's numbers and the scores they were classed by.
struct Why<'a> {
    table: &'a CustomerTable,
    scored: &'a Scored,
    i: usize,
    s: &'a CustomerScore,
    c: &'a Customer,
    /// A model's cut values, when the classes were drawn at them.
    given: Option<&'a FrameworkCuts>,
}

impl Why<'_> {
    /// A median of these customers, or of the customers a model was fitted on.
    fn median(&self, v: f64) -> Cut {
        if self.given.is_some() { Cut::ModelMedian(v) } else { Cut::Median(v) }
    }

    fn vs_median(&self, measure: Measure, value: f64, m: f64) -> Line {
        fact(measure, value, if value > m { Test::Above(self.median(m)) } else { Test::NotAbove(self.median(m)) })
    }

    fn segment(&self) -> Option<Vec<Line>> {
        let s = self.s;
        Some(match self.scored.segments.get(s.segment?) {
            None => vec![Line::Note(Note::NoRuleCovers)],
            Some(rule) => vec![
                fact(Measure::RScore, f64::from(s.r_score), Test::InRule(rule.r.0, rule.r.1)),
                fact(Measure::FScore, f64::from(s.f_score), Test::InRule(rule.f.0, rule.f.1)),
                fact(Measure::MScore, f64::from(s.m_score), Test::InRule(rule.m.0, rule.m.1)),
            ],
        })
    }

    fn value_class(&self) -> Vec<Line> {
        let (scored, i) = (self.scored, self.i);
        let r = &scored.rfm;
        let (cr, cf, cm) = match scored.model_value_centres {
            Some([cr, cf, cm]) => (cr, cf, cm),
            None => centres(&r.recency_days, &r.frequency, &r.monetary, scored.settings.value_split),
        };
        let model = scored.model_value_centres.is_some();
        let cut = |v| match (scored.settings.value_split, model) {
            (Split::Mean, false) => Cut::Mean(v),
            (Split::Median, false) => Cut::Median(v),
            (Split::Mean, true) => Cut::ModelMean(v),
            (Split::Median, true) => Cut::ModelMedian(v),
            (Split::Fixed { .. }, _) => Cut::Set(v),
        };
        let days = r.recency_days[i];
        vec![
            fact(Measure::DaysSinceLast, days, if days < cr { Test::Below(cut(cr)) } else { Test::NotBelow(cut(cr)) }),
            fact(Measure::Purchases, r.frequency[i], if r.frequency[i] > cf { Test::Above(cut(cf)) } else { Test::NotAbove(cut(cf)) }),
            fact(Measure::Spend, r.monetary[i], if r.monetary[i] > cm { Test::Above(cut(cm)) } else { Test::NotAbove(cut(cm)) }),
        ]
    }

    fn pyramid(&self) -> Option<Vec<Line>> {
        let (p, s, c) = (&self.scored.frameworks.pyramid, self.s, self.c);
        let (measure, value) = match p.ranked_by {
            RankedBy::Clv => (Measure::Clv, s.clv?),
            RankedBy::Revenue => (Measure::Revenue, c.revenue),
            RankedBy::WeightedRfm => (Measure::WeightedRfm, s.rfm_combined),
            RankedBy::Margin => (Measure::Margin, c.margin),
        };
        let level = p.level[self.i];
        if let Some(g) = self.given {
            return Some(at_model_cuts(measure, value, &g.pyramid, p.ranges.len() - 1 - level));
        }
        let (low, high) = p.ranges.get(level).copied().flatten()?;
        let (top_from, top_to) = top_shares(&self.scored.settings.pyramid_shares, level);
        Some(vec![fact(measure, value, Test::InRange { low, high, top_from, top_to })])
    }

    fn tier(&self) -> Option<Vec<Line>> {
        let t = &self.scored.frameworks.tiers;
        let tier = t.tier[self.i];
        let measure = if t.by_total_spend { Measure::Revenue } else { Measure::MonthlySpend };
        let value = if t.by_total_spend { self.c.revenue } else { monthly_spend(self.table, self.i) };
        if let (Some(g), None) = (self.given, &self.scored.settings.tier_thresholds) {
            return Some(at_model_cuts(measure, value, &g.tiers, tier));
        }
        let (low, high) = t.ranges.get(tier).copied().flatten()?;
        // Shares are bottom to top; the top share of tier k counts the tiers above it.
        let top_down: Vec<f64> = self.scored.settings.tier_shares.iter().rev().copied().collect();
        let (top_from, top_to) = top_shares(&top_down, t.ranges.len() - 1 - tier);
        Some(vec![fact(measure, value, Test::InRange { low, high, top_from, top_to })])
    }

    fn gmcb(&self) -> Vec<Line> {
        let g = &self.scored.frameworks.gmcb;
        vec![
            self.vs_median(Measure::MarginPerPurchase, margin_per_occasion(self.c), g.profit_median),
            self.vs_median(Measure::RepeatPurchases, self.c.frequency, g.repeats_median),
        ]
    }

    fn new_matrix(&self) -> Option<Vec<Line>> {
        let m = &self.scored.frameworks.new_matrix;
        let (p, conv) = (m.potential_profit[self.i]?, m.conversion[self.i]?);
        let conv_cut = if self.scored.settings.new_conversion_cut.is_some() { Cut::Set(m.conversion_cut) } else { self.median(m.conversion_cut) };
        Some(vec![
            self.vs_median(Measure::PotentialProfit, p, m.profit_cut),
            fact(Measure::Conversion, conv, if conv > conv_cut.value() { Test::Above(conv_cut) } else { Test::NotAbove(conv_cut) }),
        ])
    }

    fn veteran(&self) -> Option<Vec<Line>> {
        let (table, scored, i, s) = (self.table, self.scored, self.i, self.s);
        let v = scored.frameworks.veteran.as_ref()?;
        let use_p_alive = v.loyalty_measure == "p_alive";
        // The matrix reads the 5-bin F score; the scores shown may have another number of bins.
        let f_five = if use_p_alive || scored.rfm.bins == 5 { s.f_score } else { crate::rfm::scores::score(table, 5, scored.settings.rfm_monetary).f[i] };
        let loyalty = veteran_loyalty(s.p_alive, f_five, use_p_alive);
        let loyalty_measure = if use_p_alive { Measure::PAlive } else { Measure::FScoreLoyalty };
        let a = v.growth[i].unwrap_or(f64::INFINITY);
        let growth = Measure::VeteranGrowth { share_of_wallet: v.growth_measure == "share_of_wallet", months: scored.settings.veteran_period_months };
        let growth_test = if a >= v.fast {
            Test::NotBelow(Cut::Set(v.fast))
        } else if a > 0.0 {
            Test::Between(Cut::Set(0.0), Cut::Set(v.fast))
        } else {
            Test::NotAbove(Cut::Set(0.0))
        };
        Some(vec![
            self.vs_median(loyalty_measure, loyalty, v.loyalty_median),
            self.vs_median(Measure::MarginPerMonth, self.c.margin / tenure_months(table, i), v.margin_median),
            Line::Note(Note::Quality(v.quality[i]?)),
            fact(growth, a, growth_test),
        ])
    }

    fn lifecycle(&self) -> Option<Vec<Line>> {
        let l = self.scored.frameworks.lifecycle.as_ref()?;
        let end = self.table.analysis_date?;
        Some(stage_lines(stage_why(self.table.occasions_of(self.i), end, self.s.p_alive, l.second_gap_days, &self.scored.settings.lifecycle)?))
    }

    fn value_grid(&self) -> Option<Vec<Line>> {
        let (margin, rate) = value_axes(self.c);
        let grid = &self.scored.frameworks.value_grid;
        let cell = grid.cell[self.i]?;
        Some(match self.given {
            Some(g) => [at_model_cuts(Measure::Margin, margin?, &g.value_grid[0], cell / 3), at_model_cuts(Measure::MarginRate, rate?, &g.value_grid[1], cell % 3)].concat(),
            None => grid_lines(&grid.ranges, cell, [(Measure::Margin, margin?), (Measure::MarginRate, rate?)])?,
        })
    }

    fn growth_grid(&self) -> Option<Vec<Line>> {
        let g = self.scored.frameworks.growth_grid.as_ref()?;
        let months = self.scored.settings.lifecycle.period_months;
        let (spend, freq) = growth_axes(self.table, self.i, self.table.analysis_date?, months)?;
        grid_lines(&g.ranges, g.cell[self.i]?, [(Measure::SpendGrowth { months }, spend), (Measure::FrequencyGrowth { months }, freq)])
    }
}

/// A value's level at a model's cut values (`level`, bottom first): at least its level's lowest
/// value among the fitted customers (unless it is below every level), below the next level's.
fn at_model_cuts(measure: Measure, value: f64, cuts: &LevelCuts, level: usize) -> Vec<Line> {
    let fact = |test| Line::Fact(Fact { measure, value, test });
    let mut lines = Vec::new();
    if let Some(lo) = cuts.lowest.get(level).copied().flatten().filter(|&lo| value >= lo) {
        lines.push(fact(Test::NotBelow(Cut::ModelLowest(lo))));
    }
    if let Some(next) = cuts.lowest.iter().skip(level + 1).flatten().next() {
        lines.push(fact(Test::Below(Cut::ModelLowest(*next))));
    }
    lines
}

/// The share of customers from the top where level `k` of `shares` (top first) starts and ends.
fn top_shares(shares: &[f64], k: usize) -> (f64, f64) {
    let total: f64 = shares.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    let before: f64 = shares.iter().take(k).sum();
    (before / total, (before + shares.get(k).copied().unwrap_or(0.0)) / total)
}

/// A nine-grid cell's two axes, each within its tercile's range.
fn grid_lines(ranges: &[Vec<Option<(f64, f64)>>; 2], cell: usize, axes: [(Measure, f64); 2]) -> Option<Vec<Line>> {
    let levels = [cell / 3, cell % 3];
    let mut lines = Vec::new();
    for ((range, level), (measure, value)) in ranges.iter().zip(levels).zip(axes) {
        let (low, high) = range.get(level).copied().flatten()?;
        // Terciles: level 2 is the top third.
        let top_from = (2 - level) as f64 / 3.0;
        lines.push(Line::Fact(Fact { measure, value, test: Test::InRange { low, high, top_from, top_to: top_from + 1.0 / 3.0 } }));
    }
    Some(lines)
}

fn stage_lines(why: StageWhy) -> Vec<Line> {
    let fact = |measure, value, test| Line::Fact(Fact { measure, value, test });
    match why {
        StageWhy::LostPAlive { p_alive, cut } => vec![fact(Measure::PAlive, p_alive, Test::Below(Cut::Set(cut)))],
        StageWhy::LostGap { days_since, median_gap, multiple, min_days } => vec![
            fact(Measure::DaysSinceLast, days_since, Test::Above(Cut::Set(multiple * median_gap))),
            fact(Measure::DaysSinceLast, days_since, Test::Above(Cut::Set(min_days))),
        ],
        StageWhy::LostOneTime { days_since, second_gap, multiple, min_days } => vec![
            Line::Note(Note::OneOccasion),
            fact(Measure::DaysSinceLast, days_since, Test::Above(Cut::Set(multiple * second_gap))),
            fact(Measure::DaysSinceLast, days_since, Test::Above(Cut::Set(min_days))),
        ],
        StageWhy::OneOccasion => vec![Line::Note(Note::OneOccasion)],
        StageWhy::Recent { days_since_first, cut } => vec![fact(Measure::DaysSinceFirst, days_since_first, Test::Below(Cut::Set(cut)))],
        StageWhy::DeclinePAlive { p_alive, cut } => vec![fact(Measure::PAlive, p_alive, Test::Below(Cut::Set(cut)))],
        StageWhy::SpendChange { change, cut, months, .. } => {
            let test = if change < -cut {
                Test::Below(Cut::Set(-cut))
            } else if change > cut {
                Test::Above(Cut::Set(cut))
            } else {
                Test::Between(Cut::Set(-cut - f64::EPSILON), Cut::Set(cut + f64::EPSILON))
            };
            vec![fact(Measure::SpendGrowth { months }, change, test)]
        }
    }
}

impl Measure {
    fn name(self, lang: Lang) -> String {
        let over = |measure: Text, m: u32| say!(Text::MeasureOverMonths, lang, measure = measure.get(lang), m = m);
        let word = match self {
            Measure::RScore => Text::MeasureRScore,
            Measure::FScore => Text::MeasureFScore,
            Measure::MScore => Text::MeasureMScore,
            Measure::DaysSinceLast => Text::MeasureDaysSinceLast,
            Measure::Purchases => Text::MeasurePurchases,
            Measure::Spend => Text::MeasureSpend,
            Measure::Clv => Text::MeasureClv,
            Measure::Margin => Text::MeasureMargin,
            Measure::Revenue => Text::MeasureRevenue,
            Measure::WeightedRfm => Text::MeasureWeightedRfm,
            Measure::MonthlySpend => Text::MeasureMonthlySpend,
            Measure::MarginPerPurchase => Text::MeasureMarginPerPurchase,
            Measure::RepeatPurchases => Text::MeasureRepeatPurchases,
            Measure::PAlive => Text::MeasurePAlive,
            Measure::FScoreLoyalty => Text::MeasureFScoreLoyalty,
            Measure::MarginPerMonth => Text::MeasureMarginPerMonth,
            Measure::VeteranGrowth { share_of_wallet: true, months } => return over(Text::MeasureShareOfWalletGrowth, months),
            Measure::VeteranGrowth { share_of_wallet: false, months } | Measure::SpendGrowth { months } => return over(Text::MeasureSpendGrowth, months),
            Measure::Conversion => Text::MeasureConversion,
            Measure::PotentialProfit => Text::MeasurePotentialProfit,
            Measure::MarginRate => Text::MeasureMarginRate,
            Measure::FrequencyGrowth { months } => return over(Text::MeasurePurchaseGrowth, months),
            Measure::DaysSinceFirst => Text::MeasureDaysSinceFirst,
        };
        word.get(lang).into()
    }

    fn format(self, v: f64, lang: Lang) -> String {
        match self {
            Measure::RScore | Measure::FScore | Measure::MScore | Measure::FScoreLoyalty | Measure::DaysSinceLast | Measure::DaysSinceFirst | Measure::Purchases | Measure::RepeatPurchases => {
                format!("{v:.0}")
            }
            Measure::PAlive | Measure::Conversion | Measure::WeightedRfm => format!("{v:.2}"),
            Measure::MarginRate => format!("{:.1}%", v * 100.0),
            Measure::VeteranGrowth { .. } | Measure::SpendGrowth { .. } | Measure::FrequencyGrowth { .. } => percent_change(v, lang),
            _ => amount(v),
        }
    }
}

/// A change as a signed percentage; from nothing to something, "new".
fn percent_change(v: f64, lang: Lang) -> String {
    if v.is_infinite() {
        Text::ChangeFromNothing.get(lang).into()
    } else {
        format!("{:+.0}%", v * 100.0).replace('-', "−")
    }
}

/// An amount: whole units with thousands separators from 100 on, else two decimals.
fn amount(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    if v.abs() >= 100.0 {
        let s = group_thousands(v.abs().round() as u64);
        if v < 0.0 { format!("−{s}") } else { s }
    } else {
        format!("{v:.2}").replace('-', "−")
    }
}

impl Fact {
    pub fn text(&self, lang: Lang) -> String {
        let m = self.measure;
        let (name, v) = (m.name(lang), m.format(self.value, lang));
        let cut = |c: Cut| {
            let x = m.format(c.value(), lang);
            let text = match c {
                Cut::Set(_) => return x,
                Cut::Mean(_) => Text::CutMean,
                Cut::Median(_) => Text::CutMedian,
                Cut::ModelMean(_) => Text::CutModelMean,
                Cut::ModelMedian(_) => Text::CutModelMedian,
                Cut::ModelLowest(_) => Text::CutModelLowest,
            };
            say!(text, lang, x = x)
        };
        // The comparisons are symbols, the same in both languages.
        match self.test {
            Test::Above(c) => format!("{name} {v} > {}", cut(c)),
            Test::NotAbove(c) => format!("{name} {v} ≤ {}", cut(c)),
            Test::Below(c) => format!("{name} {v} < {}", cut(c)),
            Test::NotBelow(c) => format!("{name} {v} ≥ {}", cut(c)),
            Test::Between(a, b) => format!("{name} {v}, {} … {}", cut(a), cut(b)),
            Test::InRange { low, high, top_from, top_to } => {
                say!(Text::FactInRange, lang, name = name, v = v, low = m.format(low, lang), high = m.format(high, lang), band = band(top_from, top_to, lang))
            }
            Test::InRule(a, b) => {
                let rule = if a == b { format!("{a}") } else { format!("{a}–{b}") };
                say!(Text::FactInRule, lang, name = name, v = v, rule = rule)
            }
        }
    }
}

/// A share of the customers counted from the top: "the top 20%", "the middle third", "the 20–50%
/// from the top", "the bottom 20%".
fn band(from: f64, to: f64, lang: Lang) -> String {
    let near = |a: f64, b: f64| (a - b).abs() < 1e-6;
    let pct = |s: f64| format!("{:.0}%", s * 100.0);
    let third = near(to - from, 1.0 / 3.0);
    match (from <= 1e-9, to >= 1.0 - 1e-9) {
        (true, _) if third => Text::BandTopThird.get(lang).into(),
        (_, true) if third => Text::BandBottomThird.get(lang).into(),
        (false, false) if third && near(from, 1.0 / 3.0) => Text::BandMiddleThird.get(lang).into(),
        (true, _) => say!(Text::BandTop, lang, share = pct(to)),
        (_, true) => say!(Text::BandBottom, lang, share = pct(1.0 - from)),
        _ => say!(Text::BandFromTop, lang, from = pct(from), to = pct(to)),
    }
}

impl Note {
    pub fn text(self, lang: Lang) -> String {
        match self {
            Note::NoRuleCovers => Text::NoteNoRuleCovers,
            Note::OneOccasion => Text::NoteOneOccasion,
            Note::Quality(0) => Text::NoteQualityGood,
            Note::Quality(1) => Text::NoteQualityFair,
            Note::Quality(_) => Text::NoteQualityPoor,
            Note::NearestCentre => Text::NoteNearestCentre,
        }
        .get(lang)
        .into()
    }
}

/// The reason as one line of text.
pub fn text(lines: &[Line], lang: Lang) -> String {
    let parts: Vec<String> = lines
        .iter()
        .map(|l| match l {
            Line::Fact(f) => f.text(lang),
            Line::Note(n) => n.text(lang),
        })
        .collect();
    parts.join(Text::ClauseSeparator.get(lang)).replace("; →", " →").replace("；→", " →")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// For every customer of the demo and every framework: each fact holds (the customer's value
    /// passes its test against the cut), and the facts' outcomes give the customer's class by the
    /// framework's rule (module docs of each framework), so a reason can never contradict its class.
    #[test]
    fn every_fact_holds_and_implies_the_class() {
        let (imported, scored) = crate::scoring::scored_fixture(1500);
        let explained = facts_hold_and_imply_the_classes(&imported.table, &scored);
        assert!(explained > 1500 * 8, "{explained}");
        if std::env::var_os("KEZHI_PRINT_CARD").is_some() {
            let top = crate::scoring::priority_list(&scored, 1)[0];
            for c in crate::views::customer_list::card(&imported.table, &scored, top, Lang::En, None).expect("card").classes {
                println!("{}: {} — {}", c.dimension, c.class, c.reason.unwrap_or_default());
            }
        }
    }

    /// The same when the classes are a model's, fitted on a third of the customers: the cuts are
    /// the fitted customers', and customers between or beyond their levels are explained too.
    #[test]
    fn every_fact_holds_at_a_models_cuts() {
        use crate::fitted_model::FittedModel;
        let (imported, _) = crate::scoring::scored_fixture(1500);
        let model = FittedModel::fit(&imported.table, &crate::settings::Settings::default(), Some((500, 3)), &|| 0.0).expect("fit");
        let (scored, _) = model.score_for_views(&imported.table, &|| 0.0).expect("views");
        assert!(scored.frameworks.given_cuts.is_some());
        let explained = facts_hold_and_imply_the_classes(&imported.table, &scored);
        assert!(explained > 1500 * 8, "{explained}");
        let card = crate::views::customer_list::card(&imported.table, &scored, 0, Lang::En, None).expect("card");
        let reasons: Vec<String> = card.classes.iter().filter_map(|c| c.reason.clone()).collect();
        assert!(reasons.iter().any(|r| r.contains("the model's cut")) && reasons.iter().any(|r| r.contains("the model's median")), "{reasons:?}");
    }

    /// Checks every reason of every customer against its class; the number of reasons checked.
    fn facts_hold_and_imply_the_classes(table: &CustomerTable, scored: &Scored) -> usize {
        // High: above its cut, or for days since the last purchase, below it (more recent).
        let high = |l: &Line| match l {
            Line::Fact(f) => matches!(f.test, Test::Above(_) | Test::Below(_)),
            Line::Note(_) => false,
        };
        let mut explained = 0;
        for dim in Dimension::ALL {
            for i in 0..table.customers.len() {
                let Some(lines) = explain(table, scored, dim, i) else {
                    assert!(class_of(scored, dim, i).is_none() || matches!(dim, Dimension::RfCell | Dimension::AtRisk), "{dim:?} {i}");
                    continue;
                };
                explained += 1;
                for l in &lines {
                    if let Line::Fact(f) = l {
                        assert!(f.holds(), "{dim:?} customer {i}: {}", f.text(Lang::En));
                    }
                }
                let class = class_of(scored, dim, i).expect("classed");
                let implied = match dim {
                    // High-high, high-low, low-high, low-low.
                    Dimension::Gmcb | Dimension::NewMatrix => Some(match (high(&lines[0]), high(&lines[1])) {
                        (true, true) => 0,
                        (true, false) => 1,
                        (false, true) => 2,
                        (false, false) => 3,
                    }),
                    Dimension::ValueClass => {
                        let class = crate::rfm::value_classes::ValueClass::from_levels(high(&lines[0]), high(&lines[1]), high(&lines[2]));
                        Some(class.index())
                    }
                    Dimension::Veteran => {
                        let quality = 2 - usize::from(high(&lines[0])) - usize::from(high(&lines[1]));
                        assert_eq!(lines[2], Line::Note(Note::Quality(quality)), "customer {i}");
                        let Line::Fact(g) = lines[3] else { panic!("growth") };
                        let growth = match g.test {
                            Test::NotBelow(_) => 0,
                            Test::Between(..) => 1,
                            _ => 2,
                        };
                        Some([[0, 1, 2], [3, 4, 5], [4, 5, 6]][quality][growth])
                    }
                    _ => None,
                };
                if let Some(implied) = implied {
                    assert_eq!(implied, class, "{dim:?} customer {i}: {}", text(&lines, Lang::En));
                }
            }
        }
        explained
    }

    /// Without a BG/NBD fit the veteran matrix reads the 5-bin F score for loyalty; with 3 bins shown,
    /// the card's reason still uses the matrix's F score, so its facts hold and give the class.
    #[test]
    fn veteran_reasons_use_the_matrix_f_score_when_the_bins_differ() {
        use crate::import::ImportOptions;
        use crate::table::imported::import;
        let mut csv = String::from("customer,date,amount\n");
        for c in 0..60 {
            csv.push_str(&format!("C{c},2024-0{}-0{},{}\n", 1 + c % 6, 1 + c % 9, 10 + c * 3));
            if c < 12 {
                for k in 0..(1 + c % 4) {
                    csv.push_str(&format!("C{c},2024-{:02}-1{},{}\n", 7 + k, c % 9, 20 + c * k));
                }
            }
        }
        let settings = crate::settings::Settings { rfm_bins: 3, ..Default::default() };
        let imported = import(csv.as_bytes(), "few.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("imports");
        let scored = crate::scoring::score(&imported.table, &settings);
        assert!(scored.bg_nbd.is_none(), "too few repeat customers for a fit");
        let v = scored.frameworks.veteran.as_ref().expect("veterans");
        assert_eq!(v.loyalty_measure, "f_score");
        let five = crate::rfm::scores::score(&imported.table, 5, settings.rfm_monetary);
        let (mut vets, mut differ) = (0, 0);
        for i in 0..imported.table.customers.len() {
            let Some(lines) = explain(&imported.table, &scored, Dimension::Veteran, i) else { continue };
            vets += 1;
            differ += usize::from(five.f[i] != scored.customers[i].f_score);
            let Line::Fact(loyalty) = lines[0] else { panic!("loyalty first") };
            assert_eq!(loyalty.value, f64::from(five.f[i]), "customer {i}: the matrix's 5-bin F score");
            for l in &lines {
                if let Line::Fact(f) = l {
                    assert!(f.holds(), "customer {i}: {}", f.text(Lang::En));
                }
            }
            let high = |l: &Line| matches!(l, Line::Fact(Fact { test: Test::Above(_), .. }));
            let quality = 2 - usize::from(high(&lines[0])) - usize::from(high(&lines[1]));
            assert_eq!(Some(quality), v.quality[i], "customer {i}: {}", text(&lines, Lang::En));
        }
        assert_eq!(vets, 12);
        assert!(differ > 0, "the 3-bin and 5-bin F scores differ for some veteran");
    }

    /// The ranges of levels by rank are ordered: every value of a higher level is at least every value
    /// of a lower one, so "this level holds lo – hi" are the cut points between levels.
    #[test]
    fn level_ranges_are_the_cut_points_between_levels() {
        let (_, scored) = crate::scoring::scored_fixture(1500);
        let fw = &scored.frameworks;
        let check = |ranges: &[Option<(f64, f64)>], top_first: bool| {
            let r: Vec<(f64, f64)> = ranges.iter().flatten().copied().collect();
            for w in r.windows(2) {
                let (upper, lower) = if top_first { (w[0], w[1]) } else { (w[1], w[0]) };
                assert!(upper.0 >= lower.1, "{ranges:?}");
            }
        };
        check(&fw.pyramid.ranges, true);
        check(&fw.tiers.ranges, false);
        check(&fw.value_grid.ranges[0], false);
        check(&fw.value_grid.ranges[1], false);
    }

    /// The example, by hand: a fact's text names the value, the test and the cut.
    #[test]
    fn a_fact_reads_as_value_test_and_cut() {
        let f = Fact { measure: Measure::PAlive, value: 0.41, test: Test::NotAbove(Cut::Median(0.62)) };
        assert_eq!(f.text(Lang::En), "P(alive) 0.41 ≤ the median 0.62");
        assert_eq!(f.text(Lang::Zh), "存活概率 0.41 ≤ 中位数 0.62");
        let g = Fact { measure: Measure::VeteranGrowth { share_of_wallet: false, months: 6 }, value: -0.35, test: Test::NotAbove(Cut::Set(0.0)) };
        assert_eq!(g.text(Lang::En), "spend growth (last 6 months vs the 6 before) −35% ≤ +0%");
        assert!(!Fact { value: 0.7, ..f }.holds());
    }
}
