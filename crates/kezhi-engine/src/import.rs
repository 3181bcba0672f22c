//! bytes → decoded text → sniffed dialect → header mapping → typed rows + rejects → customer table.
//!
//! [`parse`] reads a file under [`ImportOptions`] (everything detected unless the user said otherwise)
//! and returns what it detected, the typed rows and the rejects; [`import`] goes on to the customer
//! table, the import report and the overview.

pub mod amounts;
pub mod column_roles;
pub mod dates;
mod detection;
pub mod dialect;
pub mod encoding;
pub mod errors;
pub mod memory_budget;
pub mod header_mapping;
pub mod known_exports;
pub mod order_status;
pub mod records;
pub mod rejects;
pub mod split_parse;
pub mod text_normal;
pub mod text_stream;
pub mod typed_rows;
pub mod workbook;

use std::io::Read;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use self::amounts::DecimalSeparator;
use self::dates::DateFormat;
use self::dialect::Delimiter;
use self::encoding::EncodingSource;
use self::errors::ImportError;
use self::column_roles::{Alternative, ColumnReading};
use self::header_mapping::{Role, Shape};
use self::known_exports::KnownExport;
use self::records::{delimited_piece, Pass, Row, Source};
use self::text_stream::{read_head, TextStream, PIECE};
use self::rejects::{Reject, RejectReason};
use self::split_parse::{PartJob, SplitEnd};
use self::detection::{Layout, Meta};
use self::typed_rows::{rfm_row, summary_row, RfmRow, RowReader, SpendMeaning, SummaryRow, Transactions, TxnBuilder};

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
    /// Order statuses the user counts (`true`) or not (`false`), by value as written; the others by
    /// their class (`order_status.rs`).
    pub status_choices: Vec<(String, bool)>,
    /// What an RFM table's spend column holds; `None` = from its name (total unless it says mean).
    pub rfm_spend: Option<SpendMeaning>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnInfo {
    pub name: String,
    pub role: Option<Role>,
    /// Why the column got its role, and how sure that is.
    pub reading: Option<ColumnReading>,
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
    /// The known export the header was recognised as.
    pub export: Option<KnownExport>,
    /// Other columns that could fill a role (the chosen one and the other, by index).
    pub alternatives: Vec<Alternative>,
    /// An RFM table's spend: total or per purchase (as detected or chosen).
    pub rfm_spend: Option<SpendMeaning>,
    /// The user's choices of statuses this import used (kept for the next import of the file).
    pub status_choices: Vec<(String, bool)>,
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
            status_choices: self.status_choices.clone(),
            rfm_spend: self.rfm_spend,
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

// One value per import, moved once into `build`: the size of its largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Parsed {
    Transactions(Transactions),
    Summary(Vec<SummaryRow>),
    Rfm(Vec<RfmRow>),
}

#[derive(Debug, Clone)]
pub struct ParseOutcome {
    pub detected: Detected,
    pub parsed: Parsed,
    pub rows_read: u64,
    pub rejects: Vec<Reject>,
}

pub(crate) const PREVIEW_ROWS: usize = 20;
const SAMPLE_ROWS: usize = 2000;
const PROGRESS_EVERY: u64 = 16_384;

/// The file's first bytes, from which the encoding, delimiter, header and column formats are found.
const HEAD_BYTES: usize = 1 << 20;
/// Line ends the head must hold (else more of the file is read into it).
const HEAD_LINES: usize = 16;

/// Reads a file held in memory into typed rows and rejects.
pub fn parse(
    bytes: &[u8],
    file_name: &str,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ParseOutcome, ImportFailure> {
    parse_reader(&mut &bytes[..], bytes.len() as u64, file_name, opts, progress)
}

/// Reads a file of `size` bytes from `reader` into typed rows and rejects. A text table is read in
/// pieces ([`PIECE`]) and never held whole; a workbook is read whole (`calamine` needs all of it).
pub fn parse_reader(
    reader: &mut dyn Read,
    size: u64,
    file_name: &str,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ParseOutcome, ImportFailure> {
    parse_in_pieces(reader, size, file_name, opts, (HEAD_BYTES, PIECE), progress, &mut no_split).map(|(o, _)| o)
}

/// A host that parses every file in one pass.
fn no_split(_: &PartJob, _: u64) -> Option<u64> {
    None
}

/// [`parse_reader`] that may stop at a cut and leave the rest to a helper (`split_parse.rs`). Once
/// the column plan is known (a text table of transactions), `host(job, earliest)` may start the
/// helper on the file from a cut at or after `earliest` (the bytes read so far) and return the cut;
/// this pass then ends there and returns how it ended, for [`split_parse::finish`].
pub fn parse_reader_split(
    reader: &mut dyn Read,
    size: u64,
    file_name: &str,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
    host: &mut dyn FnMut(&PartJob, u64) -> Option<u64>,
) -> Result<(ParseOutcome, Option<SplitEnd>), ImportFailure> {
    parse_in_pieces(reader, size, file_name, opts, (HEAD_BYTES, PIECE), progress, host)
}

/// [`parse`] reading the head and then the pieces in the sizes given (bytes), instead of 1 MiB and
/// 4 MiB: for the fuzzer's check that the pieces change nothing (`fuzz/fuzz_targets/delimited.rs`).
#[doc(hidden)]
pub fn parse_in_pieces_of(
    bytes: &[u8],
    file_name: &str,
    opts: &ImportOptions,
    sizes: (usize, usize),
) -> Result<ParseOutcome, ImportFailure> {
    parse_in_pieces(&mut &bytes[..], bytes.len() as u64, file_name, opts, sizes, &mut |_| {}, &mut no_split).map(|(o, _)| o)
}

/// Parses `bytes` cut at `cut` as a host does: the first half by the import (head and pieces in the
/// sizes given), the second by [`split_parse::parse_part`], joined by [`split_parse::finish`]. `None`
/// when the cut was not taken (it lies in the head, or the file cannot be cut), `Some(None)` when
/// `finish` refused it. For the tests and the fuzzer's check that halves change nothing.
#[doc(hidden)]
pub fn parse_cut_of(bytes: &[u8], file_name: &str, opts: &ImportOptions, sizes: (usize, usize), cut: u64) -> Option<Option<ParseOutcome>> {
    let mut job = None;
    let mut host = |j: &PartJob, earliest: u64| {
        job = Some(j.clone());
        (cut >= earliest).then_some(cut)
    };
    let (first, end) = parse_in_pieces(&mut &bytes[..], bytes.len() as u64, file_name, opts, sizes, &mut |_| {}, &mut host).ok()?;
    let end = end?;
    let part = split_parse::parse_part(&mut &bytes[cut as usize..], &job?).ok();
    Some(split_parse::finish(first, &end, part))
}

fn read_error(e: std::io::Error) -> ImportFailure {
    ImportError::Read { detail: e.to_string() }.into()
}

/// [`parse_reader`] with the sizes of the head and of the pieces (tests read in pieces of a few bytes).
fn parse_in_pieces(
    reader: &mut dyn Read,
    size: u64,
    file_name: &str,
    opts: &ImportOptions,
    (head_bytes, piece): (usize, usize),
    progress: &mut dyn FnMut(Progress),
    host: &mut dyn FnMut(&PartJob, u64) -> Option<u64>,
) -> Result<(ParseOutcome, Option<SplitEnd>), ImportFailure> {
    let (mut head, mut complete) = read_head(reader, head_bytes).map_err(read_error)?;
    if head.is_empty() {
        return Err(ImportError::Empty.into());
    }
    let size = size.max(head.len() as u64);
    let mut meta = Meta { file_name: file_name.to_string(), size_bytes: size, ..Meta::default() };
    if workbook::is_workbook(&head) {
        if !complete {
            // A sheet fits in Excel's 1,048,576 rows; read the rest at once.
            progress(Progress { stage: Stage::Reading, done: head.len() as u64, total: size, rows: 0 });
            reader.read_to_end(&mut head).map_err(read_error)?;
        }
        let sheet = workbook::read_sheet(&head, opts.sheet.as_deref())?;
        drop(head);
        meta.is_workbook = true;
        meta.sheets = sheet.names;
        meta.sheet = Some(sheet.chosen);
        meta.workbook_1904 = sheet.is_1904;
        let source = Source::Sheet { rows: sheet.rows, first_row: sheet.first_row, first_col: sheet.first_col };
        return parse_source(&source, None, meta, opts, progress, host);
    }
    let choice = encoding::choose(&head, complete, opts.encoding.as_deref())?;
    // The head as text, for finding the delimiter, header and formats: up to its last line end
    // unless it is the whole file (a record cut at the end would mislead the sampling). Rows so
    // long that the head holds only a few lines: read on, doubling, until it holds enough.
    let (head_text, head_had_errors) = loop {
        let (mut text, had_errors) = choice.decode(&head, complete);
        if !complete {
            // (CR alone ends lines too: Excel for Mac's "CSV (Macintosh)".)
            text.truncate(text.rfind(['\n', '\r']).map_or(0, |i| i + 1));
        }
        if complete || records::line_ends(text.as_bytes()) >= HEAD_LINES as u64 {
            break (text, had_errors);
        }
        let (more, rest_fits) = read_head(reader, head.len()).map_err(read_error)?;
        head.extend_from_slice(&more);
        complete = rest_fits;
    };
    meta.encoding = Some(choice.encoding.name().to_string());
    meta.encoding_source = Some(choice.how);
    meta.encoding_had_errors = head_had_errors;
    if complete && head_text.trim().is_empty() {
        return Err(ImportError::NoTable { bytes: meta.size_bytes }.into());
    }
    let delimiter = opts.delimiter.unwrap_or_else(|| dialect::sniff(&head_text));
    meta.delimiter = Some(delimiter);
    // A head of plain ASCII says nothing about the encoding of what follows (a log whose first MiB
    // has no Chinese name): the stream chooses again at the first other byte.
    // (ValidUtf8: detected, not picked by the user.)
    let undecided = !complete && matches!(choice.how, EncodingSource::ValidUtf8) && head.is_ascii();
    // What a second half would be read in: the encoding (or none yet, as above), when a line end
    // byte can only be a line end in it (not UTF-16) and no byte-order mark overrides a forced label.
    let part_encoding = if undecided {
        Some(None)
    } else if choice.encoding.is_ascii_compatible() && !(choice.sniff_bom && encoding_rs::Encoding::for_bom(&head).is_some()) {
        Some(Some(choice.encoding.name().to_string()))
    } else {
        None
    };
    let stream = TextStream::new(reader, head, complete, &choice, undecided);
    let streamed = Streamed { stream, delimiter, piece, size, part_encoding, cut: None, pass: Pass::new() };
    parse_source(&Source::Delimited { text: &head_text, delimiter }, Some(streamed), meta, opts, progress, host)
}

/// The full pass over a text table: read in pieces from the file.
struct Streamed<'r> {
    stream: TextStream<'r>,
    delimiter: Delimiter,
    piece: usize,
    /// Bytes this pass reads (the file's, or up to the cut): the total for progress.
    size: u64,
    /// The encoding for a second half (`None` inside: to be chosen); `None`: the file cannot be cut.
    part_encoding: Option<Option<String>>,
    /// Where this pass stops and a helper parses on.
    cut: Option<u64>,
    /// The pass at the text's start (the second half of a file starts after its notes).
    pass: Pass,
}

/// Detects the table's layout from `source`'s first rows ([`detection::detect`]) and reads every row:
/// from `source`, or from `streamed` when the text file is read in pieces.
fn parse_source(
    source: &Source,
    mut streamed: Option<Streamed>,
    meta: Meta,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
    host: &mut dyn FnMut(&PartJob, u64) -> Option<u64>,
) -> Result<(ParseOutcome, Option<SplitEnd>), ImportFailure> {
    let head = source.head(SAMPLE_ROWS + 1);
    let Layout { detected, plan, skip, mean_row_bytes } = detection::detect(&head, meta, opts)?;
    let shape = detected.shape;
    let fail = |error: ImportError, detected: &Detected| ImportFailure { error, detected: Some(Box::new(detected.clone())) };
    let user_column = |i: usize| source.user_column(i);
    let reader = RowReader::new(&plan, &user_column);
    let (parsed, end) = match shape {
        Shape::Transactions => {
            // Rows expected from the sampled rows' mean length (fields + delimiters + newline).
            let expected = match source {
                Source::Delimited { .. } if mean_row_bytes > 0.0 => (detected.size_bytes as f64 / mean_row_bytes * 1.05) as usize,
                Source::Sheet { rows, .. } => rows.len(),
                _ => 0,
            };
            if let Some(s) = streamed.as_mut() {
                if let Some(encoding) = s.part_encoding.clone() {
                    let job = PartJob { encoding, delimiter: s.delimiter, plan: plan.clone() };
                    let earliest = s.stream.bytes_read;
                    if let Some(cut) = host(&job, earliest).filter(|&c| c >= earliest && c < s.size) {
                        s.stream.end_at(cut);
                        s.size = cut;
                        s.cut = Some(cut);
                    }
                }
            }
            let mut builder = TxnBuilder::with_capacity(expected.min(50_000_000), &plan.rules);
            let end = read_rows(source, streamed, skip, progress, |line, rec| builder.push(&reader, line, rec))
                .map_err(|e| fail(e, &detected))?;
            (Parsed::Transactions(builder.finish(&plan)), end)
        }
        Shape::CustomerSummary => {
            let mut rows = Vec::new();
            let end = read_rows(source, streamed, skip, progress, |line, rec| summary_row(&reader, line, rec).map(|r| rows.push(r)))
                .map_err(|e| fail(e, &detected))?;
            (Parsed::Summary(rows), end)
        }
        Shape::RfmTable => {
            let mut rows = Vec::new();
            let end = read_rows(source, streamed, skip, progress, |line, rec| rfm_row(&reader, line, rec).map(|r| rows.push(r)))
                .map_err(|e| fail(e, &detected))?;
            (Parsed::Rfm(rows), end)
        }
    };
    let PassEnd { rows_read, mut rejects, had_errors, chosen_later, split } = end;
    let mut detected = detected;
    detected.encoding_had_errors |= had_errors;
    if let Some(choice) = chosen_later {
        // Chosen again past an ASCII head: every byte that failed to decode came after it.
        let name = choice.encoding.name();
        detected.encoding = Some(name.to_string());
        detected.encoding_source = Some(choice.how);
        for r in &mut rejects {
            if let RejectReason::UndecodableId { encoding } = &mut r.reason {
                *encoding = name.to_string();
            }
        }
    }
    let used = match &parsed {
        Parsed::Transactions(t) => t.rows.len(),
        Parsed::Summary(s) => s.len(),
        Parsed::Rfm(r) => r.len(),
    };
    if used == 0 {
        return Err(fail(ImportError::NoUsableRows { rejected: rejects.len(), first: rejects.first().cloned() }, &detected));
    }
    Ok((ParseOutcome { detected, parsed, rows_read, rejects }, split))
}

/// What a full pass over the rows found beside the rows.
struct PassEnd {
    rows_read: u64,
    rejects: Vec<Reject>,
    /// Some bytes of a streamed text did not decode.
    had_errors: bool,
    /// The encoding chosen again past a head of plain ASCII (`TextStream`).
    chosen_later: Option<encoding::Choice>,
    /// How the pass ended when it stopped at a cut.
    split: Option<SplitEnd>,
}

/// Feeds every data row to `use_row` (from `streamed` when given, else from `source`), counting rows
/// and collecting rejects, with progress. (Also the second half's pass, `split_parse::parse_part`.)
fn read_rows(
    source: &Source,
    streamed: Option<Streamed>,
    skip: usize,
    progress: &mut dyn FnMut(Progress),
    mut use_row: impl FnMut(u64, Row) -> Result<(), Reject>,
) -> Result<PassEnd, ImportError> {
    let total = streamed.as_ref().map_or_else(|| source.size(), |s| s.size);
    let mut rows_read = 0u64;
    let mut rejects = Vec::new();
    let mut skip = skip;
    progress(Progress { stage: Stage::Parsing, done: 0, total, rows: 0 });
    let mut each = |line: u64, rec: Row, pos: u64| {
        if skip > 0 {
            skip -= 1;
            return true;
        }
        rows_read += 1;
        if let Err(r) = use_row(line, rec) {
            rejects.push(r);
        }
        if rows_read.is_multiple_of(PROGRESS_EVERY) {
            progress(Progress { stage: Stage::Parsing, done: pos.min(total), total, rows: rows_read });
        }
        true
    };
    let (mut had_errors, mut chosen_later, mut split) = (false, None, None);
    match streamed {
        None => source.for_each(&mut each),
        Some(Streamed { mut stream, delimiter, piece, cut, mut pass, .. }) => {
            let (mut text, mut want) = (String::new(), piece);
            loop {
                let last = stream.append_to(&mut text, want);
                let read = stream.bytes_read;
                let used = delimited_piece(&text, delimiter, last, &mut pass, &|_| read, &mut each);
                if last || pass.stopped() {
                    break;
                }
                text.drain(..used);
                // A record longer than a piece: read as much again before looking, so a long one (a
                // quote that never closes) is parsed a few times, not once per piece.
                want = if used == 0 { piece.max(text.len()) } else { piece };
            }
            if let Some(e) = stream.error {
                return Err(ImportError::Read { detail: e.to_string() });
            }
            had_errors = stream.had_errors;
            chosen_later = stream.chosen_later;
            split = cut.map(|_| SplitEnd {
                line_at_cut: pass.line(),
                ended_between_records: pass.ended_between_records(),
                still_undecided: stream.undecided(),
                chosen_later: chosen_later.map(|c| c.encoding),
                chosen_short: stream.chosen_short,
            });
        }
    }
    progress(Progress { stage: Stage::Parsing, done: total, total, rows: rows_read });
    Ok(PassEnd { rows_read, rejects, had_errors, chosen_later, split })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::demo_data::{generate, DemoParams};

    fn outcome_text(o: &ParseOutcome) -> String {
        format!("{:?} {} {:?} {}", o.parsed, o.rows_read, o.rejects, o.detected.encoding_had_errors)
    }

    /// Every text file the tests hold, the demo retailer's transactions, and the same in GBK.
    fn text_files() -> Vec<(String, Vec<u8>)> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
        let mut files = Vec::new();
        // fuzz/: inputs the fuzz targets found a fault with (fuzz/artifacts), kept as regressions.
        for dir in [root.to_string(), format!("{root}/bad"), format!("{root}/fuzz")] {
            for entry in std::fs::read_dir(&dir).expect("fixtures") {
                let path = entry.expect("entry").path();
                let bytes = std::fs::read(&path).unwrap_or_default();
                if path.is_file() && !bytes.is_empty() && !workbook::is_workbook(&bytes) && !encoding::looks_binary(&bytes) {
                    files.push((path.file_name().unwrap_or_default().to_string_lossy().into_owned(), bytes));
                }
            }
        }
        let demo = generate(&DemoParams { customers: 300, ..DemoParams::default() }).to_csv();
        let gbk = encoding_rs::GBK.encode(&demo.replace("C0", "客户")).0.into_owned();
        files.push(("demo.csv".into(), demo.into_bytes()));
        files.push(("demo_gbk.csv".into(), gbk));
        files
    }

    /// Reading in pieces changes nothing: with the options the whole file's detection found, pieces of
    /// 1 to 1,000 bytes (characters, quoted fields and line ends cut anywhere), after a head of the
    /// whole file or of a few bytes, give the same rows, rejects (with their lines) and decoding errors
    /// as one piece.
    #[test]
    fn pieces_of_any_size_give_the_rows_of_the_whole_file() {
        let mut compared = 0;
        for (name, bytes) in text_files() {
            let Ok(first) = parse(&bytes, &name, &ImportOptions::default(), &mut |_| {}) else { continue };
            let mut opts = first.detected.as_options();
            // Nothing left to detect from the (smaller) head: a date format found nowhere is given too.
            opts.date_format = opts.date_format.or(Some(DateFormat::YearMonthDay));
            let whole = parse(&bytes, &name, &opts, &mut |_| {}).unwrap_or_else(|f| panic!("{name}: {:?}", f.error));
            for sizes in [(1, 1), (5, 3), (64, 7), (300, 64), (4096, 1000), (usize::MAX / 2, 1), (usize::MAX / 2, 5)] {
                let cut = parse_in_pieces_of(&bytes, &name, &opts, sizes)
                    .unwrap_or_else(|f| panic!("{name} in pieces {sizes:?}: {:?}", f.error));
                let (cut, whole) = (outcome_text(&cut), outcome_text(&whole));
                if let Some(at) = cut.bytes().zip(whole.bytes()).position(|(a, b)| a != b).or((cut.len() != whole.len()).then_some(0)) {
                    let around = |t: &str| t.chars().skip(at.saturating_sub(80)).take(240).collect::<String>();
                    panic!("{name} in pieces {sizes:?} differs:\n  pieces: {}\n  whole:  {}", around(&cut), around(&whole));
                }
            }
            compared += 1;
        }
        assert!(compared >= 30, "only {compared} files compared");
    }

    /// A log whose head is plain ASCII and whose later rows carry Chinese names (in GBK, or in UTF-8):
    /// the encoding is chosen again at the first byte that is not ASCII, and the rows come out as from
    /// the whole file's detection, without decoding errors. A user's pick is not second-guessed.
    #[test]
    fn a_head_of_plain_ascii_leaves_the_encoding_to_the_first_other_bytes() {
        let mut text = String::from("customer_id,customer_name,date,amount,region\n");
        for i in 0..60 {
            text.push_str(&format!("C{:03},Alice Smith,2024-01-{:02},{}.50,Boston\n", i % 20, 1 + i % 28, 10 + i));
        }
        let (names, cities) = (["吴超", "刘娜", "王伟", "李静", "张敏", "陈杰"], ["北京", "上海", "成都", "武汉", "广州"]);
        for i in 0..40 {
            text.push_str(&format!("C{:03},{},2024-02-{:02},{}.00,{}\n", i, names[i % 6], 1 + i % 28, 20 + i, cities[i % 5]));
        }
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable);
        for (bytes, encoding) in [(gbk.into_owned(), "GBK"), (text.clone().into_bytes(), "UTF-8")] {
            let whole = parse(&bytes, "late.csv", &ImportOptions::default(), &mut |_| {}).expect("whole file");
            assert_eq!(whole.detected.encoding.as_deref(), Some(encoding));
            for sizes in [(256, 256), (1024, 4096), (300, 7)] {
                let cut = parse_in_pieces_of(&bytes, "late.csv", &ImportOptions::default(), sizes).expect("in pieces");
                assert_eq!(cut.detected.encoding.as_deref(), Some(encoding), "{encoding} {sizes:?}");
                assert!(!cut.detected.encoding_had_errors, "{encoding} {sizes:?}");
                assert_eq!(outcome_text(&cut), outcome_text(&whole), "{encoding} {sizes:?}");
                assert!(outcome_text(&cut).contains("吴超") && outcome_text(&cut).contains("成都"));
            }
        }
        // Picked by the user: read as UTF-8 to the end, the GBK bytes reported.
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        let picked = ImportOptions { encoding: Some("utf-8".into()), ..ImportOptions::default() };
        let cut = parse_in_pieces_of(&gbk, "late.csv", &picked, (256, 256)).expect("in pieces");
        assert_eq!(cut.detected.encoding.as_deref(), Some("UTF-8"));
        assert!(cut.detected.encoding_had_errors);
    }

    /// A file that cannot be read to its end (changed or gone since it was chosen) is an error, not a
    /// shorter table.
    #[test]
    fn a_read_that_fails_part_way_is_an_error_naming_it() {
        struct Failing<'a>(&'a [u8]);
        impl Read for Failing<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.0.is_empty() {
                    return Err(std::io::Error::other("the file was removed"));
                }
                let n = buf.len().min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let csv = generate(&DemoParams { customers: 50, ..DemoParams::default() }).to_csv();
        let got = parse_in_pieces(&mut Failing(csv.as_bytes()), 10 * csv.len() as u64, "gone.csv", &ImportOptions::default(), (256, 256), &mut |_| {}, &mut no_split);
        let error = got.expect_err("a failed read").error;
        assert_eq!(error, ImportError::Read { detail: "the file was removed".into() });
        assert!(error.message("gone.csv", crate::lang::Lang::En).contains("gone.csv could not be read to the end"));
    }

    /// A file parsed in two halves gives what one pass gives, at every line end it can be cut at
    /// (every one of small files; about 50 of larger ones), for every text file the tests hold: rows
    /// and their customers, categories and channels in the same order with the same indices, lines,
    /// rejects with their lines, the encoding and whether bytes failed to decode. Where the halves
    /// cannot stand (the cut inside a quoted field that holds a line end), `finish` refuses them.
    #[test]
    fn a_file_cut_at_any_line_end_and_parsed_in_halves_gives_the_rows_of_one_pass() {
        let (mut joined, mut refused) = (0, 0);
        let mut refused_in = Vec::new();
        // Names that hold a line end in quotes (every seventh row) and, in a copy, a quote that opens
        // near the end and never closes.
        let mut quoted = String::from("customer_id,customer_name,date,amount\n");
        for i in 0..300 {
            let name = if i % 7 == 3 { "\"Li\nNa, \"\"Nina\"\"\"" } else { "Wang Wei" };
            quoted.push_str(&format!("C{:03},{name},2024-03-{:02},{}.25\n", i % 40, 1 + i % 28, 5 + i));
        }
        let mut unclosed = quoted.clone();
        unclosed.insert(quoted.len() - 200, '"');
        let mut files = text_files();
        files.push(("quoted_line_ends.csv".into(), quoted.into_bytes()));
        files.push(("quote_never_closes_late.csv".into(), unclosed.into_bytes()));
        let mut tried = 0;
        for (name, bytes) in files {
            let Ok(first) = parse(&bytes, &name, &ImportOptions::default(), &mut |_| {}) else { continue };
            if first.detected.shape != Shape::Transactions {
                continue;
            }
            let mut opts = first.detected.as_options();
            opts.date_format = opts.date_format.or(Some(DateFormat::YearMonthDay));
            let whole = parse(&bytes, &name, &opts, &mut |_| {}).unwrap_or_else(|f| panic!("{name}: {:?}", f.error));
            let ends: Vec<u64> = bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i as u64 + 1).filter(|&c| c < bytes.len() as u64).collect();
            let step = (ends.len() / 50).max(1);
            tried += 1;
            for &cut in ends.iter().step_by(step) {
                for sizes in [(64, 7), (300, 64)] {
                    match parse_cut_of(&bytes, &name, &opts, sizes, cut) {
                        None => {}
                        Some(Some(halves)) => {
                            joined += 1;
                            assert_eq!(outcome_text(&halves), outcome_text(&whole), "{name} cut at byte {cut}, pieces {sizes:?}");
                            assert_eq!(halves.detected.encoding, whole.detected.encoding, "{name} cut at {cut}");
                            assert_eq!(halves.detected.encoding_source, whole.detected.encoding_source, "{name} cut at {cut}");
                        }
                        Some(None) => {
                            refused += 1;
                            refused_in.push(name.clone());
                        }
                    }
                }
            }
        }
        refused_in.dedup();
        assert!(tried >= 20, "only {tried} files");
        assert!(joined > 300, "only {joined} cuts joined");
        // The cuts inside quoted fields were refused, in the two files that have them, and they were
        // few: a seventh of the line ends in one, those after the unclosed quote in the other.
        assert_eq!(refused_in, ["quoted_line_ends.csv", "quote_never_closes_late.csv"], "{refused} refused, {joined} joined");
        assert!(refused * 5 < joined, "{refused} refused, {joined} joined");
    }

    /// The second half of a file whose head is plain ASCII chooses the encoding at its own first other
    /// byte, as one pass does; when the first half chose already, the halves must agree.
    #[test]
    fn halves_of_a_log_with_an_ascii_head_agree_on_the_encoding_or_are_parsed_again() {
        let mut text = String::from("customer_id,customer_name,date,amount,region\n");
        for i in 0..60 {
            text.push_str(&format!("C{:03},Alice Smith,2024-01-{:02},{}.50,Boston\n", i % 20, 1 + i % 28, 10 + i));
        }
        for i in 0..40 {
            text.push_str(&format!("C{:03},{},2024-02-{:02},{}.00,北京\n", i, ["吴超", "刘娜", "王伟"][i % 3], 1 + i % 28, 20 + i));
        }
        let gbk = encoding_rs::GBK.encode(&text).0.into_owned();
        let whole = parse(&gbk, "late.csv", &ImportOptions::default(), &mut |_| {}).expect("whole file");
        assert_eq!(whole.detected.encoding.as_deref(), Some("GBK"));
        let first_other = gbk.iter().position(|b| !b.is_ascii()).unwrap_or(0) as u64;
        let (mut before, mut after) = (0, 0);
        for cut in gbk.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i as u64 + 1).filter(|&c| c > 400 && c < gbk.len() as u64) {
            // The GBK bytes start in the second half: it chooses; in the first: the first half chose
            // on fewer bytes than a whole pass (the cut is near), so the halves are parsed again.
            match parse_cut_of(&gbk, "late.csv", &ImportOptions::default(), (256, 256), cut) {
                None => {}
                Some(Some(halves)) => {
                    assert!(cut <= first_other, "cut at {cut}, GBK from {first_other}");
                    assert_eq!(outcome_text(&halves), outcome_text(&whole), "cut at {cut}");
                    assert_eq!(halves.detected.encoding.as_deref(), Some("GBK"));
                    after += 1;
                }
                Some(None) => {
                    assert!(cut > first_other, "cut at {cut}, GBK from {first_other}");
                    before += 1;
                }
            }
        }
        assert!(before > 10 && after > 10, "{before} cuts after the GBK bytes, {after} before");
    }

    /// What `ends_between_records` says of a text agrees with the csv reader: where it says a record
    /// starts after a line end, the records of the two sides are the records of the whole. Random texts
    /// of a few fields, quotes, doubled quotes and CR/LF line ends.
    #[test]
    fn where_a_text_ends_between_records_the_csv_reader_agrees() {
        use rand::{Rng, SeedableRng};
        let records = |t: &[u8]| -> Vec<Vec<Vec<u8>>> {
            let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(t);
            r.byte_records().map(|rec| rec.map(|x| x.iter().map(<[u8]>::to_vec).collect()).unwrap_or_default()).collect()
        };
        let mut rng = rand::rngs::StdRng::seed_from_u64(6);
        let (mut between, mut inside) = (0, 0);
        for _ in 0..20_000 {
            let len = rng.gen_range(1..24);
            let text: Vec<u8> = (0..len).map(|_| b"ab,\"\"\n\r"[rng.gen_range(0..7)]).collect();
            for p in (1..text.len()).filter(|&p| text[p - 1] == b'\n') {
                if records::ends_between_records(&text[..p], b',') {
                    between += 1;
                    let mut halves = records(&text[..p]);
                    halves.extend(records(&text[p..]));
                    assert_eq!(halves, records(&text), "{:?} cut at {p}", String::from_utf8_lossy(&text));
                } else {
                    inside += 1;
                }
            }
        }
        assert!(between > 1000 && inside > 1000, "{between} between, {inside} inside");
    }

    /// A file whose lines end with CR alone (Excel for Mac's "CSV (Macintosh)", classic Mac OS) gets
    /// true line numbers, read whole or in pieces (a CR LF cut between two pieces counts once), and
    /// its head stops at 16 lines like any other file's.
    #[test]
    fn lines_ending_in_cr_alone_are_counted_as_lines() {
        let mut text = String::from("customer_id,date,amount\r");
        for i in 1..=300 {
            let amount = if i == 250 { "oops".to_string() } else { format!("{i}.5") };
            text.push_str(&format!("C{},2024-01-{:02},{amount}\r", i % 40, 1 + i % 28));
        }
        let whole = parse(text.as_bytes(), "mac.csv", &ImportOptions::default(), &mut |_| {}).expect("whole");
        assert_eq!(whole.rejects.iter().map(|r| r.line).collect::<Vec<_>>(), [251]);
        let Parsed::Transactions(t) = &whole.parsed else { panic!("transactions") };
        assert_eq!((t.rows[0].line, t.rows[298].line), (2, 301));
        for sizes in [(256, 64), (300, 7), (64, 1)] {
            let cut = parse_in_pieces_of(text.as_bytes(), "mac.csv", &whole.detected.as_options(), sizes).expect("pieces");
            assert_eq!(outcome_text(&cut), outcome_text(&whole), "{sizes:?}");
        }
        // CR LF, LF and CR alone mixed, a CR LF cut between pieces anywhere.
        let mixed = "customer_id,date,amount\r\nC1,2024-01-02,1\rC2,2024-01-03,x\nC3,2024-01-04,2\r\nC4,2024-01-05,y\r";
        let whole = parse(mixed.as_bytes(), "mixed.csv", &ImportOptions::default(), &mut |_| {}).expect("whole");
        assert_eq!(whole.rejects.iter().map(|r| r.line).collect::<Vec<_>>(), [3, 5]);
        for piece in 1..8 {
            let cut = parse_in_pieces_of(mixed.as_bytes(), "mixed.csv", &whole.detected.as_options(), (1, piece)).expect("pieces");
            assert_eq!(outcome_text(&cut), outcome_text(&whole), "pieces of {piece}");
        }
    }
}
