//! Each decoder on the same three reports in its form (tests/fixtures/forms) and on the real
//! published files of that form: decode alone, and decode + parse + check.
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
fn group(c: &mut Criterion, name: &str, files: &[(String, String)]) {
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

/// The cross-form fixtures (tests/fixtures/forms: the seed and two generated reports, each
/// made by LibreOffice from one HTML rendering) in `ext`, then `more`.
fn forms<'a>(ext: &str, more: &[(&'a str, &'a str)]) -> Vec<(String, String)> {
    ["seed", "gen2023", "gen2020"]
        .iter()
        .map(|r| (r.to_string(), format!("forms/{r}/{r}.{ext}")))
        .chain(more.iter().map(|(a, b)| (a.to_string(), b.to_string())))
        .collect()
}

fn text(c: &mut Criterion) {
    group(c, "text", &forms("txt", &[]));
}

fn html(c: &mut Criterion) {
    let real = [(
        "shanghai_2019",
        "reports/published/shanghai_szfbgt_2019.html",
    )];
    group(c, "html", &forms("html", &real));
}

fn docx(c: &mut Criterion) {
    let real = [(
        "template_2021_blank",
        "reports/published/template_2021_blank.docx",
    )];
    group(c, "docx", &forms("docx", &real));
}

fn pdf(c: &mut Criterion) {
    let real = [
        ("hongzequ_2023", "reports/published/hongzequ_zf_2023.pdf"),
        ("grid_fpdf2", "pdf/grid.pdf"),
    ];
    group(c, "pdf", &forms("pdf", &real));
}

fn sheet(c: &mut Criterion) {
    let saved = [
        ("seed_xls", "formats/sheet/seed_huancui_2023.xls"),
        ("seed_ods", "formats/sheet/seed_huancui_2023.ods"),
    ];
    group(c, "sheet", &forms("xlsx", &saved));
}

criterion_group!(benches, text, html, docx, pdf, sheet);
criterion_main!(benches);
