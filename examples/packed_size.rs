//! How many bytes a batch holds for each report once packed: reads every 5th text report
//! under a folder (at most 2,000) on one thread and prints the packed size a report, the
//! cold parts' share and the bytes a cell. Not a benchmark.
#[allow(clippy::print_stdout)] // The figures are the example's output.
fn main() {
    use nianbao::model::packed::Cold;
    let dir = std::env::args().nth(1).expect("usage: packed_size DIR");
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
    let (mut reports, mut bytes, mut cold, mut cells) = (0usize, 0usize, 0usize, 0usize);
    for p in files.iter().step_by(5).take(2000) {
        let Some(mut r) = nianbao::pipeline::process_one(p, false).report else {
            continue;
        };
        let tables_only = nianbao::model::Packed::pack(&r.tables, &Cold::default()).len();
        r.pack();
        let all = r.packed.as_ref().map_or(0, |p| p.len());
        reports += 1;
        bytes += all;
        cold += all.saturating_sub(tables_only);
        cells += r.cell_count();
    }
    let n = reports.max(1);
    println!(
        "{reports} reports: {} bytes a report packed, of which cold parts {}; {} cells a report, {:.2} bytes a cell",
        bytes / n,
        cold / n,
        cells / n,
        bytes.saturating_sub(cold) as f64 / cells.max(1) as f64
    );
}
