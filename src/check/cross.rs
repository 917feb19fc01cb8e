//! Rules across reports: the same unit's consecutive years (X001–X003) and other units of the
//! same year (X004). Pure functions over the parsed reports of a batch, in any input order.

use super::registry::rule_info;
use crate::model::ids::T3_COLS;
use crate::model::{
    CellId, CellRef, CellState, Finding, FindingKind, Num, Report, Scope, Severity, TableId,
};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use tables::{nonzero_cells, same_tables, table_bits, Tables};

mod tables;

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

/// Share of the unit's own sentences also in last year's report above which a report repeats
/// it (X003), in percent.
const COPY_OVERLAP: u32 = 50;
/// Share of distinctive sentences in common from which two units' reports are the same on
/// the text alone (X004).
const SAME_OVERLAP: u32 = 90;
/// The same with identical tables that hold something ([`SOME_BITS`]): the two together.
const SAME_OVERLAP_WITH_TABLES: u32 = 50;
/// A sentence found in more units' reports of a year than this is boilerplate, not evidence
/// that two units' reports are the same (X004).
const BOILERPLATE_REPORTS: usize = 3;
/// A sentence that more than one unit in this many writes in a year is boilerplate for X003
/// too (never fewer than [`BOILERPLATE_REPORTS`]): a sentence a few units of a large district
/// happen to share is still the unit's own, and finding it again in the unit's own report of
/// the year before is no chance, but one every hundredth unit writes is the district's.
const COMMON_AMONG: usize = 100;
/// Fewer sentences than this and the text is not compared.
const MIN_SENTENCES: usize = 5;
/// The same for the unit's own sentences against its report of the year before (X003): a
/// sentence few units write found again in the unit's own report is no chance, so fewer do.
const MIN_OWN_SENTENCES: usize = 3;
/// Tables found in more units' reports of a year than this are common (the 0s and 1s of
/// small units): never evidence of copying.
const COMMON_TABLES: usize = 2;
/// Information (see [`tables::table_bits`]) from which identical tables are a copy on their own:
/// enough that two units of a 100,000-report district do not coincide by chance.
const RICH_BITS: f64 = 64.0;
/// Information from which identical tables count, together with the text.
const SOME_BITS: f64 = 16.0;

/// Runs X001–X004; returns each finding with the index of the entry it belongs to, sorted.
pub fn check_batch(entries: &[Entry<'_>]) -> Vec<(usize, Finding)> {
    let mut out = Vec::new();
    // One report per unit, scope and year: several for one unit-year are R002's business,
    // and comparing all of them with each other would multiply findings. A government's
    // region-wide report (its sums) goes on from its region-wide report of the year before,
    // its own report from its own.
    let mut chosen: BTreeMap<(&str, bool, i32), usize> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let Some(year) = e.report.meta.year else {
            continue;
        };
        let region = e.report.meta.scope == Some(Scope::Region);
        let slot = chosen.entry((e.unit, region, year)).or_insert(i);
        if counts_before(&entries[*slot], e) {
            *slot = i;
        }
    }
    let tables = Tables::new(entries, &chosen);
    let writers = writers(entries, &chosen);
    let mut units_in: BTreeMap<i32, usize> = BTreeMap::new();
    for &(_, _, year) in chosen.keys() {
        *units_in.entry(year).or_default() += 1;
    }
    // The unit's own sentences: those few other units of the year write.
    let own = |r: &Report, year: i32| -> Vec<u64> {
        let most = BOILERPLATE_REPORTS.max(units_in.get(&year).map_or(0, |n| n / COMMON_AMONG));
        let distinctive = |h: &u64| writers.get(&(year, *h)).is_none_or(|&(_, n)| n <= most);
        r.sentence_hashes
            .iter()
            .copied()
            .filter(distinctive)
            .collect()
    };
    for (&(unit, region, year), &cur) in &chosen {
        if let Some(&prev) = chosen.get(&(unit, region, year - 1)) {
            let text = overlap(
                &own(entries[cur].report, year),
                &entries[prev].report.sentence_hashes,
            );
            same_unit_pair(entries, &tables, (prev, cur), year - 1, text, &mut out);
        }
    }
    let representatives: Vec<usize> = chosen.values().copied().collect();
    same_year_others(entries, &tables, &representatives, &mut out);
    out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.rule.cmp(&b.1.rule)));
    out
}

/// How many units write each sentence in a year: (year, sentence hash) → (the last unit
/// counted, units). Sentences many units write (the template's, the 条例's, a model text
/// handed round) say nothing about copying.
fn writers<'a>(
    entries: &[Entry<'a>],
    chosen: &BTreeMap<(&'a str, bool, i32), usize>,
) -> HashMap<(i32, u64), (&'a str, usize)> {
    let mut out: HashMap<(i32, u64), (&str, usize)> = HashMap::default();
    // `chosen` is in unit order, so a unit's reports (its own and region-wide) come together.
    for (&(unit, _, year), &i) in chosen {
        for &h in &entries[i].report.sentence_hashes {
            let (last, n) = out.entry((year, h)).or_insert(("", 0));
            if *last != unit || *n == 0 {
                (*last, *n) = (unit, *n + 1);
            }
        }
    }
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

/// The cells X001 and X002 chain from year to year (table 三's carried rows, table 二's
/// rules and normative documents), read from a report's tables without building them.
struct Chained(Vec<(TableId, CellId, CellId, Option<Figure>)>);

/// A number and where it is.
type Figure = (Num, crate::model::Span);

impl Chained {
    fn of(r: &Report) -> Chained {
        const ROWS: [(TableId, &str); 4] = [
            (TableId::T3, "carried_over"),
            (TableId::T3, "carried_forward"),
            (TableId::T2, "rules"),
            (TableId::T2, "normative"),
        ];
        let mut cells = Vec::new();
        // As `Table::get` reads: the first table of an id, a row's first run of cells.
        let mut started: Vec<(TableId, CellId)> = Vec::new();
        let (mut last, mut skip) = (None, false);
        r.each_cell(|t, c| {
            let here = (t, c.row);
            let new_run = last != Some(here);
            last = Some(here);
            if !ROWS.iter().any(|&(id, row)| id == t && c.row == row) {
                return;
            }
            if new_run {
                skip = started.contains(&here);
                started.push(here);
            }
            if skip {
                return;
            }
            let number = (c.state == CellState::Number)
                .then_some(c.value)
                .flatten()
                .map(|v| (v, c.span));
            cells.push((t, c.row, c.col, number));
        });
        Chained(cells)
    }

    fn number(&self, t: TableId, row: &str, col: &str) -> Option<Figure> {
        self.0
            .iter()
            .find(|(id, r, c, _)| *id == t && *r == row && *c == col)?
            .3
    }
}

/// X001–X003 between a unit's reports of two consecutive years, `prev` and `cur` entry
/// indexes; `overlap` is the share of `cur`'s own sentences (not its year's boilerplate)
/// also in `prev`.
fn same_unit_pair(
    entries: &[Entry<'_>],
    tables: &Tables,
    (prev_at, at): (usize, usize),
    prev_year: i32,
    overlap: u32,
    out: &mut Vec<(usize, Finding)>,
) {
    let (prev, cur) = (entries[prev_at].report, entries[at].report);
    let (prev_cells, cur_cells) = (Chained::of(prev), Chained::of(cur));
    // X001: carried over this year = carried forward last year, per column.
    for &col in T3_COLS {
        let (Some((found, span)), Some((previous, _))) = (
            cur_cells.number(TableId::T3, "carried_over", col),
            prev_cells.number(TableId::T3, "carried_forward", col),
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
        let get = |r: &Chained, col| r.number(TableId::T2, row, col);
        let (Some((found, span)), Some((before, _)), Some((issued, _)), Some((repealed, _))) = (
            get(&cur_cells, "in_force"),
            get(&prev_cells, "in_force"),
            get(&cur_cells, "issued"),
            get(&cur_cells, "repealed"),
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
    // X003: most of the unit's own sentences again, or the same tables when they hold too
    // much for a repeat to be chance. Stocks (现行有效) stay the same when nothing was issued,
    // and a unit whose tables are all 0 two years running did not copy.
    let same = tables.same(entries, prev_at, at);
    let weight = if same && !tables.common(at, prev_year + 1) {
        table_bits(&cur.tables_view(), false)
    } else {
        0.0
    };
    if weight >= RICH_BITS || overlap > COPY_OVERLAP {
        let kind = FindingKind::CopiesPrevious {
            previous_year: prev_year,
            same_tables: same,
            nonzero_cells: if same { nonzero_cells(cur) } else { 0 },
            text_overlap: overlap,
        };
        out.push((at, finding("X003", kind)));
    }
}

/// Percent of `a`'s sentences also in `b`, sorted (0 when `a` is too short to tell).
fn overlap(a: &[u64], b: &[u64]) -> u32 {
    if a.len() < MIN_OWN_SENTENCES {
        return 0;
    }
    let common = a.iter().filter(|h| b.binary_search(h).is_ok()).count();
    (common * 100 / a.len()) as u32
}

/// How a report shows that it copies another unit's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Evidence {
    /// Share of its distinctive sentences in the other report, in percent.
    text: u32,
    /// Whether the tables are the same.
    same_tables: bool,
}

/// X004: reports of one year that are the same as another unit's.
///
/// The text decides: almost all of a report's distinctive sentences in another unit's
/// report ([`SAME_OVERLAP`]); or half of them ([`SAME_OVERLAP_WITH_TABLES`]) with identical
/// tables that hold something ([`SOME_BITS`]). Identical tables alone make a copy only when
/// they are rich ([`RICH_BITS`]) and not common ([`COMMON_TABLES`]).
fn same_year_others(
    entries: &[Entry<'_>],
    tables: &Tables,
    chosen: &[usize],
    out: &mut Vec<(usize, Finding)>,
) {
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for &i in chosen {
        if let Some(y) = entries[i].report.meta.year {
            by_year.entry(y).or_default().push(i);
        }
    }
    for (&year, idx) in &by_year {
        let text = TextPairs::new(entries, idx);
        let mut found: BTreeMap<usize, (Evidence, std::cmp::Reverse<usize>)> = BTreeMap::new();
        let mut note = |a: usize, b: usize, copy: Evidence| {
            let e = found.entry(a).or_insert((copy, std::cmp::Reverse(b)));
            *e = (*e).max((copy, std::cmp::Reverse(b)));
        };
        for (&(a, b), &common) in &text.pairs {
            let pct = text.share(a, common);
            if pct >= SAME_OVERLAP {
                let same_tables = tables.same(entries, a, b);
                note(
                    a,
                    b,
                    Evidence {
                        text: pct,
                        same_tables,
                    },
                );
            }
        }
        // Identical tables: the few units (not more than COMMON_TABLES) with a digest.
        let mut by_key: HashMap<u64, Vec<usize>> = HashMap::default();
        for &i in idx {
            if let Some(&k) = tables.key.get(&i) {
                by_key.entry(k).or_default().push(i);
            }
        }
        let mut groups: Vec<&Vec<usize>> = by_key.values().filter(|g| g.len() > 1).collect();
        groups.sort_unstable();
        for group in groups {
            if tables.common(group[0], year) {
                continue;
            }
            let bits = table_bits(&entries[group[0]].report.tables_view(), true);
            if bits < SOME_BITS {
                continue;
            }
            for &a in group {
                let others = group
                    .iter()
                    .filter(|&&b| entries[b].unit != entries[a].unit);
                for &b in others {
                    if !same_tables(entries[a].report, entries[b].report) {
                        continue;
                    }
                    let pct = text.pairs.get(&(a, b)).map_or(0, |&c| text.share(a, c));
                    if bits >= RICH_BITS || pct >= SAME_OVERLAP_WITH_TABLES {
                        note(
                            a,
                            b,
                            Evidence {
                                text: pct,
                                same_tables: true,
                            },
                        );
                    }
                }
            }
        }
        for (a, (copy, std::cmp::Reverse(b))) in found {
            let kind = FindingKind::SameAsOther {
                other: entries[b].unit_name.to_string(),
                other_path: entries[b].path.to_string(),
                same_tables: copy.same_tables,
                nonzero_cells: if copy.same_tables {
                    nonzero_cells(entries[a].report)
                } else {
                    0
                },
                text_overlap: copy.text,
            };
            out.push((a, finding("X004", kind)));
        }
    }
}

/// Distinctive sentences (found in few reports of the year) shared between reports of
/// different units.
struct TextPairs {
    /// (a, b) → how many of `a`'s distinctive sentences `b` has too.
    pairs: BTreeMap<(usize, usize), usize>,
    /// a → how many distinctive sentences it has.
    distinctive: HashMap<usize, usize>,
}

impl TextPairs {
    fn new(entries: &[Entry<'_>], idx: &[usize]) -> TextPairs {
        let mut seen: HashMap<u64, Vec<usize>> = HashMap::default();
        for &i in idx {
            for &h in &entries[i].report.sentence_hashes {
                seen.entry(h).or_default().push(i);
            }
        }
        let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
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
        TextPairs { pairs, distinctive }
    }

    /// `common` of `a`'s distinctive sentences as a percentage of them (0 when they are too
    /// few to tell).
    fn share(&self, a: usize, common: usize) -> u32 {
        let total = self.distinctive.get(&a).copied().unwrap_or(0);
        if total < MIN_SENTENCES {
            return 0;
        }
        (common * 100 / total) as u32
    }
}

#[cfg(test)]
mod chained_tests {
    use super::*;

    /// Every readable report under tests/fixtures and ../shared/samples, parsed.
    fn real_reports() -> Vec<Report> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs: Vec<std::path::PathBuf> =
            [root.join("tests/fixtures"), root.join("../shared/samples")]
                .into_iter()
                .filter(|d| d.is_dir())
                .collect();
        crate::ingest::discover(&dirs)
            .unwrap()
            .iter()
            .filter_map(|p| crate::ingest::read(p).ok())
            .map(|d| crate::parse::parse(&d).report)
            .collect()
    }

    #[test]
    fn chained_cells_read_as_the_tables_do_packed_or_not() {
        let mut compared = 0;
        let mut numbers = 0;
        for report in real_reports() {
            let mut packed = report.clone();
            packed.pack();
            let (plain, chained) = (Chained::of(&report), Chained::of(&packed));
            for (t, row) in [
                (TableId::T3, "carried_over"),
                (TableId::T3, "carried_forward"),
                (TableId::T2, "rules"),
                (TableId::T2, "normative"),
            ] {
                let cols: &[&str] = match t {
                    TableId::T3 => T3_COLS,
                    _ => &["in_force", "issued", "repealed", "published"],
                };
                for &col in cols {
                    let want = report
                        .table(t)
                        .and_then(|t| t.get(row, col))
                        .filter(|c| c.state == CellState::Number)
                        .and_then(|c| Some((c.value?, c.span)));
                    assert_eq!(plain.number(t, row, col), want, "{t:?} {row} {col}");
                    assert_eq!(chained.number(t, row, col), want, "{t:?} {row} {col}");
                    compared += 1;
                    numbers += usize::from(want.is_some());
                }
            }
        }
        assert!(compared > 1_000 && numbers > 300, "{compared} {numbers}");
    }

    #[test]
    fn a_row_written_twice_is_read_from_its_first_run_as_table_get_does() {
        let cell = |row: &'static str, col: &'static str, v: i64| crate::model::Cell {
            row: row.into(),
            col: col.into(),
            state: CellState::Number,
            value: Some(Num::int(v)),
            raw: v.to_string().into(),
            span: crate::model::Span::new(0, 1),
            reconstructed: false,
        };
        let cells = vec![
            cell("carried_over", T3_COLS[0], 1),
            cell("new_received", T3_COLS[0], 2),
            cell("carried_over", T3_COLS[0], 9),
            cell("carried_over", T3_COLS[1], 3),
        ];
        let mut report = Report {
            tables: vec![crate::model::Table::new(
                TableId::T3,
                cells,
                crate::model::Span::new(0, 1),
            )],
            ..Report::default()
        };
        let get = |r: &Report, col| {
            r.table(TableId::T3)
                .and_then(|t| t.get("carried_over", col))
                .and_then(|c| c.value)
        };
        assert_eq!(get(&report, T3_COLS[0]), Some(Num::int(1)));
        assert_eq!(get(&report, T3_COLS[1]), None);
        let plain = Chained::of(&report);
        report.pack();
        for chained in [plain, Chained::of(&report)] {
            let number = |col| {
                chained
                    .number(TableId::T3, "carried_over", col)
                    .map(|n| n.0)
            };
            assert_eq!(number(T3_COLS[0]), Some(Num::int(1)));
            assert_eq!(number(T3_COLS[1]), None);
        }
    }
}
