//! PDF decoder: rebuilds paragraphs and ruled tables from character positions and ruling
//! lines, so a table reads like the Word table it was printed from (blank cells in their own
//! columns, wrapped labels whole, a table continued over a page break as one table).
//!
//! `extract` gets each page's positioned characters and rules out of the file (pdf_oxide,
//! chosen by measurement: benches/README.md); `ruling` finds the grids; `layout` puts
//! characters into cells and lines and writes both in reading order.

mod extract;
mod layout;
mod ruling;

use super::builder::DocBuilder;
use super::document::{Document, Format};
use crate::model::ReadProblem;
use std::path::Path;

/// A character (or a few, for a ligature) where the page shows it, in PDF points (y grows
/// upwards).
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    /// Left and right edges.
    pub(super) x0: f64,
    pub(super) x1: f64,
    /// Baseline.
    pub(super) y: f64,
    /// Font size on the page.
    pub(super) size: f64,
    pub(super) text: String,
}

/// A straight stroke or a filled rectangle's box, as drawn (x0 ≤ x1, y0 ≤ y1).
#[derive(Debug, Clone, Copy)]
pub(super) struct Seg {
    pub(super) x0: f64,
    pub(super) y0: f64,
    pub(super) x1: f64,
    pub(super) y1: f64,
}

/// What one page holds.
#[derive(Debug, Clone, Default)]
pub(super) struct Page {
    pub(super) glyphs: Vec<Glyph>,
    pub(super) segs: Vec<Seg>,
    pub(super) height: f64,
}

/// Characters per page below which a document with images is a scan (a scanned page may
/// carry a stamped page number or a few words).
pub(super) const SCAN_CHARS_PER_PAGE: usize = 8;

/// Decodes a PDF file.
pub(super) fn decode(path: &Path, bytes: &[u8]) -> Result<Document, ReadProblem> {
    let doc = extract::read(bytes)?;
    let chars: usize = doc
        .pages
        .iter()
        .map(|p| {
            p.glyphs
                .iter()
                .filter(|g| !g.text.trim().is_empty())
                .count()
        })
        .sum();
    if let (0, 0, Some(failed)) = (chars, doc.images, &doc.failed) {
        return Err(ReadProblem::Corrupt {
            format: "pdf".into(),
            detail: failed.clone(),
        });
    }
    if chars == 0 || (doc.images > 0 && chars < SCAN_CHARS_PER_PAGE * doc.pages.len().max(1)) {
        return Err(ReadProblem::NoTextLayer);
    }
    let mut b = DocBuilder::new();
    layout::build(&doc.pages, &mut b)?;
    b.finish(path, Format::Pdf, "UTF-8")
}
