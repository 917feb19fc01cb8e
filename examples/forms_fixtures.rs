//! Writes the text, truth and HTML of the cross-form fixtures (tests/fixtures/forms, see its
//! README.md): the seed, and two generated reports with blank cells, "/" cells, wrapped
//! labels and a non-zero table 四 (one 2021-template, one 2019-template). LibreOffice turns
//! each HTML into the other forms (tests/fixtures/forms/make.sh).
//!
//! `cargo run --example forms_fixtures -- OUT_DIR`

#![allow(clippy::print_stderr)]

use nianbao::gen::forms::{outline, render_dressed, Dress, Part, Style, TextForm};
use nianbao::gen::html::{page, PageStyle};
use nianbao::gen::random::{random_report, sprinkle_empty_cells, Rng};
use nianbao::model::{CellState, Num, Report, TableId};
use nianbao::render::grid;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: forms_fixtures OUT_DIR")?;
    let out = Path::new(&out);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));

    // The seed: its own text, its tables redrawn in the national layout.
    let seed = std::fs::read_to_string(root.join("data/seed/huancui_shangwuju_2023.txt"))?;
    let doc = nianbao::ingest::decode("seed.txt".as_ref(), seed.as_bytes())
        .map_err(|p| format!("{p:?}"))?;
    let report = nianbao::parse::parse(&doc).report;
    let dir = out.join("seed");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("seed.txt"), &seed)?;
    std::fs::write(
        dir.join("seed.facts.csv"),
        nianbao::render::facts::facts_csv(&report),
    )?;
    let parts = seed_parts(&seed);
    std::fs::write(
        dir.join("seed.html"),
        page(&parts, &grid::tables(&report), &PageStyle::default()),
    )?;

    for (name, year) in [("gen2023", 2023), ("gen2020", 2020)] {
        let (seed, report) = pick(year);
        eprintln!("{name}: random report seed {seed}");
        let dir = out.join(name);
        std::fs::create_dir_all(&dir)?;
        let prose = nianbao::gen::district::prose(&mut Rng::new(seed), "示例区统计局");
        let dress = Dress::house(&report, &prose);
        let text = render_dressed(&report, TextForm::Tika, Style::default(), &dress);
        std::fs::write(dir.join(format!("{name}.txt")), text)?;
        std::fs::write(
            dir.join(format!("{name}.facts.csv")),
            nianbao::render::facts::facts_csv(&report),
        )?;
        let parts = outline(&report, Style::default(), &dress);
        std::fs::write(
            dir.join(format!("{name}.html")),
            page(&parts, &grid::tables(&report), &PageStyle::default()),
        )?;
    }
    Ok(())
}

/// The first random report of `year` (from seed 1 on) whose tables show blank cells, "/"
/// cells, figures in table 三 beyond the first rows and a non-zero table 四.
fn pick(year: i32) -> (u64, Report) {
    let mut seed = 1;
    loop {
        let mut rng = Rng::new(seed);
        let mut r = random_report(&mut rng, year, year <= 2020);
        sprinkle_empty_cells(&mut rng, &mut r, true);
        r.meta.unit_name = Some("示例区统计局".into());
        r.meta.title = Some(format!("示例区统计局{year}年政府信息公开工作年度报告"));
        let count = |state: CellState| r.cells().filter(|(_, c)| c.state == state).count();
        let t4 = r
            .table(TableId::T4)
            .and_then(|t| t.get("review", "total"))
            .and_then(|c| c.value)
            .is_some_and(|v| v > Num::ZERO);
        let t3 = r
            .table(TableId::T3)
            .and_then(|t| t.get("denied.third_party", "total"))
            .and_then(|c| c.value)
            .is_some_and(|v| v > Num::ZERO);
        if count(CellState::Blank) >= 2 && count(CellState::Na) >= 2 && t4 && t3 {
            return (seed, r);
        }
        seed += 1;
    }
}

/// The seed's paragraphs in order, a `Part::Table` where each of its three tables stands
/// (a table runs from its first tab-led line to the next section's heading).
fn seed_parts(text: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut table: Option<usize> = None;
    let mut next = 0;
    for line in text.lines() {
        if let Some(k) = table {
            let ends = [["三", "3"], ["四", "4"], ["五", "5"]][k]
                .iter()
                .any(|n| line.starts_with(n) && line[n.len()..].starts_with(['、', '．', '.']));
            if !ends {
                continue;
            }
            table = None;
        }
        if line.starts_with('\t') && next < 3 {
            parts.push(Part::Table(next));
            table = Some(next);
            next += 1;
        } else if !line.trim().is_empty() {
            let l = line.trim().to_string();
            parts.push(if parts.is_empty() {
                Part::Title(l)
            } else {
                Part::Para(l)
            });
        }
    }
    parts
}
