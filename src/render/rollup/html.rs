//! rollup-YEAR.html: the roll-up's tables in the template's layout (merged headers, as the
//! workbook has them), each cell's counts of units in its tooltip; the page's other parts
//! from rollup-YEAR.md.

use super::{table_heading, RollupCell, LEGEND_EN, LEGEND_ZH};
use crate::model::ids::{rows_of, TableId, T3_ROW_OTHER_2019};
use crate::model::{raw_text, Cell, CellState, Lang, Report, Span, Table};
use crate::render::escape_html as escape;
use crate::render::grid;
use std::collections::BTreeMap;

/// Tables 二, 三 and 四 of `year`'s roll-up (group `all`) as HTML in the template's layout,
/// each under its heading; a sum's tooltip says how many units gave a number and how many
/// left the cell blank. Tables the roll-up has nothing of are left out.
pub fn official_tables(cells: &[RollupCell], year: i32, lang: Lang) -> String {
    let sums: BTreeMap<(&str, &str, &str), &RollupCell> = cells
        .iter()
        .filter(|c| c.year == year && c.group == "all")
        .map(|c| ((c.table.as_str(), c.row.as_str(), c.col.as_str()), c))
        .collect();
    let mut out = String::new();
    for (k, table) in [
        (0, TableId::T2),
        (0, TableId::T2v2019),
        (1, TableId::T3),
        (2, TableId::T4),
    ] {
        let mut specs: Vec<_> = rows_of(table).iter().collect();
        if table == TableId::T3 {
            // The 2019 layout's single （六）其他处理 row stands where the 2021 one's three do.
            let at = specs
                .iter()
                .position(|r| r.id == "total_processed")
                .unwrap_or(specs.len());
            specs.insert(at, &T3_ROW_OTHER_2019);
        }
        let mut found = Vec::new();
        for spec in specs {
            for col in spec.cols {
                if let Some(c) = sums.get(&(table.as_str(), spec.id, *col)) {
                    found.push(Cell {
                        row: spec.id.into(),
                        col: (*col).into(),
                        state: CellState::Number,
                        value: Some(c.value),
                        raw: raw_text(&c.value.to_string()),
                        span: Span::default(),
                        reconstructed: false,
                    });
                }
            }
        }
        if found.is_empty() {
            continue;
        }
        let report = Report {
            tables: vec![Table::new(table, found, Span::default())],
            ..Report::default()
        };
        let g = &grid::tables(&report)[k];
        let title = |row: &str, col: &str| {
            sums.get(&(table.as_str(), row, col)).map(|c| {
                format!(
                    "{} 个单位填报数字，{} 个单位留空 / {} gave a number, {} left it blank",
                    c.units, c.blanks, c.units, c.blanks
                )
            })
        };
        out.push_str(&format!(
            "<h2>{}</h2>\n",
            escape(table_heading(table, lang))
        ));
        out.push_str(&grid::html_table(g, &title));
    }
    out
}

/// rollup-YEAR.html: a body (see [`rollup_html_body`] and [`official_tables`]) as a page that
/// opens from disk and prints on A4.
pub fn rollup_page(body: &str, year: i32) -> String {
    let sign = crate::model::OUTPUT_SIGN;
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"{sign}\">\n<title>{year}年度政府信息公开工作年度报告汇总</title>\n<style>\n@page {{ size: A4; margin: 15mm; }}\nbody {{ font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif; font-size: 10pt; }}\ntable {{ border-collapse: collapse; margin-bottom: 1em; page-break-inside: avoid; }}\nth, td {{ border: 1px solid #666; padding: 2px 4px; }}\ntd {{ text-align: right; }}\ntd:first-child, th:first-child {{ text-align: left; }}\ntable.official th {{ font-weight: normal; text-align: center; }}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

/// The HTML of rollup-YEAR.md's headings, paragraphs and tables (no page around them).
pub fn rollup_html_body(markdown: &str) -> String {
    let mut body = String::new();
    let mut in_table = false;
    for line in markdown.lines() {
        if line.starts_with("<!--") {
            // The output sign: the page carries its own.
            continue;
        } else if let Some(h) = line.strip_prefix("# ") {
            body.push_str(&format!("<h1>{}</h1>\n", escape(h)));
        } else if let Some(h) = line.strip_prefix("## ") {
            body.push_str(&format!("<h2>{}</h2>\n", escape(h)));
        } else if line.starts_with("|---") {
            continue;
        } else if let Some(rest) = line.strip_prefix(LEGEND_ZH) {
            // The page keeps the counts in each cell's tooltip.
            body.push_str(&format!(
                "<p>每格为合计；鼠标停在数字上可见填报数字和留空的单位数。{}</p>\n",
                escape(rest)
            ));
        } else if let Some(rest) = line.strip_prefix(LEGEND_EN) {
            body.push_str(&format!(
                "<p>Each cell is a sum; hover over it for the units that gave a number and left it blank.{}</p>\n",
                escape(rest)
            ));
        } else if let Some(row) = line.strip_prefix('|') {
            let cells: Vec<&str> = row
                .trim_end_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let tag = if in_table { "td" } else { "th" };
            if !in_table {
                body.push_str("<table>\n");
                in_table = true;
            }
            body.push_str("<tr>");
            for c in cells {
                body.push_str(&html_cell(tag, c));
            }
            body.push_str("</tr>\n");
        } else {
            if in_table {
                body.push_str("</table>\n");
                in_table = false;
            }
            if !line.trim().is_empty() {
                body.push_str(&format!("<p>{}</p>\n", escape(line)));
            }
        }
    }
    if in_table {
        body.push_str("</table>\n");
    }
    body
}

/// A cell of the page: a sum with its counts `V〔U；B〕` shows V, the counts in a tooltip
/// (`title`), so that the table reads like the official one.
fn html_cell(tag: &str, text: &str) -> String {
    let counts = text
        .strip_suffix('〕')
        .and_then(|t| t.split_once('〔'))
        .and_then(|(v, c)| Some((v, c.split_once('；')?)));
    match counts {
        Some((value, (units, blanks))) => format!(
            "<{tag} title=\"{}\">{}</{tag}>",
            escape(&format!("{units} 个单位填报数字，{blanks} 个单位留空 / {units} gave a number, {blanks} left it blank")),
            escape(value)
        ),
        None => format!("<{tag}>{}</{tag}>", escape(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_tables_from_the_markdown_are_escaped() {
        let md = "# 标题\n\n说明<1>\n\n## 表四 (t4)\n\n| | 总计 |\n|---|---|\n| 行政复议 | 3〔2；0〕 |\n";
        let html = rollup_page(&rollup_html_body(md), 2023);
        assert!(html.contains("<h1>标题</h1>"));
        assert!(html.contains("<p>说明&lt;1&gt;</p>"));
        assert!(html.contains("<tr><th></th><th>总计</th></tr>"));
        assert!(html.contains(
            "<tr><td>行政复议</td><td title=\"2 个单位填报数字，0 个单位留空 / 2 gave a number, 0 left it blank\">3</td></tr>"
        ));
        assert!(html.ends_with("</html>\n"));
    }

    #[test]
    fn the_page_says_the_counts_are_in_tooltips_in_either_language() {
        for (legend, says) in [(LEGEND_ZH, "鼠标停在数字上"), (LEGEND_EN, "hover over it")] {
            let html = rollup_html_body(&format!("{legend} 其余说明\n"));
            assert!(html.contains(says) && html.contains("其余说明"), "{html}");
            assert!(!html.contains('〔'), "{html}");
        }
    }

    #[test]
    fn the_official_tables_merge_headers_and_keep_counts_in_tooltips() {
        let cell = |table: &str, row: &str, col: &str, v: i64| RollupCell {
            year: 2023,
            group: "all".into(),
            table: table.into(),
            row: row.into(),
            col: col.into(),
            value: crate::model::Num::int(v),
            units: 3,
            blanks: 1,
        };
        let cells = vec![
            cell("t3", "new_received", "total", 40),
            cell("t3", "other", "total", 2),
            cell("t4", "review", "total", 5),
        ];
        let html = official_tables(&cells, 2023, Lang::Zh);
        assert!(!html.contains("表二"), "{html}");
        assert!(html.contains("<th colspan=\"7\">申请人情况</th>"), "{html}");
        assert!(
            html.contains("<th colspan=\"5\">法人或其他组织</th>"),
            "{html}"
        );
        assert!(html.contains(
            "<td title=\"3 个单位填报数字，1 个单位留空 / 3 gave a number, 1 left it blank\">40</td>"
        ));
        assert!(html.contains("（六）其他处理"));
        assert!(html.contains("<th colspan=\"10\">行政诉讼</th>"));
        assert!(official_tables(&cells, 2022, Lang::Zh).is_empty());
    }
}
