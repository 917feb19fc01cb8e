//! P006: a 2021+ report in the 2019 layout.

use crate::check::{Context, Rule};
use crate::model::{Finding, FindingKind, Report, Severity, Template};

/// ## 检查内容 / What it checks
/// 2021年度及以后的报告应使用国办公开办函〔2021〕30号的表格；出现"本年新制作数量""上一年项目数量"
/// "政府集中采购"或单行的"（六）其他处理"即为2019年版。
/// A report for 2021 or later uses the 2019 table layout.
/// ## Why it matters
/// The 2019 columns cannot be summed with the 2021 ones.
/// ## Fixture
/// `tests/fixtures/rules/P006.txt`
pub(crate) struct OldTemplateLayout;

impl Rule for OldTemplateLayout {
    fn id(&self) -> &'static str {
        "P006"
    }

    fn check(&self, report: &Report, _: &Context, out: &mut Vec<Finding>) {
        let (Some(year), Some(Template::V2019)) = (report.meta.year, report.meta.template) else {
            return;
        };
        if year < 2021 {
            return;
        }
        let Some((evidence, span)) = report.layout_2019_evidence.first() else {
            return;
        };
        let kind = FindingKind::OldTemplate {
            year,
            evidence: evidence.clone(),
        };
        out.push(Finding::new("P006", Severity::Warning, kind).at(*span));
    }
}
