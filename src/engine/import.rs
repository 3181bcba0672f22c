//! bytes → decoded text → sniffed dialect → header mapping → typed rows + rejects → customer table.
//!
//! [`parse`] reads a file under [`ImportOptions`] (everything detected unless the user said otherwise)
//! and returns what it detected, the typed rows and the rejects; [`import`] goes on to the customer
//! table, the import report and the overview.

pub mod amounts;
pub mod dates;
pub mod dialect;
pub mod encoding;
pub mod errors;
pub mod memory_budget;
pub mod header_mapping;
pub mod records;
pub mod rejects;
pub mod report;
pub mod text_normal;
pub mod typed_rows;
pub mod workbook;

use std::borrow::Cow;

use chrono::NaiveDate;
use csv::StringRecord;
use serde::{Deserialize, Serialize};

use self::amounts::{detect_decimal, parse_amount, DecimalSeparator};
use self::dates::{detect_format, parse_date, DateFormat};
use self::dialect::Delimiter;
use self::encoding::EncodingSource;
use self::errors::ImportError;
use self::header_mapping::{map_headers, role_for_header, Role, Shape};
use self::records::{Row, Source};
use self::rejects::Reject;
use self::report::ImportReport;
use self::typed_rows::{summary_row, ColumnPlan, RowReader, SummaryRow, Transactions, TxnBuilder};
use super::customer_table::CustomerTable;
use super::overview::Overview;
use super::settings::Settings;

/// What the user chose on the mapping screen (or on the command line). `None` = detect.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    pub encoding: Option<String>,
    pub delimiter: Option<Delimiter>,
    pub sheet: Option<String>,
    pub has_header: Option<bool>,
    /// One entry per column.
    pub mapping: Option<Vec<Option<Role>>>,
    pub shape: Option<Shape>,
    pub date_format: Option<DateFormat>,
    pub decimal: Option<DecimalSeparator>,
    /// Role → column (header name or 1-based number), applied over the detected or given mapping.
    pub overrides: Vec<(Role, String)>,
    /// Records above the header (a title such as "Sales export 2024"), skipped; `None` = detect.
    pub preamble: Option<usize>,
    /// The day of the import, from the clock of whoever imports (the page or the CLI; the engine has
    /// no clock). Rows dated more than a day after it are rejected. `None` = no such check.
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnInfo {
    pub name: String,
    pub role: Option<Role>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub line: u64,
    pub cells: Vec<String>,
}

/// Everything the importer decided, shown on the mapping screen and changeable there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detected {
    pub file_name: String,
    pub size_bytes: u64,
    pub is_workbook: bool,
    pub encoding: Option<String>,
    pub encoding_source: Option<EncodingSource>,
    /// Some bytes did not decode in `encoding` (shown as a warning: pick another encoding).
    pub encoding_had_errors: bool,
    pub delimiter: Option<Delimiter>,
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub workbook_1904: bool,
    pub has_header: bool,
    /// Records skipped above the header (a title), and the header's line.
    pub preamble: usize,
    pub header_line: u64,
    /// The first skipped title line's text (for the report's warning).
    pub preamble_text: String,
    pub columns: Vec<ColumnInfo>,
    pub shape: Shape,
    pub date_format: Option<DateFormat>,
    pub date_order_ambiguous: bool,
    pub decimal: DecimalSeparator,
    pub preview: Vec<PreviewRow>,
}

impl Detected {
    /// The options that reproduce this detection exactly.
    pub fn as_options(&self) -> ImportOptions {
        ImportOptions {
            encoding: self.encoding.clone(),
            delimiter: self.delimiter,
            sheet: self.sheet.clone(),
            has_header: Some(self.has_header),
            preamble: Some(self.preamble),
            today: None,
            mapping: Some(self.columns.iter().map(|c| c.role).collect()),
            shape: Some(self.shape),
            date_format: self.date_format,
            decimal: Some(self.decimal),
            overrides: Vec::new(),
        }
    }
}

/// An import that stopped, with what was detected so far (so the mapping screen can be shown).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportFailure {
    pub error: ImportError,
    pub detected: Option<Box<Detected>>,
}

impl From<ImportError> for ImportFailure {
    fn from(error: ImportError) -> Self {
        ImportFailure { error, detected: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    Reading,
    Parsing,
    Building,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
    pub rows: u64,
}

#[derive(Debug, Clone)]
pub enum Parsed {
    Transactions(Transactions),
    Summary(Vec<SummaryRow>),
}

#[derive(Debug, Clone)]
pub struct ParseOutcome {
    pub detected: Detected,
    pub parsed: Parsed,
    pub rows_read: u64,
    pub rejects: Vec<Reject>,
}

const PREVIEW_ROWS: usize = 20;
const SAMPLE_ROWS: usize = 2000;
const PROGRESS_EVERY: u64 = 16_384;

/// Reads a file into typed rows and rejects.
pub fn parse(
    bytes: &[u8],
    file_name: &str,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ParseOutcome, ImportFailure> {
    if bytes.is_empty() {
        return Err(ImportError::Empty.into());
    }
    let mut meta = Meta { file_name: file_name.to_string(), size_bytes: bytes.len() as u64, ..Meta::default() };
    if workbook::is_workbook(bytes) {
        let sheet = workbook::read_sheet(bytes, opts.sheet.as_deref())?;
        meta.is_workbook = true;
        meta.sheets = sheet.names;
        meta.sheet = Some(sheet.chosen);
        meta.workbook_1904 = sheet.is_1904;
        let source = Source::Sheet { rows: sheet.rows, first_row: sheet.first_row, first_col: sheet.first_col };
        return parse_source(&source, meta, opts, progress);
    }
    let decoded = encoding::decode(bytes, opts.encoding.as_deref())?;
    meta.encoding = Some(decoded.encoding.to_string());
    meta.encoding_source = Some(decoded.how);
    meta.encoding_had_errors = decoded.had_errors;
    let text: Cow<str> = decoded.text;
    let text = text.as_ref();
    if text.trim().is_empty() {
        return Err(ImportError::NoTable { bytes: meta.size_bytes }.into());
    }
    let delimiter = opts.delimiter.unwrap_or_else(|| dialect::sniff(text));
    meta.delimiter = Some(delimiter);
    parse_source(&Source::Delimited { text, delimiter }, meta, opts, progress)
}

#[derive(Default)]
struct Meta {
    file_name: String,
    size_bytes: u64,
    is_workbook: bool,
    encoding: Option<String>,
    encoding_source: Option<EncodingSource>,
    encoding_had_errors: bool,
    delimiter: Option<Delimiter>,
    sheets: Vec<String>,
    sheet: Option<String>,
    workbook_1904: bool,
}

fn looks_like_data(cell: &str) -> bool {
    parse_amount(cell, DecimalSeparator::Point).is_ok()
        || [DateFormat::YearMonthDay, DateFormat::DayMonthYear, DateFormat::MonthDayYear]
            .iter()
            .any(|f| parse_date(cell, *f).is_ok())
}

/// A header row names at least one known column, or is all text above a row with numbers or dates.
fn detect_header(first: &StringRecord, second: Option<&StringRecord>) -> bool {
    if first.iter().any(|c| role_for_header(c).is_some()) {
        return true;
    }
    let data_cells = |r: &StringRecord| r.iter().filter(|c| looks_like_data(c)).count();
    data_cells(first) == 0 && second.is_some_and(|s| data_cells(s) > 0)
}

/// Records above the header: when the first record names no column but one of the next few names at
/// least two (customer id, date, amount …), the records before it are a title ("Sales export 2024",
/// a report name, an empty-looking line of commas) and are skipped, not read as data.
fn detect_preamble(head: &[(u64, StringRecord)]) -> usize {
    const LOOK: usize = 10;
    let roles = |r: &StringRecord| r.iter().filter(|c| role_for_header(c).is_some()).count();
    if head.first().is_none_or(|(_, r)| roles(r) > 0) {
        return 0;
    }
    head.iter().take(LOOK).position(|(_, r)| roles(r) >= 2).unwrap_or(0)
}

/// Without a header: the first column of dates is the date, the right-most numeric column with
/// decimals (else the right-most numeric one) is the amount, the first other column the customer id.
fn guess_by_content(samples: &[(u64, StringRecord)], columns: usize) -> Vec<Option<Role>> {
    let mut roles = vec![None; columns];
    let column = |i: usize| samples.iter().filter_map(move |(_, r)| r.get(i)).filter(|s| !s.trim().is_empty());
    let date_col = (0..columns).find(|&i| {
        let vals: Vec<&str> = column(i).collect();
        let textual = vals.iter().filter(|v| v.parse::<f64>().is_err() || v.len() == 8).count();
        let det = detect_format(vals.iter().copied(), false);
        !vals.is_empty() && textual * 2 > vals.len() && det.share_parsed >= 0.8
    });
    if let Some(i) = date_col {
        roles[i] = Some(Role::Date);
    }
    let numeric: Vec<usize> = (0..columns)
        .filter(|&i| roles[i].is_none())
        .filter(|&i| {
            let vals: Vec<&str> = column(i).collect();
            !vals.is_empty() && vals.iter().all(|v| parse_amount(v, DecimalSeparator::Point).is_ok() || parse_amount(v, DecimalSeparator::Comma).is_ok())
        })
        .collect();
    let with_decimals = numeric.iter().rev().find(|&&i| column(i).any(|v| v.contains('.') || v.contains(',')));
    if let Some(&i) = with_decimals.or(numeric.iter().rev().find(|&&i| i != 0)) {
        roles[i] = Some(Role::Amount);
    }
    if let Some(i) = (0..columns).find(|&i| roles[i].is_none()) {
        roles[i] = Some(Role::CustomerId);
    }
    roles
}

fn parse_source(
    source: &Source,
    meta: Meta,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ParseOutcome, ImportFailure> {
    let head = source.head(SAMPLE_ROWS + 1);
    if head.is_empty() {
        return Err(ImportError::NoTable { bytes: meta.size_bytes }.into());
    }
    let preamble = opts.preamble.unwrap_or_else(|| if opts.has_header.is_some() { 0 } else { detect_preamble(&head) }).min(head.len() - 1);
    let preamble_text = if preamble > 0 { head[0].1.iter().filter(|c| !c.trim().is_empty()).collect::<Vec<_>>().join(" ") } else { String::new() };
    let head = &head[preamble..];
    let (header_line, first) = (head[0].0, &head[0].1);
    let has_header = opts.has_header.unwrap_or_else(|| preamble > 0 || detect_header(first, head.get(1).map(|(_, r)| r)));
    let data_head: &[(u64, StringRecord)] = if has_header { &head[1..] } else { head };
    // With a header, the header says how many columns there are (longer rows are rejected);
    // without one, the widest of the first rows does.
    let columns = if has_header { first.len() } else { head.iter().map(|(_, r)| r.len()).max().unwrap_or(0) };
    let names: Vec<String> = (0..columns)
        .map(|i| match (has_header, first.get(i)) {
            (true, Some(h)) if !h.trim().is_empty() => h.trim().trim_start_matches('\u{feff}').to_string(),
            _ => format!("Column {}", i + 1),
        })
        .collect();
    let mut mapping = match &opts.mapping {
        Some(m) => m.clone(),
        None if has_header => map_headers(&names),
        None => guess_by_content(data_head, columns),
    };
    mapping.resize(columns, None);
    for (role, column) in &opts.overrides {
        let wanted = header_mapping::normalise_header(column);
        let index = column
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|&n| n >= 1 && n <= columns)
            .map(|n| n - 1)
            .or_else(|| names.iter().position(|n| header_mapping::normalise_header(n) == wanted));
        let Some(index) = index else { return Err(ImportError::UnknownColumn { name: column.clone() }.into()) };
        for r in mapping.iter_mut().filter(|r| **r == Some(*role)) {
            *r = None;
        }
        mapping[index] = Some(*role);
    }
    let shape = opts.shape.unwrap_or_else(|| Shape::detect(&mapping));
    let col_of = |role: Role| mapping.iter().position(|r| *r == Some(role));
    let samples = |role: Role| -> Vec<&str> {
        col_of(role).map_or_else(Vec::new, |c| data_head.iter().filter_map(|(_, r)| r.get(c)).collect())
    };

    let date_detection = detect_format(samples(Role::Date), meta.workbook_1904);
    let date_format = opts.date_format.or(date_detection.format);
    let date_order_ambiguous = opts.date_format.is_none() && date_detection.ambiguous_order;
    let decimal = opts.decimal.unwrap_or_else(|| {
        let mut s = samples(Role::Amount);
        s.extend(samples(Role::Cost));
        s.extend(samples(Role::Profit));
        s.extend(samples(Role::MonetaryValue));
        detect_decimal(s, meta.delimiter == Some(Delimiter::Semicolon))
    });
    let detected = Detected {
        file_name: meta.file_name,
        size_bytes: meta.size_bytes,
        is_workbook: meta.is_workbook,
        encoding: meta.encoding,
        encoding_source: meta.encoding_source,
        encoding_had_errors: meta.encoding_had_errors,
        delimiter: meta.delimiter,
        sheets: meta.sheets,
        sheet: meta.sheet,
        workbook_1904: meta.workbook_1904,
        has_header,
        preamble,
        header_line,
        preamble_text,
        columns: names.iter().zip(&mapping).map(|(n, r)| ColumnInfo { name: n.clone(), role: *r }).collect(),
        shape,
        date_format,
        date_order_ambiguous,
        decimal,
        preview: data_head
            .iter()
            .take(PREVIEW_ROWS)
            .map(|(line, r)| PreviewRow { line: *line, cells: r.iter().map(|c| c.chars().take(200).collect()).collect() })
            .collect(),
    };
    let fail = |error: ImportError, detected: &Detected| ImportFailure { error, detected: Some(Box::new(detected.clone())) };

    if data_head.is_empty() {
        return Err(fail(ImportError::HeaderOnly, &detected));
    }
    for role in shape.required() {
        if col_of(*role).is_none() {
            return Err(fail(ImportError::MissingColumn { role: *role, shape }, &detected));
        }
    }
    if shape == Shape::Transactions && date_order_ambiguous {
        let example = samples(Role::Date).first().map(|s| s.to_string()).unwrap_or_default();
        let column = col_of(Role::Date).map(|c| names[c].clone()).unwrap_or_default();
        return Err(fail(ImportError::AmbiguousDateOrder { column, example }, &detected));
    }
    let plan = ColumnPlan {
        index: mapping.iter().enumerate().filter_map(|(i, r)| r.map(|r| (r, i))).collect(),
        names,
        columns,
        date_format: date_format.unwrap_or(DateFormat::YearMonthDay),
        decimal,
        today: opts.today,
        undecodable_in: detected.encoding_had_errors.then(|| detected.encoding.clone().unwrap_or_default()),
    };
    let user_column = |i: usize| source.user_column(i);
    let reader = RowReader::new(&plan, &user_column);
    let skip = preamble + usize::from(has_header);
    let (parsed, rows_read, rejects) = match shape {
        Shape::Transactions => {
            // Rows expected from the sampled rows' mean length (fields + delimiters + newline).
            let sample_bytes: usize = data_head.iter().map(|(_, r)| r.as_slice().len() + r.len()).sum();
            let expected = match source {
                Source::Delimited { text, .. } if sample_bytes > 0 => {
                    (text.len() as f64 / (sample_bytes as f64 / data_head.len() as f64) * 1.05) as usize
                }
                Source::Sheet { rows, .. } => rows.len(),
                _ => 0,
            };
            let mut builder = TxnBuilder::with_capacity(expected.min(50_000_000));
            let (rows_read, rejects) = read_rows(source, skip, progress, |line, rec| builder.push(&reader, line, rec));
            let mut txns = builder.txns;
            txns.has_margin_column = plan.index.contains_key(&Role::Cost) || plan.index.contains_key(&Role::Profit);
            (Parsed::Transactions(txns), rows_read, rejects)
        }
        Shape::CustomerSummary => {
            let mut rows = Vec::new();
            let (rows_read, rejects) =
                read_rows(source, skip, progress, |line, rec| summary_row(&reader, line, rec).map(|r| rows.push(r)));
            (Parsed::Summary(rows), rows_read, rejects)
        }
    };
    let used = match &parsed {
        Parsed::Transactions(t) => t.rows.len(),
        Parsed::Summary(s) => s.len(),
    };
    if used == 0 {
        let first_reason = rejects
            .first()
            .map(|r| format!("line {}, column {} ({}): {}", r.line, r.column, r.column_name, r.reason.text(crate::engine::lang::Lang::En)))
            .unwrap_or_default();
        return Err(fail(ImportError::NoUsableRows { rejected: rejects.len(), first_reason }, &detected));
    }
    Ok(ParseOutcome { detected, parsed, rows_read, rejects })
}

/// Feeds every data row to `use_row`, counting rows and collecting rejects, with progress.
fn read_rows(
    source: &Source,
    skip: usize,
    progress: &mut dyn FnMut(Progress),
    mut use_row: impl FnMut(u64, Row) -> Result<(), Reject>,
) -> (u64, Vec<Reject>) {
    let total = source.size();
    let mut rows_read = 0u64;
    let mut rejects = Vec::new();
    let mut skip = skip;
    progress(Progress { stage: Stage::Parsing, done: 0, total, rows: 0 });
    source.for_each(|line, rec, pos| {
        if skip > 0 {
            skip -= 1;
            return true;
        }
        rows_read += 1;
        if let Err(r) = use_row(line, rec) {
            rejects.push(r);
        }
        if rows_read.is_multiple_of(PROGRESS_EVERY) {
            progress(Progress { stage: Stage::Parsing, done: pos, total, rows: rows_read });
        }
        true
    });
    progress(Progress { stage: Stage::Parsing, done: total, total, rows: rows_read });
    (rows_read, rejects)
}

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
    let outcome = parse(bytes, file_name, opts, progress)?;
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
            let (table, stats) = CustomerTable::from_transactions(&txns, analysis_date, settings);
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
    }
}
