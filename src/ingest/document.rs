//! `Document`: a decoded file as paragraphs and tables, not yet interpreted.

use crate::model::Span;
use std::path::PathBuf;

/// The file format a document came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (Tika text of a Word file, pipe tables, one cell per line, PDF text).
    Text,
    /// A web page.
    Html,
    /// A Word file.
    Docx,
    /// A PDF file.
    Pdf,
    /// An Excel file.
    Xlsx,
    /// Anything else.
    Unknown,
}

impl Format {
    /// Guesses the format from a file name's extension.
    pub fn from_path(path: &std::path::Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "txt" | "text" | "md" | "csv" | "" => Format::Text,
            "html" | "htm" | "shtml" => Format::Html,
            "docx" => Format::Docx,
            "pdf" => Format::Pdf,
            "xlsx" | "xls" => Format::Xlsx,
            _ => Format::Unknown,
        }
    }

    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Unknown => "unknown",
        }
    }
}

/// One cell of a table as the decoder saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawCell {
    /// Where the cell is in the document text.
    pub span: Span,
    /// Its text: most cells are a trimmed slice of the document; the others (wrapped lines
    /// joined, `[bookmark: …]` markers removed) own their text.
    text: CellText,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum CellText {
    Source(Span),
    Edited(String),
}

impl RawCell {
    /// A cell whose text is the span `text` of the document.
    pub(crate) fn source(span: Span, text: Span) -> RawCell {
        RawCell {
            span,
            text: CellText::Source(text),
        }
    }

    /// A cell whose text differs from the document's.
    pub(crate) fn edited(span: Span, text: String) -> RawCell {
        RawCell {
            span,
            text: CellText::Edited(text),
        }
    }

    /// Where the cell's text is: the trimmed text for a cell that is a slice of the
    /// document, the whole cell otherwise.
    pub fn text_span(&self) -> Span {
        match &self.text {
            CellText::Source(s) if s.start < s.end => *s,
            _ => self.span,
        }
    }

    /// The cell text: wrapped lines joined, `[bookmark: …]` markers removed, trimmed.
    /// `doc_text` is the text of the document the cell belongs to.
    pub fn text<'d>(&'d self, doc_text: &'d str) -> &'d str {
        match &self.text {
            CellText::Source(s) => doc_text.get(s.range()).unwrap_or(""),
            CellText::Edited(t) => t,
        }
    }
}

/// A table whose rows the form makes explicit (Tika cell lines, pipe rows).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawTable {
    /// Rows of cells, as written (merged cells may be repeated, empty or left out).
    pub rows: Vec<Vec<RawCell>>,
}

/// A block of the document, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// One line of text outside any explicit table (may be empty).
    Line(Span),
    /// A table with explicit rows.
    Table(RawTable),
}

/// One input file after decoding. Nothing here is interpreted yet.
#[derive(Clone, Debug)]
pub struct Document {
    /// The path as given, for messages.
    pub path: PathBuf,
    /// The format.
    pub format: Format,
    /// The encoding the bytes were in.
    pub encoding: &'static str,
    /// The decoded text (CRLF turned into LF); every span indexes into it.
    pub text: String,
    /// Lines and tables in reading order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}
