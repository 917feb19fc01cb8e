//! T303: 总计 column equals the six applicant columns.

use crate::check::identity::{col, Sum};
use crate::check::{Context, Rule};
use crate::model::ids::T3_COLS;
use crate::model::{Cell, Finding, Report, TableId};

/// ## 检查内容 / What it checks
/// 表三每一行的"总计"等于自然人与五类法人或其他组织之和。
/// Each table 三 row's total equals the sum of the six applicant columns.
/// ## Why it matters
/// Row totals are what the district sums; a wrong total skews the roll-up.
/// ## Fixture
/// `tests/fixtures/rules/T303.txt`
pub(crate) struct RowTotalMismatch;

impl Rule for RowTotalMismatch {
    fn id(&self) -> &'static str {
        "T303"
    }

    fn check(&self, report: &Report, _: &Context, out: &mut Vec<Finding>) {
        let Some(t) = report.table(TableId::T3) else {
            return;
        };
        for (_, cells) in t.rows() {
            let parts: Option<Vec<&Cell>> = T3_COLS[..6].iter().map(|c| col(cells, c)).collect();
            if let (Some(target), Some(parts)) = (col(cells, "total"), parts) {
                Sum {
                    table: t,
                    target,
                    parts,
                }
                .check("T303", out);
            }
        }
    }
}
