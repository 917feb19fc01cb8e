//! Where each finding is in its file (`line:column`, then the cell), as findings.csv and
//! the letters give it; with what a shard already worked out, for a merge.

use super::DocOutcome;
use crate::ingest;
use crate::model::Finding;
use rayon::prelude::*;

/// Each finding's place as `line:column`, in the order of `outcome.findings` (files are read
/// again, in parallel, for those that have findings in their text).
pub fn locations(outcomes: &[DocOutcome]) -> Vec<Vec<String>> {
    locations_after(outcomes, &Known::default())
}

/// What a shard worked out from each file's text, so that a merge need not read it.
#[derive(Debug, Default)]
pub(super) struct Known {
    /// The places of each outcome's findings when it was read (`locations` of them).
    pub(super) locations: Vec<Vec<String>>,
    /// Each outcome's text positions that a later finding may point at: byte offset, line,
    /// column, sorted by offset.
    pub(super) positions: Vec<Vec<[u32; 3]>>,
}

/// [`locations`], with what is [`Known`] of each outcome: its first findings' places, and
/// the line and column of positions in its text. A file is read again only for a finding
/// in its text at a position not known.
pub(super) fn locations_after(outcomes: &[DocOutcome], known: &Known) -> Vec<Vec<String>> {
    outcomes
        .par_iter()
        .enumerate()
        .map(|(i, o)| {
            let placed = known.locations.get(i).map_or(&[][..], Vec::as_slice);
            let positions = known.positions.get(i).map_or(&[][..], Vec::as_slice);
            let at = |f: &Finding| {
                let start = f.span?.start;
                let k = positions.binary_search_by_key(&start, |p| p[0]).ok()?;
                Some((positions[k][1] as usize, positions[k][2] as usize))
            };
            let rest = o.findings.get(placed.len()..).unwrap_or_default();
            let text = if rest.iter().any(|f| f.span.is_some() && at(f).is_none()) {
                ingest::read(&o.path).ok().map(|d| d.text)
            } else {
                None
            };
            let place = |f: &Finding| place(f, text.as_deref(), at(f));
            placed
                .iter()
                .cloned()
                .chain(rest.iter().map(place))
                .collect()
        })
        .collect()
}

/// A finding's place as findings.csv gives it: `line:column` in `text` (or `at`, when
/// known), then the cell.
pub(super) fn place(f: &Finding, text: Option<&str>, at: Option<(usize, usize)>) -> String {
    let mut loc = crate::render::diagnostics::location(f, text);
    if let Some((l, c)) = at {
        (loc.line, loc.column) = (Some(l), Some(c));
    }
    let at = loc.line.zip(loc.column).map(|(l, c)| format!("{l}:{c}"));
    let cell = f
        .cell
        .map(|c| format!("{}/{}/{}", c.table.as_str(), c.row, c.col));
    at.into_iter().chain(cell).collect::<Vec<_>>().join(" ")
}
