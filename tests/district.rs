//! The district job on a generated district with faults: every fault in the generator's
//! truth is reported by its rule, fault-free reports get no finding, and missing.csv lists
//! exactly the unit-years the truth says did not report properly.

use nianbao::pipeline::{run_batch, RunConfig};
use std::collections::BTreeSet;

fn district(dir: &std::path::Path, seed: u64) -> Vec<csv::StringRecord> {
    let written =
        nianbao::gen::district::write_district(dir, 24, 10, 2021..=2023, 0.3, seed).unwrap();
    assert!(written > 90);
    csv::Reader::from_path(dir.join("truth.csv"))
        .unwrap()
        .records()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn every_fault_in_the_truth_is_found_and_nothing_else() {
    for seed in [1, 2, 3] {
        let dir = tempfile::tempdir().unwrap();
        let truth = district(dir.path(), seed);
        let kinds: BTreeSet<&str> = truth.iter().map(|t| &t[3]).collect();
        assert_eq!(
            kinds.len(),
            nianbao::gen::faults::Fault::ALL.len(),
            "seed {seed}: every fault at least once"
        );
        let batch = run_batch(&RunConfig {
            inputs: vec![dir.path().to_path_buf()],
            ..Default::default()
        })
        .unwrap();
        let rel = |p: &std::path::Path| {
            p.strip_prefix(dir.path())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        };
        let roster = batch.roster.as_ref().unwrap();
        for t in &truth {
            let (path, unit, year, fault, rule) = (&t[0], &t[1], &t[2], &t[3], &t[4]);
            if fault == "no_report" {
                let unit_name = &roster.unit(unit).unwrap().name;
                assert!(
                    batch.unit_findings.iter().any(|f| matches!(&f.kind, nianbao::model::FindingKind::NoReport { unit: u, year: y } if u == unit_name && y.to_string() == year)),
                    "seed {seed}: R003 for {unit} {year}"
                );
                continue;
            }
            let o = batch
                .outcomes
                .iter()
                .find(|o| rel(&o.path) == path)
                .unwrap();
            assert_eq!(
                o.unit.map(|u| roster.units[u].id.as_str()),
                Some(unit),
                "{path} matched to its unit"
            );
            let rules: Vec<&str> = o.findings.iter().map(|f| f.rule.0).collect();
            if rule.is_empty() {
                assert!(rules.is_empty(), "seed {seed}: {path} ({fault}) {rules:?}");
            } else {
                assert!(
                    rules.contains(&rule),
                    "seed {seed}: {path} ({fault}) should give {rule}: {rules:?}"
                );
            }
        }
        let faulty: BTreeSet<&str> = truth.iter().map(|t| &t[0]).collect();
        for o in batch
            .outcomes
            .iter()
            .filter(|o| !faulty.contains(rel(&o.path).as_str()))
        {
            let rules: Vec<&str> = o.findings.iter().map(|f| f.rule.0).collect();
            assert!(
                rules.is_empty(),
                "seed {seed}: fault-free {} {rules:?}",
                rel(&o.path)
            );
        }
        let status_of = |fault: &str| match fault {
            "no_report" => Some("no_report"),
            "late" => Some("late"),
            "copied_last_year" => Some("copied"),
            "all_zero" => Some("empty"),
            _ => None,
        };
        let want: BTreeSet<(String, i32, &str)> = truth
            .iter()
            .filter_map(|t| Some((t[1].to_string(), t[2].parse().unwrap(), status_of(&t[3])?)))
            .collect();
        let got: BTreeSet<(String, i32, &str)> = batch
            .missing
            .iter()
            .map(|m| (m.unit_id.clone(), m.year, m.status))
            .collect();
        assert_eq!(got, want, "seed {seed}: missing.csv");
    }
}

/// (year, group, table, row, col).
type CellKey = (i32, String, String, String, String);

/// The roll-up of data/sample, recomputed cell by cell from the parsed reports.
#[test]
fn every_rollup_cell_of_the_sample_is_recomputed_independently() {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    let batch = run_batch(&RunConfig {
        inputs: vec![sample],
        ..Default::default()
    })
    .unwrap();
    let facts = nianbao::aggregate::facts(&batch).unwrap();
    let rollup = nianbao::aggregate::rollup(&facts).unwrap();
    let got = nianbao::render::rollup::cells(&rollup).unwrap();
    let roster = batch.roster.as_ref().unwrap();
    // Independently: (year, group, table, row, col) → (sum, units, blanks).
    let mut want: std::collections::BTreeMap<CellKey, (nianbao::model::Num, u32, u32)> =
        Default::default();
    for (o, counted) in batch.outcomes.iter().zip(&batch.counted) {
        let (Some(r), Some(u), true) = (&o.report, o.unit, *counted) else {
            continue;
        };
        let Some(year) = r.meta.year else { continue };
        // Roll-ups sum `self` reports only; a region-wide report is compared, not added.
        if r.meta.scope == Some(nianbao::model::Scope::Region) {
            continue;
        }
        for (t, c) in r.cells() {
            for group in ["all".to_string(), roster.units[u].level.clone()] {
                let e = want
                    .entry((year, group, t.as_str().into(), c.row.into(), c.col.into()))
                    .or_default();
                match c.state {
                    nianbao::model::CellState::Number => {
                        e.0 = e.0 + c.value.unwrap();
                        e.1 += 1;
                    }
                    nianbao::model::CellState::Blank => e.2 += 1,
                    _ => {}
                }
            }
        }
    }
    assert_eq!(got.len(), want.len());
    for c in &got {
        let key = (
            c.year,
            c.group.clone(),
            c.table.clone(),
            c.row.clone(),
            c.col.clone(),
        );
        assert_eq!(
            want.get(&key),
            Some(&(c.value, c.units, c.blanks)),
            "{key:?}"
        );
    }
    assert!(got.iter().any(|c| c.group == "township"));
    assert_eq!(
        batch
            .outcomes
            .iter()
            .filter(|o| o
                .report
                .as_ref()
                .is_some_and(|r| r.meta.scope == Some(nianbao::model::Scope::Region)))
            .count(),
        3,
        "the sample has a region-wide report a year"
    );
}

#[test]
fn facts_parquet_reads_back_with_the_documented_columns() {
    use polars::prelude::*;
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    let batch = run_batch(&RunConfig {
        inputs: vec![sample],
        ..Default::default()
    })
    .unwrap();
    // Row groups of 7 reports, so that the groups are many and some reports span none.
    let mut bytes = Vec::new();
    let rows = nianbao::aggregate::write_facts_parquet_in(&batch, &mut bytes, 7).unwrap();
    let back = ParquetReader::new(std::io::Cursor::new(bytes))
        .finish()
        .unwrap();
    assert_eq!(back.height() as u64, rows);
    let names: Vec<String> = back
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    assert_eq!(
        names,
        [
            "unit_id",
            "unit_name",
            "year",
            "path",
            "table",
            "row",
            "col",
            "value",
            "state",
            "raw"
        ]
    );
    assert_eq!(back.column("year").unwrap().dtype(), &DataType::Int32);
    assert_eq!(back.column("value").unwrap().dtype(), &DataType::Float64);
    assert_eq!(back.column("state").unwrap().dtype(), &DataType::String);
    // The same cells, in the same order, as facts.csv.
    let csv = nianbao::render::tables::facts_csv(&batch);
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(back.height(), records.len());
    let text = |name: &str| back.column(name).unwrap().str().unwrap().clone();
    let (path, row, raw) = (text("path"), text("row"), text("raw"));
    let value = back.column("value").unwrap().f64().unwrap().clone();
    for (i, r) in records.iter().enumerate() {
        assert_eq!(path.get(i), Some(&r[3]), "row {i}");
        assert_eq!(row.get(i), Some(&r[5]), "row {i}");
        assert_eq!(raw.get(i), Some(&r[9]), "row {i}");
        assert_eq!(value.get(i), r[7].parse::<f64>().ok(), "row {i}");
    }
}

#[test]
fn reports_and_findings_parquet_read_back_with_the_csv_columns() {
    use polars::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let truth = district(dir.path(), 7);
    let batch = run_batch(&RunConfig {
        inputs: vec![dir.path().to_path_buf()],
        ..Default::default()
    })
    .unwrap();
    let locations = nianbao::pipeline::locations(&batch.outcomes);
    let read = |df: &DataFrame| {
        ParquetReader::new(std::io::Cursor::new(
            nianbao::aggregate::parquet(df).unwrap(),
        ))
        .finish()
        .unwrap()
    };
    let reports = read(&nianbao::aggregate::reports(&batch).unwrap());
    let names = |df: &DataFrame| {
        df.get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&reports),
        [
            "path",
            "format",
            "encoding",
            "status",
            "unit_id",
            "unit_name",
            "year",
            "template",
            "scope",
            "published",
            "counted",
            "errors",
            "warnings"
        ]
    );
    assert_eq!(reports.height(), batch.outcomes.len());
    assert_eq!(
        reports.column("counted").unwrap().dtype(),
        &DataType::Boolean
    );
    let findings =
        read(&nianbao::aggregate::findings(&batch, &locations, nianbao::model::Lang::Zh).unwrap());
    assert_eq!(
        names(&findings),
        ["path", "unit_id", "year", "rule", "severity", "message", "location"]
    );
    let rule = findings.column("rule").unwrap().str().unwrap();
    let rules: Vec<String> = (0..rule.len())
        .filter_map(|i| rule.get(i).map(String::from))
        .collect();
    for t in truth.iter().filter(|t| !t[4].is_empty()) {
        assert!(
            rules.iter().any(|r| r == &t[4]),
            "{} in findings.parquet",
            &t[4]
        );
    }
}

/// The region frame of a generated district, as (year, table, row, col) → difference.
fn region_differences(
    dir: &std::path::Path,
) -> std::collections::BTreeMap<(i32, String, String, String), Option<f64>> {
    let batch = run_batch(&RunConfig {
        inputs: vec![dir.to_path_buf()],
        ..Default::default()
    })
    .unwrap();
    let facts = nianbao::aggregate::facts(&batch).unwrap();
    let region = nianbao::aggregate::region(&facts).unwrap();
    nianbao::render::rollup::region_cells(&region)
        .unwrap()
        .into_iter()
        .map(|c| ((c.year, c.table, c.row, c.col), c.difference))
        .collect()
}

#[test]
fn a_region_report_is_compared_with_the_sum_and_differs_by_a_missing_unit() {
    let dir = tempfile::tempdir().unwrap();
    nianbao::gen::district::write_district(dir.path(), 12, 4, 2022..=2023, 0.0, 9).unwrap();
    let before = region_differences(dir.path());
    // Two region reports (one a year), every cell of the 2021 layout.
    assert_eq!(before.len(), 2 * (10 + 175 + 15), "{}", before.len());
    assert!(
        before.values().all(|d| d.is_some_and(|d| d.abs() < 1e-9)),
        "a fault-free district sums to its region reports"
    );

    // Take one unit's 2023 report away: the differences are exactly its cells. The
    // department with the most figures, as most units' tables are near-empty.
    let figures = |r: &nianbao::model::Report| {
        r.cells()
            .filter(|(_, c)| c.value.is_some_and(|v| v != nianbao::model::Num::ZERO))
            .count()
    };
    let (gone, report) = std::fs::read_dir(dir.path().join("2023"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with('B'))
        .map(|p| {
            let report = nianbao::pipeline::process_one(&p, false).report.unwrap();
            (p, report)
        })
        .max_by_key(|(p, r)| (figures(r), p.clone()))
        .unwrap();
    std::fs::remove_file(&gone).unwrap();
    let after = region_differences(dir.path());
    let mut nonzero = 0;
    for ((year, table, row, col), diff) in &after {
        let expected = if *year == 2023 {
            nianbao::model::TableId::from_id(table)
                .and_then(|t| report.table(t))
                .and_then(|t| t.get(row, col))
                .and_then(|c| c.value)
                .map_or(0.0, |v| v.to_f64())
        } else {
            0.0
        };
        let diff = diff.unwrap();
        assert!(
            (diff - expected).abs() < 1e-9,
            "{year} {table} {row} {col}: {diff} ≠ {expected}"
        );
        nonzero += usize::from(expected != 0.0);
    }
    assert!(nonzero > 10, "{nonzero}");
}
