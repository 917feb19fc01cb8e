//! Bytes → text: BOM, then the UTF-8 fast path, then GBK/GB18030 or UTF-16 by detection.
//!
//! Encoding detection lives here and nowhere else (DESIGN.md).

use crate::model::ReadProblem;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Decoded text and the name of the encoding it was in.
#[derive(Debug)]
pub struct Decoded {
    /// The text, with line ends as written.
    pub text: String,
    /// WHATWG name of the encoding: `UTF-8`, `GBK`, `gb18030`, `UTF-16LE`…
    pub encoding: &'static str,
}

/// Decodes a text file's bytes.
///
/// Valid UTF-8 (with or without BOM) is taken as is. Otherwise a BOM decides; else the bytes
/// are checked for binary content, then chardetng guesses among the encodings Chinese reports
/// come in. Only GBK/GB18030, Big5 and UTF-16 are accepted as guesses, since a single-byte
/// encoding would "decode" any binary file.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, ReadProblem> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(enc, &bytes[bom_len..]);
    }
    // Validation is the one pass over every byte of every report: use the SIMD validator.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        if looks_binary(bytes) {
            return Err(ReadProblem::Binary);
        }
        return Ok(Decoded {
            text: s.to_owned(),
            encoding: UTF_8.name(),
        });
    }
    if let Some(enc) = sniff_utf16(bytes) {
        return decode_with(enc, bytes);
    }
    if looks_binary(bytes) {
        return Err(ReadProblem::Binary);
    }
    if let Some(at) = broken_utf8(bytes) {
        return Err(ReadProblem::BadUtf8 { offset: at as u64 });
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    let enc = if guess == encoding_rs::BIG5 {
        guess
    } else {
        GB18030
    };
    match decode_with(enc, bytes) {
        Ok(mut d) => {
            if enc == GB18030 && !needs_gb18030(bytes) {
                d.encoding = encoding_rs::GBK.name();
            }
            Ok(d)
        }
        Err(_) => Err(ReadProblem::Undecodable {
            encoding: guess.name().to_owned(),
        }),
    }
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> Result<Decoded, ReadProblem> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ReadProblem::Undecodable {
            encoding: enc.name().to_owned(),
        });
    }
    if looks_binary(text.as_bytes()) {
        return Err(ReadProblem::Binary);
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
    })
}

/// UTF-8 with a few stray bytes: the offset of the first one. Text in a legacy encoding has
/// invalid sequences throughout, so "few" is under 1% of the non-ASCII bytes.
fn broken_utf8(bytes: &[u8]) -> Option<usize> {
    let mut rest = bytes;
    let mut offset = 0;
    let mut first = None;
    let mut bad = 0usize;
    while let Err(e) = std::str::from_utf8(rest) {
        let at = e.valid_up_to() + e.error_len().unwrap_or(1);
        first.get_or_insert(offset + e.valid_up_to());
        bad += 1;
        offset += at;
        rest = &rest[at.min(rest.len())..];
        if e.error_len().is_none() {
            break;
        }
    }
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    first.filter(|_| bad * 100 < high)
}

/// UTF-16 without a BOM: NUL bytes in every other position.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    // ASCII and line ends put NULs in the high byte of every unit; CJK text has some in
    // the low byte too (开 U+5F00, 一 U+4E00), far fewer. One half must clearly dominate.
    let (hi, lo) = if odd_nul >= even_nul {
        (odd_nul, even_nul)
    } else {
        (even_nul, odd_nul)
    };
    if hi * 10 < pairs || hi < lo * 3 {
        return None;
    }
    Some(if odd_nul >= even_nul {
        UTF_16LE
    } else {
        UTF_16BE
    })
}

/// Four-byte GB18030 sequences (second byte a digit) mean the text is not plain GBK.
fn needs_gb18030(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i + 1 < bytes.len() {
        let b = bytes[i];
        if b >= 0x81 {
            if bytes[i + 1].is_ascii_digit() {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

/// True when more than 1% of the first 64 KiB are control bytes that text does not contain.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(65536)];
    // Counting (not searching) lets the loop vectorise; text's own control bytes are then
    // taken back out.
    let control = sample.iter().filter(|&&b| b < 0x20).count();
    if control == 0 {
        return false;
    }
    let allowed = memchr::memchr3_iter(b'\t', b'\n', b'\r', sample).count()
        + memchr::memchr_iter(0x0c, sample).count();
    let bad = control - allowed;
    bad > 0 && bad * 100 >= sample.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_taken_as_is() {
        let d = decode_text("年度报告".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("年度报告", "UTF-8"));
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GBK.encode("政府信息公开工作年度报告，本年新收申请数量");
        let d = decode_text(&bytes).unwrap();
        assert_eq!(d.text, "政府信息公开工作年度报告，本年新收申请数量");
        assert_eq!(d.encoding, "GBK");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "年报 2023".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_text(&bytes).unwrap().text, "年报 2023");
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(decode_text(&bytes).is_err());
    }
}
