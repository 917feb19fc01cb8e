//! Table 三's identities over rows rebuilt from glued digits: the 勾稽 balance and the outcome
//! total, each used only where every row it involves was read.

use crate::model::Num;
use std::collections::BTreeMap;

/// The ends of the balance; every other row of table 三 is an outcome row.
const BALANCE_ROWS: [&str; 4] = [
    "new_received",
    "carried_over",
    "total_processed",
    "carried_forward",
];

/// Balance and outcome total per column, each only where every row it involves was read: a
/// split is unique only over rows actually read, so an identity that needs a missing row
/// must not choose between splits (it would pick values that make up for the missing row).
pub(super) fn identities_hold(v: &BTreeMap<&'static str, Vec<Num>>) -> bool {
    let outcome_rows = complete_outcome_rows(v);
    (0..7).all(|c| {
        let get = |r: &str| v.get(r).map(|row| row[c]);
        let balance = match BALANCE_ROWS.map(get) {
            [Some(a), Some(b), Some(p), Some(f)] => a + b == p + f,
            _ => true,
        };
        let total = match (get("total_processed"), &outcome_rows) {
            (Some(p), Some(rows)) => rows.iter().map(|r| v[*r][c]).sum::<Num>() == p,
            _ => true,
        };
        balance && total
    })
}

/// Every outcome row of the 2021 layout, or of the 2019 one (a single （六） row `other`), when
/// all of them were read; `None` when any is missing.
fn complete_outcome_rows(v: &BTreeMap<&'static str, Vec<Num>>) -> Option<Vec<&'static str>> {
    use crate::model::ids::{T3_ROWS_2021, T3_ROW_OTHER_2019};
    let outcome = |id: &&str| !BALANCE_ROWS.contains(id);
    let v2021: Vec<&'static str> = T3_ROWS_2021.iter().map(|r| r.id).filter(outcome).collect();
    let v2019: Vec<&'static str> = v2021
        .iter()
        .copied()
        .filter(|id| !id.starts_with("other."))
        .chain([T3_ROW_OTHER_2019.id])
        .collect();
    [v2021, v2019]
        .into_iter()
        .find(|rows| rows.iter().all(|r| v.contains_key(r)))
}
