//! Decode + parse + check of one report (the seed), per stage and end to end.
//!
//! Run with `cargo bench --bench pipeline`; figures go in benches/README.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nianbao::{check, ingest, parse};
use std::hint::black_box;
use std::path::Path;

const SEED: &[u8] = include_bytes!("../tests/fixtures/reports/seed/huancui_shangwuju_2023.txt");

fn stages(c: &mut Criterion) {
    let path = Path::new("seed.txt");
    let mut g = c.benchmark_group("seed");
    g.throughput(Throughput::Bytes(SEED.len() as u64));
    g.bench_function("decode", |b| {
        b.iter(|| ingest::decode(path, black_box(SEED)))
    });
    let doc = ingest::decode(path, SEED).expect("the seed decodes");
    g.bench_function("parse", |b| b.iter(|| parse::parse(black_box(&doc))));
    let parsed = parse::parse(&doc);
    let ctx = check::Context::default();
    g.bench_function("check", |b| {
        b.iter(|| check::check(black_box(&parsed.report), &ctx))
    });
    g.bench_function("decode+parse+check", |b| {
        b.iter(|| {
            let doc = ingest::decode(path, black_box(SEED)).expect("the seed decodes");
            let parsed = parse::parse(&doc);
            check::check(&parsed.report, &ctx)
        })
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
