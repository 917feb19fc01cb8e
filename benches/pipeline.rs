//! Decode + parse + check of one report (the seed), per stage and end to end; then a
//! generated district of 999 varied text reports: read (with the roster), judged, and the
//! whole run with every output.
//!
//! Run with `cargo bench --bench pipeline`; figures go in benches/README.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nianbao::model::Lang;
use nianbao::{check, ingest, parse, pipeline};
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

/// A district's stages: `read+judge` ([`pipeline::run_batch`]) and `run` (every output
/// written), so that the outputs' share is their difference.
fn district(c: &mut Criterion) {
    use nianbao::gen::district::{write_district_with, DistrictSpec, Dressing};
    let dir = tempfile::tempdir().expect("a temporary folder");
    let input = dir.path().join("in");
    let spec = DistrictSpec {
        departments: 234,
        townships: 99,
        years: 2021..=2023,
        fault_rate: 0.05,
        seed: 7,
        dressing: Dressing::Varied,
        mix: nianbao::gen::file_form::FormMix::TEXT,
    };
    let reports = write_district_with(&input, &spec).expect("the district is written");
    let config = pipeline::RunConfig {
        inputs: vec![input],
        ..pipeline::RunConfig::default()
    };
    let mut g = c.benchmark_group("district");
    g.sample_size(10);
    g.throughput(Throughput::Elements(reports as u64));
    g.bench_function("read+judge", |b| {
        b.iter(|| pipeline::run_batch(black_box(&config)).expect("the batch is read"))
    });
    let out = dir.path().join("out");
    g.bench_function("run", |b| {
        b.iter(|| {
            let mut timings = pipeline::Timings::new();
            pipeline::run(black_box(&config), &out, Lang::Zh, &mut timings).expect("the run")
        })
    });
    g.finish();
}

criterion_group!(benches, stages, district);
criterion_main!(benches);
