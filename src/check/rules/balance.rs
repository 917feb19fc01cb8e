//! T301: 勾稽 balance.

use crate::check::identity::{at_cell, blank_finding, eval, Outcome};
use crate::check::{Context, Rule};
use crate::model::ids::T3_COLS;
use crate::model::{CellRef, Finding, FindingKind, Report, TableId};

/// ## 检查内容 / What it checks
/// 表三每一列：第一项加第二项之和等于第三项加第四项之和，即
/// new_received + carried_over = total_processed + carried_forward.
/// ## Why it matters
/// The printed rule of the table; a break means a mistyped or missing figure.
/// ## Fixture
/// `tests/fixtures/rules/T301.txt`
pub(crate) struct BalanceBroken;

impl Rule for BalanceBroken {
    fn id(&self) -> &'static str {
        "T301"
    }

    fn check(&self, report: &Report, _: &Context, out: &mut Vec<Finding>) {
        let Some(t) = report.table(TableId::T3) else {
            return;
        };
        for &col in T3_COLS {
            let lhs = [("new_received", col), ("carried_over", col)];
            let rhs = [("total_processed", col), ("carried_forward", col)];
            let target = CellRef {
                table: TableId::T3,
                row: "carried_forward",
                col,
            };
            match eval(t, &lhs, &rhs) {
                Outcome::Holds | Outcome::Unknown => {}
                Outcome::Broken { expected, found } => {
                    out.push(at_cell(
                        t,
                        target,
                        "T301",
                        FindingKind::Balance {
                            col,
                            expected,
                            found,
                        },
                    ));
                }
                Outcome::Blank {
                    expected,
                    found,
                    blanks,
                } => {
                    let fwd = t.get("carried_forward", col).and_then(|c| c.as_operand());
                    let need = fwd.map_or(expected, |f| expected - found + f);
                    out.push(blank_finding(
                        t,
                        target,
                        need,
                        fwd.unwrap_or_default(),
                        blanks,
                    ));
                }
            }
        }
    }
}
