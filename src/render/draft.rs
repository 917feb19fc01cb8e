//! The government's own annual report, drafted (`nianbao draft`): the six sections under
//! their official headings, tables 二, 三 and 四 in the official layout filled from the
//! figures (a unit's own report, or the roll-up of every counted unit), sentences carrying
//! the key figures and their change from the year before, and 【待填写】 where only people
//! can write. Written as Word (official fonts and margins, [`docx::Page::official`]) and as
//! Markdown.

use super::docx::{self, Block};
use super::grid::{self, Grid};
use super::rollup::RollupCell;
use crate::aggregate::figures::figure_of;
use crate::model::ids::{rows_of, SectionId, TableId, T3_ROWS_2021, T3_ROW_OTHER_2019};
use crate::model::{
    raw_text, Cell, CellState, Num, Report, ReportMeta, Scope, Span, Table, Template,
};
use std::collections::BTreeMap;

/// Where a section's words must come from people.
pub const TO_FILL: &str = "【待填写】";

/// What a draft is made of.
#[derive(Clone, Debug)]
pub struct Draft {
    /// The reporting unit ("示例区人民政府").
    pub unit_name: String,
    /// The report year.
    pub year: i32,
    /// `Own`: the unit's own figures; `Region`: the sum of the units' reports.
    pub scope: Scope,
    /// The year's tables.
    pub figures: Report,
    /// The year before's tables, when known.
    pub previous: Option<Report>,
    /// How many reports the figures sum (region scope), for this year and the one before.
    pub sources: (usize, usize),
    /// The summed reports whose tables have errors or values not read: each unit's name and
    /// its problems in a few words. The draft opens with them, to be settled first.
    pub caveats: Vec<(String, Vec<String>)>,
}

/// The template a report for `year` follows, if there is one with tables.
pub fn template_of(year: i32) -> Option<Template> {
    match year {
        ..=2018 => None,
        2019 | 2020 => Some(Template::V2019),
        _ => Some(Template::V2021),
    }
}

/// Table 三's rows in a template's layout: the 2019 one has a single （六）其他处理 row.
fn t3_rows(template: Template) -> Vec<&'static crate::model::ids::RowSpec> {
    let mut rows = Vec::new();
    for spec in T3_ROWS_2021 {
        if spec.id.starts_with("other.") {
            if template == Template::V2019 && spec.id == "other.no_correction" {
                rows.push(&T3_ROW_OTHER_2019);
            }
            if template == Template::V2019 {
                continue;
            }
        }
        rows.push(spec);
    }
    rows
}

/// The roll-up of `year` (group `all`) as a report's tables in the year's template: every
/// cell a number, the exact sum (0 where no counted report gave one). `None` when the
/// roll-up has nothing for the year or the year has no template.
pub fn from_rollup(cells: &[RollupCell], year: i32) -> Option<Report> {
    let template = template_of(year)?;
    let sums: BTreeMap<(&str, &str, &str), Num> = cells
        .iter()
        .filter(|c| c.year == year && c.group == "all")
        .map(|c| ((c.table.as_str(), c.row.as_str(), c.col.as_str()), c.value))
        .collect();
    if sums.is_empty() {
        return None;
    }
    let t2 = match template {
        Template::V2019 => TableId::T2v2019,
        _ => TableId::T2,
    };
    let mut tables = Vec::new();
    for id in [t2, TableId::T3, TableId::T4] {
        let specs: Vec<&crate::model::ids::RowSpec> = match id {
            TableId::T3 => t3_rows(template),
            _ => rows_of(id).iter().collect(),
        };
        let mut out = Vec::new();
        for spec in specs {
            for col in spec.cols {
                let value = sums
                    .get(&(id.as_str(), spec.id, col))
                    .copied()
                    .unwrap_or(Num::ZERO);
                out.push(Cell {
                    row: spec.id.into(),
                    col: (*col).into(),
                    state: CellState::Number,
                    value: Some(value),
                    raw: raw_text(&value.to_string()),
                    span: Span::default(),
                    reconstructed: false,
                });
            }
        }
        tables.push(Table::new(id, out, Span::default()));
    }
    Some(Report {
        meta: ReportMeta {
            year: Some(year),
            template: Some(template),
            scope: Some(Scope::Region),
            ..ReportMeta::default()
        },
        tables,
        ..Report::default()
    })
}

/// The key figures of a report's tables: sums of the cells each figure adds up (see
/// [`figure_of`]); a figure no cell gives a number for is absent.
pub fn key_figures(report: &Report) -> BTreeMap<&'static str, Num> {
    let mut out = BTreeMap::new();
    for t in &report.tables {
        for c in &t.cells {
            let (Some(f), Some(v)) = (
                figure_of(t.id, c.row.as_str(), c.col.as_str()),
                c.as_operand(),
            ) else {
                continue;
            };
            if c.state == CellState::Number {
                let sum = out.entry(f).or_insert(Num::ZERO);
                *sum = *sum + v;
            }
        }
    }
    out
}

/// `n / d` as a percentage with one decimal ("62.5%"), `None` when `d` is not positive.
fn percent(n: Num, d: Num) -> Option<String> {
    (d.millionths() > 0).then(|| {
        let p = n.to_f64() / d.to_f64() * 100.0;
        format!("{p:.1}%")
    })
}

/// The change from the year before, in words: "同比增长12.5%（上年40件）".
fn change(now: Num, before: Option<Num>) -> String {
    let Some(b) = before else {
        return format!("同比{TO_FILL}");
    };
    if b == now {
        return format!("与上年持平（上年{b}件）");
    }
    let gap = if now > b { now - b } else { b - now };
    match percent(gap, b) {
        Some(p) if now > b => format!("同比增长{p}（上年{b}件）"),
        Some(p) => format!("同比下降{p}（上年{b}件）"),
        None => format!("上年为{b}件"),
    }
}

/// The document: title, opening, the six sections and the signature.
pub fn blocks(d: &Draft) -> Vec<Block> {
    let now = key_figures(&d.figures);
    let before = d.previous.as_ref().map(key_figures);
    let get = |f: &str| now.get(f).copied().unwrap_or(Num::ZERO);
    let prev = |f: &str| before.as_ref().and_then(|b| b.get(f).copied());
    let y = d.year;
    let region = d.scope == Scope::Region;
    let template = d.figures.meta.template.or(template_of(y));
    let grids = grid::tables(&d.figures);
    let mut out = vec![Block::Title(format!(
        "{}{y}年政府信息公开工作年度报告",
        d.unit_name
    ))];
    let notice = match template {
        Some(Template::V2019) => "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开条例〉实施后政府信息公开工作年度报告格式（试行）的通知》（国办公开办函〔2019〕60号）",
        _ => "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）",
    };
    out.push(Block::Para(format!(
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{notice}要求编制。本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。本报告电子版可在{TO_FILL}（网站名称及网址）下载。如对本报告有疑问，请与{TO_FILL}联系（地址：{TO_FILL}；邮编：{TO_FILL}；电话：{TO_FILL}；电子邮箱：{TO_FILL}）。"
    )));
    if region {
        let mut s = format!(
            "本报告表二、表三、表四的数据由本行政区域内{}份政府信息公开工作年度报告汇总而成。",
            d.sources.0
        );
        if d.previous.is_some() && d.sources.1 != d.sources.0 {
            s.push_str(&format!(
                "上年数据由{}份报告汇总，同比口径不完全一致。",
                d.sources.1
            ));
        }
        out.push(Block::Para(s));
    }

    if !d.caveats.is_empty() {
        let list: Vec<String> = d
            .caveats
            .iter()
            .map(|(unit, why)| format!("{unit}（{}）", why.join("、")))
            .collect();
        out.push(Block::Para(format!(
            "【待核实】下列单位{y}年报告的表格有错误或未能读取的数据，本草稿的汇总数因此可能不准，请先请其更正后重新生成本草稿：{}。",
            list.join("；")
        )));
    }

    out.push(Block::Heading(SectionId::S1.heading_zh().to_string()));
    out.push(Block::Para(format!(
        "{y}年，{}{TO_FILL}（全年政府信息公开工作的总体情况、主要做法和成效）。",
        d.unit_name
    )));
    out.push(Block::Subheading("（一）主动公开".into()));
    out.push(Block::Para(proactive(&d.figures)));
    out.push(Block::Subheading("（二）依申请公开".into()));
    let who = if region { "全区各单位" } else { "全年" };
    let mut s = format!(
        "{who}共收到政府信息公开申请{}件，{}",
        get("applications"),
        change(get("applications"), prev("applications"))
    );
    s.push_str(&format!(
        "；上年结转{}件。办理结果总计{}件，{}；其中予以公开{}件，部分公开{}件，不予公开{}件，无法提供{}件，不予处理{}件，其他处理{}件",
        get("carried_over"),
        get("processed"),
        change(get("processed"), prev("processed")),
        get("granted"),
        get("partially_granted"),
        get("denied"),
        get("unable"),
        get("rejected"),
        get("other_handling"),
    ));
    match percent(get("granted") + get("partially_granted"), get("processed")) {
        Some(p) => s.push_str(&format!(
            "，公开率（予以公开和部分公开占办理结果总计的比例）为{p}"
        )),
        None => s.push_str("，无可计算的公开率"),
    }
    s.push_str(&format!(
        "。结转下年度继续办理{}件。{TO_FILL}（依申请公开工作的做法和成效）",
        get("carried_forward")
    ));
    s.push('。');
    out.push(Block::Para(s));
    // Reviews and suits are told here, not beside table 四: a reader of the text would take
    // a sentence's figures next to a table for its cells.
    out.push(Block::Para(review_and_suit(&get, &prev)));
    for (head, what) in [
        (
            "（三）政府信息管理",
            "政府信息公开审查、动态更新、公开属性管理等情况",
        ),
        (
            "（四）政府信息公开平台建设",
            "政府网站、政务新媒体、政务公开专区等平台建设情况",
        ),
        (
            "（五）监督保障",
            "组织领导、培训、考核、社会评议和责任追究情况",
        ),
    ] {
        out.push(Block::Subheading(head.into()));
        out.push(Block::Para(format!("{TO_FILL}（{what}）。")));
    }

    out.push(Block::Heading(SectionId::S2.heading_zh().to_string()));
    push_grid(&mut out, &grids[0]);
    out.push(Block::Heading(SectionId::S3.heading_zh().to_string()));
    push_grid(&mut out, &grids[1]);
    out.push(Block::Heading(SectionId::S4.heading_zh().to_string()));
    push_grid(&mut out, &grids[2]);

    out.push(Block::Heading(SectionId::S5.heading_zh().to_string()));
    out.push(Block::Para(format!(
        "（一）上年度存在问题的整改情况：{TO_FILL}。"
    )));
    out.push(Block::Para(format!(
        "（二）本年度存在的主要问题：{TO_FILL}。"
    )));
    out.push(Block::Para(format!("（三）改进措施：{TO_FILL}。")));
    out.push(Block::Heading(SectionId::S6.heading_zh().to_string()));
    let fee = match template {
        Some(Template::V2019) => String::new(),
        _ => format!("依据《政府信息公开信息处理费管理办法》收取信息处理费的情况：{TO_FILL}。"),
    };
    out.push(Block::Para(format!(
        "{fee}本年度人大代表建议和政协提案办理结果公开情况：{TO_FILL}。年度政务公开工作要点落实情况：{TO_FILL}。"
    )));
    out.push(Block::Right(d.unit_name.clone()));
    out.push(Block::Right(format!("{}年{TO_FILL}月{TO_FILL}日", y + 1)));
    out
}

fn push_grid(out: &mut Vec<Block>, g: &Grid) {
    if g.rows.is_empty() {
        out.push(Block::Para(format!("{TO_FILL}（本表无数据）。")));
        return;
    }
    out.push(Block::Table(grid::docx_table(
        g,
        docx::Page::official().text_width(),
    )));
}

/// Section 二's opening sentence from table 二 (2021 layout; the 2019 one leaves it to people).
fn proactive(report: &Report) -> String {
    let Some(t) = report.table(TableId::T2) else {
        return format!("{TO_FILL}（主动公开政府信息的情况和做法）。");
    };
    let v = |row: &str, col: &str| {
        t.get(row, col)
            .and_then(|c| c.as_operand())
            .map_or_else(|| TO_FILL.to_string(), |n| n.to_string())
    };
    format!(
        "本年制发规章{}件、行政规范性文件{}件，废止规章{}件、行政规范性文件{}件，现行有效规章{}件、行政规范性文件{}件；作出行政许可决定{}件、行政处罚决定{}件、行政强制决定{}件；收取行政事业性收费{}万元。{TO_FILL}（主动公开工作的做法和成效）。",
        v("rules", "issued"),
        v("normative", "issued"),
        v("rules", "repealed"),
        v("normative", "repealed"),
        v("rules", "in_force"),
        v("normative", "in_force"),
        v("licensing", "value"),
        v("penalty", "value"),
        v("coercion", "value"),
        v("fees_10k_yuan", "value"),
    )
}

/// The reviews and suits, in a sentence. Only the first clause names 行政复议, so that a reader of the text
/// takes the review total from it and nothing else.
fn review_and_suit(get: &dyn Fn(&str) -> Num, prev: &dyn Fn(&str) -> Option<Num>) -> String {
    let mut s = format!(
        "因政府信息公开被申请行政复议{}件，{}；结果维持{}件，结果纠正{}件，其他结果{}件，尚未审结{}件。被提起行政诉讼{}件，{}；结果维持{}件，结果纠正{}件，其他结果{}件，尚未审结{}件。",
        get("review_total"),
        change(get("review_total"), prev("review_total")),
        get("review_upheld"),
        get("review_corrected"),
        get("review_other"),
        get("review_pending"),
        get("suit_total"),
        change(get("suit_total"), prev("suit_total")),
        get("suit_upheld"),
        get("suit_corrected"),
        get("suit_other"),
        get("suit_pending"),
    );
    let rate = |c: &str, t: &str, p: &str| percent(get(c), get(t) - get(p));
    let review = rate("review_corrected", "review_total", "review_pending");
    let suit = rate("suit_corrected", "suit_total", "suit_pending");
    if review.is_some() || suit.is_some() {
        let parts: Vec<String> = [("复议纠错率", review), ("诉讼纠错率", suit)]
            .into_iter()
            .filter_map(|(l, r)| r.map(|r| format!("{l}（结果纠正占已审结的比例）为{r}")))
            .collect();
        s.push_str(&parts.join("，"));
        s.push('。');
    }
    s
}

/// The draft as a Word file, A4 with GB/T 9704 margins and the official fonts.
pub fn docx(d: &Draft) -> std::io::Result<Vec<u8>> {
    docx::write_page(
        &blocks(d),
        &docx::Properties {
            title: format!(
                "{}{}年政府信息公开工作年度报告（草稿）",
                d.unit_name, d.year
            ),
            creator: "nianbao".into(),
            date: String::new(),
        },
        &docx::Page::official(),
    )
}

/// The draft as Markdown: the same text, each table a pipe table laid out as the
/// template's grid (a merged cell's text in its first position).
pub fn markdown(d: &Draft) -> String {
    let mut s = String::new();
    let grids = grid::tables(&d.figures);
    let mut next_grid = grids.iter().filter(|g| !g.rows.is_empty());
    for b in blocks(d) {
        match b {
            Block::Title(t) => s.push_str(&format!("# {t}\n\n")),
            Block::Heading(t) => s.push_str(&format!("## {t}\n\n")),
            Block::Subheading(t) => s.push_str(&format!("### {t}\n\n")),
            Block::Para(t) => s.push_str(&format!("{t}\n\n")),
            Block::Right(t) => s.push_str(&format!("<p align=\"right\">{t}</p>\n\n")),
            Block::Table(_) => {
                if let Some(g) = next_grid.next() {
                    s.push_str(&pipe_table(g));
                    s.push('\n');
                }
            }
        }
    }
    s
}

/// A grid as a pipe table. A row with a number in it has one column per grid column: a
/// cell's text where it starts, nothing where a merged cell continues or a cell is blank.
/// A row of labels only lists its labels, as Tika writes a Word table's header rows: empty
/// positions there would read as blank cells. The first row is the header.
fn pipe_table(g: &Grid) -> String {
    let n = g.widths.len();
    let mut s = String::new();
    for (i, row) in grid::with_covered(g).into_iter().enumerate() {
        let mut line = vec![String::new(); n];
        for (cell, col, _) in row {
            if let (Some(c), Some(slot)) = (cell, line.get_mut(col)) {
                *slot = c.text.replace('\n', "").replace('|', "｜");
            }
        }
        let data = line.iter().any(|t| Num::parse_plain(t).is_some());
        if !data {
            line.retain(|t| !t.is_empty());
        }
        s.push_str(&format!("| {} |\n", line.join(" | ")));
        if i == 0 {
            s.push_str(&format!("|{}\n", "---|".repeat(line.len())));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(year: i32, table: &str, row: &str, col: &str, v: i64) -> RollupCell {
        RollupCell {
            year,
            group: "all".into(),
            table: table.into(),
            row: row.into(),
            col: col.into(),
            value: Num::int(v),
            units: 1,
            blanks: 0,
        }
    }

    #[test]
    fn a_rollup_becomes_the_years_template_with_every_cell() {
        let cells = vec![
            cell(2023, "t3", "new_received", "total", 40),
            cell(2023, "t3", "granted", "natural_person", 7),
            cell(2022, "t3", "new_received", "total", 32),
        ];
        let r = from_rollup(&cells, 2023).unwrap();
        let t3 = r.table(TableId::T3).unwrap();
        assert_eq!(
            t3.get("new_received", "total").unwrap().value,
            Some(Num::int(40))
        );
        assert_eq!(
            t3.get("denied.state_secret", "total").unwrap().value,
            Some(Num::ZERO)
        );
        assert!(t3.get("other", "total").is_none());
        assert!(r.table(TableId::T2).is_some() && r.table(TableId::T2v2019).is_none());
        let old = from_rollup(&[cell(2020, "t3", "other", "total", 2)], 2020).unwrap();
        let t3 = old.table(TableId::T3).unwrap();
        assert_eq!(t3.get("other", "total").unwrap().value, Some(Num::int(2)));
        assert!(t3.get("other.other", "total").is_none());
        assert!(old.table(TableId::T2v2019).is_some());
        assert!(from_rollup(&cells, 2021).is_none());
        assert!(from_rollup(&[cell(2018, "t3", "new_received", "total", 1)], 2018).is_none());
    }

    #[test]
    fn changes_are_said_in_words() {
        assert_eq!(
            change(Num::int(45), Some(Num::int(40))),
            "同比增长12.5%（上年40件）"
        );
        assert_eq!(
            change(Num::int(30), Some(Num::int(40))),
            "同比下降25.0%（上年40件）"
        );
        assert_eq!(
            change(Num::int(4), Some(Num::int(4))),
            "与上年持平（上年4件）"
        );
        assert_eq!(change(Num::int(4), Some(Num::ZERO)), "上年为0件");
        assert_eq!(change(Num::int(4), None), "同比【待填写】");
    }

    #[test]
    fn sentences_carry_the_tables_figures() {
        let now = from_rollup(
            &[
                cell(2023, "t3", "new_received", "total", 45),
                cell(2023, "t3", "granted", "total", 20),
                cell(2023, "t3", "partially_granted", "total", 5),
                cell(2023, "t3", "total_processed", "total", 40),
                cell(2023, "t4", "review", "total", 3),
                cell(2023, "t4", "review", "corrected", 1),
            ],
            2023,
        )
        .unwrap();
        let before = from_rollup(&[cell(2022, "t3", "new_received", "total", 40)], 2022);
        let d = Draft {
            unit_name: "示例区人民政府".into(),
            year: 2023,
            scope: Scope::Region,
            figures: now,
            previous: before,
            sources: (36, 35),
            caveats: vec![("示例区教育局".into(), vec!["勾稽关系不成立".into()])],
        };
        let md = markdown(&d);
        assert!(md.starts_with("# 示例区人民政府2023年政府信息公开工作年度报告\n"));
        assert!(md.contains("全区各单位共收到政府信息公开申请45件，同比增长12.5%（上年40件）"));
        assert!(md.contains("公开率（予以公开和部分公开占办理结果总计的比例）为62.5%"));
        assert!(md.contains("因政府信息公开被申请行政复议3件"));
        assert!(md.contains("复议纠错率（结果纠正占已审结的比例）为33.3%"));
        assert!(md.contains("由本行政区域内36份"));
        assert!(md.contains("上年数据由35份报告汇总"));
        assert!(md.contains("【待核实】下列单位2023年报告的表格有错误或未能读取的数据"));
        assert!(md.contains("示例区教育局（勾稽关系不成立）。"));
        for s in SectionId::ALL {
            assert!(md.contains(&format!("## {}\n", s.heading_zh())), "{s:?}");
        }
        assert_eq!(md.lines().filter(|l| l.starts_with("|---|")).count(), 3);
    }
}
