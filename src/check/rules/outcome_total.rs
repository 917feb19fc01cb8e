//! T302: （七）总计 equals the sum of the outcome rows.

use crate::check::identity::{col, Sum};
use crate::check::{Context, Rule};
use crate::model::ids::{T3_COLS, T3_ROWS_2021};
use crate::model::{Cell, Finding, Report, TableId};

/// ## 检查内容 / What it checks
/// 表三"（七）总计"应等于（一）至（六）各办理结果之和（每一列）。
/// Table 三's total_processed equals the sum of the outcome rows, per column.
/// ## Why it matters
/// A mismatch usually means a mistyped cell or a misparsed table.
/// ## Fixture
/// `tests/fixtures/rules/T302.txt`
pub(crate) struct OutcomeTotalMismatch;

/// The outcome rows of the layout the table uses.
pub(crate) fn outcome_rows(t: &crate::model::Table) -> Vec<&'static str> {
    let single_other = t.has_row("other");
    T3_ROWS_2021
        .iter()
        .map(|r| r.id)
        .filter(|id| {
            !matches!(
                *id,
                "new_received" | "carried_over" | "total_processed" | "carried_forward"
            )
        })
        .filter(|id| !(single_other && id.starts_with("other.")))
        .chain(single_other.then_some("other"))
        .collect()
}

impl Rule for OutcomeTotalMismatch {
    fn id(&self) -> &'static str {
        "T302"
    }

    fn check(&self, report: &Report, _: &Context, out: &mut Vec<Finding>) {
        let Some(t) = report.table(TableId::T3) else {
            return;
        };
        let Some(total) = t.row("total_processed") else {
            return;
        };
        let Some(rows) = outcome_rows(t)
            .into_iter()
            .map(|r| t.row(r))
            .collect::<Option<Vec<_>>>()
        else {
            return;
        };
        for &c in T3_COLS {
            let parts: Option<Vec<&Cell>> = rows.iter().map(|cells| col(cells, c)).collect();
            if let (Some(target), Some(parts)) = (col(total, c), parts) {
                Sum {
                    table: t,
                    target,
                    parts,
                }
                .check("T302", out);
            }
        }
    }
}
