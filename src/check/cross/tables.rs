//! Tables as evidence of copying: how much information a report's tables hold (identical
//! near-empty tables are chance, identical rich ones are not), and which reports of a year
//! have the same tables.

use super::Entry;
use crate::model::{Num, Report, TableId};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// Cells that other cells of the same report fix: the totals, 本年新收 (by the 勾稽 balance),
/// and table 二 in the 2021 ids when it repeats the 2019 layout's.
fn derived(t: TableId, row: &str, col: &str, v2019: bool) -> bool {
    match t {
        TableId::T2 => v2019,
        TableId::T2v2019 => false,
        TableId::T3 => col == "total" || matches!(row, "new_received" | "total_processed"),
        TableId::T4 => col == "total",
    }
}

/// Stocks: what a unit has in force or published in all, the same every year nothing changes.
fn stock(t: TableId, col: &str) -> bool {
    match t {
        TableId::T2 => col == "in_force",
        TableId::T2v2019 => matches!(col, "total_public" | "prev_items"),
        TableId::T3 | TableId::T4 => false,
    }
}

/// Bits of information in a report's tables: roughly how unlikely another unit's tables are
/// to be the same by chance.
///
/// A zero, blank or "/" cell gives none (most cells of most units are 0), nor does a cell
/// that others fix ([`derived`]); a non-zero count `v` gives 2 + 2·log2(1 + v) bits (a cell
/// is non-zero in a few reports in ten, and counts fall off about as 1/v²); an amount that
/// is not whole counts in hundredths. With `stocks` false, stocks give none either.
pub(super) fn table_bits(r: &crate::model::Tables<'_>, stocks: bool) -> f64 {
    let v2019 = r.table(TableId::T2v2019).is_some();
    r.cells()
        .filter(|(t, c)| {
            !derived(*t, c.row.as_str(), c.col.as_str(), v2019)
                && (stocks || !stock(*t, c.col.as_str()))
        })
        .filter_map(|(_, c)| c.value.filter(|v| *v != Num::ZERO))
        .map(|v| {
            let m = v.to_f64().abs();
            let m = if v.is_whole() { m } else { m * 100.0 };
            2.0 + 2.0 * (1.0 + m).log2()
        })
        .sum()
}

/// How many table cells hold a number other than 0 (for messages).
pub(super) fn nonzero_cells(r: &Report) -> u32 {
    let mut n = 0u32;
    r.each_cell(|_, c| n += u32::from(c.value.is_some_and(|v| v != Num::ZERO)));
    n
}

/// A digest of every cell's identity and content: reports with equal tables have equal
/// digests; equal digests are confirmed with [`same_tables`].
fn tables_key(r: &Report) -> u64 {
    r.tables_digest()
}

/// Whether two reports have the same cells with the same contents, in the same order.
pub(super) fn same_tables(a: &Report, b: &Report) -> bool {
    let (a, b) = (a.tables_view(), b.tables_view());
    a.cells()
        .map(|(t, c)| (t, c.row, c.col, c.state, c.value))
        .eq(b.cells().map(|(t, c)| (t, c.row, c.col, c.state, c.value)))
}

/// The tables of the reports that count, as evidence: each one's digest, and how many units
/// of its year have tables with that digest.
pub(super) struct Tables {
    /// Entry index → digest of its tables.
    pub(super) key: HashMap<usize, u64>,
    /// (year, digest) → how many reports that count have it.
    units: HashMap<(i32, u64), usize>,
}

impl Tables {
    pub(super) fn new(
        entries: &[Entry<'_>],
        chosen: &BTreeMap<(&str, bool, i32), usize>,
    ) -> Tables {
        let mut key = HashMap::default();
        let mut units: HashMap<(i32, u64), usize> = HashMap::default();
        // One report per unit, scope and year: reports with a digest are about units with it.
        for (&(_, _, year), &i) in chosen {
            let k = tables_key(entries[i].report);
            key.insert(i, k);
            *units.entry((year, k)).or_default() += 1;
        }
        Tables { key, units }
    }

    /// Whether entries `a` and `b` have the same tables.
    pub(super) fn same(&self, entries: &[Entry<'_>], a: usize, b: usize) -> bool {
        self.key.get(&a) == self.key.get(&b) && same_tables(entries[a].report, entries[b].report)
    }

    /// Whether entry `i`'s tables are those of more than [`COMMON_TABLES`](super::COMMON_TABLES) units of `year`.
    pub(super) fn common(&self, i: usize, year: i32) -> bool {
        self.key
            .get(&i)
            .and_then(|&k| self.units.get(&(year, k)))
            .is_some_and(|&n| n > super::COMMON_TABLES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::{RowSpec, T2_ROWS, T3_ROWS_2021, T4_ROWS};
    use crate::model::{Cell, CellState, Span, Table};

    /// A 2021-layout report whose cells are all 0 but those given.
    fn report(given: &[(TableId, &str, &str, i64)]) -> Report {
        let table = |id: TableId, rows: &[RowSpec]| {
            let mut cells = Vec::new();
            for spec in rows {
                for &col in spec.cols {
                    let v = given
                        .iter()
                        .find(|g| g.0 == id && g.1 == spec.id && g.2 == col)
                        .map_or(0, |g| g.3);
                    cells.push(Cell {
                        row: spec.id.into(),
                        col: col.into(),
                        state: CellState::Number,
                        value: Some(Num::int(v)),
                        raw: v.to_string().into(),
                        span: Span::default(),
                        reconstructed: false,
                    });
                }
            }
            Table::new(id, cells, Span::default())
        };
        Report {
            tables: vec![
                table(TableId::T2, T2_ROWS),
                table(TableId::T3, T3_ROWS_2021),
                table(TableId::T4, T4_ROWS),
            ],
            ..Report::default()
        }
    }

    #[test]
    fn zeros_totals_and_new_applications_hold_no_information() {
        assert_eq!(table_bits(&report(&[]).tables_view(), true), 0.0);
        let one = report(&[
            (TableId::T3, "new_received", "natural_person", 1),
            (TableId::T3, "new_received", "total", 1),
            (TableId::T3, "granted", "natural_person", 1),
            (TableId::T3, "granted", "total", 1),
            (TableId::T3, "total_processed", "natural_person", 1),
            (TableId::T3, "total_processed", "total", 1),
        ]);
        // Only 予以公开 自然人 1 counts: 2 + 2·log2(2).
        assert_eq!(table_bits(&one.tables_view(), true), 4.0);
        assert_eq!(nonzero_cells(&one), 6);
    }

    #[test]
    fn stocks_count_between_units_not_between_years() {
        let r = report(&[(TableId::T2, "normative", "in_force", 15)]);
        assert_eq!(table_bits(&r.tables_view(), true), 10.0);
        assert_eq!(table_bits(&r.tables_view(), false), 0.0);
    }

    #[test]
    fn large_counts_and_amounts_hold_more() {
        let r = report(&[(TableId::T2, "licensing", "value", 1023)]);
        assert_eq!(table_bits(&r.tables_view(), true), 22.0);
        let mut fees = report(&[]);
        for c in fees.tables[0].cells.iter_mut() {
            if c.row == "fees_10k_yuan" {
                c.value = Some(Num::from_millionths(2_550_000));
            }
        }
        // 2.55 万元 counts as 255 hundredths: 2 + 2·log2(256).
        assert_eq!(table_bits(&fees.tables_view(), true), 18.0);
    }
}
