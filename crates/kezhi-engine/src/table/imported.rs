//! A file read into the customer table: [`import`] parses the bytes (the import stage), builds the
//! customer table at the analysis date, the import report (every row accounted for) and the overview.

use std::io::Read;

use chrono::NaiveDate;

use crate::import::rejects::Reject;
use crate::import::typed_rows::{SpendMeaning, Transactions};
use crate::import::{parse_reader, Detected, ImportFailure, ImportOptions, ParseOutcome, Parsed, Progress, Stage};
use crate::settings::Settings;
use crate::table::customer_table::CustomerTable;
use crate::table::import_report::ImportReport;
use crate::table::overview::Overview;

/// Everything an import produces.
#[derive(Debug, Clone)]
pub struct Imported {
    pub detected: Detected,
    pub report: ImportReport,
    pub table: CustomerTable,
    /// The transaction log (all dates, including those after the analysis date); `None` for a summary.
    pub transactions: Option<Transactions>,
    pub rejects: Vec<Reject>,
    pub overview: Overview,
}

/// Parses, builds the customer table at the analysis date, and reports.
pub fn import(
    bytes: &[u8],
    file_name: &str,
    opts: &ImportOptions,
    settings: &Settings,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, ImportFailure> {
    import_reader(&mut &bytes[..], bytes.len() as u64, file_name, opts, settings, progress)
}

/// [`import`] of a file of `size` bytes read from `reader` (see [`parse_reader`]).
pub fn import_reader(
    reader: &mut dyn Read,
    size: u64,
    file_name: &str,
    opts: &ImportOptions,
    settings: &Settings,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, ImportFailure> {
    let outcome = parse_reader(reader, size, file_name, opts, progress)?;
    progress(Progress { stage: Stage::Building, done: 0, total: 1, rows: outcome.rows_read });
    let imported = build(outcome, settings);
    progress(Progress { stage: Stage::Building, done: 1, total: 1, rows: imported.report.rows_read });
    Ok(imported)
}

/// Builds the customer table, report and overview from parsed rows.
pub fn build(outcome: ParseOutcome, settings: &Settings) -> Imported {
    let ParseOutcome { detected, parsed, rows_read, rejects } = outcome;
    match parsed {
        Parsed::Transactions(txns) => {
            let analysis_date = settings
                .analysis_date
                .or_else(|| txns.rows.iter().map(|t| t.date).max())
                .unwrap_or(NaiveDate::MIN);
            let (table, stats) = CustomerTable::from_transactions(&txns, analysis_date, settings.time_unit, settings.margin_rate);
            let report = ImportReport::for_transactions(&detected, rows_read, &rejects, &txns, &table, &stats, settings);
            let overview = Overview::from_table(&table, &txns, analysis_date);
            Imported { detected, report, table, transactions: Some(txns), rejects, overview }
        }
        Parsed::Summary(rows) => {
            let table = CustomerTable::from_summary(&rows, settings);
            let report = ImportReport::for_summary(&detected, rows_read, &rejects, &table, settings);
            let overview = Overview::from_summary(&table);
            Imported { detected, report, table, transactions: None, rejects, overview }
        }
        Parsed::Rfm(rows) => {
            let spend = detected.rfm_spend.unwrap_or(SpendMeaning::Total);
            let table = CustomerTable::from_rfm(&rows, spend, settings);
            let report = ImportReport::for_rfm(&detected, rows_read, &rejects, &table, spend, settings);
            let overview = Overview::from_summary(&table);
            Imported { detected, report, table, transactions: None, rejects, overview }
        }
    }
}
