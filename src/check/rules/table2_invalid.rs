//! T201: table 二 values are non-negative, counts whole.

use crate::check::identity::at_cell;
use crate::check::{Context, Rule};
use crate::model::{CellRef, Finding, FindingKind, Report, TableId};

/// ## 检查内容 / What it checks
/// 表二数值不得为负（2019年版"本年增/减"除外），件数应为整数（收费金额、采购金额可为小数）。
/// Table 二 values are not negative (except 2019's change column); counts are whole.
/// ## Why it matters
/// A negative or fractional count is a typing error.
/// ## Fixture
/// `tests/fixtures/rules/T201.txt`
pub(crate) struct Table2ValueInvalid;

impl Rule for Table2ValueInvalid {
    fn id(&self) -> &'static str {
        "T201"
    }

    fn check(&self, report: &Report, _: &Context, out: &mut Vec<Finding>) {
        for id in [TableId::T2v2019, TableId::T2] {
            let Some(t) = report.table(id) else { continue };
            // The 2021 cells copied from a 2019 table were checked there already.
            if id == TableId::T2 && report.table(TableId::T2v2019).is_some() {
                continue;
            }
            for c in &t.cells {
                let Some(v) = c.value else { continue };
                let amount = c.row == "fees_10k_yuan" || c.col == "amount";
                let may_be_negative = c.col == "change";
                if (v.is_negative() && !may_be_negative) || (!amount && !v.is_whole()) {
                    let cell = CellRef {
                        table: id,
                        row: c.row.as_str(),
                        col: c.col.as_str(),
                    };
                    out.push(at_cell(
                        t,
                        cell,
                        "T201",
                        FindingKind::T2Invalid { cell, value: v },
                    ));
                }
            }
        }
    }
}
