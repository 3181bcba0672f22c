//! A transaction file parsed in two halves at once: the first by the import as usual, the second by
//! a helper given the column plan the first found in the head. Parsing is most of an import, and a
//! machine has a second core that sits idle meanwhile. The CLI runs the helper on a thread (`cli.rs`).
//! The page does not: in a second worker, sending, decoding and joining the rows ate the gain
//! (docs/performance.md, "Measurements behind the code").
//!
//! The cut is at a line end near the middle ([`split_offset`]). It is only kept when it changes
//! nothing, else the file is parsed again in one pass ([`finish`] says which):
//! - the first half ended between records, not inside a quoted field that holds a line end
//!   (`records::ends_between_records`, the csv reader's own rules);
//! - both halves were read in the same encoding (a file whose head is plain ASCII has its encoding
//!   chosen at the first other byte, `text_stream.rs`; each half chooses by the same rule);
//! - the first half has usable rows (else its error is not the file's).
//!
//! The halves are then joined as the one pass would have made them: the second half's customers,
//! categories and channels take the first half's indices, or the next free ones in the order they
//! first appear; its lines are counted on from the first half's last line; its rejects follow.
//! The engine has no threads: whoever imports runs the second half where it can and hands it to
//! [`finish`].

use std::io::Read;

use encoding_rs::{Encoding, UTF_8};
use rustc_hash::FxHashMap;

use super::dialect::Delimiter;
use super::encoding::{Choice, EncodingSource};
use super::errors::ImportError;
use super::records::{Pass, Source};
use super::rejects::{Reject, RejectReason};
use super::text_stream::{TextStream, PIECE};
use super::typed_rows::{ColumnPlan, FirstRow, RowReader, Transactions, TxnBuilder};
use super::{read_rows, ParseOutcome, Parsed, Streamed};

/// Files smaller than this are parsed in one pass: their parse is short, and the cut, the helper and
/// the join are not worth it.
pub const SPLIT_MIN_BYTES: u64 = 8 << 20;

/// Bytes read around the middle of the file to find a line end to cut at.
pub const SPLIT_WINDOW: usize = 64 << 10;

/// What the helper needs to parse the second half as the first half's pass would have.
#[derive(Debug, Clone)]
pub struct PartJob {
    /// The encoding's WHATWG name; `None` while the head was plain ASCII (chosen at the first other
    /// byte, as the first half does).
    pub encoding: Option<String>,
    pub delimiter: Delimiter,
    pub plan: ColumnPlan,
}

/// The second half, parsed: its rows with its own indices, lines counted from 1 at the cut.
#[derive(Debug, Clone, Default)]
pub struct PartOutcome {
    pub txns: Transactions,
    pub rows_read: u64,
    pub rejects: Vec<Reject>,
    pub had_errors: bool,
    /// The encoding it chose at its first byte that is not ASCII (name, and by which rule), when the
    /// job left it open.
    pub chosen_later: Option<(String, EncodingSource)>,
}

/// How the first half ended (kept by the import when it stopped at a cut).
#[derive(Debug, Clone)]
pub struct SplitEnd {
    /// The line the second half starts on.
    pub line_at_cut: u64,
    pub ended_between_records: bool,
    /// The first half was all ASCII after a head of plain ASCII: the encoding is the second half's.
    pub still_undecided: bool,
    /// The encoding the first half chose after its ASCII head, if it did.
    pub chosen_later: Option<&'static Encoding>,
    /// That choice saw fewer bytes than a whole pass would have (it was near the cut).
    pub chosen_short: bool,
}

/// The offset to cut a file of `size` bytes at: just after the first line end in `window`, the bytes
/// read from `window_start` (at or after the middle, [`window_start`]). `None` when there is none.
pub fn split_offset(size: u64, window: &[u8], window_start: u64) -> Option<u64> {
    let at = window.iter().position(|&b| b == b'\n')? as u64 + window_start + 1;
    (at < size).then_some(at)
}

/// Where to read the window for [`split_offset`]: the middle of the file, or `earliest` (the bytes
/// the first half has already read) when that is later.
pub fn window_start(size: u64, earliest: u64) -> u64 {
    (size / 2).max(earliest)
}

/// Parses the second half: `reader` reads the file from the cut to its end.
pub fn parse_part(reader: &mut dyn Read, job: &PartJob) -> Result<PartOutcome, ImportError> {
    let (choice, undecided) = match &job.encoding {
        Some(name) => {
            let encoding = Encoding::for_label(name.as_bytes()).ok_or_else(|| ImportError::UnknownEncoding { label: name.clone() })?;
            (Choice { encoding, how: EncodingSource::ChosenByUser, skip: 0, sniff_bom: false }, false)
        }
        None => (Choice { encoding: UTF_8, how: EncodingSource::ValidUtf8, skip: 0, sniff_bom: false }, true),
    };
    let stream = TextStream::new(reader, Vec::new(), false, &choice, undecided);
    let user_column = |i: usize| i + 1;
    let row_reader = RowReader::new(&job.plan, &user_column);
    let mut builder = TxnBuilder::with_capacity(0, &job.plan.rules);
    let streamed = Streamed { stream, delimiter: job.delimiter, piece: PIECE, size: 0, part_encoding: None, cut: None, pass: Pass::after_notes() };
    let source = Source::Delimited { text: "", delimiter: job.delimiter };
    let end = read_rows(&source, Some(streamed), 0, &mut |_| {}, |line, rec| builder.push(&row_reader, line, rec))?;
    let txns = builder.finish(&job.plan);
    let chosen_later = end.chosen_later.map(|c| (c.encoding.name().to_string(), c.how));
    Ok(PartOutcome { txns, rows_read: end.rows_read, rejects: end.rejects, had_errors: end.had_errors, chosen_later })
}

/// The whole file's outcome from the first half's and the second's, or `None` when the cut cannot
/// stand (see the module's documentation) or the second half failed: then parse the file again in
/// one pass.
pub fn finish(first: ParseOutcome, end: &SplitEnd, part: Option<PartOutcome>) -> Option<ParseOutcome> {
    let part = part?;
    if !end.ended_between_records || end.chosen_short {
        return None;
    }
    let mut first = first;
    // The encoding of the whole file: the first half's, or the second's when the first was ASCII.
    if let Some((name, how)) = &part.chosen_later {
        let chosen = Encoding::for_label(name.as_bytes())?;
        match end.chosen_later {
            _ if end.still_undecided => {
                first.detected.encoding = Some(chosen.name().to_string());
                first.detected.encoding_source = Some(*how);
            }
            Some(ours) if ours == chosen => {}
            // The second half chose on its own bytes where the first had chosen differently.
            _ => return None,
        }
    }
    let Parsed::Transactions(txns) = &mut first.parsed else { return None };
    // The cut inside an order: the second half read its first row as a new order. A purchase row is
    // the same either way but for the count of orders; a row that one pass would have folded, or
    // that counted its order under a status, is not: parse again.
    let mut part = part;
    if part.txns.first_order != 0 && part.txns.first_order == txns.last_order {
        match part.txns.first_row {
            FirstRow::Used => part.txns.orders -= 1,
            FirstRow::Rejected => part.txns.orders_rejected = part.txns.orders_rejected.saturating_sub(1),
            FirstRow::Folds | FirstRow::Tallied => return None,
        }
    }
    let offset = end.line_at_cut - 1;
    join(txns, part.txns, offset);
    first.rows_read += part.rows_read;
    first.detected.encoding_had_errors |= part.had_errors;
    let encoding = first.detected.encoding.clone().unwrap_or_default();
    first.rejects.extend(part.rejects.into_iter().map(|mut r| {
        r.line += offset;
        match &mut r.reason {
            RejectReason::QuoteNeverCloses { last_line } => *last_line += offset,
            RejectReason::UndecodableId { encoding: e } => e.clone_from(&encoding),
            _ => {}
        }
        r
    }));
    Some(first)
}

/// Appends `part`'s rows to `txns`, its indices mapped to `txns`'s, its lines moved on by `offset`,
/// and adds its counts of orders, folded lines and statuses.
fn join(txns: &mut Transactions, part: Transactions, offset: u64) {
    txns.folded_lines += part.folded_lines;
    txns.orders += part.orders;
    txns.orders_rejected += part.orders_rejected;
    txns.refunds_subtracted += part.refunds_subtracted;
    txns.c_prefix_returns += part.c_prefix_returns;
    if part.last_order != 0 {
        txns.last_order = part.last_order;
    }
    for c in &part.statuses {
        match txns.statuses.iter_mut().find(|t| t.value == c.value) {
            Some(t) => {
                t.orders += c.orders;
                t.rows += c.rows;
            }
            None => txns.statuses.push(c.clone()),
        }
    }
    let customer = remap(&mut txns.customer_ids, part.customer_ids);
    let category = remap(&mut txns.categories, part.categories);
    let channel = remap(&mut txns.channels, part.channels);
    for (i, (name, region)) in part.names.into_iter().zip(part.regions).enumerate() {
        if customer[i] as usize == txns.names.len() {
            txns.names.push(name);
            txns.regions.push(region);
        }
    }
    let plus_one = |map: &[u32], i: u32| if i == 0 { 0 } else { map[i as usize - 1] + 1 };
    txns.rows.reserve(part.rows.len());
    txns.rows.extend(part.rows.into_iter().map(|mut t| {
        t.customer = customer[t.customer as usize];
        t.category = plus_one(&category, t.category);
        t.channel = plus_one(&channel, t.channel);
        t.line += offset;
        t
    }));
}

/// Maps each of `theirs` (distinct, in first-seen order) to its index in `ours`, appending those
/// `ours` lacks in their order: the indices a single pass over both would have given.
fn remap(ours: &mut Vec<String>, theirs: Vec<String>) -> Vec<u32> {
    let index: FxHashMap<&str, u32> = ours.iter().enumerate().map(|(i, s)| (s.as_str(), i as u32)).collect();
    let mut next = ours.len() as u32;
    let mut added = Vec::new();
    let map: Vec<u32> = theirs
        .iter()
        .enumerate()
        .map(|(k, s)| {
            index.get(s.as_str()).copied().unwrap_or_else(|| {
                added.push(k);
                next += 1;
                next - 1
            })
        })
        .collect();
    drop(index);
    let mut theirs: Vec<Option<String>> = theirs.into_iter().map(Some).collect();
    ours.extend(added.into_iter().filter_map(|k| theirs[k].take()));
    map
}
