//! The only code that writes into the output folder: each file is written to a temporary
//! name and renamed into place, so a reader never sees half a file.

use std::path::Path;

/// One output file: its path relative to the output folder, and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// Relative path.
    pub rel_path: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Writes the artifacts into `dir` (created if needed).
pub fn write(artifacts: &[Artifact], dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for a in artifacts {
        let target = dir.join(&a.rel_path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let tmp = target.with_extension("tmp-nianbao");
        std::fs::write(&tmp, &a.bytes)?;
        std::fs::rename(&tmp, &target)?;
    }
    Ok(())
}

/// Writes one large file by streaming into it (through a buffer), to a temporary name renamed
/// into place when `fill` succeeds; on failure the temporary file is removed.
pub fn write_streamed<E>(
    dir: &Path,
    rel_path: &str,
    fill: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<(), E>,
) -> Result<(), E>
where
    E: From<std::io::Error>,
{
    let target = dir.join(rel_path);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let tmp = target.with_extension("tmp-nianbao");
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
    let filled = fill(&mut w).and_then(|()| {
        use std::io::Write as _;
        w.flush().map_err(E::from)
    });
    drop(w);
    match filled {
        Ok(()) => Ok(std::fs::rename(&tmp, &target)?),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}
