//! Inputs once misread (tests/fixtures/reports/regression/README.md): a blank cell must never
//! move a value into another column; an ambiguous row is P007.

use crate::util::fixture;
use nianbao::model::TableId;
use nianbao::pipeline::{process_one, DocOutcome};

fn run(name: &str) -> (DocOutcome, Vec<&'static str>) {
    let o = process_one(&fixture(&format!("reports/regression/{name}.txt")), false);
    let rules = o.findings.iter().map(|f| f.rule.0).collect();
    (o, rules)
}

#[test]
fn an_empty_cell_after_the_label_and_a_padding_cell_are_p007_not_a_shift() {
    let (o, rules) = run("R1_colspan_pad_shift");
    assert!(rules.contains(&"P007"));
    let t3 = o.report.unwrap().table(TableId::T3).cloned().unwrap();
    assert!(
        !t3.has_row("granted"),
        "no value of the ambiguous row is taken"
    );
}

#[test]
fn a_leading_empty_cell_in_table_four_is_p007_not_a_shift() {
    let (o, rules) = run("R2_t4_leading_blank_shift");
    assert!(rules.contains(&"P007"));
    assert!(!rules.contains(&"N001"));
    assert!(o.report.unwrap().table(TableId::T4).is_none());
}

#[test]
fn separate_table_two_cells_with_one_missing_are_not_glued() {
    let (o, rules) = run("R4_t2_blank_vanished_glued");
    assert!(rules.contains(&"P007"));
    let glued = o
        .findings
        .iter()
        .any(|f| matches!(f.kind, nianbao::model::FindingKind::GluedDigits { .. }));
    assert!(!glued);
    assert!(o
        .report
        .unwrap()
        .table(TableId::T2)
        .unwrap()
        .get("normative", "issued")
        .is_none());
}

#[test]
fn a_long_glued_run_in_table_four_is_decided_quickly() {
    // Exponential before the dead-state memo; an undecidable run is simply not taken.
    let (o, rules) = run("R6_t4_glued_80_hang");
    assert!(rules.contains(&"P008"));
    assert!(o.report.is_some());
}

#[test]
fn padding_after_a_table_two_value_is_not_the_2019_layout() {
    let (o, rules) = run("R8_t2_licensing_padding");
    assert!(!rules.contains(&"P006"));
    let r = o.report.unwrap();
    assert!(r.table(TableId::T2v2019).is_none());
    assert_eq!(
        r.table(TableId::T2)
            .unwrap()
            .get("licensing", "value")
            .unwrap()
            .raw,
        "0"
    );
}

#[test]
fn a_bare_page_number_under_a_cell_is_not_part_of_it() {
    let (o, _) = run("R10_tika_bare_pagenum_glued_into_cell");
    let r = o.report.unwrap();
    assert!(r.cells().all(|(_, c)| c.raw != "313"));
}

#[test]
fn pdf_text_with_spaced_years_has_its_year_and_the_wrong_table_four_totals() {
    let (o, rules) = run("R12_pdf_spaced_year_no_year");
    let r = o.report.unwrap();
    assert_eq!(r.meta.year, Some(2023));
    assert_eq!(r.meta.period_year, Some(2023));
    assert_eq!(r.meta.unit_name.as_deref(), Some("洪泽区人民政府"));
    assert!(
        rules.contains(&"T401"),
        "the sample's table 四 totals are wrong: {rules:?}"
    );
    assert!(
        rules.contains(&"P006"),
        "its single （六） row is the 2019 layout"
    );
}

// See: issue 10, point 6: "every crash [the fuzz targets found] turned into a regression
// test". Each file under tests/fixtures/fuzz crashed a fuzz target once; decoding it must
// now give a finding (P001), never a panic, with no catch around the decode but the
// decoders' own.
#[test]
fn inputs_the_fuzzers_crashed_on_are_findings() {
    let dir = crate::util::fixture("fuzz");
    let mut seen = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        // pdf-oxide-char-boundary.pdf: pdf_oxide 0.3.78 slices a string inside a character
        // (document.rs:25363). xls-calamine-dimensions-reserve.xls: calamine 0.38 reserved
        // 4.98 TB from a DIMENSIONS record and the process aborted (ingest/sheet/biff.rs).
        assert!(
            nianbao::pipeline::decode_parse_check(&path, &bytes).is_none(),
            "{}",
            path.display()
        );
        let o = nianbao::pipeline::process_one(&path, false);
        assert!(
            o.findings.iter().any(|f| f.rule.0 == "P001"),
            "{}",
            path.display()
        );
        // Read again in the same process, the same finding: a decoder that panicked must
        // not leave state behind (pdf_oxide's thread-locals once made it "no text layer").
        let again = nianbao::pipeline::process_one(&path, false);
        assert_eq!(o.findings, again.findings, "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 2);
}
