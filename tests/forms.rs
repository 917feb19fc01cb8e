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
    let o = outcome("reports/real/shanghai_szfbgt_2019.html");
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

// ---------------------------------------------------------------------------------------
// Word (.docx), spreadsheets and old Word files (issue 8, points 2, 4 and 5).

mod office {
    use crate::util::fixture;
    use nianbao::ingest::{Block, Document};
    use nianbao::model::{CellState, TableId};

    fn read(rel: &str) -> Document {
        nianbao::ingest::read(&fixture(rel)).unwrap_or_else(|e| panic!("{rel}: {e:?}"))
    }

    /// Each table's rows of cell texts.
    fn tables(doc: &Document) -> Vec<Vec<Vec<String>>> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(
                    t.rows
                        .iter()
                        .map(|r| r.iter().map(|c| c.text(&doc.text).to_owned()).collect())
                        .collect(),
                ),
                Block::Line(_) => None,
            })
            .collect()
    }

    /// The non-empty lines outside tables.
    fn lines(doc: &Document) -> Vec<String> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(s) => Some(doc.slice(*s).trim().to_owned()),
                Block::Table(_) => None,
            })
            .filter(|l| !l.is_empty())
            .collect()
    }

    fn facts(rel: &str) -> String {
        let o = nianbao::pipeline::process_one(&fixture(rel), false);
        let r = o
            .report
            .as_ref()
            .unwrap_or_else(|| panic!("{rel}: no report"));
        nianbao::render::facts::facts_csv(r)
    }

    /// The DOCX reading of a report equals the Tika text reading of it, cell for cell.
    fn same_reading(docx: &str, txt: &str) {
        let (d, t) = (read(docx), read(txt));
        assert_eq!(tables(&d), tables(&t), "{docx} vs {txt}: tables");
        assert_eq!(lines(&d), lines(&t), "{docx} vs {txt}: lines");
        assert_eq!(facts(docx), facts(txt), "{docx} vs {txt}: facts");
    }

    // See: issue 8, "template_2021_blank.docx gives every table, every cell blank, Z001".
    #[test]
    fn the_blank_2021_template_as_word_saved_it_gives_every_cell_blank_and_z001() {
        let path = fixture("reports/real/template_2021_blank.docx");
        let o = nianbao::pipeline::process_one(&path, false);
        let r = o.report.as_ref().expect("a report");
        assert_eq!(o.format.as_str(), "docx");
        assert_eq!(r.meta.template.map(|t| t.as_str()), Some("2021"));
        for t in [TableId::T2, TableId::T3, TableId::T4] {
            assert!(r.cells().any(|(id, _)| id == t), "{t:?} missing");
        }
        assert_eq!(r.cells().count(), 10 + 25 * 7 + 15);
        assert!(r.cells().all(|(_, c)| c.state == CellState::Blank));
        let rules: Vec<_> = o.findings.iter().map(|f| f.rule.0).collect();
        assert!(rules.contains(&"Z001"), "{rules:?}");
        assert!(
            o.worst() < Some(nianbao::model::Severity::Error),
            "{rules:?}"
        );
    }

    // The seed is the Tika text of a .docx; the same report as a Word file (the real 2021
    // template filled with the seed's cells, tests/fixtures/formats/docx/make_seed_docx.py)
    // reads to the same cells, lines and facts.
    #[test]
    fn the_seed_as_a_word_file_reads_as_its_tika_text() {
        same_reading(
            "formats/docx/seed_huancui_2023.docx",
            "reports/seed/huancui_shangwuju_2023.txt",
        );
        let want =
            std::fs::read_to_string(fixture("reports/seed/huancui_shangwuju_2023.facts.csv"))
                .unwrap();
        assert_eq!(facts("formats/docx/seed_huancui_2023.docx"), want);
    }

    #[test]
    fn slash_and_blank_cells_and_a_label_wrapped_by_a_line_break_read_as_in_tika_text() {
        same_reading(
            "formats/docx/seed_variant_2023.docx",
            "formats/docx/seed_variant_2023.txt",
        );
        let f = facts("formats/docx/seed_variant_2023.docx");
        for row in [
            "t2,rules,issued,,na,/",
            "t2,normative,repealed,,blank,",
            "t3,carried_over,research,,na,/",
            "t3,carried_over,nonprofit,,blank,",
            "t3,new_received,natural_person,1,number,1",
        ] {
            assert!(f.lines().any(|l| l == row), "{row} not in\n{f}");
        }
    }

    fn rules(rel: &str) -> Vec<&'static str> {
        let o = nianbao::pipeline::process_one(&fixture(rel), false);
        o.findings.iter().map(|f| f.rule.0).collect()
    }

    // The seed as LibreOffice Calc saves it after importing the report as a web page
    // (tests/fixtures/formats/make_office_fixtures.sh): paragraphs in column A, tables of
    // merged cells, no blank rows between them.
    #[test]
    fn the_seed_as_a_workbook_gives_the_seed_facts_in_every_spreadsheet_format() {
        let want =
            std::fs::read_to_string(fixture("reports/seed/huancui_shangwuju_2023.facts.csv"))
                .unwrap();
        let seed = rules("reports/seed/huancui_shangwuju_2023.txt");
        for ext in ["xlsx", "xls", "ods"] {
            let rel = format!("formats/sheet/seed_huancui_2023.{ext}");
            assert_eq!(facts(&rel), want, "{rel}");
            assert_eq!(rules(&rel), seed, "{rel}");
            assert_eq!(read(&rel).format.as_str(), ext);
        }
    }

    fn soffice_on_path() -> bool {
        std::env::var_os("PATH")
            .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("soffice").is_file()))
    }

    // Old Word files go through LibreOffice; without it they are P001 saying so.
    #[test]
    fn the_seed_as_an_old_word_file_and_as_odt_gives_the_seed_facts_through_libreoffice() {
        if !soffice_on_path() {
            #[allow(clippy::print_stderr)]
            {
                eprintln!(
                    "note: soffice (LibreOffice) not on PATH: .doc/.odt conversion not tested"
                );
            }
            return;
        }
        let want =
            std::fs::read_to_string(fixture("reports/seed/huancui_shangwuju_2023.facts.csv"))
                .unwrap();
        let seed = rules("reports/seed/huancui_shangwuju_2023.txt");
        for ext in ["doc", "odt"] {
            // One conversion per file: LibreOffice takes seconds.
            let rel = format!("formats/doc/seed_huancui_2023.{ext}");
            let o = nianbao::pipeline::process_one(&fixture(&rel), false);
            let r = o
                .report
                .as_ref()
                .unwrap_or_else(|| panic!("{rel}: {:?}", o.findings));
            assert_eq!(nianbao::render::facts::facts_csv(r), want, "{rel}");
            let found: Vec<_> = o.findings.iter().map(|f| f.rule.0).collect();
            assert_eq!(found, seed, "{rel}");
            assert_eq!(o.format.as_str(), "doc");
        }
    }

    // See: issue 8, "Hostile files of each format … give P001 with a message that says what
    // is wrong, and the batch goes on".
    #[test]
    fn hostile_word_and_excel_files_are_p001_saying_what_is_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let good = std::fs::read(fixture("formats/docx/seed_huancui_2023.docx")).unwrap();
        let xlsx = std::fs::read(fixture("formats/sheet/seed_huancui_2023.xlsx")).unwrap();
        // 4 MiB of spaces in 4 KiB (tests/fixtures/formats/README.md).
        let bomb = std::fs::read(fixture("formats/hostile/bomb.docx")).unwrap();
        let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        encrypted.extend("EncryptedPackage".bytes().flat_map(|b| [b, 0]));
        let cases: [(&str, Vec<u8>, &str); 6] = [
            ("truncated.docx", good[..good.len() / 2].to_vec(), "损坏"),
            ("bomb.docx", bomb, "上限"),
            ("locked.docx", encrypted.clone(), "加密"),
            ("locked.xlsx", encrypted, "加密"),
            ("truncated.xlsx", xlsx[..xlsx.len() / 3].to_vec(), "损坏"),
            ("not_a_zip.docx", b"PK\x03\x04 nothing".to_vec(), "损坏"),
        ];
        for (name, bytes, says) in cases {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let o = nianbao::pipeline::process_one(&path, false);
            let p001 = o.findings.iter().find(|f| f.rule.0 == "P001");
            let msg = p001
                .map(|f| f.kind.message(nianbao::model::Lang::Zh))
                .unwrap_or_else(|| panic!("{name}: no P001 in {:?}", o.findings));
            assert!(msg.contains(says), "{name}: {msg}");
        }
        // A Word file called .xlsx is read as the Word file it is.
        let path = dir.path().join("report.xlsx");
        std::fs::write(&path, &good).unwrap();
        let o = nianbao::pipeline::process_one(&path, false);
        assert_eq!(o.format.as_str(), "docx");
        assert!(o.report.is_some());
    }
}
