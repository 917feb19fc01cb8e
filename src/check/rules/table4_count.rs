//! T402: table 四 counts are whole numbers ≥ 0.

use crate::check::identity::bad_counts;
use crate::check::{Context, Rule};
use crate::model::{Finding, Report, TableId};

/// ## 检查内容 / What it checks
/// 表四的数字应为非负整数。Table 四 cells are whole numbers ≥ 0.
/// ## Why it matters
/// Cases are counted, never negative or fractional.
/// ## Fixture
/// `tests/fixtures/rules/T402.txt`
pub(crate) struct Table4CountInvalid;

impl Rule for Table4CountInvalid {
    fn id(&self) -> &'static str {
        "T402"
    }

    fn check(&self, report: &Report, _: &Context, out: &mut Vec<Finding>) {
        if let Some(t) = report.table(TableId::T4) {
            bad_counts(t, "T402", out);
        }
    }
}
