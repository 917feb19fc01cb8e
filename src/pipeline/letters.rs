//! Gathers the review letters of a batch: every finding of findings.csv and every row of
//! missing.csv goes into exactly one letter, that of its unit and year (a report that matched
//! no roster unit gets a letter of its own).

use super::Batch;
use crate::model::{Date, Finding, FindingKind, Lang};
use crate::render::letters::{File, Letter, Problem, Which};
use std::collections::BTreeMap;

/// The letters to write, sorted by year and stem.
pub(super) fn gather(
    batch: &Batch,
    locations: &[Vec<String>],
    lang: Lang,
    which: Which,
) -> Vec<Letter> {
    if which == Which::None {
        return Vec::new();
    }
    let mut letters: BTreeMap<(Option<i32>, String), Letter> = BTreeMap::new();
    let mut unmatched = 0;
    for (i, o) in batch.outcomes.iter().enumerate() {
        let meta = crate::aggregate::report_meta(batch, i);
        let stem = if meta.unit_id.is_empty() {
            unmatched += 1;
            format!("_unmatched-{unmatched:03}")
        } else {
            meta.unit_id.clone()
        };
        let letter = entry(
            &mut letters,
            &meta.unit_id,
            &meta.unit_name,
            &meta.level,
            meta.year,
            stem,
        );
        letter.files.push(File {
            path: meta.path.clone(),
            published: o
                .report
                .as_ref()
                .and_then(|r| r.meta.published)
                .map(|p| p.date),
        });
        let locs = locations.get(i);
        for (k, f) in o.findings.iter().enumerate() {
            let line = locs.and_then(|l| l.get(k)).map_or("", String::as_str);
            letter.problems.push(problem(f, &meta.path, line, lang));
        }
    }
    for f in &batch.unit_findings {
        if let FindingKind::NoReport { unit, year } = &f.kind {
            let u = batch
                .roster
                .as_ref()
                .and_then(|r| r.units.iter().find(|u| &u.name == unit));
            let (id, level) = u.map_or(("", ""), |u| (u.id.as_str(), u.level.as_str()));
            let stem = if id.is_empty() {
                unit.clone()
            } else {
                id.to_owned()
            };
            entry(&mut letters, id, unit, level, Some(*year), stem)
                .problems
                .push(problem(f, "", "", lang));
        }
    }
    for m in &batch.missing {
        entry(
            &mut letters,
            &m.unit_id,
            &m.unit_name,
            &m.level,
            Some(m.year),
            m.unit_id.clone(),
        )
        .missing
        .push(m.status);
    }
    if which == Which::All {
        if let Some(r) = &batch.roster {
            for u in &r.units {
                for &y in &batch.years {
                    entry(
                        &mut letters,
                        &u.id,
                        &u.name,
                        &u.level,
                        Some(y),
                        u.id.clone(),
                    );
                }
            }
        }
    }
    letters
        .into_values()
        .filter(|l| which == Which::All || l.has_problems())
        .collect()
}

/// The letter of a unit (or report) and year, made when first asked for.
fn entry<'a>(
    letters: &'a mut BTreeMap<(Option<i32>, String), Letter>,
    unit_id: &str,
    name: &str,
    level: &str,
    year: Option<i32>,
    stem: String,
) -> &'a mut Letter {
    letters
        .entry((year, stem.clone()))
        .or_insert_with(|| Letter {
            unit_id: unit_id.to_owned(),
            unit_name: name.to_owned(),
            year,
            stem,
            deadline: year.map(|y| deadline(y, level, name)),
            ..Letter::default()
        })
}

/// A finding as a letter says it: where by the template's labels (the cell, else the line).
fn problem(f: &Finding, path: &str, line: &str, lang: Lang) -> Problem {
    let place = match (&f.cell, &f.kind) {
        (Some(c), _) => c.name(lang),
        (None, FindingKind::SectionMissing { section })
        | (None, FindingKind::SectionMisnumbered { section, .. })
        | (None, FindingKind::SectionOutOfOrder { section, .. }) => match lang {
            Lang::Zh => section.heading_zh().to_owned(),
            Lang::En => format!("section {}", section.number()),
        },
        _ => line
            .split(' ')
            .next()
            .and_then(|at| at.split(':').next())
            .filter(|l| !l.is_empty() && !l.contains('/'))
            .map(|l| match lang {
                Lang::Zh => format!("第{l}行"),
                Lang::En => format!("line {l}"),
            })
            .unwrap_or_default(),
    };
    Problem {
        rule: f.rule.0,
        severity: f.severity,
        file: path.to_owned(),
        place,
        message: f.kind.message(lang),
    }
}

/// The publication deadline of a year's report: 31 March of the next year for a government's
/// own report (roster level government or district, or a name ending in 人民政府), else 31
/// January.
fn deadline(year: i32, level: &str, name: &str) -> Date {
    let government = matches!(level, "government" | "district") || name.ends_with("人民政府");
    Date {
        year: year + 1,
        month: if government { 3 } else { 1 },
        day: 31,
    }
}
