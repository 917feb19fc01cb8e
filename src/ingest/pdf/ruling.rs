//! Ruling lines → table grids.
//!
//! A report's tables are drawn as ruled grids: stroked lines, or thin filled rectangles (Word,
//! WPS and LibreOffice draw borders either way). Segments that touch form one table; the
//! distinct x of its vertical rules and y of its horizontal rules cut it into elementary
//! cells, and a missing rule between two of them means one merged cell spans both.

use super::Seg;

/// Coordinates closer than this (points) are the same rule.
const SNAP: f64 = 2.0;
/// Rules thinner than this (points) are lines; a filled rectangle thicker is shading.
const THIN: f64 = 2.5;
/// Rules per page beyond which a page is drawing, not a table (and the grid search would be
/// quadratic on hostile input).
const MAX_SEGS: usize = 6_000;
/// Elementary cells beyond which a grid is not a report's table.
const MAX_GRID: usize = 40_000;

/// A ruled table on one page: column and row boundaries and its (merged) cells.
#[derive(Debug, Clone)]
pub(super) struct Grid {
    /// Column boundaries, left to right.
    pub(super) xs: Vec<f64>,
    /// Row boundaries, top to bottom (PDF y grows upwards, so descending).
    pub(super) ys: Vec<f64>,
    /// Cells as drawn, each covering whole elementary cells.
    pub(super) cells: Vec<Cell>,
    /// For each elementary cell (row-major), the index of the cell covering it.
    pub(super) owner: Vec<usize>,
}

/// A cell of the grid: the elementary rows and columns it covers (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cell {
    pub(super) r0: usize,
    pub(super) c0: usize,
    pub(super) r1: usize,
    pub(super) c1: usize,
}

impl Grid {
    pub(super) fn left(&self) -> f64 {
        self.xs.first().copied().unwrap_or(0.0)
    }
    pub(super) fn right(&self) -> f64 {
        self.xs.last().copied().unwrap_or(0.0)
    }
    pub(super) fn top(&self) -> f64 {
        self.ys.first().copied().unwrap_or(0.0)
    }
    pub(super) fn bottom(&self) -> f64 {
        self.ys.last().copied().unwrap_or(0.0)
    }
    pub(super) fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }
    pub(super) fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }

    /// The cell a point falls in, if it is inside the grid.
    pub(super) fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        if x < self.left() || x > self.right() || y > self.top() || y < self.bottom() {
            return None;
        }
        let c = self.xs.partition_point(|&b| b <= x).saturating_sub(1);
        let r = self.ys.partition_point(|&b| b >= y).saturating_sub(1);
        let c = c.min(self.cols().saturating_sub(1));
        let r = r.min(self.rows().saturating_sub(1));
        self.owner.get(r * self.cols() + c).copied()
    }
}

/// An axis-aligned rule: horizontal at `at` from `from` to `to`, or vertical likewise.
#[derive(Debug, Clone, Copy)]
struct Rule {
    at: f64,
    from: f64,
    to: f64,
}

/// The ruled tables among a page's segments, top to bottom.
pub(super) fn grids(segs: &[Seg]) -> Vec<Grid> {
    if segs.len() > MAX_SEGS {
        return Vec::new();
    }
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    for s in segs {
        let (w, h) = (s.x1 - s.x0, s.y1 - s.y0);
        if !(w.is_finite() && h.is_finite()) {
            continue;
        }
        if h <= THIN && w >= SNAP {
            hs.push(Rule {
                at: (s.y0 + s.y1) / 2.0,
                from: s.x0,
                to: s.x1,
            });
        } else if w <= THIN && h >= SNAP {
            vs.push(Rule {
                at: (s.x0 + s.x1) / 2.0,
                from: s.y0,
                to: s.y1,
            });
        }
    }
    let hs = join(hs);
    let vs = join(vs);
    // Rules that cross or touch are one table.
    let mut uf = UnionFind::new(hs.len() + vs.len());
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if v.at >= h.from - SNAP
                && v.at <= h.to + SNAP
                && h.at >= v.from - SNAP
                && h.at <= v.to + SNAP
            {
                uf.union(i, hs.len() + j);
            }
        }
    }
    let mut groups: Vec<(Vec<Rule>, Vec<Rule>)> = Vec::new();
    let mut index = vec![usize::MAX; hs.len() + vs.len()];
    for k in 0..hs.len() + vs.len() {
        let root = uf.find(k);
        if index[root] == usize::MAX {
            index[root] = groups.len();
            groups.push((Vec::new(), Vec::new()));
        }
        let g = &mut groups[index[root]];
        if k < hs.len() {
            g.0.push(hs[k]);
        } else {
            g.1.push(vs[k - hs.len()]);
        }
    }
    let mut out: Vec<Grid> = groups.iter().filter_map(|(h, v)| grid(h, v)).collect();
    out.sort_by(|a, b| b.top().total_cmp(&a.top()));
    out
}

/// Joins collinear rules that overlap or touch (a border drawn cell by cell).
fn join(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut out: Vec<Rule> = Vec::with_capacity(rules.len());
    let mut start = 0;
    while start < rules.len() {
        let mut end = start + 1;
        while end < rules.len() && rules[end].at - rules[end - 1].at <= SNAP / 2.0 {
            end += 1;
        }
        let mut line: Vec<Rule> = rules[start..end].to_vec();
        let at = line.iter().map(|r| r.at).sum::<f64>() / line.len() as f64;
        line.sort_by(|a, b| a.from.total_cmp(&b.from));
        let mut cur: Option<Rule> = None;
        for r in line {
            cur = match cur {
                Some(c) if r.from <= c.to + SNAP => Some(Rule {
                    at,
                    from: c.from,
                    to: c.to.max(r.to),
                }),
                Some(c) => {
                    out.push(c);
                    Some(Rule { at, ..r })
                }
                None => Some(Rule { at, ..r }),
            };
        }
        out.extend(cur);
        start = end;
    }
    out
}

/// Values closer than `SNAP` taken as one (their mean), ascending.
fn cluster(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    let mut run: Vec<f64> = Vec::new();
    for v in values {
        if run.last().is_some_and(|&l| v - l > SNAP) {
            out.push(run.iter().sum::<f64>() / run.len() as f64);
            run.clear();
        }
        run.push(v);
    }
    if !run.is_empty() {
        out.push(run.iter().sum::<f64>() / run.len() as f64);
    }
    out
}

fn grid(hs: &[Rule], vs: &[Rule]) -> Option<Grid> {
    if hs.len() < 2 || vs.len() < 2 {
        return None;
    }
    let left = hs.iter().map(|r| r.from).fold(f64::INFINITY, f64::min);
    let right = hs.iter().map(|r| r.to).fold(f64::NEG_INFINITY, f64::max);
    let bottom = vs.iter().map(|r| r.from).fold(f64::INFINITY, f64::min);
    let top = vs.iter().map(|r| r.to).fold(f64::NEG_INFINITY, f64::max);
    let mut xs = cluster(vs.iter().map(|r| r.at).chain([left, right]).collect());
    let mut ys = cluster(hs.iter().map(|r| r.at).chain([bottom, top]).collect());
    ys.reverse();
    // A grid narrower or lower than a line of text is an underline or a box, not a table.
    if xs.len() < 2 || ys.len() < 2 || right - left < 20.0 || top - bottom < 8.0 {
        return None;
    }
    xs.dedup();
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    if rows.saturating_mul(cols) > MAX_GRID {
        return None;
    }
    let near = |a: f64, b: f64| (a - b).abs() <= SNAP;
    // Is there a rule between elementary cells (r, c) and (r, c + 1)? …and (r + 1, c)?
    let v_wall = |r: usize, c: usize| {
        let (x, y) = (xs[c + 1], (ys[r] + ys[r + 1]) / 2.0);
        vs.iter().any(|v| near(v.at, x) && v.from <= y && v.to >= y)
    };
    let h_wall = |r: usize, c: usize| {
        let (y, x) = (ys[r + 1], (xs[c] + xs[c + 1]) / 2.0);
        hs.iter().any(|h| near(h.at, y) && h.from <= x && h.to >= x)
    };
    let mut uf = UnionFind::new(rows * cols);
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !v_wall(r, c) {
                uf.union(r * cols + c, r * cols + c + 1);
            }
            if r + 1 < rows && !h_wall(r, c) {
                uf.union(r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    let mut cells: Vec<Cell> = Vec::new();
    let mut of_root = vec![usize::MAX; rows * cols];
    let mut owner = vec![0; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            let root = uf.find(r * cols + c);
            if of_root[root] == usize::MAX {
                of_root[root] = cells.len();
                cells.push(Cell {
                    r0: r,
                    c0: c,
                    r1: r,
                    c1: c,
                });
            }
            let i = of_root[root];
            let cell = &mut cells[i];
            cell.r0 = cell.r0.min(r);
            cell.c0 = cell.c0.min(c);
            cell.r1 = cell.r1.max(r);
            cell.c1 = cell.c1.max(c);
            owner[r * cols + c] = i;
        }
    }
    Some(Grid {
        xs,
        ys,
        cells,
        owner,
    })
}

/// The grid's rows as a Word table reads through Tika: each cell once, in the row where it
/// starts; a cell merged across columns once; a position covered by a cell from a row above
/// as one empty cell. Rows where no cell starts (a rule drawn only inside one cell) are left
/// out. `text` gives a cell's text by index; each entry comes with its left and right edge.
pub(super) fn tika_rows_spanned(g: &Grid, text: &[String]) -> Vec<Vec<(String, (f64, f64))>> {
    let cols = g.cols();
    let mut out = Vec::new();
    for r in 0..g.rows() {
        let mut row = Vec::new();
        let mut starts = false;
        for c in 0..cols {
            let Some(&i) = g.owner.get(r * cols + c) else {
                continue;
            };
            let Some(cell) = g.cells.get(i) else {
                continue;
            };
            if cell.c0 != c {
                continue;
            }
            let span = (
                g.xs.get(cell.c0).copied().unwrap_or(0.0),
                g.xs.get(cell.c1 + 1).copied().unwrap_or(0.0),
            );
            if cell.r0 == r {
                starts = true;
                row.push((text.get(i).cloned().unwrap_or_default(), span));
            } else {
                row.push((String::new(), span));
            }
        }
        if starts {
            out.push(row);
        }
    }
    out
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows' texts alone.
    fn tika_rows(g: &Grid, text: &[String]) -> Vec<Vec<String>> {
        tika_rows_spanned(g, text)
            .into_iter()
            .map(|r| r.into_iter().map(|(t, _)| t).collect())
            .collect()
    }

    fn seg(x0: f64, y0: f64, x1: f64, y1: f64) -> Seg {
        Seg { x0, y0, x1, y1 }
    }

    /// A 3×3 grid, top-left cell merged across two columns, left column's two lower cells
    /// merged down.
    #[test]
    fn merged_cells_are_found_from_missing_rules() {
        let mut segs = vec![
            seg(0.0, 90.0, 90.0, 90.0),
            seg(0.0, 60.0, 90.0, 60.0),
            seg(30.0, 30.0, 90.0, 30.0), // no rule under the left column's middle cell
            seg(0.0, 0.0, 90.0, 0.0),
            seg(0.0, 0.0, 0.0, 90.0),
            seg(90.0, 0.0, 90.0, 90.0),
            seg(30.0, 0.0, 30.0, 60.0), // no rule inside the top row's first two cells
        ];
        segs.push(seg(60.0, 0.0, 60.0, 90.0));
        let gs = grids(&segs);
        assert_eq!(gs.len(), 1);
        let g = &gs[0];
        assert_eq!((g.rows(), g.cols()), (3, 3));
        let text: Vec<String> = (0..g.cells.len()).map(|i| format!("c{i}")).collect();
        let rows = tika_rows(g, &text);
        assert_eq!(
            rows,
            vec![
                vec!["c0".to_string(), "c1".into()],
                vec!["c2".into(), "c3".into(), "c4".into()],
                vec!["".into(), "c5".into(), "c6".into()],
            ]
        );
        assert_eq!(g.cell_at(10.0, 80.0), Some(0));
        assert_eq!(g.cell_at(10.0, 10.0), Some(2));
        assert_eq!(g.cell_at(100.0, 10.0), None);
    }

    #[test]
    fn lines_alone_and_shading_are_not_tables() {
        assert!(grids(&[seg(0.0, 0.0, 300.0, 0.5)]).is_empty());
        assert!(grids(&[seg(0.0, 0.0, 300.0, 40.0)]).is_empty());
        assert!(grids(&[seg(f64::NAN, 0.0, 300.0, 0.0)]).is_empty());
    }
}
