//! Polars frames, built once after the parallel stage from plain structs: facts (one row
//! per cell) and the district roll-up (sums over the `self`-scope reports that count).
//!
//! Only this module and `render` import polars. Sums are taken over exact millionths (the
//! cells' `Num`), so decimals add up as on paper.

use crate::model::ids::{rows_of, T3_ROW_OTHER_2019};
use crate::model::{CellId, CellState, TableId};
use crate::pipeline::Batch;
use polars::prelude::*;

pub mod figures;
pub mod scores;

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
    /// `self` or `region`.
    pub const SCOPE: &str = "scope";
    /// Whether the report is summed in the roll-up.
    pub const COUNTED: &str = "counted";
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

/// Every cell a report can have, in the official order: table 二 (2021, then 2019 layout),
/// table 三 (2021 rows, then the 2019 `other` row), table 四. A cell's position here is its
/// id in the sums frame and its order in every output.
pub fn catalogue() -> &'static [(TableId, &'static str, &'static str)] {
    static CATALOGUE: std::sync::OnceLock<Vec<(TableId, &'static str, &'static str)>> =
        std::sync::OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let mut out = Vec::new();
        for table in [TableId::T2, TableId::T2v2019, TableId::T3, TableId::T4] {
            let extra = (table == TableId::T3).then_some(&T3_ROW_OTHER_2019);
            for spec in rows_of(table).iter().chain(extra) {
                for c in spec.cols {
                    out.push((table, spec.id, *c));
                }
            }
        }
        out
    })
}

/// Where a cell is looked up: the catalogue's index of each (table, row, column) by their
/// ids' places in [`CellId::all`], and the key figure (its place in [`figures::COUNTS`]) each
/// catalogue cell adds to. Built once; the roll-up asks for each of millions of cells.
struct CellIndex {
    ids: usize,
    /// `u32::MAX` where the layout has no such cell.
    at: Vec<u32>,
    figure: Vec<Option<u8>>,
}

fn cell_lookup() -> &'static CellIndex {
    static INDEX: std::sync::OnceLock<CellIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let ids = CellId::all().len();
        let mut at = vec![u32::MAX; 4 * ids * ids];
        let mut figure = Vec::new();
        for (k, &(table, row, col)) in catalogue().iter().enumerate() {
            if let (Some(r), Some(c)) = (CellId::of(row), CellId::of(col)) {
                let slot = &mut at[(table_slot(table) * ids + r.index()) * ids + c.index()];
                // The first cell of a layout with a row written twice, as the search found.
                if *slot == u32::MAX {
                    *slot = k as u32;
                }
            }
            figure.push(
                figures::figure_of(table, row, col)
                    .and_then(|x| figures::COUNTS.iter().position(|y| y.id == x))
                    .map(|k| k as u8),
            );
        }
        CellIndex { ids, at, figure }
    })
}

fn table_slot(table: TableId) -> usize {
    match table {
        TableId::T2 => 0,
        TableId::T2v2019 => 1,
        TableId::T3 => 2,
        TableId::T4 => 3,
    }
}

/// A cell's position in [`catalogue`].
fn cell_index(table: TableId, row: CellId, col: CellId) -> Option<u32> {
    let index = cell_lookup();
    let (r, c) = (row.index(), col.index());
    if r >= index.ids || c >= index.ids {
        return None;
    }
    let k = index.at[(table_slot(table) * index.ids + r) * index.ids + c];
    (k != u32::MAX).then_some(k)
}

/// The key figure (its place in [`figures::COUNTS`]) the catalogue cell `k` adds to.
fn figure_at(k: u32) -> Option<usize> {
    cell_lookup()
        .figure
        .get(k as usize)
        .copied()
        .flatten()
        .map(usize::from)
}

/// The cells the aggregates need, as numbers only. Texts (paths, names) stay in the batch
/// and are looked up by report index, so the frames are small whatever the corpus.
pub struct Facts<'a> {
    /// The roll-up's sums by year, level and cell, summed as the reports are walked (no row
    /// per cell is kept: a province has tens of millions), sorted.
    pub sums: Vec<(LevelCell, Sum)>,
    /// One row per counted report with tables: report (index into the batch), then each
    /// key figure of [`figures::COUNTS`], the sum of its cells (0 when none gives it).
    pub figures: DataFrame,
    /// One row per cell of every chosen region-wide report: report, year, cell, micro,
    /// is_number.
    pub region: DataFrame,
    /// Roster levels ("" first, for reports without a roster unit).
    pub levels: Vec<String>,
    /// Whether there is a roster (roll-up groups by level).
    pub by_level: bool,
    /// Per report index: unit id, unit name, level, year and path, for the outputs.
    pub meta: Vec<ReportMeta<'a>>,
}

/// What the outputs say of a report, borrowed from the batch (a province's million
/// reports are described without a copy of their names and paths).
#[derive(Clone, Debug, Default)]
pub struct ReportMeta<'a> {
    /// Roster id ("" without a roster).
    pub unit_id: &'a str,
    /// Roster name, else the name the report gives.
    pub unit_name: &'a str,
    /// Roster level.
    pub level: &'a str,
    /// Report year.
    pub year: Option<i32>,
    /// File.
    pub path: std::borrow::Cow<'a, str>,
    /// `self` or `region` ("" when the file was not read as a report).
    pub scope: &'static str,
    /// Whether its figures are summed in the roll-up ([`Batch::in_rollup`]).
    pub counted: bool,
}

/// Who a report is, for the outputs.
pub fn report_meta(batch: &Batch, i: usize) -> ReportMeta<'_> {
    let o = &batch.outcomes[i];
    let unit = batch.roster.as_ref().zip(o.unit).map(|(r, u)| &r.units[u]);
    let meta = o.report.as_ref().map(|r| &r.meta);
    ReportMeta {
        unit_id: unit.map_or("", |u| u.id.as_str()),
        unit_name: unit
            .map(|u| u.name.as_str())
            .or_else(|| meta.and_then(|m| m.unit_name.as_deref()))
            .unwrap_or_default(),
        level: unit.map_or("", |u| u.level.as_str()),
        year: meta.and_then(|m| m.year),
        path: o.path.to_string_lossy(),
        scope: meta.and_then(|m| m.scope).map_or("", |s| s.as_str()),
        counted: batch.in_rollup(i),
    }
}

/// Builds the [`Facts`] of a batch.
pub fn facts(batch: &Batch) -> PolarsResult<Facts<'_>> {
    let meta = metas(batch);
    let mut levels: Vec<String> = vec![String::new()];
    levels.extend(
        batch
            .roster
            .iter()
            .flat_map(|r| r.units.iter().map(|u| u.level.clone()))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .filter(|l| !l.is_empty()),
    );
    let (mut f, mut g) = (FigureColumns::default(), RegionRows::default());
    // Per year and level, each catalogue cell's sum (None until a report gives the cell).
    let cells = catalogue().len();
    let mut sums: rustc_hash::FxHashMap<(i32, u32), Vec<Option<Sum>>> = Default::default();
    for (i, o) in batch.outcomes.iter().enumerate() {
        let (in_rollup, region) = (batch.in_rollup(i), batch.is_region(i));
        let (Some(r), true) = (&o.report, in_rollup || region) else {
            continue;
        };
        let Some(year) = r.meta.year else { continue };
        let level = levels.iter().position(|l| *l == meta[i].level).unwrap_or(0) as u32;
        let mut group = in_rollup.then(|| {
            sums.entry((year, level))
                .or_insert_with(|| vec![None; cells])
        });
        // A report with tables gets its row of key figures even when all are blank; one
        // without (a pre-2019 free-form report) has no figures to give, not zeros.
        let has_figures = in_rollup && r.cell_count() > 0;
        if has_figures {
            f.report.push(i as u32);
            f.micro.extend([0; figures::COUNTS.len()]);
        }
        // Cell by cell, the packed tables read in order (no table is built).
        r.each_cell(|t, cell| {
            let Some(index) = cell_index(t, cell.row, cell.col) else {
                return;
            };
            let number = cell.state == CellState::Number;
            let micro = cell.value.filter(|_| number).map_or(0, |v| v.millionths());
            if region {
                g.report.push(i as u32);
                g.year.push(year);
                g.cell.push(index);
                g.micro.push(micro);
                g.is_number.push(number);
                return;
            }
            if let Some(sum) = group.as_mut().and_then(|g| g.get_mut(index as usize)) {
                let (m, u, b) = sum.get_or_insert((0, 0, 0));
                // Wrapping, as polars' sum did before.
                *m = m.wrapping_add(micro);
                *u += u32::from(number);
                *b += u32::from(cell.state == CellState::Blank);
            }
            if let (Some(k), true) = (figure_at(index), has_figures) {
                let at = f.micro.len() - figures::COUNTS.len() + k;
                // Wrapping, as polars' sum did before.
                f.micro[at] = f.micro[at].wrapping_add(micro);
            }
        });
    }
    let mut sums: Vec<(LevelCell, Sum)> = sums
        .into_iter()
        .flat_map(|((year, level), cells)| {
            cells
                .into_iter()
                .enumerate()
                .filter_map(move |(cell, sum)| Some(((year, level, cell as u32), sum?)))
        })
        .collect();
    sums.sort_unstable_by_key(|x| x.0);
    Ok(Facts {
        sums,
        figures: f.frame()?,
        region: DataFrame::new(
            g.report.len(),
            vec![
                Column::new("report".into(), g.report),
                Column::new(cols::YEAR.into(), g.year),
                Column::new("cell".into(), g.cell),
                Column::new("micro".into(), g.micro),
                Column::new("is_number".into(), g.is_number),
            ],
        )?,
        levels,
        by_level: batch.roster.is_some(),
        meta,
    })
}

impl Facts<'_> {
    /// The facts without their texts borrowed from the batch, to be held while the batch
    /// changes (the rules across reports add their findings); [`Facts::attach`] gives them
    /// back.
    pub fn detach(self) -> Facts<'static> {
        Facts {
            sums: self.sums,
            figures: self.figures,
            region: self.region,
            levels: self.levels,
            by_level: self.by_level,
            meta: Vec::new(),
        }
    }

    /// The facts with their texts borrowed from `batch` again (the batch they were built
    /// from: only findings were added to it since).
    pub fn attach(self, batch: &Batch) -> Facts<'_> {
        Facts {
            meta: metas(batch),
            ..self.detach()
        }
    }
}

/// [`report_meta`] of every report, by report index.
fn metas(batch: &Batch) -> Vec<ReportMeta<'_>> {
    (0..batch.outcomes.len())
        .map(|i| report_meta(batch, i))
        .collect()
}

/// Per counted report, its key figures' sums in millionths, [`figures::COUNTS`] at a time.
#[derive(Default)]
struct FigureColumns {
    report: Vec<u32>,
    micro: Vec<i64>,
}

impl FigureColumns {
    fn frame(self) -> PolarsResult<DataFrame> {
        let n = figures::COUNTS.len();
        let mut columns = vec![Column::new("report".into(), self.report)];
        for (k, f) in figures::COUNTS.iter().enumerate() {
            let values: Vec<f64> = self
                .micro
                .iter()
                .skip(k)
                .step_by(n)
                .map(|&m| m as f64 / 1_000_000.0)
                .collect();
            columns.push(Column::new(f.id.into(), values));
        }
        DataFrame::new(columns[0].len(), columns)
    }
}

#[derive(Default)]
struct RegionRows {
    report: Vec<u32>,
    year: Vec<i32>,
    cell: Vec<u32>,
    micro: Vec<i64>,
    is_number: Vec<bool>,
}

/// A cell's sum: exact millionths, reports that gave a number, reports that left it blank.
type Sum = (i64, u32, u32);

/// Year, level index and cell index.
type LevelCell = (i32, u32, u32);

/// The level sums added up over levels: (year, cell) → sum.
fn all_sums(levels: &[(LevelCell, Sum)]) -> std::collections::BTreeMap<(i32, u32), Sum> {
    let mut all = std::collections::BTreeMap::<(i32, u32), Sum>::new();
    for &((year, _, cell), (m, u, b)) in levels {
        let e = all.entry((year, cell)).or_default();
        *e = (e.0 + m, e.1 + u, e.2 + b);
    }
    all
}

/// The roll-up: per year, group (`all`, then each roster level), table, row and column, the
/// sum of the counted `self` reports, how many gave a number and how many left it blank.
/// Sorted by year, group and official cell order.
pub fn rollup(facts: &Facts) -> PolarsResult<DataFrame> {
    let levels = &facts.sums;
    let mut rows: Vec<(i32, &str, u32, Sum)> = all_sums(levels)
        .into_iter()
        .map(|((year, cell), sum)| (year, "all", cell, sum))
        .collect();
    if facts.by_level {
        rows.extend(levels.iter().filter_map(|&((year, level, cell), sum)| {
            let name = facts.levels.get(level as usize)?.as_str();
            (!name.is_empty()).then_some((year, name, cell, sum))
        }));
    }
    // "all" first, then the levels by name.
    rows.sort_by(|a, b| (a.0, a.1 != "all", a.1, a.2).cmp(&(b.0, b.1 != "all", b.1, b.2)));
    let cat = catalogue();
    let cell = |k: u32| cat[k as usize];
    let column = |name: &str, values: Vec<&'static str>| Column::new(name.into(), values);
    DataFrame::new(
        rows.len(),
        vec![
            Column::new(
                cols::YEAR.into(),
                rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            ),
            Column::new(
                cols::GROUP.into(),
                rows.iter().map(|r| r.1).collect::<Vec<_>>(),
            ),
            column(
                cols::TABLE,
                rows.iter().map(|r| cell(r.2).0.as_str()).collect(),
            ),
            column(cols::ROW, rows.iter().map(|r| cell(r.2).1).collect()),
            column(cols::COL, rows.iter().map(|r| cell(r.2).2).collect()),
            Column::new(
                cols::VALUE.into(),
                rows.iter()
                    .map(|r| r.3 .0 as f64 / 1_000_000.0)
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                cols::UNITS.into(),
                rows.iter().map(|r| r.3 .1).collect::<Vec<_>>(),
            ),
            Column::new(
                cols::BLANKS.into(),
                rows.iter().map(|r| r.3 .2).collect::<Vec<_>>(),
            ),
            Column::new(
                "micro".into(),
                rows.iter().map(|r| r.3 .0).collect::<Vec<_>>(),
            ),
        ],
    )
}

/// Each region-scope report (one that summarises the whole region) set against the roll-up:
/// per cell it gives, the value it reports, the sum of the units' own reports for that year
/// (group `all`), the difference and how many units gave a number. Sorted by year, path and
/// official cell order.
pub fn region(facts: &Facts) -> PolarsResult<DataFrame> {
    let all = all_sums(&facts.sums);
    let g = &facts.region;
    let report = g.column("report")?.u32()?;
    let year = g.column(cols::YEAR)?.i32()?;
    let cell = g.column("cell")?.u32()?;
    let reported = g.column("micro")?.i64()?;
    let is_number = g.column("is_number")?.bool()?;
    let mut rows: Vec<(i32, &str, u32, usize)> = (0..g.height())
        .map(|i| {
            let m = &facts.meta[report.get(i).unwrap_or_default() as usize];
            (
                year.get(i).unwrap_or_default(),
                &*m.path,
                cell.get(i).unwrap_or_default(),
                i,
            )
        })
        .collect();
    rows.sort();
    let cat = catalogue();
    let million = |m: i64| m as f64 / 1_000_000.0;
    let mut f = RegionColumns::default();
    for &(y, path, k, i) in &rows {
        let m = &facts.meta[report.get(i).unwrap_or_default() as usize];
        let (table, row, c) = cat[k as usize];
        let number = is_number.get(i).unwrap_or(false);
        let (total, units, _) = all.get(&(y, k)).copied().unwrap_or_default();
        let value = reported.get(i).unwrap_or(0);
        f.year.push(y);
        f.path.push(path);
        f.unit_id.push(m.unit_id);
        f.unit_name.push(m.unit_name);
        f.table.push(table.as_str());
        f.row.push(row);
        f.col.push(c);
        f.reported.push(number.then(|| million(value)));
        f.units_sum.push(million(total));
        f.difference.push(number.then(|| million(value - total)));
        f.units.push(units);
    }
    f.into_frame()
}

#[derive(Default)]
struct RegionColumns<'a> {
    year: Vec<i32>,
    path: Vec<&'a str>,
    unit_id: Vec<&'a str>,
    unit_name: Vec<&'a str>,
    table: Vec<&'static str>,
    row: Vec<&'static str>,
    col: Vec<&'static str>,
    reported: Vec<Option<f64>>,
    units_sum: Vec<f64>,
    difference: Vec<Option<f64>>,
    units: Vec<u32>,
}

impl RegionColumns<'_> {
    fn into_frame(self) -> PolarsResult<DataFrame> {
        DataFrame::new(
            self.year.len(),
            vec![
                Column::new(cols::YEAR.into(), self.year),
                Column::new(cols::PATH.into(), self.path),
                Column::new(cols::UNIT_ID.into(), self.unit_id),
                Column::new(cols::UNIT_NAME.into(), self.unit_name),
                Column::new(cols::TABLE.into(), self.table),
                Column::new(cols::ROW.into(), self.row),
                Column::new(cols::COL.into(), self.col),
                Column::new("reported".into(), self.reported),
                Column::new("units_sum".into(), self.units_sum),
                Column::new("difference".into(), self.difference),
                Column::new(cols::UNITS.into(), self.units),
            ],
        )
    }
}

/// How many reports go into one row group of facts.parquet: the frame for one group is all
/// that is in memory at a time.
const FACTS_CHUNK: usize = 256;

/// facts.parquet, written in row groups of [`FACTS_CHUNK`] reports: one row per cell of
/// every parsed report, with the columns DESIGN.md lists. Returns the number of rows.
pub fn write_facts_parquet(batch: &Batch, w: impl std::io::Write) -> PolarsResult<u64> {
    write_facts_parquet_in(batch, w, FACTS_CHUNK)
}

/// [`write_facts_parquet`] with `chunk` reports a row group.
pub fn write_facts_parquet_in(
    batch: &Batch,
    w: impl std::io::Write,
    chunk: usize,
) -> PolarsResult<u64> {
    let chunk = chunk.max(1);
    let mut writer: Option<polars::io::parquet::write::BatchedWriter<_>> = None;
    let mut sink = Some(w);
    let mut rows = 0u64;
    let n = batch.outcomes.len();
    for start in (0..n.max(1)).step_by(chunk) {
        let frame = facts_chunk(batch, start..(start + chunk).min(n))?;
        rows += frame.height() as u64;
        if writer.is_none() {
            if let Some(w) = sink.take() {
                writer = Some(ParquetWriter::new(w).batched(frame.schema())?);
            }
        }
        if let Some(w) = writer.as_mut() {
            if frame.height() > 0 || rows == 0 {
                w.write_batch(&frame)?;
            }
        }
    }
    if let Some(w) = writer {
        w.finish()?;
    }
    Ok(rows)
}

/// The facts columns of the reports in `range`.
fn facts_chunk(batch: &Batch, range: std::ops::Range<usize>) -> PolarsResult<DataFrame> {
    let metas: Vec<ReportMeta> = range.clone().map(|i| report_meta(batch, i)).collect();
    // The report's columns are gathered from one row per report: long texts (names, paths)
    // are not copied for each of its ~200 cells, only pointed at.
    let tables: Vec<Option<crate::model::Tables<'_>>> = batch.outcomes[range]
        .iter()
        .map(|o| o.report.as_ref().map(crate::model::Report::tables_view))
        .collect();
    let mut f = FactColumns::default();
    for (k, r) in tables.iter().enumerate() {
        let Some(r) = r else { continue };
        for id in [TableId::T2, TableId::T2v2019, TableId::T3, TableId::T4] {
            let Some(t) = r.table(id) else { continue };
            for c in &t.cells {
                let number = c.state == CellState::Number;
                f.report.push(k as IdxSize);
                f.table.push(id.as_str());
                f.row.push(catalogue_at(c.row));
                f.col.push(catalogue_at(c.col));
                f.value.push(c.value.filter(|_| number).map(|v| v.to_f64()));
                f.state.push(c.state.as_str());
                f.raw.push(&c.raw);
            }
        }
    }
    let index = IdxCa::from_vec("report".into(), std::mem::take(&mut f.report));
    let per_report = |name: &str, values: Series| -> PolarsResult<Column> {
        Ok(values.with_name(name.into()).take(&index)?.into())
    };
    let texts = |get: for<'m> fn(&'m ReportMeta<'m>) -> &'m str| -> Series {
        Series::new("".into(), metas.iter().map(get).collect::<Vec<_>>())
    };
    let height = index.len();
    // Row and column ids too, from the catalogue's ("natural_person" is past the 12 bytes a
    // string column holds in place).
    let ids = Series::new(
        "".into(),
        crate::model::CellId::all()
            .iter()
            .chain([&""])
            .copied()
            .collect::<Vec<&str>>(),
    );
    let catalogued = |name: &str, at: Vec<IdxSize>| -> PolarsResult<Column> {
        Ok(ids
            .clone()
            .with_name(name.into())
            .take(&IdxCa::from_vec("".into(), at))?
            .into())
    };
    DataFrame::new(
        height,
        vec![
            per_report(cols::UNIT_ID, texts(|m| m.unit_id))?,
            per_report(cols::UNIT_NAME, texts(|m| m.unit_name))?,
            per_report(
                cols::YEAR,
                Series::new("".into(), metas.iter().map(|m| m.year).collect::<Vec<_>>()),
            )?,
            per_report(cols::PATH, texts(|m| &m.path))?,
            Column::new(cols::TABLE.into(), f.table),
            catalogued(cols::ROW, f.row)?,
            catalogued(cols::COL, f.col)?,
            Column::new(cols::VALUE.into(), f.value),
            Column::new(cols::STATE.into(), f.state),
            Column::new(cols::RAW.into(), f.raw),
            per_report(cols::SCOPE, texts(|m| m.scope))?,
            per_report(
                cols::COUNTED,
                Series::new(
                    "".into(),
                    metas.iter().map(|m| m.counted).collect::<Vec<_>>(),
                ),
            )?,
        ],
    )
}

/// A cell id's row in the facts chunk's catalogue series (an id the catalogue lacks, which
/// reads as "", is its last row).
fn catalogue_at(id: crate::model::CellId) -> IdxSize {
    id.index().min(crate::model::CellId::all().len()) as IdxSize
}

#[derive(Default)]
struct FactColumns<'a> {
    report: Vec<IdxSize>,
    table: Vec<&'static str>,
    row: Vec<IdxSize>,
    col: Vec<IdxSize>,
    value: Vec<Option<f64>>,
    state: Vec<&'static str>,
    raw: Vec<&'a str>,
}

/// Parquet bytes of a frame.
pub fn parquet(df: &DataFrame) -> PolarsResult<Vec<u8>> {
    let mut buf = Vec::new();
    write_parquet(df, &mut buf)?;
    Ok(buf)
}

/// [`parquet`], written into `w`.
pub fn write_parquet(df: &DataFrame, w: impl std::io::Write) -> PolarsResult<()> {
    ParquetWriter::new(w).finish(&mut df.clone()).map(drop)
}

/// The reports frame: one row per input file (the columns of reports.csv).
pub fn reports(batch: &Batch) -> PolarsResult<DataFrame> {
    let n = batch.outcomes.len();
    // Texts borrowed from the batch (a million reports' names and paths are not copied).
    let paths: Vec<std::borrow::Cow<'_, str>> = batch
        .outcomes
        .iter()
        .map(|o| o.path.to_string_lossy())
        .collect();
    let mut c: [Vec<Option<&str>>; 9] = Default::default();
    let mut published = Vec::with_capacity(n);
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
            Some(paths[i].as_ref()),
            Some(o.format.as_str()),
            o.encoding,
            Some(o.status.as_str()),
            unit.map(|u| u.id.as_str()),
            unit.map(|u| u.name.as_str())
                .or_else(|| meta.and_then(|m| m.unit_name.as_deref())),
            o.unit_source.map(|s| s.as_str()),
            meta.and_then(|m| m.template).map(|t| t.as_str()),
            meta.and_then(|m| m.scope).map(|s| s.as_str()),
        ];
        published.push(meta.and_then(|m| m.published).map(|p| p.date.to_string()));
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
    let [path, format, encoding, status, unit_id, unit_name, source, template, scope] = c;
    DataFrame::new(
        n,
        vec![
            Column::new("path".into(), path),
            Column::new("format".into(), format),
            Column::new("encoding".into(), encoding),
            Column::new("status".into(), status),
            Column::new(cols::UNIT_ID.into(), unit_id),
            Column::new(cols::UNIT_NAME.into(), unit_name),
            Column::new("unit_source".into(), source),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The search the lookup replaced: the first row of the table with the id, then the
    /// column's place in it.
    fn searched(table: TableId, row: &str, col: &str) -> Option<u32> {
        let mut base = 0u32;
        let mut found = None;
        for t in [TableId::T2, TableId::T2v2019, TableId::T3, TableId::T4] {
            let extra = (t == TableId::T3).then_some(&T3_ROW_OTHER_2019);
            for spec in rows_of(t).iter().chain(extra) {
                if found.is_none() && t == table && spec.id == row {
                    found = Some(
                        spec.cols
                            .iter()
                            .position(|c| *c == col)
                            .map(|k| base + k as u32),
                    );
                }
                base += spec.cols.len() as u32;
            }
        }
        found.flatten()
    }

    #[test]
    fn the_cell_lookup_answers_as_the_layout_search_for_every_pair_of_ids() {
        let mut known = 0;
        for table in [TableId::T2, TableId::T2v2019, TableId::T3, TableId::T4] {
            for &row in CellId::all() {
                for &col in CellId::all() {
                    let (r, c) = (CellId::from(row), CellId::from(col));
                    let got = cell_index(table, r, c);
                    assert_eq!(got, searched(table, row, col), "{table:?} {row} {col}");
                    if let Some(k) = got {
                        known += 1;
                        let (t, cr, cc) = catalogue()[k as usize];
                        assert_eq!((t, cr, cc), (table, row, col));
                        let figure = figures::figure_of(table, row, col)
                            .and_then(|x| figures::COUNTS.iter().position(|y| y.id == x));
                        assert_eq!(figure_at(k), figure, "{row} {col}");
                    }
                }
            }
        }
        assert!(known >= catalogue().len() - 10, "{known}");
        assert_eq!(
            cell_index(TableId::T3, CellId::from("total"), CellId::from("nonsense")),
            None
        );
    }
}
