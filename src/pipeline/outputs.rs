//! Every output of a run or a merge, built from a judged batch (the rayon joins that overlap
//! the large files with the rest live here and in `finish`).

use super::{letters, locations_after, Batch, Known, RunConfig, Style, Timings};
use rayon::prelude::*;
use std::path::Path;

/// What [`run`] tells the summary.
#[derive(Clone, Debug, Default)]
pub struct Written {
    /// Region-wide reports compared with the sum.
    pub region_reports: usize,
    /// Their cells that differ from it.
    pub region_differences: usize,
    /// Charts drawn, and charts not drawn.
    pub charts: (usize, usize),
    /// Chart labels with characters the font lacks.
    pub missing_glyphs: Vec<String>,
    /// Unit-years scored (none without a roster).
    pub scored: usize,
    /// facts.csv's data rows, and whether it was written (it is not, unless asked, when it
    /// would not fit a spreadsheet).
    pub facts_csv: (usize, bool),
    /// nianbao.xlsx's sheets listed only in part ([`render::xlsx::SHEET_ROWS`] rows).
    pub cut_sheets: Vec<&'static str>,
}

pub(super) fn build<T, E: std::fmt::Display>(
    what: &'static str,
    r: std::result::Result<T, E>,
) -> crate::error::Result<T> {
    r.map_err(|e| crate::error::Error::Build {
        what,
        message: e.to_string(),
    })
}

/// facts.csv, streamed into `out`.
pub(super) fn write_facts_csv(batch: &Batch, out: &Path) -> crate::error::Result<()> {
    crate::render::write::write_streamed(out, "facts.csv", |w| {
        crate::render::tables::write_facts_csv(batch, w)
    })
    .map_err(|source| crate::error::Error::Output {
        path: out.join("facts.csv"),
        source,
    })
}

/// facts.parquet, streamed into `out` a row group at a time.
pub(super) fn write_facts_parquet(batch: &Batch, out: &Path) -> crate::error::Result<()> {
    crate::render::write::write_streamed(out, "facts.parquet", |w| {
        crate::aggregate::write_facts_parquet(batch, w)
            .map(drop)
            .map_err(|e| std::io::Error::other(e.to_string()))
    })
    .map_err(|source| crate::error::Error::Output {
        path: out.join("facts.parquet"),
        source,
    })
}

/// The charts' font: the file given with --font (kept for the whole run), else the embedded
/// one; registered with plotters.
pub(super) fn chart_font(config: &RunConfig) -> crate::error::Result<&'static [u8]> {
    let given: Option<&'static [u8]> = match &config.font {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|source| crate::error::Error::Input {
                path: p.clone(),
                source,
            })?;
            Some(Box::leak(bytes.into_boxed_slice()))
        }
        None => None,
    };
    crate::render::charts::use_font(given).map_err(|message| crate::error::Error::Build {
        what: "--font",
        message,
    })
}

/// Every output but the two large ones, each written into `out` as soon as it is built (a
/// large batch's files are never all held at once).
/// The roll-up, which needs no verdict of the rules across reports: built while they judge.
pub(super) struct RolledUp {
    facts: crate::aggregate::Facts<'static>,
    rollup: polars::prelude::DataFrame,
    cells: Vec<crate::render::rollup::RollupCell>,
}

/// The [`RolledUp`] of a read batch.
pub(super) fn roll_up(batch: &Batch) -> crate::error::Result<RolledUp> {
    use crate::{aggregate, render};
    let facts = build("the facts frame", aggregate::facts(batch))?;
    let rollup = build("the roll-up", aggregate::rollup(&facts))?;
    let cells = build("the roll-up", render::rollup::cells(&rollup))?;
    Ok(RolledUp {
        facts: facts.detach(),
        rollup,
        cells,
    })
}

pub(super) fn build_outputs(
    batch: &Batch,
    rolled_up: RolledUp,
    config: &RunConfig,
    style: &Style,
    known: &Known,
    out: &Path,
) -> crate::error::Result<Written> {
    use crate::{aggregate, render};
    let Style { font, rubric, lang } = style;
    let (font, lang) = (*font, *lang);
    let mut clock = Timings::new();
    let locations = locations_after(&batch.outcomes, known);
    clock.mark("  locations");
    let put = |name: &str, bytes: Vec<u8>| -> crate::error::Result<()> {
        render::write::write_staged(out, name, &bytes).map_err(|source| {
            crate::error::Error::Output {
                path: out.join(name),
                source,
            }
        })
    };
    let parquet = |what, df| build(what, aggregate::parquet(df));
    // A frame's CSV and Parquet files, streamed into `out` (at a million reports the units'
    // CSV text alone is some 300 MB: never held whole).
    let put_frame = |name: &str, frame: &polars::prelude::DataFrame| -> crate::error::Result<()> {
        let error = |file: String| {
            let path = out.join(&file);
            move |source| crate::error::Error::Output { path, source }
        };
        let csv = format!("{name}.csv");
        render::write::write_streamed(out, &csv, |w| render::tables::write_frame_csv(frame, w))
            .map_err(error(csv))?;
        let pq = format!("{name}.parquet");
        render::write::write_streamed(out, &pq, |w| {
            aggregate::write_parquet(frame, w).map_err(|e| std::io::Error::other(e.to_string()))
        })
        .map_err(error(pq))
    };
    put("reports.csv", render::tables::reports_csv(batch))?;
    put(
        "findings.csv",
        render::tables::findings_csv(batch, &locations, lang),
    )?;
    if batch.roster.is_some() {
        put("missing.csv", render::tables::missing_csv(batch, lang))?;
    }
    clock.mark("  reports+findings.csv");
    let scored = aggregate::scores::scores(batch, rubric, lang);
    let scores = match &scored {
        Some(scored) => {
            put("scores.csv", render::tables::scores_csv(scored))?;
            put("deductions.csv", render::tables::deductions_csv(scored))?;
            let frame = build("scores.parquet", aggregate::scores::scores_frame(scored))?;
            put(
                "scores.parquet",
                build("scores.parquet", aggregate::parquet(&frame))?,
            )?;
            Some(frame)
        }
        None => None,
    };
    clock.mark("  scores");
    let RolledUp {
        facts,
        rollup,
        cells,
    } = rolled_up;
    let facts = facts.attach(batch);
    let reports = build("reports.parquet", aggregate::reports(batch))?;
    put("reports.parquet", parquet("reports.parquet", &reports)?)?;
    let findings = build(
        "findings.parquet",
        aggregate::findings(batch, &locations, lang),
    )?;
    put("findings.parquet", parquet("findings.parquet", &findings)?)?;
    let rollup_out = build("rollup.parquet", rollup.drop("micro"))?;
    put("rollup.parquet", parquet("rollup.parquet", &rollup_out)?)?;
    put("rollup.csv", render::rollup::rollup_csv(&cells))?;
    clock.mark("  reports+findings frames");
    let units = build("units.csv", aggregate::figures::units(&facts))?;
    let district = build(
        "district.csv",
        aggregate::figures::district(&units, batch.roster.is_some()),
    )?;
    put_frame("units", &units)?;
    put_frame("district", &district)?;
    let region = build("region.csv", aggregate::region(&facts))?;
    let region_cells = build("region.csv", render::rollup::region_cells(&region))?;
    // The cell frames are done with: free them before the workbook is built.
    drop((facts, rollup));
    if region.height() > 0 {
        put_frame("region", &region)?;
    }
    let mut rollups = Vec::new();
    for (year, mut md) in render::rollup::rollup_markdown(&cells, lang) {
        let region_md = render::rollup::region_markdown(&region_cells, year, lang);
        // The page: the Markdown's title and legend, the tables in the template's layout,
        // then the region-wide reports against the sums.
        let head = md.split("\n## ").next().unwrap_or_default();
        let body = format!(
            "{}{}{}",
            render::rollup::rollup_html_body(head),
            render::rollup::official_tables(&cells, year, lang),
            render::rollup::rollup_html_body(&region_md)
        );
        put(
            &format!("rollup-{year}.html"),
            render::rollup::rollup_page(&body, year).into_bytes(),
        )?;
        rollups.push(body);
        md.push_str(&region_md);
        put(&format!("rollup-{year}.md"), md.into_bytes())?;
    }
    clock.mark("  tables");
    let letters = letters::gather(batch, &locations, lang, config.letters);
    let letter_entries = letters
        .iter()
        .map(|l| render::index::LetterEntry {
            unit_id: l.unit_id.clone(),
            unit_name: l.unit_name.clone(),
            year: l.year.map(|y| y.to_string()).unwrap_or_default(),
            problems: l.problems.len() + l.missing.len(),
            path: l.rel_stem(),
        })
        .collect();
    // The workbook (the largest file but facts.parquet, deflated on one thread) beside the
    // letters, then the charts; the letters spread over both threads when the other is free.
    let (pack, xlsx) = rayon::join(
        || {
            let mut clock = Timings::new();
            letters.par_iter().try_for_each(|letter| {
                let stem = letter.rel_stem();
                let docx = build("a review letter", render::letters::docx(letter, lang))?;
                put(
                    &format!("{stem}.html"),
                    render::letters::html(letter, lang).into_bytes(),
                )?;
                put(&format!("{stem}.docx"), docx)
            })?;
            clock.mark("  letters");
            let pack = render::pack::chart_pack(
                batch,
                &config.inputs,
                font,
                &units,
                &district,
                &cells,
                rollups,
                letter_entries,
                scored.as_ref(),
            );
            clock.mark("  charts");
            Ok::<_, crate::error::Error>(pack)
        },
        || {
            let mut clock = Timings::new();
            let xlsx = render::xlsx::workbook(&render::xlsx::Sheets {
                reports: &reports,
                units: &units,
                district: &district,
                findings: &findings,
                missing: batch.roster.is_some().then_some(batch.missing.as_slice()),
                scores: scores.as_ref(),
                region: (region.height() > 0).then_some(&region),
                rollup: &cells,
                lang,
                max_rows: render::xlsx::SHEET_ROWS,
            });
            clock.mark("  xlsx");
            xlsx
        },
    );
    clock.mark("  letters+pack+xlsx");
    let (pack_artifacts, pack) = build("the chart pack", pack?)?;
    render::write::write(&pack_artifacts, out).map_err(|source| crate::error::Error::Output {
        path: out.to_path_buf(),
        source,
    })?;
    let xlsx = build("nianbao.xlsx", xlsx)?;
    put("nianbao.xlsx", xlsx.bytes)?;
    let written = Written {
        region_reports: region_cells
            .iter()
            .map(|c| c.path.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        region_differences: region_cells
            .iter()
            .filter(|c| c.difference.is_some_and(|d| d != 0.0))
            .count(),
        charts: (pack.charts.len(), pack.skipped.len()),
        missing_glyphs: pack.missing_glyphs,
        scored: scored.map_or(0, |s| s.scores.len()),
        facts_csv: (0, false),
        cut_sheets: xlsx.cut,
    };
    Ok(written)
}
