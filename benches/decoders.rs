//! The decoders of the binary forms, each on the seed report in that form (and the real blank
//! 2021 template as Word saved it): decode alone, and decode + parse + check.
//!
//! Run with `cargo bench --bench decoders`; figures go in benches/README.md. `ingest::decode`
//! is what a run calls: it includes the thread each binary decoder runs on within its budget.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nianbao::{check, ingest, parse};
use std::hint::black_box;
use std::path::Path;

fn fixture(rel: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Benches `files` (name in the group, fixture path) as one group.
fn group(c: &mut Criterion, name: &str, files: &[(&str, &str)]) {
    let mut g = c.benchmark_group(name);
    let ctx = check::Context::default();
    for (id, rel) in files {
        let bytes = fixture(rel);
        let path = Path::new(rel);
        ingest::decode(path, &bytes).unwrap_or_else(|e| panic!("{rel}: {e:?}"));
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(format!("{id}/decode"), |b| {
            b.iter(|| ingest::decode(path, black_box(&bytes)))
        });
        g.bench_function(format!("{id}/decode+parse+check"), |b| {
            b.iter(|| {
                let doc = ingest::decode(path, black_box(&bytes)).expect("decodes");
                let parsed = parse::parse(&doc);
                check::check(&parsed.report, &ctx)
            })
        });
    }
    g.finish();
}

fn docx(c: &mut Criterion) {
    group(
        c,
        "docx",
        &[
            ("seed", "formats/docx/seed_huancui_2023.docx"),
            (
                "template_2021_blank",
                "reports/real/template_2021_blank.docx",
            ),
        ],
    );
}

fn sheet(c: &mut Criterion) {
    group(
        c,
        "sheet",
        &[
            ("seed_xlsx", "formats/sheet/seed_huancui_2023.xlsx"),
            ("seed_xls", "formats/sheet/seed_huancui_2023.xls"),
            ("seed_ods", "formats/sheet/seed_huancui_2023.ods"),
        ],
    );
}

criterion_group!(benches, docx, sheet);
criterion_main!(benches);
