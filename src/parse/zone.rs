//! The table zone (sections 二 to 四) as a stream of tokens: labels, values, row ends.
//!
//! Tables with explicit rows (Tika, pipe) keep their rows. Lines (one cell per line, PDF
//! text, crawler text, whole reports on one line) are split into tokens here, including the
//! blank cells the form shows by empty lines or `|` marks; prose quoting the rows and the
//! page layout's furniture are left out ([`skip`]).

mod skip;

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

fn blank_mode(run: &[Seg<'_>]) -> BlankMode {
    let mut bare_pipes = 0;
    let (mut pipe_after, mut content) = (0, 0);
    let (mut adjacent, mut spaced) = (0, 0);
    let mut prev_content = false;
    let mut empties = 0;
    for seg in run {
        let t = seg.text.trim();
        if t == "|" {
            bare_pipes += 1;
        } else if !t.is_empty() && !has_inline_pipe(t) {
            content += 1;
            if t.ends_with('|') {
                pipe_after += 1;
            }
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
    // Cells that end with ` |` decide the form, however many cells are a bare `|` (a table
    // of mostly empty cells has more of those than of filled ones).
    if pipe_after > 0 && pipe_after * 2 >= content {
        BlankMode::PipeAfter
    } else if bare_pipes > 0 {
        BlankMode::PipeBetween
    } else if spaced > adjacent {
        BlankMode::Spaced
    } else {
        BlankMode::Dense
    }
}

/// A `|` inside the line, not only ending it: a pipe table on one line (a whole report whose
/// line breaks were stripped).
fn has_inline_pipe(t: &str) -> bool {
    t.trim_end_matches('|').contains('|')
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

/// Turns a run of lines into tokens.
fn flush_run<'a>(run: &mut Vec<Seg<'a>>, out: &mut Vec<Item<'a>>, pdf: bool) {
    if run.is_empty() {
        return;
    }
    let mode = blank_mode(run);
    let mut empties = 0usize;
    let mut pipes_since_content = 0usize;
    let mut last = run[0];
    for &seg in run.iter() {
        let (span, line) = (seg.span, seg.text);
        let ctx = Ctx {
            line: seg.line,
            long: seg.long,
            pdf,
        };
        let t = line.trim();
        if is_page_number(t) {
            continue;
        }
        if t.is_empty() {
            empties += 1;
            last = seg;
            if mode == BlankMode::Dense {
                out.push(blank(span.start as usize, seg.line));
            }
            continue;
        }
        if mode == BlankMode::Spaced && empties >= 3 {
            for _ in 0..(empties - 1) / 2 {
                out.push(blank(last.span.start as usize, last.line));
            }
        }
        empties = 0;
        let off = span.start as usize + (line.len() - line.trim_start().len());
        if t != "|" && has_inline_pipe(t) {
            pipes_since_content = 0;
            split_piped(t, off, ctx, out);
            continue;
        }
        match mode {
            BlankMode::PipeBetween if t == "|" => {
                if pipes_since_content > 0 {
                    out.push(blank(span.start as usize, seg.line));
                }
                pipes_since_content += 1;
                continue;
            }
            BlankMode::PipeAfter => {
                let content = t.trim_end_matches('|').trim_end();
                if content.is_empty() {
                    out.push(blank(span.start as usize, seg.line));
                } else {
                    split_text(content, off, ctx, out);
                }
                continue;
            }
            _ => {}
        }
        pipes_since_content = 0;
        split_text(t, off, ctx, out);
    }
    // Blank cells at the end of the run (before a heading) count too.
    if mode == BlankMode::Spaced && empties >= 3 {
        for _ in 0..(empties - 1) / 2 {
            out.push(blank(last.span.start as usize, last.line));
        }
    }
    run.clear();
}

/// The cells of a pipe table written on one line: `|` separates cells; an empty cell is a
/// blank one, except the border before the first cell and after the last, and `||` between
/// two rows when cells are written ` | ` (spaced: a blank cell is `|  |` there).
fn split_piped<'a>(line: &'a str, base: usize, ctx: Ctx, out: &mut Vec<Item<'a>>) {
    let pipes = line.bytes().filter(|&b| b == b'|').count();
    let spaced_pipes = line
        .char_indices()
        .filter(|&(i, c)| {
            c == '|'
                && (line[..i].ends_with(char::is_whitespace)
                    || line[i + 1..].starts_with(char::is_whitespace))
        })
        .count();
    let spaced = spaced_pipes * 2 > pipes;
    let last = pipes;
    let mut pos = 0;
    for (i, piece) in line.split('|').enumerate() {
        let at = base + pos;
        pos += piece.len() + 1;
        let c = piece.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}');
        if c.is_empty() {
            if i == 0 || i == last || (piece.is_empty() && spaced) {
                continue;
            }
            out.push(blank(at, ctx.line));
            continue;
        }
        if is_separator(c) {
            continue;
        }
        split_text(piece, at, ctx, out);
    }
}

/// A Markdown separator cell (`---`, `:---:`).
fn is_separator(cell: &str) -> bool {
    cell.chars().all(|c| matches!(c, '-' | ':' | ' ')) && cell.contains('-')
}

/// Splits a line into tokens, leaving out prose that quotes the rows and the page layout's
/// furniture ([`skip`]).
fn split_text<'a>(line: &'a str, base: usize, ctx: Ctx, out: &mut Vec<Item<'a>>) {
    let skipped = skip::skipped(line, ctx.long);
    let mut pos = 0;
    for (s, e) in skipped {
        if s > pos {
            split_line(&line[pos..s], base + pos, ctx, out);
        }
        pos = e;
    }
    if pos < line.len() {
        let rest = &line[pos..];
        let rest = if ctx.pdf { drop_far_page_number(rest) } else { rest };
        split_line(rest, base + pos, ctx, out);
    }
}

/// A PDF line of values whose last value stands far to the right of the others (at least 12
/// spaces, three times the widest other gap) ends with the page number, not a cell.
fn drop_far_page_number(line: &str) -> &str {
    let ws = words(line);
    if ws.len() < 6 || !ws.iter().all(|(_, w)| is_value(w)) {
        return line;
    }
    let gaps: Vec<usize> = ws
        .windows(2)
        .map(|p| p[1].0 - (p[0].0 + p[0].1.len()))
        .collect();
    let (last, others) = gaps.split_last().expect("five gaps at least");
    let widest = others.iter().copied().max().unwrap_or(0);
    let page = ws.last().is_some_and(|(_, w)| w.len() <= 3);
    if page && *last >= 12 && *last >= 3 * widest.max(1) {
        let (s, w) = ws[ws.len() - 2];
        &line[..s + w.len()]
    } else {
        line
    }
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
fn split_line<'a>(line: &'a str, base: usize, ctx: Ctx, out: &mut Vec<Item<'a>>) {
    let mut label: Option<(usize, usize)> = None;
    let at = (false, ctx.line);
    let flush_label = |label: &mut Option<(usize, usize)>, out: &mut Vec<Item<'a>>| {
        if let Some((s, e)) = label.take() {
            let raw = &line[s..e];
            let text: Cow<'a, str> = if raw.contains(char::is_whitespace) {
                Cow::Owned(raw.split_whitespace().collect())
            } else {
                Cow::Borrowed(raw)
            };
            if !text.is_empty() {
                out.push(tok(text, Span::new(base + s, base + e), false, at));
            }
        }
    };
    for (ws, word) in words(line) {
        if is_value(word) {
            flush_label(&mut label, out);
            let span = Span::new(base + ws, base + ws + word.len());
            out.push(tok(word, span, true, at));
            continue;
        }
        for (s, e, is_val) in glued_parts(word, ctx.long) {
            let (s, e) = (ws + s, ws + e);
            if is_val {
                flush_label(&mut label, out);
                out.push(tok(&line[s..e], Span::new(base + s, base + e), true, at));
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

/// A word's label and value parts. Only crawler text glues cells into long words; a short
/// word ("约3") is one cell, unless its line is a whole report on one line, where a row's
/// first and last values touch the labels around them ("总计0", "02.重复申请0") — and even
/// there a one-character label ("约3") keeps its digits.
fn glued_parts(word: &str, long: bool) -> Vec<(usize, usize, bool)> {
    let whole = vec![(0, word.len(), false)];
    if word.chars().count() > GLUED_WORD_CHARS {
        return segments(word);
    }
    if !long || !word.contains(|c: char| is_digitish(c)) {
        return whole;
    }
    let parts = segments(word);
    let labels_ok = parts
        .iter()
        .filter(|(_, _, v)| !v)
        .all(|&(s, e, _)| word[s..e].chars().count() >= 2);
    if parts.len() > 1 && labels_ok {
        parts
    } else {
        whole
    }
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

    fn toks_in(line: &str, long: bool) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        let ctx = Ctx {
            line: 0,
            long,
            pdf: false,
        };
        if has_inline_pipe(line) {
            split_piped(line, 0, ctx, &mut out);
        } else {
            split_text(line, 0, ctx, &mut out);
        }
        out.into_iter()
            .filter_map(|i| match i {
                Item::Tok(t) => Some((t.text.into_owned(), t.is_value)),
                _ => None,
            })
            .collect()
    }

    fn toks(line: &str) -> Vec<(String, bool)> {
        toks_in(line, false)
    }

    fn texts(t: &[(String, bool)]) -> Vec<&str> {
        t.iter().map(|(s, _)| s.as_str()).collect()
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
    fn splits_rows_glued_in_one_line_text() {
        // The first and last values of a PDF row touch the labels around them.
        let t = toks_in("02.重复申请0 0 0 0 0 0 03.要求提供公开出版物0 总计0 约3", true);
        assert_eq!(
            texts(&t),
            vec![
                "0", "2.重复申请", "0", "0", "0", "0", "0", "0", "0", "3.要求提供公开出版物", "0",
                "总计", "0", "约3"
            ]
        );
        // Short words of ordinary lines are cells as written.
        assert_eq!(texts(&toks("总计0")), vec!["总计0"]);
    }

    #[test]
    fn splits_pipe_tables_written_on_one_line() {
        let bordered = toks("| 规章 | 5 | 2 | 10 || 行政规范性文件 |  | 2 | 13 ||---|---|| 行政许可 | 4 |");
        assert_eq!(
            bordered,
            vec![
                ("规章".into(), false),
                ("5".into(), true),
                ("2".into(), true),
                ("10".into(), true),
                ("行政规范性文件".into(), false),
                ("".into(), true),
                ("2".into(), true),
                ("13".into(), true),
                ("行政许可".into(), false),
                ("4".into(), true),
            ]
        );
        // One cell per line, a `|` after each: `||` is a blank cell.
        assert_eq!(
            texts(&toks("规章|5||8|行政规范性文件|2|0|27|")),
            vec!["规章", "5", "", "8", "行政规范性文件", "2", "0", "27"]
        );
    }

    #[test]
    fn prose_in_the_zone_gives_no_token() {
        assert!(toks("本年新收政府信息公开申请5件，上年结转政府信息公开申请2件，办结5件，结转下年度0件。").is_empty());
    }

    #[test]
    fn a_page_number_far_right_of_a_pdf_row_is_not_a_cell() {
        let row = "10    1      0   0    0   0    0   0   0    0   5   0     0   0   0                         4";
        assert_eq!(drop_far_page_number(row).split_whitespace().count(), 15);
        let tight = "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0 4";
        assert_eq!(drop_far_page_number(tight), tight);
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
