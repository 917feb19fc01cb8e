//! Positioned characters → text lines, cells, paragraphs and tables in reading order.
//!
//! Characters inside a ruled grid go to the cell they sit in (a wrapped label is one cell of
//! several lines); the others form lines, top to bottom. Page numbers and running heads in the
//! page margins are dropped, lines of one paragraph are joined (a full line continues on the
//! next unless that one is indented or opens a numbered heading), and a table that ends one
//! page and opens the next with the same width is one table (a heading row the page break
//! cut in two joined again).

use super::ruling::{self, Grid};
use super::{Glyph, Page};
use crate::ingest::builder::DocBuilder;
use crate::model::ReadProblem;
use std::collections::HashMap;

/// A line of text outside tables.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) x0: f64,
    pub(super) x1: f64,
    /// Baseline.
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) text: String,
    /// Characters other than spaces.
    pub(super) len: usize,
}

#[derive(Debug)]
enum Item {
    Line(Line),
    Table {
        left: f64,
        right: f64,
        rows: Vec<Vec<String>>,
        /// The left and right edge of each entry of the first and the last row.
        first: Vec<(f64, f64)>,
        last: Vec<(f64, f64)>,
    },
}

#[derive(Debug)]
struct Placed {
    page: usize,
    /// Whether this is the first or the last item of its page.
    first: bool,
    last: bool,
    item: Item,
}

/// Lays the pages out into the builder.
pub(super) fn build(pages: &[Page], b: &mut DocBuilder) -> Result<(), ReadProblem> {
    let mut placed = Vec::new();
    let mut lines_of: Vec<Vec<Line>> = Vec::new();
    let mut tables_of: Vec<Vec<(f64, Item)>> = Vec::new();
    for page in pages {
        let (lines, tables) = read_page(page);
        lines_of.push(lines);
        tables_of.push(tables);
    }
    let furniture = furniture(pages, &lines_of);
    for (p, (lines, tables)) in lines_of.into_iter().zip(tables_of).enumerate() {
        let mut items: Vec<(f64, Item)> = tables;
        for (i, l) in lines.into_iter().enumerate() {
            if !furniture.contains(&(p, i)) {
                items.push((l.y + l.size * 0.8, Item::Line(l)));
            }
        }
        items.sort_by(|a, b| b.0.total_cmp(&a.0));
        let n = items.len();
        for (i, (_, item)) in items.into_iter().enumerate() {
            placed.push(Placed {
                page: p,
                first: i == 0,
                last: i + 1 == n,
                item,
            });
        }
    }
    emit(placed, b)
}

/// A page's lines outside tables (top to bottom) and its tables (with their tops).
fn read_page(page: &Page) -> (Vec<Line>, Vec<(f64, Item)>) {
    let grids: Vec<Grid> = ruling::grids(&page.segs)
        .into_iter()
        .filter(|g| g.cells.len() > 1)
        .collect();
    let mut in_cell: Vec<Vec<Vec<&Glyph>>> = grids
        .iter()
        .map(|g| vec![Vec::new(); g.cells.len()])
        .collect();
    let mut free = Vec::new();
    'glyphs: for g in &page.glyphs {
        let (cx, cy) = ((g.x0 + g.x1) / 2.0, g.y + g.size * 0.3);
        for (k, grid) in grids.iter().enumerate() {
            if let Some(c) = grid.cell_at(cx, cy) {
                if let Some(cell) = in_cell.get_mut(k).and_then(|t| t.get_mut(c)) {
                    cell.push(g);
                    continue 'glyphs;
                }
            }
        }
        free.push(g);
    }
    let tables = grids
        .iter()
        .zip(in_cell)
        .map(|(g, cells)| {
            let text: Vec<String> = cells
                .into_iter()
                .map(|c| {
                    lines(c)
                        .into_iter()
                        .map(|l| l.text)
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect();
            let spanned = ruling::tika_rows_spanned(g, &text);
            let edges = |row: Option<&Vec<(String, (f64, f64))>>| {
                row.map(|r| r.iter().map(|(_, e)| *e).collect())
                    .unwrap_or_default()
            };
            let (first, last) = (edges(spanned.first()), edges(spanned.last()));
            (
                g.top(),
                Item::Table {
                    left: g.left(),
                    right: g.right(),
                    rows: spanned
                        .into_iter()
                        .map(|r| r.into_iter().map(|(t, _)| t).collect())
                        .collect(),
                    first,
                    last,
                },
            )
        })
        .collect();
    (lines(free), tables)
}

/// Groups characters into lines, top to bottom; each line's characters left to right, a
/// space where the gap is wide, a character drawn twice over itself (fake bold) once.
pub(super) fn lines(mut glyphs: Vec<&Glyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        match groups.last_mut() {
            Some(cur)
                if cur
                    .first()
                    .is_some_and(|f| (f.y - g.y).abs() <= 0.4 * f.size.max(g.size).max(1.0)) =>
            {
                cur.push(g)
            }
            _ => groups.push(vec![g]),
        }
    }
    groups.into_iter().filter_map(line).collect()
}

fn line(mut glyphs: Vec<&Glyph>) -> Option<Line> {
    glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    let mut space = false;
    let (mut x0, mut x1, mut size, mut y, mut len) =
        (f64::INFINITY, f64::NEG_INFINITY, 0.0, 0.0, 0);
    for g in glyphs {
        if g.text.trim().is_empty() {
            space = prev.is_some();
            continue;
        }
        if let Some(p) = prev {
            if p.text == g.text && (g.x0 - p.x0).abs() < 0.3 * g.size {
                continue;
            }
            if space || g.x0 - p.x1 > 0.45 * g.size.max(p.size) {
                text.push(' ');
            }
        }
        space = false;
        text.push_str(&g.text);
        x0 = x0.min(g.x0);
        x1 = x1.max(g.x1);
        if g.size > size {
            size = g.size;
            y = g.y;
        }
        len += 1;
        prev = Some(g);
    }
    (len > 0).then_some(Line {
        x0,
        x1,
        y,
        size,
        text,
        len,
    })
}

/// Page numbers and running heads: lines in the top or bottom margin that read as a page
/// number, or whose text (digits aside) recurs in the margins of other pages.
fn furniture(pages: &[Page], lines: &[Vec<Line>]) -> Vec<(usize, usize)> {
    let in_margin = |p: usize, l: &Line| {
        let h = pages.get(p).map_or(842.0, |p| p.height);
        l.y < h * 0.1 || l.y > h * 0.9
    };
    let key = |l: &Line| -> String {
        l.text
            .chars()
            .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
            .collect()
    };
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    for (p, ls) in lines.iter().enumerate() {
        for l in ls.iter().filter(|l| in_margin(p, l)) {
            let pages = seen.entry(key(l)).or_default();
            if pages.last() != Some(&p) {
                pages.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for (p, ls) in lines.iter().enumerate() {
        for (i, l) in ls.iter().enumerate() {
            if in_margin(p, l)
                && (is_page_number(&l.text) || seen.get(&key(l)).is_some_and(|v| v.len() >= 3))
            {
                out.push((p, i));
            }
        }
    }
    out
}

/// "- 3 -", "3", "第3页", "第 3 页 共 7 页", "3/7".
pub(super) fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '·' | '_' | '~'));
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits(t) {
        return true;
    }
    if t.split_once('/')
        .is_some_and(|(a, b)| digits(a) && digits(b))
    {
        return true;
    }
    let Some(rest) = t.strip_prefix('第') else {
        return false;
    };
    let Some((n, rest)) = rest.split_once('页') else {
        return false;
    };
    let rest = rest.trim_start_matches(['/', '，', ',', '、']);
    digits(n)
        && (rest.is_empty()
            || rest
                .strip_prefix('共')
                .and_then(|r| r.strip_suffix('页'))
                .is_some_and(digits))
}

/// Opens a numbered heading or item: 一、 （一） 1. 1、 (1)
fn opens_item(text: &str) -> bool {
    let t = text.trim_start();
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let mut chars = t.chars();
    match chars.next() {
        Some('（' | '(') => chars
            .next()
            .is_some_and(|c| numeral(c) || c.is_ascii_digit()),
        Some(c) if numeral(c) => chars.find(|c| !numeral(*c)) == Some('、'),
        Some(c) if c.is_ascii_digit() => {
            matches!(chars.find(|c| !c.is_ascii_digit()), Some('.' | '、' | '．'))
        }
        _ => false,
    }
}

/// The page body's left and right edges: where most long lines start and end.
fn margins(placed: &[Placed]) -> (f64, f64) {
    let long: Vec<&Line> = placed
        .iter()
        .filter_map(|p| match &p.item {
            Item::Line(l) if l.len >= 12 => Some(l),
            _ => None,
        })
        .collect();
    let pick = |mut v: Vec<f64>, q: f64| {
        v.sort_by(f64::total_cmp);
        let i = ((v.len() as f64 - 1.0) * q).round() as usize;
        v.get(i).copied()
    };
    let left = pick(long.iter().map(|l| l.x0).collect(), 0.2).unwrap_or(0.0);
    let right = pick(long.iter().map(|l| l.x1).collect(), 0.8).unwrap_or(f64::INFINITY);
    (left, right)
}

/// A table read so far, that may go on at the top of the next page.
struct Open {
    page: usize,
    left: f64,
    right: f64,
    rows: Vec<Vec<String>>,
    /// The edges of the last row's entries.
    last: Vec<(f64, f64)>,
    ends_page: bool,
}

fn emit(placed: Vec<Placed>, b: &mut DocBuilder) -> Result<(), ReadProblem> {
    let (left, right) = margins(&placed);
    let mut table: Option<Open> = None;
    let mut para: Option<(String, Line, usize, bool)> = None;
    for p in placed {
        match p.item {
            Item::Table {
                left: l,
                right: r,
                mut rows,
                first,
                last,
            } => {
                if let Some((text, ..)) = para.take() {
                    b.line(&text);
                }
                match &mut table {
                    Some(t)
                        if t.ends_page
                            && t.page + 1 == p.page
                            && p.first
                            && (t.left - l).abs() <= 3.0
                            && (t.right - r).abs() <= 3.0 =>
                    {
                        if !repeats_heading(&t.rows, &rows) {
                            join_broken_row(&mut t.rows, &t.last, &mut rows, &first);
                        }
                        if !rows.is_empty() {
                            t.last = last;
                        }
                        append(&mut t.rows, rows);
                        t.page = p.page;
                        t.ends_page = p.last;
                    }
                    _ => {
                        if let Some(t) = table.take() {
                            b.table(&t.rows)?;
                        }
                        table = Some(Open {
                            page: p.page,
                            left: l,
                            right: r,
                            rows,
                            last,
                            ends_page: p.last,
                        });
                    }
                }
            }
            Item::Line(line) => {
                if let Some(t) = table.take() {
                    b.table(&t.rows)?;
                }
                let joins = para.as_ref().is_some_and(|(_, prev, page, last)| {
                    let full = prev.x1 >= right - 1.5 * prev.size;
                    let indented = line.x0 >= left + 1.0 * line.size;
                    let near = if *page == p.page {
                        prev.y > line.y && prev.y - line.y <= 2.5 * prev.size.max(line.size)
                    } else {
                        *page + 1 == p.page && *last && p.first
                    };
                    full && near
                        && !indented
                        && (prev.size - line.size).abs() <= 1.0
                        && !opens_item(&line.text)
                });
                match &mut para {
                    Some((text, prev, page, last)) if joins => {
                        let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                        if ascii(text.chars().last()) && ascii(line.text.chars().next()) {
                            text.push(' ');
                        }
                        text.push_str(&line.text);
                        *prev = line;
                        *page = p.page;
                        *last = p.last;
                    }
                    _ => {
                        if let Some((text, ..)) = para.take() {
                            b.line(&text);
                        }
                        para = Some((line.text.clone(), line, p.page, p.last));
                    }
                }
            }
        }
    }
    if let Some((text, ..)) = para.take() {
        b.line(&text);
    }
    if let Some(t) = table.take() {
        b.table(&t.rows)?;
    }
    Ok(())
}

/// Whether a continuation opens with the table's heading again.
fn repeats_heading(acc: &[Vec<String>], rows: &[Vec<String>]) -> bool {
    matches!((acc.first(), rows.first()), (Some(a), Some(b)) if a == b)
}

/// A row the page break cut in two (Word and LibreOffice let a row break across pages): the
/// last row of the page before, `prev`, and the first of the continuation, `next`, both
/// without a number, with cells at the very same edges that both hold text ("结果" above the
/// break, "维持" below). The text of those cells joins `prev`; they become covered (empty)
/// positions of `next`, whose other cells (those of a row the cut one spanned) stay a row of
/// their own; `next` goes when nothing is left in it. A data row is never joined: a number
/// on either side says the rows are whole.
fn join_broken_row(
    acc: &mut [Vec<String>],
    prev_edges: &[(f64, f64)],
    rows: &mut Vec<Vec<String>>,
    next_edges: &[(f64, f64)],
) {
    let (Some(prev), Some(next)) = (acc.last_mut(), rows.first_mut()) else {
        return;
    };
    let number = |c: &String| {
        let c = c.trim();
        !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
    };
    if prev.len() != prev_edges.len()
        || next.len() != next_edges.len()
        || prev.iter().chain(next.iter()).any(number)
    {
        return;
    }
    let same = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).abs() <= 2.0 && (a.1 - b.1).abs() <= 2.0;
    let pairs: Vec<(usize, usize)> = prev_edges
        .iter()
        .enumerate()
        .filter_map(|(i, &e)| next_edges.iter().position(|&f| same(e, f)).map(|j| (i, j)))
        .collect();
    let both = |&(i, j): &(usize, usize)| !prev[i].trim().is_empty() && !next[j].trim().is_empty();
    if !pairs.iter().any(both) {
        return;
    }
    for (i, j) in pairs {
        let below = std::mem::take(&mut next[j]);
        prev[i].push_str(below.trim());
    }
    if next.iter().all(|c| c.trim().is_empty()) {
        rows.remove(0);
    }
}

/// Appends a table's continuation, leaving out its heading rows when they repeat the table's.
fn append(acc: &mut Vec<Vec<String>>, rows: Vec<Vec<String>>) {
    let repeated = acc
        .iter()
        .zip(&rows)
        .take_while(|(a, b)| a == b && a.iter().any(|c| !c.trim().is_empty()))
        .count();
    // A heading repeats as a whole: one or two rows, never the whole continuation.
    let skip = if repeated < rows.len() {
        repeated.min(4)
    } else {
        0
    };
    acc.extend(rows.into_iter().skip(skip));
}

#[cfg(test)]
mod tests;
