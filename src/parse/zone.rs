//! The table zone (sections 二 to 四) as a stream of tokens: labels, values, row ends.
//!
//! Tables with explicit rows (Tika, pipe) keep their rows. Lines (one cell per line, PDF
//! text, crawler text, whole reports on one line) are split into tokens here, including the
//! blank cells the form shows by empty lines or `|` marks; prose quoting the rows and the
//! page layout's furniture are left out ([`skip`]).

mod lines;
mod skip;
#[cfg(test)]
mod tests;
mod words;

use super::text::{fold_char, is_value};
use crate::ingest::{Block, Document, RawCell};
use crate::model::{SectionId, Span};
use lines::{flush_run, is_page_number};
use std::borrow::Cow;

/// Which table the tokens belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Stage {
    /// 表二.
    T2,
    /// 表三.
    T3,
    /// 表四.
    T4,
}

/// A label or a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Tok<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) span: Span,
    pub(crate) is_value: bool,
    /// True when the token comes from a table with explicit rows.
    pub(crate) grid: bool,
    /// Where the token's physical line starts in the document: PDF text shows a row's values
    /// on one line when their order is the table's.
    pub(crate) line: u32,
}

/// One item of the stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Item<'a> {
    Tok(Tok<'a>),
    RowEnd,
    Stage(Stage),
}

/// A heading position that switches the stage.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Marker {
    pub(crate) span: Span,
    pub(crate) id: SectionId,
}

/// The table zone as tokens.
#[derive(Debug, Default)]
pub(crate) struct Stream<'a> {
    /// Tokens, row ends and stage switches, in text order.
    pub(crate) items: Vec<Item<'a>>,
    /// The text was extracted from a PDF (form feeds, page numbers between its lines): values
    /// spread over several lines are in the reading order of the page, which need not be the
    /// table's.
    pub(crate) pdf: bool,
}

/// A piece of a line of the zone (lines are cut at headings).
#[derive(Clone, Copy, Debug)]
struct Seg<'a> {
    span: Span,
    text: &'a str,
    /// The start of its physical line.
    line: u32,
    /// Its physical line is a whole report or a crawler's page (glued cells are looked for
    /// in short words too).
    long: bool,
}

/// Lines at least this long are whole reports or crawled pages, not lines of a table.
const LONG_LINE: usize = 1000;

/// Produces the items of the byte range `zone` of the document.
pub(crate) fn items<'a>(doc: &'a Document, zone: (usize, usize), markers: &[Marker]) -> Stream<'a> {
    let pdf = is_pdf_text(doc);
    let mut out = Vec::with_capacity(512);
    let mut run: Vec<Seg<'a>> = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Line(span) => {
                let (s, e) = (span.start as usize, span.end as usize);
                if e < zone.0 || s >= zone.1 {
                    continue;
                }
                let line = (span.start, e - s >= LONG_LINE);
                let (s, e) = (s.max(zone.0), e.min(zone.1));
                cut_at_markers(doc, (s, e), line, markers, &mut run, &mut out, pdf);
            }
            Block::Table(t) => {
                let first = t
                    .rows
                    .first()
                    .and_then(|r| r.first())
                    .map(|c| c.span.start as usize);
                if first.is_some_and(|p| p >= zone.0 && p < zone.1) {
                    flush_run(&mut run, &mut out, pdf);
                    for row in &t.rows {
                        grid_row(row, &doc.text, &mut out);
                        out.push(Item::RowEnd);
                    }
                }
            }
        }
    }
    flush_run(&mut run, &mut out, pdf);
    Stream { items: out, pdf }
}

/// Text from a PDF: `pdftotext` ends each page with a form feed, and page numbers stand on
/// lines of their own.
fn is_pdf_text(doc: &Document) -> bool {
    memchr::memchr(b'\x0c', doc.text.as_bytes()).is_some()
        || doc.blocks.iter().any(|b| match b {
            Block::Line(span) => {
                let t = doc.slice(*span).trim();
                t.starts_with(['-', '—', '－', '–', '第']) && is_page_number(t)
            }
            Block::Table(_) => false,
        })
}

fn stage_of(id: SectionId) -> Option<Stage> {
    match id {
        SectionId::S2 => Some(Stage::T2),
        SectionId::S3 => Some(Stage::T3),
        SectionId::S4 => Some(Stage::T4),
        _ => None,
    }
}

/// Splits a line segment at headings inside it; the headings become stage switches. `line`:
/// the start of the physical line and whether it is long.
fn cut_at_markers<'a>(
    doc: &'a Document,
    (mut s, e): (usize, usize),
    line: (u32, bool),
    markers: &[Marker],
    run: &mut Vec<Seg<'a>>,
    out: &mut Vec<Item<'a>>,
    pdf: bool,
) {
    let mut cut = false;
    let (from, to) = (s, e);
    for m in markers
        .iter()
        .filter(|m| (m.span.start as usize) >= from && (m.span.start as usize) < to)
    {
        cut = true;
        let ms = m.span.start as usize;
        if ms > s {
            push_segment(doc, (s, ms), line, run);
        }
        flush_run(run, out, pdf);
        if let Some(stage) = stage_of(m.id) {
            out.push(Item::Stage(stage));
        }
        s = (m.span.end as usize).min(e);
    }
    // An empty line is kept (it may be a blank cell); the empty rest after a heading is not.
    if s < e || !cut {
        push_segment(doc, (s, e), line, run);
    }
}

fn push_segment<'a>(
    doc: &'a Document,
    (s, e): (usize, usize),
    (line, long): (u32, bool),
    run: &mut Vec<Seg<'a>>,
) {
    if let Some(text) = doc.text.get(s..e) {
        run.push(Seg {
            span: Span::new(s, e),
            text,
            line,
            long,
        });
    }
}

/// Cells of an explicit row: leading blank cells (merged continuations) are skipped, then
/// the run of labels, then values: from the first blank or value cell on, every cell is a
/// value (a text cell among them is a value too, for P008).
fn grid_row<'a>(row: &'a [RawCell], doc: &'a str, out: &mut Vec<Item<'a>>) {
    let text = |c: &'a RawCell| c.text(doc);
    let lead = row.iter().take_while(|c| text(c).is_empty()).count();
    let labels = row[lead..]
        .iter()
        .take_while(|c| !text(c).is_empty() && !is_value(text(c)))
        .count();
    // A row without labels (table 四's values) keeps its leading blank cells.
    let lead = if labels == 0 { 0 } else { lead };
    for c in &row[lead..lead + labels] {
        out.push(tok(text(c), c.text_span(), false, (true, 0)));
    }
    if labels == 0 && row[lead..].is_empty() {
        return;
    }
    for c in &row[lead + labels..] {
        out.push(tok(text(c), c.text_span(), true, (true, 0)));
    }
}

/// A token; `(grid, line)`: from an explicit row, and where its line starts.
fn tok<'a>(
    text: impl Into<Cow<'a, str>>,
    span: Span,
    is_value: bool,
    (grid, line): (bool, u32),
) -> Item<'a> {
    Item::Tok(Tok {
        text: text.into(),
        span,
        is_value,
        grid,
        line,
    })
}

/// A blank cell at `pos`.
fn blank<'a>(pos: usize, line: u32) -> Item<'a> {
    tok("", Span::new(pos, pos), true, (false, line))
}

/// What the tokens of a line need to know about it.
#[derive(Clone, Copy, Debug)]
struct Ctx {
    /// The start of the physical line.
    line: u32,
    /// The physical line is long (see [`Seg::long`]).
    long: bool,
    /// The document is PDF text.
    pdf: bool,
}
