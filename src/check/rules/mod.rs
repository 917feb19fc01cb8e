//! The check rules, one per file, registered in id order.

mod all_zero;
mod balance;
mod blank_cells;
mod old_template;
mod outcome_total;
mod published_late;
pub(crate) use published_late::{deadline, is_government_name};
mod row_total;
mod section_misnumbered;
mod section_missing;
mod table2_invalid;
mod table3_count;
mod table4_count;
mod table4_total;
mod text_vs_table;
mod years_disagree;

use super::Rule;

/// The check rules, sorted by id.
pub(crate) const RULES: &[&dyn Rule] = &[
    &text_vs_table::TextContradictsTable,
    &section_missing::SectionMissing,
    &section_misnumbered::SectionMisnumbered,
    &old_template::OldTemplateLayout,
    &table2_invalid::Table2ValueInvalid,
    &balance::BalanceBroken,
    &outcome_total::OutcomeTotalMismatch,
    &row_total::RowTotalMismatch,
    &table3_count::Table3CountInvalid,
    &blank_cells::BlankCells,
    &table4_total::Table4TotalMismatch,
    &table4_count::Table4CountInvalid,
    &years_disagree::YearsDisagree,
    &published_late::PublishedLate,
    &all_zero::AllZero,
];

#[cfg(test)]
mod tests {
    #[test]
    fn rules_are_sorted_by_id() {
        for w in super::RULES.windows(2) {
            assert!(w[0].id() < w[1].id());
        }
    }
}
