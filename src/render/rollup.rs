//! The district roll-up: rollup.csv (long), and rollup-YEAR.md with tables 二, 三 and 四 in
//! the official layout, each cell's sum with how many units gave a number and how many left
//! it blank.

use crate::aggregate::cols;
use crate::model::ids::{col_zh, rows_of, RowSpec, TableId, T3_ROW_OTHER_2019};
use crate::model::{Lang, Num};
use polars::prelude::*;
use std::collections::BTreeMap;

mod html;
pub use html::{official_tables, rollup_html_body, rollup_page};

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

/// One cell of a region-scope report set against the units' sum.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionCell {
    /// Year.
    pub year: i32,
    /// The region report's file.
    pub path: String,
    /// Its unit.
    pub unit_name: String,
    /// Table id.
    pub table: String,
    /// Row id.
    pub row: String,
    /// Column id.
    pub col: String,
    /// What the region report gives (None unless a number).
    pub reported: Option<f64>,
    /// The sum of the units' own reports.
    pub units_sum: f64,
    /// reported − units_sum.
    pub difference: Option<f64>,
}

/// The region frame as rows.
pub fn region_cells(region: &DataFrame) -> PolarsResult<Vec<RegionCell>> {
    let year = region.column(cols::YEAR)?.i32()?;
    let s = |name: &str| -> PolarsResult<StringChunked> { Ok(region.column(name)?.str()?.clone()) };
    let (path, unit, table, row, col) = (
        s(cols::PATH)?,
        s(cols::UNIT_NAME)?,
        s(cols::TABLE)?,
        s(cols::ROW)?,
        s(cols::COL)?,
    );
    let f =
        |name: &str| -> PolarsResult<Float64Chunked> { Ok(region.column(name)?.f64()?.clone()) };
    let (reported, sum, diff) = (f("reported")?, f("units_sum")?, f("difference")?);
    let text = |c: &StringChunked, i| c.get(i).unwrap_or_default().to_string();
    Ok((0..region.height())
        .map(|i| RegionCell {
            year: year.get(i).unwrap_or_default(),
            path: text(&path, i),
            unit_name: text(&unit, i),
            table: text(&table, i),
            row: text(&row, i),
            col: text(&col, i),
            reported: reported.get(i),
            units_sum: sum.get(i).unwrap_or_default(),
            difference: diff.get(i),
        })
        .collect())
}

/// How many differing cells the Markdown lists per region report (region.csv has them all).
const REGION_LIST: usize = 40;

/// The section of rollup-YEAR.md that sets the year's region-scope reports against the sum.
pub fn region_markdown(cells: &[RegionCell], year: i32, lang: Lang) -> String {
    let mut by_path: BTreeMap<&str, Vec<&RegionCell>> = BTreeMap::new();
    for c in cells.iter().filter(|c| c.year == year) {
        by_path.entry(c.path.as_str()).or_default().push(c);
    }
    if by_path.is_empty() {
        return String::new();
    }
    let mut s = match lang {
        Lang::Zh => "\n## 与全区汇总报告比较\n".to_string(),
        Lang::En => "\n## Region-wide reports against the sum\n".to_string(),
    };
    for (path, cells) in by_path {
        let differ: Vec<&&RegionCell> = cells
            .iter()
            .filter(|c| c.difference.is_some_and(|d| d != 0.0))
            .collect();
        let unit = cells.first().map_or("", |c| c.unit_name.as_str());
        s.push_str(&match lang {
            Lang::Zh => format!(
                "\n{unit}（{path}）汇总全区：{} 格中 {} 格与各单位本机关报告之和不一致。\n",
                cells.len(),
                differ.len()
            ),
            Lang::En => format!(
                "\n{unit} ({path}) covers the whole region: {} of its {} cells differ from the sum of the units' own reports.\n",
                differ.len(),
                cells.len()
            ),
        });
        if differ.is_empty() {
            continue;
        }
        s.push_str(match lang {
            Lang::Zh => "\n| 表 | 项目 | 栏目 | 汇总报告 | 各单位之和 | 差额 |\n|---|---|---|---|---|---|\n",
            Lang::En => "\n| table | row | column | region report | sum of units | difference |\n|---|---|---|---|---|---|\n",
        });
        for c in differ.iter().take(REGION_LIST) {
            let table = TableId::from_id(&c.table);
            let row = table
                .and_then(|t| crate::model::ids::row_spec(t, &c.row))
                .map_or(c.row.as_str(), |r| r.zh);
            let col = table.map_or(c.col.as_str(), |t| col_zh(t, &c.col));
            let num = super::tables::float;
            s.push_str(&format!(
                "| {} | {row} | {col} | {} | {} | {} |\n",
                table.map_or(c.table.as_str(), |t| t.zh()),
                c.reported.map(num).unwrap_or_default(),
                num(c.units_sum),
                c.difference.map(num).unwrap_or_default(),
            ));
        }
        if differ.len() > REGION_LIST {
            s.push_str(&match lang {
                Lang::Zh => format!("\n另有 {} 格见 region.csv。\n", differ.len() - REGION_LIST),
                Lang::En => format!("\n{} more in region.csv.\n", differ.len() - REGION_LIST),
            });
        }
    }
    s
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

/// How rollup-YEAR.md writes a cell (the page shows the counts in a tooltip instead).
pub(crate) const LEGEND_ZH: &str = "每格：合计〔填报数字的单位数；留空的单位数〕。";
pub(crate) const LEGEND_EN: &str =
    "Each cell: sum 〔units that gave a number; units that left it blank〕.";

/// A table's heading as the report prints it, never an internal id alone.
pub(crate) fn table_heading(table: TableId, lang: Lang) -> &'static str {
    match (table, lang) {
        (TableId::T2, Lang::Zh) => "表二 主动公开政府信息情况",
        (TableId::T2v2019, Lang::Zh) => "表二 主动公开政府信息情况（2019年版表格）",
        (TableId::T3, Lang::Zh) => "表三 收到和处理政府信息公开申请情况",
        (TableId::T4, Lang::Zh) => "表四 政府信息公开行政复议、行政诉讼情况",
        (TableId::T2, Lang::En) => "Table 二: proactive disclosure",
        (TableId::T2v2019, Lang::En) => "Table 二: proactive disclosure (2019 layout)",
        (TableId::T3, Lang::En) => "Table 三: requests received and handled",
        (TableId::T4, Lang::En) => "Table 四: administrative reviews and lawsuits",
    }
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
                Lang::Zh => format!("<!-- {} -->\n# {year}年度政府信息公开工作年度报告汇总\n\n{LEGEND_ZH}只汇总本机关（self）报告，每个单位每年一份。\n", crate::model::OUTPUT_SIGN),
                Lang::En => format!("<!-- {} -->\n# Roll-up of the {year} annual reports\n\n{LEGEND_EN} Own-unit (self) reports only, one per unit and year.\n", crate::model::OUTPUT_SIGN),
            };
            for table in [TableId::T2, TableId::T2v2019, TableId::T3, TableId::T4] {
                let specs: Vec<&RowSpec> = rows_of(table).iter().chain((table == TableId::T3).then_some(&T3_ROW_OTHER_2019)).collect();
                let present: Vec<&&RowSpec> = specs.iter().filter(|r| r.cols.iter().any(|c| cells.contains_key(&(table.as_str(), r.id, *c)))).collect();
                if present.is_empty() {
                    continue;
                }
                let cols = present[0].cols;
                s.push_str(&format!("\n## {}\n\n", table_heading(table, lang)));
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
