//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// A fixture path under tests/fixtures.
pub(crate) fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Decodes, parses and checks a fixture; returns the rule ids found, in order.
pub(crate) fn rules_of(path: &Path) -> Vec<&'static str> {
    let o = nianbao::pipeline::process_one(path, false);
    o.findings.iter().map(|f| f.rule.0).collect()
}

/// Runs `nianbao run` on data/sample into `out`.
pub(crate) fn run_sample(out: &Path) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("run")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample"))
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A CSV file's header (BOM dropped) and rows.
pub(crate) fn csv_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// The nianbao binary, as a command.
pub(crate) fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

/// Every file under `dir`, by relative path (`/`-separated).
pub(crate) fn files_under(dir: &Path) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap();
                let parts: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
                out.insert(parts.join("/"));
            }
        }
    }
    out
}

/// Every file under `dir`, by relative path, with its bytes.
pub(crate) fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}
