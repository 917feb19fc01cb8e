//! The district roll-up: rollup.csv (long), and rollup-YEAR.md with tables 二, 三 and 四 in
//! the official layout, each cell's sum with how many units gave a number and how many left
//! it blank.

use crate::aggregate::cols;
use crate::model::ids::{col_zh, rows_of, RowSpec, TableId, T3_ROW_OTHER_2019};
use crate::model::{Lang, Num};
use polars::prelude::*;
use std::collections::BTreeMap;

/// One roll-up cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RollupCell {
    /// Year.
    pub year: i32,
    /// `all` or a roster level.
    pub group: String,
    /// Table id.
    pub table: String,
    /// Row id.
    pub row: String,
    /// Column id.
    pub col: String,
    /// Exact sum.
    pub value: Num,
    /// Reports that gave a number.
    pub units: u32,
    /// Reports that left it blank.
    pub blanks: u32,
}

/// The roll-up frame as rows.
pub fn cells(rollup: &DataFrame) -> PolarsResult<Vec<RollupCell>> {
    let year = rollup.column(cols::YEAR)?.i32()?;
    let group = rollup.column(cols::GROUP)?.str()?;
    let table = rollup.column(cols::TABLE)?.str()?;
    let row = rollup.column(cols::ROW)?.str()?;
    let col = rollup.column(cols::COL)?.str()?;
    let micro = rollup.column("micro")?.i64()?;
    let units = rollup.column(cols::UNITS)?.u32()?;
    let blanks = rollup.column(cols::BLANKS)?.u32()?;
    Ok((0..rollup.height())
        .map(|i| RollupCell {
            year: year.get(i).unwrap_or_default(),
            group: group.get(i).unwrap_or_default().to_string(),
            table: table.get(i).unwrap_or_default().to_string(),
            row: row.get(i).unwrap_or_default().to_string(),
            col: col.get(i).unwrap_or_default().to_string(),
            value: Num::from_millionths(micro.get(i).unwrap_or_default()),
            units: units.get(i).unwrap_or_default(),
            blanks: blanks.get(i).unwrap_or_default(),
        })
        .collect())
}

/// rollup.csv: UTF-8 with BOM, sorted by year, group and official cell order.
pub fn rollup_csv(cells: &[RollupCell]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer("\u{feff}".as_bytes().to_vec());
    w.write_record([
        "year", "group", "table", "row", "col", "value", "units", "blanks",
    ])
    .expect("write to memory");
    for c in cells {
        w.write_record([
            &c.year.to_string(),
            &c.group,
            &c.table,
            &c.row,
            &c.col,
            &c.value.to_string(),
            &c.units.to_string(),
            &c.blanks.to_string(),
        ])
        .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// rollup-YEAR.md for each year: the `all` group in the official layout.
pub fn rollup_markdown(cells: &[RollupCell], lang: Lang) -> Vec<(i32, String)> {
    let mut by_year: BTreeMap<i32, BTreeMap<(&str, &str, &str), &RollupCell>> = BTreeMap::new();
    for c in cells.iter().filter(|c| c.group == "all") {
        by_year
            .entry(c.year)
            .or_default()
            .insert((c.table.as_str(), c.row.as_str(), c.col.as_str()), c);
    }
    by_year
        .into_iter()
        .map(|(year, cells)| {
            let mut s = match lang {
                Lang::Zh => format!("# {year}年度政府信息公开工作年度报告汇总\n\n每格：合计〔填报数字的单位数；留空的单位数〕。只汇总本机关（self）报告，每个单位每年一份。\n"),
                Lang::En => format!("# Roll-up of the {year} annual reports\n\nEach cell: sum 〔units that gave a number; units that left it blank〕. Own-unit (self) reports only, one per unit and year.\n"),
            };
            for table in [TableId::T2, TableId::T2v2019, TableId::T3, TableId::T4] {
                let specs: Vec<&RowSpec> = rows_of(table).iter().chain((table == TableId::T3).then_some(&T3_ROW_OTHER_2019)).collect();
                let present: Vec<&&RowSpec> = specs.iter().filter(|r| r.cols.iter().any(|c| cells.contains_key(&(table.as_str(), r.id, *c)))).collect();
                if present.is_empty() {
                    continue;
                }
                let cols = present[0].cols;
                s.push_str(&format!("\n## {} ({})\n\n", table.zh(), table.as_str()));
                let widest = present.iter().map(|r| r.cols.len()).max().unwrap_or(0);
                let head: Vec<&str> = present.iter().find(|r| r.cols.len() == widest).map_or(cols, |r| r.cols).iter().map(|c| col_zh(table, c)).collect();
                s.push_str(&format!("| | {} |\n|---|{}\n", head.join(" | "), "---|".repeat(head.len())));
                for r in present {
                    let vals: Vec<String> = r
                        .cols
                        .iter()
                        .map(|c| match cells.get(&(table.as_str(), r.id, *c)) {
                            Some(x) => format!("{}〔{}；{}〕", x.value, x.units, x.blanks),
                            None => String::new(),
                        })
                        .collect();
                    s.push_str(&format!("| {} | {} |\n", r.zh, vals.join(" | ")));
                }
            }
            (year, s)
        })
        .collect()
}
