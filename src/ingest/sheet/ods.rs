//! OpenDocument spreadsheets (.ods) read by hand from content.xml: calamine reads their values
//! but not their merged cells (`table:number-columns-spanned` / `-rows-spanned`). A cell's
//! text is its paragraphs as shown (the number as formatted, "3", "24.5", "50%").

use super::grid::{Grid, Merge};
use crate::ingest::docx::package::Package;
use crate::ingest::docx::{attr, entity};
use crate::model::ReadProblem;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// A repeated cell with content is written this many times at most (a repeat across the
/// whole sheet is styling, not data).
const MAX_REPEAT: u32 = 1_024;

/// The sheets of an .ods file, in order.
pub(super) fn read(bytes: &[u8]) -> Result<Vec<Grid>, ReadProblem> {
    let mut pkg = Package::open(bytes, "ods")?;
    if pkg
        .text("META-INF/manifest.xml")?
        .is_some_and(|m| m.contains("encryption-data"))
    {
        return Err(ReadProblem::Encrypted {
            format: "ods".into(),
        });
    }
    let xml = pkg
        .text("content.xml")?
        .ok_or_else(|| ReadProblem::Corrupt {
            format: "ods".into(),
            detail: "no content.xml in the package".into(),
        })?;
    Walker::default().read(&xml)
}

#[derive(Default)]
struct Walker {
    sheets: Vec<Grid>,
    grid: Option<Grid>,
    row: u32,
    col: u32,
    /// Repeats of the open row.
    row_repeat: u32,
    /// The open cell: its repeats, and its text so far.
    cell: Option<(u32, String)>,
    /// Paragraphs seen in the open cell.
    paras: usize,
    /// Inside a paragraph of a cell (text counts only there).
    in_para: usize,
}

impl Walker {
    fn read(mut self, xml: &str) -> Result<Vec<Grid>, ReadProblem> {
        let mut reader = Reader::from_str(xml);
        loop {
            match reader.read_event().map_err(|e| corrupt(&e.to_string()))? {
                Event::Start(e) => {
                    if matches!(e.local_name().as_ref(), "annotation" | "frame") {
                        let end = e.to_end().into_owned();
                        reader
                            .read_to_end(end.name())
                            .map_err(|e| corrupt(&e.to_string()))?;
                    } else {
                        self.start(&e, false)?;
                    }
                }
                Event::Empty(e) => self.start(&e, true)?,
                Event::End(e) => self.end(e.local_name().as_ref())?,
                Event::Text(t) => self.push(&t.xml10_content()),
                Event::GeneralRef(r) => {
                    if let Some(c) = entity(&r) {
                        self.push(c.encode_utf8(&mut [0; 4]));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(self.sheets)
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), ReadProblem> {
        match e.local_name().as_ref() {
            "table" if !empty => {
                self.grid = Some(Grid::default());
                self.row = 0;
            }
            "table-row" => {
                self.col = 0;
                self.row_repeat = count(e, "number-rows-repeated");
                if empty {
                    self.row = self.row.saturating_add(self.row_repeat);
                }
            }
            "table-cell" | "covered-table-cell" => {
                let repeat = count(e, "number-columns-repeated");
                let spans = (
                    count(e, "number-rows-spanned"),
                    count(e, "number-columns-spanned"),
                );
                if spans != (1, 1) {
                    if let Some(g) = self.grid.as_mut() {
                        g.merge(Merge {
                            r0: self.row,
                            c0: self.col,
                            r1: self.row.saturating_add(spans.0 - 1),
                            c1: self.col.saturating_add(spans.1 - 1),
                        })?;
                    }
                }
                if empty {
                    self.col = self.col.saturating_add(repeat);
                } else {
                    self.cell = Some((repeat, String::new()));
                    self.paras = 0;
                }
            }
            "p" | "h" if self.cell.is_some() && !empty => {
                if self.paras > 0 {
                    self.push("\n");
                }
                self.paras += 1;
                self.in_para += 1;
            }
            "s" => {
                let n = count(e, "c").min(64) as usize;
                self.push(&" ".repeat(n));
            }
            "tab" => self.push("\t"),
            "line-break" => self.push("\n"),
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), ReadProblem> {
        match name {
            "table" => {
                if let Some(g) = self.grid.take() {
                    self.sheets.push(g);
                }
            }
            "table-row" => self.row = self.row.saturating_add(self.row_repeat),
            "p" | "h" => self.in_para = self.in_para.saturating_sub(1),
            "table-cell" | "covered-table-cell" => {
                let Some((repeat, text)) = self.cell.take() else {
                    return Ok(());
                };
                if let Some(g) = self.grid.as_mut() {
                    // A repeated row repeats its cells; content is written once per row.
                    if !text.trim().is_empty() {
                        for i in 0..repeat.min(MAX_REPEAT) {
                            g.set(self.row, self.col.saturating_add(i), text.clone())?;
                        }
                    }
                }
                self.col = self.col.saturating_add(repeat);
            }
            _ => {}
        }
        Ok(())
    }

    fn push(&mut self, s: &str) {
        if self.in_para == 0 {
            return;
        }
        if let Some((_, text)) = self.cell.as_mut() {
            text.push_str(s);
        }
    }
}

/// A count attribute (repeats, spans), at least 1.
fn count(e: &BytesStart<'_>, name: &str) -> u32 {
    attr(e, name)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .max(1)
}

fn corrupt(detail: &str) -> ReadProblem {
    ReadProblem::Corrupt {
        format: "ods".into(),
        detail: format!("content.xml: {detail}"),
    }
}
