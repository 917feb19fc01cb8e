//! Polars frames, built once after the parallel stage from plain structs: facts (one row
//! per cell) and the district roll-up (sums over the `self`-scope reports that count).
//!
//! Only this module and `render` import polars. Sums are taken over exact millionths (the
//! cells' `Num`), so decimals add up as on paper.

use crate::model::ids::{rows_of, T3_ROW_OTHER_2019};
use crate::model::{CellState, TableId};
use crate::pipeline::Batch;
use polars::prelude::*;

pub mod figures;

/// Column names, in one place.
pub mod cols {
    /// Roster unit id (empty without a roster).
    pub const UNIT_ID: &str = "unit_id";
    /// Unit name.
    pub const UNIT_NAME: &str = "unit_name";
    /// Report year.
    pub const YEAR: &str = "year";
    /// Input file.
    pub const PATH: &str = "path";
    /// Table id.
    pub const TABLE: &str = "table";
    /// Row id.
    pub const ROW: &str = "row";
    /// Column id.
    pub const COL: &str = "col";
    /// Value (float), null unless the state is number.
    pub const VALUE: &str = "value";
    /// number / blank / na / text.
    pub const STATE: &str = "state";
    /// Cell text as written.
    pub const RAW: &str = "raw";
    /// Roll-up group: `all`, or a roster level.
    pub const GROUP: &str = "group";
    /// How many reports gave a number for the cell.
    pub const UNITS: &str = "units";
    /// How many left it blank.
    pub const BLANKS: &str = "blanks";
}

/// Column expressions for these names.
fn cols_of(names: &[&str]) -> Vec<Expr> {
    names.iter().map(|n| col(*n)).collect()
}

/// Table, row and column: where a cell is.
const CELL: [&str; 3] = [cols::TABLE, cols::ROW, cols::COL];

/// Official order of a cell: table, row, column (for sorting outputs).
fn cell_order(table: TableId, row: &str, col: &str) -> i32 {
    let rank = match table {
        TableId::T2 => 0,
        TableId::T2v2019 => 1,
        TableId::T3 => 2,
        TableId::T4 => 3,
    };
    let rows = rows_of(table);
    let (r, spec) = rows
        .iter()
        .enumerate()
        .find(|(_, s)| s.id == row)
        .or_else(|| {
            (table == TableId::T3 && row == "other").then_some((rows.len(), &T3_ROW_OTHER_2019))
        })
        .map_or((99, None), |(i, s)| (i, Some(s)));
    let c = spec
        .and_then(|s| s.cols.iter().position(|x| *x == col))
        .unwrap_or(99);
    (rank * 100 + r as i32) * 100 + c as i32
}

/// The facts frame: one row per cell of every parsed report, with what the roll-up needs
/// (`counted`, `self_scope`, `level`, exact millionths, the official order).
pub fn facts(batch: &Batch) -> PolarsResult<DataFrame> {
    // Texts are borrowed from the batch: polars copies them into its own buffers, so a cell
    // costs no allocation of its own.
    let paths: Vec<String> = batch
        .outcomes
        .iter()
        .map(|o| o.path.display().to_string())
        .collect();
    let mut f = FactColumns::default();
    for (i, (o, path)) in batch.outcomes.iter().zip(&paths).enumerate() {
        let Some(r) = &o.report else { continue };
        let unit = batch
            .roster
            .as_ref()
            .zip(o.unit)
            .map(|(ro, u)| &ro.units[u]);
        let in_rollup = batch.in_rollup(i);
        let region = batch.is_region(i);
        let unit_id = unit.map_or("", |u| u.id.as_str());
        let unit_name = unit
            .map(|u| u.name.as_str())
            .or(r.meta.unit_name.as_deref())
            .unwrap_or("");
        let level = unit.map_or("", |u| u.level.as_str());
        for id in [TableId::T2, TableId::T2v2019, TableId::T3, TableId::T4] {
            let Some(t) = r.table(id) else { continue };
            for c in &t.cells {
                f.unit_id.push(unit_id);
                f.unit_name.push(unit_name);
                f.level.push(level);
                f.year.push(r.meta.year);
                f.path.push(path);
                f.table.push(id.as_str());
                f.row.push(c.row);
                f.col.push(c.col);
                let number = c.state == CellState::Number;
                f.value.push(c.value.filter(|_| number).map(|v| v.to_f64()));
                f.micro
                    .push(c.value.filter(|_| number).map_or(0, |v| v.millionths()));
                f.is_number.push(number);
                f.is_blank.push(c.state == CellState::Blank);
                f.state.push(c.state.as_str());
                f.raw.push(&c.raw);
                f.ord.push(cell_order(id, c.row, c.col));
                f.in_rollup.push(in_rollup);
                f.region.push(region);
                f.figure.push(figures::figure_of(id, c.row, c.col));
            }
        }
    }
    f.into_frame()
}

#[derive(Default)]
struct FactColumns<'a> {
    unit_id: Vec<&'a str>,
    unit_name: Vec<&'a str>,
    level: Vec<&'a str>,
    year: Vec<Option<i32>>,
    path: Vec<&'a str>,
    table: Vec<&'static str>,
    row: Vec<&'static str>,
    col: Vec<&'static str>,
    value: Vec<Option<f64>>,
    micro: Vec<i64>,
    is_number: Vec<bool>,
    is_blank: Vec<bool>,
    state: Vec<&'static str>,
    raw: Vec<&'a str>,
    ord: Vec<i32>,
    in_rollup: Vec<bool>,
    region: Vec<bool>,
    figure: Vec<Option<&'static str>>,
}

impl FactColumns<'_> {
    fn into_frame(self) -> PolarsResult<DataFrame> {
        let height = self.unit_id.len();
        DataFrame::new(
            height,
            vec![
                Column::new(cols::UNIT_ID.into(), self.unit_id),
                Column::new(cols::UNIT_NAME.into(), self.unit_name),
                Column::new(cols::YEAR.into(), self.year),
                Column::new(cols::PATH.into(), self.path),
                Column::new(cols::TABLE.into(), self.table),
                Column::new(cols::ROW.into(), self.row),
                Column::new(cols::COL.into(), self.col),
                Column::new(cols::VALUE.into(), self.value),
                Column::new(cols::STATE.into(), self.state),
                Column::new(cols::RAW.into(), self.raw),
                Column::new("level".into(), self.level),
                Column::new("micro".into(), self.micro),
                Column::new("is_number".into(), self.is_number),
                Column::new("is_blank".into(), self.is_blank),
                Column::new("ord".into(), self.ord),
                Column::new("in_rollup".into(), self.in_rollup),
                Column::new("region".into(), self.region),
                Column::new("figure".into(), self.figure),
            ],
        )
    }
}

/// The facts columns DESIGN.md lists, for output.
pub fn facts_output(facts: &DataFrame) -> PolarsResult<DataFrame> {
    facts.select([
        cols::UNIT_ID,
        cols::UNIT_NAME,
        cols::YEAR,
        cols::PATH,
        cols::TABLE,
        cols::ROW,
        cols::COL,
        cols::VALUE,
        cols::STATE,
        cols::RAW,
    ])
}

/// The roll-up: per year, group (`all`, then each roster level), table, row and column, the
/// sum of the counted `self` reports, how many gave a number and how many left it blank.
pub fn rollup(facts: &DataFrame, by_level: bool) -> PolarsResult<DataFrame> {
    let base = facts
        .clone()
        .lazy()
        .filter(col("in_rollup").and(col(cols::YEAR).is_not_null()));
    let mut parts = vec![base.clone().with_column(lit("all").alias(cols::GROUP))];
    if by_level {
        parts.push(base.with_column(col("level").alias(cols::GROUP)));
    }
    let keys = [
        col(cols::YEAR),
        col(cols::GROUP),
        col("ord"),
        col(cols::TABLE),
        col(cols::ROW),
        col(cols::COL),
    ];
    concat(parts, UnionArgs::default())?
        .group_by(keys)
        .agg([
            col("micro").sum().alias("micro"),
            col("is_number")
                .cast(DataType::UInt32)
                .sum()
                .alias(cols::UNITS),
            col("is_blank")
                .cast(DataType::UInt32)
                .sum()
                .alias(cols::BLANKS),
        ])
        // group_by does not keep an order: sort, so every run writes the same bytes.
        .sort(
            [cols::YEAR, cols::GROUP, "ord"],
            SortMultipleOptions::default(),
        )
        .with_column((col("micro").cast(DataType::Float64) / lit(1_000_000.0)).alias(cols::VALUE))
        .select(cols_of(
            &[
                &[cols::YEAR, cols::GROUP][..],
                &CELL,
                &[cols::VALUE, cols::UNITS, cols::BLANKS, "micro"],
            ]
            .concat(),
        ))
        .collect()
}

/// Each region-scope report (one that summarises the whole region) set against the roll-up:
/// per cell it gives, the value it reports, the sum of the units' own reports for that year
/// (group `all`), the difference and how many units gave a number. Sorted by year, path and
/// official cell order.
pub fn region(facts: &DataFrame, rollup: &DataFrame) -> PolarsResult<DataFrame> {
    let keys = cols_of(&[&[cols::YEAR][..], &CELL].concat());
    let who = [cols::YEAR, cols::PATH, cols::UNIT_ID, cols::UNIT_NAME];
    let mut picked = cols_of(&[&who[..], &CELL, &["ord", "is_number"]].concat());
    picked.extend([
        col(cols::VALUE).alias("reported"),
        col("micro").alias("reported_micro"),
    ]);
    let reported = facts
        .clone()
        .lazy()
        .filter(col("region").and(col(cols::YEAR).is_not_null()))
        .select(picked);
    let mut summed = keys.clone();
    summed.extend([col("micro").alias("sum_micro"), col(cols::UNITS)]);
    let sums = rollup
        .clone()
        .lazy()
        .filter(col(cols::GROUP).eq(lit("all")))
        .select(summed);
    let millions = |e: Expr| e.cast(DataType::Float64) / lit(1_000_000.0);
    reported
        .join(sums, keys.clone(), keys, JoinArgs::new(JoinType::Left))
        .with_columns([
            millions(col("sum_micro").fill_null(lit(0i64))).alias("units_sum"),
            when(col("is_number"))
                .then(millions(
                    col("reported_micro") - col("sum_micro").fill_null(lit(0i64)),
                ))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("difference"),
            col(cols::UNITS).fill_null(lit(0u32)),
        ])
        .sort(
            [cols::YEAR, cols::PATH, "ord"],
            SortMultipleOptions::default(),
        )
        .select(cols_of(
            &[
                &who[..],
                &CELL,
                &["reported", "units_sum", "difference", cols::UNITS],
            ]
            .concat(),
        ))
        .collect()
}

/// Parquet bytes of a frame.
pub fn parquet(df: &DataFrame) -> PolarsResult<Vec<u8>> {
    let mut buf = Vec::new();
    ParquetWriter::new(&mut buf).finish(&mut df.clone())?;
    Ok(buf)
}

/// The reports frame: one row per input file (the columns of reports.csv).
pub fn reports(batch: &Batch) -> PolarsResult<DataFrame> {
    let n = batch.outcomes.len();
    let mut c: [Vec<Option<String>>; 9] = Default::default();
    let (mut year, mut counted, mut errors, mut warnings) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for (i, o) in batch.outcomes.iter().enumerate() {
        let meta = o.report.as_ref().map(|r| &r.meta);
        let unit = batch.roster.as_ref().zip(o.unit).map(|(r, u)| &r.units[u]);
        let values = [
            Some(o.path.display().to_string()),
            Some(o.format.as_str().to_string()),
            o.encoding.map(String::from),
            Some(o.status.as_str().to_string()),
            unit.map(|u| u.id.clone()),
            unit.map(|u| u.name.clone())
                .or_else(|| meta.and_then(|m| m.unit_name.clone())),
            meta.and_then(|m| m.template)
                .map(|t| t.as_str().to_string()),
            meta.and_then(|m| m.scope).map(|s| s.as_str().to_string()),
            meta.and_then(|m| m.published).map(|p| p.date.to_string()),
        ];
        for (col, v) in c.iter_mut().zip(values) {
            col.push(v);
        }
        year.push(meta.and_then(|m| m.year));
        counted.push(batch.in_rollup(i));
        let sev = |s: crate::model::Severity| {
            o.findings.iter().filter(|f| f.severity == s).count() as u32
        };
        errors.push(sev(crate::model::Severity::Error));
        warnings.push(sev(crate::model::Severity::Warning));
    }
    let [path, format, encoding, status, unit_id, unit_name, template, scope, published] = c;
    DataFrame::new(
        n,
        vec![
            Column::new("path".into(), path),
            Column::new("format".into(), format),
            Column::new("encoding".into(), encoding),
            Column::new("status".into(), status),
            Column::new(cols::UNIT_ID.into(), unit_id),
            Column::new(cols::UNIT_NAME.into(), unit_name),
            Column::new(cols::YEAR.into(), year),
            Column::new("template".into(), template),
            Column::new("scope".into(), scope),
            Column::new("published".into(), published),
            Column::new("counted".into(), counted),
            Column::new("errors".into(), errors),
            Column::new("warnings".into(), warnings),
        ],
    )
}

/// The findings frame: one row per finding (the columns of findings.csv).
pub fn findings(
    batch: &Batch,
    locations: &[Vec<String>],
    lang: crate::model::Lang,
) -> PolarsResult<DataFrame> {
    let mut f: [Vec<String>; 6] = Default::default();
    let mut year: Vec<Option<i32>> = Vec::new();
    let mut push = |path: String,
                    unit: String,
                    y: Option<i32>,
                    finding: &crate::model::Finding,
                    loc: String| {
        for (col, v) in f.iter_mut().zip([
            path,
            unit,
            finding.rule.0.to_string(),
            finding.severity.as_str().to_string(),
            finding.kind.message(lang),
            loc,
        ]) {
            col.push(v);
        }
        year.push(y);
    };
    for (o, locs) in batch.outcomes.iter().zip(locations) {
        let unit = batch
            .roster
            .as_ref()
            .zip(o.unit)
            .map(|(r, u)| r.units[u].id.clone())
            .unwrap_or_default();
        let y = o.report.as_ref().and_then(|r| r.meta.year);
        for (k, finding) in o.findings.iter().enumerate() {
            push(
                o.path.display().to_string(),
                unit.clone(),
                y,
                finding,
                locs.get(k).cloned().unwrap_or_default(),
            );
        }
    }
    for finding in &batch.unit_findings {
        if let crate::model::FindingKind::NoReport { unit, year: y } = &finding.kind {
            let id = batch
                .roster
                .as_ref()
                .and_then(|r| r.units.iter().find(|u| &u.name == unit))
                .map(|u| u.id.clone());
            push(
                String::new(),
                id.unwrap_or_default(),
                Some(*y),
                finding,
                String::new(),
            );
        }
    }
    let n = year.len();
    let [path, unit_id, rule, severity, message, location] = f;
    DataFrame::new(
        n,
        vec![
            Column::new("path".into(), path),
            Column::new(cols::UNIT_ID.into(), unit_id),
            Column::new(cols::YEAR.into(), year),
            Column::new("rule".into(), rule),
            Column::new("severity".into(), severity),
            Column::new("message".into(), message),
            Column::new("location".into(), location),
        ],
    )
}
