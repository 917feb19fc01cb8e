//! The national template's tables as grids of merged cells, the way the template prints
//! them (`rowspan`/`colspan`): what the HTML and DOCX writers lay out.
//!
//! A row lists the cells that start in it, left to right; a position covered by a cell
//! from a row above is not listed (as in HTML).

use super::docx;
use crate::model::ids::{T3_COLS, T3_COLS_ZH, T4_COLS, T4_COLS_ZH};
use crate::model::{CellState, Report, Table, TableId};

/// A cell of a grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridCell {
    /// Its text; `\n` where the template breaks the line inside the cell.
    pub text: String,
    /// Grid columns it spans (≥ 1).
    pub colspan: usize,
    /// Grid rows it spans (≥ 1).
    pub rowspan: usize,
    /// The table cell it shows, (row id, column id); `None` for a label.
    pub at: Option<(&'static str, &'static str)>,
}

impl GridCell {
    fn new(text: impl Into<String>, colspan: usize, rowspan: usize) -> GridCell {
        GridCell {
            text: text.into(),
            colspan,
            rowspan,
            at: None,
        }
    }

    /// The cell showing table `t`'s value at (`row`, `col`).
    fn value(t: &Table, row: &'static str, col: &'static str) -> GridCell {
        GridCell {
            at: Some((row, col)),
            ..GridCell::new(value_text(t, row, col), 1, 1)
        }
    }
}

/// A table: its columns' relative widths and its rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    /// Relative width of each grid column (they sum to 100).
    pub widths: Vec<u32>,
    /// The rows, each the cells that start in it.
    pub rows: Vec<Vec<GridCell>>,
}

/// The report's tables 二, 三 and 四 (a table the report lacks is an empty grid).
pub fn tables(report: &Report) -> [Grid; 3] {
    [t2(report), t3(report), t4(report)]
}

/// Cells after a label in a four-column table 二: one per value, the last stretched to
/// the table's end.
fn spread(label: &str, cells: Vec<GridCell>) -> Vec<GridCell> {
    let mut row = vec![GridCell::new(label, 1, 1)];
    let n = cells.len().max(1);
    for (i, c) in cells.into_iter().enumerate() {
        let colspan = if i + 1 == n { 4 - n } else { 1 };
        row.push(GridCell { colspan, ..c });
    }
    row
}

fn t2(report: &Report) -> Grid {
    let mut rows = Vec::new();
    let (t, blocks): (_, &[Block]) = if let Some(t) = report.table(TableId::T2v2019) {
        (t, T2_2019)
    } else if let Some(t) = report.table(TableId::T2) {
        (t, T2_2021)
    } else {
        return Grid {
            widths: Vec::new(),
            rows,
        };
    };
    for (item, heads, data) in blocks {
        rows.push(vec![GridCell::new(*item, 4, 1)]);
        rows.push(spread(
            "信息内容",
            heads.iter().map(|h| GridCell::new(*h, 1, 1)).collect(),
        ));
        for (id, label) in *data {
            let cols = crate::model::ids::row_spec(t.id, id).map_or(&[][..], |s| s.cols);
            let values = cols.iter().map(|c| GridCell::value(t, id, c)).collect();
            rows.push(spread(label, values));
        }
    }
    Grid {
        widths: vec![34, 22, 22, 22],
        rows,
    }
}

type Block = (
    &'static str,
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
);

const T2_2021: &[Block] = &[
    (
        "第二十条第（一）项",
        &["本年制发件数", "本年废止件数", "现行有效件数"],
        &[("rules", "规章"), ("normative", "行政规范性文件")],
    ),
    (
        "第二十条第（五）项",
        &["本年处理决定数量"],
        &[("licensing", "行政许可")],
    ),
    (
        "第二十条第（六）项",
        &["本年处理决定数量"],
        &[("penalty", "行政处罚"), ("coercion", "行政强制")],
    ),
    (
        "第二十条第（八）项",
        &["本年收费金额（单位：万元）"],
        &[("fees_10k_yuan", "行政事业性收费")],
    ),
];

const T2_2019: &[Block] = &[
    (
        "第二十条第（一）项",
        &["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        &[("rules", "规章"), ("normative", "规范性文件")],
    ),
    (
        "第二十条第（五）项",
        &["上一年项目数量", "本年增/减", "处理决定数量"],
        &[
            ("licensing", "行政许可"),
            ("other_services", "其他对外管理服务事项"),
        ],
    ),
    (
        "第二十条第（六）项",
        &["上一年项目数量", "本年增/减", "处理决定数量"],
        &[("penalty", "行政处罚"), ("coercion", "行政强制")],
    ),
    (
        "第二十条第（八）项",
        &["上一年项目数量", "本年增/减"],
        &[("fees", "行政事业性收费")],
    ),
    (
        "第二十条第（九）项",
        &["采购项目数量", "采购总金额"],
        &[("procurement", "政府集中采购")],
    ),
];

/// Table 三's row label as the template prints it: (group, own label); labels the template
/// breaks inside the cell carry a `\n`.
fn t3_grid_label(id: &str) -> (Option<&'static str>, &'static str) {
    match id {
        "partially_granted" => (
            None,
            "（二）部分公开\n（区分处理的，只计这一情形，不计其他情形）",
        ),
        "other.no_correction" => (
            Some("（六）其他处理"),
            "1.申请人无正当理由逾期不补正、\n行政机关不再处理其政府信息公开申请",
        ),
        "other.unpaid_fee" => (
            Some("（六）其他处理"),
            "2.申请人逾期未按收费通知要求缴纳费用、\n行政机关不再处理其政府信息公开申请",
        ),
        _ => t3_label(id),
    }
}

fn t3(report: &Report) -> Grid {
    let mut rows = vec![
        vec![
            GridCell::new(
                "（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）",
                3,
                3,
            ),
            GridCell::new("申请人情况", 7, 1),
        ],
        vec![
            GridCell::new("自然人", 1, 2),
            GridCell::new("法人或其他组织", 5, 1),
            GridCell::new("总计", 1, 2),
        ],
        T3_COLS_ZH[1..6]
            .iter()
            .map(|l| GridCell::new(*l, 1, 1))
            .collect(),
    ];
    let widths = vec![9, 10, 25, 8, 8, 8, 8, 8, 8, 8];
    let Some(t) = report.table(TableId::T3) else {
        return Grid { widths, rows };
    };
    let ids = row_ids(t);
    let is_outcome = |id: &str| !matches!(id, "new_received" | "carried_over" | "carried_forward");
    let outcomes = ids.iter().filter(|id| is_outcome(id)).count();
    let mut outer_done = false;
    let mut prev_group = None;
    for (i, id) in ids.iter().enumerate() {
        let (group, label) = t3_grid_label(id);
        let mut row = Vec::new();
        if !is_outcome(id) {
            row.push(GridCell::new(label, 3, 1));
        } else {
            if !outer_done {
                row.push(GridCell::new("三、本年度办理结果", 1, outcomes));
                outer_done = true;
            }
            match group {
                Some(g) => {
                    if prev_group != Some(g) {
                        let n = ids[i..]
                            .iter()
                            .take_while(|r| t3_grid_label(r).0 == Some(g))
                            .count();
                        row.push(GridCell::new(g, 1, n));
                    }
                    row.push(GridCell::new(label, 1, 1));
                }
                None => row.push(GridCell::new(label, 2, 1)),
            }
        }
        prev_group = group;
        row.extend(T3_COLS.iter().map(|c| GridCell::value(t, id, c)));
        rows.push(row);
    }
    Grid { widths, rows }
}

/// A table's row ids in order, each once.
fn row_ids(t: &Table) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = t.cells.iter().map(|c| c.row.as_str()).collect();
    ids.dedup();
    ids
}

fn t4(report: &Report) -> Grid {
    let one = |l: &str| GridCell::new(l, 1, 1);
    let mut second: Vec<GridCell> = T4_COLS_ZH.iter().map(|l| GridCell::new(*l, 1, 2)).collect();
    second.push(GridCell::new("未经复议直接起诉", 5, 1));
    second.push(GridCell::new("复议后起诉", 5, 1));
    let mut rows = vec![
        vec![
            GridCell::new("行政复议", 5, 1),
            GridCell::new("行政诉讼", 10, 1),
        ],
        second,
        T4_COLS_ZH.iter().cycle().take(10).map(|l| one(l)).collect(),
    ];
    if let Some(t) = report.table(TableId::T4) {
        let mut values = Vec::new();
        for row in ["review", "suit_direct", "suit_after_review"] {
            for col in T4_COLS {
                values.push(GridCell::value(t, row, col));
            }
        }
        rows.push(values);
    }
    Grid {
        widths: vec![7; 15],
        rows,
    }
}

/// The grid's rows with every position listed: `Some(cell)` where a cell starts, `None`
/// where a cell from above covers it (one `None` per covering cell, its span wide), as a
/// Word table's `vMerge` continuation cells are. Each entry is (cell, grid column).
pub fn with_covered(grid: &Grid) -> Vec<Vec<(Option<&GridCell>, usize, usize)>> {
    // Per grid column: rows still covered, and the covering cell's column span.
    let mut covered: Vec<(usize, usize)> = vec![(0, 1); grid.widths.len()];
    let mut out = Vec::new();
    for row in &grid.rows {
        let mut line = Vec::new();
        let mut col = 0;
        let mut cells = row.iter();
        loop {
            if let Some(&(left, span)) = covered.get(col).filter(|c| c.0 > 0) {
                line.push((None, col, span));
                for c in covered.iter_mut().skip(col).take(span) {
                    c.0 = left - 1;
                }
                col += span.max(1);
                continue;
            }
            let Some(cell) = cells.next() else { break };
            if covered.len() < col + cell.colspan {
                covered.resize(col + cell.colspan, (0, 1));
            }
            for c in covered.iter_mut().skip(col).take(cell.colspan) {
                *c = (cell.rowspan.saturating_sub(1), cell.colspan);
            }
            line.push((Some(cell), col, cell.colspan));
            col += cell.colspan.max(1);
        }
        out.push(line);
    }
    out
}

/// A cell's text as the report writes it: its number, nothing for a blank, its raw text.
pub fn value_text(t: &Table, row: &str, col: &str) -> String {
    match t.get(row, col) {
        Some(c) => match c.state {
            CellState::Number => c.value.map(|v| v.to_string()).unwrap_or_default(),
            CellState::Blank => String::new(),
            CellState::Na | CellState::Text => c.raw.to_string(),
        },
        None => String::new(),
    }
}

/// Printed labels of table 三 rows: (group label, own label).
pub fn t3_label(id: &str) -> (Option<&'static str>, &'static str) {
    match id {
        "new_received" => (None, "一、本年新收政府信息公开申请数量"),
        "carried_over" => (None, "二、上年结转政府信息公开申请数量"),
        "granted" => (None, "（一）予以公开"),
        "partially_granted" => (
            None,
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ),
        "denied.state_secret" => (Some("（三）不予公开"), "1.属于国家秘密"),
        "denied.law_forbidden" => (Some("（三）不予公开"), "2.其他法律行政法规禁止公开"),
        "denied.security_stability" => (Some("（三）不予公开"), "3.危及“三安全一稳定”"),
        "denied.third_party" => (Some("（三）不予公开"), "4.保护第三方合法权益"),
        "denied.internal_affairs" => (Some("（三）不予公开"), "5.属于三类内部事务信息"),
        "denied.process_info" => (Some("（三）不予公开"), "6.属于四类过程性信息"),
        "denied.enforcement_file" => (Some("（三）不予公开"), "7.属于行政执法案卷"),
        "denied.admin_query" => (Some("（三）不予公开"), "8.属于行政查询事项"),
        "unable.no_info" => (Some("（四）无法提供"), "1.本机关不掌握相关政府信息"),
        "unable.needs_creation" => (Some("（四）无法提供"), "2.没有现成信息需要另行制作"),
        "unable.unclear" => (Some("（四）无法提供"), "3.补正后申请内容仍不明确"),
        "rejected.petition" => (Some("（五）不予处理"), "1.信访举报投诉类申请"),
        "rejected.repeat" => (Some("（五）不予处理"), "2.重复申请"),
        "rejected.publication" => (Some("（五）不予处理"), "3.要求提供公开出版物"),
        "rejected.excessive" => (Some("（五）不予处理"), "4.无正当理由大量反复申请"),
        "rejected.confirmation" => (
            Some("（五）不予处理"),
            "5.要求行政机关确认或重新出具已获取信息",
        ),
        "other.no_correction" => (
            Some("（六）其他处理"),
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ),
        "other.unpaid_fee" => (
            Some("（六）其他处理"),
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ),
        "other.other" => (Some("（六）其他处理"), "3.其他"),
        "other" => (None, "（六）其他处理"),
        "total_processed" => (None, "（七）总计"),
        _ => (None, "四、结转下年度继续办理"),
    }
}

/// A grid as a Word table `width` twips wide: a cell covered from above is a `vMerge`
/// continuation.
pub fn docx_table(g: &Grid, width: u32) -> docx::Table {
    let widths = g.widths.iter().map(|w| w * width / 100).collect();
    let rows = with_covered(g)
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|(cell, _, span)| match cell {
                    Some(c) => docx::Cell {
                        text: c.text.clone(),
                        span: c.colspan,
                        merge: if c.rowspan > 1 {
                            docx::Merge::Restart
                        } else {
                            docx::Merge::None
                        },
                    },
                    None => docx::Cell {
                        text: String::new(),
                        span,
                        merge: docx::Merge::Continue,
                    },
                })
                .collect()
        })
        .collect();
    docx::Table { widths, rows }
}

/// A grid as an HTML table with the template's merged cells; `title` gives a value cell's
/// tooltip from its (row id, column id).
pub fn html_table(g: &Grid, title: &dyn Fn(&str, &str) -> Option<String>) -> String {
    use super::escape_html as escape;
    let mut s = String::from("<table class=\"official\">\n");
    for row in &g.rows {
        s.push_str("<tr>");
        for c in row {
            let tag = if c.at.is_some() { "td" } else { "th" };
            s.push('<');
            s.push_str(tag);
            if c.colspan > 1 {
                s.push_str(&format!(" colspan=\"{}\"", c.colspan));
            }
            if c.rowspan > 1 {
                s.push_str(&format!(" rowspan=\"{}\"", c.rowspan));
            }
            if let Some(t) = c.at.and_then(|(r, col)| title(r, col)) {
                s.push_str(&format!(" title=\"{}\"", escape(&t)));
            }
            s.push('>');
            let lines: Vec<String> = c.text.split('\n').map(escape).collect();
            s.push_str(&lines.join("<br>"));
            s.push_str(&format!("</{tag}>"));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</table>\n");
    s
}
