//! Token stream → tables 二, 三, 四 with FORMAT.md ids, plus P007/P008 findings.

use super::label_runs;
use super::labels::{self, Group};
use super::text::{classify, fold_label, Unit};
use super::zone::{Item, Stage, Stream, Tok};
use crate::model::ids::{self, RowSpec, T3_ROWS_2021, T3_ROW_OTHER_2019, T4_ROWS};
use crate::model::{
    Cell, CellRef, CellState, Finding, FindingKind, Incomplete, Severity, Span, Table, TableId,
};

/// A row as read: its label, its values, and the row it was matched to.
#[derive(Clone, Debug)]
pub(crate) struct LRow<'a> {
    pub(crate) labels: Vec<Tok<'a>>,
    pub(crate) values: Vec<Tok<'a>>,
    /// Row id (t3), or (2021 id, 2019 id) packed for t2.
    pub(crate) row: Option<&'static str>,
    pub(crate) row2019: Option<&'static str>,
    /// True when the row is a group label that only counts if values follow directly.
    pub(crate) tentative: bool,
    pub(crate) grid: bool,
}

impl<'a> LRow<'a> {
    fn new(grid: bool) -> LRow<'a> {
        LRow {
            labels: Vec::new(),
            values: Vec::new(),
            row: None,
            row2019: None,
            tentative: false,
            grid,
        }
    }

    fn span(&self) -> Option<Span> {
        self.labels
            .iter()
            .chain(&self.values)
            .map(|t| t.span)
            .reduce(Span::join)
    }

    fn has_values(&self) -> bool {
        !self.values.is_empty()
    }
}

/// Everything read from the table zone.
#[derive(Debug, Default)]
pub(crate) struct Rows<'a> {
    pub(crate) t2: Vec<LRow<'a>>,
    pub(crate) t3: Vec<LRow<'a>>,
    /// Table 四's value rows: explicit rows, or runs of values between labels in line forms.
    pub(crate) t4: Vec<LRow<'a>>,
    pub(crate) t2_labels: Vec<Tok<'a>>,
    pub(crate) t4_seen: bool,
    /// PDF text: see [`Stream::pdf`].
    pub(crate) pdf: bool,
}

struct Reader<'a> {
    stage: Stage,
    group: Option<Group>,
    cur: Option<LRow<'a>>,
    rows: Rows<'a>,
}

/// Groups the token stream into rows and matches their labels.
pub(crate) fn read_rows(stream: Stream<'_>) -> Rows<'_> {
    let mut r = Reader {
        stage: Stage::T2,
        group: None,
        cur: None,
        rows: Rows {
            pdf: stream.pdf,
            ..Rows::default()
        },
    };
    for item in stream.items {
        match item {
            Item::Stage(s) => {
                r.flush();
                r.stage = s;
                r.group = None;
                r.rows.t4_seen |= s == Stage::T4;
            }
            Item::RowEnd => r.flush(),
            Item::Tok(t) if t.is_value => r.value(t),
            Item::Tok(t) => r.label(t),
        }
    }
    r.flush();
    r.rows
}

impl<'a> Reader<'a> {
    fn flush(&mut self) {
        let Some(row) = self.cur.take() else {
            return;
        };
        // Header rows of an explicit table may end in padding cells ("…总计 ||").
        let header_padding =
            row.grid && !row.labels.is_empty() && row.values.iter().all(|t| t.text.is_empty());
        match self.stage {
            Stage::T4 if header_padding || row.values.is_empty() => {}
            Stage::T4 => self.rows.t4.push(row),
            Stage::T2 if row.row.is_some() || row.row2019.is_some() => self.rows.t2.push(row),
            Stage::T3 if row.row.is_some() && !(row.tentative && row.values.is_empty()) => {
                self.rows.t3.push(row)
            }
            _ => {}
        }
    }

    fn value(&mut self, t: Tok<'a>) {
        let grid = t.grid;
        let values = &mut self.cur.get_or_insert_with(|| LRow::new(grid)).values;
        if values.capacity() == 0 {
            values.reserve(8);
        }
        values.push(t);
    }

    fn label(&mut self, t: Tok<'a>) {
        // Labels of several rows run together (a row that lost its cells): one label each.
        if !t.grid {
            let cuts = match self.stage {
                Stage::T2 => label_runs::t2_cuts(&t.text),
                Stage::T3 => label_runs::t3_cuts(&t.text),
                Stage::T4 => Vec::new(),
            };
            if !cuts.is_empty() {
                for piece in cut_tok(&t, &cuts) {
                    self.label(piece);
                }
                return;
            }
        }
        // Borrowed from the document when folding changes nothing (the usual case).
        let folded: std::borrow::Cow<'a, str> = match &t.text {
            std::borrow::Cow::Borrowed(s) => fold_label(s),
            std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(fold_label(s).into_owned()),
        };
        // A PDF page's running head between the rows names none of them.
        if !t.grid && labels::is_running_head(&folded) {
            return;
        }
        if self.stage == Stage::T3
            && !t.grid
            && !self.rows.t3.is_empty()
            && labels::is_t4_header(&folded)
        {
            self.flush();
            self.stage = Stage::T4;
            self.rows.t4_seen = true;
        }
        if self.stage == Stage::T2 && {
            let hit = labels::t3_label(&folded, None);
            hit.top_level && hit.row.is_some()
        } {
            self.flush();
            self.stage = Stage::T3;
        }
        match self.stage {
            Stage::T2 => self.label_t2(t, &folded),
            Stage::T3 => self.label_t3(t, &folded),
            Stage::T4 => {
                // In a line form, a label after values ends their run.
                if !t.grid && self.cur.as_ref().is_some_and(LRow::has_values) {
                    self.flush();
                }
                self.cur
                    .get_or_insert_with(|| LRow::new(t.grid))
                    .labels
                    .push(t)
            }
        }
    }

    /// A short text with a digit ("约3") after a matched row's label (in an explicit row) or
    /// first values (in a line form), naming no row, is a text value (P008), not a label.
    fn is_text_value(&self, text: &str, names_row: bool) -> bool {
        let numeric_ish = text
            .chars()
            .any(|c| super::text::fold_char(c).is_ascii_digit())
            && text.chars().count() <= 12;
        let max = if self.stage == Stage::T3 { 7 } else { 3 };
        self.cur.as_ref().is_some_and(|c| {
            let started = c.grid || !c.values.is_empty();
            !names_row
                && numeric_ish
                && (c.row.is_some() || c.row2019.is_some())
                && started
                && c.values.len() < max
        })
    }

    fn label_t2(&mut self, t: Tok<'a>, folded: &str) {
        self.rows.t2_labels.push(t.clone());
        let hit = labels::t2_label(folded);
        if self.is_text_value(&t.text, hit.is_some()) {
            return self.value(Tok {
                is_value: true,
                ..t
            });
        }
        self.start_or_extend(t, hit.is_some());
        if let (Some((r21, r19)), Some(cur)) = (hit, self.cur.as_mut()) {
            cur.row = (!r21.is_empty()).then_some(r21);
            cur.row2019 = Some(r19);
        }
    }

    fn label_t3(&mut self, t: Tok<'a>, folded: &str) {
        let hit = labels::t3_label(folded, self.group);
        if hit.top_level {
            self.group = None;
        }
        if let Some(g) = hit.group {
            self.group = Some(g);
        }
        let tentative = hit.row.is_none() && hit.group == Some(Group::Other);
        let names_row = hit.row.is_some() || tentative;
        if self.is_text_value(&t.text, names_row || hit.group.is_some()) {
            return self.value(Tok {
                is_value: true,
                ..t
            });
        }
        self.start_or_extend(t, names_row);
        if let (true, Some(cur)) = (names_row, self.cur.as_mut()) {
            cur.row = hit.row.or(Some("other"));
            cur.tentative = tentative;
        }
    }

    /// A label that names a row starts a new row; any other label extends the current one
    /// (a wrapped label) or starts an unnamed one (a header).
    fn start_or_extend(&mut self, t: Tok<'a>, names_row: bool) {
        let has_values = self.cur.as_ref().is_some_and(|c| !c.values.is_empty());
        let named = self
            .cur
            .as_ref()
            .is_some_and(|c| c.row.is_some() || c.row2019.is_some());
        let grid_same_row = t.grid && self.cur.as_ref().is_some_and(|c| c.values.is_empty());
        if has_values || (names_row && named && !grid_same_row) || (names_row && !t.grid) {
            self.flush();
        }
        let grid = t.grid;
        self.cur
            .get_or_insert_with(|| LRow::new(grid))
            .labels
            .push(t);
    }
}

/// A label token cut into pieces at byte offsets of its text.
fn cut_tok<'a>(t: &Tok<'a>, cuts: &[usize]) -> Vec<Tok<'a>> {
    // The span maps byte for byte onto the text unless the text was rewritten.
    let exact = t.span.end.saturating_sub(t.span.start) as usize == t.text.len();
    let piece = |s: usize, e: usize| Tok {
        text: match &t.text {
            std::borrow::Cow::Borrowed(x) => std::borrow::Cow::Borrowed(&x[s..e]),
            std::borrow::Cow::Owned(x) => std::borrow::Cow::Owned(x[s..e].to_string()),
        },
        span: if exact {
            Span::new(t.span.start as usize + s, t.span.start as usize + e)
        } else {
            t.span
        },
        ..t.clone()
    };
    let mut bounds = vec![0];
    bounds.extend_from_slice(cuts);
    bounds.push(t.text.len());
    bounds.windows(2).map(|w| piece(w[0], w[1])).collect()
}

/// Tables built from rows, with what could not be read.
#[derive(Debug, Default)]
pub(crate) struct Built<'a> {
    pub(crate) tables: Vec<Table>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) evidence_2019: Vec<(String, Span)>,
    /// Rows whose values are one glued digit run, for reconstruction.
    pub(crate) glued: Vec<Glued<'a>>,
}

/// A row whose cells were glued into digit runs.
#[derive(Clone, Debug)]
pub(crate) struct Glued<'a> {
    pub(crate) table: TableId,
    pub(crate) row: &'static str,
    pub(crate) values: Vec<Tok<'a>>,
}

/// Builds tables 二, 三 and 四.
pub(crate) fn build<'a>(rows: &Rows<'a>) -> Built<'a> {
    let mut b = Built::default();
    build_t2(rows, &mut b);
    build_t3(rows, &mut b);
    build_t4(rows, &mut b);
    b
}

fn p007(
    table: TableId,
    row: Option<&'static str>,
    detail: Incomplete,
    span: Option<Span>,
) -> Finding {
    let f = Finding::new(
        "P007",
        Severity::Warning,
        FindingKind::TableIncomplete { table, row, detail },
    );
    match span {
        Some(s) => f.at(s),
        None => f,
    }
}

/// Fits a row's values to its columns: trailing blanks beyond the columns are padding.
/// Returns `None` (and a finding) when the count does not fit, or when PDF text spreads the
/// values of a row of several columns over several lines (their order is the page's reading
/// order, not certainly the row's).
fn fit<'r, 'a>(
    table: TableId,
    spec: &RowSpec,
    row: &'r LRow<'a>,
    pdf: bool,
    b: &mut Built<'a>,
) -> Option<&'r [Tok<'a>]> {
    let n = spec.cols.len();
    let vals = drop_padding(&row.values, n);
    if vals.len() == n {
        if pdf && n > 1 && !row.grid && !on_one_line(vals) {
            let detail = Incomplete::Order {
                expected: n,
                found: vals.len(),
            };
            b.findings
                .push(p007(table, Some(spec.id), detail, row.span()));
            return None;
        }
        return Some(vals);
    }
    if vals.len() < n && is_glued(table, vals, n) {
        b.glued.push(Glued {
            table,
            row: spec.id,
            values: vals.to_vec(),
        });
        return None;
    }
    let detail = if row.grid || vals.len() > n {
        Incomplete::Cells {
            expected: n,
            found: vals.len(),
        }
    } else {
        Incomplete::Ambiguous {
            expected: n,
            found: vals.len(),
        }
    };
    b.findings
        .push(p007(table, Some(spec.id), detail, row.span()));
    None
}

/// True when the filled values stand on one physical line.
fn on_one_line(vals: &[Tok<'_>]) -> bool {
    let mut lines = vals
        .iter()
        .filter(|t| !t.text.trim().is_empty())
        .map(|t| t.line);
    let first = lines.next();
    lines.all(|l| Some(l) == first)
}

/// The row read for a row id: the one with values. Rows that name the same row and show
/// different values leave it unknown (a narrative or a note the prose filter missed, or a
/// table repeated with other figures): `Err` with the finding.
fn pick_row<'r, 'a>(
    table: TableId,
    id: &'static str,
    rows: &[&'r LRow<'a>],
) -> Result<Option<&'r LRow<'a>>, Finding> {
    let filled: Vec<&&LRow<'a>> = rows.iter().filter(|r| r.has_values()).collect();
    let Some(first) = filled.first() else {
        return Ok(rows.first().copied());
    };
    let same = |r: &&&LRow<'a>| {
        r.values.len() == first.values.len()
            && r.values.iter().zip(&first.values).all(|(a, b)| a.text == b.text)
    };
    if filled.iter().all(same) {
        return Ok(Some(**first));
    }
    let detail = Incomplete::Repeated {
        times: filled.len(),
    };
    Err(p007(table, Some(id), detail, first.span()))
}

/// Blank cells beyond the columns are padding (`||`, merged cells left empty) when they
/// are all at one end. Blanks at both ends leave the columns unknown: the row is kept as
/// it is, and `fit` reports it instead of shifting values into the wrong columns.
fn drop_padding<'r, 'a>(vals: &'r [Tok<'a>], n: usize) -> &'r [Tok<'a>] {
    if vals.len() <= n {
        return vals;
    }
    let extra = vals.len() - n;
    let blank = |t: &Tok<'_>| t.text.trim().is_empty();
    let trailing = vals[n..].iter().all(blank);
    let leading = vals[..extra].iter().all(blank);
    match (trailing, leading) {
        (true, false) => &vals[..n],
        (false, true) => &vals[extra..],
        (true, true) if vals.iter().all(blank) => &vals[..n],
        _ => vals,
    }
}

/// Fewer tokens than columns, all digit runs, with at least as many digits as columns. A
/// table 二 row, or a row of explicit cells, must be one run: separate cells with one
/// missing are an incomplete row, not a glued one.
fn is_glued(table: TableId, vals: &[Tok<'_>], n: usize) -> bool {
    let digits: usize = vals
        .iter()
        .map(|t| t.text.chars().filter(char::is_ascii_digit).count())
        .sum();
    let single = matches!(table, TableId::T2 | TableId::T2v2019) || vals.iter().any(|t| t.grid);
    !vals.is_empty()
        && (!single || vals.len() == 1)
        && vals.iter().all(|t| t.text.chars().all(|c| c.is_ascii_digit() || c == '.'))
        && vals.iter().any(|t| t.text.len() > 1)
        && digits >= n
        // Runs longer than every cell at its widest are not a row glued together.
        && digits <= n * super::glued::MAX_CELL_DIGITS
}

/// Makes the cells of one row.
fn cells_of(
    table: TableId,
    spec: &RowSpec,
    vals: &[Tok<'_>],
    out: &mut Vec<Cell>,
    findings: &mut Vec<Finding>,
) {
    for (col, t) in spec.cols.iter().zip(vals) {
        out.push(make_cell(table, spec.id, col, t, findings));
    }
}

pub(crate) fn make_cell(
    table: TableId,
    row: &'static str,
    col: &'static str,
    t: &Tok<'_>,
    findings: &mut Vec<Finding>,
) -> Cell {
    let v = classify(&t.text);
    let amount = matches!(col, "amount" | "value") && row == "fees_10k_yuan" || col == "amount";
    let value = match (v.num, v.unit) {
        (Some(n), Unit::Yuan) if amount => Some(n.div_10k()),
        (n, _) => n,
    };
    if v.state == CellState::Text {
        let cell = CellRef { table, row, col };
        findings.push(
            Finding::new(
                "P008",
                Severity::Warning,
                FindingKind::CellText {
                    cell,
                    raw: t.text.to_string(),
                },
            )
            .at(t.span)
            .on(cell),
        );
    }
    Cell {
        row,
        col,
        state: v.state,
        value,
        raw: crate::model::raw_text(t.text.trim()),
        span: t.span,
        reconstructed: false,
    }
}

fn table_of(id: TableId, cells: Vec<Cell>) -> Option<Table> {
    let span = cells.iter().map(|c| c.span).reduce(Span::join)?;
    Some(Table::new(id, cells, span))
}

fn build_t2<'a>(rows: &Rows<'a>, b: &mut Built<'a>) {
    let mut evidence: Vec<(String, Span)> = rows
        .t2_labels
        .iter()
        .filter_map(|t| {
            let f = fold_label(&t.text);
            labels::T2_2019_HEADERS
                .iter()
                .find(|h| f.contains(*h))
                .map(|h| (h.to_string(), t.span))
        })
        .collect();
    for r in &rows.t2 {
        // Merged-cell padding ("| 行政许可 | 7 | 7 | 7 |") is not three values.
        let filled = r
            .values
            .iter()
            .filter(|t| !t.text.trim().is_empty())
            .count();
        let distinct = r.values.windows(2).any(|w| w[0].text != w[1].text);
        let lic3 = r.row2019 == Some("licensing") && filled == 3 && (distinct || !r.grid);
        if r.row.is_none() || lic3 {
            let label = r.labels.first().map(|t| (t.text.to_string(), t.span));
            evidence.extend(label);
        }
    }
    if rows.t2.is_empty() {
        b.findings
            .push(p007(TableId::T2, None, Incomplete::Table, None));
        return;
    }
    let v2019 = !evidence.is_empty();
    let (id, specs) = if v2019 {
        (TableId::T2v2019, ids::T2V2019_ROWS)
    } else {
        (TableId::T2, ids::T2_ROWS)
    };
    let mut cells = Vec::new();
    let mut also_2021 = Vec::new();
    for spec in specs {
        let named: Vec<&LRow<'a>> = rows
            .t2
            .iter()
            .filter(|r| {
                if v2019 {
                    r.row2019 == Some(spec.id)
                } else {
                    r.row == Some(spec.id)
                }
            })
            .collect();
        let row = match pick_row(id, spec.id, &named) {
            Ok(Some(row)) => row,
            Ok(None) => {
                b.findings
                    .push(p007(id, Some(spec.id), Incomplete::Row, None));
                continue;
            }
            Err(f) => {
                b.findings.push(f);
                continue;
            }
        };
        let Some(vals) = fit(id, spec, row, rows.pdf, b) else {
            continue;
        };
        cells_of(id, spec, vals, &mut cells, &mut b.findings);
        if v2019 && matches!(spec.id, "licensing" | "penalty" | "coercion") {
            let mut ignore = Vec::new();
            also_2021.push(make_cell(
                TableId::T2,
                spec.id,
                "value",
                &vals[2],
                &mut ignore,
            ));
        }
    }
    if v2019 {
        b.evidence_2019.extend(evidence);
    }
    b.tables.extend(table_of(id, cells));
    b.tables.extend(table_of(TableId::T2, also_2021));
}

fn build_t3<'a>(rows: &Rows<'a>, b: &mut Built<'a>) {
    if rows.t3.is_empty() {
        return;
    }
    let single_other = rows.t3.iter().find(|r| r.row == Some("other"));
    let specs: Vec<&RowSpec> = T3_ROWS_2021
        .iter()
        .filter(|s| single_other.is_none() || !s.id.starts_with("other."))
        .chain(single_other.map(|_| &T3_ROW_OTHER_2019))
        .collect();
    if let Some(r) = single_other {
        let span = r.labels.first().map_or(Span::default(), |t| t.span);
        b.evidence_2019.push(("（六）其他处理".to_string(), span));
    }
    let mut cells = Vec::with_capacity(T3_ROWS_2021.len() * 7);
    // The rows read for each id (looked up once, not per layout row).
    let mut by_id: std::collections::HashMap<&str, Vec<&LRow<'a>>> =
        std::collections::HashMap::with_capacity(32);
    for r in &rows.t3 {
        if let Some(id) = r.row {
            by_id.entry(id).or_default().push(r);
        }
    }
    for spec in specs {
        let named = by_id.get(spec.id).map_or(&[][..], Vec::as_slice);
        let row = match pick_row(TableId::T3, spec.id, named) {
            Ok(Some(row)) => row,
            Ok(None) => {
                b.findings
                    .push(p007(TableId::T3, Some(spec.id), Incomplete::Row, None));
                continue;
            }
            Err(f) => {
                b.findings.push(f);
                continue;
            }
        };
        if let Some(vals) = fit(TableId::T3, spec, row, rows.pdf, b) {
            cells_of(TableId::T3, spec, vals, &mut cells, &mut b.findings);
        }
    }
    // Cells of the 2019 `other` row come last in the list above; put them in official order.
    if single_other.is_some() {
        cells.sort_by_cached_key(|c| t3_order(c.row));
    }
    b.tables.extend(table_of(TableId::T3, cells));
}

fn t3_order(row: &str) -> usize {
    match row {
        "other" => T3_ROWS_2021
            .iter()
            .position(|r| r.id == "other.no_correction")
            .unwrap_or(0),
        r => T3_ROWS_2021
            .iter()
            .position(|s| s.id == r)
            .unwrap_or(usize::MAX),
    }
}

fn build_t4<'a>(rows: &Rows<'a>, b: &mut Built<'a>) {
    let owned: Vec<Tok<'a>>;
    let vals = if rows.t4.iter().all(|r| r.grid) {
        owned = rows.t4.iter().flat_map(|r| r.values.iter().cloned()).collect();
        drop_padding(&owned, 15)
    } else {
        match t4_line_values(rows) {
            Ok(v) => {
                owned = v;
                drop_padding(&owned, 15)
            }
            Err(detail) => {
                let span = rows
                    .t4
                    .iter()
                    .flat_map(|r| &r.values)
                    .map(|t| t.span)
                    .reduce(Span::join);
                b.findings.push(p007(TableId::T4, None, detail, span));
                return;
            }
        }
    };
    if vals.is_empty() {
        b.findings
            .push(p007(TableId::T4, None, Incomplete::Table, None));
        return;
    }
    if vals.len() != 15 {
        if vals.len() < 15 && is_glued(TableId::T4, vals, 15) {
            b.glued.push(Glued {
                table: TableId::T4,
                row: "review",
                values: vals.to_vec(),
            });
            return;
        }
        let grid = vals.iter().all(|t| t.grid);
        let detail = if grid || vals.len() > 15 {
            Incomplete::Cells {
                expected: 15,
                found: vals.len(),
            }
        } else {
            Incomplete::Ambiguous {
                expected: 15,
                found: vals.len(),
            }
        };
        let span = vals.iter().map(|t| t.span).reduce(Span::join);
        b.findings.push(p007(TableId::T4, None, detail, span));
        return;
    }
    if rows.pdf && !vals.iter().all(|t| t.grid) && !on_one_line(vals) && !all_alike(vals) {
        let span = vals.iter().map(|t| t.span).reduce(Span::join);
        let detail = Incomplete::Order {
            expected: 15,
            found: 15,
        };
        b.findings.push(p007(TableId::T4, None, detail, span));
        return;
    }
    let mut cells = Vec::new();
    for (i, spec) in T4_ROWS.iter().enumerate() {
        cells_of(
            TableId::T4,
            spec,
            &vals[i * 5..i * 5 + 5],
            &mut cells,
            &mut b.findings,
        );
    }
    b.tables.extend(table_of(TableId::T4, cells));
}

/// Every value the same ("0" fifteen times): any order reads the same table.
fn all_alike(vals: &[Tok<'_>]) -> bool {
    vals.windows(2).all(|w| w[0].text.trim() == w[1].text.trim())
}

/// Table 四's values in a line form: the one run of values between its header labels and
/// whatever follows (runs of blanks only are the header's empty cells), or three runs of
/// five each led by its block's label ("行政复议 …", "未经复议直接起诉 …", "复议后起诉 …").
/// Values in several runs otherwise come in an order the text does not make certain.
fn t4_line_values<'a>(rows: &Rows<'a>) -> Result<Vec<Tok<'a>>, Incomplete> {
    let filled: Vec<&LRow<'a>> = rows
        .t4
        .iter()
        .filter(|r| r.values.iter().any(|t| !t.text.trim().is_empty()))
        .collect();
    match filled.as_slice() {
        [] => Ok(rows.t4.iter().flat_map(|r| r.values.iter().cloned()).collect()),
        [one] => Ok(one.values.clone()),
        runs => by_block(runs).ok_or(Incomplete::Order {
            expected: 15,
            found: runs.iter().map(|r| r.values.len()).sum(),
        }),
    }
}

/// Three runs of five values, each led by a different block's label, in table order.
fn by_block<'a>(runs: &[&LRow<'a>]) -> Option<Vec<Tok<'a>>> {
    if runs.len() != 3 {
        return None;
    }
    let mut out: [Option<&[Tok<'a>]>; 3] = [None; 3];
    for r in runs {
        let vals = drop_padding(&r.values, 5);
        let block = labels::t4_block(&fold_label(&r.labels.last()?.text))?;
        if vals.len() != 5 || out[block].is_some() {
            return None;
        }
        out[block] = Some(vals);
    }
    Some(out.iter().flat_map(|v| v.unwrap_or(&[]).iter().cloned()).collect())
}
