//! The overview's headline figures and the sentences under them: KPI cards and three to five
//! insights, each computed from the scores and linked to the customers it speaks of (a filter), in
//! English and Chinese.

use serde::{Deserialize, Serialize};

use crate::views::customer_list::{class_of, Dimension, Filter};
use crate::table::customer_table::CustomerTable;
use crate::lang::{group_thousands, Lang};
use crate::say;
use crate::texts::Text;
use crate::frameworks::lifecycle;
use crate::frameworks::value_pyramid::RankedBy;
use crate::views::rfm_overview::RfmOverview;
use crate::scoring::Scored;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpis {
    pub customers: u64,
    pub revenue: f64,
    pub margin: f64,
    /// Customers with a repeat purchase, over all customers.
    pub repeat_share: f64,
    /// Mean CLV over customers with one; `None` when no model was fitted.
    pub clv_mean: Option<f64>,
    /// Valuable and slipping (docs/methods.md §1c): value percentile and risk both above ½.
    pub at_risk: u64,
    /// Their share of the total historical margin.
    pub at_risk_margin_share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Insight {
    pub key: String,
    pub en: String,
    pub zh: String,
    /// The customers the sentence is about, for the drill-down.
    pub filter: Option<Filter>,
}


fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// A sentence in both languages, `(English, Chinese)`.
fn both(sentence: impl Fn(Lang) -> String) -> (String, String) {
    (sentence(Lang::En), sentence(Lang::Zh))
}

pub fn kpis(table: &CustomerTable, scored: &Scored) -> Kpis {
    let n = table.customers.len();
    let margin: f64 = table.customers.iter().map(|c| c.margin).sum();
    let clvs: Vec<f64> = scored.customers.iter().filter_map(|c| c.clv).collect();
    let risky: Vec<usize> = (0..scored.customers.len()).filter(|&i| scored.customers[i].at_risk).collect();
    let risky_margin: f64 = risky.iter().map(|&i| table.customers[i].margin).sum();
    Kpis {
        customers: n as u64,
        revenue: table.customers.iter().map(|c| c.revenue).sum(),
        margin,
        repeat_share: if n > 0 { table.customers.iter().filter(|c| c.frequency >= 1.0).count() as f64 / n as f64 } else { 0.0 },
        clv_mean: (!clvs.is_empty()).then(|| clvs.iter().sum::<f64>() / clvs.len() as f64),
        at_risk: risky.len() as u64,
        at_risk_margin_share: if margin > 0.0 { risky_margin / margin } else { 0.0 },
    }
}

pub fn build(table: &CustomerTable, scored: &Scored, kpis: &Kpis, rfm: &RfmOverview) -> Vec<Insight> {
    let mut out = Vec::new();
    let mut say = |key: &str, en: String, zh: String, filter: Option<Filter>| out.push(Insight { key: key.into(), en, zh, filter });
    // A file whose purchases all fall on one day cannot tell recent from lapsed customers, nor a
    // decline: only the sentences about money stand, and one says why the others are missing.
    let days = table.customers.iter().filter_map(|c| c.first_date).min().zip(table.customers.iter().filter_map(|c| c.last_date).max());
    let one_day = days.is_some_and(|(a, b)| a == b);
    if one_day {
        let (en, zh) = both(|lang| Text::InsightOneDay.get(lang).into());
        say("one_day", en, zh, None);
    }
    if let Some(p) = &scored.frameworks.pareto {
        let top = format!("{:.0}%", 100.0 * p.top_share);
        let (en, zh) = both(|lang| say!(Text::InsightPareto, lang, top = top, margin = pct(p.top_margin_share)));
        say("pareto", en, zh, Some(Filter { dim: Dimension::Pyramid, class: 0 }));
    }
    if kpis.at_risk > 0 && !one_day {
        let n = group_thousands(kpis.at_risk);
        let (en, zh) = both(|lang| say!(Text::InsightAtRisk, lang, n = n, margin = pct(kpis.at_risk_margin_share)));
        say("at_risk", en, zh, Some(Filter { dim: Dimension::AtRisk, class: 0 }));
    }
    let n = table.customers.len();
    let once = table.customers.iter().filter(|c| c.occasions == 1).count();
    if n > 0 && once > 0 && !one_day {
        let potential = (0..n).filter(|&i| class_of(scored, Dimension::NewMatrix, i) == Some(0)).count() as u64;
        let (en, zh) = one_time_sentences(once as f64 / n as f64, potential);
        // No list to open when nobody is likely to return.
        say("one_time", en, zh, (potential > 0).then_some(Filter { dim: Dimension::NewMatrix, class: 0 }));
    }
    // The segment that earns most per customer, among those with at least 1% of the customers.
    let best = rfm
        .segments
        .iter()
        .enumerate()
        // A segment holding (nearly) everyone says nothing about anyone.
        .filter(|(_, s)| s.customer_share >= 0.01 && s.customer_share < 0.95 && s.key != "others")
        .max_by(|a, b| (a.1.revenue_share / a.1.customer_share).total_cmp(&(b.1.revenue_share / b.1.customer_share)));
    if let Some((k, s)) = best {
        let (en, zh) = both(|lang| say!(Text::InsightBestSegment, lang, segment = lang.pick(&s.en, &s.zh), customers = pct(s.customer_share), revenue = pct(s.revenue_share)));
        say("best_segment", en, zh, Some(Filter { dim: Dimension::Segment, class: k }));
    }
    for (key, en, zh, filter) in surprises(table, scored) {
        say(key, en, zh, Some(filter));
    }
    if let Some(l) = scored.frameworks.lifecycle.as_ref().filter(|_| !one_day) {
        let decline = lifecycle::STAGES.iter().position(|s| *s == "decline").unwrap_or(3);
        if let Some(row) = l.table.get(decline).filter(|r| r.customers > 0) {
            let c = group_thousands(row.customers);
            let (en, zh) = both(|lang| say!(Text::InsightDecline, lang, n = c, margin = pct(row.margin_share)));
            say("decline", en, zh, Some(Filter { dim: Dimension::Lifecycle, class: decline }));
        }
    }
    out
}

/// Where a class holds a share of the margin its rank does not lead one to expect, and why, from its
/// customers' own numbers: a lower pyramid level with more past margin than a level above it (ranked
/// by expected value, past big spenders who are expected to buy little now), and a veteran class of
/// grade 3 or 4 with half again its share of the customers in margin.
pub fn surprises(table: &CustomerTable, scored: &Scored) -> Vec<(&'static str, String, String, Filter)> {
    let mut out = Vec::new();
    let fw = &scored.frameworks;
    let n = table.customers.len();
    let mean = |idx: &[usize], f: &dyn Fn(usize) -> f64| if idx.is_empty() { 0.0 } else { idx.iter().map(|&i| f(i)).sum::<f64>() / idx.len() as f64 };
    let all: Vec<usize> = (0..n).collect();
    let margin_of = |i: usize| table.customers[i].margin;
    let p = &fw.pyramid;
    if p.ranked_by != RankedBy::Margin {
        // The lowest level whose margin share beats a level above it.
        let surprise = (1..p.table.len()).rev().find(|&k| (0..k).any(|j| p.table[k].margin_share > p.table[j].margin_share + 1e-9));
        if let Some(k) = surprise.filter(|&k| p.table[k].customers > 0) {
            // Said only when its explanation holds: more past margin, less value than the average.
            let members: Vec<usize> = (0..n).filter(|&i| p.level[i] == k).collect();
            let value = |i: usize| match p.ranked_by {
                RankedBy::Clv => scored.customers[i].clv.unwrap_or(0.0),
                RankedBy::Revenue => table.customers[i].revenue,
                RankedBy::WeightedRfm => scored.customers[i].rfm_combined,
                RankedBy::Margin => table.customers[i].margin,
            };
            let (m_in, m_all) = (mean(&members, &margin_of), mean(&all, &margin_of));
            let (v_in, v_all) = (mean(&members, &value), mean(&all, &value));
            let what = match p.ranked_by {
                RankedBy::Clv => Text::RankedByClv,
                RankedBy::Revenue => Text::RankedByRevenue,
                RankedBy::WeightedRfm => Text::RankedByWeightedRfm,
                RankedBy::Margin => Text::MeasureMargin,
            };
            let money = |v: f64| crate::lang::group_thousands(v.max(0.0).round() as u64);
            let two = |v: f64| format!("{v:.2}");
            let fmt = |v: f64| if v.abs() >= 100.0 { money(v) } else { two(v) };
            let (en, zh) = both(|lang| {
                say!(
                    Text::InsightPyramidSurprise,
                    lang,
                    level = crate::frameworks::value_pyramid::label(k, lang),
                    share = pct(p.table[k].margin_share),
                    margin = money(m_in),
                    margin_all = money(m_all),
                    what = what.get(lang),
                    value = fmt(v_in),
                    value_all = fmt(v_all)
                )
            });
            (m_in > m_all && v_in < v_all).then(|| out.push(("pyramid_surprise", en, zh, Filter { dim: Dimension::Pyramid, class: k })));
        }
    }
    if let Some(v) = &fw.veteran {
        const LOW_GRADES: [usize; 4] = [2, 4, 5, 6];
        let biggest = LOW_GRADES
            .iter()
            .copied()
            .filter(|&k| v.table[k].margin_share >= 0.15 && v.table[k].margin_share >= 1.5 * v.table[k].customer_share)
            .max_by(|&a, &b| v.table[a].margin_share.total_cmp(&v.table[b].margin_share));
        if let Some(k) = biggest {
            let members: Vec<usize> = (0..n).filter(|&i| v.class[i] == Some(k)).collect();
            let share = |f: &dyn Fn(usize) -> bool| members.iter().filter(|&&i| f(i)).count() as f64 / members.len().max(1) as f64;
            let shrinking = share(&|i| v.growth[i].is_some_and(|a| a <= 0.0));
            let (m, c) = (pct(v.table[k].margin_share), pct(v.table[k].customer_share));
            let why = |lang: Lang| if k == 2 { Text::VeteranWhyGoodShrinking.get(lang).to_string() } else { say!(Text::VeteranWhyLargeAccounts, lang, shrinking = pct(shrinking)) };
            let (en, zh) = both(|lang| say!(Text::InsightVeteranSurprise, lang, class = crate::frameworks::veteran_matrix::label(k, lang), margin = m, customers = c, why = why(lang)));
            out.push(("veteran_surprise", en, zh, Filter { dim: Dimension::Veteran, class: k }));
        }
    }
    out
}

/// The one-time buyers' sentence: their share, and how many of them the new-customer matrix puts
/// in its "likely to return" quadrant. With none there, it says so instead of "0 of them are".
fn one_time_sentences(once_share: f64, potential: u64) -> (String, String) {
    both(|lang| match potential {
        0 => say!(Text::InsightOneTimeNoneLikely, lang, share = pct(once_share)),
        _ => say!(Text::InsightOneTime, lang, share = pct(once_share), n = group_thousands(potential)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::customer_list::{select, Selection};
    use crate::table::demo_data::{generate, DemoParams};
    use crate::import::ImportOptions;
    use crate::table::imported::import;
    use crate::scoring::score;
    use crate::settings::Settings;

    #[test]
    fn one_time_buyers_read_right_for_none_one_and_many_likely_to_return() {
        let none = one_time_sentences(0.4, 0);
        assert_eq!(none.0, "40.0% of customers have bought only once; none of them looks likely to return yet.");
        assert_eq!(none.1, "40.0% 的客户只购买过一次，其中暂无可能回购的客户。");
        assert!(one_time_sentences(0.4, 1).0.ends_with("; 1 of them is likely to return and worth a follow-up."));
        assert!(one_time_sentences(0.4, 1234).0.ends_with("; 1,234 of them are likely to return and worth a follow-up."));
        assert!(one_time_sentences(0.4, 1234).1.contains("其中 1,234 位可能回购"));
    }

    /// A file whose purchases all fall on one day: no sentence about recency, decline or returning
    /// one-time buyers ("valuable customers slipping away" would be an artefact), no segment holding
    /// everyone, and one sentence that says why.
    #[test]
    fn a_one_day_file_gets_only_what_it_supports() {
        let mut csv = String::from("customer,date,amount\n");
        for c in 0..300 {
            for k in 0..(1 + c % 3) {
                csv.push_str(&format!("C{c},2024-05-01,{}\n", 10 + (c * 7 + k * 13) % 90));
            }
        }
        let settings = Settings::default();
        let imported = import(csv.as_bytes(), "one_day.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("imports");
        let (table, scored) = (&imported.table, score(&imported.table, &settings));
        let insights = build(table, &scored, &kpis(table, &scored), &crate::views::rfm_overview::build(table, &scored));
        let keys: Vec<&str> = insights.iter().map(|i| i.key.as_str()).collect();
        assert!(keys.contains(&"one_day"), "{keys:?}");
        for never in ["at_risk", "decline", "one_time", "best_segment"] {
            assert!(!keys.contains(&never), "{never} in {keys:?}");
        }
    }

    /// Each sentence's numbers are the engine's: the count it names is the length of the list its
    /// filter opens, and the shares are the tables' own.
    #[test]
    fn every_insight_names_the_count_its_drill_down_shows() {
        let csv = generate(&DemoParams { customers: 2000, ..DemoParams::default() }).to_csv();
        let settings = Settings::default();
        let imported = import(csv.as_bytes(), "demo.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("imports");
        let (table, scored) = (&imported.table, score(&imported.table, &settings));
        let k = kpis(table, &scored);
        let rfm = crate::views::rfm_overview::build(table, &scored);
        let insights = build(table, &scored, &k, &rfm);
        let keys: Vec<&str> = insights.iter().map(|i| i.key.as_str()).collect();
        assert!(keys.len() >= 4, "{keys:?}");
        let list = |f: Filter| select(table, &scored, &Selection { filters: vec![f], ..Selection::default() }).len();
        for i in &insights {
            let f = i.filter.expect("every insight opens a list");
            match i.key.as_str() {
                "at_risk" => assert!(i.en.starts_with(&group_thousands(list(f) as u64))),
                "one_time" | "decline" => assert!(
                    i.en.contains(&format!(" {} ", group_thousands(list(f) as u64))) || i.en.starts_with(&group_thousands(list(f) as u64)),
                    "{}",
                    i.en
                ),
                "pareto" => {
                    let p = scored.frameworks.pareto.as_ref().expect("pareto");
                    assert!(i.en.contains(&pct(p.top_margin_share)));
                }
                "best_segment" => assert!(i.zh.contains("占客户的")),
                "pyramid_surprise" | "veteran_surprise" => {}
                "one_day" => panic!("the demo spans years"),
                other => panic!("unknown insight {other}"),
            }
            assert!(!i.zh.is_empty() && i.zh != i.en);
        }
        // The demo's pyramid ranks by CLV and its lowest level holds more past margin than the one
        // above it: the sentence is made, and what it says of the level's customers holds.
        let s = insights.iter().find(|i| i.key == "pyramid_surprise").expect("pyramid surprise");
        let level = s.filter.expect("filter").class;
        let members = list(s.filter.expect("filter"));
        assert!(level > 0 && members > 0 && s.en.contains(&pct(scored.frameworks.pyramid.table[level].margin_share)), "{}", s.en);
        let mean = |f: &dyn Fn(usize) -> f64, level: Option<usize>| {
            let idx: Vec<usize> = (0..table.customers.len()).filter(|&i| level.is_none_or(|l| scored.frameworks.pyramid.level[i] == l)).collect();
            idx.iter().map(|&i| f(i)).sum::<f64>() / idx.len() as f64
        };
        let margin = |i: usize| table.customers[i].margin;
        let clv = |i: usize| scored.customers[i].clv.unwrap_or(0.0);
        assert!(mean(&margin, Some(level)) > mean(&margin, None) && mean(&clv, Some(level)) < mean(&clv, None));
        // The at-risk count by hand from the definition.
        let by_hand = scored.customers.iter().filter(|c| c.at_risk).count() as u64;
        assert_eq!(k.at_risk, by_hand);
        assert!(by_hand > 0);
    }
}
