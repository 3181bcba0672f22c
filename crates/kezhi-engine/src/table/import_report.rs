//! The import report: what was read, used and rejected, and why (`rows read = used + rejected`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::import::column_roles::ContentKind;
use crate::import::header_mapping::{role_for_header, Role, Shape};
use crate::import::known_exports::KnownExport;
use crate::import::order_status::{StatusClass, StatusCount};
use crate::import::rejects::Reject;
use crate::import::typed_rows::{SpendMeaning, Transactions};
use crate::import::Detected;
use crate::table::customer_table::{BuildStats, CustomerTable};
use crate::lang::{group_thousands, Lang};
use crate::say;
use crate::texts::Text;
use crate::settings::Settings;
use crate::time_unit::TimeUnit;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum MarginSource {
    CostOrProfitColumn,
    Rate(f64),
}

impl MarginSource {
    /// The rate of revenue the margin was assumed to be, when no column gave it.
    pub fn assumed_rate(self) -> Option<f64> {
        match self {
            MarginSource::Rate(r) => Some(r),
            MarginSource::CostOrProfitColumn => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Warning {
    /// Some bytes did not decode in the chosen encoding.
    EncodingErrors { encoding: String },
    ReturnsNetted { rows: u64, days: u64 },
    CustomersWithoutPurchase { customers: u64 },
    AfterAnalysisDate { rows: u64 },
    SummaryRevenueIsRepeatOnly,
    /// An RFM table: how its columns were read, and what needs purchase histories.
    RfmTableRead { spend: SpendMeaning },
    /// Records above the header were skipped as a title.
    TitleSkipped { lines: usize, header_line: u64, first: String },
    /// Several columns are named for one role; the first is used.
    DuplicateColumns { role: Role, columns: Vec<String>, used: String },
    /// Another column could fill a role (payment time vs creation time, paid vs payable): the chosen
    /// one means money received when; the other is offered.
    OtherColumn { role: Role, used: String, other: String },
    /// The amount is quantity × unit price.
    AmountDerived { quantity: Option<String>, price: String },
    /// Refunds subtracted from their orders' amounts.
    RefundsSubtracted { rows: u64 },
    /// UCI invoices starting with C read as returns.
    CPrefixReturns { rows: u64 },
    /// Status values not known to Kezhi, counted as purchases.
    UnknownStatuses { values: Vec<String> },
    /// Implausible for a customer file: every customer bought once.
    AllOneTimeBuyers { customers: u64 },
    /// The customer id is different on every row of a transaction log.
    IdUniquePerRow { column: String },
    /// The amount column looks like unit prices beside a quantity column.
    AmountsLookLikeUnitPrices { amount: String, quantity: String },
    /// Every purchase is on one day.
    AllOnOneDay { day: NaiveDate },
}

impl Warning {
    pub fn text(&self, lang: Lang) -> String {
        use Warning::*;
        let n = group_thousands;
        let list = |items: &[String]| items.join(Text::ListSeparator.get(lang));
        match self {
            EncodingErrors { encoding } => say!(Text::WarnEncodingErrors, lang, encoding = encoding),
            ReturnsNetted { rows, days } => say!(Text::WarnReturnsNetted, lang, rows = n(*rows), days = n(*days)),
            CustomersWithoutPurchase { customers } => say!(Text::WarnCustomersWithoutPurchase, lang, customers = n(*customers)),
            AfterAnalysisDate { rows } => say!(Text::WarnAfterAnalysisDate, lang, rows = n(*rows)),
            TitleSkipped { lines, header_line, first } => say!(Text::WarnTitleSkipped, lang, lines = lines, header_line = header_line, first = first),
            DuplicateColumns { role, columns, used } => say!(Text::WarnDuplicateColumns, lang, columns = list(columns), role = role.label(lang), used = used),
            OtherColumn { role, used, other } => say!(Text::WarnOtherColumn, lang, role = role.label(lang), used = used, other = other),
            AmountDerived { quantity: Some(q), price } => say!(Text::WarnAmountFromQuantityAndPrice, lang, quantity = q, price = price),
            AmountDerived { quantity: None, price } => say!(Text::WarnAmountFromPrice, lang, price = price),
            RefundsSubtracted { rows } => say!(Text::WarnRefundsSubtracted, lang, rows = n(*rows)),
            CPrefixReturns { rows } => say!(Text::WarnCPrefixReturns, lang, rows = n(*rows)),
            UnknownStatuses { values } => say!(Text::WarnUnknownStatuses, lang, values = list(values)),
            AllOneTimeBuyers { customers } => say!(Text::WarnAllOneTimeBuyers, lang, customers = n(*customers)),
            IdUniquePerRow { column } => say!(Text::WarnIdUniquePerRow, lang, column = column),
            AmountsLookLikeUnitPrices { amount, quantity } => say!(Text::WarnAmountsLookLikeUnitPrices, lang, amount = amount, quantity = quantity),
            AllOnOneDay { day } => say!(Text::WarnAllOnOneDay, lang, day = day),
            RfmTableRead { spend } => say!(Text::WarnRfmTableRead, lang, spend = spend.label(lang)),
            SummaryRevenueIsRepeatOnly => Text::WarnSummaryRevenueIsRepeatOnly.get(lang).into(),
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
    /// [`rejects_by_reason`] in English (what files and `--json` carry).
    pub rejects_by_reason: Vec<(String, u64)>,
    pub warnings: Vec<Warning>,
    /// The known export the file was read as.
    pub export: Option<KnownExport>,
    /// Lines of an order after its first, folded into it.
    pub rows_folded: u64,
    /// Rows and orders not counted as purchases (status, refund in full, cancellation).
    pub rows_not_counted: u64,
    pub orders_not_counted: u64,
    /// Orders that became purchases (rows, without an order column), and whether an order column was read.
    pub orders: u64,
    /// Orders whose first row was rejected.
    pub orders_rejected: u64,
    pub has_order_column: bool,
    /// Every status value met.
    pub statuses: Vec<StatusCount>,
}

/// The rejected rows counted by reason (and column), most frequent first, in `lang`. The report
/// keeps the English ones (`rejects_by_reason`, what files and `--json` carry).
pub fn rejects_by_reason(rejects: &[Reject], lang: Lang) -> Vec<(String, u64)> {
    let mut m = std::collections::BTreeMap::<String, u64>::new();
    for r in rejects {
        let key = match &r.reason {
            crate::import::rejects::RejectReason::MissingField { .. } => Text::RejectsTooFewFields.get(lang).to_string(),
            crate::import::rejects::RejectReason::ExtraFields { .. } => Text::RejectsTooManyFields.get(lang).to_string(),
            other => say!(Text::RejectsInColumn, lang, column = r.column_name, reason = other.text(lang)),
        };
        *m.entry(key).or_default() += 1;
    }
    let mut v: Vec<_> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

/// Warnings about the file's layout: a title above the header, several columns named for one role,
/// another column that could fill a role.
fn layout_warnings(detected: &Detected) -> Vec<Warning> {
    let mut out = Vec::new();
    if detected.preamble > 0 {
        let first = detected.preamble_text.chars().take(80).collect();
        out.push(Warning::TitleSkipped { lines: detected.preamble, header_line: detected.header_line, first });
    }
    // A recognised export is read by its own names: its other columns are not candidates.
    if detected.has_header && detected.export.is_none() {
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
                out.push(Warning::DuplicateColumns { role, used: format!("{} (\"{}\")", i + 1, used.name), columns: same });
            }
        }
    }
    let name = |i: usize| detected.columns.get(i).map(|c| c.name.clone()).unwrap_or_default();
    let said = |role: Role, out: &[Warning]| out.iter().any(|w| matches!(w, Warning::DuplicateColumns { role: r, .. } | Warning::OtherColumn { role: r, .. } if *r == role));
    for a in &detected.alternatives {
        if !said(a.role, &out) {
            out.push(Warning::OtherColumn { role: a.role, used: name(a.chosen), other: name(a.other) });
        }
    }
    out
}

/// Warnings about what was read that looks implausible for a customer file, or was derived.
fn reading_warnings(detected: &Detected, txns: &Transactions, table: &CustomerTable) -> Vec<Warning> {
    let mut out = Vec::new();
    let column = |role: Role| detected.columns.iter().find(|c| c.role == Some(role)).map(|c| c.name.clone());
    if txns.amount_derived {
        out.push(Warning::AmountDerived { quantity: column(Role::Quantity), price: column(Role::UnitPrice).unwrap_or_default() });
    }
    if txns.refunds_subtracted > 0 {
        out.push(Warning::RefundsSubtracted { rows: txns.refunds_subtracted });
    }
    if txns.c_prefix_returns > 0 {
        out.push(Warning::CPrefixReturns { rows: txns.c_prefix_returns });
    }
    let unknown: Vec<String> = txns.statuses.iter().filter(|s| s.class == StatusClass::Unknown && s.counted).map(|s| s.value.clone()).collect();
    if !unknown.is_empty() {
        out.push(Warning::UnknownStatuses { values: unknown });
    }
    let customers = table.customers.len() as u64;
    let id_column = detected.columns.iter().find(|c| c.role == Some(Role::CustomerId));
    let unique_per_row = customers >= 20 && customers == txns.rows.len() as u64;
    if unique_per_row || id_column.and_then(|c| c.reading.as_ref()).is_some_and(|r| r.content == Some(ContentKind::UniquePerRow)) {
        out.push(Warning::IdUniquePerRow { column: id_column.map(|c| c.name.clone()).unwrap_or_default() });
    } else if customers >= 20 && table.customers.iter().all(|c| c.frequency == 0.0) {
        out.push(Warning::AllOneTimeBuyers { customers });
    }
    if let (Some(amount), Some(quantity)) = (detected.columns.iter().find(|c| c.role == Some(Role::Amount)), column(Role::Quantity)) {
        let n = crate::import::header_mapping::normalise_header(&amount.name);
        if ["price", "单价", "unitprice", "价格"].iter().any(|w| n.contains(w)) {
            out.push(Warning::AmountsLookLikeUnitPrices { amount: amount.name.clone(), quantity });
        }
    }
    let (first, last) = (txns.rows.iter().map(|t| t.date).min(), txns.rows.iter().map(|t| t.date).max());
    if let (Some(day), Some(last)) = (first, last) {
        if day == last && txns.rows.len() > 1 {
            out.push(Warning::AllOnOneDay { day });
        }
    }
    out
}

impl ImportReport {
    /// The accounting identity every import must satisfy: each row read is used, folded into its
    /// order, counted apart as not a purchase, or rejected.
    pub fn balanced(&self) -> bool {
        self.rows_read == self.rows_used + self.rows_folded + self.rows_not_counted + self.rows_rejected
            && self.rows_used == self.rows_in_window + self.rows_after_analysis_date
    }

    /// What the file was read as, in one line: "Read as a Shopify orders export: 1,170 rows → 714
    /// orders → 637 purchases by 281 customers; 77 orders not counted (41 pending, 20 refunded, 16
    /// voided); 456 line items folded into their orders."
    pub fn reading_line(&self, lang: Lang) -> String {
        let n = group_thousands;
        let mut out = String::new();
        if let Some(e) = self.export {
            out.push_str(&say!(Text::ReadingAsExport, lang, export = e.label(lang)));
        }
        out.push_str(&if self.shape != Shape::Transactions {
            say!(Text::ReadingRowsToCustomers, lang, rows = n(self.rows_read), customers = n(self.customers))
        } else if self.has_order_column {
            let orders = self.orders + self.orders_not_counted + self.orders_rejected;
            say!(Text::ReadingRowsToOrders, lang, rows = n(self.rows_read), orders = n(orders), purchases = n(self.orders), customers = n(self.customers))
        } else {
            say!(Text::ReadingRowsToPurchases, lang, rows = n(self.rows_read), purchases = n(self.orders), customers = n(self.customers))
        });
        if self.orders_not_counted > 0 {
            let mut by_class: Vec<(StatusClass, u64)> = Vec::new();
            for s in self.statuses.iter().filter(|s| !s.counted && s.orders > 0) {
                match by_class.iter_mut().find(|(c, _)| *c == s.class) {
                    Some((_, o)) => *o += s.orders,
                    None => by_class.push((s.class, s.orders)),
                }
            }
            by_class.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let parts: Vec<String> = by_class.iter().map(|(c, o)| format!("{} {}", n(*o), c.label(lang))).collect();
            let text = if self.has_order_column { Text::ReadingOrdersNotCounted } else { Text::ReadingRowsNotCounted };
            out.push_str(&say!(text, lang, n = n(self.orders_not_counted), statuses = parts.join(Text::ListSeparator.get(lang))));
        }
        if self.rows_folded > 0 {
            out.push_str(&say!(Text::ReadingItemsFolded, lang, n = n(self.rows_folded)));
        }
        if self.rows_rejected > 0 {
            out.push_str(&say!(Text::ReadingRowsRejected, lang, n = n(self.rows_rejected)));
        }
        out.push_str(Text::FullStop.get(lang));
        out
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
        warnings.extend(reading_warnings(detected, txns, table));
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
            rejects_by_reason: rejects_by_reason(rejects, Lang::En),
            warnings,
            export: detected.export,
            rows_folded: txns.folded_lines,
            rows_not_counted: txns.not_counted().1,
            orders_not_counted: txns.not_counted().0,
            orders: txns.orders,
            orders_rejected: txns.orders_rejected,
            has_order_column: detected.columns.iter().any(|c| c.role == Some(Role::OrderId)),
            statuses: txns.statuses.clone(),
        }
    }

    pub fn for_summary(detected: &Detected, rows_read: u64, rejects: &[Reject], table: &CustomerTable, settings: &Settings) -> ImportReport {
        Self::per_customer(detected, rows_read, rejects, table, settings, Shape::CustomerSummary, Warning::SummaryRevenueIsRepeatOnly)
    }

    pub fn for_rfm(detected: &Detected, rows_read: u64, rejects: &[Reject], table: &CustomerTable, spend: SpendMeaning, settings: &Settings) -> ImportReport {
        Self::per_customer(detected, rows_read, rejects, table, settings, Shape::RfmTable, Warning::RfmTableRead { spend })
    }

    /// The report of a file of one row per customer (a summary or an RFM table).
    fn per_customer(detected: &Detected, rows_read: u64, rejects: &[Reject], table: &CustomerTable, settings: &Settings, shape: Shape, about: Warning) -> ImportReport {
        let mut warnings = layout_warnings(detected);
        if detected.encoding_had_errors {
            warnings.push(Warning::EncodingErrors { encoding: detected.encoding.clone().unwrap_or_default() });
        }
        warnings.push(about);
        let used = table.customers.len() as u64;
        ImportReport {
            file_name: detected.file_name.clone(),
            shape,
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
            rejects_by_reason: rejects_by_reason(rejects, Lang::En),
            warnings,
            export: detected.export,
            rows_folded: 0,
            rows_not_counted: 0,
            orders_not_counted: 0,
            orders: 0,
            orders_rejected: 0,
            has_order_column: false,
            statuses: Vec::new(),
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
