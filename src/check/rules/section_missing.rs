//! P004: a section is missing.

use crate::check::{Context, Rule};
use crate::model::{Finding, FindingKind, Report, SectionId, Severity};

/// ## 检查内容 / What it checks
/// 六个部分（一、总体情况 … 六、其他需要报告的事项）都应有标题。
/// All six sections have a heading.
/// ## Why it matters
/// 《条例》第五十条 lists the content; evaluators mark a missing part.
/// ## Fixture
/// `tests/fixtures/rules/P004.txt`
pub(crate) struct SectionMissing;

impl Rule for SectionMissing {
    fn id(&self) -> &'static str {
        "P004"
    }

    fn check(&self, report: &Report, _: &Context, out: &mut Vec<Finding>) {
        for id in SectionId::ALL {
            if report.sections.iter().all(|s| s.id != id) {
                out.push(Finding::new(
                    "P004",
                    Severity::Warning,
                    FindingKind::SectionMissing { section: id },
                ));
            }
        }
    }
}
