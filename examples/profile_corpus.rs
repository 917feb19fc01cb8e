//! Reads the first N report files under a folder on one thread, for profiling
//! (`valgrind --tool=callgrind` or `perf record`); not a benchmark.
fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: profile_corpus DIR [N]");
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(500);
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut cells = 0;
    let step = (files.len() / n.max(1)).max(1);
    for p in files.iter().step_by(step).take(n) {
        let out = nianbao::pipeline::process_one(p, false);
        if let Some(r) = out.report {
            cells += r.cell_count();
        }
    }
    assert!(cells > 0);
}
