//! The customer list behind every drill-down: the classes each customer belongs to in every
//! framework (one `Dimension` each), filters on them, search, sort and a window of rows, and the
//! customer card. Counting a class here and in the framework's own table uses the same per-customer
//! class vectors, so a chart's count and the list's length agree by construction (and a test checks
//! it for every class of every dimension).

use serde::{Deserialize, Serialize};

use crate::table::customer_table::CustomerTable;
use crate::lang::Lang;
use crate::say;
use crate::texts::Text;
use crate::rfm::value_classes::ValueClass;
use crate::scoring::Scored;
use crate::views::strategy_texts::strategy;
use crate::frameworks::{gold_meteor_creek_burden, lifecycle, new_customer_matrix, nine_grid, tier_ladder, value_pyramid, veteran_matrix};

/// A classification a customer can be filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// RFM segment; class `segments.len()` is "Others".
    Segment,
    /// The 8-class value model, in the order of [`ValueClass::ALL`].
    ValueClass,
    /// A cell of the R×F heatmap: class = (R − 1) · bins + (F − 1) on the shown scores.
    RfCell,
    Pyramid,
    Tier,
    Gmcb,
    NewMatrix,
    Veteran,
    Lifecycle,
    ValueGrid,
    GrowthGrid,
    Cluster,
    /// Valuable and slipping (class 0 only; docs/methods.md §1c).
    AtRisk,
}

impl Dimension {
    pub const ALL: [Dimension; 13] = [
        Dimension::Segment,
        Dimension::ValueClass,
        Dimension::RfCell,
        Dimension::Pyramid,
        Dimension::Tier,
        Dimension::Gmcb,
        Dimension::NewMatrix,
        Dimension::Veteran,
        Dimension::Lifecycle,
        Dimension::ValueGrid,
        Dimension::GrowthGrid,
        Dimension::Cluster,
        Dimension::AtRisk,
    ];

    /// The key in URLs and settings files.
    pub fn key(self) -> &'static str {
        match self {
            Dimension::Segment => "segment",
            Dimension::ValueClass => "value_class",
            Dimension::RfCell => "rf_cell",
            Dimension::Pyramid => "pyramid",
            Dimension::Tier => "tier",
            Dimension::Gmcb => "gmcb",
            Dimension::NewMatrix => "new",
            Dimension::Veteran => "veteran",
            Dimension::Lifecycle => "lifecycle",
            Dimension::ValueGrid => "value_grid",
            Dimension::GrowthGrid => "growth_grid",
            Dimension::Cluster => "cluster",
            Dimension::AtRisk => "at_risk",
        }
    }

    pub fn from_key(key: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.key() == key)
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Dimension::Segment => Text::DimSegment,
            Dimension::ValueClass => Text::DimValueClass,
            Dimension::RfCell => Text::DimRfCell,
            Dimension::Pyramid => Text::DimPyramid,
            Dimension::Tier => Text::DimTier,
            Dimension::Gmcb => Text::DimGmcb,
            Dimension::NewMatrix => Text::DimNewMatrix,
            Dimension::Veteran => Text::DimVeteran,
            Dimension::Lifecycle => Text::DimLifecycle,
            Dimension::ValueGrid => Text::DimValueGrid,
            Dimension::GrowthGrid => Text::DimGrowthGrid,
            Dimension::Cluster => Text::DimCluster,
            Dimension::AtRisk => Text::DimAtRisk,
        }
        .get(lang)
    }

    /// The key of the strategy table in `strategies.json` (the grids map cells to strategies first).
    fn strategy_table(self) -> &'static str {
        match self {
            Dimension::Segment => "rfm_segment",
            Dimension::ValueClass => "value_class",
            Dimension::RfCell | Dimension::Cluster | Dimension::AtRisk => "",
            Dimension::Pyramid => "value_pyramid",
            Dimension::Tier => "tier_ladder",
            Dimension::Gmcb => "gold_meteor_creek_burden",
            Dimension::NewMatrix => "new_customer_matrix",
            Dimension::Veteran => "veteran_matrix",
            Dimension::Lifecycle => "lifecycle",
            Dimension::ValueGrid | Dimension::GrowthGrid => "nine_grid",
        }
    }
}

/// One filter: customers of `class` in `dim`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Filter {
    pub dim: Dimension,
    pub class: usize,
}

impl Filter {
    /// `dim:class`, as in a deep link.
    pub fn to_key(self) -> String {
        format!("{}:{}", self.dim.key(), self.class)
    }

    pub fn from_key(s: &str) -> Option<Filter> {
        let (d, c) = s.split_once(':')?;
        Some(Filter { dim: Dimension::from_key(d)?, class: c.parse().ok()? })
    }
}

/// The class of customer `i` in `dim`; `None` when the framework does not apply to the customer (or,
/// for a summary file, at all).
pub fn class_of(scored: &Scored, dim: Dimension, i: usize) -> Option<usize> {
    let fw = &scored.frameworks;
    let c = scored.customers.get(i)?;
    match dim {
        Dimension::Segment => Some(c.segment.unwrap_or(scored.segments.len())),
        Dimension::ValueClass => Some(c.value_class.index()),
        Dimension::RfCell => {
            let bins = usize::from(scored.rfm.bins.max(1));
            Some((usize::from(c.r_score.max(1)) - 1) * bins + usize::from(c.f_score.max(1)) - 1)
        }
        Dimension::Pyramid => fw.pyramid.level.get(i).copied(),
        Dimension::Tier => fw.tiers.tier.get(i).copied(),
        Dimension::Gmcb => fw.gmcb.class.get(i).copied(),
        Dimension::NewMatrix => fw.new_matrix.class.get(i).copied().flatten(),
        Dimension::Veteran => fw.veteran.as_ref().and_then(|v| v.class.get(i).copied().flatten()),
        Dimension::Lifecycle => fw.lifecycle.as_ref().and_then(|l| l.stage.get(i).copied().flatten()),
        Dimension::ValueGrid => fw.value_grid.cell.get(i).copied().flatten(),
        Dimension::GrowthGrid => fw.growth_grid.as_ref().and_then(|g| g.cell.get(i).copied().flatten()),
        Dimension::Cluster => fw.clusters.as_ref().and_then(|c| c.cluster.get(i).copied()),
        Dimension::AtRisk => c.at_risk.then_some(0),
    }
}

/// How many classes `dim` has (0 when it does not apply to this file).
pub fn class_count(scored: &Scored, dim: Dimension) -> usize {
    let fw = &scored.frameworks;
    match dim {
        Dimension::Segment => scored.segments.len() + 1,
        Dimension::ValueClass => ValueClass::ALL.len(),
        Dimension::RfCell => usize::from(scored.rfm.bins).pow(2),
        Dimension::Pyramid => value_pyramid::LEVELS.len(),
        Dimension::Tier => tier_ladder::TIERS.len(),
        Dimension::Gmcb => gold_meteor_creek_burden::CLASSES.len(),
        Dimension::NewMatrix => new_customer_matrix::CLASSES.len(),
        Dimension::Veteran => fw.veteran.as_ref().map_or(0, |_| veteran_matrix::CLASSES.len()),
        Dimension::Lifecycle => fw.lifecycle.as_ref().map_or(0, |_| lifecycle::STAGES.len()),
        Dimension::ValueGrid => 9,
        Dimension::GrowthGrid => fw.growth_grid.as_ref().map_or(0, |_| 9),
        Dimension::Cluster => fw.clusters.as_ref().map_or(0, |c| c.k),
        Dimension::AtRisk => 1,
    }
}

/// The class's name as the page shows it.
pub fn class_label(scored: &Scored, dim: Dimension, class: usize, lang: Lang) -> String {
    let pick = |names: &[&str], f: fn(usize, Lang) -> &'static str| if class < names.len() { f(class, lang).to_string() } else { "?".into() };
    match dim {
        Dimension::Segment => match scored.segments.get(class) {
            Some(s) => s.label(lang).to_string(),
            None => Text::SegmentOthers.get(lang).into(),
        },
        Dimension::ValueClass => ValueClass::ALL.get(class).map_or("?".into(), |c| c.label(lang).to_string()),
        Dimension::RfCell => {
            let bins = usize::from(scored.rfm.bins.max(1));
            format!("R{} F{}", class / bins + 1, class % bins + 1)
        }
        Dimension::Pyramid => pick(&value_pyramid::LEVELS, value_pyramid::label),
        Dimension::Tier => pick(&tier_ladder::TIERS, tier_ladder::label),
        Dimension::Gmcb => pick(&gold_meteor_creek_burden::CLASSES, gold_meteor_creek_burden::label),
        Dimension::NewMatrix => pick(&new_customer_matrix::CLASSES, new_customer_matrix::label),
        Dimension::Veteran => pick(&veteran_matrix::CLASSES, veteran_matrix::label),
        Dimension::Lifecycle => pick(&lifecycle::STAGES, lifecycle::label),
        Dimension::ValueGrid | Dimension::GrowthGrid => nine_grid::label(class.min(8), lang),
        Dimension::Cluster => say!(Text::ClusterNumber, lang, n = class + 1),
        Dimension::AtRisk => Text::ValuableAndSlipping.get(lang).into(),
    }
}

/// The treatment that applies to a class, when the strategy file has one.
pub fn class_strategy(scored: &Scored, dim: Dimension, class: usize, lang: Lang) -> Option<&'static str> {
    let fw = &scored.frameworks;
    let key: String = match dim {
        Dimension::Segment => scored.segments.get(class).map_or("others".into(), |s| s.key.clone()),
        Dimension::ValueClass => ValueClass::ALL.get(class)?.key().into(),
        Dimension::RfCell | Dimension::Cluster | Dimension::AtRisk => return None,
        Dimension::Pyramid => value_pyramid::LEVELS.get(class)?.to_string(),
        Dimension::Tier => tier_ladder::TIERS.get(class)?.to_string(),
        Dimension::Gmcb => gold_meteor_creek_burden::CLASSES.get(class)?.to_string(),
        Dimension::NewMatrix => new_customer_matrix::CLASSES.get(class)?.to_string(),
        Dimension::Veteran => veteran_matrix::CLASSES.get(class)?.to_string(),
        Dimension::Lifecycle => lifecycle::STAGES.get(class)?.to_string(),
        Dimension::ValueGrid => nine_grid::strategy_of(&fw.value_grid, class.min(8)).into(),
        Dimension::GrowthGrid => nine_grid::strategy_of(fw.growth_grid.as_ref()?, class.min(8)).into(),
    };
    strategy(dim.strategy_table(), &key, lang)
}

/// A dimension's classes with their names in both languages and their customers: what the page's
/// filter menu offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Facet {
    pub dim: Dimension,
    pub en: String,
    pub zh: String,
    pub classes: Vec<FacetClass>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FacetClass {
    pub class: usize,
    pub en: String,
    pub zh: String,
    pub customers: u64,
}

/// Every dimension that applies to this file, with every class and its count.
pub fn facets(scored: &Scored) -> Vec<Facet> {
    Dimension::ALL
        .into_iter()
        .filter(|&d| class_count(scored, d) > 0)
        .map(|dim| {
            let mut counts = vec![0u64; class_count(scored, dim)];
            for i in 0..scored.customers.len() {
                if let Some(k) = class_of(scored, dim, i).filter(|&k| k < counts.len()) {
                    counts[k] += 1;
                }
            }
            let classes = counts
                .iter()
                .enumerate()
                .map(|(class, &customers)| FacetClass {
                    class,
                    en: class_label(scored, dim, class, Lang::En),
                    zh: class_label(scored, dim, class, Lang::Zh),
                    customers,
                })
                .collect();
            Facet { dim, en: dim.title(Lang::En).into(), zh: dim.title(Lang::Zh).into(), classes }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    Id,
    Revenue,
    Margin,
    Occasions,
    /// Days since the last purchase.
    Recency,
    Clv,
    PAlive,
    /// "Valuable and slipping" (docs/methods.md §1c).
    #[default]
    Priority,
}

impl SortKey {
    pub const ALL: [SortKey; 8] = [
        SortKey::Id,
        SortKey::Revenue,
        SortKey::Margin,
        SortKey::Occasions,
        SortKey::Recency,
        SortKey::Clv,
        SortKey::PAlive,
        SortKey::Priority,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SortKey::Id => "id",
            SortKey::Revenue => "revenue",
            SortKey::Margin => "margin",
            SortKey::Occasions => "occasions",
            SortKey::Recency => "recency",
            SortKey::Clv => "clv",
            SortKey::PAlive => "p_alive",
            SortKey::Priority => "priority",
        }
    }

    pub fn from_key(s: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.key() == s)
    }
}

/// What the list shows: customers in every filter (AND) whose id or name contains `search`
/// (case-insensitive), sorted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Selection {
    pub filters: Vec<Filter>,
    pub search: String,
    pub sort: SortKey,
    pub descending: bool,
}

/// The customers of a selection, in its order (indices into the table).
pub fn select(table: &CustomerTable, scored: &Scored, sel: &Selection) -> Vec<usize> {
    let needle = sel.search.trim().to_lowercase();
    let mut out: Vec<usize> = (0..table.customers.len().min(scored.customers.len()))
        .filter(|&i| sel.filters.iter().all(|f| class_of(scored, f.dim, i) == Some(f.class)))
        .filter(|&i| {
            if needle.is_empty() {
                return true;
            }
            let c = &table.customers[i];
            c.id.to_lowercase().contains(&needle) || c.name.as_ref().is_some_and(|n| n.to_lowercase().contains(&needle))
        })
        .collect();
    let value = |i: usize| -> f64 {
        let (c, s) = (&table.customers[i], &scored.customers[i]);
        match sel.sort {
            SortKey::Id => 0.0,
            SortKey::Revenue => c.revenue,
            SortKey::Margin => c.margin,
            SortKey::Occasions => f64::from(c.occasions),
            SortKey::Recency => scored.rfm.recency_days[i],
            // Customers without a model value sort last either way.
            SortKey::Clv => s.clv.unwrap_or(f64::NAN),
            SortKey::PAlive => s.p_alive.unwrap_or(f64::NAN),
            SortKey::Priority => s.priority,
        }
    };
    // A stable sort on (value, id): ties keep a fixed order, so a page never shuffles between requests.
    if sel.sort == SortKey::Id {
        out.sort_by(|&a, &b| table.customers[a].id.cmp(&table.customers[b].id));
        if sel.descending {
            out.reverse();
        }
    } else {
        let keyed: Vec<f64> = (0..table.customers.len()).map(value).collect();
        out.sort_by(|&a, &b| {
            let (x, y) = (keyed[a], keyed[b]);
            let by_value = match (x.is_nan(), y.is_nan()) {
                (true, true) => std::cmp::Ordering::Equal,
                (true, false) => std::cmp::Ordering::Greater,
                (false, true) => std::cmp::Ordering::Less,
                _ if sel.descending => y.total_cmp(&x),
                _ => x.total_cmp(&y),
            };
            by_value.then_with(|| table.customers[a].id.cmp(&table.customers[b].id))
        });
    }
    out
}

/// One row of the list, labelled in the page's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListRow {
    pub index: usize,
    pub id: String,
    pub name: Option<String>,
    pub occasions: u32,
    pub revenue: f64,
    pub margin: f64,
    pub recency_days: f64,
    pub rfm_cell: String,
    pub segment: String,
    pub value_class: String,
    pub clv: Option<f64>,
    pub p_alive: Option<f64>,
    pub priority: f64,
    pub stage: Option<String>,
}

pub fn row(table: &CustomerTable, scored: &Scored, i: usize, lang: Lang) -> ListRow {
    let (c, s) = (&table.customers[i], &scored.customers[i]);
    ListRow {
        index: i,
        id: c.id.clone(),
        name: c.name.clone(),
        occasions: c.occasions,
        revenue: c.revenue,
        margin: c.margin,
        recency_days: scored.rfm.recency_days[i],
        rfm_cell: s.rfm_cell.clone(),
        segment: class_label(scored, Dimension::Segment, class_of(scored, Dimension::Segment, i).unwrap_or(0), lang),
        value_class: s.value_class.label(lang).to_string(),
        clv: s.clv,
        p_alive: s.p_alive,
        priority: s.priority,
        stage: class_of(scored, Dimension::Lifecycle, i).map(|k| class_label(scored, Dimension::Lifecycle, k, lang)),
    }
}

/// A filter with its words, for the chip above the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chip {
    pub filter: Filter,
    pub dimension: String,
    pub class: String,
}

pub fn chip(scored: &Scored, filter: Filter, lang: Lang) -> Chip {
    Chip { filter, dimension: filter.dim.title(lang).into(), class: class_label(scored, filter.dim, filter.class, lang) }
}

/// A customer's card: history, every score, and each framework's class with its treatment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub row: ListRow,
    pub region: Option<String>,
    pub first_date: Option<chrono::NaiveDate>,
    pub last_date: Option<chrono::NaiveDate>,
    pub orders: u32,
    /// Purchase occasions (date, net spend), the latest last; at most [`CARD_HISTORY`].
    pub history: Vec<(chrono::NaiveDate, f64)>,
    pub history_total: usize,
    /// (label, value) of the scores, formatted by the engine's export rules.
    pub scores: Vec<(String, String)>,
    /// Every framework that classes the customer.
    pub classes: Vec<CardClass>,
}

/// One framework's class on the card: the class, why (the customer's numbers against the cuts,
/// `class_reasons`) and the strategy for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardClass {
    pub dimension: String,
    pub class: String,
    pub reason: Option<String>,
    pub strategy: Option<String>,
}

/// How many of a customer's latest occasions the card lists.
pub const CARD_HISTORY: usize = 120;

/// `assumed_margin`: the rate of revenue the margin stands in for when the file has no cost column;
/// the margin's label then says so.
pub fn card(table: &CustomerTable, scored: &Scored, i: usize, lang: Lang, assumed_margin: Option<f64>) -> Option<Card> {
    let c = table.customers.get(i)?;
    let s = scored.customers.get(i)?;
    let occ = if table.occasions.is_empty() { &[][..] } else { table.occasions_of(i) };
    let skip = occ.len().saturating_sub(CARD_HISTORY);
    let l = |text: Text| text.get(lang).to_string();
    let opt = |v: Option<f64>, digits: usize| v.map_or_else(|| "—".to_string(), |v| format!("{v:.digits$}"));
    let scores = vec![
        (l(Text::CardRfmScores), s.rfm_cell.clone()),
        (l(Text::CardWeightedRfm), format!("{:.2}", s.rfm_combined)),
        (l(Text::CardDaysSinceLast), format!("{:.0}", scored.rfm.recency_days[i])),
        (l(Text::CardRepeatPurchases), format!("{}", c.frequency)),
        (l(Text::CardPAlive), opt(s.p_alive, 3)),
        (l(Text::CardExpectedPurchases), opt(s.expected_purchases_horizon, 2)),
        (l(Text::CardExpectedMeanSpend), opt(s.expected_mean_spend, 2)),
        (l(Text::CardClv), opt(s.clv, 2)),
        (
            match assumed_margin {
                None => l(Text::CardHistoricalValue),
                Some(r) => say!(Text::CardHistoricalValueAssumed, lang, rate = format!("{:.0}%", r * 100.0)),
            },
            format!("{:.2}", s.historical_value),
        ),
        (l(Text::CardPotentialValue), opt(s.potential_value, 2)),
        (l(Text::CardPriority), format!("{:.3}", s.priority)),
    ];
    let classes = Dimension::ALL
        .into_iter()
        .filter(|&d| !matches!(d, Dimension::RfCell | Dimension::AtRisk))
        .filter_map(|d| {
            let k = class_of(scored, d, i)?;
            Some(CardClass {
                dimension: d.title(lang).to_string(),
                class: class_label(scored, d, k, lang),
                reason: crate::views::class_reasons::explain(table, scored, d, i).map(|lines| crate::views::class_reasons::text(&lines, lang)),
                strategy: class_strategy(scored, d, k, lang).map(String::from),
            })
        })
        .collect();
    Some(Card {
        row: row(table, scored, i, lang),
        region: c.region.clone(),
        first_date: c.first_date,
        last_date: c.last_date,
        orders: c.orders,
        history: occ[skip..].iter().map(|o| (o.date, o.spend)).collect(),
        history_total: occ.len(),
        scores,
        classes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo(customers: usize) -> (CustomerTable, Scored) {
        let (imported, scored) = crate::scoring::scored_fixture(customers);
        (imported.table, scored)
    }

    /// Every class of every dimension: the list filtered to it has as many customers as the
    /// framework's own table says (the drill-down's promise), and the classes of a dimension
    /// partition the customers it applies to.
    #[test]
    fn a_filtered_list_has_the_frameworks_count_for_every_class() {
        let (table, scored) = demo(1500);
        let fw = &scored.frameworks;
        let tables: Vec<(Dimension, Option<Vec<u64>>)> = vec![
            (Dimension::Pyramid, Some(fw.pyramid.table.iter().map(|r| r.customers).collect())),
            (Dimension::Tier, Some(fw.tiers.table.iter().map(|r| r.customers).collect())),
            (Dimension::Gmcb, Some(fw.gmcb.table.iter().map(|r| r.customers).collect())),
            (Dimension::NewMatrix, Some(fw.new_matrix.table.iter().map(|r| r.customers).collect())),
            (Dimension::Veteran, fw.veteran.as_ref().map(|v| v.table.iter().map(|r| r.customers).collect())),
            (Dimension::Lifecycle, fw.lifecycle.as_ref().map(|v| v.table.iter().map(|r| r.customers).collect())),
            (Dimension::ValueGrid, Some(fw.value_grid.table.iter().map(|r| r.customers).collect())),
            (Dimension::GrowthGrid, fw.growth_grid.as_ref().map(|v| v.table.iter().map(|r| r.customers).collect())),
            (Dimension::Cluster, fw.clusters.as_ref().map(|v| v.table.iter().map(|r| r.customers).collect())),
        ];
        for (dim, counts) in tables {
            let counts = counts.unwrap_or_else(|| panic!("{dim:?} applies to a transaction file"));
            assert_eq!(counts.len(), class_count(&scored, dim), "{dim:?}");
            for (class, &n) in counts.iter().enumerate() {
                let sel = Selection { filters: vec![Filter { dim, class }], ..Selection::default() };
                assert_eq!(select(&table, &scored, &sel).len() as u64, n, "{dim:?} class {class}");
            }
        }
        // The filter menu's counts are the same numbers.
        for facet in facets(&scored) {
            for c in &facet.classes {
                let sel = Selection { filters: vec![Filter { dim: facet.dim, class: c.class }], ..Selection::default() };
                assert_eq!(select(&table, &scored, &sel).len() as u64, c.customers, "{:?} {}", facet.dim, c.en);
            }
        }
        // Segments, value classes and R×F cells cover everyone exactly once.
        for dim in [Dimension::Segment, Dimension::ValueClass, Dimension::RfCell] {
            let total: usize = (0..class_count(&scored, dim))
                .map(|class| select(&table, &scored, &Selection { filters: vec![Filter { dim, class }], ..Selection::default() }).len())
                .sum();
            assert_eq!(total, table.customers.len(), "{dim:?}");
        }
    }

    #[test]
    fn filters_combine_and_search_and_sort_work_on_a_hand_checked_slice() {
        let (table, scored) = demo(800);
        let gold = Filter { dim: Dimension::Gmcb, class: 0 };
        let key = Filter { dim: Dimension::Pyramid, class: 0 };
        let both = select(&table, &scored, &Selection { filters: vec![gold, key], ..Selection::default() });
        let by_hand: Vec<usize> = (0..table.customers.len())
            .filter(|&i| scored.frameworks.gmcb.class[i] == 0 && scored.frameworks.pyramid.level[i] == 0)
            .collect();
        let mut sorted_both = both.clone();
        sorted_both.sort_unstable();
        assert_eq!(sorted_both, by_hand);
        // Default order: priority, descending.
        let all = select(&table, &scored, &Selection { descending: true, ..Selection::default() });
        assert!(all.windows(2).all(|w| scored.customers[w[0]].priority >= scored.customers[w[1]].priority));
        // Revenue ascending; the id breaks ties.
        let sel = Selection { sort: SortKey::Revenue, ..Selection::default() };
        let by_revenue = select(&table, &scored, &sel);
        assert!(by_revenue.windows(2).all(|w| table.customers[w[0]].revenue <= table.customers[w[1]].revenue));
        // Search matches part of an id, in any case.
        let id = table.customers[17].id.clone();
        let part = id[1..].to_lowercase();
        let found = select(&table, &scored, &Selection { search: part.clone(), ..Selection::default() });
        assert!(found.contains(&17));
        assert!(found.iter().all(|&i| table.customers[i].id.to_lowercase().contains(&part)));
    }

    #[test]
    fn deep_link_keys_round_trip_and_reject_nonsense() {
        for dim in Dimension::ALL {
            let f = Filter { dim, class: 3 };
            assert_eq!(Filter::from_key(&f.to_key()), Some(f));
        }
        assert_eq!(Filter::from_key("pyramid:x"), None);
        assert_eq!(Filter::from_key("nope:1"), None);
        assert_eq!(Filter::from_key(""), None);
        for k in SortKey::ALL {
            assert_eq!(SortKey::from_key(k.key()), Some(k));
        }
    }

    #[test]
    fn the_card_lists_the_history_and_the_treatment_of_every_class() {
        let (table, scored) = demo(600);
        let i = (0..table.customers.len()).find(|&i| table.customers[i].occasions >= 3).expect("a repeat buyer");
        let card = card(&table, &scored, i, Lang::Zh, Some(0.3)).expect("card");
        assert_eq!(card.history.len(), table.customers[i].occasions as usize);
        assert!(card.history.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(card.history.last().map(|h| h.0), table.customers[i].last_date);
        assert!(card.classes.iter().any(|c| c.dimension == "金字塔层级" && c.strategy.is_some()));
        assert!(card.classes.iter().filter(|c| c.dimension != "聚类").all(|c| c.strategy.is_some()), "{:?}", card.classes);
        assert!(card.classes.iter().all(|c| c.reason.is_some()), "every class says why: {:?}", card.classes);
        assert!(card.scores.iter().any(|(k, _)| k == "历史价值（毛利，假定为收入的 30%）"), "an assumed margin says so: {:?}", card.scores);
        assert!(super::card(&table, &scored, table.customers.len(), Lang::En, None).is_none());
    }
}
