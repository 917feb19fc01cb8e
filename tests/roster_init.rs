//! `nianbao roster init`: a first roster from a folder of reports.

use assert_cmd::Command;
use nianbao::pipeline::{run_batch, RunConfig};
use nianbao::roster::{normalise, Match, Roster};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample")
}

fn init(inputs: &Path, out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["roster", "init"])
        .arg(inputs)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

/// Roster unit id of each report `run` matched, by path.
fn matched(inputs: &Path, roster: &Path) -> (Roster, Vec<(PathBuf, Option<String>, bool)>) {
    let batch = run_batch(&RunConfig {
        inputs: vec![inputs.to_path_buf()],
        roster: Some(roster.to_path_buf()),
        ..Default::default()
    })
    .unwrap();
    let roster = batch.roster.clone().unwrap();
    let rows = batch
        .outcomes
        .iter()
        .map(|o| {
            (
                o.path.clone(),
                o.unit.map(|u| roster.units[u].id.clone()),
                o.findings.iter().any(|f| f.rule.0 == "R001"),
            )
        })
        .collect();
    (roster, rows)
}

#[test]
fn the_sample_gives_every_unit_that_reported_once_with_its_level_and_names() {
    let dir = tempfile::tempdir().unwrap();
    let made_path = dir.path().join("roster.csv");
    let o = init(&sample(), &made_path);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let made = Roster::read(&made_path).unwrap();
    let (given, rows) = matched(&sample(), &sample().join("roster.csv"));
    let filed: BTreeSet<&str> = rows.iter().filter_map(|r| r.1.as_deref()).collect();
    assert!(filed.len() > 30, "{} units filed", filed.len());
    let mut seen = BTreeSet::new();
    for id in &filed {
        let unit = given.unit(id).unwrap();
        let Match::Unit(i) = made.match_name(&unit.name) else {
            panic!("{} not in the roster made: {:?}", unit.name, made.units);
        };
        assert!(seen.insert(i), "{} shares a unit with another", unit.name);
        assert_eq!(made.units[i].level, unit.level, "{}", unit.name);
    }
    assert_eq!(
        made.units.len(),
        filed.len(),
        "one unit per unit that filed"
    );
    // The government's region-wide report names it by the district's name: an alias.
    let gov = &made.units[0];
    assert_eq!(
        (gov.id.as_str(), gov.name.as_str()),
        ("D000", "示例区人民政府")
    );
    assert!(gov.aliases.iter().any(|a| a == "示例区"), "{gov:?}");
    assert!(made.units[1..]
        .iter()
        .all(|u| u.parent_id.as_deref() == Some("D000")));
    // With the roster made, every report is matched.
    let (_, rows) = matched(&sample(), &made_path);
    for (path, unit, r001) in &rows {
        assert!(unit.is_some() && !r001, "{} unmatched", path.display());
    }
}

#[test]
fn an_existing_roster_is_never_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.csv");
    std::fs::write(&path, "edited by the clerk\n").unwrap();
    let o = init(&sample(), &path);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "edited by the clerk\n"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["--lang", "en", "roster", "init"])
        .arg(sample())
        .arg("--out")
        .arg(&path)
        .arg("--force")
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("units"));
    assert!(Roster::read(&path).unwrap().units.len() > 30);
}

/// On a varied district (short names, abbreviations, names from before the reform, city
/// prefixes, brackets), no roster unit made holds two real units, every report is matched,
/// and a real unit is split in two only by a local rename no national list knows.
#[test]
fn a_varied_district_gives_each_unit_its_names_as_aliases_and_never_joins_two() {
    let dir = tempfile::tempdir().unwrap();
    let spec = nianbao::gen::district::DistrictSpec {
        departments: 42,
        townships: 18,
        years: 2021..=2023,
        fault_rate: 0.0,
        seed: 7,
        dressing: nianbao::gen::district::Dressing::Varied,
        mix: nianbao::gen::file_form::FormMix::TEXT,
    };
    nianbao::gen::district::write_district_with(dir.path(), &spec).unwrap();
    let truth: BTreeMap<String, String> = csv::Reader::from_path(dir.path().join("files.csv"))
        .unwrap()
        .records()
        .map(Result::unwrap)
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    // The roster to start from lives outside the district's folder (its roster.csv is the
    // truth, not an input).
    let elsewhere = tempfile::tempdir().unwrap();
    let made_path = elsewhere.path().join("roster.csv");
    let o = init(dir.path(), &made_path);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let made = Roster::read(&made_path).unwrap();
    let (_, rows) = matched(dir.path(), &made_path);
    let mut made_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut real_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (path, unit, _) in &rows {
        let rel = path.strip_prefix(dir.path()).unwrap().to_string_lossy();
        let Some(real) = truth.get(rel.as_ref()) else {
            continue;
        };
        let unit = unit.as_deref().unwrap_or_else(|| panic!("{rel} unmatched"));
        made_of.entry(real).or_default().insert(unit);
        real_of.entry(unit).or_default().insert(real);
    }
    for (unit, reals) in &real_of {
        assert_eq!(reals.len(), 1, "{unit} holds {reals:?}");
    }
    let split: Vec<_> = made_of.iter().filter(|(_, m)| m.len() > 1).collect();
    assert!(split.len() * 20 <= made_of.len(), "split: {split:?}");
    // Abbreviations and names from before the reform are joined as aliases.
    let names = |u: &nianbao::roster::Unit| -> Vec<String> {
        std::iter::once(&u.name)
            .chain(&u.aliases)
            .map(|n| normalise(n))
            .collect()
    };
    let hr = made
        .units
        .iter()
        .find(|u| u.name == "示例区人力资源和社会保障局")
        .unwrap();
    assert!(names(hr).iter().any(|n| n.ends_with("区人社局")), "{hr:?}");
    let land = made
        .units
        .iter()
        .find(|u| u.name == "示例区自然资源局")
        .unwrap();
    assert!(
        names(land).iter().any(|n| n.ends_with("区国土资源局")),
        "{land:?}"
    );
}

/// Real reports: the seed in Simplified and two Traditional mirrors of it are one unit, and
/// the two Pingtan reports (2018 free form, 2021 crawled) another; no level is made up for
/// a name that says none (平潭综合实验区).
#[test]
fn real_reports_give_one_unit_per_unit_whatever_their_script() {
    let dir = tempfile::tempdir().unwrap();
    let reports = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports");
    for rel in [
        "seed/huancui_shangwuju_2023.txt",
        "traditional/huancui_shangwuju_2023_s2t.txt",
        "traditional/huancui_shangwuju_2023_s2twp.txt",
        "real/pingtan_2018_oldformat.txt",
        "real/pingtan_2021_crawled.txt",
    ] {
        let name = Path::new(rel).file_name().unwrap();
        std::fs::copy(reports.join(rel), dir.path().join(name)).unwrap();
    }
    let elsewhere = tempfile::tempdir().unwrap();
    let made_path = elsewhere.path().join("roster.csv");
    let o = init(dir.path(), &made_path);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let made = Roster::read(&made_path).unwrap();
    let units: Vec<(&str, &str)> = made
        .units
        .iter()
        .map(|u| (u.name.as_str(), u.level.as_str()))
        .collect();
    assert_eq!(
        units,
        [("环翠区商务局", "department"), ("平潭综合实验区", "other")]
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("5 份报告"));
}
