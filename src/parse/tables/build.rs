//! Tables 二, 三 and 四 built from the rows read: one row per id (a repeated one with other
//! values abstains), table 四 from its value runs when their order is certain.

use super::fit::{
    cells_of, drop_padding, fit, is_glued, make_cell, on_one_line, p007, pick_row, table_of,
};
use super::{Built, Glued, LRow, Rows};
use crate::model::ids::{self, RowSpec, T3_ROWS_2021, T3_ROW_OTHER_2019, T4_ROWS};
use crate::model::{Incomplete, Span, TableId};
use crate::parse::labels;
use crate::parse::text::fold_label;
use crate::parse::zone::Tok;

pub(super) fn build_t2<'a>(rows: &Rows<'a>, b: &mut Built<'a>) {
    let mut evidence: Vec<(String, Span)> = rows
        .t2_labels
        .iter()
        .filter_map(|t| {
            let f = fold_label(&t.text);
            labels::T2_2019_HEADERS
                .iter()
                .find(|h| f.contains(*h))
                .map(|h| (h.to_string(), t.span))
        })
        .collect();
    for r in &rows.t2 {
        // Merged-cell padding ("| 行政许可 | 7 | 7 | 7 |") is not three values.
        let filled = r
            .values
            .iter()
            .filter(|t| !t.text.trim().is_empty())
            .count();
        let distinct = r.values.windows(2).any(|w| w[0].text != w[1].text);
        let lic3 = r.row2019 == Some("licensing") && filled == 3 && (distinct || !r.grid);
        if r.row.is_none() || lic3 {
            let label = r.labels.first().map(|t| (t.text.to_string(), t.span));
            evidence.extend(label);
        }
    }
    if rows.t2.is_empty() {
        b.findings
            .push(p007(TableId::T2, None, Incomplete::Table, None));
        return;
    }
    let v2019 = !evidence.is_empty();
    let (id, specs) = if v2019 {
        (TableId::T2v2019, ids::T2V2019_ROWS)
    } else {
        (TableId::T2, ids::T2_ROWS)
    };
    let mut cells = Vec::new();
    let mut also_2021 = Vec::new();
    for spec in specs {
        let named: Vec<&LRow<'a>> = rows
            .t2
            .iter()
            .filter(|r| {
                if v2019 {
                    r.row2019 == Some(spec.id)
                } else {
                    r.row == Some(spec.id)
                }
            })
            .collect();
        let row = match pick_row(id, spec.id, &named) {
            Ok(Some(row)) => row,
            Ok(None) => {
                b.findings
                    .push(p007(id, Some(spec.id), Incomplete::Row, None));
                continue;
            }
            Err(f) => {
                b.findings.push(*f);
                continue;
            }
        };
        let Some(vals) = fit(id, spec, row, rows.pdf, b) else {
            continue;
        };
        cells_of(id, spec, vals, &mut cells, &mut b.findings);
        if v2019 && matches!(spec.id, "licensing" | "penalty" | "coercion") {
            let mut ignore = Vec::new();
            also_2021.push(make_cell(
                TableId::T2,
                spec.id,
                "value",
                &vals[2],
                &mut ignore,
            ));
        }
    }
    if v2019 {
        b.evidence_2019.extend(evidence);
    }
    b.tables.extend(table_of(id, cells));
    b.tables.extend(table_of(TableId::T2, also_2021));
}

pub(super) fn build_t3<'a>(rows: &Rows<'a>, b: &mut Built<'a>) {
    if rows.t3.is_empty() {
        return;
    }
    let single_other = rows.t3.iter().find(|r| r.row == Some("other"));
    let specs: Vec<&RowSpec> = T3_ROWS_2021
        .iter()
        .filter(|s| single_other.is_none() || !s.id.starts_with("other."))
        .chain(single_other.map(|_| &T3_ROW_OTHER_2019))
        .collect();
    if let Some(r) = single_other {
        let span = r.labels.first().map_or(Span::default(), |t| t.span);
        b.evidence_2019.push(("（六）其他处理".to_string(), span));
    }
    let mut cells = Vec::with_capacity(T3_ROWS_2021.len() * 7);
    // The rows read for each id (looked up once, not per layout row).
    let mut by_id: std::collections::HashMap<&str, Vec<&LRow<'a>>> =
        std::collections::HashMap::with_capacity(32);
    for r in &rows.t3 {
        if let Some(id) = r.row {
            by_id.entry(id).or_default().push(r);
        }
    }
    for spec in specs {
        let named = by_id.get(spec.id).map_or(&[][..], Vec::as_slice);
        let row = match pick_row(TableId::T3, spec.id, named) {
            Ok(Some(row)) => row,
            Ok(None) => {
                b.findings
                    .push(p007(TableId::T3, Some(spec.id), Incomplete::Row, None));
                continue;
            }
            Err(f) => {
                b.findings.push(*f);
                continue;
            }
        };
        if let Some(vals) = fit(TableId::T3, spec, row, rows.pdf, b) {
            cells_of(TableId::T3, spec, vals, &mut cells, &mut b.findings);
        }
    }
    // Cells of the 2019 `other` row come last in the list above; put them in official order.
    if single_other.is_some() {
        cells.sort_by_cached_key(|c| t3_order(c.row.as_str()));
    }
    b.tables.extend(table_of(TableId::T3, cells));
}

pub(super) fn t3_order(row: &str) -> usize {
    match row {
        "other" => T3_ROWS_2021
            .iter()
            .position(|r| r.id == "other.no_correction")
            .unwrap_or(0),
        r => T3_ROWS_2021
            .iter()
            .position(|s| s.id == r)
            .unwrap_or(usize::MAX),
    }
}

pub(super) fn build_t4<'a>(rows: &Rows<'a>, b: &mut Built<'a>) {
    let owned: Vec<Tok<'a>>;
    let vals = if rows.t4.iter().all(|r| r.grid) {
        owned = rows
            .t4
            .iter()
            .flat_map(|r| r.values.iter().cloned())
            .collect();
        drop_padding(&owned, 15)
    } else {
        match t4_line_values(rows) {
            Ok(v) => {
                owned = v;
                drop_padding(&owned, 15)
            }
            Err(detail) => {
                let span = rows
                    .t4
                    .iter()
                    .flat_map(|r| &r.values)
                    .map(|t| t.span)
                    .reduce(Span::join);
                b.findings.push(p007(TableId::T4, None, detail, span));
                return;
            }
        }
    };
    if vals.is_empty() {
        b.findings
            .push(p007(TableId::T4, None, Incomplete::Table, None));
        return;
    }
    if vals.len() != 15 {
        if vals.len() < 15 && is_glued(TableId::T4, vals, 15) {
            b.glued.push(Glued {
                table: TableId::T4,
                row: "review",
                values: vals.to_vec(),
            });
            return;
        }
        let grid = vals.iter().all(|t| t.grid);
        let detail = if grid || vals.len() > 15 {
            Incomplete::Cells {
                expected: 15,
                found: vals.len(),
            }
        } else {
            Incomplete::Ambiguous {
                expected: 15,
                found: vals.len(),
            }
        };
        let span = vals.iter().map(|t| t.span).reduce(Span::join);
        b.findings.push(p007(TableId::T4, None, detail, span));
        return;
    }
    if rows.pdf && !vals.iter().all(|t| t.grid) && !on_one_line(vals) && !all_alike(vals) {
        let span = vals.iter().map(|t| t.span).reduce(Span::join);
        let detail = Incomplete::Order {
            expected: 15,
            found: 15,
        };
        b.findings.push(p007(TableId::T4, None, detail, span));
        return;
    }
    let mut cells = Vec::new();
    for (i, spec) in T4_ROWS.iter().enumerate() {
        cells_of(
            TableId::T4,
            spec,
            &vals[i * 5..i * 5 + 5],
            &mut cells,
            &mut b.findings,
        );
    }
    b.tables.extend(table_of(TableId::T4, cells));
}

/// Every value the same ("0" fifteen times): any order reads the same table.
pub(super) fn all_alike(vals: &[Tok<'_>]) -> bool {
    vals.windows(2)
        .all(|w| w[0].text.trim() == w[1].text.trim())
}

/// Table 四's values in a line form: the one run of values between its header labels and
/// whatever follows (runs of blanks only are the header's empty cells), or three runs of
/// five each led by its block's label ("行政复议 …", "未经复议直接起诉 …", "复议后起诉 …").
/// Values in several runs otherwise come in an order the text does not make certain.
pub(super) fn t4_line_values<'a>(rows: &Rows<'a>) -> Result<Vec<Tok<'a>>, Incomplete> {
    let filled: Vec<&LRow<'a>> = rows
        .t4
        .iter()
        .filter(|r| r.values.iter().any(|t| !t.text.trim().is_empty()))
        .collect();
    match filled.as_slice() {
        [] => Ok(rows
            .t4
            .iter()
            .flat_map(|r| r.values.iter().cloned())
            .collect()),
        [one] => Ok(one.values.clone()),
        runs => by_block(runs).ok_or(Incomplete::Order {
            expected: 15,
            found: runs.iter().map(|r| r.values.len()).sum(),
        }),
    }
}

/// Three runs of five values, each led by a different block's label, in table order.
pub(super) fn by_block<'a>(runs: &[&LRow<'a>]) -> Option<Vec<Tok<'a>>> {
    if runs.len() != 3 {
        return None;
    }
    let mut out: [Option<&[Tok<'a>]>; 3] = [None; 3];
    for r in runs {
        let vals = drop_padding(&r.values, 5);
        let block = labels::t4_block(&fold_label(&r.labels.last()?.text))?;
        if vals.len() != 5 || out[block].is_some() {
            return None;
        }
        out[block] = Some(vals);
    }
    Some(
        out.iter()
            .flat_map(|v| v.unwrap_or(&[]).iter().cloned())
            .collect(),
    )
}
