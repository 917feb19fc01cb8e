//! `Document` → `Report`: sections by heading, metadata, tables by keyword-matched labels.
//!
//! Parsing never fails: what it cannot read becomes a finding (P002, P003, P007, P008).

mod figures;
mod glued;
mod label_runs;
mod labels;
mod memo;
mod meta;
mod sections;
mod sentences;
mod tables;
pub(crate) mod text;
pub mod unit;
mod zone;

use crate::ingest::{Block, Document};
use crate::model::{
    Finding, FindingKind, Report, ReportMeta, Section, SectionId, Severity, Span, Template,
};
use serde::{Deserialize, Serialize};

/// How far parsing got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Tables read.
    Ok,
    /// The file could not be read (P001).
    Failed,
    /// No annual-report structure (P002).
    NotAReport,
    /// A pre-2019 free-form report (P003).
    Legacy,
}

impl Status {
    /// As written in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Failed => "failed",
            Status::NotAReport => "not_a_report",
            Status::Legacy => "legacy",
        }
    }
}

/// The result of parsing one document.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The report (metadata only when the status is not `Ok`).
    pub report: Report,
    /// What parsing could not read.
    pub findings: Vec<Finding>,
    /// How far parsing got.
    pub status: Status,
}

/// Parses a decoded document.
pub fn parse(doc: &Document) -> Parsed {
    // Prose is read in Simplified (mirror sites convert pages to Traditional); the fold keeps
    // byte offsets, so spans still point into the document.
    let folded = text::fold_traditional(&doc.text);
    let lines: Vec<(usize, &str)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Line(s) => Some((s.start as usize, folded.get(s.range()).unwrap_or(""))),
            Block::Table(_) => None,
        })
        .collect();
    // A text a table swallowed whole (a one-line page text whose `|` made it a row) still
    // has its title, names and years: they are read from the text's own lines.
    let meta = if lines.is_empty() {
        let mut whole = Vec::new();
        let mut pos = 0;
        for l in folded.split('\n') {
            whole.push((pos, l));
            pos += l.len() + 1;
        }
        meta::read(&whole)
    } else {
        meta::read(&lines)
    };
    let sections = find_sections(&lines, meta.title.as_ref().map(|(_, s)| *s));
    let mut report = Report {
        meta: ReportMeta {
            unit_name: meta.units.first().map(|c| c.name.clone()),
            unit_source: meta.units.first().map(|c| c.source),
            unit_candidates: meta.units.clone(),
            title: meta.title.as_ref().map(|(t, _)| t.clone()),
            years: meta.years.clone(),
            period_year: meta.period_year,
            published: meta.published,
            scope: Some(meta.scope),
            ..ReportMeta::default()
        },
        sections,
        ..Report::default()
    };
    report.meta.year = report_year(&report.meta);
    let mut findings = Vec::new();
    if report.meta.year.is_some_and(|y| y <= 2018) {
        report.meta.template = Some(Template::Legacy);
        findings.push(Finding::new(
            "P003",
            Severity::Warning,
            FindingKind::Legacy {
                year: report.meta.year,
            },
        ));
        return Parsed {
            report,
            findings,
            status: Status::Legacy,
        };
    }
    let zone = table_zone(doc, &report.sections, &lines);
    let markers: Vec<zone::Marker> = report
        .sections
        .iter()
        .filter(|s| (s.span.start as usize) >= zone.0 && (s.span.start as usize) < zone.1)
        .map(|s| zone::Marker {
            span: s.span,
            id: s.id,
        })
        .collect();
    let rows = tables::read_rows(zone::items(doc, zone, &markers));
    let mut built = tables::build(&rows);
    glued::reconstruct(&mut built);
    findings.append(&mut built.findings);
    report.tables = built.tables;
    report.layout_2019_evidence = built.evidence_2019;
    if rows.t3.is_empty() {
        findings.retain(|f| f.rule.0 != "P007");
        findings.push(Finding::new(
            "P002",
            Severity::Error,
            FindingKind::NotAReport,
        ));
        return Parsed {
            report,
            findings,
            status: Status::NotAReport,
        };
    }
    report.meta.template = Some(if report.layout_2019_evidence.is_empty() {
        Template::V2021
    } else {
        Template::V2019
    });
    for &(base, line) in lines.iter().filter(|(b, _)| *b < zone.0) {
        figures::find(line, base, &mut report.text_figures);
    }
    let prose = lines
        .iter()
        .filter(|(b, _)| *b < zone.0 || *b >= zone.1)
        .copied();
    let headings = report.sections.iter().map(|s| s.span);
    let mask = sentences::Mask::new(
        report.meta.unit_name.as_deref(),
        meta.title
            .as_ref()
            .map(|(_, s)| *s)
            .into_iter()
            .chain(headings),
    );
    report.sentence_hashes = sentences::sentence_hashes(prose, &mask);
    Parsed {
        report,
        findings,
        status: Status::Ok,
    }
}

/// The sentence sketch of prose lines written by `unit`, as [`parse`] makes it for a report's
/// prose ([`crate::model::Report::sentence_hashes`]): for corpora made without text.
pub fn sentence_sketch<'a>(
    lines: impl IntoIterator<Item = &'a str>,
    unit: Option<&str>,
) -> Vec<u64> {
    let mask = sentences::Mask::new(unit, std::iter::empty());
    sentences::sentence_hashes(lines.into_iter().map(|l| (0, l)), &mask)
}

/// The report year N: statistics period, else title, else body, else publication year − 1.
fn report_year(meta: &ReportMeta) -> Option<i32> {
    use crate::model::YearSource::*;
    let by = |src| meta.years.iter().find(|y| y.source == src).map(|y| y.year);
    by(Period)
        .or_else(|| by(Title))
        .or_else(|| by(Body))
        .or_else(|| meta.published.map(|p| p.date.year - 1))
}

/// Section headings, one per section, in text order (the title excluded): every candidate
/// of every line, then the one `sections::choose` keeps for each section.
fn find_sections(lines: &[(usize, &str)], title: Option<Span>) -> Vec<Section> {
    let mut candidates = Vec::new();
    for &(base, line) in lines {
        let found = sections::find_in_line(line, base);
        // Only the title itself is left out: a report on one line has its headings there too.
        candidates.extend(
            found
                .into_iter()
                .filter(|h| title.is_none_or(|t| h.span.end <= t.start || h.span.start >= t.end)),
        );
    }
    sections::choose(candidates)
        .into_iter()
        .map(|h| Section {
            id: h.id,
            heading: h.text,
            numbering: h.numbering,
            number: h.number,
            span: h.span,
        })
        .collect()
}

/// The byte range holding tables 二 to 四: from the 二 heading (or the first table 二 or
/// 三 landmark) to the 五 heading (or 六, or the end).
fn table_zone(doc: &Document, sections: &[Section], lines: &[(usize, &str)]) -> (usize, usize) {
    let at = |id: SectionId| {
        sections
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.span.start as usize)
    };
    let first_table = doc.blocks.iter().find_map(|b| match b {
        Block::Table(t) => t
            .rows
            .first()
            .and_then(|r| r.first())
            .map(|c| c.span.start as usize),
        Block::Line(_) => None,
    });
    let landmark = |w: &str| {
        lines
            .iter()
            .find(|(_, l)| l.contains(w))
            .map(|(b, l)| b + l.find(w).unwrap_or(0))
    };
    let start = at(SectionId::S2)
        .or_else(|| landmark("第二十条第"))
        .or_else(|| at(SectionId::S3))
        .or(first_table)
        .or_else(|| landmark("本年新收"))
        .unwrap_or(0);
    let end = [SectionId::S5, SectionId::S6]
        .into_iter()
        .filter_map(at)
        .filter(|&p| p > start)
        .min()
        .unwrap_or(doc.text.len());
    (start, end)
}
