//! Old Word files (.doc, also .wps, .rtf, .odt), read after LibreOffice converts them to DOCX:
//! no Rust reader gets their merged cells right. Without LibreOffice the file is P001 saying
//! to install it or to save the file as .docx.

mod soffice;

use super::document::{Document, Format};
use super::docx::package::is_encrypted_ole;
use crate::model::ReadProblem;
use std::path::Path;
use std::time::{Duration, Instant};

/// Time a conversion gets on top of the per-file budget: LibreOffice takes 2 to 4 s to start
/// on a slow machine before it reads a page, and two conversions share the cores.
const CONVERTER_TIME: Duration = Duration::from_secs(30);

/// The time budget of a file LibreOffice converts: the per-file budget plus the converter's.
pub(super) fn budget() -> Duration {
    super::file_timeout().saturating_add(CONVERTER_TIME)
}

/// Decodes an old Word file through LibreOffice.
pub(super) fn decode(path: &Path, bytes: &[u8]) -> Result<Document, ReadProblem> {
    if is_encrypted_ole(bytes) {
        // Office wraps a password-protected .docx or .xlsx in an OLE file: sniffing sends it here.
        let format = match Format::from_path(path) {
            f @ (Format::Docx | Format::Xlsx | Format::Xls | Format::Doc) => f.as_str(),
            _ => "office",
        };
        return Err(ReadProblem::Encrypted {
            format: format.into(),
        });
    }
    convert(path, bytes, soffice::find().as_deref())
}

/// Converts with `soffice` (`None`: not installed) and reads the DOCX it writes.
fn convert(path: &Path, bytes: &[u8], soffice: Option<&Path>) -> Result<Document, ReadProblem> {
    let ext = input_ext(path, bytes);
    let Some(soffice) = soffice else {
        return Err(ReadProblem::NeedsConverter {
            format: ext.into(),
            detail: "soffice not found on PATH".into(),
        });
    };
    // The child is killed a second before the guard around this decoder gives up, so no
    // LibreOffice outlives the file it was started for.
    let deadline = Instant::now() + budget().saturating_sub(Duration::from_secs(1));
    let docx = soffice::to_docx(soffice, bytes, ext, deadline)?;
    let mut doc = super::docx::decode(path, &docx)?;
    doc.format = Format::Doc;
    Ok(doc)
}

/// The extension LibreOffice is shown: what the bytes are (RTF, OpenDocument, OLE Word),
/// else what the name says.
fn input_ext(path: &Path, bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"{\\rtf") {
        return "rtf";
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return "odt";
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("wps") => "wps",
        Some("rtf") if !bytes.starts_with(&[0xD0, 0xCF]) => "rtf",
        Some("odt") if !bytes.starts_with(&[0xD0, 0xCF]) => "odt",
        _ => "doc",
    }
}

#[cfg(test)]
mod tests;
