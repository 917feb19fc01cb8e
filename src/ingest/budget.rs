//! The per-file time budget (`--file-timeout`) and the guard third-party decoders run behind.
//!
//! A decoder that loops (a PDF whose objects refer to each other) must not stall the batch:
//! it runs on a thread of its own, and when the budget is spent the file becomes P001 naming
//! the limit while the batch goes on. The abandoned thread is left to finish on its own; a
//! panic inside a decoder becomes P001 as well.

use crate::model::ReadProblem;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

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
    let spawned = std::thread::Builder::new()
        .name("nianbao-decode".into())
        .stack_size(16 * 1024 * 1024)
        .spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(decode));
            // The receiver is gone when the budget ran out: nothing to tell.
            let _ = tx.send(result);
        });
    if let Err(e) = spawned {
        return Err(ReadProblem::Io {
            message: format!("cannot start a decoder thread: {e}"),
        });
    }
    match rx.recv_timeout(budget) {
        Ok(Ok(result)) => result,
        Ok(Err(panic)) => Err(ReadProblem::Corrupt {
            format: format.to_owned(),
            detail: panic_message(&*panic),
        }),
        Err(_) => Err(ReadProblem::TimedOut {
            millis: u64::try_from(budget.as_millis()).unwrap_or(u64::MAX),
        }),
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
}
