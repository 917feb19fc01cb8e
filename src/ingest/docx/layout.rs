//! The tree of a Word body → `DocBuilder` lines and tables, laid out as Apache Tika writes a
//! Word table: a cell merged across columns (`gridSpan`) once, a cell a vertical merge
//! covers (`vMerge` continue) as an empty cell, `gridBefore`/`gridAfter` columns not at all.

use super::body::{Cell, Item, Table};
use crate::ingest::builder::DocBuilder;
use crate::model::ReadProblem;

/// Writes the blocks of a story.
pub(super) fn write(items: &[Item], b: &mut DocBuilder) -> Result<(), ReadProblem> {
    for item in items {
        match item {
            Item::Para(text) => b.line(text),
            Item::Table(t) if is_frame(t) => {
                // A one-column table that holds tables is page layout, not data: its content
                // is read as if it stood in the body.
                for cell in t.rows.iter().flatten() {
                    write(&cell.items, b)?;
                }
            }
            Item::Table(t) => b.table(&rows(t))?,
        }
    }
    Ok(())
}

/// True for a table of one cell per row with a table inside.
fn is_frame(t: &Table) -> bool {
    t.rows.iter().all(|r| r.len() <= 1)
        && t.rows
            .iter()
            .flatten()
            .any(|c| c.items.iter().any(|i| matches!(i, Item::Table(_))))
}

/// A table's rows of cell texts.
pub(super) fn rows(t: &Table) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| r.iter().map(cell_text).collect())
        .collect()
}

/// A cell's text: its paragraphs as lines; a table nested in a data table as one line per
/// row (its cells separated by spaces), so the outer grid stays as it is.
fn cell_text(cell: &Cell) -> String {
    if cell.continued {
        return String::new();
    }
    let mut lines = Vec::new();
    story_lines(&cell.items, &mut lines);
    lines.join("\n")
}

fn story_lines(items: &[Item], lines: &mut Vec<String>) {
    for item in items {
        match item {
            Item::Para(text) => lines.push(text.clone()),
            Item::Table(t) => {
                for row in &t.rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| cell_text(c).replace('\n', " "))
                        .filter(|c| !c.trim().is_empty())
                        .collect();
                    lines.push(cells.join(" "));
                }
            }
        }
    }
}
