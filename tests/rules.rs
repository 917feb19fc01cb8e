//! Rules on fixtures: every rule id has a report that triggers it (`<ID>.txt`) and one of the
//! same shape that does not (`<ID>_ok.txt`), under tests/fixtures/rules (see its README.md).
//! The findings of each trigger fixture are snapshotted in Chinese, in English and as JSON.

use crate::util::fixture;
use nianbao::check::{rule_info, RULE_INFO};
use nianbao::model::Lang;
use nianbao::pipeline::{process_one, DocOutcome};
use nianbao::render::diagnostics::{human, json};
use std::path::{Path, PathBuf};

/// Decodes, parses and checks `path`, showing it as `shown` so snapshots do not depend on
/// where the crate is checked out.
fn outcome_at(path: &Path, shown: &str) -> DocOutcome {
    let mut o = process_one(path, true);
    o.path = PathBuf::from(shown);
    o
}

/// The outcome of tests/fixtures/rules/`stem`.txt.
fn outcome(stem: &str) -> DocOutcome {
    outcome_at(
        &fixture(&format!("rules/{stem}.txt")),
        &format!("tests/fixtures/rules/{stem}.txt"),
    )
}

fn rules_found(o: &DocOutcome) -> Vec<&'static str> {
    o.findings.iter().map(|f| f.rule.0).collect()
}

/// Snapshots the findings as `{stem}_zh`, `{stem}_en` and `{stem}_json`.
fn snapshot(stem: &str, o: &DocOutcome) {
    insta::assert_snapshot!(format!("{stem}_zh"), human(o, Lang::Zh));
    insta::assert_snapshot!(format!("{stem}_en"), human(o, Lang::En));
    insta::assert_snapshot!(
        format!("{stem}_json"),
        json(std::slice::from_ref(o), Lang::Zh)
    );
}

/// `stem` triggers `id` with its registered severity, and gives exactly `expected`.
fn assert_triggers(stem: &str, id: &str, expected: &[&str]) {
    let o = outcome(stem);
    let found = rules_found(&o);
    assert!(found.contains(&id), "{stem}: {id} not found in {found:?}");
    assert_eq!(found, expected, "{stem}: the findings");
    let severity = rule_info(id).expect("a registered rule").severity;
    for f in o.findings.iter().filter(|f| f.rule.0 == id) {
        assert_eq!(f.severity, severity, "{stem}: severity of {id}");
    }
    snapshot(stem, &o);
}

/// `stem` does not trigger `id`; being an otherwise clean report, it gives no finding at all.
fn assert_passes(stem: &str, id: &str) {
    let o = outcome(stem);
    let found = rules_found(&o);
    assert!(!found.contains(&id), "{stem}: {id} found in {found:?}");
    assert_eq!(found, Vec::<&str>::new(), "{stem}: a clean report");
}

/// `<id>.txt` triggers `id` and gives exactly `expected`; `<id>_ok.txt` gives nothing.
fn assert_pair(id: &str, expected: &[&str]) {
    assert_triggers(id, id, expected);
    assert_passes(&format!("{id}_ok"), id);
}

#[test]
fn every_rule_has_a_trigger_and_an_ok_fixture() {
    for r in RULE_INFO {
        for stem in [r.id.to_string(), format!("{}_ok", r.id)] {
            // Rules across reports (X…) have a folder of reports as their fixture.
            let file = fixture(&format!("rules/{stem}.txt"));
            let folder = fixture(&format!("rules/{stem}"));
            assert!(
                file.is_file() || folder.is_dir(),
                "{} has no fixture {stem}.txt or {stem}/",
                r.id
            );
        }
    }
}

#[test]
fn every_rule_fixture_is_described_in_the_readme() {
    let readme = std::fs::read_to_string(fixture("rules/README.md")).unwrap();
    let dir = std::fs::read_dir(fixture("rules")).unwrap();
    for entry in dir {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let is_folder = fixture(&format!("rules/{name}")).is_dir();
        if name.ends_with(".txt") || is_folder {
            assert!(
                readme.contains(&format!("`{name}`")),
                "{name} is not in README.md"
            );
        }
    }
}

#[test]
fn n001_text_contradicts_table() {
    assert_pair("N001", &["N001"]);
}

#[test]
fn p001_unreadable_file() {
    assert_pair("P001", &["P001"]);
}

#[test]
fn p001_undecodable_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(fixture("rules/P001_ok.txt")).unwrap();
    let line2 = bytes.iter().position(|b| *b == b'\n').unwrap() + 1;
    bytes.insert(line2, 0xFF);
    let path = dir.path().join("P001_undecodable.txt");
    std::fs::write(&path, bytes).unwrap();
    let o = outcome_at(&path, "P001_undecodable.txt");
    assert_eq!(rules_found(&o), vec!["P001"]);
    snapshot("P001_undecodable", &o);
}

#[test]
fn p001_binary_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("P001_binary.txt");
    let bytes: Vec<u8> = (0..4000u32).map(|i| (i * 31 % 256) as u8).collect();
    std::fs::write(&path, bytes).unwrap();
    let o = outcome_at(&path, "P001_binary.txt");
    assert_eq!(rules_found(&o), vec!["P001"]);
    snapshot("P001_binary", &o);
}

#[test]
fn p002_not_an_annual_report() {
    assert_pair("P002", &["P002"]);
}

#[test]
fn p003_legacy_free_form_report() {
    assert_pair("P003", &["P003"]);
}

#[test]
fn p004_section_missing() {
    assert_pair("P004", &["P004"]);
}

#[test]
fn p005_section_misnumbered() {
    assert_pair("P005", &["P005"]);
    // Sections 五 and 六 swapped: numbered right, out of order.
    assert_triggers("P005_1", "P005", &["P005"]);
    // Section 四 in the 2019 wording numbered 三 again; and every heading with "．".
    assert_triggers("P005_2", "P005", &["P005"]);
    assert_passes("P005_2_ok", "P005");
}

#[test]
fn p006_old_template_layout() {
    assert_pair("P006", &["P006"]);
    assert_triggers("P006_1", "P006", &["P006"]);
}

#[test]
fn p007_table_incomplete() {
    assert_pair("P007", &["P007"]);
    // One cell per line: the form cannot show which column is blank, so no value is taken.
    assert_triggers("P007_1", "P007", &["P007"]);
    assert_passes("P007_1_ok", "P007");
}

#[test]
fn p008_cell_not_a_number() {
    assert_pair("P008", &["P008"]);
}

#[test]
fn t201_table2_value_invalid() {
    assert_pair("T201", &["T201"]);
}

#[test]
fn t301_balance_broken() {
    assert_pair("T301", &["T301", "T301"]);
}

#[test]
fn t302_outcome_total_mismatch() {
    assert_pair("T302", &["T302", "T302"]);
}

#[test]
fn t303_row_total_mismatch() {
    assert_pair("T303", &["T303", "T303"]);
}

#[test]
fn t304_table3_count_invalid() {
    assert_pair("T304", &["T304", "T304"]);
}

#[test]
fn t305_blank_cells() {
    assert_pair("T305", &["T305"]);
    // A blank inside a failing identity is incomplete filling, never T302/T303.
    assert_triggers("T305_1", "T305", &["T305", "T305", "T305"]);
}

#[test]
fn t401_table4_total_mismatch() {
    assert_pair("T401", &["T401"]);
}

#[test]
fn t402_table4_count_invalid() {
    assert_pair("T402", &["T402"]);
}

#[test]
fn y001_years_disagree() {
    assert_pair("Y001", &["Y001"]);
}

#[test]
fn y002_published_late() {
    assert_pair("Y002", &["Y002"]);
    // A government's own report is due 31 March, not 31 January.
    assert_triggers("Y002_1", "Y002", &["Y002"]);
    assert_passes("Y002_1_ok", "Y002");
}

#[test]
fn z001_all_zero() {
    assert_pair("Z001", &["Z001"]);
}

/// The outcomes of a batch fixture folder, paths shown relative to the crate.
fn batch(stem: &str) -> Vec<DocOutcome> {
    // A path relative to the crate (cargo runs tests there), so messages naming another
    // file are the same on every machine.
    let dir = PathBuf::from(format!("tests/fixtures/rules/{stem}"));
    nianbao::pipeline::check_batch(&[dir]).expect("the fixture folder")
}

/// `<id>/` gives exactly `expected` (file name → rules) and `<id>_ok/` gives nothing; the
/// JSON of the trigger folder is snapshotted, in Chinese and English.
fn assert_batch(id: &str, expected: &[(&str, &[&str])]) {
    let outcomes = batch(id);
    let found = by_file(&outcomes);
    let expected: Vec<(String, Vec<&str>)> = expected
        .iter()
        .map(|(n, r)| (n.to_string(), r.to_vec()))
        .collect();
    assert_eq!(found, expected, "{id}: findings by file");
    let mut with_text = outcomes.clone();
    with_text.iter_mut().for_each(nianbao::pipeline::load_text);
    insta::assert_snapshot!(format!("{id}_json"), json(&with_text, Lang::Zh));
    insta::assert_snapshot!(
        format!("{id}_en"),
        with_text
            .iter()
            .map(|o| human(o, Lang::En))
            .collect::<String>()
    );
    for o in batch(&format!("{id}_ok")) {
        assert_eq!(
            rules_found(&o),
            Vec::<&str>::new(),
            "{id}_ok: {}",
            o.path.display()
        );
    }
}

#[test]
fn x001_carry_over_break() {
    assert_batch(
        "X001",
        &[("a_2022.txt", &[]), ("b_2023.txt", &["X001", "X001"])],
    );
}

#[test]
fn x002_stock_break() {
    assert_batch("X002", &[("a_2022.txt", &[]), ("b_2023.txt", &["X002"])]);
}

#[test]
fn x003_copies_previous_report() {
    assert_batch("X003", &[("a_2022.txt", &[]), ("b_2023.txt", &["X003"])]);
}

#[test]
fn x004_same_as_other_unit() {
    assert_batch(
        "X004",
        &[("a_shangwu.txt", &["X004"]), ("b_dongcheng.txt", &["X004"])],
    );
}

/// (file name → rules) of a batch.
fn by_file(outcomes: &[DocOutcome]) -> Vec<(String, Vec<&'static str>)> {
    outcomes
        .iter()
        .map(|o| {
            let name = o
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, rules_found(o))
        })
        .collect()
}

/// A roster-rule fixture folder through `run`: (file name → rules) and the R003s.
fn roster_batch(stem: &str) -> (Vec<(String, Vec<&'static str>)>, Vec<&'static str>) {
    let config = nianbao::pipeline::RunConfig {
        inputs: vec![PathBuf::from(format!("tests/fixtures/rules/{stem}"))],
        ..Default::default()
    };
    let batch = nianbao::pipeline::run_batch(&config).expect("the fixture folder");
    (
        by_file(&batch.outcomes),
        batch.unit_findings.iter().map(|f| f.rule.0).collect(),
    )
}

fn assert_roster(id: &str, files: &[(&str, &[&str])], units: &[&str]) {
    let expected: Vec<(String, Vec<&str>)> = files
        .iter()
        .map(|(n, r)| (n.to_string(), r.to_vec()))
        .collect();
    assert_eq!(roster_batch(id), (expected, units.to_vec()), "{id}");
    let (ok_files, ok_units) = roster_batch(&format!("{id}_ok"));
    assert!(
        ok_files.iter().all(|(_, r)| r.is_empty()) && ok_units.is_empty(),
        "{id}_ok: {ok_files:?} {ok_units:?}"
    );
}

#[test]
fn r001_unit_not_in_roster() {
    assert_roster(
        "R001",
        &[
            ("a_shangwu_2023.txt", &[]),
            ("b_dongcheng_2023.txt", &["R001"]),
        ],
        &[],
    );
}

#[test]
fn r002_several_reports_for_unit_year() {
    assert_roster(
        "R002",
        &[
            ("a_shangwu_2023.txt", &["R002"]),
            ("b_shangwu_2023_again.txt", &["R002"]),
        ],
        &[],
    );
}

#[test]
fn r003_unit_without_report() {
    assert_roster("R003", &[("a_shangwu_2023.txt", &[])], &["R003"]);
}
