//! `parse --format facts`: one CSV row per table cell (DESIGN.md "Machine-readable interfaces").

use crate::model::{Report, TableId};

/// The header, exactly.
pub const FACTS_HEADER: [&str; 6] = ["table", "row", "col", "value", "state", "raw"];

/// Renders the facts CSV of one report: tables in the order t2, t2v2019, t3, t4.
pub fn facts_csv(report: &Report) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    w.write_record(FACTS_HEADER).expect("write to memory");
    for id in [TableId::T2, TableId::T2v2019, TableId::T3, TableId::T4] {
        let Some(t) = report.table(id) else { continue };
        for c in &t.cells {
            let value = c.value.map(|v| v.to_string()).unwrap_or_default();
            let value = if c.state == crate::model::CellState::Number {
                value
            } else {
                String::new()
            };
            w.write_record([
                id.as_str(),
                c.row.as_str(),
                c.col.as_str(),
                &value,
                c.state.as_str(),
                &c.raw,
            ])
            .expect("write to memory");
        }
    }
    let bytes = w.into_inner().expect("flush to memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8")
}
