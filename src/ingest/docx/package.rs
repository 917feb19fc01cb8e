//! The zip package of an Office file (.docx, .xlsx, .ods), opened with limits.
//!
//! The zip crate trusts the sizes an archive declares and has no bomb limit of its own, so
//! every part is read through a cap on its real size, and the number of entries and the
//! compression ratio are capped too: a zip bomb or a lying header is a finding, not exhausted
//! memory.

use crate::model::ReadProblem;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// The limits a package is read within.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Bytes one part may inflate to: a report's document.xml is well under a megabyte.
    pub(crate) part: u64,
    /// Bytes all the parts read from one file may inflate to together.
    pub(crate) total: u64,
    /// Entries in one archive: a Word file holds tens, one with many pictures a few hundred.
    pub(crate) entries: usize,
    /// Inflated bytes per compressed byte, for parts above `floor`: Office XML compresses 10
    /// to 50 times, a bomb a thousand.
    pub(crate) ratio: u64,
    /// Parts smaller than this may have any ratio (a run of zeros compresses very well).
    pub(crate) floor: u64,
}

/// The limits files are read within.
pub(crate) const LIMITS: Limits = Limits {
    part: 64 * 1024 * 1024,
    total: 256 * 1024 * 1024,
    entries: 10_000,
    ratio: 200,
    floor: 1024 * 1024,
};

/// An Office zip package over the file's bytes.
pub(crate) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    format: &'static str,
    read: u64,
    limits: Limits,
}

impl<'a> Package<'a> {
    /// Opens the archive; `format` names the file type in messages.
    pub(crate) fn open(bytes: &'a [u8], format: &'static str) -> Result<Package<'a>, ReadProblem> {
        Package::open_within(bytes, format, LIMITS)
    }

    /// Opens the archive within other limits.
    pub(crate) fn open_within(
        bytes: &'a [u8],
        format: &'static str,
        limits: Limits,
    ) -> Result<Package<'a>, ReadProblem> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(format, &e))?;
        if zip.len() > limits.entries {
            return Err(over("zip entries", limits.entries as u64));
        }
        Ok(Package {
            zip,
            format,
            read: 0,
            limits,
        })
    }

    /// The names of the parts, in archive order.
    pub(crate) fn names(&self) -> Vec<String> {
        self.zip
            .file_names()
            .filter_map(Result::ok)
            .map(Into::into)
            .collect()
    }

    /// A part's bytes, or `None` when the archive has no such part.
    pub(crate) fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadProblem> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let format = self.format;
        let mut part = self.zip.by_index(index).map_err(|e| corrupt(format, &e))?;
        if part.encrypted() {
            return Err(ReadProblem::Encrypted {
                format: format.into(),
            });
        }
        let Limits {
            part: part_cap,
            total,
            ratio,
            floor,
            ..
        } = self.limits;
        let left = total.saturating_sub(self.read);
        let (cap, what, named_cap) = if left < part_cap {
            (left, "zip total bytes", total)
        } else {
            (part_cap, "zip entry bytes", part_cap)
        };
        let declared = part.size();
        let packed = part.compressed_size().max(1);
        if declared > cap {
            return Err(over(what, named_cap));
        }
        if declared > floor && declared / packed > ratio {
            return Err(over("zip compression ratio", ratio));
        }
        // The declared size may lie: read one byte past the cap to know.
        let mut out = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
        (&mut part)
            .take(cap + 1)
            .read_to_end(&mut out)
            .map_err(|e| ReadProblem::Corrupt {
                format: format.into(),
                detail: format!("{name}: {e}"),
            })?;
        let got = out.len() as u64;
        if got > cap {
            return Err(over(what, named_cap));
        }
        if got > floor && got / packed > ratio {
            return Err(over("zip compression ratio", ratio));
        }
        self.read += got;
        Ok(Some(out))
    }

    /// A part as text (XML parts are UTF-8, rarely UTF-16 with a BOM), or `None` when absent.
    pub(crate) fn text(&mut self, name: &str) -> Result<Option<String>, ReadProblem> {
        let Some(bytes) = self.bytes(name)? else {
            return Ok(None);
        };
        xml_text(bytes)
            .map(Some)
            .ok_or_else(|| ReadProblem::Corrupt {
                format: self.format.into(),
                detail: format!("{name} is not UTF-8 or UTF-16 text"),
            })
    }

    /// Reads every part whose name `wanted` accepts, throwing the bytes away: proves their
    /// real sizes and ratios are within the limits before a library that trusts the archive
    /// (calamine) reads them.
    pub(crate) fn verify(&mut self, wanted: impl Fn(&str) -> bool) -> Result<(), ReadProblem> {
        for name in self.names() {
            if wanted(&name) {
                self.bytes(&name)?;
            }
        }
        Ok(())
    }
}

/// The text of an XML part: UTF-8 (BOM dropped), or UTF-16 with a BOM.
fn xml_text(bytes: Vec<u8>) -> Option<String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
        let rest = bytes.get(bom..)?;
        let (text, malformed) = enc.decode_without_bom_handling(rest);
        return (!malformed).then(|| text.into_owned());
    }
    String::from_utf8(bytes).ok()
}

fn over(what: &str, cap: u64) -> ReadProblem {
    ReadProblem::OverLimit {
        what: what.into(),
        cap,
    }
}

fn corrupt(format: &str, e: &zip::result::ZipError) -> ReadProblem {
    match e {
        zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword") => {
            ReadProblem::Encrypted {
                format: format.into(),
            }
        }
        _ => ReadProblem::Corrupt {
            format: format.into(),
            detail: e.to_string(),
        },
    }
}

/// True when the bytes are an OLE compound file holding an `EncryptedPackage` stream: an
/// Office file (.docx, .xlsx) saved with a password, which Office wraps in OLE.
pub(crate) fn is_encrypted_ole(bytes: &[u8]) -> bool {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let name: Vec<u8> = "EncryptedPackage".bytes().flat_map(|b| [b, 0]).collect();
    bytes.starts_with(&OLE) && memchr::memmem::find(bytes, &name).is_some()
}
