//! X003 and X004 need evidence of copying, not coincidence: near-empty, all-zero or common
//! tables never make a copy on their own, the text beyond the template's boilerplate decides,
//! and rich identical tables or copied text (years changed, unit name swapped) still do.

use nianbao::check::cross::{check_batch, Entry};
use nianbao::gen::district::{prose, unit_report, units, write_district};
use nianbao::gen::forms::{render_with_prose, Style, TextForm};
use nianbao::gen::random::{random_report_sized, Rng, Size};
use nianbao::model::{CellState, FindingKind, Num, Report, TableId};
use nianbao::parse::sentence_sketch;
use std::path::Path;

/// A report of `year` whose every cell is 0 but those given (row totals and the 勾稽
/// identities are the caller's business).
fn report(year: i32, cells: &[(TableId, &str, &str, i64)]) -> Report {
    let mut r = random_report_sized(&mut Rng::new(1), year, false, Size::Quiet);
    for t in &mut r.tables {
        for c in &mut t.cells {
            let v = cells
                .iter()
                .find(|(id, row, col, _)| *id == t.id && *row == c.row && *col == c.col)
                .map_or(0, |x| x.3);
            c.state = CellState::Number;
            c.value = Some(Num::int(v));
            c.raw = v.to_string().into();
        }
    }
    r
}

/// One application from a person, granted.
const ONE_GRANTED: &[(TableId, &str, &str, i64)] = &[
    (TableId::T2, "normative", "in_force", 3),
    (TableId::T3, "new_received", "natural_person", 1),
    (TableId::T3, "new_received", "total", 1),
    (TableId::T3, "granted", "natural_person", 1),
    (TableId::T3, "granted", "total", 1),
    (TableId::T3, "total_processed", "natural_person", 1),
    (TableId::T3, "total_processed", "total", 1),
];

/// A busy bureau's year: too much in it for another unit to match by chance.
const RICH: &[(TableId, &str, &str, i64)] = &[
    (TableId::T2, "normative", "issued", 3),
    (TableId::T2, "normative", "repealed", 1),
    (TableId::T2, "normative", "in_force", 27),
    (TableId::T2, "licensing", "value", 1234),
    (TableId::T2, "penalty", "value", 87),
    (TableId::T2, "coercion", "value", 5),
    (TableId::T3, "new_received", "natural_person", 21),
    (TableId::T3, "new_received", "business", 4),
    (TableId::T3, "new_received", "total", 25),
    (TableId::T3, "granted", "natural_person", 12),
    (TableId::T3, "granted", "business", 3),
    (TableId::T3, "granted", "total", 15),
    (TableId::T3, "partially_granted", "natural_person", 5),
    (TableId::T3, "partially_granted", "total", 5),
    (TableId::T3, "unable.no_info", "natural_person", 4),
    (TableId::T3, "unable.no_info", "business", 1),
    (TableId::T3, "unable.no_info", "total", 5),
    (TableId::T3, "total_processed", "natural_person", 21),
    (TableId::T3, "total_processed", "business", 4),
    (TableId::T3, "total_processed", "total", 25),
    (TableId::T4, "review", "upheld", 2),
    (TableId::T4, "review", "total", 2),
];

/// The rules across reports over `(unit, report)`; returns (unit, rule) of each X003/X004.
fn copies(reports: &[(&str, &Report)]) -> Vec<(String, &'static str)> {
    let entries: Vec<Entry<'_>> = reports
        .iter()
        .map(|&(unit, report)| Entry {
            report,
            unit,
            unit_name: unit,
            path: unit,
        })
        .collect();
    check_batch(&entries)
        .into_iter()
        .filter(|(_, f)| matches!(f.rule.0, "X003" | "X004"))
        .map(|(i, f)| (reports[i].0.to_string(), f.rule.0))
        .collect()
}

#[test]
fn near_empty_or_all_zero_tables_of_two_units_are_no_copy() {
    for cells in [&[][..], ONE_GRANTED] {
        let (a, b) = (report(2023, cells), report(2023, cells));
        assert_eq!(copies(&[("甲", &a), ("乙", &b)]), []);
    }
}

#[test]
fn rich_identical_tables_of_two_units_are_a_copy_unless_common() {
    let (a, b, c) = (report(2023, RICH), report(2023, RICH), report(2023, RICH));
    assert_eq!(
        copies(&[("甲", &a), ("乙", &b)]),
        [("甲".into(), "X004"), ("乙".into(), "X004")]
    );
    // Three units with the same tables: a template the district handed out, not evidence.
    assert_eq!(copies(&[("甲", &a), ("乙", &b), ("丙", &c)]), []);
}

#[test]
fn a_unit_with_the_same_empty_tables_two_years_running_did_not_copy() {
    for cells in [&[][..], ONE_GRANTED] {
        let (before, after) = (report(2022, cells), report(2023, cells));
        assert_eq!(copies(&[("甲", &before), ("甲", &after)]), []);
    }
    // The stock stays the same when nothing was issued: no evidence either.
    let stock = [(TableId::T2, "normative", "in_force", 48)];
    let (before, after) = (report(2022, &stock), report(2023, &stock));
    assert_eq!(copies(&[("甲", &before), ("甲", &after)]), []);
}

#[test]
fn a_unit_with_the_same_rich_tables_two_years_running_copied() {
    let (before, after) = (report(2022, RICH), report(2023, RICH));
    assert_eq!(
        copies(&[("甲", &before), ("甲", &after)]),
        [("甲".into(), "X003")]
    );
}

/// Renders `r` for `unit` with `sentences` in section 一, writes it into `dir` and parses it.
fn parsed(dir: &Path, unit: &str, mut r: Report, sentences: &[String]) -> Report {
    let year = r.meta.year.expect("a year");
    r.meta.unit_name = Some(unit.to_string());
    r.meta.title = Some(format!("{unit}{year}年政府信息公开工作年度报告"));
    let text = render_with_prose(&r, TextForm::Tika, Style::default(), sentences);
    let path = dir.join(format!("{unit}_{year}.txt"));
    std::fs::write(&path, text).expect("write the report");
    nianbao::pipeline::process_one(&path, false)
        .report
        .expect("a report")
}

fn sized(seed: u64, year: i32, size: Size) -> Report {
    random_report_sized(&mut Rng::new(seed), year, false, size)
}

#[test]
fn another_units_text_with_the_name_swapped_is_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (x, y, z) = ("示例区商务局", "示例区东城街道办事处", "示例区教育局");
    // The same five sentences, each naming its own unit; different tables.
    let a = parsed(
        dir.path(),
        x,
        sized(1, 2023, Size::Quiet),
        &prose(&mut Rng::new(7), x),
    );
    let b = parsed(
        dir.path(),
        y,
        sized(2, 2023, Size::Quiet),
        &prose(&mut Rng::new(7), y),
    );
    let c = parsed(
        dir.path(),
        z,
        sized(3, 2023, Size::Quiet),
        &prose(&mut Rng::new(8), z),
    );
    let found = copies(&[(x, &a), (y, &b), (z, &c)]);
    assert_eq!(found, [(x.into(), "X004"), (y.into(), "X004")]);
}

#[test]
fn the_same_template_and_tables_with_the_units_own_words_is_no_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (x, y) = ("示例区商务局", "示例区东城街道办事处");
    // A two-report batch: nothing tells the template's sentences apart by how many use them.
    let a = parsed(
        dir.path(),
        x,
        report(2023, ONE_GRANTED),
        &prose(&mut Rng::new(7), x),
    );
    let b = parsed(
        dir.path(),
        y,
        report(2023, ONE_GRANTED),
        &prose(&mut Rng::new(8), y),
    );
    assert_eq!(copies(&[(x, &a), (y, &b)]), []);
}

#[test]
fn last_years_text_with_the_years_changed_is_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "示例区商务局";
    let words = prose(&mut Rng::new(7), unit);
    let before = parsed(dir.path(), unit, sized(1, 2022, Size::Quiet), &words);
    let after = parsed(dir.path(), unit, sized(2, 2023, Size::Quiet), &words);
    let entries = [(unit, &before), (unit, &after)];
    assert_eq!(copies(&entries), [(unit.into(), "X003")]);
    // Its own words the next year: no copy.
    let own = parsed(
        dir.path(),
        unit,
        sized(2, 2023, Size::Quiet),
        &prose(&mut Rng::new(8), unit),
    );
    assert_eq!(copies(&[(unit, &before), (unit, &own)]), []);
}

/// The unit id a generated district's file belongs to (`B003_2023_tika.txt` → `B003`).
fn unit_of(path: &Path) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    name.split('_').next().unwrap().to_string()
}

/// How many reports share their tables with another report of the year.
fn sharing_tables(reports: &[(&str, &Report)]) -> usize {
    let mut tables = std::collections::HashMap::new();
    for (_, r) in reports {
        let cells: Vec<_> = r.cells().map(|(t, c)| (t, c.row, c.col, c.value)).collect();
        *tables.entry((r.meta.year, cells)).or_insert(0) += 1;
    }
    tables.values().filter(|&&n| n > 1).sum()
}

/// A fault-free district of 1,001 units over 2021–2023 as the rules across reports see it,
/// made without text: each unit's tables chained from year to year as `gen` does, and its own
/// words (what `gen` writes into section 一 besides the template) sketched.
fn district_without_text() -> Vec<(String, Report)> {
    let mut rng = Rng::new(5);
    let units = units(700, 300);
    let mut prev: Vec<Option<Report>> = vec![None; units.len()];
    let mut out = Vec::new();
    for year in 2021..=2023 {
        for (i, u) in units.iter().enumerate() {
            let mut r = unit_report(&mut rng, u, year, prev[i].as_ref());
            let mut s1 = format!("{year}年，{}认真贯彻落实政务公开工作部署。", u.name);
            s1.extend(prose(&mut rng, &u.name));
            r.sentence_hashes = sentence_sketch([s1.as_str()], Some(&u.name));
            prev[i] = Some(r.clone());
            out.push((u.id.clone(), r));
        }
    }
    out
}

#[test]
fn a_fault_free_district_of_1000_units_has_no_copies() {
    let district = district_without_text();
    let reports: Vec<(&str, &Report)> = district.iter().map(|(u, r)| (u.as_str(), r)).collect();
    // Small units' tables coincide: the rules must not take that for copying.
    let shared = sharing_tables(&reports);
    assert!(shared > 300, "{shared} reports share their tables");
    assert_eq!(copies(&reports), []);
}

/// The same, rendered in every text form and parsed: what `nianbao run` sees.
#[test]
#[ignore = "about 10 s in a debug build; run with --ignored"]
fn a_rendered_fault_free_district_of_1000_units_has_no_copies() {
    let dir = tempfile::tempdir().unwrap();
    write_district(dir.path(), 700, 300, 2021..=2023, 0.0, 5).unwrap();
    let paths = nianbao::ingest::discover(&[dir.path().to_path_buf()]).unwrap();
    let outcomes = nianbao::pipeline::check_paths(&paths, false);
    let keys: Vec<String> = paths
        .iter()
        .map(|p| {
            let id = unit_of(p);
            // The government's own report and its region-wide one are two reports of D000.
            if p.to_string_lossy().contains("_region_") {
                format!("{id}-region")
            } else {
                id
            }
        })
        .collect();
    let reports: Vec<(&str, &Report)> = outcomes
        .iter()
        .zip(&keys)
        .filter_map(|(o, k)| Some((k.as_str(), o.report.as_ref()?)))
        .collect();
    assert_eq!(reports.len(), 3 * 1002);
    let shared = sharing_tables(&reports);
    assert!(shared > 300, "{shared} reports share their tables");
    assert_eq!(copies(&reports), []);
}

#[test]
fn a_unit_that_copies_another_units_report_is_found() {
    let dir = tempfile::tempdir().unwrap();
    write_district(dir.path(), 24, 10, 2022..=2023, 0.0, 3).unwrap();
    let file = |id: &str| {
        std::fs::read_dir(dir.path().join("2023"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| unit_of(p) == id)
            .unwrap()
    };
    let names = units(24, 10);
    let name = |id: &str| names.iter().find(|u| u.id == id).unwrap().name.clone();
    // 东城街道 takes 商务局's report and puts its own name in.
    let (from, to) = (file("B016"), file("Z001"));
    let text = std::fs::read_to_string(&from)
        .unwrap()
        .replace(&name("B016"), &name("Z001"));
    std::fs::write(&to, text).unwrap();
    let batch = nianbao::pipeline::run_batch(&nianbao::pipeline::RunConfig {
        inputs: vec![dir.path().to_path_buf()],
        ..Default::default()
    })
    .unwrap();
    let mut found = Vec::new();
    for o in &batch.outcomes {
        for f in &o.findings {
            if let FindingKind::SameAsOther { text_overlap, .. } = &f.kind {
                assert!(*text_overlap >= 90, "{text_overlap}");
            }
            if matches!(f.rule.0, "X003" | "X004") {
                found.push((unit_of(&o.path), f.rule.0));
            }
        }
    }
    found.sort();
    assert_eq!(found, [("B016".into(), "X004"), ("Z001".into(), "X004")]);
}

/// The X003/X004 findings of `nianbao run` over a generated district in `dir`, by file
/// relative to `dir`; and the files that could not be read.
fn run_copies(dir: &Path) -> (Vec<(String, &'static str)>, Vec<String>) {
    let batch = nianbao::pipeline::run_batch(&nianbao::pipeline::RunConfig {
        inputs: vec![dir.to_path_buf()],
        ..Default::default()
    })
    .unwrap();
    let (mut found, mut unread) = (Vec::new(), Vec::new());
    for o in &batch.outcomes {
        let rel = o.path.strip_prefix(dir).unwrap_or(&o.path);
        let rel = rel.to_string_lossy().into_owned();
        for f in &o.findings {
            if matches!(f.rule.0, "X003" | "X004") {
                found.push((rel.clone(), f.rule.0));
            }
        }
        if o.report.is_none()
            || o.findings
                .iter()
                .any(|f| matches!(f.rule.0, "P001" | "P002"))
        {
            unread.push(rel);
        }
    }
    found.sort();
    (found, unread)
}

/// A fault-free district of 200 units over two years, rendered in its varied forms and run:
/// many small units' tables are the same, and none of it is a copy.
#[test]
fn a_generated_fault_free_district_has_no_copies() {
    let dir = tempfile::tempdir().unwrap();
    write_district(dir.path(), 140, 60, 2022..=2023, 0.0, 11).unwrap();
    let paths = nianbao::ingest::discover(&[dir.path().to_path_buf()]).unwrap();
    let outcomes = nianbao::pipeline::check_paths(&paths, false);
    let reports: Vec<(&str, &Report)> = outcomes
        .iter()
        .filter_map(|o| Some(("", o.report.as_ref()?)))
        .collect();
    let shared = sharing_tables(&reports);
    assert!(shared > 20, "{shared} reports share their tables");
    assert_eq!(run_copies(dir.path()).0, []);
}

/// Every copy of last year's report the generator injects, in a readable report whose
/// previous one is readable too, is X003; nothing else is X003 or X004.
#[test]
fn a_generated_districts_copies_are_found_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    write_district(dir.path(), 140, 60, 2022..=2023, 0.3, 11).unwrap();
    let truth = std::fs::read_to_string(dir.path().join("truth.csv")).unwrap();
    let copied: Vec<String> = truth
        .lines()
        .filter(|l| l.contains(",copied_last_year,"))
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    assert!(copied.len() >= 3, "{copied:?}");
    let (found, unread) = run_copies(dir.path());
    let expected: Vec<(String, &str)> = copied.iter().map(|p| (p.clone(), "X003")).collect();
    // A copy is told from last year's report: one unreadable (a parser gap) hides it.
    let found: Vec<_> = found
        .into_iter()
        .filter(|(p, _)| !unread.contains(p))
        .collect();
    let missed: Vec<_> = expected.iter().filter(|e| !found.contains(e)).collect();
    assert_eq!(missed, [] as [&(String, &str); 0], "of {}", expected.len());
    assert!(found.iter().all(|f| expected.contains(f)), "{found:?}");
}
