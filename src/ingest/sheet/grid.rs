//! A sheet's used cells and merged regions → lines and tables for `DocBuilder`.
//!
//! A sheet has no paragraphs: a report's text sits in cells of its own (a title in row 1, a
//! paragraph in column A or in a wide merged cell), its tables in rows of cells. Rows with
//! several cells, or with merged cells, around one another make a table, laid out as Tika
//! writes a Word table (a merged region's top-left text once across its columns; a row it
//! covers below gets one empty cell); rows of a single cell outside a table are lines.

use crate::ingest::builder::{DocBuilder, MAX_CELLS};
use crate::model::ReadProblem;
use std::collections::BTreeMap;

/// Rows from a sheet's first used row to its last: a report fills a few hundred.
const MAX_ROWS: u32 = 65_536;
/// Merged regions in one sheet.
const MAX_MERGES: usize = 50_000;
/// Columns one table row may span.
const MAX_COLUMNS: u32 = 1_024;

/// A merged region, inclusive: rows `r0..=r1`, columns `c0..=c1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Merge {
    pub(super) r0: u32,
    pub(super) c0: u32,
    pub(super) r1: u32,
    pub(super) c1: u32,
}

/// One sheet: its non-empty cells by (row, column) and its merged regions.
#[derive(Debug, Default)]
pub(super) struct Grid {
    cells: BTreeMap<(u32, u32), String>,
    merges: Vec<Merge>,
}

impl Grid {
    /// Sets a cell's text (blank text is no cell).
    pub(super) fn set(&mut self, row: u32, col: u32, text: String) -> Result<(), ReadProblem> {
        if text.trim().is_empty() {
            return Ok(());
        }
        if self.cells.len() >= MAX_CELLS {
            return Err(over("sheet cells", MAX_CELLS as u64));
        }
        self.cells.insert((row, col), text);
        Ok(())
    }

    /// Adds a merged region (a single cell is no region).
    pub(super) fn merge(&mut self, m: Merge) -> Result<(), ReadProblem> {
        if m.r1 < m.r0 || m.c1 < m.c0 || (m.r0 == m.r1 && m.c0 == m.c1) {
            return Ok(());
        }
        if self.merges.len() >= MAX_MERGES {
            return Err(over("merged regions", MAX_MERGES as u64));
        }
        self.merges.push(m);
        Ok(())
    }

    /// Writes the sheet's lines and tables.
    pub(super) fn write(mut self, b: &mut DocBuilder) -> Result<(), ReadProblem> {
        let (Some(&(first, _)), Some(&(last, _))) =
            (self.cells.keys().next(), self.cells.keys().next_back())
        else {
            return Ok(());
        };
        if last - first >= MAX_ROWS {
            return Err(over("sheet rows", u64::from(MAX_ROWS)));
        }
        self.merges.sort_by_key(|m| (m.r0, m.c0));
        let width = self.width();
        let rows = self.rows(first, last);
        let mut run: Vec<Vec<Piece>> = Vec::new();
        for row in rows {
            match row {
                Some(pieces) if is_table_row(&pieces) && !is_paragraph(&pieces, width) => {
                    run.push(pieces)
                }
                other => {
                    flush(&mut run, &self.cells, b)?;
                    if let Some(pieces) = other {
                        let line = line_text(&pieces, &self.cells);
                        // The rows a tall merged paragraph covers below its first.
                        if !(line.is_empty() && pieces.iter().all(|p| p.top.is_none())) {
                            b.line(&line);
                        }
                    }
                }
            }
        }
        flush(&mut run, &self.cells, b)
    }

    /// The sheet's used columns, first to last, over cells and merged regions.
    fn width(&self) -> (u32, u32) {
        let cols = self.cells.keys().map(|&(_, c)| (c, c));
        let merged = self.merges.iter().map(|m| (m.c0, m.c1));
        cols.chain(merged)
            .fold((u32::MAX, 0), |(lo, hi), (a, b)| (lo.min(a), hi.max(b)))
    }

    /// Each row from `first` to `last` as its pieces, in column order (`None`: nothing).
    fn rows(&self, first: u32, last: u32) -> Vec<Option<Vec<Piece>>> {
        let mut out = Vec::new();
        let mut active: Vec<Merge> = Vec::new();
        let mut next = 0;
        let mut cells = self.cells.range((first, 0)..).peekable();
        for r in first..=last {
            active.retain(|m| m.r1 >= r);
            while let Some(m) = self.merges.get(next).filter(|m| m.r0 <= r) {
                if m.r1 >= r {
                    active.push(*m);
                }
                next += 1;
            }
            let mut pieces: Vec<Piece> = active
                .iter()
                .map(|m| Piece {
                    c0: m.c0,
                    c1: m.c1,
                    top: (m.r0 == r).then_some((m.r0, m.c0)),
                    merged: true,
                })
                .collect();
            while let Some((&(cr, cc), _)) = cells.peek() {
                if cr != r {
                    break;
                }
                if !active.iter().any(|m| (m.c0..=m.c1).contains(&cc)) {
                    pieces.push(Piece {
                        c0: cc,
                        c1: cc,
                        top: Some((cr, cc)),
                        merged: false,
                    });
                }
                cells.next();
            }
            pieces.sort_by_key(|p| p.c0);
            out.push((!pieces.is_empty()).then_some(pieces));
        }
        out
    }
}

/// A cell of a row: a merged region (its top-left cell's position when the row is its
/// first), or a single cell.
#[derive(Clone, Copy, Debug)]
struct Piece {
    c0: u32,
    c1: u32,
    top: Option<(u32, u32)>,
    merged: bool,
}

/// Several cells, or a merged one: a row of a table (a single merged row alone is a line,
/// see `flush`).
fn is_table_row(pieces: &[Piece]) -> bool {
    pieces.len() >= 2 || pieces.iter().any(|p| p.merged)
}

/// One cell merged across every used column of the sheet: a paragraph, as Calc lays out
/// an imported page (a title, a heading, a paragraph beside tables no wider), not a row of the
/// table above or below it. A table's own full-width rows (table 二's "第二十条第（一）项")
/// span its columns only, and the report's widest table, 四, has none.
fn is_paragraph(pieces: &[Piece], (from, to): (u32, u32)) -> bool {
    matches!(pieces, [p] if p.merged && p.c0 <= from && p.c1 >= to)
}

fn text<'g>(p: &Piece, cells: &'g BTreeMap<(u32, u32), String>) -> &'g str {
    p.top
        .and_then(|at| cells.get(&at))
        .map_or("", String::as_str)
}

fn line_text(pieces: &[Piece], cells: &BTreeMap<(u32, u32), String>) -> String {
    let texts: Vec<&str> = pieces
        .iter()
        .map(|p| text(p, cells))
        .filter(|t| !t.trim().is_empty())
        .collect();
    texts.join(" ")
}

/// Writes a run of table rows: a table, or lines when no row of it has two cells (a title
/// or a paragraph merged across the sheet).
fn flush(
    run: &mut Vec<Vec<Piece>>,
    cells: &BTreeMap<(u32, u32), String>,
    b: &mut DocBuilder,
) -> Result<(), ReadProblem> {
    if run.is_empty() {
        return Ok(());
    }
    if run.iter().all(|r| r.len() == 1) {
        for r in run.drain(..) {
            let t = line_text(&r, cells);
            if !t.is_empty() {
                b.line(&t);
            }
        }
        return Ok(());
    }
    let from = run.iter().flatten().map(|p| p.c0).min().unwrap_or(0);
    let to = run.iter().flatten().map(|p| p.c1).max().unwrap_or(0);
    if to - from >= MAX_COLUMNS {
        return Err(over("table columns", u64::from(MAX_COLUMNS)));
    }
    let rows: Vec<Vec<String>> = run
        .drain(..)
        .map(|pieces| {
            let mut row = Vec::new();
            let mut c = from;
            for p in &pieces {
                // Columns no cell of this row reaches are empty cells.
                row.extend((c..p.c0).map(|_| String::new()));
                row.push(text(p, cells).to_owned());
                c = p.c1 + 1;
            }
            row.extend((c..=to).map(|_| String::new()));
            row
        })
        .collect();
    b.table(&rows)
}

fn over(what: &str, cap: u64) -> ReadProblem {
    ReadProblem::OverLimit {
        what: what.into(),
        cap,
    }
}

/// A number as a person reads it: 3 for 3.0, 24.5, 0.3 (not 0.30000000000000004).
pub(super) fn number(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let s = format!("{:.10}", f);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
