//! P005: a section heading is misnumbered or out of order.

use crate::check::{Context, Rule};
use crate::model::{Finding, FindingKind, Report, Severity};

/// ## 检查内容 / What it checks
/// 部分标题应按"一、"至"六、"编号且顺序正确；"5、"代替"五、"、顺序颠倒都会报告。
/// Headings are numbered 一、…六、 in order.
/// ## Why it matters
/// The national format fixes the numbering; a wrong one shows a careless edit.
/// ## Fixture
/// `tests/fixtures/rules/P005.txt`
pub(crate) struct SectionMisnumbered;

impl Rule for SectionMisnumbered {
    fn id(&self) -> &'static str {
        "P005"
    }

    fn check(&self, report: &Report, _: &Context, out: &mut Vec<Finding>) {
        let mut prev = None;
        for s in &report.sections {
            if s.numbering != s.id.numeral() {
                let kind = FindingKind::SectionMisnumbered {
                    section: s.id,
                    found: s.numbering.clone(),
                };
                out.push(Finding::new("P005", Severity::Warning, kind).at(s.span));
            }
            if let Some(p) = prev {
                if s.id < p {
                    let kind = FindingKind::SectionOutOfOrder {
                        section: s.id,
                        after: p,
                    };
                    out.push(Finding::new("P005", Severity::Warning, kind).at(s.span));
                }
            }
            prev = Some(prev.map_or(s.id, |p: crate::model::SectionId| p.max(s.id)));
        }
    }
}
