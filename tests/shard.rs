//! A run split across machines (issue 10, point 5): `run --shard K/N` on each share of the
//! files, then `merge`, writes byte for byte what one run over all the files writes, the
//! rules across reports and units included.

use crate::util::{bin, snapshot};
use std::path::Path;

fn nianbao(args: &[&str], paths: &[&Path]) -> String {
    let o = bin().args(args).args(paths).output().unwrap();
    let said = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{args:?}: {said}");
    said
}

#[test]
fn two_shards_merged_write_what_one_run_writes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let input = d.join("in");
    // A varied district (text, web pages in UTF-8 and GBK, Word files) with faults, so that
    // the rules across reports (copies between units, carry-over) and the roster fire.
    nianbao(
        &[
            "gen", "--units", "90", "--faults", "0.2", "--seed", "12", "--out",
        ],
        &[&input],
    );
    let (one, p1, p2, merged) = (d.join("one"), d.join("p1"), d.join("p2"), d.join("merged"));
    nianbao(&["run", "--out"], &[&one, &input]);
    nianbao(&["run", "--shard", "1/2", "--out"], &[&p1, &input]);
    nianbao(&["run", "--shard", "2/2", "--out"], &[&p2, &input]);
    // The machine that merges need not see the inputs: the parts hold what is needed.
    std::fs::rename(&input, d.join("gone")).unwrap();
    // The parts in either order.
    nianbao(&["merge", "--out"], &[&merged, &p2, &p1]);

    let (a, b) = (snapshot(&one), snapshot(&merged));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (name, bytes) in &a {
        assert!(b[name] == *bytes, "{name} differs");
    }
    assert!(a.len() > 30, "{} files", a.len());
    // Not vacuous: the rules across reports and units fired, letters and charts were made.
    let findings = String::from_utf8_lossy(&a["findings.csv"]).into_owned();
    for rule in ["X001", "X003", "R003"] {
        assert!(findings.contains(rule), "{rule} in findings.csv");
    }
    assert!(a.keys().any(|k| k.starts_with("letters/")));

    // Each shard read a real share, and the two shares make the whole.
    let files = |p: &Path| -> usize {
        let m: serde_json::Value =
            serde_json::from_slice(&std::fs::read(p.join("nianbao-part.json")).unwrap()).unwrap();
        m["files"].as_u64().unwrap() as usize
    };
    let (n1, n2) = (files(&p1), files(&p2));
    let reports = String::from_utf8_lossy(&a["reports.csv"]).lines().count() - 1;
    assert_eq!(n1 + n2, reports);
    assert!(n1 > reports / 4 && n2 > reports / 4, "{n1} + {n2}");
}

#[test]
fn a_merge_needs_every_shard_of_one_split() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    let parts: Vec<_> = (1..=3).map(|k| d.join(format!("p{k}"))).collect();
    for (k, p) in parts.iter().enumerate() {
        let shard = format!("{}/3", k + 1);
        nianbao(&["run", "--shard", &shard, "--out"], &[p, &sample]);
    }
    let other = d.join("other");
    nianbao(&["run", "--shard", "1/2", "--out"], &[&other, &sample]);
    let merge = |args: &[&Path]| {
        let o = bin()
            .args(["--lang", "en", "merge", "--out"])
            .arg(d.join("out"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let said = merge(&[&parts[0], &parts[2]]);
    assert!(said.contains("shard(s) 2 of 3 missing"), "{said}");
    let said = merge(&[&parts[0], &parts[1], &parts[1], &parts[2]]);
    assert!(said.contains("shard 2 given twice"), "{said}");
    let said = merge(&[&parts[0], &parts[1], &parts[2], &other]);
    assert!(said.contains("different splits"), "{said}");
    let said = merge(&[&sample]);
    assert!(said.contains("not a readable part"), "{said}");
    // Shard 2 run on the same reports copied elsewhere, or against another roster.
    let copy = d.join("copy");
    std::fs::create_dir(&copy).unwrap();
    for e in std::fs::read_dir(&sample).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, copy.join(p.file_name().unwrap())).unwrap();
        }
    }
    let moved = d.join("moved");
    nianbao(&["run", "--shard", "2/3", "--out"], &[&moved, &copy]);
    let said = merge(&[&parts[0], &moved, &parts[2]]);
    assert!(said.contains("different inputs"), "{said}");
    let roster = d.join("roster.csv");
    let mut text = std::fs::read_to_string(sample.join("roster.csv")).unwrap();
    text.push_str("Z999,示例区新设局,,department,\n");
    std::fs::write(&roster, text).unwrap();
    let reroster = d.join("reroster");
    let r = roster.to_str().unwrap();
    nianbao(
        &["run", "--shard", "2/3", "--roster", r, "--out"],
        &[&reroster, &sample],
    );
    let said = merge(&[&parts[0], &reroster, &parts[2]]);
    assert!(said.contains("different rosters"), "{said}");
    assert!(!d.join("out").exists(), "nothing written");
    // A bad --shard is the run's failure.
    let o = bin()
        .args(["run", "--shard", "4/3", "--out"])
        .arg(d.join("x"))
        .arg(&sample)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}
