//! Rules across reports: the same unit's consecutive years (X001–X003) and other units of the
//! same year (X004). Pure functions over the parsed reports of a batch, in any input order.

use super::registry::rule_info;
use crate::model::ids::T3_COLS;
use crate::model::{CellRef, CellState, Finding, FindingKind, Num, Report, Severity, TableId};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::hash::{Hash as _, Hasher as _};

/// A report in a batch, as the cross-report rules see it.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    /// The report.
    pub report: &'a Report,
    /// Which unit it belongs to: a roster id, or the normalised unit name without a roster.
    pub unit: &'a str,
    /// The unit's name, for messages.
    pub unit_name: &'a str,
    /// The file, for messages.
    pub path: &'a str,
}

/// Share of sentences in common above which a report repeats last year's (X003), in percent.
const COPY_OVERLAP: u32 = 50;
/// Share of distinctive sentences in common above which two units' reports are the same (X004).
const SAME_OVERLAP: u32 = 90;
/// A sentence found in more reports of a year than this is boilerplate, not evidence (X004).
const BOILERPLATE_REPORTS: usize = 3;
/// Fewer sentences than this and the text is not compared.
const MIN_SENTENCES: usize = 5;

/// Runs X001–X004; returns each finding with the index of the entry it belongs to, sorted.
pub fn check_batch(entries: &[Entry<'_>]) -> Vec<(usize, Finding)> {
    let mut out = Vec::new();
    // One report per unit and year: several for one unit-year are R002's business, and
    // comparing all of them with each other would multiply findings.
    let mut chosen: BTreeMap<(&str, i32), usize> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let Some(year) = e.report.meta.year else {
            continue;
        };
        let slot = chosen.entry((e.unit, year)).or_insert(i);
        if counts_before(&entries[*slot], e) {
            *slot = i;
        }
    }
    // Sentences many units write (the template's, the 条例's) say nothing about copying.
    let mut units_of: HashMap<u64, Vec<&str>> = HashMap::default();
    for (&(unit, _), &i) in &chosen {
        for &h in &entries[i].report.sentence_hashes {
            let units = units_of.entry(h).or_default();
            if !units.contains(&unit) {
                units.push(unit);
            }
        }
    }
    let own = |r: &Report| -> Vec<u64> {
        let distinctive = |h: &u64| {
            units_of
                .get(h)
                .is_none_or(|u| u.len() <= BOILERPLATE_REPORTS)
        };
        r.sentence_hashes
            .iter()
            .copied()
            .filter(distinctive)
            .collect()
    };
    for (&(unit, year), &cur) in &chosen {
        if let Some(&prev) = chosen.get(&(unit, year - 1)) {
            let text = overlap(&own(entries[cur].report), &own(entries[prev].report));
            same_unit_pair(
                entries[prev].report,
                entries[cur].report,
                year - 1,
                (cur, text),
                &mut out,
            );
        }
    }
    let representatives: Vec<usize> = chosen.values().copied().collect();
    same_year_others(entries, &representatives, &mut out);
    out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.rule.cmp(&b.1.rule)));
    out
}

/// The report of a unit-year that counts: the latest published, else the last by path
/// (DESIGN.md, roll-up membership). True when `b` counts rather than `a`.
pub fn counts_before(a: &Entry<'_>, b: &Entry<'_>) -> bool {
    let date = |e: &Entry<'_>| e.report.meta.published.map(|p| p.date);
    (date(b), b.path) > (date(a), a.path)
}

fn finding(rule: &'static str, kind: FindingKind) -> Finding {
    Finding::new(
        rule,
        rule_info(rule).map_or(Severity::Warning, |r| r.severity),
        kind,
    )
}

fn number(r: &Report, t: TableId, row: &str, col: &str) -> Option<(Num, crate::model::Span)> {
    let c = r.table(t)?.get(row, col)?;
    (c.state == CellState::Number).then_some((c.value?, c.span))
}

/// X001–X003 between a unit's reports of two consecutive years; `overlap` is the share of
/// `cur`'s own (not boilerplate) sentences also in `prev`.
fn same_unit_pair(
    prev: &Report,
    cur: &Report,
    prev_year: i32,
    (at, overlap): (usize, u32),
    out: &mut Vec<(usize, Finding)>,
) {
    // X001: carried over this year = carried forward last year, per column.
    for &col in T3_COLS {
        let (Some((found, span)), Some((previous, _))) = (
            number(cur, TableId::T3, "carried_over", col),
            number(prev, TableId::T3, "carried_forward", col),
        ) else {
            continue;
        };
        if found != previous {
            let cell = CellRef {
                table: TableId::T3,
                row: "carried_over",
                col,
            };
            let kind = FindingKind::CarryOverBreak {
                cell,
                found,
                previous,
                previous_year: prev_year,
            };
            out.push((at, finding("X001", kind).at(span).on(cell)));
        }
    }
    // X002: in force = last year's in force + issued − repealed.
    for row in ["rules", "normative"] {
        let get = |r: &Report, col| number(r, TableId::T2, row, col);
        let (Some((found, span)), Some((before, _)), Some((issued, _)), Some((repealed, _))) = (
            get(cur, "in_force"),
            get(prev, "in_force"),
            get(cur, "issued"),
            get(cur, "repealed"),
        ) else {
            continue;
        };
        let expected = before + issued - repealed;
        if found != expected {
            let cell = CellRef {
                table: TableId::T2,
                row: if row == "rules" { "rules" } else { "normative" },
                col: "in_force",
            };
            let kind = FindingKind::StockBreak {
                cell,
                expected,
                found,
                previous_year: prev_year,
            };
            out.push((at, finding("X002", kind).at(span).on(cell)));
        }
    }
    // X003: the same tables (with something in them) or most sentences the same.
    let same_tables = non_trivial(cur) && tables_key(cur) == tables_key(prev);
    if same_tables || overlap > COPY_OVERLAP {
        let kind = FindingKind::CopiesPrevious {
            previous_year: prev_year,
            same_tables,
            text_overlap: overlap,
        };
        out.push((at, finding("X003", kind)));
    }
}

/// Percent of `a`'s sentences also in `b` (0 when `a` is too short to tell).
fn overlap(a: &[u64], b: &[u64]) -> u32 {
    if a.len() < MIN_SENTENCES || b.len() < MIN_SENTENCES {
        return 0;
    }
    let common = a.iter().filter(|h| b.binary_search(h).is_ok()).count();
    (common * 100 / a.len()) as u32
}

/// True when some table cell holds a number other than 0.
fn non_trivial(r: &Report) -> bool {
    r.cells()
        .any(|(_, c)| c.value.is_some_and(|v| v != Num::ZERO))
}

/// A digest of every cell's identity and content: reports with equal tables have equal
/// digests; equal digests are confirmed with [`same_tables`].
fn tables_key(r: &Report) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    for (t, c) in r.cells() {
        (t, c.row, c.col, c.state, c.value).hash(&mut h);
    }
    h.finish()
}

/// Whether two reports have the same cells with the same contents, in the same order.
fn same_tables(a: &Report, b: &Report) -> bool {
    a.cells()
        .map(|(t, c)| (t, c.row, c.col, c.state, c.value))
        .eq(b.cells().map(|(t, c)| (t, c.row, c.col, c.state, c.value)))
}

/// X004: reports of one year that are the same as another unit's.
fn same_year_others(entries: &[Entry<'_>], chosen: &[usize], out: &mut Vec<(usize, Finding)>) {
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for &i in chosen {
        if let Some(y) = entries[i].report.meta.year {
            by_year.entry(y).or_default().push(i);
        }
    }
    for idx in by_year.values() {
        // Identical, non-trivial tables.
        let mut by_tables: HashMap<u64, Vec<usize>> = HashMap::default();
        for &i in idx.iter().filter(|&&i| non_trivial(entries[i].report)) {
            by_tables
                .entry(tables_key(entries[i].report))
                .or_default()
                .push(i);
        }
        let mut flagged: BTreeMap<usize, (usize, bool, u32)> = BTreeMap::new();
        for group in by_tables.values() {
            for &i in group {
                let other = |&&j: &&usize| {
                    entries[j].unit != entries[i].unit
                        && same_tables(entries[i].report, entries[j].report)
                };
                if let Some(&j) = group.iter().find(other) {
                    flagged.insert(i, (j, true, 0));
                }
            }
        }
        // Distinctive sentences (found in few reports) mostly shared with one other unit.
        let mut seen: HashMap<u64, Vec<usize>> = HashMap::default();
        for &i in idx {
            for &h in &entries[i].report.sentence_hashes {
                seen.entry(h).or_default().push(i);
            }
        }
        let mut pairs: HashMap<(usize, usize), usize> = HashMap::default();
        let mut distinctive: HashMap<usize, usize> = HashMap::default();
        for holders in seen.values().filter(|h| h.len() <= BOILERPLATE_REPORTS) {
            for &a in holders {
                *distinctive.entry(a).or_default() += 1;
                for &b in holders
                    .iter()
                    .filter(|&&b| b != a && entries[b].unit != entries[a].unit)
                {
                    *pairs.entry((a, b)).or_default() += 1;
                }
            }
        }
        let mut pairs: Vec<((usize, usize), usize)> = pairs.into_iter().collect();
        pairs.sort_unstable();
        for ((a, b), common) in pairs {
            let total = distinctive.get(&a).copied().unwrap_or(0);
            if total < MIN_SENTENCES {
                continue;
            }
            let pct = (common * 100 / total) as u32;
            if pct >= SAME_OVERLAP {
                flagged.entry(a).or_insert((b, false, pct));
            }
        }
        for (i, (j, same_tables, pct)) in flagged {
            let kind = FindingKind::SameAsOther {
                other: entries[j].unit_name.to_string(),
                other_path: entries[j].path.to_string(),
                same_tables,
                text_overlap: pct,
            };
            out.push((i, finding("X004", kind)));
        }
    }
}
