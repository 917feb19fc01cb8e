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
