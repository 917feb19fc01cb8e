//! Identities over cells: blank and "/" count as 0; a failing identity with a blank cell in
//! it is incomplete filling (T305), never an arithmetic error (FORMAT.md).

use super::registry::rule_info;
use crate::model::{Cell, CellRef, CellState, Finding, FindingKind, Num, Severity, Table, TableId};

/// `target = Σ parts`, checked on `table`.
pub(crate) struct Sum<'a> {
    pub(crate) table: &'a Table,
    pub(crate) target: &'a Cell,
    pub(crate) parts: Vec<&'a Cell>,
}

/// What an identity check found.
pub(crate) enum Outcome {
    Holds,
    /// Some cell is missing or holds text: nothing to say here (P007/P008 said it).
    Unknown,
    /// Fails, every cell filled.
    Broken {
        expected: Num,
        found: Num,
    },
    /// Fails with blank cells among its terms.
    Blank {
        expected: Num,
        found: Num,
        blanks: Vec<CellRef>,
    },
}

/// Evaluates `lhs` terms against `rhs` terms by ids: Σ lhs = Σ rhs.
pub(crate) fn eval(
    table: &Table,
    lhs: &[(&'static str, &'static str)],
    rhs: &[(&'static str, &'static str)],
) -> Outcome {
    let resolve = |terms: &[(&'static str, &'static str)]| -> Option<Vec<&Cell>> {
        terms
            .iter()
            .map(|&(row, col)| table.get(row, col))
            .collect()
    };
    match (resolve(lhs), resolve(rhs)) {
        (Some(l), Some(r)) => eval_cells(table.id, &l, &r),
        _ => Outcome::Unknown,
    }
}

/// Evaluates cells: Σ lhs = Σ rhs.
pub(crate) fn eval_cells(table: TableId, lhs: &[&Cell], rhs: &[&Cell]) -> Outcome {
    let mut blanks = Vec::new();
    let mut total = |terms: &[&Cell]| -> Option<Num> {
        let mut s = Num::ZERO;
        for c in terms {
            if c.state == CellState::Blank {
                blanks.push(CellRef {
                    table,
                    row: c.row.as_str(),
                    col: c.col.as_str(),
                });
            }
            s = s + c.as_operand()?;
        }
        Some(s)
    };
    let (Some(l), Some(r)) = (total(lhs), total(rhs)) else {
        return Outcome::Unknown;
    };
    if l == r {
        Outcome::Holds
    } else if blanks.is_empty() {
        Outcome::Broken {
            expected: l,
            found: r,
        }
    } else {
        Outcome::Blank {
            expected: l,
            found: r,
            blanks,
        }
    }
}

impl Sum<'_> {
    /// Checks the sum; a broken one becomes a `rule` finding at the target cell.
    pub(crate) fn check(&self, rule: &'static str, out: &mut Vec<Finding>) {
        let target = CellRef {
            table: self.table.id,
            row: self.target.row.as_str(),
            col: self.target.col.as_str(),
        };
        match eval_cells(self.table.id, &self.parts, &[self.target]) {
            Outcome::Holds | Outcome::Unknown => {}
            Outcome::Broken { expected, found } => {
                let kind = FindingKind::TotalMismatch {
                    cell: target,
                    expected,
                    found,
                };
                out.push(at_cell(self.table, target, rule, kind));
            }
            Outcome::Blank {
                expected,
                found,
                blanks,
            } => {
                out.push(blank_finding(self.table, target, expected, found, blanks));
            }
        }
    }
}

/// The cell of `col` among a row's cells.
pub(crate) fn col<'a>(cells: &'a [Cell], col: &str) -> Option<&'a Cell> {
    cells.iter().find(|c| c.col == col)
}

/// A finding pointing at a cell (and at its text when the cell has a span).
pub(crate) fn at_cell(
    table: &Table,
    cell: CellRef,
    rule: &'static str,
    kind: FindingKind,
) -> Finding {
    let severity = rule_info(rule).map_or(Severity::Error, |r| r.severity);
    let f = Finding::new(rule, severity, kind).on(cell);
    match table.get(cell.row, cell.col) {
        Some(c) => f.at(c.span),
        None => f,
    }
}

/// T305 for an identity that fails with blanks.
pub(crate) fn blank_finding(
    table: &Table,
    target: CellRef,
    expected: Num,
    found: Num,
    blanks: Vec<CellRef>,
) -> Finding {
    at_cell(
        table,
        target,
        "T305",
        FindingKind::BlankInIdentity {
            cell: target,
            expected,
            found,
            blanks,
        },
    )
}

/// The numeric cells that are not whole numbers ≥ 0.
pub(crate) fn bad_counts(table: &Table, rule: &'static str, out: &mut Vec<Finding>) {
    for c in &table.cells {
        if let Some(v) = c.value {
            if v.is_negative() || !v.is_whole() {
                let cell = CellRef {
                    table: table.id,
                    row: c.row.as_str(),
                    col: c.col.as_str(),
                };
                out.push(at_cell(
                    table,
                    cell,
                    rule,
                    FindingKind::BadCount { cell, value: v },
                ));
            }
        }
    }
}
