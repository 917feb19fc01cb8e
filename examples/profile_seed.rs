//! Parses the seed many times, for profiling (`perf record`); not a benchmark.
fn main() {
    let bytes = include_bytes!("../tests/fixtures/reports/seed/huancui_shangwuju_2023.txt");
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20000);
    let ctx = nianbao::check::Context::default();
    let mut count = 0;
    for _ in 0..n {
        let doc = nianbao::ingest::decode("seed.txt".as_ref(), bytes).expect("decodes");
        let parsed = nianbao::parse::parse(&doc);
        count += nianbao::check::check(&parsed.report, &ctx).len();
    }
    assert!(count > 0);
}
