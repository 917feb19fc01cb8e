//! Y002: published after the deadline.

use crate::check::{Context, Rule};
use crate::model::{Date, Finding, FindingKind, Report, Severity};

/// ## 检查内容 / What it checks
/// 《条例》第四十九条：部门等单位应于次年1月31日前公布，本级人民政府的报告于3月31日前公布。
/// Published after 31 January of N+1 (31 March for a government's own report).
/// ## Why it matters
/// Late publication is a legal breach that evaluators score.
/// ## Fixture
/// `tests/fixtures/rules/Y002.txt`
pub(crate) struct PublishedLate;

impl Rule for PublishedLate {
    fn id(&self) -> &'static str {
        "Y002"
    }

    fn check(&self, report: &Report, ctx: &Context, out: &mut Vec<Finding>) {
        let (Some(year), Some(p)) = (report.meta.year, report.meta.published) else {
            return;
        };
        let government = ctx.government.unwrap_or_else(|| {
            report
                .meta
                .unit_name
                .as_deref()
                .is_some_and(is_government_name)
        });
        let deadline = deadline(year, government);
        if p.date > deadline {
            let kind = FindingKind::Late {
                published: p.date,
                deadline,
            };
            out.push(Finding::new("Y002", Severity::Warning, kind).at(p.span));
        }
    }
}

/// When a year's report is due: 31 January of the next year, 31 March for a government's own
/// report (《条例》第四十九条).
pub(crate) fn deadline(year: i32, government: bool) -> Date {
    Date {
        year: year + 1,
        month: if government { 3 } else { 1 },
        day: 31,
    }
}

/// A government's own report: "…人民政府", or a bare place name ("平潭综合实验区", "示例县").
pub(crate) fn is_government_name(name: &str) -> bool {
    name.ends_with("人民政府") || name.ends_with(['区', '县', '市', '旗', '盟', '州'])
}

#[cfg(test)]
mod tests {
    use super::is_government_name;

    #[test]
    fn governments_are_told_from_departments() {
        assert!(is_government_name("示例区人民政府"));
        assert!(is_government_name("平潭综合实验区"));
        assert!(!is_government_name("环翠区商务局"));
        assert!(!is_government_name("示例区东城街道办事处"));
    }
}
