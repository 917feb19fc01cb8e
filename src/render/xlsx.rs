//! nianbao.xlsx for the clerks: one sheet per output frame (reports, units with their key
//! figures, the district's figures, findings, missing) and, per year, the district roll-up in
//! the official layout with merged header cells.
//!
//! Column widths are set from the text's display width (a Chinese character counts two), as
//! Excel's own autofit undersizes Chinese. The workbook's creation date is fixed, so the same
//! inputs give the same bytes.

use super::rollup::RollupCell;
use crate::aggregate::figures::{COUNTS, RATES, YOY};
use crate::model::ids::{col_zh, rows_of, RowSpec, TableId, T3_ROW_OTHER_2019, T4_COLS_ZH};
use crate::model::Lang;
use crate::roster::status::Missing;
use polars::prelude::{BooleanChunked, DataFrame, DataType, Float64Chunked, StringChunked};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Note, Workbook, Worksheet,
    XlsxError,
};
use std::collections::BTreeMap;
use unicode_width::UnicodeWidthStr;

/// Excel's last row index; longer frames are cut there with a last line that says so.
const MAX_ROWS: usize = 1_048_575;
/// Rows a sheet of reports, units or findings lists at most ([`Sheets::max_rows`]): a
/// district of 100,000 reports fits whole; past that, the sheet says where the full list is
/// (the CSV and Parquet file of the same name) instead of growing the workbook past what a
/// clerk's Excel opens (223 MB for a million reports).
pub const SHEET_ROWS: usize = 200_000;
/// Widest column, in characters.
const MAX_WIDTH: usize = 60;

/// What the workbook is made of.
pub struct Sheets<'a> {
    /// reports frame.
    pub reports: &'a DataFrame,
    /// units frame (key figures per unit and year).
    pub units: &'a DataFrame,
    /// district frame (key figures per year and group).
    pub district: &'a DataFrame,
    /// findings frame.
    pub findings: &'a DataFrame,
    /// missing.csv rows, when there is a roster.
    pub missing: Option<&'a [Missing]>,
    /// Scores per unit and year (scores.parquet's frame), when there is a roster.
    pub scores: Option<&'a DataFrame>,
    /// Region-scope reports against the sum, when there are any.
    pub region: Option<&'a DataFrame>,
    /// The roll-up cells.
    pub rollup: &'a [RollupCell],
    /// Header language.
    pub lang: Lang,
    /// Rows a sheet lists at most ([`SHEET_ROWS`]; never past Excel's limit).
    pub max_rows: usize,
}

/// The workbook made of [`Sheets`].
pub struct Book {
    /// nianbao.xlsx's bytes.
    pub bytes: Vec<u8>,
    /// The sheets listed only in part ([`Sheets::max_rows`]), in workbook order.
    pub cut: Vec<&'static str>,
}

/// The workbook's bytes, and which sheets were cut.
pub fn workbook(input: &Sheets<'_>) -> Result<Book, XlsxError> {
    let mut wb = Workbook::new();
    // A fixed creation date: Excel shows it under "properties", and a clock would make every
    // run's bytes differ.
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("政府信息公开工作年度报告汇总")
            .set_creation_datetime(&created),
    );
    let styles = Styles::new();
    let cut = &mut Vec::new();
    frame_sheet(
        wb.add_worksheet_with_constant_memory()?,
        "reports",
        input.reports,
        &styles,
        input.lang,
        input.max_rows,
        cut,
    )?;
    frame_sheet(
        wb.add_worksheet_with_constant_memory()?,
        "units",
        input.units,
        &styles,
        input.lang,
        input.max_rows,
        cut,
    )?;
    frame_sheet(
        wb.add_worksheet_with_constant_memory()?,
        "district",
        input.district,
        &styles,
        input.lang,
        input.max_rows,
        cut,
    )?;
    let mut by_year: BTreeMap<i32, BTreeMap<(&str, &str, &str), &RollupCell>> = BTreeMap::new();
    for c in input.rollup.iter().filter(|c| c.group == "all") {
        by_year
            .entry(c.year)
            .or_default()
            .insert((c.table.as_str(), c.row.as_str(), c.col.as_str()), c);
    }
    for (year, cells) in &by_year {
        let units = year_units(input.district, *year);
        rollup_sheet(wb.add_worksheet(), *year, units, cells, &styles, input.lang)?;
    }
    if let Some(region) = input.region {
        let ws = wb.add_worksheet_with_constant_memory()?;
        frame_sheet(
            ws,
            "region",
            region,
            &styles,
            input.lang,
            input.max_rows,
            cut,
        )?;
    }
    frame_sheet(
        wb.add_worksheet_with_constant_memory()?,
        "findings",
        input.findings,
        &styles,
        input.lang,
        input.max_rows,
        cut,
    )?;
    if let Some(missing) = input.missing {
        missing_sheet(
            wb.add_worksheet(),
            missing,
            &styles,
            input.lang,
            input.max_rows,
            cut,
        )?;
    }
    if let Some(scores) = input.scores {
        let ws = wb.add_worksheet_with_constant_memory()?;
        frame_sheet(
            ws,
            "scores",
            scores,
            &styles,
            input.lang,
            input.max_rows,
            cut,
        )?;
    }
    Ok(Book {
        bytes: wb.save_to_buffer()?,
        cut: std::mem::take(cut),
    })
}

struct Styles {
    header: Format,
    title: Format,
    label: Format,
    number: Format,
    rate: Format,
    text: Format,
}

impl Styles {
    fn new() -> Self {
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        Styles {
            header: border(
                Format::new()
                    .set_bold()
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::VerticalCenter)
                    .set_text_wrap()
                    .set_background_color(0xDDEBF7),
            ),
            title: Format::new().set_bold().set_font_size(14),
            label: border(
                Format::new()
                    .set_align(FormatAlign::VerticalCenter)
                    .set_text_wrap(),
            ),
            number: border(Format::new().set_num_format("#,##0.######")),
            rate: border(Format::new().set_num_format("0.0%")),
            text: Format::new(),
        }
    }
}

/// A column's heading: the id in English, a Chinese label otherwise.
fn heading(id: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return id.to_string();
    }
    let fixed = match id {
        "path" => "文件",
        "format" => "格式",
        "encoding" => "编码",
        "status" => "状态",
        "unit_id" => "单位编号",
        "unit_name" => "单位名称",
        "level" => "层级",
        "year" => "年度",
        "template" => "模板",
        "scope" => "范围",
        "published" => "发布日期",
        "counted" => "计入汇总",
        "errors" => "错误",
        "warnings" => "警告",
        "group" => "分组",
        "units" => "单位数",
        "rule" => "规则",
        "severity" => "级别",
        "message" => "说明",
        "location" => "位置",
        "table" => "表",
        "row" => "项目",
        "col" => "栏目",
        "reported" => "汇总报告数",
        "units_sum" => "各单位之和",
        "difference" => "差额",
        "score" => "得分",
        "rank" => "排名",
        "deductions" => "扣分",
        "year_basis" => "预期年度依据",
        "candidates" => "可能属于该单位的报告",
        "unit_source" => "单位名称来源",
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.to_string();
    }
    let zh = |id: &str| {
        COUNTS
            .iter()
            .chain(RATES)
            .find(|f| f.id == id)
            .map(|f| f.zh)
    };
    if let Some(z) = zh(id) {
        return z.to_string();
    }
    for f in YOY {
        if id == format!("{}_prev", f.id) {
            return format!("上年{}", f.zh);
        }
        if id == format!("{}_yoy", f.id) {
            return format!("{}同比", f.zh);
        }
    }
    id.to_string()
}

fn is_rate(id: &str) -> bool {
    id.ends_with("_rate") || id.ends_with("_yoy")
}

/// Tracks the widest text of each column.
#[derive(Default)]
struct Widths(Vec<usize>);

impl Widths {
    fn see(&mut self, col: u16, text: &str) {
        let col = usize::from(col);
        if self.0.len() <= col {
            self.0.resize(col + 1, 0);
        }
        let w = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
        self.0[col] = self.0[col].max(w);
    }

    fn apply(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (i, w) in self.0.iter().enumerate() {
            let width = (*w + 2).clamp(6, MAX_WIDTH);
            ws.set_column_width(i as u16, width as f64)?;
        }
        Ok(())
    }
}

/// A column's values, typed once rather than looked up cell by cell.
enum Values {
    Text(StringChunked),
    Number(Float64Chunked, bool),
    Flag(BooleanChunked),
}

/// A frame as a sheet: a header line, one row per frame row, a filter and frozen header.
/// Written row by row into a constant-memory sheet, so the workbook does not hold every cell.
fn frame_sheet(
    ws: &mut Worksheet,
    name: &'static str,
    frame: &DataFrame,
    styles: &Styles,
    lang: Lang,
    max_rows: usize,
    cut: &mut Vec<&'static str>,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let limit = max_rows.min(MAX_ROWS - 1);
    let rows = frame.height().min(limit);
    let mut widths = Widths::default();
    let mut values = Vec::with_capacity(frame.width());
    for (c, column) in frame.columns().iter().enumerate() {
        let c = c as u16;
        let id = column.name().as_str();
        widths.see(c, &heading(id, lang));
        let v = match column.dtype() {
            DataType::String => Values::Text(column.str().cloned().unwrap_or_default()),
            DataType::Boolean => Values::Flag(column.bool().cloned().unwrap_or_default()),
            _ => Values::Number(
                column
                    .cast(&DataType::Float64)
                    .ok()
                    .and_then(|x| x.f64().ok().cloned())
                    .unwrap_or_default(),
                is_rate(id),
            ),
        };
        match &v {
            Values::Text(t) => t.iter().take(rows).flatten().for_each(|s| widths.see(c, s)),
            Values::Number(_, true) => widths.see(c, "100.0%"),
            Values::Number(n, false) => {
                let widest = n
                    .iter()
                    .take(rows)
                    .flatten()
                    .fold(0.0f64, |a, x| a.max(x.abs()));
                widths.see(c, &format!("{widest:.2}"));
            }
            Values::Flag(_) => widths.see(c, "FALSE"),
        }
        values.push(v);
    }
    // Widths, filter and frozen header first: rows go to disk as they are written.
    widths.apply(ws)?;
    if !values.is_empty() {
        ws.autofilter(0, 0, rows as u32, values.len() as u16 - 1)?;
        ws.set_freeze_panes(1, 0)?;
    }
    for (c, column) in frame.columns().iter().enumerate() {
        let h = heading(column.name().as_str(), lang);
        ws.write_string_with_format(0, c as u16, h, &styles.header)?;
    }
    for i in 0..rows {
        let r = i as u32 + 1;
        for (c, v) in values.iter().enumerate() {
            let c = c as u16;
            match v {
                Values::Text(t) => {
                    if let Some(s) = t.get(i) {
                        ws.write_string(r, c, s)?;
                    }
                }
                Values::Number(n, rate) => match n.get(i) {
                    Some(x) if *rate => {
                        ws.write_number_with_format(r, c, x, &styles.rate)?;
                    }
                    Some(x) => {
                        ws.write_number(r, c, x)?;
                    }
                    None => {}
                },
                Values::Flag(b) => {
                    if let Some(b) = b.get(i) {
                        ws.write_boolean(r, c, b)?;
                    }
                }
            }
        }
    }
    if frame.height() > rows {
        let text = cut_line(
            name,
            frame.height() - rows,
            limit,
            &["csv", "parquet"],
            lang,
        );
        ws.write_string_with_format(rows as u32 + 1, 0, text, &styles.text)?;
        cut.push(name);
    }
    Ok(())
}

/// The last line of a sheet cut at `limit` rows: how many more there are and the files that
/// hold them all.
fn cut_line(name: &str, more: usize, limit: usize, exts: &[&str], lang: Lang) -> String {
    let files: Vec<String> = exts.iter().map(|e| format!("{name}.{e}")).collect();
    let excel = limit == MAX_ROWS - 1;
    match lang {
        Lang::Zh => {
            let why = if excel {
                "超出 Excel 的行数上限".to_string()
            } else {
                format!("未列出（本表最多列 {limit} 行）")
            };
            format!("……另有 {more} 行{why}，全部见 {}", files.join("、"))
        }
        Lang::En => {
            let why = if excel {
                "exceed Excel's row limit".to_string()
            } else {
                format!("not listed (a sheet lists at most {limit})")
            };
            format!(
                "… {more} more rows {why}: all are in {}",
                files.join(" and ")
            )
        }
    }
}

fn missing_sheet(
    ws: &mut Worksheet,
    missing: &[Missing],
    styles: &Styles,
    lang: Lang,
    max_rows: usize,
    cut: &mut Vec<&'static str>,
) -> Result<(), XlsxError> {
    let limit = max_rows.min(MAX_ROWS - 1);
    ws.set_name("missing")?;
    let mut widths = Widths::default();
    for (c, id) in crate::render::tables::MISSING_COLUMNS.iter().enumerate() {
        let h = heading(id, lang);
        widths.see(c as u16, &h);
        ws.write_string_with_format(0, c as u16, h, &styles.header)?;
    }
    for (i, m) in missing.iter().take(limit).enumerate() {
        let r = i as u32 + 1;
        for (c, s) in [&m.unit_id, &m.unit_name, &m.level].into_iter().enumerate() {
            widths.see(c as u16, s);
            ws.write_string(r, c as u16, s)?;
        }
        ws.write_number(r, 3, m.year)?;
        let status = match lang {
            Lang::En => m.status.to_string(),
            Lang::Zh => format!("{}（{}）", status_zh(m.status), m.status),
        };
        widths.see(4, &status);
        ws.write_string(r, 4, status)?;
        let candidates = m.candidates.join("；");
        widths.see(5, &candidates);
        ws.write_string(r, 5, candidates)?;
        let basis = m.basis.text(lang);
        widths.see(6, &basis);
        ws.write_string(r, 6, basis)?;
    }
    let rows = missing.len().min(limit);
    if missing.len() > rows {
        let text = cut_line("missing", missing.len() - rows, limit, &["csv"], lang);
        ws.write_string_with_format(rows as u32 + 1, 0, text, &styles.text)?;
        cut.push("missing");
    }
    let last = crate::render::tables::MISSING_COLUMNS.len() as u16 - 1;
    ws.autofilter(0, 0, rows as u32, last)?;
    ws.set_freeze_panes(1, 0)?;
    widths.apply(ws)
}

/// missing.csv's status in Chinese.
pub fn status_zh(status: &str) -> &'static str {
    match status {
        "no_report" => "未报送",
        "unreadable" => "无法读取",
        "late" => "逾期发布",
        "copied" => "照搬",
        "empty" => "全为零或空白",
        _ => "其他",
    }
}

/// How many units the district frame counts for a year (group `all`).
fn year_units(district: &DataFrame, year: i32) -> u32 {
    let (Ok(y), Ok(g), Ok(u)) = (
        district.column("year").and_then(|c| c.i32().cloned()),
        district.column("group").and_then(|c| c.str().cloned()),
        district.column("units").and_then(|c| c.u32().cloned()),
    ) else {
        return 0;
    };
    (0..district.height())
        .find(|&i| y.get(i) == Some(year) && g.get(i) == Some("all"))
        .and_then(|i| u.get(i))
        .unwrap_or(0)
}

/// Writes a value cell of the roll-up, with a note saying how many units it covers.
fn value_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: Option<&&RollupCell>,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    match cell {
        Some(x) => {
            ws.write_number_with_format(r, c, x.value.to_f64(), &styles.number)?;
            let text = match lang {
                Lang::Zh => format!("{} 个单位填报数字，{} 个留空", x.units, x.blanks),
                Lang::En => format!(
                    "{} unit(s) gave a number, {} left it blank",
                    x.units, x.blanks
                ),
            };
            ws.insert_note(r, c, &Note::new(text).add_author_prefix(false))?;
        }
        None => {
            ws.write_blank(r, c, &styles.number)?;
        }
    }
    Ok(())
}

/// What every part of a roll-up sheet needs.
struct Ctx<'a> {
    cells: &'a BTreeMap<(&'a str, &'a str, &'a str), &'a RollupCell>,
    styles: &'a Styles,
    lang: Lang,
}

const T2_HEADING: [&str; 2] = ["二、主动公开政府信息情况", "Table 2: proactive disclosure"];
const T2V2019_HEADING: [&str; 2] = [
    "二、主动公开政府信息情况（2019 年版表格）",
    "Table 2: proactive disclosure (2019 layout)",
];
const T3_HEADING: [&str; 2] = [
    "三、收到和处理政府信息公开申请情况",
    "Table 3: applications received and handled",
];
const T4_HEADING: [&str; 2] = [
    "四、政府信息公开行政复议、行政诉讼情况",
    "Table 4: administrative reviews and suits",
];

/// The label columns of the official layout: A–C; values start at D.
const FIRST_VALUE: u16 = 3;

/// One year's roll-up in the official layout.
fn rollup_sheet(
    ws: &mut Worksheet,
    year: i32,
    units: u32,
    cells: &BTreeMap<(&str, &str, &str), &RollupCell>,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.set_name(format!("rollup-{year}"))?;
    let title = match lang {
        Lang::Zh => format!("{year}年度政府信息公开工作年度报告汇总（{units} 个单位的本机关报告）"),
        Lang::En => format!("Roll-up of the {year} annual reports ({units} own-unit reports)"),
    };
    ws.write_string_with_format(0, 0, title, &styles.title)?;
    let note = match lang {
        Lang::Zh => "每格为各单位之和；批注中为填报数字和留空的单位数。",
        Lang::En => "Each cell is the sum over units; its note says how many gave a number and how many left it blank.",
    };
    ws.write_string(1, 0, note)?;
    let has = |t: TableId| cells.keys().any(|(id, _, _)| *id == t.as_str());
    let ctx = Ctx {
        cells,
        styles,
        lang,
    };
    let mut r: u32 = 3;
    for table in [TableId::T2, TableId::T2v2019] {
        if has(table) {
            r = table_two(ws, r, table, &ctx)? + 1;
        }
    }
    if has(TableId::T3) {
        r = table_three(ws, r, &ctx)? + 1;
    }
    if has(TableId::T4) {
        table_four(ws, r, &ctx)?;
    }
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 16)?;
    ws.set_column_width(2, 44)?;
    for c in FIRST_VALUE..FIRST_VALUE + 15 {
        ws.set_column_width(c, 11)?;
    }
    Ok(())
}

/// A table's heading line, in the report's words or in English; returns the next row.
fn section(
    ws: &mut Worksheet,
    r: u32,
    [zh, en]: [&str; 2],
    styles: &Styles,
    lang: Lang,
) -> Result<u32, XlsxError> {
    let text = if lang == Lang::En { en } else { zh };
    ws.write_string_with_format(r, 0, text, &styles.title)?;
    Ok(r + 1)
}

/// Table 二: each run of rows with the same columns gets its own header line
/// (信息内容 | 本年制发件数 | …), as on paper. Returns the next free row.
fn table_two(
    ws: &mut Worksheet,
    mut r: u32,
    table: TableId,
    ctx: &Ctx<'_>,
) -> Result<u32, XlsxError> {
    let (cells, styles, lang) = (ctx.cells, ctx.styles, ctx.lang);
    let heading = match table {
        TableId::T2v2019 => T2V2019_HEADING,
        _ => T2_HEADING,
    };
    r = section(ws, r, heading, styles, lang)?;
    let mut prev_cols: Option<&[&str]> = None;
    for spec in rows_of(table) {
        if prev_cols != Some(spec.cols) {
            ws.merge_range(r, 0, r, 2, "信息内容", &styles.header)?;
            for (k, c) in spec.cols.iter().enumerate() {
                ws.write_string_with_format(
                    r,
                    FIRST_VALUE + k as u16,
                    col_zh(table, c),
                    &styles.header,
                )?;
            }
            prev_cols = Some(spec.cols);
            r += 1;
        }
        ws.merge_range(r, 0, r, 2, spec.zh, &styles.label)?;
        for (k, c) in spec.cols.iter().enumerate() {
            let cell = cells.get(&(table.as_str(), spec.id, *c));
            value_cell(ws, r, FIRST_VALUE + k as u16, cell, styles, lang)?;
        }
        r += 1;
    }
    Ok(r)
}

/// Table 三 with its three header lines (申请人情况 › 自然人 / 法人或其他组织 › … / 总计) and
/// its merged row labels (三、本年度办理结果 › （三）不予公开 › 1.…). Returns the next free row.
fn table_three(ws: &mut Worksheet, mut r: u32, ctx: &Ctx<'_>) -> Result<u32, XlsxError> {
    let (cells, styles, lang) = (ctx.cells, ctx.styles, ctx.lang);
    r = section(ws, r, T3_HEADING, styles, lang)?;
    let v = FIRST_VALUE;
    ws.merge_range(
        r,
        0,
        r + 2,
        2,
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        &styles.header,
    )?;
    ws.merge_range(r, v, r, v + 6, "申请人情况", &styles.header)?;
    ws.merge_range(r + 1, v, r + 2, v, "自然人", &styles.header)?;
    ws.merge_range(r + 1, v + 1, r + 1, v + 5, "法人或其他组织", &styles.header)?;
    ws.merge_range(r + 1, v + 6, r + 2, v + 6, "总计", &styles.header)?;
    for (k, label) in [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(r + 2, v + 1 + k as u16, *label, &styles.header)?;
    }
    r += 3;
    // The 2021 rows, with the 2019 single 其他处理 row in its place when a report gave it.
    let other_2019 = cells
        .keys()
        .any(|(t, row, _)| *t == "t3" && *row == "other");
    let mut specs: Vec<&RowSpec> = Vec::new();
    for spec in rows_of(TableId::T3) {
        if spec.id == "other.no_correction" && other_2019 {
            specs.push(&T3_ROW_OTHER_2019);
        }
        specs.push(spec);
    }
    let outcome = |id: &str| !matches!(id, "new_received" | "carried_over" | "carried_forward");
    let first_outcome = r + specs.iter().position(|s| outcome(s.id)).unwrap_or(0) as u32;
    let last_outcome = r + specs.iter().rposition(|s| outcome(s.id)).unwrap_or(0) as u32;
    let mut k = 0;
    while k < specs.len() {
        let spec = specs[k];
        let row = r + k as u32;
        if !outcome(spec.id) {
            ws.merge_range(row, 0, row, 2, spec.zh, &styles.label)?;
            k += 1;
            continue;
        }
        match spec.zh.split_once(' ') {
            Some((group, _)) => {
                // A group (（三）不予公开 …): its label merged down its items.
                let n = specs[k..]
                    .iter()
                    .take_while(|s| s.zh.split_once(' ').map(|(g, _)| g) == Some(group))
                    .count();
                let last = row + n as u32 - 1;
                if n > 1 {
                    ws.merge_range(row, 1, last, 1, group, &styles.label)?;
                } else {
                    ws.write_string_with_format(row, 1, group, &styles.label)?;
                }
                for (j, s) in specs[k..k + n].iter().enumerate() {
                    let item = s.zh.split_once(' ').map_or(s.zh, |(_, i)| i);
                    ws.write_string_with_format(row + j as u32, 2, item, &styles.label)?;
                }
                k += n;
            }
            None => {
                ws.merge_range(row, 1, row, 2, spec.zh, &styles.label)?;
                k += 1;
            }
        }
    }
    ws.merge_range(
        first_outcome,
        0,
        last_outcome,
        0,
        "三、本年度办理结果",
        &styles.label,
    )?;
    for (k, spec) in specs.iter().enumerate() {
        for (j, c) in spec.cols.iter().enumerate() {
            let cell = cells.get(&("t3", spec.id, *c));
            value_cell(ws, r + k as u32, v + j as u16, cell, styles, lang)?;
        }
    }
    Ok(r + specs.len() as u32)
}

/// Table 四: 行政复议 (5 cells) and 行政诉讼 in two blocks of 5, on one line as on paper.
fn table_four(ws: &mut Worksheet, mut r: u32, ctx: &Ctx<'_>) -> Result<u32, XlsxError> {
    let (cells, styles, lang) = (ctx.cells, ctx.styles, ctx.lang);
    r = section(ws, r, T4_HEADING, styles, lang)?;
    let v = FIRST_VALUE;
    ws.merge_range(r, v, r, v + 4, "行政复议", &styles.header)?;
    ws.merge_range(r, v + 5, r, v + 14, "行政诉讼", &styles.header)?;
    for (k, label) in T4_COLS_ZH.iter().enumerate() {
        let c = v + k as u16;
        ws.merge_range(r + 1, c, r + 2, c, label, &styles.header)?;
    }
    ws.merge_range(
        r + 1,
        v + 5,
        r + 1,
        v + 9,
        "未经复议直接起诉",
        &styles.header,
    )?;
    ws.merge_range(r + 1, v + 10, r + 1, v + 14, "复议后起诉", &styles.header)?;
    for block in 0..2u16 {
        for (k, label) in T4_COLS_ZH.iter().enumerate() {
            let c = v + 5 + block * 5 + k as u16;
            ws.write_string_with_format(r + 2, c, *label, &styles.header)?;
        }
    }
    r += 3;
    for (b, spec) in rows_of(TableId::T4).iter().enumerate() {
        for (k, c) in spec.cols.iter().enumerate() {
            let cell = cells.get(&("t4", spec.id, *c));
            value_cell(ws, r, v + (b * 5 + k) as u16, cell, styles, lang)?;
        }
    }
    Ok(r + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_chinese_by_default_and_ids_in_english() {
        assert_eq!(heading("unit_name", Lang::Zh), "单位名称");
        assert_eq!(heading("disclosure_rate", Lang::Zh), "公开率");
        assert_eq!(heading("applications_yoy", Lang::Zh), "新收申请同比");
        assert_eq!(heading("applications_prev", Lang::Zh), "上年新收申请");
        assert_eq!(heading("unit_name", Lang::En), "unit_name");
    }

    /// The rows of sheet `name` of `bytes`, each cell as text.
    fn sheet_rows(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
        use calamine::Reader;
        let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("opens");
        let range = wb.worksheet_range(name).expect("sheet");
        range
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn a_sheet_past_its_row_cap_lists_the_first_rows_and_names_the_files_with_all() {
        let frame = |n: usize| {
            polars::df!(
                "unit_id" => (0..n).map(|i| format!("U{i}")).collect::<Vec<_>>(),
                "errors" => (0..n).map(|i| i as u32).collect::<Vec<_>>()
            )
            .expect("frame")
        };
        let (reports, small) = (frame(5), frame(3));
        for (lang, said) in [(Lang::Zh, "另有 2 行未列出"), (Lang::En, "2 more rows")] {
            let sheets = Sheets {
                reports: &reports,
                units: &small,
                district: &small,
                findings: &reports,
                missing: None,
                scores: None,
                region: None,
                rollup: &[],
                lang,
                max_rows: 3,
            };
            let book = workbook(&sheets).expect("workbook");
            assert_eq!(book.cut, ["reports", "findings"]);
            let bytes = book.bytes;
            for name in ["reports", "findings"] {
                let rows = sheet_rows(&bytes, name);
                // The header, three rows, the line that says where the rest are.
                assert_eq!(rows.len(), 5, "{name}: {rows:?}");
                assert_eq!(rows[3][0], "U2");
                assert!(rows[4][0].contains(said), "{}", rows[4][0]);
                assert!(
                    rows[4][0].contains(&format!("{name}.csv")),
                    "{}",
                    rows[4][0]
                );
                assert!(
                    rows[4][0].contains(&format!("{name}.parquet")),
                    "{}",
                    rows[4][0]
                );
            }
            // A frame within the cap is listed whole, with no such line.
            let units = sheet_rows(&bytes, "units");
            assert_eq!(units.len(), 4, "{units:?}");
            assert_eq!(units[3][0], "U2");
        }
    }

    #[test]
    fn a_chinese_character_counts_two_in_a_column_width() {
        let mut w = Widths::default();
        w.see(2, "环翠区商务局");
        w.see(2, "abc");
        assert_eq!(w.0, vec![0, 0, 12]);
    }
}
