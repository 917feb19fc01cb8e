//! Gathers the review letters of a batch: every finding of findings.csv and every row of
//! missing.csv goes into exactly one letter, that of its unit and year (a report that matched
//! no roster unit gets a letter of its own).

use super::Batch;
use crate::model::{Finding, FindingKind, Lang};
use crate::render::letters::{File, Letter, Problem, Which};
use crate::roster::Unit;
use std::collections::{BTreeMap, HashMap};

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
    let units = batch
        .roster
        .as_ref()
        .map_or(&[][..], |r| r.units.as_slice());
    let by_id: HashMap<&str, &Unit> = units.iter().map(|u| (u.id.as_str(), u)).collect();
    let by_name: HashMap<&str, &Unit> = units.iter().map(|u| (u.name.as_str(), u)).collect();
    // Whose report is due 31 March: as Y002 decides it (the roster's level, else the name).
    let government = |id: &str, name: &str| {
        by_id.get(id).map_or_else(
            || crate::check::is_government_name(name),
            |u| u.is_government(),
        )
    };
    // Each report's letter: its unit's, or one of its own numbered in path order.
    let stems: Vec<String> = {
        let mut unmatched = 0;
        (0..batch.outcomes.len())
            .map(|i| {
                let id = crate::aggregate::report_meta(batch, i).unit_id;
                if id.is_empty() {
                    unmatched += 1;
                    format!("_unmatched-{unmatched:03}")
                } else {
                    id.to_owned()
                }
            })
            .collect()
    };
    // Unless every unit-year gets one, a report's letter is made only when one of that
    // unit-year's reports has a finding (a province's million reports are mostly clean).
    // That is every letter with files and problems: a missing.csv row other than
    // no_report comes from the counted report's findings (Y002, X003/X004, Z001, P001),
    // and an R003 or no_report letter has no report of its own.
    let wanted: Option<std::collections::HashSet<(Option<i32>, &str)>> = (which != Which::All)
        .then(|| {
            (0..batch.outcomes.len())
                .filter(|&i| !batch.outcomes[i].findings.is_empty())
                .map(|i| {
                    let year = batch.outcomes[i].report.as_ref().and_then(|r| r.meta.year);
                    (year, stems[i].as_str())
                })
                .collect()
        });
    for (i, o) in batch.outcomes.iter().enumerate() {
        let meta = crate::aggregate::report_meta(batch, i);
        let stem = &stems[i];
        if wanted
            .as_ref()
            .is_some_and(|w| !w.contains(&(meta.year, stem.as_str())))
        {
            continue;
        }
        let stem = stem.clone();
        let gov = government(meta.unit_id, meta.unit_name);
        let letter = entry(
            &mut letters,
            meta.unit_id,
            meta.unit_name,
            gov,
            meta.year,
            stem,
        );
        letter.files.push(File {
            path: meta.path.to_string(),
            published: o
                .report
                .as_ref()
                .and_then(|r| r.meta.published)
                .map(|p| p.date),
        });
        let locs = locations.get(i);
        for (k, f) in o.findings.iter().enumerate() {
            let at = locs.and_then(|l| l.get(k)).map_or("", String::as_str);
            letter.problems.push(problem(f, &meta.path, at, lang));
        }
    }
    for f in &batch.unit_findings {
        if let FindingKind::NoReport { unit, year } = &f.kind {
            let id = by_name.get(unit.as_str()).map_or("", |u| u.id.as_str());
            let stem = if id.is_empty() {
                unit.clone()
            } else {
                id.to_owned()
            };
            let gov = government(id, unit);
            entry(&mut letters, id, unit, gov, Some(*year), stem)
                .problems
                .push(problem(f, "", "", lang));
        }
    }
    for m in &batch.missing {
        let gov = government(&m.unit_id, &m.unit_name);
        entry(
            &mut letters,
            &m.unit_id,
            &m.unit_name,
            gov,
            Some(m.year),
            m.unit_id.clone(),
        )
        .missing
        .push(m.status);
    }
    if which == Which::All {
        for u in units {
            for &y in &batch.years {
                let gov = u.is_government();
                entry(&mut letters, &u.id, &u.name, gov, Some(y), u.id.clone());
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
    government: bool,
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
            deadline: year.map(|y| crate::check::deadline(y, government)),
            ..Letter::default()
        })
}

/// A finding as a letter says it: where by the template's labels (the cell, else the line).
fn problem(f: &Finding, path: &str, at: &str, lang: Lang) -> Problem {
    let place = match (&f.cell, &f.kind) {
        (Some(c), _) => c.name(lang),
        (None, FindingKind::SectionMissing { section })
        | (None, FindingKind::SectionMisnumbered { section, .. })
        | (None, FindingKind::SectionOutOfOrder { section, .. }) => match lang {
            Lang::Zh => section.heading_zh().to_owned(),
            Lang::En => format!("section {}", section.number()),
        },
        // Without a cell, the finding's place is `line:column` or nothing.
        _ => at
            .split(':')
            .next()
            .filter(|l| !l.is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gen::district::{write_district_with, DistrictSpec, Dressing};

    #[test]
    fn letters_made_only_where_needed_are_those_of_every_unit_year_with_something_in_them() {
        // A varied district with many faults: copies, late and missing reports, duplicates.
        let dir = tempfile::tempdir().unwrap();
        let spec = DistrictSpec {
            departments: 40,
            townships: 10,
            years: 2021..=2023,
            fault_rate: 0.4,
            seed: 11,
            dressing: Dressing::Varied,
            mix: crate::gen::file_form::FormMix::TEXT,
        };
        write_district_with(dir.path(), &spec).unwrap();
        let config = super::super::RunConfig {
            inputs: vec![dir.path().to_path_buf()],
            ..Default::default()
        };
        let batch = super::super::run_batch(&config).unwrap();
        let locations = super::super::locations(&batch.outcomes);
        let shown = |letters: Vec<Letter>| -> Vec<String> {
            letters
                .into_iter()
                .filter(Letter::has_problems)
                .map(|l| format!("{l:?}"))
                .collect()
        };
        let needed = shown(gather(&batch, &locations, Lang::Zh, Which::Problems));
        let all = shown(gather(&batch, &locations, Lang::Zh, Which::All));
        assert_eq!(needed, all);
        // Letters that list more than one file, and ones for a missing.csv row.
        assert!(needed.len() > 20, "{}", needed.len());
        assert!(!batch.missing.is_empty());
    }
}
