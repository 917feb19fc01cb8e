//! Section headings through the whole pipeline (decode, parse, check): every wording of the
//! 2019 and 2021 templates, every numbering punctuation and a report on one line are the six
//! sections, with no P004 or P005; a wrong number, an Arabic numeral, a wrong order still give
//! P005, and a section really missing P004.
//!
//! Every report is the rule fixtures' base (the real seed report, 环翠区商务局 2023, with its
//! two faults fixed: tests/fixtures/rules/README.md) with its headings rewritten.

use crate::util::fixture;
use nianbao::check::{check, Context};
use nianbao::model::{FindingKind, Report, SectionId};
use nianbao::parse::{parse, Status};
use nianbao::render::facts::facts_csv;
use std::path::Path;

/// The base's six heading lines, in order.
const HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// Heading wordings as reports write them: the 2021 template, the 2019 template, variants.
const WORDINGS: [[&str; 6]; 5] = [
    [
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
        "其他需要报告的事项",
    ],
    [
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "存在的主要问题及改进情况",
        "其他需要报告的事项",
    ],
    [
        "概述",
        "主动公开政府信息的情况",
        "收到和处理政府信息公开申请的情况",
        "因政府信息公开申请行政复议、提起行政诉讼情况",
        "政府信息公开工作存在的主要问题及改进情况",
        "其它需要报告的事项",
    ],
    [
        "基本情况",
        "主动公开政府信息情况",
        "依申请公开政府信息情况",
        "政府信息公开行政复议、行政诉讼的情况",
        "存在问题及改进措施",
        "其他需要报告事项",
    ],
    [
        "总体情况",
        "主动公开情况",
        "收到和处理政府信息公开申请情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
        "主要问题和改进措施",
        "其他事项",
    ],
];

/// Numbering punctuation that is not a numbering fault.
const PUNCTUATION: [&str; 8] = ["、", "．", ".", "，", " ", "、 ", "（）", "第部分"];

fn base() -> String {
    std::fs::read_to_string(fixture("rules/P005_ok.txt")).expect("the base fixture")
}

/// Section `k`'s numbering with punctuation `p`.
fn numbered(k: usize, p: &str) -> String {
    let n = NUMERALS[k];
    match p {
        "（）" => format!("（{n}）"),
        "第部分" => format!("第{n}部分 "),
        p => format!("{n}{p}"),
    }
}

/// The base with heading line `k` replaced by `headings[k]` (`None`: left out).
fn with_headings(headings: &[Option<String>; 6]) -> String {
    let mut out = String::new();
    for line in base().split_inclusive('\n') {
        match HEADINGS.iter().position(|h| line.trim_end() == *h) {
            Some(k) => {
                if let Some(h) = &headings[k] {
                    out.push_str(h);
                    out.push('\n');
                }
            }
            None => out.push_str(line),
        }
    }
    out
}

fn headings(wording: &[&str; 6], p: &str) -> [Option<String>; 6] {
    std::array::from_fn(|k| Some(format!("{}{}", numbered(k, p), wording[k])))
}

/// A web page's text with its line breaks stripped (and Tika's bookmarks, which a page has
/// not): the whole report on one line.
fn one_line(text: &str) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut line = line.trim().to_string();
        while let Some(s) = line.find("[bookmark:") {
            let e = line[s..].find(']').map_or(line.len(), |e| s + e + 1);
            line.replace_range(s..e, "");
        }
        if !line.is_empty() {
            out.push(line);
        }
    }
    out.join(" ")
}

/// Decodes, parses and checks `text`; the report must be read (so the section rules ran).
fn run(text: &str) -> (Report, Vec<FindingKind>, Vec<&'static str>) {
    let doc = nianbao::ingest::decode(Path::new("report.txt"), text.as_bytes()).expect("decodes");
    let parsed = parse(&doc);
    assert_eq!(parsed.status, Status::Ok, "the report is read");
    let mut findings = parsed.findings;
    findings.extend(check(&parsed.report, &Context::default()));
    let rules = findings.iter().map(|f| f.rule.0).collect();
    let kinds = findings.into_iter().map(|f| f.kind).collect();
    (parsed.report, kinds, rules)
}

fn ids(report: &Report) -> Vec<SectionId> {
    report.sections.iter().map(|s| s.id).collect()
}

/// `text` has its six sections in order, no finding at all, and the base's tables.
fn assert_clean(text: &str, what: &str) {
    let (report, _, rules) = run(text);
    assert_eq!(ids(&report), SectionId::ALL.to_vec(), "{what}: sections");
    assert_eq!(rules, Vec::<&str>::new(), "{what}: findings");
    let (base, _, _) = run(&base());
    assert_eq!(facts_csv(&report), facts_csv(&base), "{what}: tables");
}

#[test]
fn every_template_wording_is_its_section() {
    for wording in &WORDINGS {
        assert_clean(&with_headings(&headings(wording, "、")), wording[3]);
    }
}

#[test]
fn numbering_punctuation_is_not_a_misnumbering() {
    for p in PUNCTUATION {
        for wording in [&WORDINGS[0], &WORDINGS[1]] {
            let text = with_headings(&headings(wording, p));
            assert_clean(&text, &format!("punctuation {p:?}"));
            let (report, _, _) = run(&text);
            let first = &report.sections[0];
            assert_eq!(first.numbering, numbered(0, p).trim(), "as written");
            assert_eq!(first.number, Some(1));
        }
    }
}

#[test]
fn a_report_on_one_line_has_its_six_sections() {
    for p in PUNCTUATION {
        for wording in &WORDINGS {
            let text = one_line(&with_headings(&headings(wording, p)));
            assert_eq!(text.lines().count(), 1);
            let (report, _, rules) = run(&text);
            assert_eq!(
                ids(&report),
                SectionId::ALL.to_vec(),
                "{p:?} {}",
                wording[3]
            );
            assert_eq!(rules, Vec::<&str>::new(), "{p:?} {}", wording[3]);
        }
    }
}

#[test]
fn outlines_sub_items_and_prose_are_not_headings() {
    let base = base();
    let intro = "本报告中所列数据的统计时限";
    let s1 = "2023年，区商务局认真贯彻落实区委";
    let cases = [
        (intro, "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分。"),
        (intro, "本报告分为六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。"),
        (s1, "1.组织领导情况。成立了政务公开工作领导小组。\n2.主动公开情况。全年主动公开政府信息161条。\n3.依申请公开情况。全年收到申请1件，已按时答复。\n"),
        (s1, "（一）主动公开情况\n全年主动公开政府信息161条。\n（二）依申请公开情况\n全年收到申请1件。\n（五）存在的主要问题\n宣传形式较为单一。\n"),
    ];
    for (before, insert) in cases {
        let at = base.find(before).expect("the anchor line");
        let mut text = base.clone();
        text.insert_str(at, insert);
        assert_clean(&text, insert);
        assert_clean(&one_line(&text), insert);
    }
}

#[test]
fn crawled_text_glued_on_one_line_has_its_six_sections() {
    let o =
        nianbao::pipeline::process_one(&fixture("reports/real/pingtan_2021_crawled.txt"), false);
    let report = o.report.expect("read");
    assert_eq!(ids(&report), SectionId::ALL.to_vec());
    assert!(o
        .findings
        .iter()
        .all(|f| !["P004", "P005"].contains(&f.rule.0)));
}

/// The P005 findings of `text`: (section, numbering found) or (section, after).
fn p005(text: &str) -> Vec<String> {
    let (_, kinds, _) = run(text);
    kinds
        .iter()
        .filter_map(|k| match k {
            FindingKind::SectionMisnumbered { section, found } => {
                Some(format!("{} numbered {found}", section.as_str()))
            }
            FindingKind::SectionOutOfOrder { section, after } => {
                Some(format!("{} after {}", section.as_str(), after.as_str()))
            }
            _ => None,
        })
        .collect()
}

fn replaced(k: usize, heading: &str) -> String {
    let mut h = headings(&WORDINGS[0], "、");
    h[k] = Some(heading.to_string());
    with_headings(&h)
}

#[test]
fn a_wrong_number_or_an_arabic_numeral_is_p005() {
    let cases = [
        (4, "5、存在的主要问题及改进情况", "s5 numbered 5、"),
        (4, "5.存在的主要问题及改进情况", "s5 numbered 5."),
        (4, "５、存在的主要问题及改进情况", "s5 numbered ５、"),
        (1, "2、主动公开政府信息情况", "s2 numbered 2、"),
        // Numbering that repeats: 四 numbered 三 again.
        (
            3,
            "三、政府信息公开行政复议、行政诉讼情况",
            "s4 numbered 三、",
        ),
        (
            3,
            "三．因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "s4 numbered 三．",
        ),
        (5, "五、其他需要报告的事项", "s6 numbered 五、"),
    ];
    for (k, heading, want) in cases {
        let text = replaced(k, heading);
        assert_eq!(p005(&text), vec![want.to_string()], "{heading}");
        assert_eq!(
            p005(&one_line(&text)),
            vec![want.to_string()],
            "{heading}, one line"
        );
    }
}

#[test]
fn the_seed_arabic_heading_is_still_p005() {
    let text = std::fs::read_to_string(fixture("reports/seed/huancui_shangwuju_2023.txt"))
        .expect("the seed");
    assert_eq!(p005(&text), vec!["s5 numbered 5、".to_string()]);
}

#[test]
fn sections_out_of_order_are_p005() {
    // Section 六 runs to the end of the report.
    let base = with_headings(&headings(&WORDINGS[1], "．"));
    let s5 = base.find("五．").expect("五");
    let s6 = base.find("六．").expect("六");
    let swapped = format!(
        "{}{}\n{}",
        &base[..s5],
        base[s6..].trim_end(),
        &base[s5..s6]
    );
    assert_eq!(p005(&swapped), vec!["s5 after s6".to_string()]);
    assert_eq!(p005(&one_line(&swapped)), vec!["s5 after s6".to_string()]);
}

#[test]
fn a_section_really_missing_is_p004() {
    let missing = |text: &str| -> Vec<SectionId> {
        let (_, kinds, _) = run(text);
        kinds
            .iter()
            .filter_map(|k| match k {
                FindingKind::SectionMissing { section } => Some(*section),
                _ => None,
            })
            .collect()
    };
    for p in ["、", "．", " "] {
        // Section 六 left out, heading and text (it runs to the end of the report).
        let mut h = headings(&WORDINGS[1], p);
        h[5] = None;
        let text = with_headings(&h);
        let text = &text[..text.find("1.政府信息公开收费方面").expect("section 六")];
        assert_eq!(missing(text), vec![SectionId::S6], "{p:?}");
        assert_eq!(missing(&one_line(text)), vec![SectionId::S6], "{p:?}");
        // Section 一's heading left out: its sub-items do not stand in for it.
        let mut h = headings(&WORDINGS[0], p);
        h[0] = None;
        let text = with_headings(&h);
        assert_eq!(missing(&text), vec![SectionId::S1], "{p:?}");
        assert_eq!(missing(&one_line(&text)), vec![SectionId::S1], "{p:?}");
        assert_eq!(p005(&text), Vec::<String>::new(), "{p:?}");
    }
}
