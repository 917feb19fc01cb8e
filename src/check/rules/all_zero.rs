//! Z001: every table cell is zero or blank.

use crate::check::{Context, Rule};
use crate::model::{CellState, Finding, FindingKind, Num, Report, Severity};

/// ## 检查内容 / What it checks
/// 各表所有单元格均为0、空白或"/"。Every table cell is zero, blank or not applicable.
/// ## Why it matters
/// Often an unfilled template or a placeholder report; worth a look, not an error.
/// ## Fixture
/// `tests/fixtures/rules/Z001.txt`
pub(crate) struct AllZero;

impl Rule for AllZero {
    fn id(&self) -> &'static str {
        "Z001"
    }

    fn check(&self, report: &Report, _: &Context, out: &mut Vec<Finding>) {
        let mut cells = report.cells().peekable();
        if cells.peek().is_none() {
            return;
        }
        let all_zero = cells.all(|(_, c)| match c.state {
            CellState::Number => c.value == Some(Num::ZERO),
            CellState::Blank | CellState::Na => true,
            CellState::Text => false,
        });
        if all_zero {
            out.push(Finding::new("Z001", Severity::Info, FindingKind::AllZero));
        }
    }
}
