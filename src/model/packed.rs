//! A checked report's tables packed into bytes: what a batch holds of each of its reports
//! until the outputs (DESIGN.md, memory flat in report count). What reports of one layout
//! share (each table's cells' rows and columns, the sections' headings) is held once per
//! layout ([`Shape`]); a cell of a report then takes about 2.5 bytes instead of 56: its
//! value as a variable-length integer and its span from the end of the cell before, with
//! one more byte, and its raw text, only when it is not the value's own digits.
//!
//! With them go the parts of the report no stage after the checks reads ([`Cold`]: its
//! sections, quoted figures, 2019-layout evidence and year mentions), so that they cost a
//! few bytes each and no allocation of their own.

use super::ids::{CellId, SectionId, TableId};
use super::num::Num;
use super::report::{
    Cell, CellState, Raw, Section, Span, Table, TextFigure, YearMention, YearSource,
};

/// The parts of a report packed beside its tables, read back with [`Packed::cold`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cold {
    /// Its sections.
    pub sections: Vec<Section>,
    /// Figures quoted in its text.
    pub text_figures: Vec<TextFigure>,
    /// What shows the 2019 layout.
    pub layout_2019_evidence: Vec<(String, Span)>,
    /// Every year it mentions.
    pub years: Vec<YearMention>,
}

/// A digest of every cell's identity and content (table, row, column, state, value; not
/// the text as written nor where): equal tables give equal digests. Taken once when a
/// report is packed, so that the rules across reports compare reports' tables without
/// reading them back.
pub fn digest<'a>(cells: impl IntoIterator<Item = (TableId, &'a Cell)>) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut h = std::hash::DefaultHasher::new();
    for (t, c) in cells {
        (t, c.row, c.col, c.state, c.value).hash(&mut h);
    }
    h.finish()
}

/// What reports of one layout share: each table's id and cell count, each cell's row and
/// column, each section's id, heading and numbering. Held once per layout ([`shape`]).
#[derive(Default, PartialEq, Eq, Hash)]
struct Shape {
    tables: Box<[(TableId, u32)]>,
    cells: Box<[(CellId, CellId)]>,
    sections: Box<[Heading]>,
}

/// A section's id, heading and numbering.
type Heading = (SectionId, Box<str>, Box<str>);

/// How many layouts are held for the process at most; a report of a layout past them holds
/// its own copy (a batch of reports each laid out its own way costs what it did without).
const SHAPES_HELD: usize = 4096;

/// The one copy of `shape` held, or a new one.
fn shape(shape: Shape) -> std::sync::Arc<Shape> {
    use std::sync::{Arc, Mutex, OnceLock};
    type Held = Mutex<std::collections::HashSet<Arc<Shape>, rustc_hash::FxBuildHasher>>;
    static HELD: OnceLock<Held> = OnceLock::new();
    let Ok(mut held) = HELD.get_or_init(Default::default).lock() else {
        return Arc::new(shape);
    };
    if let Some(s) = held.get(&shape) {
        return Arc::clone(s);
    }
    let s = Arc::new(shape);
    if held.len() < SHAPES_HELD {
        held.insert(Arc::clone(&s));
    }
    s
}

/// The tables of one report, packed ([`Packed::pack`]) and read back exactly
/// ([`Packed::unpack`], [`Packed::cells`]).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Packed {
    shape: std::sync::Arc<Shape>,
    bytes: Box<[u8]>,
}

impl std::fmt::Debug for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Packed({} bytes)", self.bytes.len())
    }
}

/// The bytes of the digest at the start.
const DIGEST: usize = 8;

const TABLES: [TableId; 4] = [TableId::T2, TableId::T2v2019, TableId::T3, TableId::T4];

// A cell is written one of two ways. The usual cell (a whole number written in its own
// digits, its span those digits, not reconstructed) is `zigzag(value) << 1 | 1` and its
// start from the end of the cell before. Any other is `head << 1`, with the head byte's
// bits below, then what they say is there.
const STATE: u8 = 0b11;
const RECONSTRUCTED: u8 = 1 << 2;
const VALUE_SHIFT: u8 = 4;
const VALUE_NONE: u8 = 0;
const VALUE_WHOLE: u8 = 1;
const VALUE_MILLIONTHS: u8 = 2;
const RAW_SHIFT: u8 = 6;
const RAW_TEXT: u8 = 0;
const RAW_EMPTY: u8 = 1;
const RAW_DIGITS: u8 = 2;
/// The largest value written the usual way (its zigzag shifted must fit 64 bits).
const USUAL_MAX: i64 = 1 << 60;

impl Packed {
    /// Packs `tables` (in their order, cells in their order) and `cold`.
    pub fn pack(tables: &[Table], cold: &Cold) -> Packed {
        let cells: usize = tables.iter().map(|t| t.cells.len()).sum();
        let layout = shape(Shape {
            tables: tables
                .iter()
                .map(|t| (t.id, t.cells.len() as u32))
                .collect(),
            cells: tables
                .iter()
                .flat_map(|t| t.cells.iter().map(|c| (c.row, c.col)))
                .collect(),
            sections: cold
                .sections
                .iter()
                .map(|s| (s.id, s.heading.as_str().into(), s.numbering.as_str().into()))
                .collect(),
        });
        let cold = put_cold(cold);
        let mut out = Vec::with_capacity(16 + cold.len() + tables.len() * 4 + cells * 3);
        let all = tables
            .iter()
            .flat_map(|t| t.cells.iter().map(move |c| (t.id, c)));
        out.extend_from_slice(&digest(all).to_le_bytes());
        put(&mut out, cold.len() as u64);
        out.extend_from_slice(&cold);
        for t in tables {
            put_span(&mut out, t.span);
            let mut prev_end = t.span.start;
            for c in &t.cells {
                put_cell(&mut out, c, &mut prev_end);
            }
        }
        Packed {
            shape: layout,
            bytes: out.into_boxed_slice(),
        }
    }

    /// The tables again, each with its row index.
    pub fn unpack(&self) -> Vec<Table> {
        let mut r = self.tables_reader();
        let mut ids = self.shape.cells.iter().copied();
        let mut tables = Vec::with_capacity(self.shape.tables.len());
        for &(id, count) in &self.shape.tables {
            let span = r.span();
            let mut prev_end = span.start;
            let cells = ids
                .by_ref()
                .take(count as usize)
                .map(|(row, col)| r.cell(row, col, &mut prev_end))
                .collect();
            tables.push(Table::new(id, cells, span));
        }
        tables
    }

    /// Every cell with its table, in order, read one at a time (no table is built).
    pub fn cells(&self) -> Cells<'_> {
        Cells {
            r: self.tables_reader(),
            tables: self.shape.tables.iter(),
            ids: self.shape.cells.iter(),
            table: TableId::T2,
            left: 0,
            prev_end: 0,
        }
    }

    /// A reader at the first table, past the cold parts.
    fn tables_reader(&self) -> Reader<'_> {
        let mut r = Reader {
            bytes: &self.bytes,
            at: DIGEST,
        };
        let cold = r.get() as usize;
        r.at = r.at.saturating_add(cold);
        r
    }

    /// The cold parts again.
    pub fn cold(&self) -> Cold {
        let mut r = Reader {
            bytes: &self.bytes,
            at: DIGEST,
        };
        r.get();
        let mut cold = Cold::default();
        for (id, heading, numbering) in &self.shape.sections {
            let number = r.get().checked_sub(1).map(|n| n as usize);
            cold.sections.push(Section {
                id: *id,
                heading: heading.to_string(),
                numbering: numbering.to_string(),
                number,
                span: r.span(),
            });
        }
        for _ in 0..r.get() {
            let table = TABLES
                .get(usize::from(r.byte()))
                .copied()
                .unwrap_or(TableId::T2);
            let row = super::ids::intern(r.text());
            let col = super::ids::intern(r.text());
            let value = Num::from_millionths(r.get_signed());
            let quote = r.text().to_owned();
            cold.text_figures.push(TextFigure {
                table,
                row,
                col,
                value,
                quote,
                span: r.span(),
            });
        }
        for _ in 0..r.get() {
            let text = r.text().to_owned();
            cold.layout_2019_evidence.push((text, r.span()));
        }
        for _ in 0..r.get() {
            let year = r.get_signed() as i32;
            let source = match r.byte() {
                0 => YearSource::Title,
                1 => YearSource::Body,
                _ => YearSource::Period,
            };
            cold.years.push(YearMention {
                year,
                source,
                span: r.span(),
            });
        }
        cold
    }

    /// How many cells the tables have, read without reading them.
    pub fn cell_count(&self) -> usize {
        self.shape.cells.len()
    }

    /// The [`digest`] of the tables' cells, taken when they were packed.
    pub fn digest(&self) -> u64 {
        let mut bytes = [0u8; DIGEST];
        if let Some(head) = self.bytes.get(..DIGEST) {
            bytes.copy_from_slice(head);
        }
        u64::from_le_bytes(bytes)
    }

    /// The bytes held of this report alone (its layout's are shared).
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether no bytes are held (nothing was packed).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// The cells of a [`Packed`], with their tables.
pub struct Cells<'a> {
    r: Reader<'a>,
    tables: std::slice::Iter<'a, (TableId, u32)>,
    ids: std::slice::Iter<'a, (CellId, CellId)>,
    table: TableId,
    left: u32,
    prev_end: u32,
}

impl Iterator for Cells<'_> {
    type Item = (TableId, Cell);

    fn next(&mut self) -> Option<(TableId, Cell)> {
        while self.left == 0 {
            let &(id, count) = self.tables.next()?;
            (self.table, self.left, self.prev_end) = (id, count, self.r.span().start);
        }
        self.left -= 1;
        let &(row, col) = self.ids.next()?;
        Some((self.table, self.r.cell(row, col, &mut self.prev_end)))
    }
}

fn put_cold(cold: &Cold) -> Vec<u8> {
    let mut out = Vec::new();
    // Each section's id, heading and numbering are in the layout.
    for sec in &cold.sections {
        put(&mut out, sec.number.map_or(0, |n| n as u64 + 1));
        put_span(&mut out, sec.span);
    }
    put(&mut out, cold.text_figures.len() as u64);
    for f in &cold.text_figures {
        out.push(TABLES.iter().position(|&t| t == f.table).unwrap_or(0) as u8);
        put_text(&mut out, f.row);
        put_text(&mut out, f.col);
        put_signed(&mut out, f.value.millionths());
        put_text(&mut out, &f.quote);
        put_span(&mut out, f.span);
    }
    put(&mut out, cold.layout_2019_evidence.len() as u64);
    for (text, span) in &cold.layout_2019_evidence {
        put_text(&mut out, text);
        put_span(&mut out, *span);
    }
    put(&mut out, cold.years.len() as u64);
    for y in &cold.years {
        put_signed(&mut out, i64::from(y.year));
        out.push(match y.source {
            YearSource::Title => 0,
            YearSource::Body => 1,
            YearSource::Period => 2,
        });
        put_span(&mut out, y.span);
    }
    out
}

fn put_text(out: &mut Vec<u8>, s: &str) {
    put(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn put_span(out: &mut Vec<u8>, span: Span) {
    put(out, u64::from(span.start));
    put_signed(out, i64::from(span.end) - i64::from(span.start));
}

fn put_cell(out: &mut Vec<u8>, c: &Cell, prev_end: &mut u32) {
    let whole = c
        .value
        .filter(|v| v.is_whole() && Num::int(v.whole()) == *v)
        .map(Num::whole);
    let digits_raw = whole.is_some_and(|w| is_digits_of(&c.raw, w));
    let start = i64::from(c.span.start) - i64::from(*prev_end);
    let len = i64::from(c.span.end) - i64::from(c.span.start);
    *prev_end = c.span.end;
    if let Some(w) = whole.filter(|w| {
        digits_raw
            && c.state == CellState::Number
            && !c.reconstructed
            && len == c.raw.len() as i64
            && w.unsigned_abs() < USUAL_MAX as u64
    }) {
        put(out, zigzag(w) << 1 | 1);
        put_signed(out, start);
        return;
    }
    let mut head = match c.state {
        CellState::Number => 0,
        CellState::Blank => 1,
        CellState::Na => 2,
        CellState::Text => 3,
    };
    if c.reconstructed {
        head |= RECONSTRUCTED;
    }
    let value = match (c.value, whole) {
        (None, _) => VALUE_NONE,
        (Some(_), Some(_)) => VALUE_WHOLE,
        (Some(_), None) => VALUE_MILLIONTHS,
    };
    head |= value << VALUE_SHIFT;
    let raw = if c.raw.is_empty() {
        RAW_EMPTY
    } else if digits_raw {
        RAW_DIGITS
    } else {
        RAW_TEXT
    };
    head |= raw << RAW_SHIFT;
    put(out, u64::from(head) << 1);
    match (c.value, whole) {
        (Some(_), Some(w)) => put_signed(out, w),
        (Some(v), None) => put_signed(out, v.millionths()),
        (None, _) => {}
    }
    put_signed(out, start);
    put_signed(out, len);
    if raw == RAW_TEXT {
        put(out, c.raw.len() as u64);
        out.extend_from_slice(c.raw.as_bytes());
    }
}

/// Whether `raw` is exactly `n` written in ASCII digits (with a '-' when negative).
fn is_digits_of(raw: &str, n: i64) -> bool {
    let mut buf = [0u8; 20];
    digits(n, &mut buf) == raw.as_bytes()
}

/// `n` in ASCII decimal, written at the end of `buf`.
fn digits(n: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    let mut m = n.unsigned_abs();
    loop {
        at -= 1;
        buf[at] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
}

fn put(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn put_signed(out: &mut Vec<u8>, v: i64) {
    put(out, zigzag(v));
}

/// Reads what [`Packed::pack`] wrote. The bytes are only ever ours, so a short read gives
/// zeros rather than a panic.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    fn get(&mut self) -> u64 {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = self.byte();
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 || shift >= 63 {
                return v;
            }
            shift += 7;
        }
    }

    fn get_signed(&mut self) -> i64 {
        unzigzag(self.get())
    }

    fn text(&mut self) -> &str {
        let len = self.get() as usize;
        let end = self.at.saturating_add(len).min(self.bytes.len());
        let text = std::str::from_utf8(&self.bytes[self.at.min(end)..end]);
        self.at = end;
        text.unwrap_or_default()
    }

    fn span(&mut self) -> Span {
        let start = self.get() as u32;
        let end = (i64::from(start) + self.get_signed()) as u32;
        Span { start, end }
    }

    fn cell(&mut self, row: CellId, col: CellId, prev_end: &mut u32) -> Cell {
        let first = self.get();
        if first & 1 == 1 {
            let n = unzigzag(first >> 1);
            let start = (i64::from(*prev_end) + self.get_signed()) as u32;
            let mut buf = [0u8; 20];
            let digits = digits(n, &mut buf);
            let end = start.saturating_add(digits.len() as u32);
            *prev_end = end;
            return Cell {
                row,
                col,
                state: CellState::Number,
                value: Some(Num::int(n)),
                raw: Raw::from(std::str::from_utf8(digits).unwrap_or_default()),
                span: Span { start, end },
                reconstructed: false,
            };
        }
        let head = (first >> 1) as u8;
        let state = match head & STATE {
            0 => CellState::Number,
            1 => CellState::Blank,
            2 => CellState::Na,
            _ => CellState::Text,
        };
        let value = match (head >> VALUE_SHIFT) & 0b11 {
            VALUE_WHOLE => Some(Num::int(self.get_signed())),
            VALUE_MILLIONTHS => Some(Num::from_millionths(self.get_signed())),
            _ => None,
        };
        let start = (i64::from(*prev_end) + self.get_signed()) as u32;
        let end = (i64::from(start) + self.get_signed()) as u32;
        let raw = match (head >> RAW_SHIFT) & 0b11 {
            RAW_EMPTY => Raw::default(),
            RAW_DIGITS => {
                let mut buf = [0u8; 20];
                let n = value.map_or(0, Num::whole);
                Raw::from(std::str::from_utf8(digits(n, &mut buf)).unwrap_or_default())
            }
            _ => Raw::from(self.text()),
        };
        *prev_end = end;
        Cell {
            row,
            col,
            state,
            value,
            raw,
            span: Span { start, end },
            reconstructed: head & RECONSTRUCTED != 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: &'static str, col: &'static str, raw: &str, value: Option<Num>) -> Cell {
        Cell {
            row: row.into(),
            col: col.into(),
            state: if value.is_some() {
                CellState::Number
            } else if raw.is_empty() {
                CellState::Blank
            } else {
                CellState::Text
            },
            value,
            raw: raw.into(),
            span: Span::new(0, 0),
            reconstructed: false,
        }
    }

    #[test]
    fn every_kind_of_cell_comes_back_exactly() {
        let mut cells = vec![
            cell("new_received", "natural", "12", Some(Num::int(12))),
            cell("new_received", "total", "012", Some(Num::int(12))),
            cell("new_received", "legal", "１２", Some(Num::int(12))),
            cell("carried_over", "natural", "-3", Some(Num::int(-3))),
            cell("carried_over", "total", "", None),
            cell("carried_over", "legal", "不适用", None),
            cell(
                "fees",
                "amount",
                "1.25",
                Some(Num::from_millionths(1_250_000)),
            ),
            cell("fees", "total", "0.000001", Some(Num::from_millionths(1))),
            cell("fees", "x", "因涉及国家秘密依法不予公开的申请", None),
            cell("fees", "y", "9", Some(Num::from_millionths(i64::MIN))),
            cell("fees", "z", "", Some(Num::int(i64::MAX / 1_000_000))),
        ];
        cells[5].state = CellState::Na;
        cells[10].state = CellState::Text;
        for (i, c) in cells.iter_mut().enumerate() {
            c.span = Span::new(100 + i * 7, 103 + i * 7);
            c.reconstructed = i % 3 == 0;
        }
        // A span that goes backwards, and one past u32 (saturated).
        cells[2].span = Span::new(40, 41);
        cells[3].span = Span::new(usize::MAX, usize::MAX);
        let tables = vec![
            Table::new(TableId::T3, cells.clone(), Span::new(90, 200)),
            Table::new(TableId::T4, Vec::new(), Span::new(300, 290)),
            Table::new(TableId::T2v2019, cells[..2].to_vec(), Span::new(0, 0)),
        ];
        let packed = Packed::pack(&tables, &Cold::default());
        assert_eq!(packed.unpack(), tables);
        let flat: Vec<(TableId, Cell)> = tables
            .iter()
            .flat_map(|t| t.cells.iter().map(|c| (t.id, c.clone())))
            .collect();
        assert_eq!(packed.cells().collect::<Vec<_>>(), flat);
        assert_eq!(packed.cell_count(), cells.len() + 2);
        assert!(Packed::pack(&[], &Cold::default()).unpack().is_empty());
        assert_eq!(Packed::pack(&[], &Cold::default()).cells().count(), 0);
    }

    #[test]
    fn a_table_of_counts_takes_a_few_bytes_a_cell() {
        // Table 三 as reports fill it: small counts, written as digits, one after another.
        let mut cells = Vec::new();
        let mut at = 1000;
        for spec in crate::model::ids::T3_ROWS_2021 {
            for &col in crate::model::ids::T3_COLS {
                let v = (cells.len() * 7 % 13) as i64;
                let mut c = cell(spec.id, col, &v.to_string(), Some(Num::int(v)));
                c.span = Span::new(at + 2, at + 3);
                at += 3;
                cells.push(c);
            }
        }
        let n = cells.len();
        let tables = vec![Table::new(TableId::T3, cells, Span::new(990, at))];
        let packed = Packed::pack(&tables, &Cold::default());
        assert_eq!(packed.unpack(), tables);
        assert!(n > 150, "{n}");
        assert!(
            packed.len() <= n * 3,
            "{} bytes for {n} cells",
            packed.len()
        );
    }

    #[test]
    fn reports_of_one_layout_hold_it_once() {
        let table = |values: &[i64], at: usize| {
            let cells = values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let mut c = cell("granted", "total", &v.to_string(), Some(Num::int(*v)));
                    c.row = crate::model::ids::T3_ROWS_2021[i].id.into();
                    c.span = Span::new(at + i * 9, at + i * 9 + v.to_string().len());
                    c
                })
                .collect();
            vec![Table::new(TableId::T3, cells, Span::new(at, at + 100))]
        };
        let sections = |heading: &str| Cold {
            sections: vec![Section {
                id: SectionId::S3,
                heading: heading.into(),
                numbering: "三、".into(),
                number: Some(3),
                span: Span::new(1, 5),
            }],
            ..Cold::default()
        };
        let heading = "三、收到和处理政府信息公开申请情况";
        let (a, b) = (table(&[1, 22, 333], 50), table(&[-4, 0, 70_000], 700));
        let pa = Packed::pack(&a, &sections(heading));
        let pb = Packed::pack(&b, &sections(heading));
        assert!(std::sync::Arc::ptr_eq(&pa.shape, &pb.shape));
        assert_eq!((pa.unpack(), pb.unpack()), (a.clone(), b));
        // The heading is in the layout, not in the report's bytes.
        assert!(pa.len() < heading.len(), "{}", pa.len());
        assert_eq!(pa.cold(), sections(heading));
        // Another heading, or other rows, is another layout.
        let pc = Packed::pack(&a, &sections("三、收到和处理政府信息公开申请"));
        assert!(!std::sync::Arc::ptr_eq(&pa.shape, &pc.shape));
        let mut d = a.clone();
        d[0].cells[1].col = "natural".into();
        let pd = Packed::pack(&d, &sections(heading));
        assert!(!std::sync::Arc::ptr_eq(&pa.shape, &pd.shape));
        assert_eq!(pd.unpack(), d);
    }

    #[test]
    fn the_cold_parts_come_back_beside_the_tables() {
        let cold = Cold {
            sections: vec![
                Section {
                    id: SectionId::S3,
                    heading: "三、收到和处理政府信息公开申请情况".into(),
                    numbering: "三、".into(),
                    number: Some(3),
                    span: Span::new(10, 60),
                },
                Section {
                    id: SectionId::S6,
                    heading: String::new(),
                    numbering: String::new(),
                    number: None,
                    span: Span::new(5, 2),
                },
            ],
            text_figures: vec![TextFigure {
                table: TableId::T3,
                row: "new_received",
                col: "total",
                value: Num::from_millionths(-1_500_000),
                quote: "新收政府信息公开申请-1.5件".into(),
                span: Span::new(70, 99),
            }],
            layout_2019_evidence: vec![("本年新增".into(), Span::new(3, 7))],
            years: vec![
                YearMention {
                    year: 2023,
                    source: YearSource::Title,
                    span: Span::new(0, 4),
                },
                YearMention {
                    year: -1,
                    source: YearSource::Period,
                    span: Span::new(8, 12),
                },
            ],
        };
        let tables = vec![Table::new(
            TableId::T4,
            vec![cell("review_upheld", "total", "3", Some(Num::int(3)))],
            Span::new(1, 2),
        )];
        let packed = Packed::pack(&tables, &cold);
        assert_eq!(packed.cold(), cold);
        assert_eq!(
            packed.digest(),
            digest(tables[0].cells.iter().map(|c| (TableId::T4, c)))
        );
        assert_eq!(packed.unpack(), tables);
        assert_eq!(packed.cells().count(), 1);
        assert_eq!(packed.cell_count(), 1);
        assert_eq!(
            Packed::pack(&tables, &Cold::default()).cold(),
            Cold::default()
        );
    }
}
