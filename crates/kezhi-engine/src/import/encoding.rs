//! Bytes → text. BOM first, then strict UTF-8, then detection with `chardetng` (GBK/GB18030, Big5,
//! Shift-JIS, windows-1252 …), decoding with `encoding_rs`. The user can force any WHATWG label.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use super::errors::ImportError;

/// How much of the file the detector reads: enough for any real header and many rows.
const DETECT_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum EncodingSource {
    ByteOrderMark,
    ValidUtf8,
    Detected,
    ChosenByUser,
}

/// Looks for NUL bytes and other control characters that never appear in a text table.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    let controls = head.iter().filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))).count();
    controls * 20 > head.len() || head.contains(&0)
}

/// Most non-ASCII text in `head` is valid UTF-8: at least two valid multi-byte characters for each
/// invalid sequence. Text in GBK, Big5 or Shift-JIS almost never forms valid UTF-8 sequences, so a
/// file in one of them fails this at once.
fn mostly_utf8(head: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in head.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid > 0 && valid >= 2 * invalid
}

/// The encoding to read a file in, chosen from its first bytes.
#[derive(Debug, Clone, Copy)]
pub struct Choice {
    pub encoding: &'static Encoding,
    pub how: EncodingSource,
    /// Bytes of byte-order mark to skip before decoding.
    pub skip: usize,
    /// Let a byte-order mark in the text override `encoding` (a label the user forced: a BOM still
    /// wins, as `encoding_rs`'s `decode` has it).
    pub sniff_bom: bool,
}

impl Choice {
    fn of(encoding: &'static Encoding, how: EncodingSource) -> Choice {
        Choice { encoding, how, skip: 0, sniff_bom: false }
    }

    /// A streaming decoder for the bytes after [`Choice::skip`].
    pub fn decoder(&self) -> encoding_rs::Decoder {
        if self.sniff_bom {
            self.encoding.new_decoder()
        } else {
            self.encoding.new_decoder_without_bom_handling()
        }
    }

    /// Decodes the start of a file held in memory (`bytes` from its first byte; all of it when
    /// `complete`, else a character cut at the end is left out): the text, and whether some bytes did
    /// not decode.
    pub fn decode(&self, bytes: &[u8], complete: bool) -> (String, bool) {
        let mut decoder = self.decoder();
        let bytes = &bytes[self.skip.min(bytes.len())..];
        let mut text = String::with_capacity(decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(bytes.len().saturating_mul(3)));
        let (_, _, had_errors) = decoder.decode_to_string(bytes, &mut text, complete);
        (text, had_errors)
    }
}

/// `bytes` decode without error in `enc`, all of them when `complete`, else up to a character cut at
/// the end.
fn decodes_cleanly(enc: &'static Encoding, bytes: &[u8], complete: bool) -> Option<String> {
    let (text, had_errors) = Choice::of(enc, EncodingSource::Detected).decode(bytes, complete);
    (!had_errors).then_some(text)
}

/// Chooses the encoding from `head`, the file's first bytes (`complete` when that is the whole file).
/// `forced` is an encoding label the user picked (e.g. "gbk"), or `None` to detect. In order: the
/// label; a byte-order mark; UTF-16 without a mark (every other byte NUL); valid UTF-8; mostly valid
/// UTF-8; else `chardetng`'s guess.
pub fn choose(head: &[u8], complete: bool, forced: Option<&str>) -> Result<Choice, ImportError> {
    if let Some(label) = forced.filter(|l| !l.trim().is_empty() && !l.eq_ignore_ascii_case("auto")) {
        let enc = Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| ImportError::UnknownEncoding { label: label.to_string() })?;
        return Ok(Choice { sniff_bom: true, ..Choice::of(enc, EncodingSource::ChosenByUser) });
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(head) {
        return Ok(Choice { skip: bom_len, ..Choice::of(enc, EncodingSource::ByteOrderMark) });
    }
    if looks_binary(head) {
        // UTF-16 without a BOM shows as every other byte NUL; accept it when it decodes cleanly.
        for enc in [UTF_16LE, UTF_16BE] {
            if decodes_cleanly(enc, head, complete).is_some_and(|text| !looks_binary(text.as_bytes())) {
                return Ok(Choice::of(enc, EncodingSource::Detected));
            }
        }
        return Err(ImportError::Binary);
    }
    let cut_short = |e: std::str::Utf8Error| !complete && e.error_len().is_none();
    if std::str::from_utf8(head).map_or_else(cut_short, |_| true) {
        return Ok(Choice::of(UTF_8, EncodingSource::ValidUtf8));
    }
    let head = &head[..head.len().min(DETECT_BYTES)];
    if mostly_utf8(head) {
        // A UTF-8 file with a few lines from another encoding (two exports pasted together): decoded
        // as UTF-8, those bytes become U+FFFD, the report warns, and ids holding one are rejected.
        return Ok(Choice::of(UTF_8, EncodingSource::Detected));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(head, complete);
    Ok(Choice::of(detector.guess(None, true), EncodingSource::Detected))
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GBK, SHIFT_JIS, WINDOWS_1252};

    #[derive(Debug)]
    struct Decoded {
        text: String,
        /// WHATWG name of the encoding used, e.g. `UTF-8`, `GBK`.
        encoding: &'static str,
        /// How the encoding was chosen.
        how: EncodingSource,
    }

    /// A whole file held in memory, decoded as the importer would. `forced` as for [`choose`].
    fn decode(bytes: &[u8], forced: Option<&str>) -> Result<Decoded, ImportError> {
        let choice = choose(bytes, true, forced)?;
        let (text, _) = choice.decode(bytes, true);
        Ok(Decoded { text, encoding: choice.encoding.name(), how: choice.how })
    }

    fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = enc.encode(s);
        assert!(!unmappable, "fixture text must be encodable");
        bytes.into_owned()
    }

    const ZH: &str = "客户编号,交易日期,实付金额,品类\nC001,2024-03-05,128.50,服装鞋帽\nC002,2024年3月6日,99.00,食品饮料\nC003,2024/03/07,1200.00,家用电器\n";

    #[test]
    fn valid_utf8_is_taken_as_it_is() {
        let d = decode(ZH.as_bytes(), None).expect("decode");
        assert_eq!(d.text, ZH);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.how, EncodingSource::ValidUtf8);
    }

    #[test]
    fn a_head_cut_inside_a_character_is_still_valid_utf8_but_a_whole_file_is_not() {
        let bytes = ZH.as_bytes();
        let cut = (1..bytes.len()).find(|&i| !ZH.is_char_boundary(i)).expect("a multi-byte character");
        let head = &bytes[..cut];
        assert_eq!(choose(head, false, None).expect("choice").how, EncodingSource::ValidUtf8);
        assert_ne!(choose(head, true, None).expect("choice").how, EncodingSource::ValidUtf8);
    }

    #[test]
    fn boms_are_honoured_and_removed() {
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(ZH.as_bytes());
        let d = decode(&with_bom, None).expect("decode");
        assert_eq!(d.how, EncodingSource::ByteOrderMark);
        assert!(d.text.starts_with("客户编号"));

        let mut utf16 = vec![0xFF, 0xFE];
        for u in ZH.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&utf16, None).expect("decode");
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.text, ZH);
    }

    #[test]
    fn gbk_chinese_file_is_detected_and_decoded() {
        let bytes = encode(GBK, ZH);
        let d = decode(&bytes, None).expect("decode");
        assert_eq!(d.how, EncodingSource::Detected);
        assert!(d.encoding == "GBK" || d.encoding == "gb18030", "got {}", d.encoding);
        assert_eq!(d.text, ZH);
    }

    #[test]
    fn big5_shift_jis_and_windows_1252_are_detected() {
        let big5 = "客戶編號,交易日期,實付金額\nC001,2024-03-05,128.50\nC002,2024-03-06,99.00\n會員王小明,2024-03-07,12.00\n";
        let bytes = encode(BIG5, big5);
        let d = decode(&bytes, None).expect("decode");
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.text, big5);

        let sjis = "顧客番号,日付,金額\nC001,2024-03-05,1280\nC002,2024-03-06,990\n山田太郎様のご注文,2024-03-07,120\n";
        let bytes = encode(SHIFT_JIS, sjis);
        let d = decode(&bytes, None).expect("decode");
        assert_eq!(d.encoding, "Shift_JIS");
        assert_eq!(d.text, sjis);

        let latin = "Kundennummer;Datum;Betrag;Straße\nK001;05.03.2024;12,50;Müllerstraße\nK002;06.03.2024;9,99;Königsallee\n";
        let bytes = encode(WINDOWS_1252, latin);
        let d = decode(&bytes, None).expect("decode");
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, latin);
    }

    #[test]
    fn a_forced_label_wins_and_an_unknown_label_is_an_error() {
        let bytes = encode(GBK, ZH);
        let d = decode(&bytes, Some("gb18030")).expect("decode");
        assert_eq!(d.how, EncodingSource::ChosenByUser);
        assert_eq!(d.text, ZH);
        assert!(matches!(decode(&bytes, Some("klingon")), Err(ImportError::UnknownEncoding { .. })));
    }

    #[test]
    fn binary_garbage_is_refused() {
        let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        assert!(matches!(decode(&garbage, None), Err(ImportError::Binary)));
    }
}
