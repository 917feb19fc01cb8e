//! Inputs: finding files and decoding bytes into a `Document`.
//!
//! Decoders do not interpret the report: they only turn bytes into text, lines and tables.

mod budget;
mod builder;
mod doc;
mod document;
mod docx;
mod encoding;
mod html;
mod pdf;
mod sheet;
mod text;

pub use budget::{file_timeout, set_file_timeout};
pub use document::{Block, Document, Format, RawCell, RawTable};
pub use encoding::{decode_text, Decoded};

use crate::model::ReadProblem;
use std::path::{Path, PathBuf};

/// Files larger than this are refused (P001) rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Decodes a file's bytes into a `Document`. The bytes decide the format where they carry a
/// signature (a PDF called .doc is read as a PDF); otherwise the extension does.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Document, ReadProblem> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadProblem::Empty);
    }
    let named = Format::from_path(path);
    let format = match Format::sniff(bytes, named) {
        Some(f) => f,
        // A page saved as .doc or .txt (common on government sites) is a page.
        None if named == Format::Html || html::looks_like_html(bytes) => Format::Html,
        None if matches!(named, Format::Text | Format::Unknown) => Format::Text,
        // Named as a binary format without its signature: a text file misnamed, or damaged.
        // Only UTF-8 or GBK text counts: UTF-16 detection would take any binary for text.
        None => {
            return decode_plain(path, bytes)
                .ok()
                .filter(|d| matches!(d.encoding, "UTF-8" | "GBK" | "gb18030"))
                .ok_or_else(|| ReadProblem::Corrupt {
                    format: named.as_str().to_owned(),
                    detail: format!("the bytes do not start like a {} file", named.as_str()),
                });
        }
    };
    match format {
        Format::Text | Format::Unknown => decode_plain(path, bytes),
        // Our own reader over a zip whose parts the package limits bound: linear in their
        // size, it checks the budget as it goes on the calling thread (a thread of its own
        // cost more than the decode).
        Format::Docx => budget::caught("docx", || docx::decode(path, bytes)),
        // A small page that does not nest deep parses in time linear in its size.
        Format::Html if html::parses_quickly(bytes) => {
            budget::caught("html", || html::decode(path, bytes))
        }
        // Pages and binary formats go through third-party code or deep structures (html5ever
        // spends time quadratic in a page's nesting): each runs within the per-file budget,
        // and a panic is the file's finding.
        binary => {
            let (path, bytes) = (path.to_owned(), bytes.to_vec());
            let run = move || match binary {
                Format::Html => html::decode(&path, &bytes),
                Format::Doc => doc::decode(&path, &bytes),
                Format::Pdf => pdf::decode(&path, &bytes),
                _ => sheet::decode(&path, &bytes, binary),
            };
            // LibreOffice's own start-up time comes on top of the budget of a file it converts.
            if binary == Format::Doc {
                budget::guarded_within(doc::budget(), binary.as_str(), run)
            } else {
                budget::guarded(binary.as_str(), run)
            }
        }
    }
}

fn decode_plain(path: &Path, bytes: &[u8]) -> Result<Document, ReadProblem> {
    let decoded = decode_text(bytes)?;
    let text = normalise_line_ends(decoded.text);
    if text.trim().is_empty() {
        return Err(ReadProblem::Empty);
    }
    let blocks = text::blocks(&text);
    Ok(Document {
        path: path.to_owned(),
        format: Format::Text,
        encoding: decoded.encoding,
        text,
        blocks,
    })
}

/// Reads and decodes one file; I/O problems become `ReadProblem`s.
pub fn read(path: &Path) -> Result<Document, ReadProblem> {
    let meta = std::fs::metadata(path).map_err(io_problem)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge {
            bytes: meta.len(),
            cap: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(io_problem)?;
    decode(path, &bytes)
}

fn io_problem(e: std::io::Error) -> ReadProblem {
    ReadProblem::Io {
        message: e.to_string(),
    }
}

fn normalise_line_ends(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// Expands the inputs into a sorted list of files: folders are walked (hidden entries
/// skipped), files are taken as given.
pub fn discover(inputs: &[PathBuf]) -> crate::error::Result<Vec<PathBuf>> {
    discover_except(inputs, &[])
}

/// The name of the empty file `run` leaves in its output folder: a folder walk never reads a
/// folder that holds one (our own outputs are not reports, wherever `--out` pointed).
pub const OUTPUT_MARK: &str = ".nianbao-output";

/// [`discover`], leaving out the folders in `skip` (the output folder of this run) and every
/// folder marked with [`OUTPUT_MARK`] (the output of an earlier one).
pub fn discover_except(inputs: &[PathBuf], skip: &[PathBuf]) -> crate::error::Result<Vec<PathBuf>> {
    let skip: Vec<PathBuf> = skip.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let mut out = Vec::new();
    for input in inputs {
        let err = |source| crate::error::Error::Input {
            path: input.clone(),
            source,
        };
        if input.is_dir() {
            walk(input, &skip, &mut out).map_err(err)?;
        } else {
            // A missing or unreadable file is reported for itself (P001); the batch goes on.
            out.push(input.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, skip: &[PathBuf], out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if dir.join(OUTPUT_MARK).is_file()
        || (!skip.is_empty() && dir.canonicalize().is_ok_and(|d| skip.contains(&d)))
    {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let ty = entry.file_type()?;
        if ty.is_dir() {
            walk(&path, skip, out)?;
        } else if ty.is_file() && is_candidate(&path) && !is_our_output(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// True for an HTML, Markdown or SVG file nianbao wrote (its first KiB carries
/// [`crate::model::OUTPUT_SIGN`]), wherever it was copied: read only for those extensions.
fn is_our_output(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("html" | "htm" | "md" | "svg")) {
        return false;
    }
    let mut head = [0u8; 1024];
    let n = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    memchr::memmem::find(&head[..n], crate::model::OUTPUT_SIGN.as_bytes()).is_some()
}

/// Files a folder walk picks up: report formats, not rosters or truth files.
fn is_candidate(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.eq_ignore_ascii_case("roster.csv") || name.ends_with(".facts.csv") {
        return false;
    }
    !matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("csv" | "json" | "toml" | "yaml" | "yml" | "parquet")
    )
}
