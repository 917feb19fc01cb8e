//! The per-file time budget (`--file-timeout`) and the guard third-party decoders run behind.
//!
//! A decoder that loops (a PDF whose objects refer to each other) must not stall the batch:
//! it runs on a thread of its own (kept in a small pool between files), and when the budget is
//! spent the file becomes P001 naming the limit while the batch goes on. The abandoned thread
//! is left to finish on its own and leaves the pool; a panic inside a decoder becomes P001 as
//! well.

use crate::model::ReadProblem;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The default budget: a typical report decodes in milliseconds, a large PDF in well under a
/// second on a slow machine.
const DEFAULT_MS: u64 = 5_000;

static BUDGET_MS: AtomicU64 = AtomicU64::new(DEFAULT_MS);

/// Sets the per-file decoding budget for this process (`--file-timeout`).
pub fn set_file_timeout(budget: Duration) {
    let ms = u64::try_from(budget.as_millis()).unwrap_or(u64::MAX).max(1);
    BUDGET_MS.store(ms, Ordering::Relaxed);
}

/// The per-file decoding budget.
pub fn file_timeout() -> Duration {
    Duration::from_millis(BUDGET_MS.load(Ordering::Relaxed))
}

/// Runs `decode` within the budget: its result, or `TimedOut` when the budget is spent, or
/// `Corrupt` when it panicked. `format` names the decoder in messages.
pub(crate) fn guarded<T, F>(format: &str, decode: F) -> Result<T, ReadProblem>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, ReadProblem> + Send + 'static,
{
    guarded_within(file_timeout(), format, decode)
}

/// [`guarded`] with a budget of its own (a file an external converter reads).
pub(crate) fn guarded_within<T, F>(
    budget: Duration,
    format: &str,
    decode: F,
) -> Result<T, ReadProblem>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, ReadProblem> + Send + 'static,
{
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let job: Job = Box::new(move || {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(decode));
        // The receiver is gone when the budget ran out: nothing to tell.
        let _ = tx.send(result);
    });
    let worker = match Worker::take(job) {
        Ok(w) => w,
        Err(e) => {
            return Err(ReadProblem::Io {
                message: format!("cannot start a decoder thread: {e}"),
            })
        }
    };
    match rx.recv_timeout(budget) {
        Ok(Ok(result)) => {
            worker.put_back();
            result
        }
        // A decoder that panicked may leave its thread's state half changed (pdf_oxide's
        // thread-locals: the same file then read as having no text): the worker is let go,
        // its thread ends, and the next file starts on a fresh one.
        Ok(Err(panic)) => Err(ReadProblem::Corrupt {
            format: format.to_owned(),
            detail: panic_message(&*panic),
        }),
        // The worker is abandoned: it finishes the runaway decode on its own, finds its job
        // queue closed and ends; the pool starts a fresh thread when one is next needed.
        Err(_) => Err(ReadProblem::TimedOut {
            millis: u64::try_from(budget.as_millis()).unwrap_or(u64::MAX),
        }),
    }
}

/// Runs `decode` on the calling thread, a panic becoming `Corrupt`: for decoders whose work
/// is linear in a size the limits bound, which check a [`Deadline`] as they go.
pub(crate) fn caught<T, F>(format: &str, decode: F) -> Result<T, ReadProblem>
where
    F: FnOnce() -> Result<T, ReadProblem>,
{
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(decode)).unwrap_or_else(|panic| {
        Err(ReadProblem::Corrupt {
            format: format.to_owned(),
            detail: panic_message(&*panic),
        })
    })
}

/// The end of a file's budget, for a decoder on the calling thread to check as it goes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    at: Instant,
    budget: Duration,
}

impl Deadline {
    /// The budget starts now.
    pub(crate) fn start() -> Deadline {
        Deadline::after(file_timeout())
    }

    /// A budget of `budget` from now.
    pub(crate) fn after(budget: Duration) -> Deadline {
        Deadline {
            at: Instant::now() + budget,
            budget,
        }
    }

    /// `TimedOut` once the budget is spent.
    pub(crate) fn check(&self) -> Result<(), ReadProblem> {
        if Instant::now() > self.at {
            Err(ReadProblem::TimedOut {
                millis: u64::try_from(self.budget.as_millis()).unwrap_or(u64::MAX),
            })
        } else {
            Ok(())
        }
    }
}

type Job = Box<dyn FnOnce() + Send>;

/// A decoder thread kept alive between files: starting a thread with a deep stack for every
/// file cost more than decoding a small page (mapping and unmapping the stack).
struct Worker {
    jobs: std::sync::mpsc::Sender<Job>,
}

/// Idle workers. At most one per thread that decodes at once (rayon's), so a handful.
static IDLE: Mutex<Vec<Worker>> = Mutex::new(Vec::new());

impl Worker {
    /// Hands `job` to an idle worker, or to a new one.
    fn take(job: Job) -> std::io::Result<Worker> {
        let idle = IDLE.lock().map(|mut idle| idle.pop()).unwrap_or(None);
        let job = match idle {
            Some(worker) => match worker.jobs.send(job) {
                Ok(()) => return Ok(worker),
                // The thread is gone (it cannot be, as jobs catch panics): start another.
                Err(std::sync::mpsc::SendError(job)) => job,
            },
            None => job,
        };
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("nianbao-decode".into())
            .stack_size(16 * 1024 * 1024)
            .spawn(move || {
                while let Ok(job) = queue.recv() {
                    job();
                }
            })?;
        // A fresh channel cannot be closed yet: the thread holds its receiving end.
        let _ = jobs.send(job);
        Ok(Worker { jobs })
    }

    /// Returns a worker whose job is done to the idle list.
    fn put_back(self) {
        if let Ok(mut idle) = IDLE.lock() {
            idle.push(self);
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let msg = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "the decoder failed".into());
    format!(
        "decoder error: {}",
        msg.chars().take(200).collect::<String>()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decoder_that_never_ends_is_cut_at_the_budget_and_a_panic_is_a_finding() {
        let r: Result<(), _> = guarded_within(Duration::from_millis(200), "pdf", || loop {
            std::thread::sleep(Duration::from_millis(50));
        });
        assert_eq!(r, Err(ReadProblem::TimedOut { millis: 200 }));
        let r: Result<(), _> = guarded("pdf", || panic!("bad xref"));
        assert!(
            matches!(&r, Err(ReadProblem::Corrupt { detail, .. }) if detail.contains("bad xref")),
            "{r:?}"
        );
        assert_eq!(guarded("pdf", || Ok(7)), Ok(7));
    }

    #[test]
    fn workers_are_reused_and_a_runaway_one_is_replaced() {
        let id = || guarded("html", || Ok(std::thread::current().id()));
        let first = id();
        assert!(first.is_ok());
        assert_ne!(first, Ok(std::thread::current().id()));
        // Other tests share the pool, so the same worker need not come back every time; over
        // many sequential calls at least one must be a reused thread.
        let ids: Vec<_> = (0..50).filter_map(|_| id().ok()).collect();
        let distinct: std::collections::HashSet<_> = ids.iter().collect();
        assert!(
            distinct.len() < ids.len(),
            "{} threads for 50 calls",
            distinct.len()
        );
        let stuck = guarded_within(Duration::from_millis(50), "pdf", || {
            std::thread::sleep(Duration::from_millis(400));
            Ok(std::thread::current().id())
        });
        assert_eq!(stuck, Err(ReadProblem::TimedOut { millis: 50 }));
        assert!(id().is_ok());
    }
}
