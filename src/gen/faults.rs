//! Faults the rules catch, injected into a district's reports, with the truth written down:
//! which file, which fault, which rule must find it.

use super::forms::Style;
use super::random::Rng;
use crate::model::{CellState, Num, Report, TableId, YearSource};

/// A fault, named after what a clerk would see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// 勾稽 balance broken (T301).
    BrokenBalance,
    /// A row total that is not the sum of its columns (T303).
    WrongRowTotal,
    /// The body names another year (Y001).
    YearMismatch,
    /// Section 五 numbered "5、" (P005).
    MisnumberedSection,
    /// Section 六 left out (P004).
    MissingSection,
    /// The 2019 table 二 in a 2021+ report (P006).
    OldTemplate,
    /// Last year's report again (X003).
    CopiedLastYear,
    /// Every table cell zero (Z001).
    AllZero,
    /// Published in April, late for any unit (Y002).
    Late,
    /// 上年结转 not last year's 结转下年度 (X001).
    CarryOverBreak,
    /// The unit's short name ("区商务局"): must still match its roster unit; no finding.
    ShortName,
    /// No report at all (R003).
    NoReport,
}

impl Fault {
    /// Every fault, in the order a district gets them.
    pub const ALL: [Fault; 12] = [
        Fault::BrokenBalance,
        Fault::WrongRowTotal,
        Fault::YearMismatch,
        Fault::MisnumberedSection,
        Fault::MissingSection,
        Fault::OldTemplate,
        Fault::CopiedLastYear,
        Fault::AllZero,
        Fault::Late,
        Fault::CarryOverBreak,
        Fault::ShortName,
        Fault::NoReport,
    ];

    /// The name written in truth.csv.
    pub fn as_str(self) -> &'static str {
        match self {
            Fault::BrokenBalance => "broken_balance",
            Fault::WrongRowTotal => "wrong_row_total",
            Fault::YearMismatch => "year_mismatch",
            Fault::MisnumberedSection => "misnumbered_section",
            Fault::MissingSection => "missing_section",
            Fault::OldTemplate => "old_template",
            Fault::CopiedLastYear => "copied_last_year",
            Fault::AllZero => "all_zero",
            Fault::Late => "late",
            Fault::CarryOverBreak => "carry_over_break",
            Fault::ShortName => "short_name",
            Fault::NoReport => "no_report",
        }
    }

    /// The rule that must report it ("" when none must).
    pub fn rule(self) -> &'static str {
        match self {
            Fault::BrokenBalance => "T301",
            Fault::WrongRowTotal => "T303",
            Fault::YearMismatch => "Y001",
            Fault::MisnumberedSection => "P005",
            Fault::MissingSection => "P004",
            Fault::OldTemplate => "P006",
            Fault::CopiedLastYear => "X003",
            Fault::AllZero => "Z001",
            Fault::Late => "Y002",
            Fault::CarryOverBreak => "X001",
            Fault::ShortName => "",
            Fault::NoReport => "R003",
        }
    }

    /// Whether the fault needs last year's report of the unit.
    pub fn needs_previous(self) -> bool {
        matches!(self, Fault::CopiedLastYear | Fault::CarryOverBreak)
    }

    /// Whether the fault is one in a report for `year` (the 2019 layout is right before 2021).
    pub fn applies_to(self, year: i32) -> bool {
        self != Fault::OldTemplate || year >= 2021
    }
}

fn shift(r: &mut Report, t: TableId, row: &str, col: &str, d: i64) {
    if let Some(c) = r
        .tables
        .iter_mut()
        .find(|x| x.id == t)
        .and_then(|t| t.cells.iter_mut().find(|c| c.row == row && c.col == col))
    {
        let v = c.value.unwrap_or(Num::ZERO) + Num::int(d);
        c.state = CellState::Number;
        c.value = Some(v);
        c.raw = v.to_string().into();
    }
}

/// Applies a fault to a report about to be written (and to its rendering style). `prev` is
/// the unit's report of the year before, as written.
pub fn apply(
    fault: Fault,
    report: &mut Report,
    style: &mut Style,
    prev: Option<&Report>,
    rng: &mut Rng,
) {
    let year = report.meta.year.unwrap_or(2023);
    match fault {
        Fault::BrokenBalance => {
            shift(report, TableId::T3, "new_received", "natural_person", 1);
            shift(report, TableId::T3, "new_received", "total", 1);
        }
        Fault::WrongRowTotal => shift(
            report,
            TableId::T3,
            "granted",
            "total",
            1 + rng.below(3) as i64,
        ),
        Fault::YearMismatch => {
            for y in report
                .meta
                .years
                .iter_mut()
                .filter(|y| y.source == YearSource::Body)
            {
                y.year = year - 1;
            }
        }
        Fault::MisnumberedSection => style.misnumber_s5 = true,
        Fault::MissingSection => style.drop_s6 = true,
        Fault::OldTemplate => {
            let mut old = super::random::random_report(rng, year, true);
            report
                .tables
                .retain(|t| !matches!(t.id, TableId::T2 | TableId::T2v2019));
            report.tables.extend(
                old.tables
                    .drain(..)
                    .filter(|t| matches!(t.id, TableId::T2 | TableId::T2v2019)),
            );
        }
        Fault::CopiedLastYear => {
            if let Some(p) = prev {
                report.tables = p.tables.clone();
            }
        }
        Fault::AllZero => {
            for t in &mut report.tables {
                for c in &mut t.cells {
                    c.state = CellState::Number;
                    c.value = Some(Num::ZERO);
                    c.raw = "0".into();
                }
            }
        }
        Fault::Late => {
            if let Some(p) = &mut report.meta.published {
                p.date.month = 4;
            }
        }
        Fault::CarryOverBreak => {
            // One more carried over and one more carried forward: every identity holds.
            for row in ["carried_over", "carried_forward"] {
                shift(report, TableId::T3, row, "natural_person", 1);
                shift(report, TableId::T3, row, "total", 1);
            }
        }
        Fault::ShortName => {
            if let Some(name) = report.meta.unit_name.clone() {
                let short = name.strip_prefix("示例").unwrap_or(&name).to_string();
                report.meta.title = Some(format!("{short}{year}年政府信息公开工作年度报告"));
                report.meta.unit_name = Some(short);
            }
        }
        Fault::NoReport => {}
    }
}
