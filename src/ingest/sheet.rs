//! Spreadsheets (.xlsx, .xls, .ods) through calamine.

use super::document::{Document, Format};
use crate::model::ReadProblem;
use std::path::Path;

/// Decodes a workbook.
pub(super) fn decode(_path: &Path, _bytes: &[u8], format: Format) -> Result<Document, ReadProblem> {
    Err(ReadProblem::Unsupported {
        format: format.as_str().into(),
    })
}
