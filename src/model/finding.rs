//! Findings: what is wrong with a document, as typed data; text is made only when rendering.

use super::ids::{col_zh, row_spec, SectionId, TableId};
use super::num::Num;
use super::report::{Date, Span, YearSource};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// Stable rule identifier, e.g. `T301`. Never reused, even after removal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RuleId(#[serde(deserialize_with = "crate::model::ids::de::id")] pub super::ids::Id);

/// Every rule id the project knows, sorted (DESIGN.md "Rule IDs"; `check::RULE_INFO`
/// documents each). Stages below `check` (the scoring rubric) validate ids against it.
pub const RULE_IDS: &[&str] = &[
    "N001", "P001", "P002", "P003", "P004", "P005", "P006", "P007", "P008", "R001", "R002", "R003",
    "T201", "T301", "T302", "T303", "T304", "T305", "T401", "T402", "X001", "X002", "X003", "X004",
    "Y001", "Y002", "Z001",
];

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Should be fixed.
    Warning,
    /// The report is wrong.
    Error,
}

impl Severity {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The language of messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// 中文 (default).
    #[default]
    Zh,
    /// English.
    En,
}

/// A table cell named in a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CellRef {
    /// Table.
    pub table: TableId,
    /// Row id.
    #[serde(deserialize_with = "crate::model::ids::de::id")]
    pub row: super::ids::Id,
    /// Column id.
    #[serde(deserialize_with = "crate::model::ids::de::id")]
    pub col: super::ids::Id,
}

impl CellRef {
    /// Names the cell for a message.
    pub fn name(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => {
                let row = row_spec(self.table, self.row).map_or(self.row, |r| r.zh);
                format!(
                    "{}「{}」×「{}」",
                    self.table.zh(),
                    row,
                    col_zh(self.table, self.col)
                )
            }
            Lang::En => format!("{} {} × {}", self.table.as_str(), self.row, self.col),
        }
    }
}

/// Why a file could not be read (P001).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum ReadProblem {
    /// The file has no bytes, or only white space.
    Empty,
    /// The bytes are not text (NUL bytes, control characters).
    Binary,
    /// The bytes are not valid in any encoding tried.
    Undecodable {
        /// The encoding that came closest.
        encoding: String,
    },
    /// UTF-8 text with stray invalid bytes.
    BadUtf8 {
        /// Byte offset of the first invalid byte.
        offset: u64,
    },
    /// The file is larger than the cap.
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
        /// The cap.
        cap: u64,
    },
    /// The operating system refused.
    Io {
        /// Its message.
        message: String,
    },
    /// The format is known but not read yet.
    Unsupported {
        /// The format.
        format: String,
    },
    /// The file is damaged or not what its format says (truncated, malformed).
    Corrupt {
        /// The format it was read as.
        format: String,
        /// What the decoder found wrong (its own words).
        detail: String,
    },
    /// The file is password-protected or encrypted.
    Encrypted {
        /// The format.
        format: String,
    },
    /// A PDF without a text layer: a scan (OCR is not done).
    NoTextLayer,
    /// Decoding the file would take more than a limit (a zip bomb, a lying header, too many
    /// parts): what was over, and the limit.
    OverLimit {
        /// What was counted: `entry bytes`, `entries`, `ratio`, `cells`…
        what: String,
        /// The limit.
        cap: u64,
    },
    /// Decoding took longer than the per-file time budget (`--file-timeout`).
    TimedOut {
        /// The budget in milliseconds.
        millis: u64,
    },
    /// An old binary format that only an office suite converts (.doc, .wps): LibreOffice
    /// (`soffice`) was not found, or its conversion failed.
    NeedsConverter {
        /// The format.
        format: String,
        /// Why the conversion did not happen.
        detail: String,
    },
}

/// What an incomplete table lacks (P007).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Incomplete {
    /// The whole table is missing.
    Table,
    /// A row is missing.
    Row,
    /// A row has too few or too many cells.
    Cells {
        /// Cells the layout has.
        expected: usize,
        /// Cells found.
        found: usize,
    },
    /// A row has fewer values than columns and the form does not show which are blank.
    Ambiguous {
        /// Cells the layout has.
        expected: usize,
        /// Values found.
        found: usize,
    },
    /// The values are there, but the text does not show their order for certain (PDF text
    /// in reading order: spread over lines, or among header labels).
    Order {
        /// Cells the layout has.
        expected: usize,
        /// Values found.
        found: usize,
    },
    /// Several rows name the same row with different values.
    Repeated {
        /// How many rows with values name it.
        times: usize,
    },
}

/// What a finding says, with the data to say it in any language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FindingKind {
    /// P001.
    Unreadable(ReadProblem),
    /// P002.
    NotAReport,
    /// P003.
    Legacy {
        /// The report year, when known.
        year: Option<i32>,
    },
    /// P004.
    SectionMissing {
        /// The section.
        section: SectionId,
    },
    /// P005: wrong numbering.
    SectionMisnumbered {
        /// The section.
        section: SectionId,
        /// The numbering found.
        found: String,
    },
    /// P005: out of order.
    SectionOutOfOrder {
        /// The section.
        section: SectionId,
        /// The section it follows.
        after: SectionId,
    },
    /// P006.
    OldTemplate {
        /// The report year.
        year: i32,
        /// What gave the 2019 layout away.
        evidence: String,
    },
    /// P007.
    TableIncomplete {
        /// The table.
        table: TableId,
        /// The row, when one row is concerned.
        #[serde(deserialize_with = "crate::model::ids::de::opt_id")]
        row: Option<super::ids::Id>,
        /// What is missing.
        detail: Incomplete,
    },
    /// P008: a cell holds text.
    CellText {
        /// The cell.
        cell: CellRef,
        /// Its text.
        raw: String,
    },
    /// P008: rows whose cells are glued into digit runs.
    GluedDigits {
        /// The table.
        table: TableId,
        /// The rows, in table order.
        #[serde(deserialize_with = "crate::model::ids::de::ids")]
        rows: Vec<super::ids::Id>,
        /// The runs as written, one per row.
        raw: Vec<String>,
        /// True when exactly one split satisfied the totals and identities and was used.
        reconstructed: bool,
    },
    /// T201.
    T2Invalid {
        /// The cell.
        cell: CellRef,
        /// The value.
        value: Num,
    },
    /// T301.
    Balance {
        /// The column.
        #[serde(deserialize_with = "crate::model::ids::de::id")]
        col: super::ids::Id,
        /// new_received + carried_over.
        expected: Num,
        /// total_processed + carried_forward.
        found: Num,
    },
    /// T302, T303, T401: a total cell disagrees with the sum of its parts.
    TotalMismatch {
        /// The total cell.
        cell: CellRef,
        /// The sum of the parts.
        expected: Num,
        /// The total as written.
        found: Num,
    },
    /// T304, T402.
    BadCount {
        /// The cell.
        cell: CellRef,
        /// The value.
        value: Num,
    },
    /// T305: blank cells in a table.
    BlankCells {
        /// The table.
        table: TableId,
        /// The blank cells.
        cells: Vec<CellRef>,
    },
    /// T305: an identity fails with blank cells in it.
    BlankInIdentity {
        /// The cell the identity determines.
        cell: CellRef,
        /// What the identity would need there.
        expected: Num,
        /// What the identity gives with blanks as 0.
        found: Num,
        /// The blank cells involved.
        blanks: Vec<CellRef>,
    },
    /// Y001.
    YearMismatch {
        /// Where the other year was read.
        source: YearSource,
        /// The year found there.
        found: i32,
        /// The report year.
        expected: i32,
    },
    /// Y001: the report's year is not one of the years the batch expects (a stray year is
    /// a finding on the report, never a year in which every unit is missing).
    YearNotExpected {
        /// The report year.
        year: i32,
        /// The years expected.
        expected: Vec<i32>,
    },
    /// Y001: publication date not in the following year.
    PublishedOutsideYear {
        /// Publication date.
        published: Date,
        /// The report year.
        year: i32,
    },
    /// Y002.
    Late {
        /// Publication date.
        published: Date,
        /// The deadline.
        deadline: Date,
    },
    /// N001.
    TextVsTable {
        /// The cell.
        cell: CellRef,
        /// The quoted words.
        quote: String,
        /// The number in the text.
        text_value: Num,
        /// The number in the table.
        table_value: Num,
    },
    /// Z001.
    AllZero,
    /// X001.
    CarryOverBreak {
        /// The carried_over cell of this report.
        cell: CellRef,
        /// Its value.
        found: Num,
        /// carried_forward of the previous year's report.
        previous: Num,
        /// The previous year.
        previous_year: i32,
    },
    /// X002.
    StockBreak {
        /// The in_force cell of this report.
        cell: CellRef,
        /// in_force(N−1) + issued(N) − repealed(N).
        expected: Num,
        /// in_force(N) as written.
        found: Num,
        /// The previous year.
        previous_year: i32,
    },
    /// X003.
    CopiesPrevious {
        /// The previous year.
        previous_year: i32,
        /// True when every table cell is the same.
        same_tables: bool,
        /// With the same tables, how many of their cells hold a number other than 0.
        nonzero_cells: u32,
        /// Share of the unit's own sentences (beyond the template's boilerplate) in common,
        /// in percent.
        text_overlap: u32,
    },
    /// X004.
    SameAsOther {
        /// The other report's unit.
        other: String,
        /// Its file.
        other_path: String,
        /// True when every table cell is the same.
        same_tables: bool,
        /// With the same tables, how many of their cells hold a number other than 0.
        nonzero_cells: u32,
        /// Share of the report's distinctive sentences (found in few reports of the year)
        /// also in the other's, in percent.
        text_overlap: u32,
    },
    /// R001.
    NotInRoster {
        /// The name the report gives (or its file name).
        name: String,
        /// Roster units it could be, when several fit.
        candidates: Vec<String>,
        /// When none fits: the roster units whose names come closest (never matched).
        closest: Vec<String>,
    },
    /// R002.
    SeveralReports {
        /// The unit.
        unit: String,
        /// The year.
        year: i32,
        /// The other files for the same unit and year.
        others: Vec<String>,
        /// True when this report is the one the roll-up counts.
        counted: bool,
    },
    /// R003.
    NoReport {
        /// The unit.
        unit: String,
        /// The year.
        year: i32,
    },
}

impl FindingKind {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.message_zh(),
            Lang::En => self.message_en(),
        }
    }

    fn message_zh(&self) -> String {
        use FindingKind::*;
        match self {
            Unreadable(p) => format!("无法读取文件：{}", read_problem_zh(p)),
            NotAReport => "未找到年度报告的结构：没有表三“收到和处理政府信息公开申请情况”".into(),
            Legacy { year } => format!(
                "{}为2019年以前的自由格式报告，没有统一表格，未按表格核对",
                year.map_or("本报告".to_string(), |y| format!("{y}年度报告"))
            ),
            SectionMissing { section } => {
                format!("缺少第{}部分“{}”", section.number(), section.heading_zh())
            }
            SectionMisnumbered { section, found } => format!(
                "第{}部分标题编号为“{}”，应为“{}”",
                section.number(),
                found,
                section.numeral()
            ),
            SectionOutOfOrder { section, after } => format!(
                "第{}部分“{}”排在第{}部分之后，顺序应为一至六",
                section.number(),
                section.heading_zh(),
                after.number()
            ),
            OldTemplate { year, evidence } => {
                format!("{year}年度报告应使用2021年版表格，却使用了2019年版格式：「{evidence}」")
            }
            TableIncomplete { table, row, detail } => incomplete_zh(*table, *row, detail),
            CellText { cell, raw } => {
                format!("{}应为数字，实为文字“{}”", cell.name(Lang::Zh), raw)
            }
            GluedDigits {
                table,
                rows,
                raw,
                reconstructed,
            } => {
                let names = list_rows(*table, rows, Lang::Zh);
                let first = raw.first().map_or("", String::as_str);
                let n = rows.len();
                if *reconstructed {
                    format!("{}有{n}行的单元格数字粘连（{names}，如“{first}”），已按合计与勾稽关系唯一还原各列数值", table.zh())
                } else {
                    format!("{}有{n}行的单元格数字粘连（{names}，如“{first}”），无法唯一确定各列数值，未取值", table.zh())
                }
            }
            T2Invalid { cell, value } => {
                format!(
                    "{}应为非负数（件数应为整数），实为 {}",
                    cell.name(Lang::Zh),
                    value
                )
            }
            Balance {
                col,
                expected,
                found,
            } => format!(
                "勾稽关系不成立（{}列）：第一项加第二项之和为 {}，第三项加第四项之和为 {}",
                col_zh(TableId::T3, col),
                expected,
                found
            ),
            TotalMismatch {
                cell,
                expected,
                found,
            } => {
                format!(
                    "{}应为 {}（各项之和），实为 {}",
                    cell.name(Lang::Zh),
                    expected,
                    found
                )
            }
            BadCount { cell, value } => {
                format!("{}应为非负整数，实为 {}", cell.name(Lang::Zh), value)
            }
            BlankCells { table, cells } => format!(
                "{}有{}个空白单元格（填报不完整）：{}",
                table.zh(),
                cells.len(),
                list_cells(cells, Lang::Zh)
            ),
            BlankInIdentity {
                cell,
                expected,
                found,
                blanks,
            } => format!(
                "{}按各项计算应为 {}，实为 {}；涉及空白单元格：{}（填报不完整，不按计算错误处理）",
                cell.name(Lang::Zh),
                expected,
                found,
                list_cells(blanks, Lang::Zh)
            ),
            YearMismatch {
                source,
                found,
                expected,
            } => format!(
                "{}写的是{}年，报告年度为{}年",
                source_zh(*source),
                found,
                expected
            ),
            YearNotExpected { year, expected } => format!(
                "报告年度为{}年，不在本批预期的年度（{}）之内：请核对报告年度；本报告未计入汇总",
                year,
                year_list(expected)
            ),
            PublishedOutsideYear { published, year } => format!(
                "发布日期 {} 不在报告年度的次年（应为{}年）",
                published,
                year + 1
            ),
            Late {
                published,
                deadline,
            } => {
                let why = if deadline.month == 3 {
                    "（人民政府本级报告的期限为次年3月31日）"
                } else {
                    "（部门等单位的期限为次年1月31日）"
                };
                format!("发布日期 {published} 晚于公布期限 {deadline}{why}")
            }
            TextVsTable {
                cell,
                quote,
                text_value,
                table_value,
            } => format!(
                "正文“{}”为 {}，{}为 {}",
                quote,
                text_value,
                cell.name(Lang::Zh),
                table_value
            ),
            AllZero => "各表所有单元格均为0或空白".into(),
            CarryOverBreak { cell, found, previous, previous_year } => format!(
                "{}为 {found}，应等于{previous_year}年报告「四、结转下年度继续办理」同列的 {previous}",
                cell.name(Lang::Zh)
            ),
            StockBreak { cell, expected, found, previous_year } => format!(
                "{}应为 {expected}（{previous_year}年现行有效件数加本年制发、减本年废止），实为 {found}",
                cell.name(Lang::Zh)
            ),
            CopiesPrevious { previous_year, same_tables, nonzero_cells, text_overlap } => format!(
                "本报告与本单位{previous_year}年的报告雷同：{}",
                copy_evidence(*same_tables, *nonzero_cells, *text_overlap, Lang::Zh)
            ),
            SameAsOther { other, other_path, same_tables, nonzero_cells, text_overlap } => format!(
                "本报告与同年度“{other}”的报告（{other_path}）雷同：{}",
                copy_evidence(*same_tables, *nonzero_cells, *text_overlap, Lang::Zh)
            ),
            NotInRoster { name, candidates, closest } => {
                if candidates.is_empty() && closest.is_empty() {
                    format!("报告单位“{name}”不在名单（roster）中")
                } else if candidates.is_empty() {
                    format!("报告单位“{name}”不在名单（roster）中；名称最接近的名单单位：{}（请核对后在名单中补充别名）", closest.join("、"))
                } else {
                    format!("报告单位“{name}”与名单中多个单位相符：{}，无法确定", candidates.join("、"))
                }
            }
            SeveralReports { unit, year, others, counted } => format!(
                "“{unit}”{year}年度有多份报告（另见 {}）；{}",
                others.join("、"),
                if *counted { "汇总采用本份（发布日期最晚者，同日取文件名最后者）" } else { "汇总未采用本份" }
            ),
            NoReport { unit, year } => format!("名单中的“{unit}”没有{year}年度的报告"),
        }
    }

    fn message_en(&self) -> String {
        use FindingKind::*;
        match self {
            Unreadable(p) => format!("cannot read the file: {}", read_problem_en(p)),
            NotAReport => "no annual-report structure found: there is no table 三 (requests received and handled)".into(),
            Legacy { year } => format!(
                "{} is a free-form report from before 2019 with no national tables; tables not checked",
                year.map_or("this report".to_string(), |y| format!("the {y} report"))
            ),
            SectionMissing { section } => format!("section \"{}\" is missing", section.heading_en()),
            SectionMisnumbered { section, found } => format!(
                "section \"{}\" is numbered \"{}\", expected \"{}\"",
                section.heading_en(),
                found,
                section.numeral()
            ),
            SectionOutOfOrder { section, after } => format!(
                "section \"{}\" comes after section {}; expected order 1 to 6",
                section.heading_en(),
                after.number()
            ),
            OldTemplate { year, evidence } => format!("a report for {year} must use the 2021 tables but uses the 2019 layout: \"{evidence}\""),
            TableIncomplete { table, row, detail } => incomplete_en(*table, *row, detail),
            CellText { cell, raw } => {
                format!("{} should be a number, found text \"{}\"", cell.name(Lang::En), raw)
            }
            GluedDigits { table, rows, raw, reconstructed } => {
                let names = list_rows(*table, rows, Lang::En);
                let first = raw.first().map_or("", String::as_str);
                let n = rows.len();
                if *reconstructed {
                    format!("{}: the cells of {n} row(s) are glued into digit runs ({names}; e.g. \"{first}\"); values reconstructed from the only split that satisfies the totals and the identities", table.as_str())
                } else {
                    format!("{}: the cells of {n} row(s) are glued into digit runs ({names}; e.g. \"{first}\"); no unique split, values not taken", table.as_str())
                }
            }
            T2Invalid { cell, value } => format!(
                "{} should be non-negative (a whole number for counts), found {}",
                cell.name(Lang::En),
                value
            ),
            Balance { col, expected, found } => format!(
                "balance broken in column {col}: new_received + carried_over = {expected}, total_processed + carried_forward = {found}"
            ),
            TotalMismatch { cell, expected, found } => format!(
                "{} should be {} (the sum of its parts), found {}",
                cell.name(Lang::En),
                expected,
                found
            ),
            BadCount { cell, value } => format!(
                "{} should be a whole number ≥ 0, found {}",
                cell.name(Lang::En),
                value
            ),
            BlankCells { table, cells } => format!(
                "{} has {} blank cell(s) (incomplete filling): {}",
                table.as_str(),
                cells.len(),
                list_cells(cells, Lang::En)
            ),
            BlankInIdentity { cell, expected, found, blanks } => format!(
                "{} would need {} by its parts, found {}; blank cells involved: {} (incomplete filling, not an arithmetic error)",
                cell.name(Lang::En),
                expected,
                found,
                list_cells(blanks, Lang::En)
            ),
            YearMismatch { source, found, expected } => format!(
                "the {} names {}, the report year is {}",
                source_en(*source),
                found,
                expected
            ),
            YearNotExpected { year, expected } => format!(
                "the report year {} is not one of the years this batch expects ({}): check the report's year; the report is not counted in the roll-up",
                year,
                year_list(expected)
            ),
            PublishedOutsideYear { published, year } => format!(
                "publication date {} is not in the year after the report year (expected {})",
                published,
                year + 1
            ),
            Late { published, deadline } => {
                let why = if deadline.month == 3 { " (31 March for a government's own report)" } else { " (31 January for departments and other units)" };
                format!("published {published}, after the deadline {deadline}{why}")
            }
            TextVsTable { cell, quote, text_value, table_value } => format!(
                "the text \"{}\" says {}, {} says {}",
                quote,
                text_value,
                cell.name(Lang::En),
                table_value
            ),
            AllZero => "every table cell is zero or blank".into(),
            CarryOverBreak { cell, found, previous, previous_year } => format!(
                "{} is {found}; it should equal carried_forward of the {previous_year} report in the same column, {previous}",
                cell.name(Lang::En)
            ),
            StockBreak { cell, expected, found, previous_year } => format!(
                "{} should be {expected} (in force in {previous_year} plus issued, minus repealed this year), found {found}",
                cell.name(Lang::En)
            ),
            CopiesPrevious { previous_year, same_tables, nonzero_cells, text_overlap } => format!(
                "this report repeats the unit's {previous_year} report: {}",
                copy_evidence(*same_tables, *nonzero_cells, *text_overlap, Lang::En)
            ),
            SameAsOther { other, other_path, same_tables, nonzero_cells, text_overlap } => format!(
                "this report is the same as {other}'s report of the same year ({other_path}): {}",
                copy_evidence(*same_tables, *nonzero_cells, *text_overlap, Lang::En)
            ),
            NotInRoster { name, candidates, closest } => {
                if candidates.is_empty() && closest.is_empty() {
                    format!("the reporting unit \"{name}\" is not in the roster")
                } else if candidates.is_empty() {
                    format!("the reporting unit \"{name}\" is not in the roster; the closest roster units: {} (check, then add the name as an alias)", closest.join(", "))
                } else {
                    format!("the reporting unit \"{name}\" fits several roster units: {}", candidates.join(", "))
                }
            }
            SeveralReports { unit, year, others, counted } => format!(
                "{unit} has several reports for {year} (also {}); {}",
                others.join(", "),
                if *counted { "this one (latest published, else last by path) is counted in the roll-up" } else { "this one is not counted in the roll-up" }
            ),
            NoReport { unit, year } => format!("roster unit {unit} has no report for {year}"),
        }
    }
}

/// What makes a report a copy (X003, X004): identical tables, with how much is in them, and
/// the share of sentences in common (shown when it is evidence: half or more, or without
/// identical tables).
fn copy_evidence(same_tables: bool, nonzero_cells: u32, text_overlap: u32, lang: Lang) -> String {
    let mut how = Vec::new();
    if same_tables {
        how.push(match (lang, nonzero_cells) {
            (Lang::Zh, 0) => "各表数据完全相同（全为0或空白）".to_string(),
            (Lang::Zh, n) => format!("各表数据完全相同（{n}项非零数据）"),
            (Lang::En, 0) => "identical tables (all 0 or blank)".to_string(),
            (Lang::En, n) => format!("identical tables ({n} cells other than 0)"),
        });
    }
    if text_overlap >= 50 || !same_tables {
        how.push(match lang {
            Lang::Zh => format!("正文{text_overlap}%的句子相同（不计模板通用语句）"),
            Lang::En => {
                format!("{text_overlap}% of the sentences the same (boilerplate not counted)")
            }
        });
    }
    how.join(match lang {
        Lang::Zh => "，",
        Lang::En => ", ",
    })
}

/// "2021–2023" for a run of years, else "2021, 2023".
pub fn year_list(years: &[i32]) -> String {
    let run = years.windows(2).all(|w| w[1] == w[0] + 1);
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if run && a != b => format!("{a}–{b}"),
        _ => years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn read_problem_zh(p: &ReadProblem) -> String {
    match p {
        ReadProblem::Empty => "文件为空".into(),
        ReadProblem::Binary => "不是文本文件（含二进制内容）".into(),
        ReadProblem::Undecodable { encoding } => {
            format!("无法按 UTF-8、GBK/GB18030 或 UTF-16 解码（最接近 {encoding}）")
        }
        ReadProblem::BadUtf8 { offset } => {
            format!("不是有效的 UTF-8 文本：第 {offset} 字节处有无效字节")
        }
        ReadProblem::TooLarge { bytes, cap } => {
            format!("文件过大（{bytes} 字节，上限 {cap} 字节）")
        }
        ReadProblem::Io { message } => format!("读取失败：{message}"),
        ReadProblem::Unsupported { format } => format!("暂不支持 {format} 格式"),
        ReadProblem::Corrupt { format, detail } => {
            format!("文件已损坏或不是有效的 {format} 文件（{detail}）")
        }
        ReadProblem::Encrypted { format } => {
            format!("{format} 文件已加密或设有密码，请解除保护后再读取")
        }
        ReadProblem::NoTextLayer => {
            "PDF 没有文字层（扫描件），无法读取；请提供可复制文字的 PDF 或 Word 文件（本工具不做 OCR）".into()
        }
        ReadProblem::OverLimit { what, cap } => {
            format!("文件内容超出安全上限（{what} 上限 {cap}），可能是压缩炸弹或文件头有误，未读取")
        }
        ReadProblem::TimedOut { millis } => format!(
            "解码超过每个文件的时间上限 {} 秒，已放弃（可用 --file-timeout 调整）",
            *millis as f64 / 1000.0
        ),
        ReadProblem::NeedsConverter { format, detail } => format!(
            "{format} 文件需要 LibreOffice 转换（{detail}）：请安装 LibreOffice（soffice），或将文件另存为 .docx"
        ),
    }
}

fn read_problem_en(p: &ReadProblem) -> String {
    match p {
        ReadProblem::Empty => "the file is empty".into(),
        ReadProblem::Binary => "not a text file (binary content)".into(),
        ReadProblem::Undecodable { encoding } => {
            format!("not valid UTF-8, GBK/GB18030 or UTF-16 (closest: {encoding})")
        }
        ReadProblem::BadUtf8 { offset } => {
            format!("not valid UTF-8: invalid byte at offset {offset}")
        }
        ReadProblem::TooLarge { bytes, cap } => {
            format!("the file is too large ({bytes} bytes, cap {cap})")
        }
        ReadProblem::Io { message } => format!("read failed: {message}"),
        ReadProblem::Unsupported { format } => format!("the {format} format is not supported yet"),
        ReadProblem::Corrupt { format, detail } => {
            format!("the file is damaged or not a valid {format} file ({detail})")
        }
        ReadProblem::Encrypted { format } => {
            format!("the {format} file is encrypted or password-protected; remove the protection first")
        }
        ReadProblem::NoTextLayer => {
            "the PDF has no text layer (a scan) and cannot be read; supply a PDF with selectable text or the Word file (no OCR is done)".into()
        }
        ReadProblem::OverLimit { what, cap } => format!(
            "the file's contents exceed a safety limit ({what}, cap {cap}): a zip bomb or a lying header; not read"
        ),
        ReadProblem::TimedOut { millis } => format!(
            "decoding took longer than the per-file budget of {} s and was abandoned (see --file-timeout)",
            *millis as f64 / 1000.0
        ),
        ReadProblem::NeedsConverter { format, detail } => format!(
            "a {format} file needs LibreOffice to convert it ({detail}): install LibreOffice (soffice) or save the file as .docx"
        ),
    }
}

fn incomplete_zh(table: TableId, row: Option<&str>, d: &Incomplete) -> String {
    let row = row.map(|r| row_spec(table, r).map_or(r, |s| s.zh));
    let at = row.map_or(table.zh().to_string(), |r| {
        format!("{}「{}」", table.zh(), r)
    });
    match d {
        Incomplete::Table => format!("未找到{}", table.zh()),
        Incomplete::Row => format!("缺少{at}这一行"),
        Incomplete::Cells { expected, found } => {
            format!("{at}应有{expected}个单元格，实有{found}个")
        }
        Incomplete::Ambiguous { expected, found } => {
            format!("{at}应有{expected}列，只读到{found}个数值，无法判断哪些列为空，未取值")
        }
        Incomplete::Order { expected, found } => format!(
            "{at}应有{expected}列，读到{found}个数值，但文本（如按阅读顺序提取的PDF）不能确定其先后顺序，未取值"
        ),
        Incomplete::Repeated { times } => {
            format!("{at}在表中出现{times}次且数值不同，无法确定哪一行是表格本身，未取值")
        }
    }
}

fn incomplete_en(table: TableId, row: Option<&str>, d: &Incomplete) -> String {
    let at = row.map_or(table.as_str().to_string(), |r| {
        format!("{} row {r}", table.as_str())
    });
    match d {
        Incomplete::Table => format!("table {} not found", table.as_str()),
        Incomplete::Row => format!("{at} is missing"),
        Incomplete::Cells { expected, found } => {
            format!("{at} should have {expected} cells, found {found}")
        }
        Incomplete::Ambiguous { expected, found } => format!(
            "{at} has {expected} columns but only {found} values, and the form does not show which are blank; values not taken"
        ),
        Incomplete::Order { expected, found } => format!(
            "{at} has {expected} columns and {found} values, but the text (such as PDF text in reading order) does not show their order for certain; values not taken"
        ),
        Incomplete::Repeated { times } => format!(
            "{at} appears {times} times with different values, so which one is the table's is not known; values not taken"
        ),
    }
}

fn source_zh(s: YearSource) -> &'static str {
    match s {
        YearSource::Title => "标题",
        YearSource::Body => "正文",
        YearSource::Period => "统计期限",
    }
}

fn source_en(s: YearSource) -> &'static str {
    match s {
        YearSource::Title => "title",
        YearSource::Body => "body",
        YearSource::Period => "statistics period",
    }
}

fn list_rows(table: TableId, rows: &[&'static str], lang: Lang) -> String {
    const SHOWN: usize = 3;
    let name = |r: &&'static str| match lang {
        Lang::Zh => format!("「{}」", row_spec(table, r).map_or(*r, |s| s.zh)),
        Lang::En => r.to_string(),
    };
    let mut s: Vec<String> = rows.iter().take(SHOWN).map(name).collect();
    if rows.len() > SHOWN {
        s.push(match lang {
            Lang::Zh => format!("等{}行", rows.len()),
            Lang::En => format!("and {} more", rows.len() - SHOWN),
        });
    }
    s.join(if lang == Lang::Zh { "" } else { ", " })
}

fn list_cells(cells: &[CellRef], lang: Lang) -> String {
    const SHOWN: usize = 6;
    let mut s = String::new();
    for (i, c) in cells.iter().take(SHOWN).enumerate() {
        if i > 0 {
            s.push_str(if lang == Lang::Zh { "、" } else { ", " });
        }
        s.push_str(&c.name(lang));
    }
    if cells.len() > SHOWN {
        let more = cells.len() - SHOWN;
        let _ = match lang {
            Lang::Zh => write!(s, " 等（另有{more}个）"),
            Lang::En => write!(s, " and {more} more"),
        };
    }
    s
}

/// One problem found in one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Rule id.
    pub rule: RuleId,
    /// Severity.
    pub severity: Severity,
    /// What it says.
    pub kind: FindingKind,
    /// Where in the text, `None` for the whole document.
    pub span: Option<Span>,
    /// The cell it points at, if any.
    pub cell: Option<CellRef>,
}

impl Finding {
    /// A finding about the whole document.
    pub fn new(rule: &'static str, severity: Severity, kind: FindingKind) -> Finding {
        Finding {
            rule: RuleId(rule),
            severity,
            kind,
            span: None,
            cell: None,
        }
    }

    /// Points the finding at a span of text.
    pub fn at(mut self, span: Span) -> Finding {
        self.span = Some(span);
        self
    }

    /// Points the finding at a cell.
    pub fn on(mut self, cell: CellRef) -> Finding {
        self.cell = Some(cell);
        self
    }
}
