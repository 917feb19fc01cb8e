//! T304: table 三 counts are whole numbers ≥ 0.

use crate::check::identity::bad_counts;
use crate::check::{Context, Rule};
use crate::model::{Finding, Report, TableId};

/// ## 检查内容 / What it checks
/// 表三的数字应为非负整数。Table 三 cells are whole numbers ≥ 0.
/// ## Why it matters
/// Applications are counted, never negative or fractional.
/// ## Fixture
/// `tests/fixtures/rules/T304.txt`
pub(crate) struct Table3CountInvalid;

impl Rule for Table3CountInvalid {
    fn id(&self) -> &'static str {
        "T304"
    }

    fn check(&self, report: &Report, _: &Context, out: &mut Vec<Finding>) {
        if let Some(t) = report.table(TableId::T3) {
            bad_counts(t, "T304", out);
        }
    }
}
