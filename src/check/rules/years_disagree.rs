//! Y001: title, body, statistics period and publication date disagree on the year.

use crate::check::{Context, Rule};
use crate::model::{Finding, FindingKind, Report, Severity};

/// ## 检查内容 / What it checks
/// 标题、正文（"现公布…2023年度…"）、统计期限中的年份应一致，发布日期应在报告年度的次年。
/// The years of title, body and statistics period agree; publication falls in year N+1.
/// ## Why it matters
/// A copied report often keeps last year's year somewhere.
/// ## Fixture
/// `tests/fixtures/rules/Y001.txt`
pub(crate) struct YearsDisagree;

impl Rule for YearsDisagree {
    fn id(&self) -> &'static str {
        "Y001"
    }

    fn check(&self, report: &Report, _: &Context, out: &mut Vec<Finding>) {
        let Some(year) = report.meta.year else { return };
        let mut said = Vec::new();
        for m in &report.meta.years {
            if m.year != year && !said.contains(&(m.source, m.year)) {
                said.push((m.source, m.year));
                let kind = FindingKind::YearMismatch {
                    source: m.source,
                    found: m.year,
                    expected: year,
                };
                out.push(Finding::new("Y001", Severity::Warning, kind).at(m.span));
            }
        }
        if let Some(p) = report.meta.published {
            if p.date.year != year + 1 {
                let kind = FindingKind::PublishedOutsideYear {
                    published: p.date,
                    year,
                };
                out.push(Finding::new("Y001", Severity::Warning, kind).at(p.span));
            }
        }
    }
}
