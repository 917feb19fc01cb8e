//! Running LibreOffice (`soffice --headless --convert-to docx`) on one file: in a temporary
//! folder with a private profile (a user's open LibreOffice, or another conversion, never
//! shares it), at most as many at once as the machine has cores, and killed with everything
//! it started when its deadline passes.

use crate::model::ReadProblem;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The converter's output may be no larger than an input file may be.
const MAX_OUTPUT_BYTES: u64 = crate::ingest::MAX_FILE_BYTES;

/// `soffice` on PATH, looked up once.
pub(super) fn find() -> Option<PathBuf> {
    static FOUND: OnceLock<Option<PathBuf>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            let path = std::env::var_os("PATH")?;
            std::env::split_paths(&path)
                .flat_map(|dir| ["soffice", "libreoffice"].map(|n| dir.join(n)))
                .find(|p| is_executable(p))
        })
        .clone()
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        p.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

/// Converts `bytes` (a file of extension `ext`) to DOCX with `soffice`, giving up at
/// `deadline`: the DOCX bytes.
pub(super) fn to_docx(
    soffice: &Path,
    bytes: &[u8],
    ext: &str,
    deadline: Instant,
) -> Result<Vec<u8>, ReadProblem> {
    let _slot = Slots::global().acquire(deadline).ok_or_else(timed_out)?;
    let dir = TempDir::new()?;
    let input = dir.path.join(format!("in.{ext}"));
    std::fs::write(&input, bytes).map_err(io)?;
    let out = dir.path.join("out");
    let mut cmd = Command::new(soffice);
    cmd.arg(format!(
        "-env:UserInstallation={}",
        file_url(&dir.path.join("profile"))
    ))
    .args([
        "--headless",
        "--norestore",
        "--nologo",
        "--convert-to",
        "docx",
    ])
    .arg("--outdir")
    .arg(&out)
    .arg(&input)
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    let status = wait(spawn_group(&mut cmd)?, deadline)?;
    let docx = out.join("in.docx");
    match std::fs::metadata(&docx) {
        Ok(m) if m.len() > MAX_OUTPUT_BYTES => Err(ReadProblem::TooLarge {
            bytes: m.len(),
            cap: MAX_OUTPUT_BYTES,
        }),
        Ok(_) => std::fs::read(&docx).map_err(io),
        Err(_) => Err(ReadProblem::Corrupt {
            format: ext.to_owned(),
            detail: format!(
                "LibreOffice could not convert it ({status}): damaged, password-protected or not a {ext} file"
            ),
        }),
    }
}

/// Starts the child in a process group of its own, so that what it starts (`soffice` runs
/// `soffice.bin`) can be killed with it.
fn spawn_group(cmd: &mut Command) -> Result<Child, ReadProblem> {
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(cmd, 0);
    cmd.spawn().map_err(|e| ReadProblem::NeedsConverter {
        format: "doc".into(),
        detail: format!("cannot start LibreOffice: {e}"),
    })
}

/// Waits for the child until `deadline`, then kills its process group.
pub(super) fn wait(mut child: Child, deadline: Instant) -> Result<String, ReadProblem> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                // What the converter left running (a stray helper) goes with it.
                kill_group(&mut child);
                return Ok(status.to_string());
            }
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Ok(None) | Err(_) => {
                kill_group(&mut child);
                let _ = child.wait();
                return Err(timed_out());
            }
        }
    }
}

fn kill_group(child: &mut Child) {
    #[cfg(unix)]
    {
        let pid = rustix::process::Pid::from_child(child);
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
}

fn timed_out() -> ReadProblem {
    ReadProblem::TimedOut {
        millis: u64::try_from(super::budget().as_millis()).unwrap_or(u64::MAX),
    }
}

/// `file:///tmp/x` for a path.
fn file_url(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/").replace(' ', "%20");
    if s.starts_with('/') {
        format!("file://{s}")
    } else {
        format!("file:///{s}")
    }
}

fn io(e: std::io::Error) -> ReadProblem {
    ReadProblem::Io {
        message: e.to_string(),
    }
}

/// A temporary folder of this process, removed with everything in it when dropped.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new() -> Result<TempDir, ReadProblem> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let base = std::env::temp_dir();
        let mut last = None;
        for _ in 0..100 {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = base.join(format!("nianbao-convert-{}-{n}", std::process::id()));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(TempDir { path }),
                Err(e) => last = Some(e),
            }
        }
        Err(io(last.unwrap_or_else(|| {
            std::io::Error::other("no temporary folder")
        })))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A counting semaphore: conversions running at once.
pub(super) struct Slots {
    busy: Mutex<usize>,
    freed: Condvar,
    cap: usize,
}

/// A held slot, given back when dropped.
pub(super) struct Slot<'a>(&'a Slots);

impl Slots {
    pub(super) const fn new(cap: usize) -> Slots {
        Slots {
            busy: Mutex::new(0),
            freed: Condvar::new(),
            cap,
        }
    }

    /// One slot per core: each conversion keeps a core busy.
    fn global() -> &'static Slots {
        static SLOTS: OnceLock<Slots> = OnceLock::new();
        SLOTS
            .get_or_init(|| Slots::new(std::thread::available_parallelism().map_or(1, |n| n.get())))
    }

    /// Waits for a free slot until `deadline` (`None` when it passed first).
    pub(super) fn acquire(&self, deadline: Instant) -> Option<Slot<'_>> {
        let mut busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        while *busy >= self.cap.max(1) {
            let left = deadline.checked_duration_since(Instant::now())?;
            busy = self
                .freed
                .wait_timeout(busy, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
        *busy += 1;
        Some(Slot(self))
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut busy = self.0.busy.lock().unwrap_or_else(|p| p.into_inner());
        *busy = busy.saturating_sub(1);
        self.0.freed.notify_one();
    }
}
