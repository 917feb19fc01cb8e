//! scores.csv and deductions.csv of the bundled sample: every point lost is traced, the ranks
//! follow the scores, `--rubric` swaps the rubric, a bad rubric stops the run (exit 2).

use crate::util::{csv_rows, run_sample};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

fn sample() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample")
}

fn nianbao(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .unwrap()
}

/// Runs the sample with a rubric file holding `rubric`.
fn run_with_rubric(dir: &Path, rubric: &str, lang: &str) -> Output {
    let file = dir.join("rubric.toml");
    std::fs::write(&file, rubric).unwrap();
    let out = dir.join("out");
    nianbao(&[
        "run".as_ref(),
        sample().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--rubric".as_ref(),
        file.as_os_str(),
        "--lang".as_ref(),
        lang.as_ref(),
    ])
}

/// (unit_id, year) → (score, rank, deductions, level) from scores.csv.
fn scores(out: &Path) -> BTreeMap<(String, String), (f64, u32, f64, String)> {
    let (header, rows) = csv_rows(&out.join("scores.csv"));
    assert_eq!(
        header.join(","),
        "unit_id,unit_name,level,year,score,rank,deductions"
    );
    rows.into_iter()
        .map(|r| {
            let key = (r[0].clone(), r[3].clone());
            let value = (
                r[4].parse().unwrap(),
                r[5].parse().unwrap(),
                r[6].parse().unwrap(),
                r[2].clone(),
            );
            (key, value)
        })
        .collect()
}

/// (unit_id, year) → the points of deductions.csv summed, and the rules charged.
fn deductions(out: &Path) -> BTreeMap<(String, String), (f64, Vec<String>)> {
    let (header, rows) = csv_rows(&out.join("deductions.csv"));
    assert_eq!(header.join(","), "unit_id,year,rule,points,message");
    let mut sums: BTreeMap<(String, String), (f64, Vec<String>)> = BTreeMap::new();
    for r in rows {
        assert!(!r[4].is_empty(), "a deduction says why: {r:?}");
        let e = sums.entry((r[0].clone(), r[1].clone())).or_default();
        e.0 += r[3].parse::<f64>().unwrap();
        e.1.push(r[2].clone());
    }
    sums
}

#[test]
fn every_point_lost_on_the_sample_is_a_row_of_deductions_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    run_sample(out);
    let scores = scores(out);
    // Every roster unit (36) for every expected year (2021–2023).
    assert_eq!(scores.len(), 36 * 3);
    let deductions = deductions(out);
    for (key, (score, _, lost, _)) in &scores {
        let traced = deductions.get(key).map_or(0.0, |d| d.0);
        assert!((100.0 - score - traced).abs() < 1e-9, "{key:?}");
        assert!((lost - traced).abs() < 1e-9, "{key:?}");
    }
    for key in deductions.keys() {
        assert!(scores.contains_key(key), "{key:?} is not scored");
    }
    // The sample's faults cost what the default rubric says.
    let rules = |u: &str, y: &str| deductions[&(u.to_string(), y.to_string())].1.clone();
    assert_eq!(rules("B009", "2023"), ["X002", "X003"]);
    assert_eq!(
        scores[&("B009".into(), "2023".into())].0,
        100.0 - 2.0 - 30.0
    );
    assert_eq!(rules("B018", "2023"), ["Y002"]);
    assert_eq!(scores[&("B018".into(), "2023".into())].0, 90.0);
    // Ranks: competition ranking by score within year and level.
    for ((unit, year), (score, rank, _, level)) in &scores {
        let better = scores
            .iter()
            .filter(|((_, y), (s, _, _, l))| y == year && l == level && s > score)
            .count();
        assert_eq!(*rank as usize, better + 1, "{unit} {year}");
    }
}

#[test]
fn a_custom_rubric_changes_the_scores_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = "full = 10\nfloor = 2\n[categories.all]\nname = \"全部\"\ncap = 100\n\
                  [deductions]\nT301 = { points = 4.5, category = \"all\" }\n\
                  late = { points = 3, category = \"all\" }\n";
    let o = run_with_rubric(dir.path(), rubric, "en");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = dir.path().join("out");
    let scores = scores(&out);
    // D000 2021 has two T301 findings at 4.5: the floor (2) leaves 8 to take.
    assert_eq!(scores[&("D000".into(), "2021".into())].0, 2.0);
    // B018 2023 is late (missing.csv) and Y002 now costs nothing.
    assert_eq!(scores[&("B018".into(), "2023".into())].0, 7.0);
    // X003 costs nothing here.
    assert_eq!(scores[&("B009".into(), "2023".into())].0, 10.0);
    let (_, rows) = csv_rows(&out.join("deductions.csv"));
    let charged: Vec<[&str; 4]> = rows
        .iter()
        .map(|r| [r[0].as_str(), r[1].as_str(), r[2].as_str(), r[3].as_str()])
        .collect();
    // The floor cut the second T301 row to what was left: 10 − 2 − 4.5 = 3.5.
    assert_eq!(
        charged,
        [
            ["B018", "2023", "late", "3"],
            ["D000", "2021", "T301", "4.5"],
            ["D000", "2021", "T301", "3.5"],
        ]
    );
    assert_eq!(rows[0][4], "published late");
    assert!(rows[1][4].contains("balance"), "{}", rows[1][4]);
}

#[test]
fn a_bad_rubric_stops_the_run_with_a_message_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "full = 100\n[categories.a]\nname = \"甲\"\ncap = 10\n\
               [deductions]\nT999 = { points = 1, category = \"a\" }\n";
    let o = run_with_rubric(dir.path(), bad, "zh");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("T999") && err.contains("评分细则"), "{err}");
    assert!(!dir.path().join("out/scores.csv").exists());
    let negative = "full = 100\n[categories.a]\nname = \"甲\"\ncap = -1\n";
    let o = run_with_rubric(dir.path(), negative, "en");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("[categories.a] cap") && err.contains("≥ 0"),
        "{err}"
    );
}

#[test]
fn the_rubric_command_prints_the_default_rubric() {
    let o = nianbao(&["rubric".as_ref()]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(text, nianbao::score::DEFAULT_RUBRIC);
    assert!(nianbao::score::Rubric::parse(&text).is_ok());
}

#[test]
fn without_a_roster_nothing_is_scored_and_the_summary_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for entry in std::fs::read_dir(sample().join("2023")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, input.join(path.file_name().unwrap())).unwrap();
    }
    let out = dir.path().join("out");
    let o = nianbao(&[
        "--lang".as_ref(),
        "en".as_ref(),
        "run".as_ref(),
        input.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no roster: no scores"));
    assert!(!out.join("scores.csv").exists() && !out.join("deductions.csv").exists());
}
