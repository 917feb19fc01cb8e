//! Renderers: `Report` → each text form real reports reach a district office in.
//!
//! Every form writes the same document (title, intro, sections 一…六, tables 二/三/四,
//! signature date); they differ in how table cells are laid out. A [`Dress`] says what the
//! text around the tables is: the house style of [`render`], or the variety of real reports
//! ([`super::variety`]).

use crate::model::ids::{self, T3_COLS};
use crate::model::{Report, Table, TableId};
use crate::parse::text::TRAD;
use crate::render::grid::{t3_label, value_text};

/// A plain-text form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextForm {
    /// Tika text of a Word file: a cell per tab-led line, rows end at an empty line.
    Tika,
    /// Pipe rows copied from a web page, merged labels repeated.
    PipeRepeated,
    /// Pipe rows, merged labels left empty, no outer pipes, `||` padding.
    PipeEmpty,
    /// One cell per line; an empty line is a blank cell.
    LinesDense,
    /// One cell per line with empty lines between cells.
    LinesSpaced,
    /// One cell per line, each ending with ` |`.
    LinesPipeAfter,
    /// One cell per line with a `|` line between cells.
    LinesPipeBetween,
    /// Text extracted from a PDF: a row's values on one line, broken headers, page furniture.
    PdfText,
}

impl TextForm {
    /// Every form.
    pub const ALL: [TextForm; 8] = [
        TextForm::Tika,
        TextForm::PipeRepeated,
        TextForm::PipeEmpty,
        TextForm::LinesDense,
        TextForm::LinesSpaced,
        TextForm::LinesPipeAfter,
        TextForm::LinesPipeBetween,
        TextForm::PdfText,
    ];

    /// A short name, used in file names.
    pub fn as_str(self) -> &'static str {
        match self {
            TextForm::Tika => "tika",
            TextForm::PipeRepeated => "pipe",
            TextForm::PipeEmpty => "pipe_empty",
            TextForm::LinesDense => "lines",
            TextForm::LinesSpaced => "lines_spaced",
            TextForm::LinesPipeAfter => "lines_pipe",
            TextForm::LinesPipeBetween => "lines_bar",
            TextForm::PdfText => "pdf",
        }
    }

    /// True when the form can show a blank cell (PDF text drops them).
    pub fn shows_blanks(self) -> bool {
        self != TextForm::PdfText
    }
}

/// Options that apply to every form.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    /// Write digits full-width (０-９).
    pub fullwidth: bool,
    /// End lines with CRLF.
    pub crlf: bool,
    /// Number section 五 as "5、" (P005).
    pub misnumber_s5: bool,
    /// Leave out section 六 (P004).
    pub drop_s6: bool,
    /// Write Traditional characters, as mirror sites do (規範性檔案, 總計): every Simplified
    /// character the parser's table knows is replaced by its Traditional form.
    pub traditional: bool,
}

/// One row of a table as printed: merged labels in front, its own labels, its values.
struct Row {
    /// Merged labels (outer group, group), each with "first row of the merge".
    lead: Vec<(String, bool)>,
    labels: Vec<String>,
    values: Vec<String>,
}

fn header(labels: &[&str]) -> Row {
    Row {
        lead: Vec::new(),
        labels: labels.iter().map(|s| s.to_string()).collect(),
        values: Vec::new(),
    }
}

/// Renders a report in a form with the default style.
pub fn render(report: &Report, form: TextForm) -> String {
    render_styled(report, form, Style::default())
}

/// Renders a report in a form.
pub fn render_styled(report: &Report, form: TextForm, style: Style) -> String {
    render_with_prose(report, form, style, &[])
}

/// Renders a report in a form, with these sentences added to section 一 (a report's own
/// words, so that reports of a district do not all read alike).
pub fn render_with_prose(
    report: &Report,
    form: TextForm,
    style: Style,
    prose: &[String],
) -> String {
    render_dressed(report, form, style, &Dress::house(report, prose))
}

/// The text around the tables, which real reports vary while the tables stay the report's:
/// title, intro, headings, signature, layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dress {
    /// The title line.
    pub title: String,
    /// The title runs into the intro on one line.
    pub title_run_in: bool,
    /// The paragraph after the title: names the unit, the body year and the statistics period.
    pub intro: String,
    /// Section 一's text (figures quoted from `report.text_figures` follow it).
    pub overview: String,
    /// A paragraph between heading 三 and its table.
    pub before_table3: Option<String>,
    /// The headings' wording after the numbering, 一 to 六.
    pub headings: [&'static str; 6],
    /// What follows a heading's numeral: "、", "．", ".", "，" or " ".
    pub numbering: &'static str,
    /// Section 五's text.
    pub problems: String,
    /// Section 六's text.
    pub other: String,
    /// The lines above the date at the end (maybe none).
    pub signature: Vec<String>,
    /// Every line break stripped, as a web page's text.
    pub one_line: bool,
    /// In [`TextForm::LinesPipeAfter`], an empty cell is a line holding only `|`, and table
    /// 三's header keeps its empty corner cells.
    pub bare_bar: bool,
}

/// The 2021 template's headings, 一 to 六.
pub const HEADINGS: [&str; 6] = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
];

impl Dress {
    /// The one house style of earlier versions, with `prose` in section 一.
    pub fn house(report: &Report, prose: &[String]) -> Dress {
        let year = report.meta.year.unwrap_or(2023);
        let unit = report
            .meta
            .unit_name
            .clone()
            .unwrap_or_else(|| "示例区示例局".into());
        let body_year = report
            .meta
            .years
            .iter()
            .find(|y| y.source == crate::model::YearSource::Body)
            .map_or(year, |y| y.year);
        let mut overview = format!("{year}年，{unit}认真贯彻落实政务公开工作部署。");
        for p in prose {
            overview.push_str(p);
        }
        Dress {
            title: report
                .meta
                .title
                .clone()
                .unwrap_or_else(|| format!("{unit}{year}年政府信息公开工作年度报告")),
            title_run_in: false,
            intro: format!(
                "根据《中华人民共和国政府信息公开条例》规定，现公布{unit}{body_year}年度政府信息公开工作年度报告。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
            ),
            overview,
            before_table3: None,
            headings: HEADINGS,
            numbering: "、",
            problems: "一是公开内容有待丰富，二是解读形式较为单一。下一步将持续改进。".into(),
            other: "本年度未收取信息处理费。".into(),
            signature: vec![unit],
            one_line: false,
            bare_bar: false,
        }
    }

    /// Heading `k` (0 for 一), numbered right unless the style misnumbers 五.
    fn heading(&self, k: usize, style: Style) -> String {
        let numeral = if k == 4 && style.misnumber_s5 {
            "5"
        } else {
            ["一", "二", "三", "四", "五", "六"][k]
        };
        format!("{numeral}{}{}", self.numbering, self.headings[k])
    }
}

/// A piece of a report in reading order: what every form writes, each its own way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// The title.
    Title(String),
    /// A paragraph (a heading, a sentence run, a signature line, the date).
    Para(String),
    /// Table 二 (0), 三 (1) or 四 (2).
    Table(usize),
}

/// The report's pieces in reading order, dressed: the text around the tables as `dress`
/// says, the tables as the report holds them.
pub fn outline(report: &Report, style: Style, dress: &Dress) -> Vec<Part> {
    let mut out = vec![
        Part::Title(dress.title.clone()),
        Part::Para(dress.intro.clone()),
        Part::Para(dress.heading(0, style)),
    ];
    let mut s1 = dress.overview.clone();
    for f in &report.text_figures {
        if f.row == "new_received" {
            s1.push_str(&format!("全年共收到政府信息公开申请{}件。", f.value));
        }
    }
    out.push(Part::Para(s1));
    for k in 0..3 {
        out.push(Part::Para(dress.heading(k + 1, style)));
        if let Some(p) = dress.before_table3.as_ref().filter(|_| k == 1) {
            out.push(Part::Para(p.clone()));
        }
        out.push(Part::Table(k));
    }
    out.push(Part::Para(dress.heading(4, style)));
    out.push(Part::Para(dress.problems.clone()));
    if !style.drop_s6 {
        out.push(Part::Para(dress.heading(5, style)));
        out.push(Part::Para(dress.other.clone()));
    }
    for line in &dress.signature {
        out.push(Part::Para(line.clone()));
    }
    if let Some(p) = report.meta.published {
        out.push(Part::Para(format!(
            "{}年{}月{}日",
            p.date.year, p.date.month, p.date.day
        )));
    }
    out
}

/// Renders a report in a form, dressed: the tables as the report holds them, the text
/// around them as `dress` says.
pub fn render_dressed(report: &Report, form: TextForm, style: Style, dress: &Dress) -> String {
    let mut out = String::new();
    let bare = dress.bare_bar && form == TextForm::LinesPipeAfter;
    let tables: [Vec<Row>; 3] = [t2_rows(report), t3_rows(report, bare), t4_rows(report)];
    for part in outline(report, style, dress) {
        match part {
            Part::Title(t) => {
                out.push_str(&t);
                if !dress.title_run_in {
                    out.push('\n');
                }
            }
            Part::Para(p) => {
                out.push_str(&p);
                out.push('\n');
            }
            Part::Table(k) => {
                if form == TextForm::LinesSpaced {
                    out.push('\n');
                }
                render_table(&mut out, &tables[k], form, &dress.title, bare);
            }
        }
    }
    finish(out, style, dress.one_line)
}

fn finish(mut out: String, style: Style, one_line: bool) -> String {
    if style.traditional {
        out = traditional(&out);
    }
    if style.fullwidth {
        out = fullwidth_digits_in_cells(&out);
    }
    if one_line {
        out.retain(|c| c != '\n' && c != '\r');
    } else if style.crlf {
        out = out.replace('\n', "\r\n");
    }
    out
}

/// Text with its Simplified characters written in Traditional, as [`Style::traditional`]
/// renders it.
pub fn traditional(text: &str) -> String {
    text.chars().map(to_traditional).collect()
}

/// The Traditional form of a Simplified character, from the inverse of the parser's
/// Traditional → Simplified table (the first when there are two: 复 → 復, not 複).
fn to_traditional(c: char) -> char {
    if c < '\u{3000}' {
        return c;
    }
    TRAD.iter().find(|&&(_, s)| s == c).map_or(c, |&(t, _)| t)
}

/// Full-width digits in table values only (labels keep their "1." numbering as written).
fn fullwidth_digits_in_cells(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let is_value_line = body
            .trim_matches(|c: char| c == '\t' || c == '|' || c == ' ')
            .split([' ', '|', '\t'])
            .all(|w| {
                w.trim()
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '/' || c == ' ')
            });
        if is_value_line {
            for c in line.chars() {
                out.push(if c.is_ascii_digit() {
                    char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)
                } else {
                    c
                });
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

fn t2_rows(report: &Report) -> Vec<Row> {
    let mut rows = Vec::new();
    let data = |rows: &mut Vec<Row>, t: &Table, row: &str, label: &str| {
        let spec = ids::row_spec(t.id, row);
        let values = spec.map_or(Vec::new(), |s| {
            s.cols.iter().map(|c| value_text(t, row, c)).collect()
        });
        rows.push(Row {
            lead: Vec::new(),
            labels: vec![label.to_string()],
            values,
        });
    };
    if let Some(t) = report.table(TableId::T2v2019) {
        rows.push(header(&["第二十条第（一）项"]));
        rows.push(header(&[
            "信息内容",
            "本年新制作数量",
            "本年新公开数量",
            "对外公开总数量",
        ]));
        data(&mut rows, t, "rules", "规章");
        data(&mut rows, t, "normative", "规范性文件");
        rows.push(header(&["第二十条第（五）项"]));
        rows.push(header(&[
            "信息内容",
            "上一年项目数量",
            "本年增/减",
            "处理决定数量",
        ]));
        data(&mut rows, t, "licensing", "行政许可");
        data(&mut rows, t, "other_services", "其他对外管理服务事项");
        rows.push(header(&["第二十条第（六）项"]));
        rows.push(header(&[
            "信息内容",
            "上一年项目数量",
            "本年增/减",
            "处理决定数量",
        ]));
        data(&mut rows, t, "penalty", "行政处罚");
        data(&mut rows, t, "coercion", "行政强制");
        rows.push(header(&["第二十条第（八）项"]));
        rows.push(header(&["信息内容", "上一年项目数量", "本年增/减"]));
        data(&mut rows, t, "fees", "行政事业性收费");
        rows.push(header(&["第二十条第（九）项"]));
        rows.push(header(&["信息内容", "采购项目数量", "采购总金额"]));
        data(&mut rows, t, "procurement", "政府集中采购");
        return rows;
    }
    let Some(t) = report.table(TableId::T2) else {
        return rows;
    };
    rows.push(header(&["第二十条第（一）项"]));
    rows.push(header(&[
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ]));
    data(&mut rows, t, "rules", "规章");
    data(&mut rows, t, "normative", "行政规范性文件");
    rows.push(header(&["第二十条第（五）项"]));
    rows.push(header(&["信息内容", "本年处理决定数量"]));
    data(&mut rows, t, "licensing", "行政许可");
    rows.push(header(&["第二十条第（六）项"]));
    rows.push(header(&["信息内容", "本年处理决定数量"]));
    data(&mut rows, t, "penalty", "行政处罚");
    data(&mut rows, t, "coercion", "行政强制");
    rows.push(header(&["第二十条第（八）项"]));
    rows.push(header(&["信息内容", "本年收费金额（单位：万元）"]));
    data(&mut rows, t, "fees_10k_yuan", "行政事业性收费");
    rows
}

/// Table 三's rows; `corners` keeps the header's empty corner cells, as a Word table's grid
/// has them (one under the 勾稽 note, two in the row of 商业企业).
fn t3_rows(report: &Report, corners: bool) -> Vec<Row> {
    let corner: &[&str] = if corners { &[""] } else { &[] };
    let mut rows = vec![
        header(&[
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "申请人情况",
        ]),
        header(&[corner, &["自然人", "法人或其他组织", "总计"]].concat()),
        header(
            &[
                corner,
                corner,
                &[
                    "商业企业",
                    "科研机构",
                    "社会公益组织",
                    "法律服务机构",
                    "其他",
                ],
            ]
            .concat(),
        ),
    ];
    let Some(t) = report.table(TableId::T3) else {
        return rows;
    };
    let mut ids: Vec<&'static str> = t.cells.iter().map(|c| c.row.as_str()).collect();
    ids.dedup();
    let mut prev_group = None;
    let mut outer_done = false;
    for id in ids {
        let (group, label) = t3_label(id);
        let mut lead = Vec::new();
        let outcome = !matches!(id, "new_received" | "carried_over" | "carried_forward");
        if outcome {
            lead.push(("三、本年度办理结果".to_string(), !outer_done));
            outer_done = true;
        }
        if let Some(g) = group {
            lead.push((g.to_string(), prev_group != Some(g)));
        }
        prev_group = group;
        let values = T3_COLS.iter().map(|c| value_text(t, id, c)).collect();
        rows.push(Row {
            lead,
            labels: vec![label.to_string()],
            values,
        });
    }
    rows
}

fn t4_rows(report: &Report) -> Vec<Row> {
    let mut rows = vec![
        header(&["行政复议", "行政诉讼"]),
        header(&[
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "未经复议直接起诉",
            "复议后起诉",
        ]),
        header(&[
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
        ]),
    ];
    if let Some(t) = report.table(TableId::T4) {
        let values = t
            .cells
            .iter()
            .map(|c| value_text(t, c.row.as_str(), c.col.as_str()))
            .collect();
        rows.push(Row {
            lead: Vec::new(),
            labels: Vec::new(),
            values,
        });
    }
    rows
}

/// `bare`: an empty cell of [`TextForm::LinesPipeAfter`] is a line holding only `|`.
fn render_table(out: &mut String, rows: &[Row], form: TextForm, title: &str, bare: bool) {
    match form {
        TextForm::Tika => tika(out, rows),
        TextForm::PipeRepeated => pipe(out, rows, true),
        TextForm::PipeEmpty => pipe(out, rows, false),
        TextForm::PdfText => pdf(out, rows, title),
        _ => lines(out, rows, form, bare),
    }
}

fn tika(out: &mut String, rows: &[Row]) {
    for row in rows {
        for (text, first) in &row.lead {
            out.push('\t');
            if *first {
                out.push_str(text);
            }
            out.push('\n');
        }
        for l in &row.labels {
            // Long labels wrap onto a line of their own, as Tika writes them.
            let chars: Vec<char> = l.chars().collect();
            if chars.len() > 24 {
                let (a, b) = chars.split_at(14);
                out.push('\t');
                out.extend(a);
                out.push('\n');
                out.extend(b);
                out.push('\n');
            } else {
                out.push_str(&format!("\t[bookmark: _Hlk{}]{l}\n", l.len()));
            }
        }
        for v in &row.values {
            out.push('\t');
            out.push_str(v);
            out.push('\n');
        }
        out.push('\n');
    }
    out.push('\n');
}

fn pipe(out: &mut String, rows: &[Row], repeated: bool) {
    for (i, row) in rows.iter().enumerate() {
        let mut cells: Vec<&str> = Vec::new();
        for (text, first) in &row.lead {
            cells.push(if repeated || *first { text } else { "" });
        }
        cells.extend(row.labels.iter().map(String::as_str));
        cells.extend(row.values.iter().map(String::as_str));
        if repeated {
            out.push_str("| ");
            out.push_str(&cells.join(" | "));
            out.push_str(" |\n");
        } else {
            out.push_str(&cells.join(" | "));
            // `||` padding after a row whose first value is blank would leave its columns
            // unknowable (a blank at each end); real pages are read that way too (P007).
            let first_blank = row.values.first().is_some_and(|v| v.is_empty());
            out.push_str(if first_blank { " |\n" } else { " ||\n" });
        }
        if i == 0 {
            out.push_str("|---|---|\n");
        }
    }
    out.push('\n');
}

/// Cells in reading order for the line forms: merged labels once, labels, values.
fn flat_cells(rows: &[Row]) -> Vec<&str> {
    let mut cells = Vec::new();
    for row in rows {
        for (text, first) in &row.lead {
            if *first {
                cells.push(text.as_str());
            }
        }
        cells.extend(row.labels.iter().map(String::as_str));
        cells.extend(row.values.iter().map(String::as_str));
    }
    cells
}

fn lines(out: &mut String, rows: &[Row], form: TextForm, bare: bool) {
    for c in flat_cells(rows) {
        match form {
            TextForm::LinesDense => {
                out.push_str(c);
                out.push('\n');
            }
            TextForm::LinesSpaced => {
                out.push_str(c);
                out.push_str("\n\n");
            }
            TextForm::LinesPipeAfter if bare && c.is_empty() => out.push_str("|\n"),
            TextForm::LinesPipeAfter => {
                out.push_str(c);
                out.push_str(" |\n");
            }
            _ => {
                if !c.is_empty() {
                    out.push_str(c);
                    out.push('\n');
                }
                out.push_str("|\n");
            }
        }
    }
}

fn pdf(out: &mut String, rows: &[Row], title: &str) {
    let mut page = 2;
    for (i, row) in rows.iter().enumerate() {
        if i > 0 && i % 9 == 0 {
            out.push_str(&format!("- {page} -\n{title}\n"));
            page += 1;
        }
        for (text, first) in &row.lead {
            if *first {
                out.push_str(text);
                out.push('\n');
            }
        }
        for l in &row.labels {
            let chars: Vec<char> = l.chars().collect();
            if row.values.is_empty() && chars.len() <= 5 && chars.iter().all(|c| !c.is_ascii()) {
                // Narrow header cells come out one character per line.
                for c in chars {
                    out.push(c);
                    out.push('\n');
                }
            } else {
                for chunk in chars.chunks(16) {
                    out.extend(chunk);
                    out.push('\n');
                }
            }
        }
        let vals: Vec<&str> = row
            .values
            .iter()
            .map(String::as_str)
            .filter(|v| !v.is_empty())
            .collect();
        if !vals.is_empty() {
            out.push_str(&vals.join(" "));
            // Table 四's values (a row without labels) end the page: its footer stands on
            // their line, far to the right.
            if row.labels.is_empty() && row.lead.is_empty() {
                out.push_str(&format!("                    - {page} -"));
                page += 1;
            }
            out.push('\n');
        }
    }
}
