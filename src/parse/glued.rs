//! Rows whose cells a crawler glued into one digit run ("640020470"): reconstructed when
//! the row totals and the table's identities leave exactly one way to split them, else
//! reported as P008 without values.

use super::tables::{make_cell, Built, Glued};
use super::zone::Tok;
use crate::model::ids::{row_spec, T3_COLS, T4_ROWS};
use crate::model::{Finding, FindingKind, Num, Severity, Span, Table, TableId};
use std::collections::BTreeMap;

mod identities;

use identities::identities_hold;

/// More combinations than this and the search gives up (nothing is reconstructed).
const MAX_COMBINATIONS: usize = 200_000;

/// A count in a report cell has at most this many digits; longer parts are not considered.
pub(crate) const MAX_CELL_DIGITS: usize = 9;

/// One way to split a row: the cell texts with their spans.
type Split = Vec<(String, Span)>;

/// Reconstructs what can be reconstructed and reports every glued row.
pub(crate) fn reconstruct(b: &mut Built<'_>) {
    let glued = std::mem::take(&mut b.glued);
    let (t3, rest): (Vec<Glued<'_>>, Vec<Glued<'_>>) =
        glued.into_iter().partition(|g| g.table == TableId::T3);
    let mut done: BTreeMap<(TableId, &'static str), Split> = BTreeMap::new();
    if !t3.is_empty() {
        done.extend(solve_t3(b.tables.iter().find(|t| t.id == TableId::T3), &t3));
    }
    for g in rest.iter().filter(|g| g.table == TableId::T4) {
        if let Some(split) = solve_t4(g) {
            done.insert((TableId::T4, "review"), split);
        }
    }
    for g in rest.iter().filter(|g| g.table != TableId::T4) {
        // Table 二 has no identity within a row: only one digit per cell is certain.
        let mut s = splits(
            &g.values,
            row_spec(g.table, g.row).map_or(0, |r| r.cols.len()),
        );
        if s.len() == 1 {
            done.insert((g.table, g.row), s.remove(0));
        }
    }
    let all: Vec<&Glued<'_>> = t3.iter().chain(&rest).collect();
    for table in [TableId::T2, TableId::T2v2019, TableId::T3, TableId::T4] {
        for reconstructed in [true, false] {
            let group: Vec<&Glued<'_>> = all
                .iter()
                .filter(|g| {
                    g.table == table && done.contains_key(&(g.table, g.row)) == reconstructed
                })
                .copied()
                .collect();
            report(b, table, &group, reconstructed);
        }
    }
    for g in &all {
        if let Some(split) = done.get(&(g.table, g.row)) {
            insert_cells(b, g, split);
        }
    }
}

/// One finding for a table's glued rows that were (or were not) reconstructed.
fn report(b: &mut Built<'_>, table: TableId, group: &[&Glued<'_>], reconstructed: bool) {
    if group.is_empty() {
        return;
    }
    let raw = group
        .iter()
        .map(|g| {
            g.values
                .iter()
                .map(|t| t.text.as_ref())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    // A glued table 四 is one run for all three blocks.
    let rows = if table == TableId::T4 {
        T4_ROWS.iter().map(|r| r.id).collect()
    } else {
        group.iter().map(|g| g.row).collect()
    };
    let kind = FindingKind::GluedDigits {
        table,
        rows,
        raw,
        reconstructed,
    };
    let mut f = Finding::new("P008", Severity::Warning, kind);
    if let Some(s) = group
        .first()
        .and_then(|g| g.values.iter().map(|t| t.span).reduce(Span::join))
    {
        f = f.at(s);
    }
    b.findings.push(f);
}

/// Puts reconstructed cells into their table, keeping the official order.
fn insert_cells(b: &mut Built<'_>, g: &Glued<'_>, split: &Split) {
    let mut ignore = Vec::new();
    let cells: Vec<_> = if g.table == TableId::T4 {
        T4_ROWS
            .iter()
            .flat_map(|r| r.cols.iter().map(move |c| (r.id, *c)))
            .zip(split)
            .map(|((row, col), (text, span))| cell(g.table, row, col, text, *span, &mut ignore))
            .collect()
    } else {
        let Some(spec) = row_spec(g.table, g.row) else {
            return;
        };
        spec.cols
            .iter()
            .zip(split)
            .map(|(col, (text, span))| cell(g.table, spec.id, col, text, *span, &mut ignore))
            .collect()
    };
    let table = match b.tables.iter_mut().find(|t| t.id == g.table) {
        Some(t) => t,
        None => {
            let span = cells.first().map_or(Span::default(), |c| c.span);
            b.tables.push(Table::new(g.table, Vec::new(), span));
            b.tables.last_mut().expect("just pushed")
        }
    };
    table.cells.extend(cells);
    let order = |row: &str| {
        crate::model::ids::rows_of(g.table)
            .iter()
            .position(|r| r.id == row)
            .unwrap_or(usize::MAX)
    };
    let col_order = |table: TableId, row: &str, col: &str| {
        row_spec(table, row)
            .and_then(|r| r.cols.iter().position(|c| *c == col))
            .unwrap_or(usize::MAX)
    };
    let id = table.id;
    table.cells.sort_by_key(|c| {
        (
            order(c.row.as_str()),
            col_order(id, c.row.as_str(), c.col.as_str()),
        )
    });
    table.reindex();
    table.span = table
        .cells
        .iter()
        .map(|c| c.span)
        .reduce(Span::join)
        .unwrap_or(table.span);
}

fn cell(
    table: TableId,
    row: &'static str,
    col: &'static str,
    text: &str,
    span: Span,
    f: &mut Vec<Finding>,
) -> crate::model::Cell {
    let tok = Tok {
        text: std::borrow::Cow::Borrowed(text),
        span,
        is_value: true,
        grid: false,
        line: 0,
    };
    let mut c = make_cell(table, row, col, &tok, f);
    c.reconstructed = true;
    c
}

/// Every way to split the tokens into `n` numbers (no leading zeros, except "0").
fn splits(tokens: &[Tok<'_>], n: usize) -> Vec<Split> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    let mut dead = std::collections::HashSet::new();
    split_rec(tokens, (0, 0, n), &mut cur, &mut out, &mut dead);
    // Cut short, the list says nothing about uniqueness: treat as "cannot tell".
    if out.len() > MAX_COMBINATIONS {
        out.clear();
    }
    out
}

/// Extends `cur` from token `ti`, byte `pos`, with `left` cells still to fill. `dead` holds
/// the states known to have no completion, so that runs of zeros (which must each be a cell
/// of their own) do not make the search exponential.
fn split_rec(
    tokens: &[Tok<'_>],
    (ti, pos, left): (usize, usize, usize),
    cur: &mut Split,
    out: &mut Vec<Split>,
    dead: &mut std::collections::HashSet<(usize, usize, usize)>,
) {
    if out.len() > MAX_COMBINATIONS || dead.contains(&(ti, pos, left)) {
        return;
    }
    let Some(tok) = tokens.get(ti) else {
        if left == 0 {
            out.push(cur.clone());
        }
        return;
    };
    let text: &str = &tok.text;
    if pos == text.len() {
        return split_rec(tokens, (ti + 1, 0, left), cur, out, dead);
    }
    // Every cell takes 1 to MAX_CELL_DIGITS digits, and every token at least one cell.
    let remaining = text.len() - pos + tokens[ti + 1..].iter().map(|t| t.text.len()).sum::<usize>();
    if left == 0
        || remaining < left
        || remaining > left * MAX_CELL_DIGITS
        || tokens.len() - ti > left
    {
        return;
    }
    let before = out.len();
    for end in pos + 1..=text.len().min(pos + MAX_CELL_DIGITS) {
        let part = &text[pos..end];
        if part.len() > 1 && part.starts_with('0') {
            break;
        }
        if !part.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        let span = Span::new(tok.span.start as usize + pos, tok.span.start as usize + end);
        cur.push((part.to_string(), span));
        split_rec(tokens, (ti, end, left - 1), cur, out, dead);
        cur.pop();
    }
    if out.len() == before {
        dead.insert((ti, pos, left));
    }
}

fn nums(split: &Split) -> Vec<Num> {
    split
        .iter()
        .map(|(t, _)| Num::parse_plain(t).unwrap_or_default())
        .collect()
}

/// Splits whose last number is the sum of the others in each group of `width`.
fn with_totals(tokens: &[Tok<'_>], n: usize, width: usize) -> Vec<Split> {
    splits(tokens, n)
        .into_iter()
        .filter(|s| {
            nums(s)
                .chunks(width)
                .all(|g| g[..width - 1].iter().copied().sum::<Num>() == g[width - 1])
        })
        .collect()
}

fn solve_t4(g: &Glued<'_>) -> Option<Split> {
    let mut c = with_totals(&g.values, 15, 5);
    (c.len() == 1).then(|| c.remove(0))
}

/// Table 三: every glued row's splits that satisfy its row total, then the combinations that
/// satisfy the balance and outcome-total identities per column.
fn solve_t3(fixed: Option<&Table>, glued: &[Glued]) -> BTreeMap<(TableId, &'static str), Split> {
    let mut values: BTreeMap<&'static str, Vec<Num>> = BTreeMap::new();
    if let Some(t) = fixed {
        for spec in crate::model::ids::T3_ROWS_2021
            .iter()
            .chain([&crate::model::ids::T3_ROW_OTHER_2019])
        {
            let row: Option<Vec<Num>> = T3_COLS
                .iter()
                .map(|c| t.get(spec.id, c).and_then(|c| c.as_operand()))
                .collect();
            if let Some(r) = row {
                values.insert(spec.id, r);
            }
        }
    }
    let candidates: Vec<Vec<Split>> = glued.iter().map(|g| with_totals(&g.values, 7, 7)).collect();
    let combos = candidates
        .iter()
        .map(Vec::len)
        .try_fold(1usize, |a, n| a.checked_mul(n))
        .unwrap_or(usize::MAX);
    let mut out = BTreeMap::new();
    if combos == 0 || combos > MAX_COMBINATIONS {
        // Nothing, or too much, to search: take only rows whose total leaves one split.
        for (g, c) in glued.iter().zip(&candidates) {
            if c.len() == 1 {
                out.insert((TableId::T3, g.row), c[0].clone());
            }
        }
        return out;
    }
    let mut solutions: Vec<Vec<usize>> = Vec::new();
    let mut pick = vec![0usize; glued.len()];
    for k in 0..combos {
        let mut rest = k;
        for (i, c) in candidates.iter().enumerate() {
            pick[i] = rest % c.len();
            rest /= c.len();
        }
        let mut all = values.clone();
        for (i, g) in glued.iter().enumerate() {
            all.insert(g.row, nums(&candidates[i][pick[i]]));
        }
        if identities_hold(&all) {
            solutions.push(pick.clone());
            if solutions.len() > 1
                && (0..glued.len()).all(|i| solutions.iter().any(|s| s[i] != solutions[0][i]))
            {
                break;
            }
        }
    }
    let rows_agreeing = |i: usize| {
        solutions
            .first()
            .filter(|s0| solutions.iter().all(|s| s[i] == s0[i]))
            .map(|s0| s0[i])
    };
    for (i, g) in glued.iter().enumerate() {
        let chosen = if solutions.is_empty() {
            (candidates[i].len() == 1).then_some(0)
        } else {
            rows_agreeing(i)
        };
        if let Some(j) = chosen {
            out.insert((TableId::T3, g.row), candidates[i][j].clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(t: &str) -> Tok<'_> {
        Tok {
            text: t.into(),
            span: Span::default(),
            is_value: true,
            grid: false,
            line: 0,
        }
    }

    #[test]
    fn one_digit_per_cell_is_the_only_split() {
        assert_eq!(splits(&[tok("0000000")], 7).len(), 1);
    }

    fn row(vals: [i64; 7]) -> Vec<Num> {
        vals.iter()
            .map(|n| Num::parse_plain(&n.to_string()).expect("a count"))
            .collect()
    }

    #[test]
    fn the_outcome_total_needs_every_outcome_row() {
        let mut v: BTreeMap<&'static str, Vec<Num>> = BTreeMap::new();
        for r in crate::model::ids::T3_ROWS_2021 {
            v.insert(r.id, row([0; 7]));
        }
        v.insert("total_processed", row([1, 0, 0, 0, 0, 0, 1]));
        v.insert("granted", row([1, 0, 0, 0, 0, 0, 1]));
        v.insert("new_received", row([1, 0, 0, 0, 0, 0, 1]));
        assert!(identities_hold(&v));
        v.insert("granted", row([0; 7]));
        assert!(!identities_hold(&v));
        // The row that holds the figure was not read: the outcome total says nothing then.
        v.remove("granted");
        assert!(identities_hold(&v));
    }

    #[test]
    fn row_totals_narrow_the_splits() {
        let c = with_totals(&[tok("640020470")], 7, 7);
        let texts: Vec<Vec<String>> = c
            .iter()
            .map(|s| s.iter().map(|(t, _)| t.clone()).collect())
            .collect();
        assert!(texts.contains(&vec![
            "64".into(),
            "0".into(),
            "0".into(),
            "2".into(),
            "0".into(),
            "4".into(),
            "70".into()
        ]));
    }
}
