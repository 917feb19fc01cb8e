//! `Document`: a decoded file as paragraphs and tables, not yet interpreted.

use crate::model::Span;
use std::path::PathBuf;

/// The file format a document came from.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (Tika text of a Word file, pipe tables, one cell per line, PDF text).
    Text,
    /// A web page.
    Html,
    /// A Word file (.docx).
    Docx,
    /// An old Word file (.doc, also .wps, .rtf, .odt): read after LibreOffice converts it.
    Doc,
    /// A PDF file.
    Pdf,
    /// An Excel workbook (.xlsx, .xlsm, .xlsb).
    Xlsx,
    /// An old Excel workbook (.xls).
    Xls,
    /// An OpenDocument spreadsheet (.ods).
    Ods,
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
            "html" | "htm" | "shtml" | "xhtml" | "jsp" | "asp" | "aspx" | "php" => Format::Html,
            "docx" | "docm" | "dotx" => Format::Docx,
            "doc" | "wps" | "rtf" | "odt" | "dot" => Format::Doc,
            "pdf" => Format::Pdf,
            "xlsx" | "xlsm" | "xlsb" => Format::Xlsx,
            "xls" | "et" => Format::Xls,
            "ods" => Format::Ods,
            _ => Format::Unknown,
        }
    }

    /// The format the bytes say they are, whatever the file is called: a PDF, a zip (Word or
    /// Excel, told apart by its parts), an OLE compound file (old Word or Excel), RTF.
    /// `None` for bytes without such a signature (text, HTML).
    pub fn sniff(bytes: &[u8], named: Format) -> Option<Format> {
        let head = &bytes[..bytes.len().min(1024)];
        if memchr::memmem::find(head, b"%PDF-").is_some() {
            return Some(Format::Pdf);
        }
        if bytes.starts_with(b"PK\x03\x04") {
            // A zip: the names of its parts are in the clear.
            let probe = &bytes[..bytes.len().min(64 * 1024)];
            let has = |n: &[u8]| memchr::memmem::find(probe, n).is_some();
            return Some(if has(b"word/") {
                Format::Docx
            } else if has(b"xl/") {
                Format::Xlsx
            } else if has(b"opendocument.spreadsheet") {
                Format::Ods
            } else if has(b"opendocument.text") {
                Format::Doc
            } else if matches!(
                named,
                Format::Docx | Format::Xlsx | Format::Ods | Format::Doc
            ) {
                named
            } else {
                Format::Docx
            });
        }
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // The directory names its streams in UTF-16: "Workbook" (or "Book") is Excel.
            let utf16 = |n: &str| n.bytes().flat_map(|b| [b, 0]).collect::<Vec<u8>>();
            let excel = memchr::memmem::find(bytes, &utf16("Workbook")).is_some()
                || memchr::memmem::find(bytes, &utf16("Book\0")).is_some();
            let word = memchr::memmem::find(bytes, &utf16("WordDocument")).is_some();
            return Some(match (excel, word) {
                (true, false) => Format::Xls,
                (false, true) => Format::Doc,
                _ if named == Format::Xls => Format::Xls,
                _ => Format::Doc,
            });
        }
        if bytes.starts_with(b"{\\rtf") {
            return Some(Format::Doc);
        }
        None
    }

    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Doc => "doc",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
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

    /// Each table's rows of cell texts, in order (for tests and diagnostics).
    pub fn table_texts(&self) -> Vec<Vec<Vec<String>>> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(
                    t.rows
                        .iter()
                        .map(|r| r.iter().map(|c| c.text(&self.text).to_owned()).collect())
                        .collect(),
                ),
                Block::Line(_) => None,
            })
            .collect()
    }

    /// The lines outside tables, in order.
    pub fn line_texts(&self) -> Vec<&str> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(s) => Some(self.slice(*s)),
                Block::Table(_) => None,
            })
            .collect()
    }
}
