//! CSV exports: UTF-8 with a BOM (so Excel opens Chinese correctly), and text cells that a spreadsheet
//! would run as a formula escaped with a leading apostrophe (docs/methods.md §8).

use crate::table::customer_table::CustomerTable;
use crate::import::rejects::Reject;
use crate::lang::Lang;
use crate::texts::Text;

pub const BOM: &str = "\u{feff}";

/// Escapes a text cell that begins with `=`, `+`, `-`, `@`, tab or CR, unless it is a plain number
/// (a negative amount stays a number).
pub fn escape_cell(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn write_rows(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    // Writing to a Vec cannot fail; a failed row is skipped rather than panicking.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| escape_cell(c)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{:.6}", v).trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

pub const CUSTOMER_COLUMNS: [&str; 11] = [
    "customer_id", "first_date", "last_date", "frequency", "recency", "T", "monetary_value", "occasions", "orders", "revenue", "margin",
];

/// An RFM table's four columns in place of the `lifetimes` summary's: its customers have no age
/// (T), so writing their days since the last purchase as T would make the file import back as a
/// summary with the opposite recency.
pub const RFM_TABLE_COLUMNS: [&str; 4] = ["days_since", "purchases", "total_spend", "mean_spend"];

/// The four summary columns of customer `c`: the `lifetimes` summary, or an RFM table's own.
fn summary_cells(table: &CustomerTable, c: &crate::table::customer_table::Customer) -> [String; 4] {
    if table.rfm_only {
        let purchases = f64::from(c.occasions.max(1));
        [num(((c.t - c.recency) * table.unit.days()).round()), c.occasions.to_string(), num(c.revenue), num(c.revenue / purchases)]
    } else {
        [num(c.frequency), num(c.recency), num(c.t), num(c.monetary_value)]
    }
}

/// `columns` with the four summary columns from `at` on replaced by an RFM table's.
fn header_for(table: &CustomerTable, columns: &[&'static str], at: usize) -> Vec<&'static str> {
    let mut h = columns.to_vec();
    if table.rfm_only {
        h[at..at + 4].copy_from_slice(&RFM_TABLE_COLUMNS);
    }
    h
}

/// The customer table, one row per customer, in the `lifetimes` convention (docs/methods.md §0); an RFM
/// table with its own columns instead (`RFM_TABLE_COLUMNS`).
pub fn customers_csv(table: &CustomerTable) -> String {
    let rows = table.customers.iter().map(|c| {
        let [a, b, t, m] = summary_cells(table, c);
        vec![
            c.id.clone(),
            c.first_date.map(|d| d.to_string()).unwrap_or_default(),
            c.last_date.map(|d| d.to_string()).unwrap_or_default(),
            a,
            b,
            t,
            m,
            c.occasions.to_string(),
            c.orders.to_string(),
            num(c.revenue),
            num(c.margin),
        ]
    });
    write_rows(&header_for(table, &CUSTOMER_COLUMNS, 3), rows)
}

/// The scored export's columns after the customer's facts and the four summary columns: the scores
/// and every framework's class.
pub const SCORE_COLUMNS: [&str; 25] = [
    "days_since_last_purchase", "r_score", "f_score", "m_score", "rfm_cell", "rfm_segment", "value_class", "p_alive",
    "expected_purchases", "expected_mean_spend", "clv", "historical_value", "potential_value", "priority_score", "rfm_combined",
    "pyramid_level", "tier", "gmcb_class", "new_matrix_class", "veteran_class", "veteran_grade", "lifecycle_stage",
    "value_grid_cell", "growth_grid_cell", "cluster",
];

fn unit_name(unit: crate::time_unit::TimeUnit) -> &'static str {
    match unit {
        crate::time_unit::TimeUnit::Day => "days",
        crate::time_unit::TimeUnit::Week => "weeks",
        crate::time_unit::TimeUnit::Month => "months",
    }
}

/// The scored export's header: a plain row a spreadsheet or `pandas.read_csv` reads as is, the units
/// in the names — `recency (weeks)`, `T (weeks)`, `expected_purchases (12 months)` — and the margin
/// named as assumed when it is the settings' rate of revenue (no cost or profit column). The importer
/// reads `recency (weeks)` as `recency` (a unit in brackets is dropped), so the file imports back as a
/// customer summary (crates/kezhi-engine/tests/round_trip.rs).
pub fn scored_header(table: &CustomerTable, horizon_months: u32, assumed_margin: Option<f64>) -> Vec<String> {
    let unit = unit_name(table.unit);
    let margin = assumed_margin.map_or_else(|| "margin".to_string(), |r| format!("margin (assumed {}% of revenue)", num(r * 100.0)));
    let mut h: Vec<String> = vec!["customer_id".into(), "name".into(), "first_purchase".into(), "last_purchase".into(), "orders".into(), "revenue".into(), margin];
    if table.rfm_only {
        h.extend(RFM_TABLE_COLUMNS.iter().map(|c| c.to_string()));
    } else {
        h.extend(["frequency".to_string(), format!("recency ({unit})"), format!("T ({unit})"), "monetary_value".to_string()]);
    }
    h.extend(SCORE_COLUMNS.iter().map(|c| match *c {
        "expected_purchases" => format!("expected_purchases ({horizon_months} months)"),
        other => other.to_string(),
    }));
    h
}

/// One row per customer with every score; empty cells where a model could not be fitted.
pub fn scored_csv(table: &CustomerTable, scored: &crate::scoring::Scored, lang: Lang, assumed_margin: Option<f64>) -> String {
    let all: Vec<usize> = (0..table.customers.len().min(scored.customers.len())).collect();
    scored_csv_of(table, scored, lang, &all, assumed_margin, false)
}

/// The customers `indices` (in that order) with their facts, every score and every class, under
/// [`scored_header`]. The settings and the selection go beside it (`export_notes`), not into it.
/// With `anonymise`, every id is its pseudonym (`anonymise::pseudonym`) and names are left out.
pub fn scored_csv_of(
    table: &CustomerTable,
    scored: &crate::scoring::Scored,
    lang: Lang,
    indices: &[usize],
    assumed_margin: Option<f64>,
    anonymise: bool,
) -> String {
    let n = table.customers.len();
    let rows = indices.iter().filter(|&&i| i < table.customers.len() && i < scored.customers.len()).map(|&i| {
        let s = &scored.customers[i];
        let row = ScoredRow {
            id: if anonymise { crate::views::anonymise::pseudonym(i, n, lang) } else { table.customers[i].id.clone() },
            with_name: !anonymise,
            recency_days: scored.rfm.recency_days[i],
            score: s,
            priority: Some(s.priority),
            classes: scored.frameworks.classes_of(i),
        };
        scored_cells(table, i, &row, &scored.segments, lang)
    });
    let header = scored_header(table, scored.settings.horizon_months, assumed_margin);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    write_rows(&header, rows)
}

/// What one row of the scored export says of a customer beyond the table's facts.
pub struct ScoredRow<'a> {
    /// The id as written (a pseudonym when anonymised).
    pub id: String,
    /// The name is written (not when anonymised).
    pub with_name: bool,
    /// Days since the last purchase, as the RFM scores take them.
    pub recency_days: f64,
    pub score: &'a crate::scoring::CustomerScore,
    /// `None` when the customer cannot be ranked (a model's customer without a CLV, say).
    pub priority: Option<f64>,
    pub classes: crate::frameworks::CustomerClasses,
}

/// The cells of [`scored_header`] for customer `i` of `table`; each goes through [`escape_cell`]
/// when written. `kezhi score` and `kezhi score --model` both write their rows with it, so a column
/// reads the same in both files.
pub fn scored_cells(table: &CustomerTable, i: usize, row: &ScoredRow, segments: &[crate::rfm::segments::SegmentRule], lang: Lang) -> Vec<String> {
    use crate::frameworks::{gold_meteor_creek_burden as gmcb, lifecycle, new_customer_matrix as new, nine_grid, tier_ladder, value_pyramid, veteran_matrix};
    let opt = |v: Option<f64>| v.map(num).unwrap_or_default();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let class = |k: Option<usize>, label: fn(usize, Lang) -> &'static str| k.map(|k| label(k, lang).to_string()).unwrap_or_default();
    let (c, s, k) = (&table.customers[i], row.score, &row.classes);
    let [a, b, t, m] = summary_cells(table, c);
    vec![
        row.id.clone(),
        if row.with_name { c.name.clone().unwrap_or_default() } else { String::new() },
        date(c.first_date),
        date(c.last_date),
        c.orders.to_string(),
        num(c.revenue),
        num(c.margin),
        a,
        b,
        t,
        m,
        num(row.recency_days),
        s.r_score.to_string(),
        s.f_score.to_string(),
        s.m_score.to_string(),
        s.rfm_cell.clone(),
        s.segment.map(|i| segments[i].label(lang).to_string()).unwrap_or_else(|| Text::SegmentOthers.get(lang).into()),
        s.value_class.label(lang).to_string(),
        opt(s.p_alive),
        opt(s.expected_purchases_horizon),
        opt(s.expected_mean_spend),
        opt(s.clv),
        num(s.historical_value),
        opt(s.potential_value),
        opt(row.priority),
        num(s.rfm_combined),
        class(k.pyramid, value_pyramid::label),
        class(k.tier, tier_ladder::label),
        class(k.gmcb, gmcb::label),
        class(k.new_matrix, new::label),
        class(k.veteran, veteran_matrix::label),
        k.veteran_grade.map(|g| g.to_string()).unwrap_or_default(),
        class(k.lifecycle, lifecycle::label),
        k.value_grid.map(|c| nine_grid::label(c, lang)).unwrap_or_default(),
        k.growth_grid.map(|c| nine_grid::label(c, lang)).unwrap_or_default(),
        k.cluster.map(|c| (c + 1).to_string()).unwrap_or_default(),
    ]
}

/// What `kezhi score --model` writes for customer `i` of `table`: the cells of [`scored_cells`],
/// with the model's scores and classes. One row at a time: a chunk's rows are written as they are
/// made, not held together.
pub fn model_scored_row(table: &CustomerTable, scores: &crate::fitted_model::ModelScores, i: usize, lang: Lang) -> Vec<String> {
    let row = ScoredRow {
        id: table.customers[i].id.clone(),
        with_name: true,
        recency_days: scores.rfm.recency_days[i],
        score: &scores.customers[i],
        priority: scores.priority[i],
        classes: scores.classes[i].clone(),
    };
    scored_cells(table, i, &row, &scores.segments, lang)
}

/// The side file of an export: one `key = value` line per note (the file, the selection, every
/// setting in force), UTF-8 with a BOM.
pub fn export_notes(notes: &[(String, String)]) -> String {
    let lines: Vec<String> = notes.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    format!("{BOM}{}\n", lines.join("\n"))
}

/// The rejected rows with line, column, raw value and reason.
pub fn rejects_csv(rejects: &[Reject], lang: Lang) -> String {
    let header = [Text::RejectsLine, Text::RejectsColumn, Text::RejectsColumnName, Text::RejectsValue, Text::RejectsReason].map(|t| t.get(lang));
    let rows = rejects.iter().map(|r| {
        vec![r.line.to_string(), r.column.to_string(), r.column_name.clone(), r.value.clone(), r.reason.text(lang)]
    });
    write_rows(&header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_escaped_but_negative_numbers_are_not() {
        assert_eq!(escape_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(escape_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(escape_cell("+86 138"), "'+86 138");
        assert_eq!(escape_cell("\tx"), "'\tx");
        assert_eq!(escape_cell("\r=1+2"), "'\r=1+2");
        assert_eq!(escape_cell("-1+2"), "'-1+2");
        assert_eq!(escape_cell("-12.5"), "-12.5");
        assert_eq!(escape_cell("王小明"), "王小明");
    }

    #[test]
    fn exports_start_with_a_bom_and_quote_what_needs_quoting() {
        let rejects = vec![Reject {
            line: 7,
            column: 3,
            column_name: "金额".into(),
            value: "12,5x".into(),
            reason: crate::import::rejects::RejectReason::NotANumber,
        }];
        let csv = rejects_csv(&rejects, Lang::Zh);
        assert!(csv.starts_with(BOM));
        assert!(csv.contains("7,3,金额,\"12,5x\",不是数字"), "{csv}");
    }

    /// The page's list export, its plain header first with the units in the names, imports back as a
    /// customer summary with the same customers, and BG/NBD and Gamma-Gamma fitted on it give the
    /// same parameters and predictions.
    #[test]
    fn a_scored_export_imports_back_to_the_same_fits() {
        use crate::table::demo_data::{generate, DemoParams};
        use crate::import::ImportOptions;
        use crate::table::imported::import;
        use crate::scoring::score;
        use crate::settings::Settings;
        use crate::tolerances::REFIT_RELATIVE;
        let csv = generate(&DemoParams { customers: 1200, ..DemoParams::default() }).to_csv();
        let settings = Settings::default();
        let imported = import(csv.as_bytes(), "demo.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("imports");
        let scored = score(&imported.table, &settings);
        let all: Vec<usize> = (0..imported.table.customers.len()).collect();
        let text = scored_csv_of(&imported.table, &scored, Lang::Zh, &all, None, false);
        let header = text.lines().next().expect("header");
        assert!(header.starts_with(&format!("{BOM}customer_id,name,first_purchase,last_purchase,orders,revenue,margin,frequency,recency (weeks),T (weeks),monetary_value,")), "{header}");
        assert!(header.contains(",expected_purchases (12 months),"), "{header}");
        let assumed = scored_csv_of(&imported.table, &scored, Lang::En, &all[..1], Some(0.3), false);
        assert!(assumed.contains(",margin (assumed 30% of revenue),"), "{assumed}");
        let back = import(text.as_bytes(), "export.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("re-imports");
        assert!(back.table.from_summary);
        assert_eq!(back.report.rows_rejected, 0);
        assert_eq!(back.table.customers.len(), imported.table.customers.len());
        let again = score(&back.table, &settings);
        let (a, b) = (scored.bg_nbd.as_ref().expect("fit").params, again.bg_nbd.as_ref().expect("refit").params);
        for (x, y) in [(a.r, b.r), (a.alpha, b.alpha), (a.a, b.a), (a.b, b.b)] {
            assert!((x - y).abs() <= REFIT_RELATIVE * x.abs(), "{a:?} vs {b:?}");
        }
        // Expected purchases and spend per customer (CLV also multiplies by the margin, which the
        // transaction file's costs give and a summary cannot carry).
        for (s, t) in scored.customers.iter().zip(&again.customers) {
            for (x, y) in [(s.expected_purchases_horizon, t.expected_purchases_horizon), (s.expected_mean_spend, t.expected_mean_spend)] {
                match (x, y) {
                    (Some(x), Some(y)) => assert!((x - y).abs() <= REFIT_RELATIVE * x.abs().max(1.0), "{x} vs {y}"),
                    (x, y) => assert_eq!(x.is_some(), y.is_some()),
                }
            }
        }
    }
}
