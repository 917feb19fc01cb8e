//! nianbao.xlsx, units.csv and district.csv of the bundled sample, read back and checked
//! against the long outputs they are built from (rollup.csv, reports.csv, missing.csv).

use crate::util::{csv_rows, run_sample};
use calamine::{open_workbook, Data, Reader, Xlsx};
use std::collections::BTreeMap;
use std::path::Path;

/// rollup.csv's `all` cells: (year, table, row, col) → value.
fn rollup_all(out: &Path) -> BTreeMap<(i32, String, String, String), f64> {
    let (_, rows) = csv_rows(&out.join("rollup.csv"));
    rows.into_iter()
        .filter(|r| r[1] == "all")
        .map(|r| {
            (
                (
                    r[0].parse().unwrap(),
                    r[2].clone(),
                    r[3].clone(),
                    r[4].clone(),
                ),
                r[5].parse().unwrap(),
            )
        })
        .collect()
}

fn number(d: Option<&Data>) -> Option<f64> {
    match d? {
        Data::Float(x) => Some(*x),
        Data::Int(x) => Some(*x as f64),
        _ => None,
    }
}

fn text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    }
}

#[test]
fn the_workbook_reads_back_with_its_sheets_and_the_rollup_values() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    run_sample(out);
    let mut wb: Xlsx<_> = open_workbook(out.join("nianbao.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "reports",
            "units",
            "district",
            "rollup-2021",
            "rollup-2022",
            "rollup-2023",
            "region",
            "findings",
            "missing",
            "scores"
        ]
    );

    // The frame sheets hold one row per CSV row, under Chinese headings.
    for (sheet, file, first) in [
        ("reports", "reports.csv", "文件"),
        ("units", "units.csv", "单位编号"),
        ("district", "district.csv", "年度"),
        ("findings", "findings.csv", "文件"),
        ("region", "region.csv", "年度"),
        ("missing", "missing.csv", "单位编号"),
        ("scores", "scores.csv", "单位编号"),
    ] {
        let range = wb.worksheet_range(sheet).unwrap();
        let (_, rows) = csv_rows(&out.join(file));
        assert_eq!(range.height(), rows.len() + 1, "{sheet}");
        assert_eq!(text(range.get_value((0, 0))), first, "{sheet}");
    }
    let units = wb.worksheet_range("units").unwrap();
    let (header, rows) = csv_rows(&out.join("units.csv"));
    let applications = header.iter().position(|h| h == "applications").unwrap();
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(text(units.get_value((i as u32 + 1, 1))), row[1]);
        assert_eq!(
            number(units.get_value((i as u32 + 1, applications as u32))),
            Some(row[applications].parse().unwrap())
        );
    }

    // The roll-up sheet: each table 三 row's 总计 (column J) is rollup.csv's value, found by
    // the row's label, and the official header cells are merged.
    let rollup = rollup_all(out);
    let sheet = wb.worksheet_range("rollup-2023").unwrap();
    let row_of = |label: &str| {
        (0..sheet.height() as u32)
            .find(|&r| (0..3).any(|c| text(sheet.get_value((r, c))) == label))
            .unwrap_or_else(|| panic!("{label} not in the sheet"))
    };
    let key = |row: &str, col: &str| (2023, "t3".to_string(), row.to_string(), col.to_string());
    for (label, row) in [
        ("一、本年新收政府信息公开申请数量", "new_received"),
        ("二、上年结转政府信息公开申请数量", "carried_over"),
        ("（七）总计", "total_processed"),
        ("四、结转下年度继续办理", "carried_forward"),
    ] {
        let r = row_of(label);
        assert_eq!(
            number(sheet.get_value((r, 9))),
            Some(rollup[&key(row, "total")]),
            "{row}"
        );
        assert_eq!(
            number(sheet.get_value((r, 3))),
            Some(rollup[&key(row, "natural_person")]),
            "{row}"
        );
    }
    let secret = row_of("1.属于国家秘密");
    assert_eq!(
        number(sheet.get_value((secret, 9))),
        Some(rollup[&key("denied.state_secret", "total")])
    );
    let fees = row_of("行政事业性收费（万元）");
    assert_eq!(
        number(sheet.get_value((fees, 3))),
        Some(rollup[&(2023, "t2".into(), "fees_10k_yuan".into(), "value".into())])
    );
    // Each merged region, named by the text of its first cell: (name, rows, columns).
    let merged: Vec<(String, u32, u32)> = wb
        .merge_cells_by_sheet_name("rollup-2023")
        .unwrap()
        .into_iter()
        .map(|d| {
            let name = text(sheet.get_value(d.start));
            (name, d.end.0 - d.start.0 + 1, d.end.1 - d.start.1 + 1)
        })
        .collect();
    let span = |name: &str| merged.iter().find(|m| m.0 == name).map(|m| (m.1, m.2));
    assert_eq!(span("申请人情况"), Some((1, 7)));
    assert_eq!(span("法人或其他组织"), Some((1, 5)));
    assert_eq!(span("自然人"), Some((2, 1)));
    assert_eq!(span("（三）不予公开"), Some((8, 1)));
    assert_eq!(span("三、本年度办理结果"), Some((22, 1)));
    assert_eq!(span("行政诉讼"), Some((1, 10)));
}

#[test]
fn district_rates_and_year_over_year_are_recomputed_from_the_rollup() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    run_sample(out);
    let rollup = rollup_all(out);
    let (header, rows) = csv_rows(&out.join("district.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let get = |year: i32, t: &str, r: &str, c: &str| {
        rollup[&(year, t.to_string(), r.to_string(), c.to_string())]
    };
    let mut years = 0;
    for row in rows.iter().filter(|r| r[col("group")] == "all") {
        let year: i32 = row[col("year")].parse().unwrap();
        let f = |name: &str| row[col(name)].parse::<f64>().ok();
        let applications = get(year, "t3", "new_received", "total");
        assert_eq!(f("applications"), Some(applications));
        let disclosed =
            get(year, "t3", "granted", "total") + get(year, "t3", "partially_granted", "total");
        let processed = get(year, "t3", "total_processed", "total");
        assert!((f("disclosure_rate").unwrap() - disclosed / processed).abs() < 1e-6);
        let (total, corrected, pending) = (
            get(year, "t4", "review", "total"),
            get(year, "t4", "review", "corrected"),
            get(year, "t4", "review", "pending"),
        );
        match f("review_correction_rate") {
            Some(rate) => assert!((rate - corrected / (total - pending)).abs() < 1e-6),
            None => assert_eq!(total - pending, 0.0),
        }
        match rollup.get(&(year - 1, "t3".into(), "new_received".into(), "total".into())) {
            Some(prev) => {
                assert_eq!(f("applications_prev"), Some(*prev));
                let yoy = (applications - prev) / prev;
                assert!((f("applications_yoy").unwrap() - yoy).abs() < 1e-6);
            }
            None => assert_eq!(row[col("applications_yoy")], ""),
        }
        years += 1;
    }
    assert_eq!(years, 3);
}

#[test]
fn unit_year_over_year_joins_the_same_unit_of_the_year_before() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    run_sample(out);
    let (header, rows) = csv_rows(&out.join("units.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let by_key: BTreeMap<(String, i32), &Vec<String>> = rows
        .iter()
        .map(|r| {
            (
                (r[col("unit_id")].clone(), r[col("year")].parse().unwrap()),
                r,
            )
        })
        .collect();
    assert_eq!(by_key.len(), rows.len(), "one row per unit and year");
    let mut joined = 0;
    for ((unit, year), row) in &by_key {
        let now: f64 = row[col("applications")].parse().unwrap();
        match by_key.get(&(unit.clone(), year - 1)) {
            Some(prev) => {
                let before: f64 = prev[col("applications")].parse().unwrap();
                assert_eq!(row[col("applications_prev")], prev[col("applications")]);
                if before > 0.0 {
                    let yoy: f64 = row[col("applications_yoy")].parse().unwrap();
                    assert!((yoy - (now - before) / before).abs() < 1e-6);
                } else {
                    assert_eq!(row[col("applications_yoy")], "");
                }
                joined += 1;
            }
            None => assert_eq!(row[col("applications_prev")], "", "{unit} {year}"),
        }
    }
    assert!(joined > 50, "{joined}");
}

#[test]
fn every_parquet_reads_back_with_the_columns_and_rows_of_its_csv() {
    use polars::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    run_sample(out);
    for name in [
        "reports", "facts", "findings", "rollup", "units", "district", "region", "scores",
    ] {
        let file = std::fs::File::open(out.join(format!("{name}.parquet"))).unwrap();
        let frame = ParquetReader::new(file).finish().unwrap();
        let (header, rows) = csv_rows(&out.join(format!("{name}.csv")));
        let columns: Vec<String> = frame
            .get_column_names()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(columns, header, "{name}");
        assert_eq!(frame.height(), rows.len(), "{name}");
        assert_eq!(
            frame.column("year").unwrap().dtype(),
            &DataType::Int32,
            "{name}"
        );
    }
}
