//! Token stream → tables 二, 三, 四 with FORMAT.md ids, plus P007/P008 findings.

mod build;
mod fit;

use super::label_runs;
use super::labels::{self, Group};
use super::memo;
use super::text::fold_label;
use super::zone::{Item, Stage, Stream, Tok};
use crate::model::{Finding, Span, Table, TableId};
use build::{build_t2, build_t3, build_t4};
pub(crate) use fit::make_cell;

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
                Stage::T2 => memo::t2_cuts(&t.text),
                Stage::T3 => memo::t3_cuts(&t.text),
                Stage::T4 => Box::default(),
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
            && memo::is_t4_header(&folded)
        {
            self.flush();
            self.stage = Stage::T4;
            self.rows.t4_seen = true;
        }
        if self.stage == Stage::T2 && {
            let hit = memo::t3_label(&folded, None);
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
        let hit = memo::t2_label(folded);
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
        let hit = memo::t3_label(folded, self.group);
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
        // A numbered label the keywords do not know ("8.属于行政査询事项") is a row of its own
        // that cannot be named: the values after it are not the row's before.
        if !t.grid && !names_row && hit.group.is_none() && label_runs::starts_numbered(folded) {
            self.flush();
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
