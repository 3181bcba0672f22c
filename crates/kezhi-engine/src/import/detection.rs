//! Detection: from a table's first rows (up to `SAMPLE_ROWS`), the layout — rows above the header, the
//! header, each column's role and why, the shape (transactions, customer summary, RFM table), date
//! format and decimal separator — and the plan the rows are then read by. What cannot be decided
//! from names and content is asked (`UnsureColumn`, `AmbiguousDateOrder`), never guessed. The pass
//! over every row is in import.rs.

use csv::StringRecord;

use super::amounts::{detect_decimal, parse_amount, DecimalSeparator};
use super::column_roles::{self, map_columns, Alternative, Basis, ColumnReading, Confidence};
use super::dates::{detect_format, parse_date, DateFormat};
use super::dialect::Delimiter;
use super::encoding::EncodingSource;
use super::errors::ImportError;
use super::header_mapping::{self, role_for_header, Role, Shape};
use super::typed_rows::{self, ColumnPlan, ReadingRules, SpendMeaning};
use super::{ColumnInfo, Detected, ImportFailure, ImportOptions, PreviewRow, PREVIEW_ROWS};

/// What is known of the file before its rows are looked at: its name and size, and how it was
/// opened (sheet or encoding and delimiter).
#[derive(Default)]
pub(super) struct Meta {
    pub file_name: String,
    pub size_bytes: u64,
    pub is_workbook: bool,
    pub encoding: Option<String>,
    pub encoding_source: Option<EncodingSource>,
    pub encoding_had_errors: bool,
    pub delimiter: Option<Delimiter>,
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub workbook_1904: bool,
}

/// What detection decided: what the page shows and asks about, and how the rows are read.
pub(super) struct Layout {
    pub detected: Detected,
    pub plan: ColumnPlan,
    /// Records before the first data row (rows above the header, and the header).
    pub skip: usize,
    /// The sampled data rows' mean length in bytes, to size the row buffers.
    pub mean_row_bytes: f64,
}

/// The layout of a table from its first records `head` (line number, record), or the question to
/// ask: `MissingColumn`, `UnsureColumn`, `AmbiguousDateOrder`, `HeaderOnly`, `UnknownColumn` (each
/// with what was detected, so the page's mapping can answer it).
pub(super) fn detect(head: &[(u64, StringRecord)], meta: Meta, opts: &ImportOptions) -> Result<Layout, ImportFailure> {
    if head.is_empty() {
        return Err(ImportError::NoTable { bytes: meta.size_bytes }.into());
    }
    let Header { preamble, preamble_text, header_line, has_header, names } = header(head, opts);
    let head = &head[preamble..];
    let data_head: &[(u64, StringRecord)] = if has_header { &head[1..] } else { head };
    let column_roles::ColumnMapping { roles: mapping, readings, export, alternatives } =
        column_mapping(&names, data_head, has_header, opts)?;
    let shape = opts.shape.unwrap_or_else(|| Shape::detect(&mapping));
    let col_of = |role: Role| mapping.iter().position(|r| *r == Some(role));
    let samples =
        |role: Role| -> Vec<&str> { col_of(role).map_or_else(Vec::new, |c| data_head.iter().filter_map(|(_, r)| r.get(c)).collect()) };

    let date_role = if col_of(Role::Date).is_none() && col_of(Role::LastPurchase).is_some() { Role::LastPurchase } else { Role::Date };
    let date_detection = detect_format(samples(date_role), meta.workbook_1904);
    let date_format = opts.date_format.or(date_detection.format);
    let date_order_ambiguous = opts.date_format.is_none() && date_detection.ambiguous_order;
    let semicolons = meta.delimiter == Some(Delimiter::Semicolon);
    let decimal = opts.decimal.unwrap_or_else(|| detect_decimal(MONEY_ROLES.iter().flat_map(|&r| samples(r)).collect::<Vec<&str>>(), semicolons));
    let rfm_spend = (shape == Shape::RfmTable).then(|| opts.rfm_spend.unwrap_or_else(|| spend_meaning(col_of(Role::Spend).map(|c| names[c].as_str()))));
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
        columns: names
            .iter()
            .zip(&mapping)
            .zip(&readings)
            .map(|((n, r), why)| ColumnInfo { name: n.clone(), role: *r, reading: why.clone() })
            .collect(),
        shape,
        date_format,
        date_order_ambiguous,
        decimal,
        preview: data_head
            .iter()
            .take(PREVIEW_ROWS)
            .map(|(line, r)| PreviewRow { line: *line, cells: r.iter().map(|c| c.chars().take(200).collect()).collect() })
            .collect(),
        export,
        alternatives,
        rfm_spend,
        status_choices: opts.status_choices.clone(),
    };

    if let Some(error) = question(&detected, data_head, date_role, opts) {
        return Err(ImportFailure { error, detected: Some(Box::new(detected)) });
    }
    let plan = reading_plan(&detected, &mapping, names, date_format, opts);
    // Rows expected from the sampled rows' mean length (fields + delimiters + newline).
    let sample_bytes: usize = data_head.iter().map(|(_, r)| r.as_slice().len() + r.len()).sum();
    let mean_row_bytes = sample_bytes as f64 / data_head.len() as f64;
    let skip = preamble + usize::from(has_header);
    Ok(Layout { detected, plan, skip, mean_row_bytes })
}

/// The columns holding money, whose sampled values decide the decimal separator.
const MONEY_ROLES: [Role; 7] = [Role::Amount, Role::UnitPrice, Role::Refund, Role::Cost, Role::Profit, Role::MonetaryValue, Role::Spend];

/// What an RFM table's spend column holds, from its name: the mean per purchase when the name says
/// so ("avg", "平均", "客单价", …), else the total.
fn spend_meaning(name: Option<&str>) -> SpendMeaning {
    let name = name.map(header_mapping::normalise_header).unwrap_or_default();
    if ["avg", "average", "mean", "per", "平均", "客单价"].iter().any(|w| name.contains(w)) {
        SpendMeaning::PerPurchase
    } else {
        SpendMeaning::Total
    }
}

/// The rows above the header, the header, and the columns' names.
struct Header {
    /// Records before the header (a title, a report name).
    preamble: usize,
    /// The first of them, as words.
    preamble_text: String,
    /// The line of the header (or of the first data row without one).
    header_line: u64,
    has_header: bool,
    /// The header's names; "Column N" where there is none.
    names: Vec<String>,
}

/// Finds the rows above the header (unless the user said), whether the first row left is a header,
/// and the columns: as many as the header names, or, without one, as the widest of the first rows
/// (longer rows are rejected).
fn header(head: &[(u64, StringRecord)], opts: &ImportOptions) -> Header {
    let preamble = opts.preamble.unwrap_or_else(|| if opts.has_header.is_some() { 0 } else { detect_preamble(head) }).min(head.len() - 1);
    let preamble_text =
        if preamble > 0 { head[0].1.iter().filter(|c| !c.trim().is_empty()).collect::<Vec<_>>().join(" ") } else { String::new() };
    let head = &head[preamble..];
    let (header_line, first) = (head[0].0, &head[0].1);
    let has_header = opts.has_header.unwrap_or_else(|| preamble > 0 || detect_header(first, head.get(1).map(|(_, r)| r)));
    let columns = if has_header { first.len() } else { head.iter().map(|(_, r)| r.len()).max().unwrap_or(0) };
    let names = (0..columns)
        .map(|i| match (has_header, first.get(i)) {
            (true, Some(h)) if !h.trim().is_empty() => h.trim().trim_start_matches('\u{feff}').to_string(),
            _ => format!("Column {}", i + 1),
        })
        .collect();
    Header { preamble, preamble_text, header_line, has_header, names }
}

/// How the rows are read: each role's column, the date format and decimal separator, and the
/// reading rules of the export the file came from (amounts per order, `C` invoices as returns, which
/// order statuses count, the other date column to fall back on).
fn reading_plan(detected: &Detected, mapping: &[Option<Role>], names: Vec<String>, date_format: Option<DateFormat>, opts: &ImportOptions) -> ColumnPlan {
    let col_of = |role: Role| mapping.iter().position(|r| *r == Some(role));
    let date_fallback = detected.alternatives.iter().find(|a| a.role == Role::Date && col_of(Role::Date) == Some(a.chosen)).map(|a| a.other);
    ColumnPlan {
        index: typed_rows::RoleColumns::from_mapping(mapping),
        columns: names.len(),
        names,
        date_format: date_format.unwrap_or(DateFormat::YearMonthDay),
        decimal: detected.decimal,
        today: opts.today,
        // Known only once every piece is decoded: an id holding U+FFFD is set aside either way.
        undecodable_in: (!detected.is_workbook).then(|| detected.encoding.clone().unwrap_or_default()),
        rules: ReadingRules {
            amount_per_order: detected.export.is_some_and(|e| e.profile().amount_per_order),
            c_prefix_returns: detected.export.is_some_and(|e| e.profile().c_prefix_returns),
            status_choices: opts.status_choices.clone(),
            date_fallback,
            reads_orders: [Role::Status, Role::CancelledAt, Role::Refund].iter().any(|r| col_of(*r).is_some()) || date_fallback.is_some(),
        },
    }
}

/// What must be asked before the rows are read, if anything: a file with a header and no rows, a
/// column the shape needs and nothing is mapped to, a needed column read from its values alone (asked,
/// not guessed; a mapping the user applied is their answer), or dates whose day/month order no row
/// decides.
fn question(detected: &Detected, data_head: &[(u64, StringRecord)], date_role: Role, opts: &ImportOptions) -> Option<ImportError> {
    let shape = detected.shape;
    let col_of = |role: Role| detected.columns.iter().position(|c| c.role == Some(role));
    let samples =
        |role: Role| -> Vec<&str> { col_of(role).map_or_else(Vec::new, |c| data_head.iter().filter_map(|(_, r)| r.get(c)).collect()) };
    if data_head.is_empty() {
        return Some(ImportError::HeaderOnly);
    }
    for role in shape.required() {
        // The amount may be quantity × unit price; an RFM table's recency a last purchase date.
        let derived = (*role == Role::Amount && col_of(Role::UnitPrice).is_some())
            || (*role == Role::DaysSince && col_of(Role::LastPurchase).is_some());
        if col_of(*role).is_none() && !derived {
            return Some(ImportError::MissingColumn { role: *role, shape });
        }
    }
    // A column the file cannot do without, read from its values alone: asked, not guessed (a mapping
    // the user applied is their answer).
    let unsure = |r: &ColumnReading| r.confidence == Confidence::Low && (shape.required().contains(&r.role) || r.role == Role::UnitPrice);
    if let Some((c, r)) =
        detected.columns.iter().filter(|_| opts.mapping.is_none()).find_map(|c| c.reading.as_ref().filter(|r| unsure(r)).map(|r| (c, r)))
    {
        return Some(ImportError::UnsureColumn { role: r.role, column: c.name.clone(), content: r.content });
    }
    if (shape == Shape::Transactions || date_role == Role::LastPurchase) && detected.date_order_ambiguous {
        let example = samples(Role::Date).first().map(|s| s.to_string()).unwrap_or_default();
        let column = col_of(Role::Date).map(|c| detected.columns[c].name.clone()).unwrap_or_default();
        return Some(ImportError::AmbiguousDateOrder { column, example });
    }
    None
}

/// Each column's role and why: from the headers and the values under them (`map_columns`), from the
/// values alone without a header (`guess_by_content`), or as the user mapped them; then the user's
/// `--map role=COLUMN` overrides (a header or a column number from 1). An alternative whose chosen
/// column the user moved is dropped: it no longer says what was used.
fn column_mapping(
    names: &[String],
    data_head: &[(u64, StringRecord)],
    has_header: bool,
    opts: &ImportOptions,
) -> Result<column_roles::ColumnMapping, ImportFailure> {
    let columns = names.len();
    let column_samples = |i: usize| -> Vec<String> { data_head.iter().filter_map(|(_, r)| r.get(i)).map(String::from).collect() };
    let read = match &opts.mapping {
        Some(m) => column_roles::ColumnMapping::users(m, if has_header { map_columns(names, &column_samples) } else { Default::default() }),
        None if has_header => map_columns(names, &column_samples),
        None => column_roles::ColumnMapping::from_content(guess_by_content(data_head, columns)),
    };
    let column_roles::ColumnMapping { roles: mut mapping, mut readings, export, alternatives } = read;
    mapping.resize(columns, None);
    readings.resize(columns, None);
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
        for (r, reading) in mapping.iter_mut().zip(readings.iter_mut()).filter(|(r, _)| **r == Some(*role)) {
            *r = None;
            *reading = None;
        }
        mapping[index] = Some(*role);
        readings[index] = Some(ColumnReading { role: *role, basis: Basis::User, content: None, confidence: Confidence::High });
    }
    let alternatives: Vec<Alternative> = alternatives.into_iter().filter(|a| mapping.get(a.chosen) == Some(&Some(a.role))).collect();
    Ok(column_roles::ColumnMapping { roles: mapping, readings, export, alternatives })
}

fn looks_like_data(cell: &str) -> bool {
    parse_amount(cell, DecimalSeparator::Point).is_ok()
        || [DateFormat::YearMonthDay, DateFormat::DayMonthYear, DateFormat::MonthDayYear].iter().any(|f| parse_date(cell, *f).is_ok())
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
            !vals.is_empty()
                && vals.iter().all(|v| parse_amount(v, DecimalSeparator::Point).is_ok() || parse_amount(v, DecimalSeparator::Comma).is_ok())
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
