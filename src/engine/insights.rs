//! The overview's headline figures and the sentences under them (issue 5): KPI cards and three to five
//! insights, each computed from the scores and linked to the customers it speaks of (a filter), in
//! English and Chinese.

use serde::{Deserialize, Serialize};

use super::customer_list::{class_of, Dimension, Filter};
use super::customer_table::CustomerTable;
use super::lang::{group_thousands, plural};
use super::lifecycle;
use super::rfm_overview::RfmOverview;
use super::scoring::Scored;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpis {
    pub customers: u64,
    pub revenue: f64,
    pub margin: f64,
    /// Customers with a repeat purchase, over all customers.
    pub repeat_share: f64,
    /// Mean CLV over customers with one; `None` when no model was fitted.
    pub clv_mean: Option<f64>,
    /// Valuable and slipping (METHODS §1c): value percentile and risk both above ½.
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
    if let Some(p) = &scored.frameworks.pareto {
        let top = format!("{:.0}%", 100.0 * p.top_share);
        say(
            "pareto",
            format!("The top {top} of customers bring {} of the margin.", pct(p.top_margin_share)),
            format!("前 {top} 的客户贡献了 {} 的毛利。", pct(p.top_margin_share)),
            Some(Filter { dim: Dimension::Pyramid, class: 0 }),
        );
    }
    if kpis.at_risk > 0 {
        let n = group_thousands(kpis.at_risk);
        say(
            "at_risk",
            format!("{n} valuable {} slipping away; they brought {} of the margin.", plural(kpis.at_risk, "customer is", "customers are"), pct(kpis.at_risk_margin_share)),
            format!("{n} 位高价值客户正在流失，他们贡献了 {} 的毛利。", pct(kpis.at_risk_margin_share)),
            Some(Filter { dim: Dimension::AtRisk, class: 0 }),
        );
    }
    let n = table.customers.len();
    let once = table.customers.iter().filter(|c| c.occasions == 1).count();
    if n > 0 && once > 0 {
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
        .filter(|(_, s)| s.customer_share >= 0.01 && s.key != "others")
        .max_by(|a, b| (a.1.revenue_share / a.1.customer_share).total_cmp(&(b.1.revenue_share / b.1.customer_share)));
    if let Some((k, s)) = best {
        say(
            "best_segment",
            format!("{} are {} of customers and bring {} of revenue.", s.en, pct(s.customer_share), pct(s.revenue_share)),
            format!("{}占客户的 {}，贡献了 {} 的收入。", s.zh, pct(s.customer_share), pct(s.revenue_share)),
            Some(Filter { dim: Dimension::Segment, class: k }),
        );
    }
    if let Some(l) = &scored.frameworks.lifecycle {
        let decline = lifecycle::STAGES.iter().position(|s| *s == "decline").unwrap_or(3);
        if let Some(row) = l.table.get(decline).filter(|r| r.customers > 0) {
            let c = group_thousands(row.customers);
            say(
                "decline",
                format!("{c} {} in decline, spending less than before; they brought {} of the margin.", plural(row.customers, "customer is", "customers are"), pct(row.margin_share)),
                format!("{c} 位客户处于衰退期、消费在下降，他们贡献了 {} 的毛利。", pct(row.margin_share)),
                Some(Filter { dim: Dimension::Lifecycle, class: decline }),
            );
        }
    }
    out
}

/// The one-time buyers' sentence: their share, and how many of them the new-customer matrix puts
/// in its "likely to return" quadrant. With none there, it says so instead of "0 of them are".
fn one_time_sentences(once_share: f64, potential: u64) -> (String, String) {
    if potential == 0 {
        return (
            format!("{} of customers have bought only once; none of them looks likely to return yet.", pct(once_share)),
            format!("{} 的客户只购买过一次，其中暂无可能回购的客户。", pct(once_share)),
        );
    }
    (
        format!(
            "{} of customers have bought only once; {} of them {} likely to return and worth a follow-up.",
            pct(once_share),
            group_thousands(potential),
            plural(potential, "is", "are")
        ),
        format!("{} 的客户只购买过一次，其中 {} 位可能回购且值得跟进。", pct(once_share), group_thousands(potential)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::customer_list::{select, Selection};
    use crate::engine::demo_data::{generate, DemoParams};
    use crate::engine::import::{import, ImportOptions};
    use crate::engine::scoring::score;
    use crate::engine::settings::Settings;

    #[test]
    fn one_time_buyers_read_right_for_none_one_and_many_likely_to_return() {
        let none = one_time_sentences(0.4, 0);
        assert_eq!(none.0, "40.0% of customers have bought only once; none of them looks likely to return yet.");
        assert_eq!(none.1, "40.0% 的客户只购买过一次，其中暂无可能回购的客户。");
        assert!(one_time_sentences(0.4, 1).0.ends_with("; 1 of them is likely to return and worth a follow-up."));
        assert!(one_time_sentences(0.4, 1234).0.ends_with("; 1,234 of them are likely to return and worth a follow-up."));
        assert!(one_time_sentences(0.4, 1234).1.contains("其中 1,234 位可能回购"));
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
        let rfm = crate::engine::rfm_overview::build(table, &scored);
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
                other => panic!("unknown insight {other}"),
            }
            assert!(!i.zh.is_empty() && i.zh != i.en);
        }
        // The at-risk count by hand from the definition.
        let by_hand = scored.customers.iter().filter(|c| c.at_risk).count() as u64;
        assert_eq!(k.at_risk, by_hand);
        assert!(by_hand > 0);
    }
}
