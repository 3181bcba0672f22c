//! CSV exports: UTF-8 with a BOM (so Excel opens Chinese correctly), and text cells that a spreadsheet
//! would run as a formula escaped with a leading apostrophe (METHODS §8).

use super::customer_table::CustomerTable;
use super::import::rejects::Reject;
use super::lang::Lang;

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
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
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

/// The customer table, one row per customer, in the `lifetimes` convention (METHODS §0).
pub fn customers_csv(table: &CustomerTable) -> String {
    let rows = table.customers.iter().map(|c| {
        vec![
            c.id.clone(),
            c.first_date.map(|d| d.to_string()).unwrap_or_default(),
            c.last_date.map(|d| d.to_string()).unwrap_or_default(),
            num(c.frequency),
            num(c.recency),
            num(c.t),
            num(c.monetary_value),
            c.occasions.to_string(),
            c.orders.to_string(),
            num(c.revenue),
            num(c.margin),
        ]
    });
    write_rows(&CUSTOMER_COLUMNS, rows)
}

pub const SCORED_COLUMNS: [&str; 29] = [
    "customer_id", "frequency", "recency", "T", "monetary_value", "r_score", "f_score", "m_score", "rfm_cell", "rfm_segment",
    "value_class", "p_alive", "expected_purchases_horizon", "expected_mean_spend", "clv", "historical_value", "potential_value",
    "priority_score", "rfm_combined", "pyramid_level", "tier", "gmcb_class", "new_matrix_class", "veteran_class", "veteran_grade",
    "lifecycle_stage", "value_grid_cell", "growth_grid_cell", "cluster",
];

/// One row per customer with every score (issue 3); empty cells where a model could not be fitted.
pub fn scored_csv(table: &CustomerTable, scored: &super::scoring::Scored, lang: Lang) -> String {
    let opt = |v: Option<f64>| v.map(num).unwrap_or_default();
    let zh = lang == Lang::Zh;
    let fw = &scored.frameworks;
    let rows = table.customers.iter().zip(&scored.customers).enumerate().map(|(i, (c, s))| {
        vec![
            c.id.clone(),
            num(c.frequency),
            num(c.recency),
            num(c.t),
            num(c.monetary_value),
            s.r_score.to_string(),
            s.f_score.to_string(),
            s.m_score.to_string(),
            s.rfm_cell.clone(),
            s.segment.map(|i| scored.segments[i].label(lang).to_string()).unwrap_or_else(|| lang.pick("Others", "其他").into()),
            s.value_class.label(lang).to_string(),
            opt(s.p_alive),
            opt(s.expected_purchases_horizon),
            opt(s.expected_mean_spend),
            opt(s.clv),
            num(s.historical_value),
            opt(s.potential_value),
            num(s.priority),
            num(s.rfm_combined),
            super::value_pyramid::label(fw.pyramid.level[i], zh).to_string(),
            super::tier_ladder::label(fw.tiers.tier[i], zh).to_string(),
            super::gold_meteor_creek_burden::label(fw.gmcb.class[i], zh).to_string(),
            fw.new_matrix.class[i].map(|k| super::new_customer_matrix::label(k, zh).to_string()).unwrap_or_default(),
            fw.veteran.as_ref().and_then(|v| v.class[i]).map(|k| super::veteran_matrix::label(k, zh).to_string()).unwrap_or_default(),
            fw.veteran.as_ref().and_then(|v| v.grade[i]).map(|g| g.to_string()).unwrap_or_default(),
            fw.lifecycle.as_ref().and_then(|l| l.stage[i]).map(|k| super::lifecycle::label(k, zh).to_string()).unwrap_or_default(),
            fw.value_grid.cell[i].map(|k| super::nine_grid::label(k, zh)).unwrap_or_default(),
            fw.growth_grid.as_ref().and_then(|g| g.cell[i]).map(|k| super::nine_grid::label(k, zh)).unwrap_or_default(),
            fw.clusters.as_ref().map(|c| (c.cluster[i] + 1).to_string()).unwrap_or_default(),
        ]
    });
    write_rows(&SCORED_COLUMNS, rows)
}

/// The rejected rows with line, column, raw value and reason.
pub fn rejects_csv(rejects: &[Reject], lang: Lang) -> String {
    let header = match lang {
        Lang::En => ["line", "column", "column_name", "value", "reason"],
        Lang::Zh => ["行号", "列号", "列名", "原始值", "原因"],
    };
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
            reason: crate::engine::import::rejects::RejectReason::NotANumber,
        }];
        let csv = rejects_csv(&rejects, Lang::Zh);
        assert!(csv.starts_with(BOM));
        assert!(csv.contains("7,3,金额,\"12,5x\",不是数字"), "{csv}");
    }
}
