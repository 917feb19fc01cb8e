//! Builds a `Document` from what a structured decoder (HTML, DOCX, PDF, spreadsheet) saw:
//! paragraphs and tables, in reading order.
//!
//! The text is laid out the way Apache Tika writes a Word file (each table cell on a line of
//! its own after a tab, a blank line after each row, a cell's further lines below it without
//! a tab), so every form of a report reads through the same parser as the Tika text of its
//! Word file, and a table's cells are the same whatever the form.

use super::document::{Block, Document, Format, RawCell, RawTable};
use crate::model::{ReadProblem, Span};
use std::path::Path;

/// Cells in one document beyond which a decoder stops: the national tables have under 200,
/// a real report a few hundred with its other tables; a table of a million cells is an attack
/// or a data dump, not a report.
pub(crate) const MAX_CELLS: usize = 200_000;

/// Collects paragraphs and tables into a document text with blocks.
#[derive(Debug, Default)]
pub(crate) struct DocBuilder {
    text: String,
    blocks: Vec<Block>,
    cells: usize,
}

impl DocBuilder {
    pub(crate) fn new() -> DocBuilder {
        DocBuilder::default()
    }

    /// Adds a header line `key：value` (the page's 发布日期, title, publisher) the way a
    /// crawler writes them above the body: call before any other content.
    pub(crate) fn header(&mut self, key: &str, value: &str) {
        let value = one_line(value);
        if !value.is_empty() {
            self.line(&format!("{key}：{value}"));
        }
    }

    /// Adds a paragraph: one line per line of it (`\n` inside stays a line break). Tabs become
    /// spaces, so a paragraph is never taken for a table cell.
    pub(crate) fn line(&mut self, paragraph: &str) {
        for l in paragraph.split('\n') {
            let l = l.trim_end_matches('\r').replace('\t', " ");
            let start = self.text.len();
            self.text.push_str(&l);
            self.blocks
                .push(Block::Line(Span::new(start, start + l.len())));
            self.text.push('\n');
        }
    }

    /// Adds a table. Each row lists its cells as written: a cell merged across columns once, a
    /// cell covered by a merge from above as an empty cell. A cell's own line breaks are kept
    /// in the text; its value joins its lines (as a wrapped label reads).
    pub(crate) fn table(&mut self, rows: &[Vec<String>]) -> Result<(), ReadProblem> {
        let mut table = RawTable::default();
        for row in rows {
            if row.iter().all(|c| c.trim().is_empty()) && row.len() <= 1 {
                continue;
            }
            self.cells += row.len();
            if self.cells > MAX_CELLS {
                return Err(ReadProblem::OverLimit {
                    what: "table cells".into(),
                    cap: MAX_CELLS as u64,
                });
            }
            let mut out = Vec::with_capacity(row.len());
            for cell in row {
                out.push(self.cell(cell));
            }
            self.text.push('\n');
            table.rows.push(out);
        }
        if !table.rows.is_empty() {
            self.blocks.push(Block::Table(table));
            self.text.push('\n');
        }
        Ok(())
    }

    fn cell(&mut self, cell: &str) -> RawCell {
        let lines: Vec<String> = cell
            .split('\n')
            .map(|l| l.replace(['\t', '\r'], " "))
            .filter(|l| !l.trim().is_empty())
            .collect();
        self.text.push('\t');
        let start = self.text.len();
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                self.text.push('\n');
            }
            self.text.push_str(l);
        }
        let end = self.text.len();
        self.text.push('\n');
        let span = Span::new(start, end);
        if lines.len() > 1 {
            let joined: String = lines.iter().map(|l| trim(l)).collect();
            return RawCell::edited(span, joined);
        }
        let body = self.text.get(start..end).unwrap_or("");
        let lead = body.len() - body.trim_start_matches(is_space).len();
        let len = trim(body).len();
        RawCell::source(span, Span::new(start + lead, start + lead + len))
    }

    /// The finished document; `Empty` when it holds no text at all.
    pub(crate) fn finish(
        self,
        path: &Path,
        format: Format,
        encoding: &'static str,
    ) -> Result<Document, ReadProblem> {
        if self.text.trim().is_empty() {
            return Err(ReadProblem::Empty);
        }
        Ok(Document {
            path: path.to_owned(),
            format,
            encoding,
            text: self.text,
            blocks: self.blocks,
        })
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}'
}

fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_reads_back_through_the_tika_reader_to_the_same_cells() {
        let mut b = DocBuilder::new();
        b.header("发布日期", "2020-01-31");
        b.line("标题\n正文");
        b.table(&[
            vec!["本年新\n制作数量".into(), " 13 ".into(), "".into()],
            vec!["规章".into(), "\u{a0}".into(), "5".into()],
        ])
        .unwrap();
        b.line("五、存在的主要问题");
        let doc = b
            .finish(Path::new("x.html"), Format::Html, "UTF-8")
            .unwrap();
        let want = vec![
            vec!["本年新制作数量".to_string(), "13".into(), "".into()],
            vec!["规章".into(), "".into(), "5".into()],
        ];
        assert_eq!(doc.table_texts(), std::slice::from_ref(&want));
        let again = super::super::text::blocks(&doc.text);
        let redone = Document {
            blocks: again,
            ..doc.clone()
        };
        assert_eq!(redone.table_texts(), [want]);
        assert!(doc.text.starts_with("发布日期：2020-01-31\n标题\n正文\n"));
    }

    #[test]
    fn nothing_but_blanks_is_empty() {
        let mut b = DocBuilder::new();
        b.line("  ");
        assert_eq!(
            b.finish(Path::new("x"), Format::Docx, "UTF-8").unwrap_err(),
            ReadProblem::Empty
        );
    }
}
