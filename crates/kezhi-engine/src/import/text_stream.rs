//! A delimited file read in pieces and decoded as it goes, so that an import never holds the file's
//! bytes whole (held whole, a file takes its size in the tab's memory before a row is read). `encoding_rs`'s streaming decoder carries a character cut between two pieces over to the next.

use std::io::{ErrorKind, Read};

use encoding_rs::Decoder;

use super::encoding::{self, Choice};

/// File bytes read and decoded at a time.
pub const PIECE: usize = 4 << 20;

/// Bytes the encoding is chosen again from, from the first that is not ASCII (as many as the head's).
const LOOK_AHEAD: usize = 1 << 20;

pub struct TextStream<'r> {
    reader: &'r mut dyn Read,
    decoder: Decoder,
    /// Bytes read and not yet decoded: at first the head the encoding was chosen from.
    bytes: Vec<u8>,
    ended: bool,
    /// File bytes read so far.
    pub bytes_read: u64,
    /// Some bytes did not decode and became U+FFFD.
    pub had_errors: bool,
    /// Reading failed part way (the file changed or went away); the text ends there.
    pub error: Option<std::io::Error>,
    /// The head the encoding was chosen from was plain ASCII, which every ASCII-compatible encoding
    /// reads alike: the choice is made again on the first bytes that are not ASCII.
    undecided: bool,
    /// The choice made there, when it was.
    pub chosen_later: Option<Choice>,
    /// File bytes after which the text ends (the first half of a file parsed in two, `split_parse.rs`).
    limit: u64,
    /// The choice made later saw fewer bytes than it would have without `limit`, so it may not be
    /// the one a whole pass makes.
    pub chosen_short: bool,
}

impl<'r> TextStream<'r> {
    /// `head` are the file's first bytes, already read from `reader`; `complete` when they are all of
    /// it. `undecided`: `choice` was made on a head of plain ASCII (detected, not picked by the user),
    /// so it is made again, by the same rules, on the first piece that holds other bytes, from the
    /// first of them on. Everything before was ASCII and decodes alike in every ASCII-compatible
    /// encoding, so the rows already read stand.
    pub fn new(reader: &'r mut dyn Read, mut head: Vec<u8>, complete: bool, choice: &Choice, undecided: bool) -> Self {
        let bytes_read = head.len() as u64;
        head.drain(..choice.skip.min(head.len()));
        TextStream {
            reader,
            decoder: choice.decoder(),
            bytes: head,
            ended: complete,
            bytes_read,
            had_errors: false,
            error: None,
            undecided,
            chosen_later: None,
            limit: u64::MAX,
            chosen_short: false,
        }
    }

    /// Ends the text after the file's first `limit` bytes (at least those read already).
    pub fn end_at(&mut self, limit: u64) {
        self.limit = limit.max(self.bytes_read);
        self.ended |= self.bytes_read >= self.limit;
    }

    /// The encoding is still to be chosen again at the first byte that is not ASCII: all bytes so far
    /// were ASCII.
    pub fn undecided(&self) -> bool {
        self.undecided
    }

    /// Reads at least `want` more bytes of the file (fewer at its end) and appends `want` of them,
    /// decoded, to `text`; bytes read before and not yet given stay for the next call. Returns true
    /// when the file has ended: `text` then holds the rest of it.
    pub fn append_to(&mut self, text: &mut String, want: usize) -> bool {
        self.fill(want);
        let n = want.min(self.bytes.len());
        if self.undecided {
            if let Some(from) = self.bytes[..n].iter().position(|b| !b.is_ascii()) {
                self.undecided = false;
                // Enough text to choose from, even when the first such byte is near a piece's end.
                self.fill(from + LOOK_AHEAD);
                self.chosen_short = self.bytes.len() < from + LOOK_AHEAD && self.bytes_read >= self.limit;
                // The bytes before `from` were ASCII: the old decoder holds nothing part-decoded.
                if let Ok(choice) = encoding::choose(&self.bytes[from..], self.ended, None) {
                    self.decoder = choice.decoder();
                    self.chosen_later = Some(choice);
                }
            }
        }
        let last = self.ended && n == self.bytes.len();
        let capacity = self.decoder.max_utf8_buffer_length(n).unwrap_or(n.saturating_mul(3));
        text.reserve(capacity);
        let (_, read, had_errors) = self.decoder.decode_to_string(&self.bytes[..n], text, last);
        debug_assert_eq!(read, n, "the text had room for all of it");
        self.had_errors |= had_errors;
        self.bytes.drain(..n);
        last
    }

    /// Reads until `want` bytes are held, or the file has ended.
    fn fill(&mut self, want: usize) {
        while self.bytes.len() < want && !self.ended {
            let start = self.bytes.len();
            let left = usize::try_from(self.limit - self.bytes_read).unwrap_or(usize::MAX);
            let want = want.min(start.saturating_add(left));
            self.bytes.resize(want, 0);
            let mut filled = start;
            while filled < want {
                match self.reader.read(&mut self.bytes[filled..]) {
                    Ok(0) => {
                        self.ended = true;
                        break;
                    }
                    Ok(n) => filled += n,
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    Err(e) => {
                        self.error = Some(e);
                        self.ended = true;
                        break;
                    }
                }
            }
            self.bytes.truncate(filled);
            self.bytes_read += (filled - start) as u64;
            self.ended |= self.bytes_read >= self.limit;
        }
    }
}

/// Reads up to `limit` bytes from `reader` (one more, to tell whether more follow): the bytes, and
/// whether they are the whole of it.
pub fn read_head(reader: &mut dyn Read, limit: usize) -> std::io::Result<(Vec<u8>, bool)> {
    let mut head = Vec::with_capacity(limit.min(1 << 20) + 1);
    reader.take(limit as u64 + 1).read_to_end(&mut head)?;
    let complete = head.len() <= limit;
    Ok((head, complete))
}
