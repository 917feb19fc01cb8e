//! Every form a report comes in (issue 8): web pages, Word, PDF, spreadsheets, old .doc. Each
//! decoder's output reads through the same parser; real published files are the test.

use crate::util::fixture;
use nianbao::model::{CellState, Num, Report, TableId};

fn outcome(rel: &str) -> nianbao::pipeline::DocOutcome {
    nianbao::pipeline::process_one(&fixture(rel), false)
}

fn rules(o: &nianbao::pipeline::DocOutcome) -> Vec<&'static str> {
    o.findings.iter().map(|f| f.rule.0).collect()
}

fn cell(r: &Report, t: TableId, row: &str, col: &str) -> (CellState, Option<Num>) {
    r.cells()
        .find(|(tt, c)| *tt == t && c.row == row && c.col == col)
        .map(|(_, c)| (c.state, c.value))
        .unwrap_or_else(|| panic!("no cell {t:?} {row} {col}"))
}

// See: issue 8, "shanghai_szfbgt_2019.html (a real 2019-template page) parses completely".
#[test]
fn the_shanghai_2019_page_parses_completely_with_blank_cells_blank() {
    let o = outcome("reports/published/shanghai_szfbgt_2019.html");
    let r = o.report.as_ref().expect("a report");
    let found = rules(&o);
    assert_eq!(
        r.meta.template.map(|t| t.as_str()),
        Some("2019"),
        "{found:?}"
    );
    assert_eq!(r.meta.year, Some(2019));
    let n = |v: i64| (CellState::Number, Some(Num::int(v)));
    for (col, want) in [
        ("natural_person", n(821)),
        ("business", n(35)),
        ("research", (CellState::Blank, None)),
        ("legal_service", n(2)),
        ("other_org", n(1)),
        ("total", n(859)),
    ] {
        assert_eq!(cell(r, TableId::T3, "new_received", col), want, "{col}");
    }
    for rule in ["P001", "P007", "P008", "T301", "T303"] {
        assert!(!found.contains(&rule), "{rule} in {found:?}");
    }
    assert!(found.contains(&"T305"), "{found:?}");
    assert!(found.iter().all(|r| *r == "T305"), "{found:?}");
    let published = r.meta.published.as_ref().expect("发布日期");
    assert_eq!(
        (
            published.date.year,
            published.date.month,
            published.date.day
        ),
        (2020, 1, 31)
    );
    assert_eq!(
        r.meta.unit_candidates.first().map(|c| c.name.as_str()),
        Some("上海市人民政府办公厅")
    );
    assert_eq!(o.format.as_str(), "html");
}

/// Writes `bytes` as `name` in a temp folder and processes it.
fn process_bytes(name: &str, bytes: &[u8]) -> nianbao::pipeline::DocOutcome {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    nianbao::pipeline::process_one(&path, false)
}

fn p001_message(o: &nianbao::pipeline::DocOutcome) -> String {
    o.findings
        .iter()
        .find(|f| f.rule.0 == "P001")
        .map(|f| f.kind.message(nianbao::model::Lang::En))
        .unwrap_or_default()
}

// See: issue 8, "hostile files of each format (… wrong extension …) give P001 with a message
// that says what is wrong, and the batch goes on".
#[test]
fn a_page_saved_as_doc_is_read_as_a_page_and_garbage_named_pdf_says_so() {
    let page = std::fs::read(fixture("reports/published/shanghai_szfbgt_2019.html")).unwrap();
    let mut html = b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>".to_vec();
    html.extend_from_slice(&page);
    html.extend_from_slice(b"</body></html>");
    let o = process_bytes("report.doc", &html);
    assert_eq!(o.format.as_str(), "html");
    assert!(o.report.as_ref().is_some_and(|r| r.meta.year == Some(2019)));
    assert!(!rules(&o).contains(&"P001"), "{:?}", rules(&o));

    let o = process_bytes(
        "report.pdf",
        &[0x89, 0x00, 0xff, 0x13, 0x37, 0x00, 0x01, 0x02],
    );
    let msg = p001_message(&o);
    assert!(msg.contains("pdf"), "{msg}");
    let o = process_bytes(
        "report.pdf",
        "2023年政府信息公开工作年度报告\n一、总体情况\n".as_bytes(),
    );
    assert!(
        !rules(&o).contains(&"P001"),
        "a text file named .pdf is read as text"
    );
}
