//! The seed in every encoding and line end reports come in: the same facts, the same
//! findings, and the encoding named as it was.

use crate::util::fixture;
use nianbao::pipeline::{process_one, DocOutcome};

const SEED: &str = "reports/seed/huancui_shangwuju_2023.txt";

fn seed_text() -> String {
    std::fs::read_to_string(fixture(SEED)).expect("the seed")
}

fn expected_facts() -> String {
    std::fs::read_to_string(fixture("reports/seed/huancui_shangwuju_2023.facts.csv"))
        .expect("the seed's facts")
}

/// Writes the bytes to a temp file and runs the pipeline on it.
fn run(bytes: &[u8]) -> DocOutcome {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huancui_shangwuju_2023.txt");
    std::fs::write(&path, bytes).expect("write temp file");
    process_one(&path, false)
}

/// The bytes parse to the seed's facts and findings, and decode as `encoding`.
fn assert_like_seed(bytes: &[u8], encoding: &str) {
    let o = run(bytes);
    let rules: Vec<&str> = o.findings.iter().map(|f| f.rule.0).collect();
    let report = o
        .report
        .as_ref()
        .unwrap_or_else(|| panic!("no report; findings {rules:?} {:?}", o.findings));
    let (got, expected) = (nianbao::render::facts::facts_csv(report), expected_facts());
    let missing: Vec<&str> = expected.lines().filter(|l| !got.contains(l)).collect();
    let extra: Vec<&str> = got.lines().filter(|l| !expected.contains(l)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "facts missing {missing:?}, extra {extra:?}"
    );
    assert_eq!(got, expected, "facts in the UTF-8 seed's order");
    assert_eq!(rules, vec!["P005", "Y001"], "findings");
    assert_eq!(report.meta.unit_name.as_deref(), Some("环翠区商务局"));
    assert_eq!(o.encoding, Some(encoding), "encoding reported");
}

fn gbk(text: &str, enc: &'static encoding_rs::Encoding) -> Vec<u8> {
    let (bytes, used, unmappable) = enc.encode(text);
    assert!(!unmappable, "the text has characters {} lacks", enc.name());
    assert_eq!(used, enc, "encoded as asked");
    bytes.into_owned()
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 2 + 2);
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    for u in units {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf8_seed_is_the_baseline() {
    assert_like_seed(seed_text().as_bytes(), "UTF-8");
}

#[test]
fn gbk_seed_parses_the_same() {
    assert_like_seed(&gbk(&seed_text(), encoding_rs::GBK), "GBK");
}

/// Every character of the seed is in GBK, so GB18030 writes the same bytes and they are
/// named GBK.
#[test]
fn gb18030_seed_parses_the_same() {
    let bytes = gbk(&seed_text(), encoding_rs::GB18030);
    assert_eq!(bytes, gbk(&seed_text(), encoding_rs::GBK));
    assert_like_seed(&bytes, "GBK");
}

/// A character outside GBK (• is four bytes in GB18030) makes the file GB18030.
#[test]
fn gb18030_with_four_byte_characters_is_named_gb18030() {
    let text = seed_text().replacen("1.政府信息公开收费方面", "•1.政府信息公开收费方面", 1);
    assert_ne!(text, seed_text());
    let bytes = gbk(&text, encoding_rs::GB18030);
    assert!(
        bytes.windows(4).any(|w| w == [0x81, 0x36, 0xA6, 0x31]),
        "a four-byte sequence"
    );
    assert_like_seed(&bytes, "gb18030");
}

#[test]
fn utf16le_with_bom_parses_the_same() {
    assert_like_seed(&utf16(&seed_text(), false, true), "UTF-16LE");
}

#[test]
fn utf16be_with_bom_parses_the_same() {
    assert_like_seed(&utf16(&seed_text(), true, true), "UTF-16BE");
}

/// Without a BOM, UTF-16 is sniffed from the NUL bytes of ASCII characters.
#[test]

fn utf16le_without_bom_parses_the_same() {
    assert_like_seed(&utf16(&seed_text(), false, false), "UTF-16LE");
}

#[test]

fn utf16be_without_bom_parses_the_same() {
    assert_like_seed(&utf16(&seed_text(), true, false), "UTF-16BE");
}

#[test]
fn utf8_with_bom_parses_the_same() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(seed_text().as_bytes());
    assert_like_seed(&bytes, "UTF-8");
}

#[test]
fn crlf_seed_parses_the_same() {
    let text = seed_text().replace('\n', "\r\n");
    assert_like_seed(text.as_bytes(), "UTF-8");
}

#[test]
fn gbk_crlf_seed_parses_the_same() {
    let text = seed_text().replace('\n', "\r\n");
    assert_like_seed(&gbk(&text, encoding_rs::GBK), "GBK");
}

#[test]
fn utf16le_crlf_seed_parses_the_same() {
    let text = seed_text().replace('\n', "\r\n");
    assert_like_seed(&utf16(&text, false, true), "UTF-16LE");
}
