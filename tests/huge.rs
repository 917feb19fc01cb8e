//! Huge inputs: a 20 MB file that is one line must come back with a status, not hang,
//! exhaust memory or panic.

use crate::util::fixture;
use nianbao::pipeline::process_one;
use std::path::Path;

/// The size of each huge file.
const SIZE: usize = 20 * 1024 * 1024;

/// xorshift64: deterministic, no dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `SIZE` bytes of random CJK characters (CJK Unified Ideographs), ASCII digits and
/// punctuation, with no line end.
pub(crate) fn random_line(seed: u64) -> String {
    const PUNCT: &[char] = &[
        '，', '。', '、', '：', '；', '（', '）', '|', '/', '-', '.', ' ', '%', '“', '”', '《',
        '》', '—', '\t',
    ];
    let mut rng = XorShift(seed | 1);
    let mut s = String::with_capacity(SIZE + 4);
    while s.len() < SIZE {
        let c = match rng.below(20) {
            0..=11 => char::from_u32(0x4E00 + rng.below(0x9FA5 - 0x4E00) as u32).unwrap_or('年'),
            12..=16 => char::from(b'0' + rng.below(10) as u8),
            _ => PUNCT[rng.below(PUNCT.len() as u64) as usize],
        };
        s.push(c);
    }
    s
}

/// The crawled Pingtan report with its line ends made spaces, repeated to `SIZE` bytes.
pub(crate) fn crawled_line() -> String {
    let text = std::fs::read_to_string(fixture("reports/real/pingtan_2021_crawled.txt"))
        .expect("the crawled fixture");
    let line = text.replace(['\r', '\n'], " ");
    let mut s = String::with_capacity(SIZE + line.len());
    while s.len() < SIZE {
        s.push_str(&line);
        s.push(' ');
    }
    s
}

/// The crawled Pingtan report with its glued 表二 digit run "693665" made `SIZE` digits long:
/// the split search must not try every way to cut it.
pub(crate) fn crawled_with_a_huge_digit_run() -> String {
    let text = std::fs::read_to_string(fixture("reports/real/pingtan_2021_crawled.txt"))
        .expect("the crawled fixture");
    assert!(text.contains("693665"));
    let digits: String = (0..SIZE)
        .map(|i| char::from(b'0' + ((i + 1) % 10) as u8))
        .collect();
    text.replacen("693665", &digits, 1)
}

/// Writes the line to a temp file and runs the pipeline on it: some status and at least one
/// finding (P002 or the like), never a panic turned into P001.
fn assert_survives(name: &str, line: &str) {
    assert!(line.len() >= SIZE);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, line).expect("write temp file");
    let o = process_one(Path::new(&path), false);
    let rules: Vec<&str> = o.findings.iter().map(|f| f.rule.0).collect();
    assert!(!o.findings.is_empty(), "{name}: {:?}, no finding", o.status);
    let internal = o.findings.iter().any(|f| {
        matches!(&f.kind, nianbao::model::FindingKind::Unreadable(nianbao::model::ReadProblem::Io { message }) if message.contains("internal error"))
    });
    assert!(!internal, "{name}: a panic inside ({rules:?})");
}

#[test]
fn a_20mb_line_of_random_cjk_digits_and_punctuation_gives_a_finding() {
    let line = random_line(0x9E37_79B9_7F4A_7C15);
    assert!(!line.contains('\n'));
    assert_survives("random_line.txt", &line);
}

#[test]
fn a_20mb_line_of_a_real_crawled_report_repeated_gives_a_finding() {
    let line = crawled_line();
    assert!(!line.contains('\n'));
    assert_survives("crawled_line.txt", &line);
}

/// Hung at ac70bcb (glued::split_rec tried every cut of the run); the split now stops at
/// nine digits a cell.
#[test]
fn a_20mb_glued_digit_run_in_a_table_gives_a_finding() {
    assert_survives("huge_digit_run.txt", &crawled_with_a_huge_digit_run());
}
