//! Bytes → text. BOM first, then strict UTF-8, then detection with `chardetng` (GBK/GB18030, Big5,
//! Shift-JIS, windows-1252 …), decoding with `encoding_rs`. The user can force any WHATWG label.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use super::errors::ImportError;

/// How much of the file the detector reads: enough for any real header and many rows.
const DETECT_BYTES: usize = 1 << 20;

#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// WHATWG name of the encoding used, e.g. `UTF-8`, `GBK`.
    pub encoding: &'static str,
    /// How the encoding was chosen.
    pub how: EncodingSource,
    /// Some bytes did not decode and were replaced by U+FFFD.
    pub had_errors: bool,
}

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
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)))
        .count();
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

/// Decodes `bytes`. `forced` is an encoding label the user picked (e.g. "gbk"), or `None` to detect.
pub fn decode<'a>(bytes: &'a [u8], forced: Option<&str>) -> Result<Decoded<'a>, ImportError> {
    if let Some(label) = forced.filter(|l| !l.trim().is_empty() && !l.eq_ignore_ascii_case("auto")) {
        let enc = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| ImportError::UnknownEncoding { label: label.to_string() })?;
        let (text, _, had_errors) = enc.decode(bytes);
        return Ok(Decoded { text, encoding: enc.name(), how: EncodingSource::ChosenByUser, had_errors });
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded { text, encoding: enc.name(), how: EncodingSource::ByteOrderMark, had_errors });
    }
    if looks_binary(bytes) {
        // UTF-16 without a BOM shows as every other byte NUL; accept it when it decodes cleanly.
        for enc in [UTF_16LE, UTF_16BE] {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            if !had_errors && !looks_binary(text.as_bytes()) {
                return Ok(Decoded { text, encoding: enc.name(), how: EncodingSource::Detected, had_errors });
            }
        }
        return Err(ImportError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: Cow::Borrowed(text), encoding: UTF_8.name(), how: EncodingSource::ValidUtf8, had_errors: false });
    }
    let head = &bytes[..bytes.len().min(DETECT_BYTES)];
    if mostly_utf8(head) {
        // A UTF-8 file with a few lines from another encoding (two exports pasted together): decoded
        // as UTF-8, those bytes become U+FFFD, the report warns, and ids holding one are rejected.
        let (text, had_errors) = UTF_8.decode_without_bom_handling(bytes);
        return Ok(Decoded { text, encoding: UTF_8.name(), how: EncodingSource::Detected, had_errors });
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(head, head.len() == bytes.len());
    let enc = detector.guess(None, true);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Ok(Decoded { text, encoding: enc.name(), how: EncodingSource::Detected, had_errors })
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GBK, SHIFT_JIS, WINDOWS_1252};

    fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = enc.encode(s);
        assert!(!unmappable, "fixture text must be encodable");
        bytes.into_owned()
    }

    const ZH: &str = "客户编号,交易日期,实付金额,品类\nC001,2024-03-05,128.50,服装鞋帽\nC002,2024年3月6日,99.00,食品饮料\nC003,2024/03/07,1200.00,家用电器\n";

    #[test]
    fn utf8_without_bom_is_borrowed_not_copied() {
        let d = decode(ZH.as_bytes(), None).expect("decode");
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.how, EncodingSource::ValidUtf8);
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
