//! Rows whose cells a crawler glued into one digit run ("640020470"): reported as P008, and
//! reconstructed when exactly one split satisfies the row totals and the identities.

use super::tables::Built;
use crate::model::{Finding, FindingKind, Severity, Span};

/// Reports glued rows (reconstruction comes in a later slice).
pub(crate) fn reconstruct(b: &mut Built) {
    for g in std::mem::take(&mut b.glued) {
        let raw: String = g
            .values
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let span = g.values.iter().map(|t| t.span).reduce(Span::join);
        let mut f = Finding::new(
            "P008",
            Severity::Warning,
            FindingKind::GluedDigits {
                table: g.table,
                row: g.row,
                raw,
                reconstructed: false,
            },
        );
        if let Some(s) = span {
            f = f.at(s);
        }
        b.findings.push(f);
    }
}
