//! Plain-text decoder: lines → blocks. Recognises Tika cell lines and pipe rows as tables;
//! every other line stays a line (one-cell-per-line and PDF text are read by the parser).

use super::document::{Block, RawCell, RawTable};
use crate::model::Span;

/// Splits normalised text into blocks.
pub(super) fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::with_capacity(text.len() / 32);
    let mut table: Option<TableBuilder> = None;
    let mut prev_blank = true;
    for (start, line) in lines(text) {
        let span = Span::new(start, start + line.len());
        if let Some(t) = table.as_mut() {
            if t.accept(line, span, prev_blank, text) {
                prev_blank = line.trim().is_empty();
                continue;
            }
            if let Some(done) = table.take() {
                out.push(Block::Table(done.finish(text)));
            }
        }
        if let Some(mut t) = TableBuilder::start(line) {
            t.accept(line, span, true, text);
            table = Some(t);
        } else {
            out.push(Block::Line(span));
        }
        prev_blank = line.trim().is_empty();
    }
    if let Some(done) = table {
        out.push(Block::Table(done.finish(text)));
    }
    out
}

/// Lines with their byte offsets, without the line end.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    text.split('\n').map(move |l| {
        let start = pos;
        pos += l.len() + 1;
        (start, l.strip_suffix('\r').unwrap_or(l))
    })
}

/// A row keeps at most this many cells: the national tables have at most 16 columns, and
/// a runaway row (a whole file of `|0|0|…`) must not cost memory per cell.
const MAX_ROW_CELLS: usize = 1024;

/// A pipe line with more cells than this is not a table row but several rows, or a whole
/// report, on one line (a web page's text with its line breaks stripped): it stays a line,
/// and the parser reads the cells inside it. The national tables' rows have at most 17.
const MAX_PIPE_ROW_CELLS: usize = 40;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Tika,
    Pipe,
}

struct TableBuilder {
    kind: Kind,
    table: RawTable,
    row: Vec<RawCell>,
    /// Pipe rows (span, length), split when the table ends.
    pipe_lines: Vec<(Span, usize)>,
}

impl TableBuilder {
    fn start(line: &str) -> Option<TableBuilder> {
        let kind = if line.starts_with('\t') {
            Kind::Tika
        } else if is_pipe_row(line) {
            Kind::Pipe
        } else {
            return None;
        };
        Some(TableBuilder {
            kind,
            table: RawTable::default(),
            row: Vec::with_capacity(8),
            pipe_lines: Vec::new(),
        })
    }

    /// Takes the line into the table, or returns false when the table has ended.
    fn accept(&mut self, line: &str, span: Span, prev_blank: bool, doc: &str) -> bool {
        match self.kind {
            Kind::Tika => self.accept_tika(line, span, prev_blank, doc),
            Kind::Pipe => self.accept_pipe(line, span),
        }
    }

    fn accept_tika(&mut self, line: &str, span: Span, prev_blank: bool, doc: &str) -> bool {
        if let Some(cell) = line.strip_prefix('\t') {
            let start = span.start as usize + 1;
            if self.row.len() < MAX_ROW_CELLS {
                self.row
                    .push(raw_cell(cell, Span::new(start, start + cell.len())));
            }
            return true;
        }
        if line.trim().is_empty() {
            self.end_row();
            return true;
        }
        // A bare number under a cell is a page number (Word's footer), not the cell wrapping.
        let t = line.trim();
        if !prev_blank && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()) {
            return true;
        }
        // A line without a tab right after a cell line is that cell wrapping.
        if !prev_blank {
            if let Some(last) = self.row.last_mut() {
                let joined = format!("{}{}", last.text(doc), clean(line));
                *last = RawCell::edited(last.span.join(span), joined);
                return true;
            }
        }
        false
    }

    fn accept_pipe(&mut self, line: &str, span: Span) -> bool {
        if line.trim().is_empty() {
            return true;
        }
        let Some(parts) = pipe_cells(line, true).filter(|p| p.len() <= MAX_PIPE_ROW_CELLS) else {
            return false;
        };
        if !parts.iter().all(|(_, p)| is_separator(p)) {
            self.pipe_lines.push((span, line.len()));
        }
        true
    }

    /// Splits the pipe rows once the whole table is seen: whether a leading `|` is an
    /// outer border or ends a leading blank cell depends on how the other rows are written.
    fn split_pipe_rows(&mut self, text: &str) {
        let lines: Vec<(Span, &str)> = self
            .pipe_lines
            .iter()
            .map(|(span, len)| {
                (
                    *span,
                    text.get(span.start as usize..span.start as usize + len)
                        .unwrap_or(""),
                )
            })
            .collect();
        let bordered = lines
            .iter()
            .filter(|(_, l)| l.trim_start().starts_with('|'))
            .count()
            * 2
            > lines.len();
        for (span, line) in lines {
            let Some(parts) = pipe_cells(line, bordered) else {
                continue;
            };
            let base = span.start as usize;
            let row = parts
                .into_iter()
                .map(|(off, p)| raw_cell(p, Span::new(base + off, base + off + p.len())))
                .collect();
            self.table.rows.push(row);
        }
    }

    fn end_row(&mut self) {
        if !self.row.is_empty() {
            self.table
                .rows
                .push(std::mem::replace(&mut self.row, Vec::with_capacity(8)));
        }
    }

    fn finish(mut self, text: &str) -> RawTable {
        self.end_row();
        self.split_pipe_rows(text);
        self.table
    }
}

/// A pipe row: two cells at least, and not more than a table row has.
fn is_pipe_row(line: &str) -> bool {
    pipe_cells(line, true).is_some_and(|p| p.len() <= MAX_PIPE_ROW_CELLS)
}

/// The cells of a pipe row with their byte offsets in the line, or `None` when the line is
/// not one (fewer than two cells once the borders are dropped). `bordered`: a leading `|` is
/// a border, not the end of a leading blank cell.
fn pipe_cells(line: &str, bordered: bool) -> Option<Vec<(usize, &str)>> {
    if !line.contains('|') {
        return None;
    }
    let trimmed_start = line.len() - line.trim_start().len();
    let mut body = line.trim();
    let mut off = trimmed_start;
    if bordered {
        if let Some(b) = body.strip_prefix('|') {
            body = b;
            off += 1;
        }
    } else if body.starts_with('|') {
        // " | 0 | …": the leading cell is blank.
        body = &line[..line.trim_end().len()];
        off = 0;
    }
    body = body.strip_suffix('|').unwrap_or(body);
    let mut cells = Vec::new();
    let mut pos = off;
    for part in body.split('|').take(MAX_ROW_CELLS) {
        cells.push((pos, part));
        pos += part.len() + 1;
    }
    (cells.len() >= 2).then_some(cells)
}

fn is_separator(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '-' | ':' | ' '))
}

fn raw_cell(text: &str, span: Span) -> RawCell {
    if text.contains('[') {
        return RawCell::edited(span, clean(text));
    }
    let ws = |c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}';
    let lead = text.len() - text.trim_start_matches(ws).len();
    let body = text.trim_matches(ws);
    let start = span.start as usize + lead;
    RawCell::source(span, Span::new(start, start + body.len()))
}

/// Removes `[bookmark: …]` markers and trims white space (including U+3000 and NBSP).
pub(crate) fn clean(text: &str) -> String {
    let ws = |c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}';
    if !text.contains('[') {
        return text.trim_matches(ws).to_owned();
    }
    let mut s = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("[bookmark:") {
        s.push_str(&rest[..i]);
        match rest[i..].find(']') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = "";
            }
        }
    }
    s.push_str(rest);
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}');
    if t.len() == s.len() {
        s
    } else {
        t.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(text: &str) -> Vec<Vec<Vec<String>>> {
        blocks(text)
            .into_iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(
                    t.rows
                        .into_iter()
                        .map(|r| r.into_iter().map(|c| c.text(text).to_string()).collect())
                        .collect(),
                ),
                Block::Line(_) => None,
            })
            .collect()
    }

    #[test]
    fn tika_rows_end_at_blank_lines_and_cells_wrap() {
        let t = tables("标题\n\t规章\n\t0\n\n\t5.要求行政机关确认或重新\n出具已获取信息\n\t[bookmark: _Hlk1]1\n\n\n正文\n");
        assert_eq!(
            t,
            vec![vec![
                vec!["规章".to_string(), "0".into()],
                vec!["5.要求行政机关确认或重新出具已获取信息".into(), "1".into()],
            ]]
        );
    }

    #[test]
    fn pipe_rows_drop_outer_pipes_and_separators() {
        let t = tables("| a | b |\n|---|---|\n| 1 || 2 |\n");
        assert_eq!(
            t,
            vec![vec![
                vec!["a".to_string(), "b".into()],
                vec!["1".into(), "".into(), "2".into()],
            ]]
        );
    }

    #[test]
    fn a_single_trailing_pipe_is_not_a_table() {
        assert!(tables("58 |\n").is_empty());
    }

    #[test]
    fn a_whole_report_on_one_line_is_a_line_not_a_row() {
        let row: String = (0..60).map(|i| format!("| {i} ")).collect();
        let text = format!("标题\n{row}|\n| a | b |\n");
        let b = blocks(&text);
        assert!(matches!(b[1], Block::Line(_)));
        assert_eq!(tables(&text), vec![vec![vec!["a".to_string(), "b".into()]]]);
    }
}
