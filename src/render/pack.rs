//! The chart pack of `run`: charts/*.png|svg, index.html and the font the page uses.

use super::charts;
use super::write::Artifact;
use crate::pipeline::Batch;
use polars::prelude::DataFrame;

/// charts/*.png|svg, index.html and the font the page uses.
#[allow(clippy::too_many_arguments)]
pub fn chart_pack(
    batch: &Batch,
    inputs: &[std::path::PathBuf],
    font: &'static [u8],
    units: &DataFrame,
    district: &DataFrame,
    cells: &[super::rollup::RollupCell],
    rollups: Vec<String>,
    letters: Vec<super::index::LetterEntry>,
    scored: Option<&crate::score::Scored>,
) -> Result<(Vec<Artifact>, charts::Pack), String> {
    let levels: Vec<(String, String)> = batch
        .roster
        .iter()
        .flat_map(|r| r.units.iter().map(|u| (u.id.clone(), u.level.clone())))
        .collect();
    let status = charts::level_status(&levels, &batch.missing, &batch.years);
    let mut data = charts::data_from(units, district, cells, status).map_err(|e| e.to_string())?;
    data.findings = finding_counts(batch);
    data.scores = score_rows(scored);
    let pack = charts::pack(&data, font);
    let mut out = Vec::new();
    for c in &pack.charts {
        out.push(Artifact {
            rel_path: format!("charts/{}.png", c.name),
            bytes: c.png.clone(),
        });
        out.push(Artifact {
            rel_path: format!("charts/{}.svg", c.name),
            bytes: c.svg.clone().into_bytes(),
        });
    }
    let mut by_rule: std::collections::BTreeMap<&'static str, usize> = Default::default();
    for f in batch
        .outcomes
        .iter()
        .flat_map(|o| &o.findings)
        .chain(&batch.unit_findings)
    {
        *by_rule.entry(f.rule.0).or_default() += 1;
    }
    let findings = by_rule
        .into_iter()
        .map(|(rule, count)| {
            let info = crate::check::rule_info(rule);
            super::index::RuleCount {
                rule,
                title: info.map_or("", |i| i.summary_zh),
                severity: info.map_or("warning", |i| i.severity.as_str()),
                count,
            }
        })
        .collect();
    let years = match (batch.years.first(), batch.years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => "-".into(),
    };
    let page = super::index::Page {
        years,
        inputs: inputs.iter().map(|p| p.display().to_string()).collect(),
        files: batch.outcomes.len(),
        roster: batch.roster_path.as_ref().map(|p| p.display().to_string()),
        pack: &pack,
        rollups,
        missing: batch
            .missing
            .iter()
            .map(|m| super::index::MissingEntry {
                unit_id: m.unit_id.clone(),
                unit_name: m.unit_name.clone(),
                level: charts::level_label(&m.level),
                year: m.year,
                status: super::xlsx::status_zh(m.status).to_string(),
                candidates: m.candidates.clone(),
            })
            .collect(),
        findings,
        letters,
        key: key_figures(batch),
    };
    let html = super::index::index_html(&page).map_err(|e| e.to_string())?;
    if page.letters.len() > super::index::TOP {
        out.push(Artifact {
            rel_path: "letters/index.html".into(),
            bytes: super::index::letters_index_html(&page.letters).into_bytes(),
        });
    }
    out.push(Artifact {
        rel_path: "index.html".into(),
        bytes: html.into_bytes(),
    });
    out.push(Artifact {
        rel_path: "assets/NotoSansSC-Regular.subset.otf".into(),
        bytes: font.to_vec(),
    });
    Ok((out, pack))
}

/// Findings per year, unit and rule: the roster's name (the report's own without a roster),
/// the district's name dropped; R003 (no report) under the unit it is about.
fn finding_counts(batch: &Batch) -> Vec<charts::FindingCount> {
    let mut counts: std::collections::BTreeMap<(i32, String, &'static str), u32> =
        Default::default();
    for (i, o) in batch.outcomes.iter().enumerate() {
        let meta = crate::aggregate::report_meta(batch, i);
        let (Some(year), false) = (meta.year, meta.unit_name.is_empty()) else {
            continue;
        };
        for f in &o.findings {
            *counts
                .entry((year, meta.unit_name.to_owned(), f.rule.0))
                .or_default() += 1;
        }
    }
    for f in &batch.unit_findings {
        if let crate::model::FindingKind::NoReport { unit, year } = &f.kind {
            *counts.entry((*year, unit.clone(), f.rule.0)).or_default() += 1;
        }
    }
    let names: Vec<String> = counts.keys().map(|k| k.1.clone()).collect();
    let prefix = charts::region_prefix(&names);
    counts
        .into_iter()
        .map(|((year, unit, rule), count)| charts::FindingCount {
            year,
            unit: charts::display_name(&unit, &prefix),
            rule,
            count,
        })
        .collect()
}

/// The figures index.html opens with.
fn key_figures(batch: &Batch) -> super::index::KeyFigures {
    let with_errors = batch
        .outcomes
        .iter()
        .filter(|o| o.worst() == Some(crate::model::Severity::Error))
        .count();
    let Some(roster) = &batch.roster else {
        let dash = || "—".to_owned();
        return super::index::KeyFigures {
            units: dash(),
            expected: dash(),
            reported: dash(),
            on_time: dash(),
            no_report: dash(),
            missing: dash(),
            with_errors,
        };
    };
    let rows = |status: &str| batch.missing.iter().filter(|m| m.status == status).count();
    let expected = roster.units.len() * batch.years.len();
    let reported = expected.saturating_sub(rows("no_report") + rows("unreadable"));
    let missing: std::collections::BTreeSet<(&str, i32)> = batch
        .missing
        .iter()
        .map(|m| (m.unit_id.as_str(), m.year))
        .collect();
    super::index::KeyFigures {
        units: roster.units.len().to_string(),
        expected: expected.to_string(),
        reported: reported.to_string(),
        on_time: reported.saturating_sub(rows("late")).to_string(),
        no_report: rows("no_report").to_string(),
        missing: missing.len().to_string(),
        with_errors,
    }
}

/// scores.csv's rows for the ranking charts, names shown without the district's prefix.
fn score_rows(scored: Option<&crate::score::Scored>) -> Vec<charts::ranking::ScoreRow> {
    let Some(scored) = scored else {
        return Vec::new();
    };
    let names: Vec<String> = scored
        .scores
        .iter()
        .map(|s| s.subject.unit_name.to_owned())
        .collect();
    let prefix = charts::region_prefix(&names);
    scored
        .scores
        .iter()
        .map(|s| charts::ranking::ScoreRow {
            year: s.subject.year,
            level: s.subject.level.to_owned(),
            name: charts::display_name(s.subject.unit_name, &prefix),
            score: s.score.as_f64(),
            rank: s.rank,
        })
        .collect()
}
