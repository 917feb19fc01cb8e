//! Outputs under failure and at scale (issue 10): a run killed midway leaves the previous
//! outputs as they were (it writes beside the output folder and puts its outputs in place
//! only at the end), and facts.csv is left out where a spreadsheet could not open it.

use crate::util::{bin, snapshot};
use std::path::Path;

/// `nianbao gen GEN_ARGS --out DIR/in`, then `nianbao run DIR/in --out DIR/out`: the two
/// folders and what the run said.
fn gen_and_run(dir: &Path, gen_args: &[&str]) -> (std::path::PathBuf, std::path::PathBuf, String) {
    let input = dir.join("in");
    let o = bin()
        .arg("gen")
        .args(gen_args)
        .arg("--out")
        .arg(&input)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = dir.join("out");
    let o = bin()
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{said}");
    (input, out, said)
}

fn staging_dirs(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out.nianbao-tmp-"))
        .collect()
}

#[test]
fn a_killed_run_leaves_the_previous_outputs_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let o = bin()
        .args(["gen", "--count", "1500", "--seed", "4", "--out"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = dir.path().join("out");
    let run = || {
        let mut c = bin();
        c.arg("run").arg(&input).arg("--out").arg(&out);
        c
    };
    let o = run().output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let before = snapshot(&out);
    assert!(before.contains_key("facts.csv") && before.contains_key("index.html"));
    // Another year's reports go: a run to the end would change the outputs.
    std::fs::remove_dir_all(input.join("2021")).unwrap();
    let mut child = run()
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once it has started writing.
    let started = std::time::Instant::now();
    loop {
        let writing = staging_dirs(dir.path())
            .iter()
            .any(|s| dir.path().join(s).join("facts.csv").exists());
        if writing {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it was killed"
        );
        assert!(started.elapsed().as_secs() < 120, "the run never wrote");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run ended too soon"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(snapshot(&out) == before, "the outputs changed");
    assert_eq!(staging_dirs(dir.path()).len(), 1);
    // The next run puts its own outputs in place and removes what the killed one left.
    let o = run().output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(staging_dirs(dir.path()).is_empty());
    let after = snapshot(&out);
    assert!(after != before);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "nothing is written beside in/ and out/"
    );
}

#[test]
fn a_folder_holding_other_files_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    let o = bin()
        .arg("run")
        .arg(&sample)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(out.join("facts.csv").is_file());
    assert!(staging_dirs(dir.path()).is_empty());
}

// See: issue 10, point 3: "facts.csv when it fits a spreadsheet (Excel's 1,048,576 rows) or
// with `--facts-csv`, and say so in the summary".
#[test]
fn facts_csv_is_left_out_past_a_spreadsheets_rows_and_parquet_holds_them() {
    let dir = tempfile::tempdir().unwrap();
    // About 200 cells a report: 5,400 reports pass 1,048,576 rows.
    let (_, out, said) = gen_and_run(dir.path(), &["--count", "5400"]);
    assert!(!out.join("facts.csv").exists());
    let rows: usize = said
        .split("facts.csv 未写出：")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{said}"));
    assert!(rows >= 1_048_576, "{rows}");
    let file = std::fs::File::open(out.join("facts.parquet")).unwrap();
    use polars::prelude::SerReader as _;
    let frame = polars::prelude::ParquetReader::new(file).finish().unwrap();
    assert_eq!(frame.height(), rows);
}

#[test]
fn facts_csv_is_written_when_it_fits_or_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    for (out, extra) in [("a", None), ("b", Some("--facts-csv"))] {
        let out = dir.path().join(out);
        let o = bin()
            .arg("run")
            .arg(&sample)
            .arg("--out")
            .arg(&out)
            .args(extra)
            .output()
            .unwrap();
        assert!(o.status.success());
        assert!(!String::from_utf8_lossy(&o.stderr).contains("facts.csv"));
        assert!(out.join("facts.csv").is_file());
    }
}

// See: issue 10, point 3: "index.html … readable for 100k reports (top lists with the full
// data one link away …, a page under a few MB)".
#[test]
fn index_html_lists_the_first_rows_and_links_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let (_, out, _) = gen_and_run(dir.path(), &["--count", "1500", "--faults", "0.4"]);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let top = nianbao::render::index::TOP;
    let (_, missing) = crate::util::csv_rows(&out.join("missing.csv"));
    let letters = std::fs::read_to_string(out.join("letters/index.html")).unwrap();
    let all_letters = letters.matches(".docx\">Word</a>").count();
    assert!(
        missing.len() > top && all_letters > top,
        "{} {all_letters}",
        missing.len()
    );
    assert!(index.contains(&format!(
        "共 {} 项，以下为前 {top} 项；全部见 <a href=\"missing.csv\">",
        missing.len()
    )));
    assert!(index.contains(&format!("共 {all_letters} 份，以下为前 {top} 份")));
    // Each list on the page stops at TOP rows; every letter is one link away.
    assert_eq!(index.matches(".docx\">Word</a>").count(), top);
    for year in std::fs::read_dir(out.join("letters")).unwrap() {
        let year = year.unwrap().path();
        if !year.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&year).unwrap() {
            let name = f.unwrap().file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".docx") {
                let year = year.file_name().unwrap().to_string_lossy();
                assert!(
                    letters.contains(&format!("href=\"{year}/{stem}.docx\"")),
                    "{stem}"
                );
            }
        }
    }
}
