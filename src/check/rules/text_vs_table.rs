//! N001: a figure quoted in the text contradicts the table.

use crate::check::{Context, Rule};
use crate::model::{CellRef, CellState, Finding, FindingKind, Report, Severity};

/// ## 检查内容 / What it checks
/// 正文中引用的数字（如"收到…申请1件""行政复议…0件"）应与表格一致。
/// Figures quoted in the text equal the table.
/// ## Why it matters
/// When text and table disagree, one of them is wrong, and readers notice.
/// ## Fixture
/// `tests/fixtures/rules/N001.txt`
pub(crate) struct TextContradictsTable;

impl Rule for TextContradictsTable {
    fn id(&self) -> &'static str {
        "N001"
    }

    fn check(&self, report: &Report, _: &Context, out: &mut Vec<Finding>) {
        for f in &report.text_figures {
            let Some(c) = report.table(f.table).and_then(|t| t.get(f.row, f.col)) else {
                continue;
            };
            if c.state != CellState::Number {
                continue;
            }
            let Some(v) = c.value else { continue };
            if v != f.value {
                let cell = CellRef {
                    table: f.table,
                    row: f.row,
                    col: f.col,
                };
                let kind = FindingKind::TextVsTable {
                    cell,
                    quote: f.quote.clone(),
                    text_value: f.value,
                    table_value: v,
                };
                out.push(
                    Finding::new("N001", Severity::Warning, kind)
                        .at(f.span)
                        .on(cell),
                );
            }
        }
    }
}
