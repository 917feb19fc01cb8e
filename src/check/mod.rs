//! Rules over a parsed `Report`: pure functions, one rule per file, stable ids.
//!
//! `check` sees only `model`, so no rule can depend on the input format.

pub mod cross;
mod identity;
pub mod registry;
mod rules;

pub use registry::{rule_info, RuleInfo, RULE_INFO};
pub(crate) use rules::{deadline, is_government_name};

use crate::model::{Finding, Report};

/// What a rule may know beyond the report itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// True when the unit is a government (its own report is due 31 March, not 31 January).
    /// `None`: decide from the unit name (…人民政府).
    pub government: Option<bool>,
}

/// A check over one report.
pub(crate) trait Rule: Sync {
    /// Stable id, e.g. `T301`.
    fn id(&self) -> &'static str;
    /// Runs the rule, pushing what it finds.
    fn check(&self, report: &Report, ctx: &Context, out: &mut Vec<Finding>);
}

/// Runs every rule on a parsed report; findings come out in rule order.
pub fn check(report: &Report, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in rules::RULES {
        let before = out.len();
        rule.check(report, ctx, &mut out);
        // A rule speaks under its own id; identities with blank cells hand over to T305.
        debug_assert!(out[before..]
            .iter()
            .all(|f| f.rule.0 == rule.id() || f.rule.0 == "T305"));
    }
    out
}
