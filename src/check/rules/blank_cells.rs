//! T305: blank cells in tables 三 and 四, once per table.

use crate::check::{Context, Rule};
use crate::model::{CellRef, CellState, Finding, FindingKind, Report, Severity, TableId};

/// ## 检查内容 / What it checks
/// 表三、表四中应填数字却留空的单元格（每表报告一次）。Identities that fail because of
/// blank cells are reported here too, by the identity's own rule module.
/// ## Why it matters
/// A blank is not a zero: the unit did not finish filling the table.
/// ## Fixture
/// `tests/fixtures/rules/T305.txt`
pub(crate) struct BlankCells;

impl Rule for BlankCells {
    fn id(&self) -> &'static str {
        "T305"
    }

    fn check(&self, report: &Report, _: &Context, out: &mut Vec<Finding>) {
        for id in [TableId::T3, TableId::T4] {
            let Some(t) = report.table(id) else { continue };
            let blanks: Vec<CellRef> = t
                .cells
                .iter()
                .filter(|c| c.state == CellState::Blank)
                .map(|c| CellRef {
                    table: id,
                    row: c.row.as_str(),
                    col: c.col.as_str(),
                })
                .collect();
            if let Some(first) = blanks.first().copied() {
                let span = t.get(first.row, first.col).map(|c| c.span);
                let mut f = Finding::new(
                    "T305",
                    Severity::Warning,
                    FindingKind::BlankCells {
                        table: id,
                        cells: blanks,
                    },
                )
                .on(first);
                if let Some(s) = span {
                    f = f.at(s);
                }
                out.push(f);
            }
        }
    }
}
