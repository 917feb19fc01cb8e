//! `nianbao draft`: the government's own annual report for a year, drafted from the batch
//! (its own report's tables, or the roll-up of every counted unit) with the year before for
//! the changes.

use super::{run_batch, Batch, RunConfig};
use crate::error::{DraftProblem, Error};
use crate::model::{Report, Scope};
use crate::render::draft::{self, Draft};
use std::path::{Path, PathBuf};

/// What `draft` is asked to do.
#[derive(Clone, Debug)]
pub struct DraftConfig {
    /// Inputs and roster, as for `run` (its years are set here: the year and the one before).
    pub run: RunConfig,
    /// The report year.
    pub year: i32,
    /// The unit (roster id or full name); else the roster's government.
    pub unit: Option<String>,
    /// `Own`: the unit's own report's figures; `Region`: the roll-up of every counted unit.
    pub scope: Scope,
}

/// What `draft` wrote.
#[derive(Clone, Debug)]
pub struct Drafted {
    /// draft-YEAR.docx.
    pub docx: PathBuf,
    /// draft-YEAR.md.
    pub markdown: PathBuf,
    /// The unit drafted for.
    pub unit_name: String,
    /// Reports the figures come from (1 for `self`), this year and the year before.
    pub sources: (usize, usize),
    /// Summed reports with errors or values not read, which the draft names first.
    pub caveats: usize,
}

/// Reads and checks the inputs, then writes draft-YEAR.docx and draft-YEAR.md into `out`.
pub fn draft(config: &DraftConfig, out: &Path) -> Result<Drafted, Error> {
    let year = config.year;
    if draft::template_of(year).is_none() {
        return Err(Error::Draft(DraftProblem::NoTemplate { year }));
    }
    let mut run = config.run.clone();
    run.years = Some(vec![year - 1, year]);
    run.skip.push(out.to_path_buf());
    let batch = run_batch(&run)?;
    let unit = pick_unit(&batch, config)?;
    let d = match config.scope {
        Scope::Region => region(&batch, &unit, year)?,
        Scope::Own => own(&batch, &unit, year)?,
    };
    let output_error = |path: PathBuf| move |source| Error::Output { path, source };
    std::fs::create_dir_all(out).map_err(output_error(out.to_path_buf()))?;
    std::fs::write(out.join(crate::ingest::OUTPUT_MARK), b"")
        .map_err(output_error(out.join(crate::ingest::OUTPUT_MARK)))?;
    // Beside whatever else the folder holds (a run's outputs): each file written whole and
    // renamed into place.
    let docx_name = format!("draft-{year}.docx");
    let md_name = format!("draft-{year}.md");
    let artifacts = [
        crate::render::write::Artifact {
            rel_path: docx_name.clone(),
            bytes: draft::docx(&d).map_err(output_error(out.join(&docx_name)))?,
        },
        crate::render::write::Artifact {
            rel_path: md_name.clone(),
            bytes: draft::markdown(&d).into_bytes(),
        },
    ];
    crate::render::write::write(&artifacts, out).map_err(output_error(out.to_path_buf()))?;
    let (docx_path, md_path) = (out.join(docx_name), out.join(md_name));
    Ok(Drafted {
        docx: docx_path,
        markdown: md_path,
        caveats: d.caveats.len(),
        unit_name: d.unit_name,
        sources: d.sources,
    })
}

/// The unit drafted for: its roster index (when there is a roster) and name.
struct Unit {
    index: Option<usize>,
    name: String,
}

fn pick_unit(batch: &Batch, config: &DraftConfig) -> Result<Unit, Error> {
    let unknown = |u: &str| {
        Error::Draft(DraftProblem::UnknownUnit {
            unit: u.to_string(),
        })
    };
    match (&batch.roster, &config.unit) {
        (Some(roster), Some(u)) => roster
            .units
            .iter()
            .position(|r| r.id == *u || r.name == *u)
            .map(|i| Unit {
                index: Some(i),
                name: roster.units[i].name.clone(),
            })
            .ok_or_else(|| unknown(u)),
        (Some(roster), None) => roster
            .units
            .iter()
            .position(|r| r.is_government())
            .map(|i| Unit {
                index: Some(i),
                name: roster.units[i].name.clone(),
            })
            .ok_or(Error::Draft(DraftProblem::NoUnit)),
        // Without a roster, a unit is known by the name its reports give.
        (None, Some(u)) => batch
            .outcomes
            .iter()
            .filter_map(|o| o.report.as_ref()?.meta.unit_name.as_deref())
            .any(|n| n == u)
            .then(|| Unit {
                index: None,
                name: u.clone(),
            })
            .ok_or_else(|| unknown(u)),
        (None, None) => match config.scope {
            Scope::Own => Err(Error::Draft(DraftProblem::NoUnit)),
            Scope::Region => Ok(Unit {
                index: None,
                name: draft::TO_FILL.to_string(),
            }),
        },
    }
}

/// The roll-up of every counted unit for the year and the year before.
fn region(batch: &Batch, unit: &Unit, year: i32) -> Result<Draft, Error> {
    let build = |what: &'static str| {
        move |e: polars::error::PolarsError| Error::Build {
            what,
            message: e.to_string(),
        }
    };
    let facts = crate::aggregate::facts(batch).map_err(build("the facts frame"))?;
    let rollup = crate::aggregate::rollup(&facts).map_err(build("the roll-up"))?;
    let cells = crate::render::rollup::cells(&rollup).map_err(build("the roll-up"))?;
    let figures =
        draft::from_rollup(&cells, year).ok_or(Error::Draft(DraftProblem::NoReports { year }))?;
    let previous = draft::from_rollup(&cells, year - 1);
    let count = |y: i32| {
        (0..batch.outcomes.len())
            .filter(|&i| batch.in_rollup(i) && report_year(batch, i) == Some(y))
            .count()
    };
    // The reports summed whose tables are wrong (errors) or not wholly read (P007).
    let mut caveats = Vec::new();
    for (i, o) in batch.outcomes.iter().enumerate() {
        if !batch.in_rollup(i) || report_year(batch, i) != Some(year) {
            continue;
        }
        let mut why: Vec<String> = o
            .findings
            .iter()
            .filter(|f| f.severity == crate::model::Severity::Error || f.rule.0 == "P007")
            .map(|f| crate::check::registry::short_zh(f.rule.0).to_string())
            .collect();
        why.sort();
        why.dedup();
        if why.is_empty() {
            continue;
        }
        let name = match (o.unit, &batch.roster) {
            (Some(u), Some(r)) => r.units.get(u).map(|u| u.name.clone()),
            _ => None,
        };
        let name = name
            .or_else(|| o.report.as_ref()?.meta.unit_name.clone())
            .unwrap_or_else(|| o.path.display().to_string());
        caveats.push((name, why));
    }
    caveats.sort();
    Ok(Draft {
        unit_name: unit.name.clone(),
        year,
        scope: Scope::Region,
        figures,
        previous,
        sources: (count(year), count(year - 1)),
        caveats,
    })
}

fn report_year(batch: &Batch, i: usize) -> Option<i32> {
    batch.outcomes[i].report.as_ref()?.meta.year
}

/// The unit's own counted report for the year and the year before.
fn own(batch: &Batch, unit: &Unit, year: i32) -> Result<Draft, Error> {
    let find = |y: i32| -> Option<Report> {
        batch.outcomes.iter().enumerate().find_map(|(i, o)| {
            let r = o.report.as_ref()?;
            let ours = match unit.index {
                Some(u) => o.unit == Some(u) && batch.counted[i],
                None => batch.counted[i] && r.meta.unit_name.as_deref() == Some(unit.name.as_str()),
            };
            (ours && r.meta.scope != Some(Scope::Region) && r.meta.year == Some(y)).then(|| {
                Report {
                    meta: crate::model::ReportMeta {
                        year: r.meta.year,
                        template: r.meta.template,
                        scope: r.meta.scope,
                        ..Default::default()
                    },
                    tables: r.tables_view().to_vec(),
                    ..Report::default()
                }
            })
        })
    };
    let figures = find(year).ok_or_else(|| {
        Error::Draft(DraftProblem::NoOwnReport {
            unit: unit.name.clone(),
            year,
        })
    })?;
    let previous = find(year - 1);
    let sources = (1, usize::from(previous.is_some()));
    Ok(Draft {
        unit_name: unit.name.clone(),
        year,
        scope: Scope::Own,
        figures,
        previous,
        sources,
        caveats: Vec::new(),
    })
}
