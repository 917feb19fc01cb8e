//! T401: each table 四 block's total equals its four outcomes.

use crate::check::identity::{col, Sum};
use crate::check::{Context, Rule};
use crate::model::ids::T4_ROWS;
use crate::model::{Cell, Finding, Report, TableId};

/// ## 检查内容 / What it checks
/// 表四行政复议、未经复议直接起诉、复议后起诉三块，各自"总计"等于结果维持、结果纠正、其他结果、尚未审结之和。
/// Each table 四 block's total equals upheld + corrected + other + pending.
/// ## Why it matters
/// Evaluators check it; real reports get it wrong (洪泽区 2023).
/// ## Fixture
/// `tests/fixtures/rules/T401.txt`
pub(crate) struct Table4TotalMismatch;

impl Rule for Table4TotalMismatch {
    fn id(&self) -> &'static str {
        "T401"
    }

    fn check(&self, report: &Report, _: &Context, out: &mut Vec<Finding>) {
        let Some(t) = report.table(TableId::T4) else {
            return;
        };
        for block in T4_ROWS {
            let Some(cells) = t.row(block.id) else {
                continue;
            };
            let parts: Option<Vec<&Cell>> = ["upheld", "corrected", "other", "pending"]
                .iter()
                .map(|c| col(cells, c))
                .collect();
            if let (Some(target), Some(parts)) = (col(cells, "total"), parts) {
                Sum {
                    table: t,
                    target,
                    parts,
                }
                .check("T401", out);
            }
        }
    }
}
