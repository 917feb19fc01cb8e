//! The only code that writes into the output folder: each file is written to a temporary
//! name and renamed into place, so a reader never sees half a file; a run writes into a
//! [`Staging`] folder beside the output folder, put in its place at the end, so that a run
//! that fails or is killed leaves the previous outputs as they were.

use std::path::{Path, PathBuf};

/// The mark of a folder nianbao wrote (`ingest::OUTPUT_MARK`).
const MARK: &str = crate::ingest::OUTPUT_MARK;

/// A run's outputs being written: a hidden sibling of the output folder
/// (`.NAME.nianbao-tmp-PID`), marked as output so no run reads it, that [`Staging::commit`]
/// puts in the output folder's place. Dropped without a commit (the run failed), it is
/// removed; left behind by a killed run, the next run into the same folder removes it.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    done: bool,
}

impl Staging {
    /// Makes the staging folder for `out`, after removing those of runs no longer alive.
    pub fn begin(out: &Path) -> std::io::Result<Staging> {
        let out = std::path::absolute(out)?;
        let (parent, name) = match (out.parent(), out.file_name()) {
            (Some(p), Some(n)) => (p.to_path_buf(), n.to_string_lossy().into_owned()),
            // The root, or a path ending in `..`: stage inside it.
            _ => (out.clone(), String::new()),
        };
        let prefix = format!(".{name}.nianbao-tmp-");
        if let Ok(entries) = std::fs::read_dir(&parent) {
            for e in entries.flatten() {
                let file = e.file_name().to_string_lossy().into_owned();
                let Some(pid) = file.strip_prefix(&prefix) else {
                    continue;
                };
                if e.path().join(MARK).is_file() && !alive(pid) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let tmp = parent.join(format!("{prefix}{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp)?;
        }
        std::fs::create_dir_all(&tmp)?;
        std::fs::write(tmp.join(MARK), b"")?;
        Ok(Staging {
            out,
            tmp,
            done: false,
        })
    }

    /// Where the outputs are written until the commit.
    pub fn path(&self) -> &Path {
        &self.tmp
    }

    /// Puts the outputs in place. An output folder nianbao wrote (or an empty one) is
    /// replaced whole, so no file of an earlier run lingers; a folder holding other files
    /// keeps them, and only the files this run wrote replace theirs.
    pub fn commit(mut self) -> std::io::Result<()> {
        self.done = true;
        let ours = self.out.join(MARK).is_file()
            || std::fs::read_dir(&self.out).is_ok_and(|mut d| d.next().is_none());
        if !self.out.exists() {
            return std::fs::rename(&self.tmp, &self.out);
        }
        if ours && self.tmp.parent() != Some(self.out.as_path()) {
            let old = self.tmp.with_extension("old");
            std::fs::rename(&self.out, &old)?;
            if let Err(e) = std::fs::rename(&self.tmp, &self.out) {
                // Put the earlier outputs back.
                let _ = std::fs::rename(&old, &self.out);
                return Err(e);
            }
            // The outputs are in place; a leftover is removed by the next run.
            let _ = std::fs::remove_dir_all(&old);
            return Ok(());
        }
        for e in std::fs::read_dir(&self.tmp)? {
            let e = e?;
            let target = self.out.join(e.file_name());
            if target.is_dir() && !target.is_symlink() {
                std::fs::remove_dir_all(&target)?;
            }
            std::fs::rename(e.path(), &target)?;
        }
        std::fs::remove_dir(&self.tmp)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Whether the process `pid` runs (Linux: /proc); elsewhere assumed so, and the folder left.
fn alive(pid: &str) -> bool {
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    if pid == std::process::id() {
        return false;
    }
    !Path::new("/proc/self").exists() || Path::new("/proc").join(pid.to_string()).exists()
}

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
        write_file(dir, &a.rel_path, &a.bytes)?;
    }
    Ok(())
}

/// Writes one file into `dir` at `rel_path` (folders made as needed), under a temporary
/// name renamed into place.
pub fn write_file(dir: &Path, rel_path: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = dir.join(rel_path);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let tmp = target.with_extension("tmp-nianbao");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, &target)
}

/// Writes one file into `dir` at `rel_path`, for a folder nothing reads before it is put in
/// place whole (a run's [`Staging`] folder): straight under its own name, its folders made
/// only when missing. A run writes thousands of letters, and each one's temporary name,
/// rename and folder checks cost more system time than its bytes.
pub fn write_staged(dir: &Path, rel_path: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = dir.join(rel_path);
    match std::fs::write(&target, bytes) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&target, bytes)
        }
        written => written,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staged_file_is_written_under_its_name_its_folders_made() {
        let dir = tempfile::tempdir().unwrap();
        write_staged(dir.path(), "letters/2023/a.html", b"one").unwrap();
        write_staged(dir.path(), "letters/2023/b.html", b"two").unwrap();
        write_staged(dir.path(), "letters/2023/a.html", b"again").unwrap();
        let folder = dir.path().join("letters/2023");
        assert_eq!(std::fs::read(folder.join("a.html")).unwrap(), b"again");
        assert_eq!(std::fs::read(folder.join("b.html")).unwrap(), b"two");
        let mut names: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["a.html", "b.html"]);
        // A folder that cannot be made is the write's error, not a panic.
        std::fs::write(dir.path().join("file"), b"").unwrap();
        assert!(write_staged(dir.path(), "file/x.html", b"x").is_err());
    }
}
