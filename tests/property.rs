//! Property tests: random consistent reports, rendered in every text form, parse back to
//! the same tables; one injected fault gives that fault's rule and no other error.

use nianbao::gen::forms::{render_styled, Style};
use nianbao::gen::random::sprinkle_empty_cells;
use nianbao::gen::{random_report, Rng, TextForm};
use nianbao::model::{CellState, Num, Report, Severity, TableId, TextFigure};
use nianbao::pipeline::DocOutcome;
use proptest::prelude::*;

/// Decodes, parses and checks rendered text, as the pipeline does for a file.
fn run(text: &str) -> DocOutcome {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.txt");
    std::fs::write(&path, text).expect("write temp file");
    nianbao::pipeline::process_one(&path, false)
}

/// (table, row, col, state, value) of every cell, for comparing tables.
fn cells(r: &Report) -> Vec<(TableId, &'static str, &'static str, CellState, Option<Num>)> {
    let mut v: Vec<_> = r
        .cells()
        .map(|(t, c)| (t, c.row.as_str(), c.col.as_str(), c.state, c.value))
        .collect();
    v.sort();
    v
}

/// Saves a failing case's text where it can be read, and says where.
fn dump(text: &str) -> String {
    let path = std::env::temp_dir().join("nianbao-property-failure.txt");
    match std::fs::write(&path, text) {
        Ok(()) => format!("text saved to {}", path.display()),
        Err(_) => text.to_string(),
    }
}

fn form() -> impl Strategy<Value = TextForm> {
    prop::sample::select(TextForm::ALL.to_vec())
}

/// A random report in the layout that fits its year, with blank and "/" cells.
fn report(seed: u64, year_pick: u8, form: TextForm) -> Report {
    let mut rng = Rng::new(seed);
    let v2019 = year_pick.is_multiple_of(4);
    let year = if v2019 {
        2019 + i32::from(year_pick % 2)
    } else {
        2021 + i32::from(year_pick % 3)
    };
    let mut r = random_report(&mut rng, year, v2019);
    sprinkle_empty_cells(&mut rng, &mut r, form.shows_blanks());
    r
}

fn rules(o: &DocOutcome) -> Vec<&'static str> {
    o.findings.iter().map(|f| f.rule.0).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(cases()) })]

    #[test]
    fn every_form_parses_back_to_the_same_tables(
        seed in any::<u64>(), year_pick in any::<u8>(), form in form(), fullwidth in any::<bool>(), crlf in any::<bool>(),
        traditional in any::<bool>(),
    ) {
        let r = report(seed, year_pick, form);
        let text = render_styled(&r, form, Style { fullwidth, crlf, traditional, ..Style::default() });
        let o = run(&text);
        let parsed = o.report.as_ref().expect("a report");
        let (got, want) = (cells(parsed), cells(&r));
        let missing: Vec<_> = want.iter().filter(|c| !got.contains(c)).take(5).collect();
        let extra: Vec<_> = got.iter().filter(|c| !want.contains(c)).take(5).collect();
        prop_assert!(missing.is_empty() && extra.is_empty(), "form {:?}: missing {:?}, extra {:?}, findings {:?}\n{}", form, missing, extra, rules(&o), dump(&text));
        let unexpected: Vec<&str> = rules(&o).into_iter().filter(|id| !matches!(*id, "T305" | "Z001")).collect();
        prop_assert!(unexpected.is_empty(), "form {:?}: {:?}\n{}", form, unexpected, dump(&text));
        prop_assert_eq!(parsed.meta.year, r.meta.year);
        // The unit name is kept as written: in Traditional when the page was.
        // Names are read in Simplified whatever the page's script.
        let unit = r.meta.unit_name.clone();
        prop_assert_eq!(&parsed.meta.unit_name, &unit);
    }

    #[test]
    fn one_injected_fault_gives_its_rule_and_no_other_error(
        seed in any::<u64>(), year_pick in any::<u8>(), form in form(), fault in 0usize..FAULTS.len(),
    ) {
        one_fault(seed, year_pick, form, FAULTS[fault], false)?;
    }

    /// The same on pages a mirror site wrote in Traditional characters.
    #[test]

    fn one_injected_fault_in_traditional_gives_its_rule_and_no_other_error(
        seed in any::<u64>(), year_pick in any::<u8>(), form in form(), fault in 0usize..FAULTS.len(),
    ) {
        one_fault(seed, year_pick, form, FAULTS[fault], true)?;
    }
}

/// Injects one fault, renders, and checks its rule is found and no other error is.
fn one_fault(
    seed: u64,
    year_pick: u8,
    form: TextForm,
    fault: &str,
    traditional: bool,
) -> Result<(), TestCaseError> {
    let mut r = report(seed, year_pick, form);
    let mut style = Style {
        traditional,
        ..Style::default()
    };
    let (expected, identity) = inject(&mut r, &mut style, fault);
    let text = render_styled(&r, form, style);
    let o = run(&text);
    let found = rules(&o);
    let blank_instead = identity && found.contains(&"T305");
    prop_assert!(
        found.contains(&expected) || blank_instead,
        "{} expected, got {:?} ({:?})\n{}",
        expected,
        found,
        form,
        dump(&text)
    );
    let errors: Vec<&str> = o
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule.0)
        .filter(|id| *id != expected)
        .collect();
    prop_assert!(
        errors.is_empty(),
        "{} injected, other errors {:?} ({:?})\n{}",
        expected,
        errors,
        form,
        dump(&text)
    );
    Ok(())
}

/// Faults the rules catch: each keeps every other identity intact.
const FAULTS: &[&str] = &[
    "T301", "T302", "T303", "T304", "T401", "T402", "T201", "Y001", "Y002", "P004", "P005", "N001",
    "P008",
];

fn t3(r: &mut Report) -> &mut nianbao::model::Table {
    r.tables
        .iter_mut()
        .find(|t| t.id == TableId::T3)
        .expect("table 三")
}

fn t4(r: &mut Report) -> &mut nianbao::model::Table {
    r.tables
        .iter_mut()
        .find(|t| t.id == TableId::T4)
        .expect("table 四")
}

/// Adds `d` to a cell, making it a number.
fn add(t: &mut nianbao::model::Table, row: &str, col: &str, d: i64) {
    shift(t, row, col, Num::int(d));
}

/// Adds `d` to a cell, making it a number.
fn shift(t: &mut nianbao::model::Table, row: &str, col: &str, d: Num) {
    let c = t
        .cells
        .iter_mut()
        .find(|c| c.row == row && c.col == col)
        .expect("cell");
    let v = c.value.unwrap_or(Num::ZERO) + d;
    c.state = CellState::Number;
    c.value = Some(v);
    c.raw = v.to_string().into();
}

/// One more application, received and granted, so every identity still holds.
fn bump(t: &mut nianbao::model::Table, outcome: &str) {
    for row in ["new_received", outcome, "total_processed"] {
        add(t, row, "natural_person", 1);
        add(t, row, "total", 1);
    }
}

/// Applies the fault; returns its rule and whether it breaks an identity (T305 may stand in).
fn inject(r: &mut Report, style: &mut Style, fault: &str) -> (&'static str, bool) {
    let year = r.meta.year.unwrap_or(2023);
    match fault {
        "T301" => {
            let t = t3(r);
            add(t, "new_received", "natural_person", 1);
            add(t, "new_received", "total", 1);
            ("T301", true)
        }
        "T302" => {
            let t = t3(r);
            bump(t, "granted");
            add(t, "total_processed", "natural_person", 1);
            add(t, "total_processed", "total", 1);
            add(t, "carried_forward", "natural_person", -1);
            add(t, "carried_forward", "total", -1);
            add(t, "new_received", "natural_person", 0);
            // carried_forward may now be -1: keep it ≥ 0 by receiving one more that is still open.
            add(t, "new_received", "natural_person", 1);
            add(t, "new_received", "total", 1);
            add(t, "carried_forward", "natural_person", 1);
            add(t, "carried_forward", "total", 1);
            ("T302", true)
        }
        "T303" => {
            let t = t3(r);
            bump(t, "granted");
            bump(t, "partially_granted");
            add(t, "granted", "natural_person", 1);
            add(t, "partially_granted", "natural_person", -1);
            ("T303", true)
        }
        "T304" => {
            let t = t3(r);
            bump(t, "granted");
            let half = Num::from_millionths(500_000);
            for (row, d) in [("granted", -half), ("partially_granted", half)] {
                shift(t, row, "natural_person", d);
                shift(t, row, "total", d);
            }
            ("T304", false)
        }
        "T401" => {
            add(t4(r), "review", "total", 1);
            ("T401", true)
        }
        "T402" => {
            let t = t4(r);
            let old = t
                .get("review", "upheld")
                .and_then(|c| c.value)
                .unwrap_or(Num::ZERO)
                .whole();
            add(t, "review", "upheld", -1 - old);
            add(t, "review", "corrected", 1 + old);
            ("T402", false)
        }
        "T201" => {
            let id = if r.table(TableId::T2v2019).is_some() {
                TableId::T2v2019
            } else {
                TableId::T2
            };
            let t = r.tables.iter_mut().find(|t| t.id == id).expect("table 二");
            let c = t
                .cells
                .iter_mut()
                .find(|c| c.row == "penalty")
                .expect("penalty");
            c.value = Some(Num::int(-2));
            c.raw = "-2".into();
            c.state = CellState::Number;
            ("T201", false)
        }
        "Y001" => {
            for y in &mut r.meta.years {
                if y.source == nianbao::model::YearSource::Body {
                    y.year = year - 1;
                }
            }
            ("Y001", false)
        }
        "Y002" => {
            if let Some(p) = &mut r.meta.published {
                p.date.month = 5;
            }
            ("Y002", false)
        }
        "P004" => {
            style.drop_s6 = true;
            ("P004", false)
        }
        "P005" => {
            style.misnumber_s5 = true;
            ("P005", false)
        }
        "N001" => {
            bump(t3(r), "granted");
            let total = r
                .table(TableId::T3)
                .and_then(|t| t.get("new_received", "total"))
                .and_then(|c| c.value)
                .unwrap_or(Num::ZERO);
            r.text_figures.push(TextFigure {
                table: TableId::T3,
                row: "new_received",
                col: "total",
                value: total + Num::int(3),
                quote: String::new(),
                span: Default::default(),
            });
            ("N001", false)
        }
        _ => {
            let t = t3(r);
            let c = t
                .cells
                .iter_mut()
                .find(|c| c.row == "carried_over" && c.col == "research")
                .expect("cell");
            c.state = CellState::Text;
            c.value = None;
            c.raw = "约3".into();
            ("P008", false)
        }
    }
}

/// 256 cases by default; `PROPTEST_CASES` sets more for a long run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}
