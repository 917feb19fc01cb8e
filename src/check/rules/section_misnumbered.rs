//! P005: a section heading is misnumbered or out of order.

use crate::check::{Context, Rule};
use crate::model::{Finding, FindingKind, Report, Section, Severity};

/// ## 检查内容 / What it checks
/// 部分标题应按"一"至"六"编号且顺序正确：编号错误（"三、"代替"四、"）、用阿拉伯数字（"5、"
/// 代替"五、"）、顺序颠倒都会报告；编号后的标点（"二．""二.""二，""二 "）不算错误。
/// Headings are numbered 一…六 in order: a wrong number, an Arabic numeral or a wrong order
/// is reported; the punctuation after the numeral is not.
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
            if is_misnumbered(s) {
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

/// A wrong number, or an Arabic numeral where a Chinese one is due. A heading read without
/// numbering is not judged.
fn is_misnumbered(s: &Section) -> bool {
    let arabic = s
        .numbering
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    !s.numbering.is_empty() && (arabic || s.number != Some(s.id.number()))
}
