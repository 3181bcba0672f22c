//! The import report: what was read, used and rejected, and why (`rows read = used + rejected`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::header_mapping::{role_for_header, Role, Shape};
use super::rejects::Reject;
use super::typed_rows::Transactions;
use super::Detected;
use crate::engine::customer_table::{BuildStats, CustomerTable};
use crate::engine::lang::{group_thousands, plural, Lang};
use crate::engine::settings::Settings;
use crate::engine::time_unit::TimeUnit;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum MarginSource {
    CostOrProfitColumn,
    Rate(f64),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Warning {
    /// Some bytes did not decode in the chosen encoding.
    EncodingErrors { encoding: String },
    ReturnsNetted { rows: u64, days: u64 },
    CustomersWithoutPurchase { customers: u64 },
    AfterAnalysisDate { rows: u64 },
    SummaryRevenueIsRepeatOnly,
    /// Records above the header were skipped as a title.
    TitleSkipped { lines: usize, header_line: u64, first: String },
    /// Several columns are named for one role; the first is used.
    DuplicateColumns { role: Role, columns: Vec<String>, used: String },
}

impl Warning {
    pub fn text(&self, lang: Lang) -> String {
        use Warning::*;
        let n = group_thousands;
        match (self, lang) {
            (EncodingErrors { encoding }, Lang::En) => format!("Some characters could not be read as {encoding} and show as �. If names look wrong, choose another encoding."),
            (EncodingErrors { encoding }, Lang::Zh) => format!("部分字符无法按 {encoding} 解码，显示为 �。如姓名显示异常，请选择其他编码。"),
            (ReturnsNetted { rows, days }, Lang::En) => format!(
                "{} {} with negative amounts {} treated as returns and netted into their day; {} {} whose returns cancel their purchases {} not count as purchases.",
                n(*rows),
                plural(*rows, "row", "rows"),
                plural(*rows, "was", "were"),
                n(*days),
                plural(*days, "customer-day", "customer-days"),
                plural(*days, "does", "do")
            ),
            (ReturnsNetted { rows, days }, Lang::Zh) => format!("{} 行负金额按退货处理，已与当天消费相抵；{} 个客户日因退货抵消了购买，不计为购买。", n(*rows), n(*days)),
            (CustomersWithoutPurchase { customers }, Lang::En) => format!(
                "{} {} no purchase in the window (only returns) and {} not in the customer table.",
                n(*customers),
                plural(*customers, "customer has", "customers have"),
                plural(*customers, "is", "are")
            ),
            (CustomersWithoutPurchase { customers }, Lang::Zh) => format!("{} 位客户在观察期内没有购买（仅有退货），未计入客户表。", n(*customers)),
            (AfterAnalysisDate { rows }, Lang::En) => format!(
                "{} {} dated after the analysis date: kept aside as the holdout, not used in the scores.",
                n(*rows),
                plural(*rows, "row is", "rows are")
            ),
            (AfterAnalysisDate { rows }, Lang::Zh) => format!("{} 行日期晚于分析日：留作验证期（holdout），不参与评分。", n(*rows)),
            (TitleSkipped { lines, header_line, first }, Lang::En) => match lines {
                1 => format!("The header is on line {header_line}; the line above it (\"{first}\") was skipped as a title."),
                _ => format!("The header is on line {header_line}; the {lines} lines above it (\"{first}\") were skipped as a title."),
            },
            (TitleSkipped { lines, header_line, first }, Lang::Zh) => format!("表头在第 {header_line} 行；其上方的 {lines} 行（“{first}”）作为标题跳过。"),
            (DuplicateColumns { role, columns, used }, Lang::En) => format!("Columns {} all look like \"{}\"; {used} is used. Choose another in the mapping if that is wrong.", columns.join(", "), role.label(lang)),
            (DuplicateColumns { role, columns, used }, Lang::Zh) => format!("{} 列看起来都是“{}”，使用了 {used}。如有误，请在列映射中另选。", columns.join("、"), role.label(lang)),
            (SummaryRevenueIsRepeatOnly, Lang::En) => "A customer summary carries only repeat purchases: revenue shown is repeat revenue (frequency × monetary value).".into(),
            (SummaryRevenueIsRepeatOnly, Lang::Zh) => "客户汇总文件只含复购信息：显示的收入为复购收入（频次 × 平均复购金额）。".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub file_name: String,
    pub shape: Shape,
    pub rows_read: u64,
    /// Rows that became transactions (or summary customers), including those after the analysis date.
    pub rows_used: u64,
    pub rows_rejected: u64,
    pub rows_in_window: u64,
    pub rows_after_analysis_date: u64,
    pub return_rows: u64,
    pub non_occasion_days: u64,
    pub customers: u64,
    pub customers_without_purchase: u64,
    pub date_min: Option<NaiveDate>,
    pub date_max: Option<NaiveDate>,
    pub analysis_date: Option<NaiveDate>,
    pub time_unit: TimeUnit,
    pub margin_source: MarginSource,
    /// Rejects counted by reason (English text), most frequent first.
    pub rejects_by_reason: Vec<(String, u64)>,
    pub warnings: Vec<Warning>,
}

fn count_reasons(rejects: &[Reject]) -> Vec<(String, u64)> {
    let mut m = std::collections::BTreeMap::<String, u64>::new();
    for r in rejects {
        let key = match &r.reason {
            super::rejects::RejectReason::MissingField { .. } => "the row has too few fields".to_string(),
            super::rejects::RejectReason::ExtraFields { .. } => "the row has too many fields".to_string(),
            other => format!("{}: {}", r.column_name, other.text(Lang::En)),
        };
        *m.entry(key).or_default() += 1;
    }
    let mut v: Vec<_> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

/// Warnings about the file's layout: a title above the header, several columns named for one role.
fn layout_warnings(detected: &Detected) -> Vec<Warning> {
    let mut out = Vec::new();
    if detected.preamble > 0 {
        let first = detected.preamble_text.chars().take(80).collect();
        out.push(Warning::TitleSkipped { lines: detected.preamble, header_line: detected.header_line, first });
    }
    if detected.has_header {
        for (i, used) in detected.columns.iter().enumerate() {
            let Some(role) = used.role else { continue };
            let same: Vec<String> = detected
                .columns
                .iter()
                .enumerate()
                .filter(|(j, c)| *j == i || (c.role.is_none() && role_for_header(&c.name) == Some(role)))
                .map(|(j, c)| format!("{} (\"{}\")", j + 1, c.name))
                .collect();
            if same.len() > 1 {
                out.push(Warning::DuplicateColumns { role, used: same[0].clone(), columns: same });
            }
        }
    }
    out
}

impl ImportReport {
    /// The accounting identity every import must satisfy.
    pub fn balanced(&self) -> bool {
        self.rows_read == self.rows_used + self.rows_rejected
            && self.rows_used == self.rows_in_window + self.rows_after_analysis_date
    }

    pub fn for_transactions(
        detected: &Detected,
        rows_read: u64,
        rejects: &[Reject],
        txns: &Transactions,
        table: &CustomerTable,
        stats: &BuildStats,
        settings: &Settings,
    ) -> ImportReport {
        let mut warnings = layout_warnings(detected);
        if detected.encoding_had_errors {
            warnings.push(Warning::EncodingErrors { encoding: detected.encoding.clone().unwrap_or_default() });
        }
        if stats.return_rows > 0 || stats.non_occasion_days > 0 {
            warnings.push(Warning::ReturnsNetted { rows: stats.return_rows, days: stats.non_occasion_days });
        }
        if stats.customers_without_purchase > 0 {
            warnings.push(Warning::CustomersWithoutPurchase { customers: stats.customers_without_purchase });
        }
        if stats.rows_after_analysis_date > 0 {
            warnings.push(Warning::AfterAnalysisDate { rows: stats.rows_after_analysis_date });
        }
        ImportReport {
            file_name: detected.file_name.clone(),
            shape: Shape::Transactions,
            rows_read,
            rows_used: txns.rows.len() as u64,
            rows_rejected: rejects.len() as u64,
            rows_in_window: stats.rows_in_window,
            rows_after_analysis_date: stats.rows_after_analysis_date,
            return_rows: stats.return_rows,
            non_occasion_days: stats.non_occasion_days,
            customers: table.customers.len() as u64,
            customers_without_purchase: stats.customers_without_purchase,
            date_min: txns.rows.iter().map(|t| t.date).min(),
            date_max: txns.rows.iter().map(|t| t.date).max(),
            analysis_date: table.analysis_date,
            time_unit: settings.time_unit,
            margin_source: if txns.has_margin_column { MarginSource::CostOrProfitColumn } else { MarginSource::Rate(settings.margin_rate) },
            rejects_by_reason: count_reasons(rejects),
            warnings,
        }
    }

    pub fn for_summary(detected: &Detected, rows_read: u64, rejects: &[Reject], table: &CustomerTable, settings: &Settings) -> ImportReport {
        let mut warnings = layout_warnings(detected);
        if detected.encoding_had_errors {
            warnings.push(Warning::EncodingErrors { encoding: detected.encoding.clone().unwrap_or_default() });
        }
        warnings.push(Warning::SummaryRevenueIsRepeatOnly);
        let used = table.customers.len() as u64;
        ImportReport {
            file_name: detected.file_name.clone(),
            shape: Shape::CustomerSummary,
            rows_read,
            rows_used: used,
            rows_rejected: rejects.len() as u64,
            rows_in_window: used,
            rows_after_analysis_date: 0,
            return_rows: 0,
            non_occasion_days: 0,
            customers: used,
            customers_without_purchase: 0,
            date_min: None,
            date_max: None,
            analysis_date: settings.analysis_date,
            time_unit: settings.time_unit,
            margin_source: MarginSource::Rate(settings.margin_rate),
            rejects_by_reason: count_reasons(rejects),
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of a thing reads in the singular, any other count in the plural (the page showed "1 rows
    /// with negative amounts were treated as returns").
    #[test]
    fn english_warnings_agree_with_their_counts() {
        let en = |w: Warning| w.text(Lang::En);
        assert_eq!(
            en(Warning::ReturnsNetted { rows: 1, days: 1 }),
            "1 row with negative amounts was treated as returns and netted into their day; 1 customer-day whose returns cancel their purchases does not count as purchases."
        );
        assert_eq!(
            en(Warning::ReturnsNetted { rows: 1105, days: 0 }),
            "1,105 rows with negative amounts were treated as returns and netted into their day; 0 customer-days whose returns cancel their purchases do not count as purchases."
        );
        assert_eq!(
            en(Warning::CustomersWithoutPurchase { customers: 1 }),
            "1 customer has no purchase in the window (only returns) and is not in the customer table."
        );
        assert_eq!(
            en(Warning::CustomersWithoutPurchase { customers: 3 }),
            "3 customers have no purchase in the window (only returns) and are not in the customer table."
        );
        assert_eq!(en(Warning::AfterAnalysisDate { rows: 1 }), "1 row is dated after the analysis date: kept aside as the holdout, not used in the scores.");
        assert_eq!(en(Warning::AfterAnalysisDate { rows: 2 }), "2 rows are dated after the analysis date: kept aside as the holdout, not used in the scores.");
        let title = |lines| en(Warning::TitleSkipped { lines, header_line: 3, first: "Sales".into() });
        assert_eq!(title(1), "The header is on line 3; the line above it (\"Sales\") was skipped as a title.");
        assert_eq!(title(2), "The header is on line 3; the 2 lines above it (\"Sales\") were skipped as a title.");
    }
}
