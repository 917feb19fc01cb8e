//! Parsing real reports.

use crate::util::{fixture, rules_of};
use nianbao::model::TableId;
use nianbao::parse::Status;
use nianbao::pipeline::process_one;

#[test]
fn seed_facts_equal_the_expected_csv() {
    let o = process_one(&fixture("reports/seed/huancui_shangwuju_2023.txt"), false);
    let report = o.report.expect("the seed parses");
    let expected =
        std::fs::read_to_string(fixture("reports/seed/huancui_shangwuju_2023.facts.csv")).unwrap();
    assert_eq!(nianbao::render::facts::facts_csv(&report), expected);
}

#[test]
fn seed_gets_y001_and_p005_and_no_error() {
    let o = process_one(&fixture("reports/seed/huancui_shangwuju_2023.txt"), false);
    let rules: Vec<&str> = o.findings.iter().map(|f| f.rule.0).collect();
    assert_eq!(rules, vec!["P005", "Y001"]);
    assert_eq!(o.worst(), Some(nianbao::model::Severity::Warning));
    let meta = &o.report.unwrap().meta;
    assert_eq!(meta.year, Some(2023));
    assert_eq!(meta.unit_name.as_deref(), Some("环翠区商务局"));
}

#[test]
fn pingtan_2018_is_recognised_as_legacy() {
    let o = process_one(&fixture("reports/real/pingtan_2018_oldformat.txt"), false);
    assert_eq!(o.status, Status::Legacy);
    assert_eq!(
        rules_of(&fixture("reports/real/pingtan_2018_oldformat.txt")),
        vec!["P003"]
    );
    let report = o.report.unwrap();
    assert!(
        report.tables.is_empty(),
        "a legacy report's figures are not read as tables"
    );
    assert_eq!(report.meta.year, Some(2018));
}

#[test]
fn pingtan_2021_glued_digits_are_reconstructed_and_said_so() {
    let o = process_one(&fixture("reports/real/pingtan_2021_crawled.txt"), false);
    assert!(
        o.findings
            .iter()
            .all(|f| f.severity != nianbao::model::Severity::Error),
        "no arithmetic error from misread cells: {:?}",
        o.findings.iter().map(|f| f.rule.0).collect::<Vec<_>>()
    );
    let glued: Vec<(TableId, bool)> = o
        .findings
        .iter()
        .filter_map(|f| match &f.kind {
            nianbao::model::FindingKind::GluedDigits {
                table,
                reconstructed,
                ..
            } => Some((*table, *reconstructed)),
            _ => None,
        })
        .collect();
    // 表二 行政规范性文件 "693665" splits many ways; everything else has one split.
    assert_eq!(
        glued,
        vec![
            (TableId::T2, true),
            (TableId::T2, false),
            (TableId::T3, true),
            (TableId::T4, true)
        ]
    );
    let report = o.report.unwrap();
    assert_eq!(report.meta.year, Some(2021));
    let t3 = report.table(TableId::T3).unwrap();
    assert_eq!(t3.cells.len(), 25 * 7);
    let cell = |row, col| t3.get(row, col).unwrap();
    // The text says "本年度全区共收到70件申请" and "1件结转下年度继续办理".
    assert_eq!(cell("new_received", "total").raw, "70");
    assert_eq!(cell("new_received", "natural_person").raw, "64");
    assert_eq!(cell("carried_forward", "total").raw, "1");
    assert!(cell("granted", "total").reconstructed);
    let t4 = report.table(TableId::T4).unwrap();
    assert_eq!(t4.get("review", "total").unwrap().raw, "3");
    assert!(report
        .table(TableId::T2)
        .unwrap()
        .get("normative", "issued")
        .is_none());
}

/// The seed as a mirror site shows it in Traditional characters (converted with OpenCC:
/// `s2t` character by character and phrase by phrase, `s2twp` also with Taiwan wording such as
/// 規範性檔案 and 資訊): the same facts and findings.
fn assert_traditional_seed_like_seed(rel: &str) {
    let o = process_one(&fixture(rel), false);
    let rules: Vec<&str> = o.findings.iter().map(|f| f.rule.0).collect();
    let report = o.report.expect("the seed parses");
    let expected =
        std::fs::read_to_string(fixture("reports/seed/huancui_shangwuju_2023.facts.csv")).unwrap();
    let got = nianbao::render::facts::facts_csv(&report);
    let missing: Vec<&str> = expected.lines().filter(|l| !got.contains(l)).collect();
    let extra: Vec<&str> = got.lines().filter(|l| !expected.contains(l)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "facts missing {missing:?}, extra {extra:?}"
    );
    assert_eq!(got, expected);
    assert_eq!(rules, vec!["P005", "Y001"]);
    assert_eq!(report.meta.period_year, Some(2023));
    // Prose is read in Simplified, so the name matches a roster written in Simplified.
    assert_eq!(report.meta.unit_name.as_deref(), Some("环翠区商务局"));
}

#[test]

fn seed_in_traditional_parses_the_same() {
    assert_traditional_seed_like_seed("reports/traditional/huancui_shangwuju_2023_s2t.txt");
}

#[test]

fn seed_in_taiwan_traditional_parses_the_same() {
    assert_traditional_seed_like_seed("reports/traditional/huancui_shangwuju_2023_s2twp.txt");
}
