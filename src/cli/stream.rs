//! `kezhi score --model model.json FILE|-`: customer-summary rows in, one scored row per customer
//! out, a chunk of rows at a time, with a model fitted before (`kezhi fit`) and no fitting here. The
//! memory in use is a chunk's, whatever the input's length.
//!
//! Input: the summary's columns as `kezhi score` reads them (a header naming them, in any order), or,
//! without a header, the five columns `customer_id, frequency, recency, T, monetary_value` in that
//! order (what Spark's `SELECT TRANSFORM` sends). Tab-separated when the first line holds a tab, else
//! comma-separated. Output: every column `kezhi score` writes for a summary file
//! (`csv_export::scored_header`), with the same delimiter as the input, a header only when the input
//! had one. Rows that
//! cannot be used go to standard error with their line and reason and are counted; nothing else is
//! written there but the closing count.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use kezhi::engine::fitted_model::FittedModel;
use kezhi::engine::import::dialect::Delimiter;
use kezhi::engine::import::errors::{first_problem, ImportError, Surface};
use kezhi::engine::import::rejects::Reject;
use kezhi::engine::import::ImportFailure;
use kezhi::engine::say;

use super::texts::CliText;
use kezhi::engine::import::header_mapping::Shape;
use kezhi::engine::import::ImportOptions;
use kezhi::engine::lang::Lang;
use kezhi::engine::table::imported::import;
use kezhi::engine::views::csv_export;

/// The five columns a headerless input holds, in order.
const HEADERLESS: [&str; 5] = ["customer_id", "frequency", "recency", "T", "monetary_value"];

/// Scores the rows of `input` (a path, or `-` for standard input) with `model`, `chunk_rows` rows at a
/// time, onto standard output.
pub(super) fn score_stream(input: &std::path::Path, model: &FittedModel, chunk_rows: usize, lang: Lang) -> ExitCode {
    let name = input.display().to_string();
    let reader: Box<dyn BufRead> = if name == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        match std::fs::File::open(input) {
            Ok(f) => Box::new(std::io::BufReader::with_capacity(1 << 20, f)),
            Err(e) => {
                eprintln!("{name}: {e}");
                return ExitCode::from(2);
            }
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    match Stream::new(reader, model, lang).and_then(|mut s| s.run(&name, chunk_rows.max(1), &mut out)) {
        Ok((scored, rejected)) => {
            if let Err(e) = out.flush() {
                eprintln!("{}", say!(CliText::StandardOutput, lang, error = e));
                return ExitCode::from(1);
            }
            eprintln!("{}", say!(CliText::StreamScored, lang, scored = scored, rejected = rejected));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{name}: {e}");
            ExitCode::from(2)
        }
    }
}

struct Stream<'m> {
    lines: std::io::Lines<Box<dyn BufRead>>,
    model: &'m FittedModel,
    lang: Lang,
    delimiter: u8,
    /// The header line every chunk is imported under (the input's, or [`HEADERLESS`]'s).
    header: String,
    had_header: bool,
    /// A first line that was data (headerless input).
    first_data: Option<String>,
    /// The import options of the first chunk (its detected columns), kept for every later chunk.
    options: Option<ImportOptions>,
}

impl<'m> Stream<'m> {
    fn new(reader: Box<dyn BufRead>, model: &'m FittedModel, lang: Lang) -> Result<Stream<'m>, String> {
        let mut lines = reader.lines();
        let first = match lines.next() {
            Some(line) => line.map_err(|e| e.to_string())?,
            None => return Err(CliText::NoRows.get(lang).into()),
        };
        let first = first.trim_start_matches('\u{feff}').trim_end_matches('\r').to_string();
        let delimiter = if first.contains('\t') { b'\t' } else { b',' };
        // A header names its columns: the second field of a data row is a number (the frequency).
        let second = first.split(char::from(delimiter)).nth(1).unwrap_or_default();
        let had_header = second.trim().trim_matches('"').parse::<f64>().is_err();
        let (header, first_data) = if had_header { (first, None) } else { (HEADERLESS.join(&char::from(delimiter).to_string()), Some(first)) };
        Ok(Stream { lines, model, lang, delimiter, header, had_header, first_data, options: None })
    }

    /// Scores chunk after chunk; the customers scored and the rows rejected.
    fn run(&mut self, name: &str, chunk_rows: usize, out: &mut dyn Write) -> Result<(usize, usize), String> {
        let mut writer = csv::WriterBuilder::new().delimiter(self.delimiter).flexible(true).from_writer(out);
        let (mut scored, mut rejected) = (0usize, 0usize);
        // The line of the input the next chunk starts at (1-based; the header is line 1).
        let mut line = if self.had_header { 2 } else { 1 };
        let mut wrote_header = false;
        loop {
            let mut chunk = String::with_capacity(self.header.len() + 1);
            chunk.push_str(&self.header);
            chunk.push('\n');
            let mut rows = 0;
            if let Some(first) = self.first_data.take() {
                chunk.push_str(&first);
                chunk.push('\n');
                rows += 1;
            }
            while rows < chunk_rows {
                match self.lines.next() {
                    Some(l) => {
                        let l = l.map_err(|e| say!(CliText::LineUnreadable, self.lang, line = line + rows, error = e))?;
                        chunk.push_str(l.trim_end_matches('\r'));
                        chunk.push('\n');
                        rows += 1;
                    }
                    None => break,
                }
            }
            if rows == 0 {
                break;
            }
            let opts = self.options.clone().unwrap_or_else(|| ImportOptions {
                encoding: Some("utf-8".into()),
                delimiter: Some(if self.delimiter == b'\t' { Delimiter::Tab } else { Delimiter::Comma }),
                has_header: Some(true),
                preamble: Some(0),
                shape: Some(Shape::CustomerSummary),
                ..ImportOptions::default()
            });
            let imported = match import(chunk.as_bytes(), name, &opts, &self.model.settings, &mut |_| {}) {
                Ok(i) => i,
                // A chunk none of whose rows can be used: said, counted, and the stream goes on.
                Err(ImportFailure { error: ImportError::NoUsableRows { first, .. }, .. }) => {
                    // The chunk's line K is the input's line + K − 2.
                    let first = first.map(|r| Reject { line: (line + (r.line as usize).saturating_sub(2)) as u64, ..r });
                    let first = first_problem(first.as_ref(), self.lang);
                    eprintln!("{}", say!(CliText::ChunkUnusable, self.lang, from = line, to = line + rows - 1, rows = rows, first = first));
                    rejected += rows;
                    line += rows;
                    continue;
                }
                Err(f) => return Err(f.error.message_on(name, self.lang, Surface::CommandLine)),
            };
            if self.options.is_none() {
                self.options = Some(imported.detected.as_options());
            }
            for r in &imported.rejects {
                // The chunk's line 2 is the input's `line`.
                let at = line + (r.line as usize).saturating_sub(2);
                eprintln!("{}", say!(CliText::RowRejected, self.lang, line = at, name = r.column_name, value = r.value, reason = r.reason.text(self.lang)));
            }
            rejected += imported.rejects.len();
            let scores = self.model.score(&imported.table).map_err(|e| e.to_string())?;
            if self.had_header && !wrote_header {
                writer
                    .write_record(csv_export::scored_header(&imported.table, self.model.settings.horizon_months, imported.report.margin_source.assumed_rate()))
                    .map_err(|e| e.to_string())?;
                wrote_header = true;
            }
            for i in 0..imported.table.customers.len().min(scores.customers.len()) {
                let row = csv_export::model_scored_row(&imported.table, &scores, i, self.lang);
                writer.write_record(row.iter().map(|c| csv_export::escape_cell(c))).map_err(|e| e.to_string())?;
            }
            scored += imported.table.customers.len();
            line += rows;
        }
        writer.flush().map_err(|e| e.to_string())?;
        Ok((scored, rejected))
    }
}
