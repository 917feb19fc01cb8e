//! Fitting a row's values to its columns, and making its cells: padding dropped, glued runs
//! set aside, and an abstention (P007) whenever the columns of the values are not certain.

use super::{Built, Glued, LRow};
use crate::model::ids::RowSpec;
use crate::model::{
    Cell, CellRef, CellState, Finding, FindingKind, Incomplete, Severity, Span, Table, TableId,
};
use crate::parse::glued::MAX_CELL_DIGITS;
use crate::parse::text::{classify, Unit};
use crate::parse::zone::Tok;

pub(super) fn p007(
    table: TableId,
    row: Option<&'static str>,
    detail: Incomplete,
    span: Option<Span>,
) -> Finding {
    let f = Finding::new(
        "P007",
        Severity::Warning,
        FindingKind::TableIncomplete { table, row, detail },
    );
    match span {
        Some(s) => f.at(s),
        None => f,
    }
}

/// Fits a row's values to its columns: trailing blanks beyond the columns are padding.
/// Returns `None` (and a finding) when the count does not fit, or when PDF text spreads the
/// values of a row of several columns over several lines (their order is the page's reading
/// order, not certainly the row's).
pub(super) fn fit<'r, 'a>(
    table: TableId,
    spec: &RowSpec,
    row: &'r LRow<'a>,
    pdf: bool,
    b: &mut Built<'a>,
) -> Option<&'r [Tok<'a>]> {
    let n = spec.cols.len();
    let vals = drop_padding(&row.values, n);
    if vals.len() == n {
        if pdf && n > 1 && !row.grid && !on_one_line(vals) {
            let detail = Incomplete::Order {
                expected: n,
                found: vals.len(),
            };
            b.findings
                .push(p007(table, Some(spec.id), detail, row.span()));
            return None;
        }
        return Some(vals);
    }
    if vals.len() < n && is_glued(table, vals, n) {
        b.glued.push(Glued {
            table,
            row: spec.id,
            values: vals.to_vec(),
        });
        return None;
    }
    let detail = if row.grid || vals.len() > n {
        Incomplete::Cells {
            expected: n,
            found: vals.len(),
        }
    } else {
        Incomplete::Ambiguous {
            expected: n,
            found: vals.len(),
        }
    };
    b.findings
        .push(p007(table, Some(spec.id), detail, row.span()));
    None
}

/// True when the filled values stand on one physical line.
pub(super) fn on_one_line(vals: &[Tok<'_>]) -> bool {
    let mut lines = vals
        .iter()
        .filter(|t| !t.text.trim().is_empty())
        .map(|t| t.line);
    let first = lines.next();
    lines.all(|l| Some(l) == first)
}

/// The row read for a row id: the one with values. Rows that name the same row and show
/// different values leave it unknown (a narrative or a note the prose filter missed, or a
/// table repeated with other figures): `Err` with the finding.
pub(super) fn pick_row<'r, 'a>(
    table: TableId,
    id: &'static str,
    rows: &[&'r LRow<'a>],
) -> Result<Option<&'r LRow<'a>>, Box<Finding>> {
    let filled: Vec<&&LRow<'a>> = rows.iter().filter(|r| r.has_values()).collect();
    let Some(first) = filled.first() else {
        return Ok(rows.first().copied());
    };
    let same = |r: &&&LRow<'a>| {
        r.values.len() == first.values.len()
            && r.values
                .iter()
                .zip(&first.values)
                .all(|(a, b)| a.text == b.text)
    };
    if filled.iter().all(same) {
        return Ok(Some(**first));
    }
    let detail = Incomplete::Repeated {
        times: filled.len(),
    };
    Err(Box::new(p007(table, Some(id), detail, first.span())))
}

/// Blank cells beyond the columns are padding (`||`, merged cells left empty) when they
/// are all at one end. Blanks at both ends leave the columns unknown: the row is kept as
/// it is, and `fit` reports it instead of shifting values into the wrong columns.
pub(super) fn drop_padding<'r, 'a>(vals: &'r [Tok<'a>], n: usize) -> &'r [Tok<'a>] {
    if vals.len() <= n {
        return vals;
    }
    let extra = vals.len() - n;
    let blank = |t: &Tok<'_>| t.text.trim().is_empty();
    let trailing = vals[n..].iter().all(blank);
    let leading = vals[..extra].iter().all(blank);
    match (trailing, leading) {
        (true, false) => &vals[..n],
        (false, true) => &vals[extra..],
        (true, true) if vals.iter().all(blank) => &vals[..n],
        _ => vals,
    }
}

/// Fewer tokens than columns, all digit runs, with at least as many digits as columns. A
/// table 二 row, or a row of explicit cells, must be one run: separate cells with one
/// missing are an incomplete row, not a glued one.
pub(super) fn is_glued(table: TableId, vals: &[Tok<'_>], n: usize) -> bool {
    let digits: usize = vals
        .iter()
        .map(|t| t.text.chars().filter(char::is_ascii_digit).count())
        .sum();
    let single = matches!(table, TableId::T2 | TableId::T2v2019) || vals.iter().any(|t| t.grid);
    !vals.is_empty()
        && (!single || vals.len() == 1)
        && vals.iter().all(|t| t.text.chars().all(|c| c.is_ascii_digit() || c == '.'))
        && vals.iter().any(|t| t.text.len() > 1)
        && digits >= n
        // Runs longer than every cell at its widest are not a row glued together.
        && digits <= n * MAX_CELL_DIGITS
}

/// Makes the cells of one row.
pub(super) fn cells_of(
    table: TableId,
    spec: &RowSpec,
    vals: &[Tok<'_>],
    out: &mut Vec<Cell>,
    findings: &mut Vec<Finding>,
) {
    for (col, t) in spec.cols.iter().zip(vals) {
        out.push(make_cell(table, spec.id, col, t, findings));
    }
}

pub(crate) fn make_cell(
    table: TableId,
    row: &'static str,
    col: &'static str,
    t: &Tok<'_>,
    findings: &mut Vec<Finding>,
) -> Cell {
    let v = classify(&t.text);
    let amount = matches!(col, "amount" | "value") && row == "fees_10k_yuan" || col == "amount";
    let value = match (v.num, v.unit) {
        (Some(n), Unit::Yuan) if amount => Some(n.div_10k()),
        (n, _) => n,
    };
    if v.state == CellState::Text {
        let cell = CellRef { table, row, col };
        findings.push(
            Finding::new(
                "P008",
                Severity::Warning,
                FindingKind::CellText {
                    cell,
                    raw: t.text.to_string(),
                },
            )
            .at(t.span)
            .on(cell),
        );
    }
    Cell {
        row: row.into(),
        col: col.into(),
        state: v.state,
        value,
        raw: crate::model::raw_text(t.text.trim()),
        span: t.span,
        reconstructed: false,
    }
}

pub(super) fn table_of(id: TableId, cells: Vec<Cell>) -> Option<Table> {
    let span = cells.iter().map(|c| c.span).reduce(Span::join)?;
    Some(Table::new(id, cells, span))
}
