//! word/document.xml → a light tree of paragraphs and tables, in document order.
//!
//! What Word shows is kept: runs' text, tabs and line breaks, inserted revisions, content
//! controls (`w:sdt`), text boxes (one branch of `mc:AlternateContent`, or their text would
//! come twice). What it does not show is skipped: deleted revisions, field codes
//! (`w:instrText`), properties.

use super::numbering::{Numbering, ParaNumbering};
use super::xml::{self, Token, Tokens};
use crate::ingest::budget::Deadline;
use crate::model::ReadProblem;
use quick_xml::events::{BytesRef, BytesStart};

/// Tables inside tables beyond this depth are refused: real reports nest one or two.
const MAX_NESTING: usize = 32;

/// A block of a story (the body, a table cell, a text box).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Item {
    /// A paragraph's text; `\n` where it breaks a line, `\t` where it tabs.
    Para(String),
    /// A table.
    Table(Table),
}

/// A table's rows, as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Table {
    pub(super) rows: Vec<Vec<Cell>>,
}

/// One `w:tc`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Cell {
    /// Grid columns it spans (`w:gridSpan`).
    pub(super) span: usize,
    /// True for a `w:vMerge` continuation: the cell above extends over it.
    pub(super) continued: bool,
    /// Its content.
    pub(super) items: Vec<Item>,
}

/// What is being built, innermost last.
#[derive(Debug)]
enum Frame {
    /// A story: the body, a cell's content (with its properties) or a text box.
    Story {
        items: Vec<Item>,
        cell: Option<Cell>,
    },
    /// A paragraph, its numbering, and the text boxes anchored in it (read after it).
    Para {
        text: String,
        boxes: Vec<Item>,
        numbered: Option<ParaNumbering>,
    },
    Table(Table),
    Row(Vec<Cell>),
}

/// Reads the body of word/document.xml.
/// `numbering` labels numbered paragraphs (`None`: the document numbers none).
/// The walk checks the file's time budget as it goes: it is linear in the part's size, which
/// the package limits, so it runs on the calling thread.
pub(super) fn read(
    xml: &str,
    numbering: Option<Numbering>,
    deadline: Deadline,
) -> Result<Vec<Item>, ReadProblem> {
    let mut tokens = Tokens::new(xml);
    let mut w = Walker {
        stack: vec![Frame::Story {
            items: Vec::new(),
            cell: None,
        }],
        in_text: false,
        alternates: Vec::new(),
        tables: 0,
        numbering,
    };
    let mut count = 0u32;
    while let Some(token) = tokens.next_token().map_err(|e| corrupt(&e))? {
        count = count.wrapping_add(1);
        if count.is_multiple_of(4096) {
            deadline.check()?;
        }
        match token {
            Token::Start {
                name,
                attrs,
                empty: false,
            } => {
                let name = Token::local(name);
                if name == "pPr" && w.numbering.is_some() {
                    let props = para_props(&mut tokens)?;
                    if let Some(Frame::Para { numbered, .. }) = w.stack.last_mut() {
                        *numbered = Some(props);
                    }
                } else if w.skips(name) {
                    tokens.skip_element().map_err(|e| corrupt(&e))?;
                } else {
                    w.start(name, attrs)?;
                }
            }
            Token::Start {
                name,
                attrs,
                empty: true,
            } => w.empty(Token::local(name), attrs),
            Token::End { name } => w.end(Token::local(name)),
            Token::Text(raw) if w.in_text => {
                if let Some(Frame::Para { text, .. }) = w.stack.last_mut() {
                    xml::unescape(raw, text);
                }
            }
            Token::CData(t) if w.in_text => w.push_str(t),
            _ => {}
        }
    }
    w.finish()
}

struct Walker {
    stack: Vec<Frame>,
    /// Inside a `w:t` (text events count only there).
    in_text: bool,
    /// Open `mc:AlternateContent`s: whether a branch of each was already taken.
    alternates: Vec<bool>,
    /// Open tables.
    tables: usize,
    /// The document's lists, when it numbers paragraphs.
    numbering: Option<Numbering>,
}

impl Walker {
    /// True for an element whose whole subtree is skipped. Called for start tags only.
    fn skips(&mut self, name: &str) -> bool {
        match name {
            // Deleted revisions, field codes, properties (pPr holds tab stops named `tab`),
            // a content control's own settings (its placeholder text is not content).
            "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" | "pPr" | "rPr"
            | "sdtPr" | "sdtEndPr" | "tblPr" | "trPr" | "sectPr" | "tblGrid" | "rPrChange"
            | "pPrChange" | "tcPrChange" | "trPrChange" | "tblPrChange" | "footnotePr"
            | "endnotePr" => true,
            "Choice" | "Fallback" => match self.alternates.last_mut() {
                Some(taken) if *taken => true,
                Some(taken) => {
                    *taken = true;
                    false
                }
                None => false,
            },
            _ => false,
        }
    }

    fn start(&mut self, name: &str, attrs: &str) -> Result<(), ReadProblem> {
        match name {
            "p" => self.stack.push(Frame::Para {
                text: String::new(),
                boxes: Vec::new(),
                numbered: None,
            }),
            "tbl" => {
                self.tables += 1;
                if self.tables > MAX_NESTING {
                    return Err(ReadProblem::OverLimit {
                        what: "nested tables".into(),
                        cap: MAX_NESTING as u64,
                    });
                }
                self.stack.push(Frame::Table(Table::default()));
            }
            "tr" => self.stack.push(Frame::Row(Vec::new())),
            "tc" => self.stack.push(Frame::Story {
                items: Vec::new(),
                cell: Some(Cell {
                    span: 1,
                    ..Cell::default()
                }),
            }),
            "txbxContent" => self.stack.push(Frame::Story {
                items: Vec::new(),
                cell: None,
            }),
            "t" => self.in_text = true,
            "AlternateContent" => self.alternates.push(false),
            // Tags Word writes as empty elements may come as start tags.
            _ => self.empty(name, attrs),
        }
        Ok(())
    }

    fn empty(&mut self, name: &str, attrs: &str) {
        match name {
            "tab" | "ptab" => self.push_str("\t"),
            "br" | "cr" => self.push_str("\n"),
            "noBreakHyphen" => self.push_str("-"),
            "gridSpan" => {
                let span = xml::attr(attrs, "val")
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1);
                if let Some(cell) = self.cell() {
                    cell.span = span.clamp(1, 1000);
                }
            }
            "vMerge" => {
                // `<w:vMerge/>` without a value continues the cell above.
                let continued = xml::attr(attrs, "val").is_none_or(|v| v == "continue");
                if let Some(cell) = self.cell() {
                    cell.continued = continued;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        let kind = match name {
            "t" => {
                self.in_text = false;
                return;
            }
            "AlternateContent" => {
                self.alternates.pop();
                return;
            }
            "p" => Kind::Para,
            "tc" => Kind::Cell,
            "tr" => Kind::Row,
            "tbl" => Kind::Table,
            "txbxContent" => Kind::Box,
            _ => return,
        };
        // A stray end tag closes nothing; one that skips open elements closes them too.
        if !self.stack.iter().skip(1).any(|f| f.kind() == kind) {
            return;
        }
        while self.stack.len() > 1 {
            let Some(frame) = self.stack.pop() else { break };
            let done = frame.kind() == kind;
            self.fold(frame);
            if done {
                break;
            }
        }
    }

    /// Puts a finished frame into the one around it.
    fn fold(&mut self, frame: Frame) {
        match frame {
            Frame::Para {
                text,
                boxes,
                numbered,
            } => {
                let label: Option<String> = numbered
                    .zip(self.numbering.as_mut())
                    .and_then(|(p, n)| n.label(&p));
                self.add(Item::Para(match label {
                    Some(label) => labelled(&label, &text),
                    None => text,
                }));
                for b in boxes {
                    self.add(b);
                }
            }
            Frame::Story {
                items,
                cell: Some(mut cell),
            } => {
                cell.items = items;
                if let Some(Frame::Row(row)) = self.stack.last_mut() {
                    row.push(cell);
                }
            }
            Frame::Story { items, cell: None } => self.add_box(items),
            Frame::Row(row) => {
                if let Some(Frame::Table(t)) = self.stack.last_mut() {
                    t.rows.push(row);
                }
            }
            Frame::Table(t) => {
                self.tables = self.tables.saturating_sub(1);
                self.add(Item::Table(t));
            }
        }
    }

    /// Adds a finished block to the innermost story.
    fn add(&mut self, item: Item) {
        if let Some(Frame::Story { items, .. }) = self
            .stack
            .iter_mut()
            .rev()
            .find(|f| matches!(f, Frame::Story { .. }))
        {
            items.push(item);
        }
    }

    /// A text box's blocks go after the paragraph it is anchored in.
    fn add_box(&mut self, items: Vec<Item>) {
        if let Some(Frame::Para { boxes, .. }) = self.stack.last_mut() {
            boxes.extend(items);
        } else {
            for item in items {
                self.add(item);
            }
        }
    }

    /// The innermost open cell, when the innermost story is one.
    fn cell(&mut self) -> Option<&mut Cell> {
        match self.stack.last_mut() {
            Some(Frame::Story { cell: Some(c), .. }) => Some(c),
            _ => None,
        }
    }

    fn push_str(&mut self, s: &str) {
        if let Some(Frame::Para { text, .. }) = self.stack.last_mut() {
            text.push_str(s);
        }
    }

    /// The body's blocks; frames a malformed file left open are closed as they stand.
    fn finish(mut self) -> Result<Vec<Item>, ReadProblem> {
        while self.stack.len() > 1 {
            if let Some(frame) = self.stack.pop() {
                self.fold(frame);
            }
        }
        match self.stack.pop() {
            Some(Frame::Story { items, .. }) => Ok(items),
            _ => Err(corrupt("no body")),
        }
    }
}

impl Frame {
    fn kind(&self) -> Kind {
        match self {
            Frame::Story { cell: Some(_), .. } => Kind::Cell,
            Frame::Story { cell: None, .. } => Kind::Box,
            Frame::Para { .. } => Kind::Para,
            Frame::Table(_) => Kind::Table,
            Frame::Row(_) => Kind::Row,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Para,
    Cell,
    Box,
    Row,
    Table,
}

/// The numbering properties of a `w:pPr` (the tokens are just past its start tag).
fn para_props(tokens: &mut Tokens<'_>) -> Result<ParaNumbering, ReadProblem> {
    let mut p = ParaNumbering::default();
    while let Some(token) = tokens.next_token().map_err(|e| corrupt(&e))? {
        match token {
            Token::Start { name, attrs, empty } => match Token::local(name) {
                // Earlier properties of a tracked change are not the paragraph's.
                "pPrChange" if !empty => tokens.skip_element().map_err(|e| corrupt(&e))?,
                "pStyle" => p.style = xml::attr(attrs, "val"),
                "numId" => p.num = xml::attr(attrs, "val"),
                "ilvl" => {
                    p.level = xml::attr(attrs, "val").and_then(|v| v.trim().parse().ok());
                }
                _ => {}
            },
            Token::End { name } if Token::local(name) == "pPr" => return Ok(p),
            _ => {}
        }
    }
    Ok(p)
}

/// A numbered paragraph's text: its label, then a space unless the label ends in punctuation
/// ("一、总体情况", "（二）部分公开", "第一章 总则").
fn labelled(label: &str, text: &str) -> String {
    let glued = label.chars().last().is_some_and(|c| !c.is_alphanumeric());
    if glued || text.is_empty() {
        format!("{label}{text}")
    } else {
        format!("{label} {text}")
    }
}

/// The character an entity or character reference stands for (quick-xml reports `&amp;`
/// and `&#x4E00;` apart from the text around them).
pub(crate) fn entity(r: &BytesRef<'_>) -> Option<char> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        Ok(None) => match r.as_ref() {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
        Err(_) => None,
    }
}

/// An attribute's value by its local name.
pub(crate) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn corrupt(detail: &str) -> ReadProblem {
    ReadProblem::Corrupt {
        format: "docx".into(),
        detail: format!("word/document.xml: {detail}"),
    }
}
