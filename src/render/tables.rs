//! The district outputs as CSV: reports, facts, findings, missing (DESIGN.md "Outputs").
//!
//! UTF-8 with a BOM, so that Excel shows the Chinese right; one header line; rows sorted by
//! path (the batch's order), whatever the thread count.

use crate::aggregate::{report_meta, ReportMeta};
use crate::model::{Lang, Report, Severity, TableId};
use crate::pipeline::Batch;

const BOM: &str = "\u{feff}";

fn writer() -> csv::Writer<Vec<u8>> {
    // Writing into a Vec cannot fail.
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(BOM.as_bytes().to_vec())
}

fn finish(w: csv::Writer<Vec<u8>>) -> Vec<u8> {
    w.into_inner().expect("flush to memory")
}

/// reports.csv: one row per input file.
pub fn reports_csv(batch: &Batch) -> Vec<u8> {
    let mut w = writer();
    let header = [
        "path",
        "format",
        "encoding",
        "status",
        "unit_id",
        "unit_name",
        "unit_source",
        "year",
        "template",
        "scope",
        "published",
        "counted",
        "errors",
        "warnings",
    ];
    w.write_record(header).expect("write to memory");
    for (i, o) in batch.outcomes.iter().enumerate() {
        let counted = batch.in_rollup(i);
        let meta = o.report.as_ref().map(|r| &r.meta);
        let ReportMeta {
            unit_id, unit_name, ..
        } = report_meta(batch, i);
        let count = |s: Severity| {
            o.findings
                .iter()
                .filter(|f| f.severity == s)
                .count()
                .to_string()
        };
        w.write_record([
            o.path.display().to_string(),
            o.format.as_str().to_string(),
            o.encoding.unwrap_or("").to_string(),
            o.status.as_str().to_string(),
            unit_id.to_owned(),
            unit_name.to_owned(),
            o.unit_source
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            meta.and_then(|m| m.year)
                .map(|y| y.to_string())
                .unwrap_or_default(),
            meta.and_then(|m| m.template)
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            meta.and_then(|m| m.scope)
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            meta.and_then(|m| m.published)
                .map(|p| p.date.to_string())
                .unwrap_or_default(),
            counted.to_string(),
            count(Severity::Error),
            count(Severity::Warning),
        ])
        .expect("write to memory");
    }
    finish(w)
}

/// The most rows an Excel sheet holds, header included.
pub const EXCEL_ROWS: usize = 1_048_576;

/// facts.csv's data rows: one per table cell of every parsed report.
pub fn fact_rows(batch: &Batch) -> usize {
    batch
        .outcomes
        .iter()
        .filter_map(|o| o.report.as_ref())
        .map(Report::cell_count)
        .sum()
}

/// facts.csv: one row per table cell of every parsed report.
pub fn facts_csv(batch: &Batch) -> Vec<u8> {
    let mut out = Vec::new();
    write_facts_csv(batch, &mut out).expect("write to memory");
    out
}

/// facts.csv, streamed into `w` (the file is far larger than anything else: it is never
/// held in memory whole).
pub fn write_facts_csv(batch: &Batch, mut w: impl std::io::Write) -> std::io::Result<()> {
    w.write_all(BOM.as_bytes())?;
    w.write_all(b"unit_id,unit_name,year,path,table,row,col,value,state,raw,scope,counted\n")?;
    // A report's first four fields are the same on each of its ~200 rows: quoted once.
    let mut prefix = Vec::new();
    let mut line = Vec::with_capacity(256);
    for (i, o) in batch.outcomes.iter().enumerate() {
        let Some(r) = &o.report else { continue };
        let m = report_meta(batch, i);
        let year = m.year.map(|y| y.to_string()).unwrap_or_default();
        let suffix = format!(",{},{}\n", m.scope, m.counted);
        let (unit_id, unit_name, path) = (m.unit_id, m.unit_name, m.path);
        prefix.clear();
        for field in [unit_id, unit_name, &year, &path] {
            push_field(&mut prefix, field);
            prefix.push(b',');
        }
        let tables = r.tables_view();
        for (table, c) in cells_in_order(&tables) {
            line.clear();
            line.extend_from_slice(&prefix);
            // Ids, numbers and states never need quoting.
            for field in [table.as_str(), c.row.as_str(), c.col.as_str()] {
                line.extend_from_slice(field.as_bytes());
                line.push(b',');
            }
            if let Some(v) = c
                .value
                .filter(|_| c.state == crate::model::CellState::Number)
            {
                use std::io::Write as _;
                write!(line, "{v}")?;
            }
            line.push(b',');
            line.extend_from_slice(c.state.as_str().as_bytes());
            line.push(b',');
            push_field(&mut line, &c.raw);
            line.extend_from_slice(suffix.as_bytes());
            w.write_all(&line)?;
        }
    }
    w.flush()
}

/// A CSV field as the `csv` crate writes it: quoted, with quotes doubled, when it holds a
/// comma, a quote or a line break.
fn push_field(out: &mut Vec<u8>, field: &str) {
    if field
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        out.push(b'"');
        for b in field.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(field.as_bytes());
    }
}

fn cells_in_order<'a>(
    r: &'a crate::model::Tables<'_>,
) -> impl Iterator<Item = (TableId, &'a crate::model::Cell)> {
    [TableId::T2, TableId::T2v2019, TableId::T3, TableId::T4]
        .into_iter()
        .filter_map(|id| r.table(id))
        .flat_map(|t| t.cells.iter().map(move |c| (t.id, c)))
}

/// findings.csv: one row per finding (roster units without a report have no path).
pub fn findings_csv(batch: &Batch, locations: &[Vec<String>], lang: Lang) -> Vec<u8> {
    let mut w = writer();
    w.write_record([
        "path", "unit_id", "year", "rule", "severity", "message", "location",
    ])
    .expect("write to memory");
    for (i, (o, locs)) in batch.outcomes.iter().zip(locations).enumerate() {
        let ReportMeta {
            unit_id,
            year,
            path,
            ..
        } = report_meta(batch, i);
        let year = year.map(|y| y.to_string()).unwrap_or_default();
        for (k, f) in o.findings.iter().enumerate() {
            let loc = locs.get(k).map(String::as_str).unwrap_or("");
            w.write_record([
                &*path,
                unit_id,
                &year,
                f.rule.0,
                f.severity.as_str(),
                &f.kind.message(lang),
                loc,
            ])
            .expect("write to memory");
        }
    }
    for f in &batch.unit_findings {
        let (unit_id, year) = match &f.kind {
            crate::model::FindingKind::NoReport { unit, year } => {
                let id = batch
                    .roster
                    .as_ref()
                    .and_then(|r| r.units.iter().find(|u| &u.name == unit))
                    .map(|u| u.id.clone());
                (id.unwrap_or_default(), year.to_string())
            }
            _ => (String::new(), String::new()),
        };
        w.write_record([
            "",
            &unit_id,
            &year,
            f.rule.0,
            f.severity.as_str(),
            &f.kind.message(lang),
            "",
        ])
        .expect("write to memory");
    }
    finish(w)
}

/// missing.csv's columns.
pub const MISSING_COLUMNS: [&str; 7] = [
    "unit_id",
    "unit_name",
    "level",
    "year",
    "status",
    "candidates",
    "year_basis",
];

/// missing.csv: roster unit × expected year whose reporting is not in order.
pub fn missing_csv(batch: &Batch, lang: Lang) -> Vec<u8> {
    let mut w = writer();
    w.write_record(MISSING_COLUMNS).expect("write to memory");
    for m in &batch.missing {
        w.write_record([
            &m.unit_id,
            &m.unit_name,
            &m.level,
            &m.year.to_string(),
            m.status,
            &m.candidates.join("|"),
            &m.basis.text(lang),
        ])
        .expect("write to memory");
    }
    finish(w)
}

/// scores.csv: one row per roster unit and expected year, sorted by year, level and rank.
pub fn scores_csv(scored: &crate::score::Scored) -> Vec<u8> {
    let mut w = writer();
    w.write_record(SCORES_COLUMNS).expect("write to memory");
    for s in &scored.scores {
        let u = &s.subject;
        w.write_record([
            u.unit_id,
            u.unit_name,
            u.level,
            &u.year.to_string(),
            &s.score.to_string(),
            &s.rank.to_string(),
            &s.deductions.to_string(),
        ])
        .expect("write to memory");
    }
    finish(w)
}

/// scores.csv's columns (DESIGN.md "Outputs").
pub const SCORES_COLUMNS: [&str; 7] = [
    "unit_id",
    "unit_name",
    "level",
    "year",
    "score",
    "rank",
    "deductions",
];

/// deductions.csv: one row per point-taking charge; per unit-year its points add up to
/// full − score.
pub fn deductions_csv(scored: &crate::score::Scored) -> Vec<u8> {
    let mut w = writer();
    w.write_record(["unit_id", "year", "rule", "points", "message"])
        .expect("write to memory");
    for t in &scored.deductions {
        w.write_record([
            t.unit_id,
            &t.year.to_string(),
            t.rule,
            &t.points.to_string(),
            &t.message,
        ])
        .expect("write to memory");
    }
    finish(w)
}

/// Any frame as CSV (header = column names; null → empty; whole floats without a decimal
/// point, others in the shortest form that reads back exactly).
pub fn frame_csv(frame: &polars::prelude::DataFrame) -> Vec<u8> {
    let mut out = Vec::new();
    write_frame_csv(frame, &mut out).expect("write to memory");
    out
}

/// [`frame_csv`], streamed into `out` (a large frame's text is never held whole).
pub fn write_frame_csv(
    frame: &polars::prelude::DataFrame,
    mut out: impl std::io::Write,
) -> std::io::Result<()> {
    use polars::prelude::AnyValue;
    out.write_all(BOM.as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    let columns = frame.columns();
    w.write_record(columns.iter().map(|c| c.name().as_str()))?;
    let mut record: Vec<String> = Vec::with_capacity(columns.len());
    for i in 0..frame.height() {
        record.clear();
        for c in columns {
            record.push(match c.get(i) {
                Ok(AnyValue::Null) | Err(_) => String::new(),
                Ok(AnyValue::String(s)) => s.to_string(),
                Ok(AnyValue::StringOwned(s)) => s.to_string(),
                Ok(AnyValue::Float64(x)) => float(x),
                Ok(AnyValue::Float32(x)) => float(f64::from(x)),
                Ok(v) => v.to_string(),
            });
        }
        w.write_record(&record)?;
    }
    w.flush()
}

/// A float as written in the CSV outputs: at most six decimals (the cells' own precision),
/// no trailing zeros, no decimal point for whole numbers.
pub(crate) fn float(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::float;

    #[test]
    fn fields_are_quoted_as_the_csv_crate_quotes_them() {
        for field in [
            "plain",
            "a,b",
            "say \"x\"",
            "two\nlines",
            "cr\r",
            "",
            " 空格 ",
            "全角，逗号",
        ] {
            let mut ours = Vec::new();
            super::push_field(&mut ours, field);
            let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
            w.write_record([field, "x"]).unwrap();
            let theirs = w.into_inner().unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap() + ",x\n",
                String::from_utf8(theirs).unwrap(),
                "{field:?}"
            );
        }
    }

    #[test]
    fn floats_are_written_with_at_most_six_decimals() {
        assert_eq!(float(2275.2999999999997), "2275.3");
        assert_eq!(float(3.0), "3");
        assert_eq!(float(-0.0000001), "0");
        assert_eq!(float(0.6568627450980392), "0.656863");
        assert_eq!(float(-2.3), "-2.3");
        assert_eq!(float(f64::NAN), "");
    }
}
