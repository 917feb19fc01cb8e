//! Stage timings for benches/README.md (`NIANBAO_TIMINGS=1`).

/// Stage timings on standard error when `NIANBAO_TIMINGS` is set: wall time since the last
/// mark, the resident memory now and its peak so far (for benches/README.md).
pub struct Timings {
    on: bool,
    last: std::time::Instant,
}

impl Timings {
    /// Starts the clock (reads `NIANBAO_TIMINGS`).
    pub fn new() -> Self {
        Timings {
            on: std::env::var_os("NIANBAO_TIMINGS").is_some(),
            last: std::time::Instant::now(),
        }
    }

    /// Prints the time since the last mark, when asked for.
    pub fn mark(&mut self, stage: &str) {
        if !self.on {
            return;
        }
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .map_or("", str::trim)
        };
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "timing: {stage:<12} {:>7.1} ms  now {}  peak {}",
                self.last.elapsed().as_secs_f64() * 1000.0,
                field("VmRSS:"),
                field("VmHWM:"),
            );
        }
        self.last = std::time::Instant::now();
    }
}

impl Default for Timings {
    fn default() -> Self {
        Timings::new()
    }
}
