//! Old Word files (.doc, .wps, .rtf, .odt), read after LibreOffice converts them to DOCX.

use super::document::Document;
use crate::model::ReadProblem;
use std::path::Path;

/// Decodes an old Word file.
pub(super) fn decode(_path: &Path, _bytes: &[u8]) -> Result<Document, ReadProblem> {
    Err(ReadProblem::Unsupported {
        format: "doc".into(),
    })
}
