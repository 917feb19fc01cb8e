//! DOCX decoder.

use super::document::Document;
use crate::model::ReadProblem;
use std::path::Path;

/// Decodes a DOCX file.
pub(super) fn decode(_path: &Path, _bytes: &[u8]) -> Result<Document, ReadProblem> {
    Err(ReadProblem::Unsupported {
        format: "docx".into(),
    })
}
