//! Runs of lines (one cell per line, PDF text, pipe tables written on one line) turned into
//! tokens: how the run shows blank cells (empty lines, `|` lines, ` |` after each cell), and
//! the page furniture between its lines.

use super::skip;
use super::words::{is_digitish, split_line, words};
use super::{blank, Ctx, Item, Seg};
use crate::parse::text::is_value;

/// How a run of lines shows blank cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BlankMode {
    /// A `|` line stands between cells; two in a row enclose a blank cell.
    PipeBetween,
    /// Each cell line ends with ` |`; a line with only `|` is a blank cell.
    PipeAfter,
    /// One empty line separates cells; 3 empty lines enclose one blank cell, 5 two…
    Spaced,
    /// Every empty line is a blank cell.
    Dense,
}

pub(super) fn blank_mode(run: &[Seg<'_>]) -> BlankMode {
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
pub(super) fn has_inline_pipe(t: &str) -> bool {
    t.trim_end_matches('|').contains('|')
}

/// Turns a run of lines into tokens.
pub(super) fn flush_run<'a>(run: &mut Vec<Seg<'a>>, out: &mut Vec<Item<'a>>, pdf: bool) {
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
pub(super) fn split_piped<'a>(line: &'a str, base: usize, ctx: Ctx, out: &mut Vec<Item<'a>>) {
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
pub(super) fn is_separator(cell: &str) -> bool {
    cell.chars().all(|c| matches!(c, '-' | ':' | ' ')) && cell.contains('-')
}

/// Splits a line into tokens, leaving out prose that quotes the rows and the page layout's
/// furniture ([`skip`]).
pub(super) fn split_text<'a>(line: &'a str, base: usize, ctx: Ctx, out: &mut Vec<Item<'a>>) {
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
        let rest = if ctx.pdf {
            drop_far_page_number(rest)
        } else {
            rest
        };
        split_line(rest, base + pos, ctx, out);
    }
}

/// A PDF line of values whose last value stands far to the right of the others (at least 12
/// spaces, three times the widest other gap) ends with the page number, not a cell.
pub(super) fn drop_far_page_number(line: &str) -> &str {
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
pub(super) fn is_page_number(t: &str) -> bool {
    let digits = |p: &str| !p.is_empty() && p.chars().all(is_digitish);
    if let Some(p) = t.strip_prefix('第').and_then(|r| r.strip_suffix('页')) {
        return digits(p.trim());
    }
    let dash = |c: char| matches!(c, '-' | '—' | '－' | '–');
    let core = t.trim_matches(|c: char| dash(c) || c.is_whitespace());
    t.starts_with(dash) && t.ends_with(dash) && digits(core)
}
