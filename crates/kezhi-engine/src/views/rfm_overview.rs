//! What the RFM view draws: the R×F heatmap of mean M, each segment's customers, revenue and
//! margin with their shares, and the 8-class table, all from the per-customer scores.

use serde::{Deserialize, Serialize};

use crate::frameworks::class_table::{aggregate, ClassRow};
use crate::views::customer_list::{class_count, class_of, Dimension};
use crate::table::customer_table::CustomerTable;
use crate::rfm::scores::CutPoint;
use crate::rfm::value_classes::ValueClass;
use crate::scoring::Scored;
use crate::texts::Text;

/// One cell of the R×F heatmap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeatCell {
    pub r: u8,
    pub f: u8,
    pub customers: u64,
    /// Mean M (in the M definition in force) of the cell's customers; `None` for an empty cell.
    pub mean_m: Option<f64>,
}

/// A segment (or class) with revenue beside margin: the segment bars show customers and revenue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentRow {
    pub key: String,
    pub en: String,
    pub zh: String,
    pub customers: u64,
    pub customer_share: f64,
    pub revenue: f64,
    pub revenue_share: f64,
    pub margin: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmOverview {
    pub bins: u8,
    /// Row-major from R = 1, F = 1: cell (r, f) at `(r − 1) · bins + (f − 1)`.
    pub heat: Vec<HeatCell>,
    /// The segments in rule order, then "Others" (shown only when it has customers).
    pub segments: Vec<SegmentRow>,
    /// The 8 value classes in docs/methods.md §1b order (keys from [`ValueClass::key`]).
    pub value_classes: Vec<ClassRow>,
    pub cuts_r: Vec<CutPoint>,
    pub cuts_f: Vec<CutPoint>,
    pub cuts_m: Vec<CutPoint>,
}

pub fn build(table: &CustomerTable, scored: &Scored) -> RfmOverview {
    let n = table.customers.len().min(scored.customers.len());
    let bins = scored.rfm.bins.max(1);
    let cells = usize::from(bins).pow(2);
    let (mut count, mut sum_m) = (vec![0u64; cells], vec![0.0; cells]);
    for i in 0..n {
        if let Some(k) = class_of(scored, Dimension::RfCell, i).filter(|&k| k < cells) {
            count[k] += 1;
            sum_m[k] += scored.rfm.monetary[i];
        }
    }
    let heat = (0..cells)
        .map(|k| HeatCell {
            r: (k / usize::from(bins)) as u8 + 1,
            f: (k % usize::from(bins)) as u8 + 1,
            customers: count[k],
            mean_m: (count[k] > 0).then(|| sum_m[k] / count[k] as f64),
        })
        .collect();
    let groups = class_count(scored, Dimension::Segment);
    let (mut customers, mut revenue, mut margin) = (vec![0u64; groups], vec![0.0; groups], vec![0.0; groups]);
    for i in 0..n {
        let k = class_of(scored, Dimension::Segment, i).unwrap_or(groups - 1).min(groups - 1);
        customers[k] += 1;
        revenue[k] += table.customers[i].revenue;
        margin[k] += table.customers[i].margin;
    }
    let total_revenue: f64 = revenue.iter().sum();
    let segments = (0..groups)
        .filter(|&k| k < scored.segments.len() || customers[k] > 0)
        .map(|k| {
            let (key, en, zh) = match scored.segments.get(k) {
                Some(s) => (s.key.clone(), s.en.clone(), s.zh.clone()),
                None => ("others".into(), Text::SegmentOthers.en().into(), Text::SegmentOthers.zh().into()),
            };
            SegmentRow {
                key,
                en,
                zh,
                customers: customers[k],
                customer_share: if n > 0 { customers[k] as f64 / n as f64 } else { 0.0 },
                revenue: revenue[k],
                revenue_share: if total_revenue != 0.0 { revenue[k] / total_revenue } else { 0.0 },
                margin: margin[k],
            }
        })
        .collect();
    let keys: Vec<&str> = ValueClass::ALL.iter().map(|c| c.key()).collect();
    let classes: Vec<Option<usize>> = (0..n).map(|i| class_of(scored, Dimension::ValueClass, i)).collect();
    let margins: Vec<f64> = table.customers[..n].iter().map(|c| c.margin).collect();
    RfmOverview {
        bins,
        heat,
        segments,
        value_classes: aggregate(&keys, &classes, &margins),
        cuts_r: scored.rfm.cuts_r.clone(),
        cuts_f: scored.rfm.cuts_f.clone(),
        cuts_m: scored.rfm.cuts_m.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportOptions;
    use crate::table::imported::import;
    use crate::scoring::score;
    use crate::settings::Settings;

    /// Six customers whose scores are known by hand (3 bins): the heatmap's counts and mean M, and the
    /// segment revenue shares, worked out on paper from the rows below.
    #[test]
    fn heatmap_and_segment_shares_by_hand() {
        // Analysis date 2024-03-01. R days: A 0, B 10, C 20, D 40, E 50, F 60 → R scores 3 3 2 2 1 1.
        // F occasions: A 3, B 1, C 2, D 2, E 1, F 1 → ranks (asc) B,E,F share 2; C,D share 4.5; A 6 →
        // F scores ⌈3·2/6⌉=1, ⌈3·4.5/6⌉=3, ⌈3·6/6⌉=3: A 3, B 1, C 3, D 3, E 1, F 1.
        let csv = "customer,date,amount\n\
            A,2024-02-01,10\nA,2024-02-15,10\nA,2024-03-01,10\n\
            B,2024-02-20,50\n\
            C,2024-01-01,20\nC,2024-02-10,20\n\
            D,2024-01-01,5\nD,2024-01-21,5\n\
            E,2024-01-11,100\n\
            F,2024-01-01,60\n";
        let settings = Settings { rfm_bins: 3, ..Settings::default() };
        let imported = import(csv.as_bytes(), "six.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("imports");
        let scored = score(&imported.table, &settings);
        let ids: Vec<&str> = imported.table.customers.iter().map(|c| c.id.as_str()).collect();
        let rf: Vec<(u8, u8)> = scored.customers.iter().map(|c| (c.r_score, c.f_score)).collect();
        let want: Vec<(u8, u8)> = ["A", "B", "C", "D", "E", "F"]
            .iter()
            .map(|id| match *id {
                "A" => (3, 3),
                "B" => (3, 1),
                "C" | "D" => (2, 3),
                _ => (1, 1),
            })
            .collect();
        let by_id: Vec<(u8, u8)> =
            ["A", "B", "C", "D", "E", "F"].iter().map(|id| rf[ids.iter().position(|x| x == id).expect("id")]).collect();
        assert_eq!(by_id, want);
        let o = build(&imported.table, &scored);
        assert_eq!(o.bins, 3);
        assert_eq!(o.heat.len(), 9);
        let cell = |r: u8, f: u8| o.heat.iter().find(|c| c.r == r && c.f == f).expect("cell").clone();
        // (2, 3) holds C (M 40) and D (M 10): mean 25. (1, 1) holds E (100) and F (60): mean 80.
        assert_eq!((cell(2, 3).customers, cell(2, 3).mean_m), (2, Some(25.0)));
        assert_eq!((cell(1, 1).customers, cell(1, 1).mean_m), (2, Some(80.0)));
        assert_eq!((cell(2, 1).customers, cell(2, 1).mean_m), (0, None));
        assert_eq!(o.heat.iter().map(|c| c.customers).sum::<u64>(), 6);
        // Revenue shares add to 1 and each equals the segment's revenue over 290.
        let total: f64 = o.segments.iter().map(|s| s.revenue_share).sum();
        assert!((total - 1.0).abs() < 1e-12);
        for s in &o.segments {
            assert!((s.revenue_share - s.revenue / 290.0).abs() < 1e-12, "{s:?}");
        }
        assert_eq!(o.value_classes.iter().map(|c| c.customers).sum::<u64>(), 6);
    }
}
