//! The table zone (sections 二 to 四) as a stream of tokens: labels, values, row ends.
//!
//! Tables with explicit rows (Tika, pipe) keep their rows. Lines (one cell per line, PDF
//! text, crawler text) are split into tokens here, including the blank cells the form shows
//! by empty lines or `|` marks.

use super::text::{fold_char, is_value};
use crate::ingest::{Block, Document, RawCell};
use crate::model::{SectionId, Span};
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

/// Produces the items of the byte range `zone` of the document.
pub(crate) fn items<'a>(
    doc: &'a Document,
    zone: (usize, usize),
    markers: &[Marker],
) -> Vec<Item<'a>> {
    let mut out = Vec::with_capacity(512);
    let mut run: Vec<(Span, &str)> = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Line(span) => {
                let (s, e) = (span.start as usize, span.end as usize);
                if e < zone.0 || s >= zone.1 {
                    continue;
                }
                let (s, e) = (s.max(zone.0), e.min(zone.1));
                cut_at_markers(doc, s, e, markers, &mut run, &mut out);
            }
            Block::Table(t) => {
                let first = t
                    .rows
                    .first()
                    .and_then(|r| r.first())
                    .map(|c| c.span.start as usize);
                if first.is_some_and(|p| p >= zone.0 && p < zone.1) {
                    flush_run(&mut run, &mut out);
                    for row in &t.rows {
                        grid_row(row, &doc.text, &mut out);
                        out.push(Item::RowEnd);
                    }
                }
            }
        }
    }
    flush_run(&mut run, &mut out);
    out
}

fn stage_of(id: SectionId) -> Option<Stage> {
    match id {
        SectionId::S2 => Some(Stage::T2),
        SectionId::S3 => Some(Stage::T3),
        SectionId::S4 => Some(Stage::T4),
        _ => None,
    }
}

/// Splits a line segment at headings inside it; the headings become stage switches.
fn cut_at_markers<'a>(
    doc: &'a Document,
    mut s: usize,
    e: usize,
    markers: &[Marker],
    run: &mut Vec<(Span, &'a str)>,
    out: &mut Vec<Item<'a>>,
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
            push_segment(doc, s, ms, run);
        }
        flush_run(run, out);
        if let Some(stage) = stage_of(m.id) {
            out.push(Item::Stage(stage));
        }
        s = (m.span.end as usize).min(e);
    }
    // An empty line is kept (it may be a blank cell); the empty rest after a heading is not.
    if s < e || !cut {
        push_segment(doc, s, e, run);
    }
}

fn push_segment<'a>(doc: &'a Document, s: usize, e: usize, run: &mut Vec<(Span, &'a str)>) {
    if let Some(text) = doc.text.get(s..e) {
        run.push((Span::new(s, e), text));
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
        out.push(tok(text(c), c.text_span(), false, true));
    }
    if labels == 0 && row[lead..].is_empty() {
        return;
    }
    for c in &row[lead + labels..] {
        out.push(tok(text(c), c.text_span(), true, true));
    }
}

fn tok<'a>(text: impl Into<Cow<'a, str>>, span: Span, is_value: bool, grid: bool) -> Item<'a> {
    Item::Tok(Tok {
        text: text.into(),
        span,
        is_value,
        grid,
    })
}

/// How a run of lines shows blank cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BlankMode {
    /// A `|` line stands between cells; two in a row enclose a blank cell.
    PipeBetween,
    /// Each cell line ends with ` |`; a line with only `|` is a blank cell.
    PipeAfter,
    /// One empty line separates cells; 3 empty lines enclose one blank cell, 5 two…
    Spaced,
    /// Every empty line is a blank cell.
    Dense,
}

fn blank_mode(run: &[(Span, &str)]) -> BlankMode {
    let mut bare_pipes = 0;
    let mut pipe_after = 0;
    let (mut adjacent, mut spaced) = (0, 0);
    let mut prev_content = false;
    let mut empties = 0;
    for (_, l) in run {
        let t = l.trim();
        if t == "|" {
            bare_pipes += 1;
        } else if t.ends_with('|') {
            pipe_after += 1;
        }
        if t.is_empty() {
            empties += 1;
            continue;
        }
        if prev_content {
            match empties {
                0 => adjacent += 1,
                1 => spaced += 1,
                _ => {}
            }
        }
        prev_content = true;
        empties = 0;
    }
    if pipe_after > bare_pipes {
        BlankMode::PipeAfter
    } else if bare_pipes > 0 {
        BlankMode::PipeBetween
    } else if spaced > adjacent {
        BlankMode::Spaced
    } else {
        BlankMode::Dense
    }
}

/// Turns a run of lines into tokens.
fn flush_run<'a>(run: &mut Vec<(Span, &'a str)>, out: &mut Vec<Item<'a>>) {
    if run.is_empty() {
        return;
    }
    let mode = blank_mode(run);
    let mut empties = 0usize;
    let mut pipes_since_content = 0usize;
    let mut last_span = run[0].0;
    let blank = |span: Span| {
        tok(
            "",
            Span::new(span.start as usize, span.start as usize),
            true,
            false,
        )
    };
    for &(span, line) in run.iter() {
        let t = line.trim();
        if is_page_number(t) {
            continue;
        }
        if t.is_empty() {
            empties += 1;
            last_span = span;
            if mode == BlankMode::Dense {
                out.push(blank(span));
            }
            continue;
        }
        if mode == BlankMode::Spaced && empties >= 3 {
            for _ in 0..(empties - 1) / 2 {
                out.push(blank(last_span));
            }
        }
        empties = 0;
        match mode {
            BlankMode::PipeBetween if t == "|" => {
                if pipes_since_content > 0 {
                    out.push(blank(span));
                }
                pipes_since_content += 1;
                continue;
            }
            BlankMode::PipeAfter => {
                let content = t.trim_end_matches('|').trim_end();
                if content.is_empty() {
                    out.push(blank(span));
                    continue;
                }
                let off = line.len() - line.trim_start().len();
                split_line(content, span.start as usize + off, out);
                continue;
            }
            _ => {}
        }
        pipes_since_content = 0;
        let off = line.len() - line.trim_start().len();
        split_line(t, span.start as usize + off, out);
    }
    // Blank cells at the end of the run (before a heading) count too.
    if mode == BlankMode::Spaced && empties >= 3 {
        for _ in 0..(empties - 1) / 2 {
            out.push(blank(last_span));
        }
    }
    run.clear();
}

/// "- 4 -", "-4-", "— 4 —", "第 4 页": page furniture in PDF text.
fn is_page_number(t: &str) -> bool {
    let digits = |p: &str| !p.is_empty() && p.chars().all(is_digitish);
    if let Some(p) = t.strip_prefix('第').and_then(|r| r.strip_suffix('页')) {
        return digits(p.trim());
    }
    let dash = |c: char| matches!(c, '-' | '—' | '－' | '–');
    let core = t.trim_matches(|c: char| dash(c) || c.is_whitespace());
    t.starts_with(dash) && t.ends_with(dash) && digits(core)
}

/// Words longer than this (in characters) are searched for glued digit runs.
const GLUED_WORD_CHARS: usize = 16;

/// Splits one line into label and value tokens: white-space separated values, and digit
/// runs glued to labels in crawler text ("规章 000行政规范性文件693665").
pub(crate) fn split_line<'a>(line: &'a str, base: usize, out: &mut Vec<Item<'a>>) {
    let mut label: Option<(usize, usize)> = None;
    let flush_label = |label: &mut Option<(usize, usize)>, out: &mut Vec<Item<'a>>| {
        if let Some((s, e)) = label.take() {
            let raw = &line[s..e];
            let text: Cow<'a, str> = if raw.contains(char::is_whitespace) {
                Cow::Owned(raw.split_whitespace().collect())
            } else {
                Cow::Borrowed(raw)
            };
            if !text.is_empty() {
                out.push(tok(text, Span::new(base + s, base + e), false, false));
            }
        }
    };
    for (ws, word) in words(line) {
        if is_value(word) {
            flush_label(&mut label, out);
            out.push(tok(
                word,
                Span::new(base + ws, base + ws + word.len()),
                true,
                false,
            ));
            continue;
        }
        // Only crawler text glues cells into long words; a short word ("约3") is one cell.
        let parts = if word.chars().count() > GLUED_WORD_CHARS {
            segments(word)
        } else {
            vec![(0, word.len(), false)]
        };
        for (s, e, is_val) in parts {
            let (s, e) = (ws + s, ws + e);
            if is_val {
                flush_label(&mut label, out);
                out.push(tok(&line[s..e], Span::new(base + s, base + e), true, false));
            } else {
                label = Some(match label {
                    Some((ls, _)) => (ls, e),
                    None => (s, e),
                });
            }
        }
    }
    flush_label(&mut label, out);
}

/// White-space separated words with their byte offsets.
fn words(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        let sep = c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}';
        match (sep, start) {
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}

fn is_digitish(c: char) -> bool {
    fold_char(c).is_ascii_digit()
}

/// Splits a word into (start, end, is_value) segments: digit runs are values unless they
/// are a label's numbering ("2.其他…"), a year, or part of "第…" / "…项".
fn segments(word: &str) -> Vec<(usize, usize, bool)> {
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    let push = |s: usize, e: usize, v: bool, out: &mut Vec<(usize, usize, bool)>| {
        if s < e {
            match out.last_mut() {
                Some(last) if !last.2 && !v => last.1 = e,
                _ => out.push((s, e, v)),
            }
        }
    };
    let mut text_start = 0;
    let mut prev: Option<char> = None;
    let mut it = word.char_indices().peekable();
    while let Some((run_start, c)) = it.next() {
        if !is_digitish(c) {
            prev = Some(c);
            continue;
        }
        let (mut end, mut last_digit) = (run_start + c.len_utf8(), run_start);
        while let Some(&(j, d)) = it.peek() {
            let decimal_point = d == '.' && word[j + 1..].chars().next().is_some_and(is_digitish);
            if !is_digitish(d) && !decimal_point {
                break;
            }
            if is_digitish(d) {
                last_digit = j;
            }
            end = j + d.len_utf8();
            it.next();
        }
        let mut after = word[end..].chars();
        let next = after.next();
        let numbering = matches!(next, Some('.' | '、' | '．'))
            && after.next().is_some_and(|c| !is_digitish(c));
        let in_label =
            prev == Some('第') || matches!(next, Some('年' | '月' | '日' | '项' | '%' | '号'));
        prev = None;
        if in_label {
            continue;
        }
        push(text_start, run_start, false, &mut out);
        if numbering {
            // "00000002.其他": the last digit numbers the label, the rest is a value.
            push(run_start, last_digit, true, &mut out);
            text_start = last_digit;
        } else {
            push(run_start, end, true, &mut out);
            text_start = end;
        }
    }
    push(text_start, word.len(), false, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(line: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        split_line(line, 0, &mut out);
        out.into_iter()
            .filter_map(|i| match i {
                Item::Tok(t) => Some((t.text.into_owned(), t.is_value)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn splits_pdf_rows() {
        assert_eq!(
            toks("（一）予以公开 2 0 / 0"),
            vec![
                ("（一）予以公开".into(), false),
                ("2".into(), true),
                ("0".into(), true),
                ("/".into(), true),
                ("0".into(), true)
            ]
        );
    }

    #[test]
    fn splits_glued_crawler_text() {
        assert_eq!(
            toks("规章 000行政规范性文件693665第二十条第（五）项"),
            vec![
                ("规章".into(), false),
                ("000".into(), true),
                ("行政规范性文件".into(), false),
                ("693665".into(), true),
                ("第二十条第（五）项".into(), false),
            ]
        );
        assert_eq!(
            toks("1.属于国家秘密00000002.其他法律行政法规禁止公开0000000"),
            vec![
                ("1.属于国家秘密".into(), false),
                ("0000000".into(), true),
                ("2.其他法律行政法规禁止公开".into(), false),
                ("0000000".into(), true),
            ]
        );
    }

    #[test]
    fn page_numbers_are_furniture() {
        assert!(is_page_number("- 4 -"));
        assert!(is_page_number("-3-"));
        assert!(is_page_number("第 2 页"));
        assert!(!is_page_number("-"));
        assert!(!is_page_number("4"));
    }
}
