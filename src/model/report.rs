//! A parsed annual report: metadata, sections and tables, every value with its source span.

use super::ids::{SectionId, TableId};
use super::num::Num;
use serde::{Deserialize, Serialize};

/// A byte range in the decoded text of a document.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// As a `usize` range, for slicing.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// What a cell holds (FORMAT.md "Cell states").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CellState {
    /// A number.
    Number,
    /// Nothing written.
    Blank,
    /// Not applicable: "/", "-", "—", "无", "不适用".
    Na,
    /// Text that is not a number.
    Text,
}

impl CellState {
    /// The state as written in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            CellState::Number => "number",
            CellState::Blank => "blank",
            CellState::Na => "na",
            CellState::Text => "text",
        }
    }
}

/// A cell's raw text: held in place up to 22 bytes (every count, "不适用", most notes), so
/// that the ~200 cells of each of a batch's reports need no allocation of their own.
#[derive(Clone)]
pub struct Raw(RawRepr);

#[derive(Clone)]
enum RawRepr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

const INLINE: usize = 22;

impl Raw {
    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            RawRepr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            RawRepr::Heap(s) => s,
        }
    }
}

impl From<&str> for Raw {
    fn from(s: &str) -> Raw {
        match u8::try_from(s.len()) {
            Ok(len) if s.len() <= INLINE => {
                let mut bytes = [0u8; INLINE];
                bytes[..s.len()].copy_from_slice(s.as_bytes());
                Raw(RawRepr::Inline { len, bytes })
            }
            _ => Raw(RawRepr::Heap(s.into())),
        }
    }
}

impl From<String> for Raw {
    fn from(s: String) -> Raw {
        if s.len() <= INLINE {
            Raw::from(s.as_str())
        } else {
            Raw(RawRepr::Heap(s.into_boxed_str()))
        }
    }
}

impl Default for Raw {
    fn default() -> Raw {
        Raw::from("")
    }
}

impl std::ops::Deref for Raw {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Raw {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Raw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Raw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Raw {
    fn eq(&self, other: &Raw) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Raw {}

impl PartialEq<str> for Raw {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Raw {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Raw {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        Ok(Raw::from(String::deserialize(d)?))
    }
}

/// The raw text of a cell.
pub fn raw_text(s: &str) -> Raw {
    Raw::from(s)
}

/// One table cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// FORMAT.md row id.
    pub row: super::ids::CellId,
    /// FORMAT.md column id.
    pub col: super::ids::CellId,
    /// What the cell holds.
    pub state: CellState,
    /// The value when `state` is `Number`.
    pub value: Option<Num>,
    /// The cell text as written (after decoding, before normalisation).
    pub raw: Raw,
    /// Where the cell's text is in the document.
    pub span: Span,
    /// True when the value was recovered from a glued digit run, not read from a cell.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reconstructed: bool,
}

impl Cell {
    /// The value an identity uses: numbers as they are, blank and "/" as 0, text as `None`.
    pub fn as_operand(&self) -> Option<Num> {
        match self.state {
            CellState::Number => self.value,
            CellState::Blank | CellState::Na => Some(Num::ZERO),
            CellState::Text => None,
        }
    }
}

/// A table: its cells in official order. Cells of rows missing from the report are absent.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    /// Which table.
    pub id: TableId,
    /// Cells in official row order, then column order. After adding or removing cells,
    /// call [`Table::reindex`].
    pub cells: Vec<Cell>,
    /// Where the table is in the document.
    pub span: Span,
    /// Each row's id, first cell and cell count, for `get`.
    #[serde(skip)]
    rows: Vec<(&'static str, u32, u32)>,
}

impl<'de> Deserialize<'de> for Table {
    /// The serialized fields, with the row index rebuilt.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Table, D::Error> {
        #[derive(Deserialize)]
        struct Parts {
            id: TableId,
            cells: Vec<Cell>,
            span: Span,
        }
        let p = Parts::deserialize(d)?;
        Ok(Table::new(p.id, p.cells, p.span))
    }
}

impl Table {
    /// A table of `cells` (in official order).
    pub fn new(id: TableId, cells: Vec<Cell>, span: Span) -> Table {
        let mut t = Table {
            id,
            cells,
            span,
            rows: Vec::new(),
        };
        t.reindex();
        t
    }

    /// Rebuilds the row index after the set of cells changed.
    pub fn reindex(&mut self) {
        self.rows.clear();
        for (i, c) in self.cells.iter().enumerate() {
            match self.rows.last_mut() {
                Some((row, _, n)) if *row == c.row => *n += 1,
                _ => self.rows.push((c.row.as_str(), i as u32, 1)),
            }
        }
    }

    /// The cell at `row`, `col`, if the report has it.
    pub fn get(&self, row: &str, col: &str) -> Option<&Cell> {
        self.row(row)?.iter().find(|c| same_id(c.col.as_str(), col))
    }

    /// The cells of `row`, in column order.
    pub fn row(&self, row: &str) -> Option<&[Cell]> {
        let &(_, start, n) = self.rows.iter().find(|(r, _, _)| same_id(r, row))?;
        Some(&self.cells[start as usize..(start + n) as usize])
    }

    /// Each row's id and cells, in table order.
    pub fn rows(&self) -> impl Iterator<Item = (&'static str, &[Cell])> {
        self.rows
            .iter()
            .map(|&(r, s, n)| (r, &self.cells[s as usize..(s + n) as usize]))
    }

    /// True when the table has any cell of `row`.
    pub fn has_row(&self, row: &str) -> bool {
        self.rows.iter().any(|(r, _, _)| *r == row)
    }
}

/// Compares ids: they are `&'static str`s of `ids`, usually the very same pointer.
#[inline]
fn same_id(a: &str, b: &str) -> bool {
    a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a == b)
}

/// Which national template the report follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Template {
    /// 国办公开办函〔2021〕30号, reports for 2021 and later.
    #[serde(rename = "2021")]
    V2021,
    /// 国办公开办函〔2019〕60号, reports for 2019 and 2020.
    #[serde(rename = "2019")]
    V2019,
    /// Before 2019: no national table layout.
    #[serde(rename = "legacy")]
    Legacy,
}

impl Template {
    /// As written in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Template::V2021 => "2021",
            Template::V2019 => "2019",
            Template::Legacy => "legacy",
        }
    }
}

/// Whether the report covers its own unit or summarises a region.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The unit's own work.
    #[default]
    #[serde(rename = "self")]
    Own,
    /// A whole administrative region (本行政区域, 汇总…各部门).
    Region,
}

/// Where a year was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum YearSource {
    /// The report's title.
    Title,
    /// The body text ("现公布…2023年度…").
    Body,
    /// The statistics period (统计期限).
    Period,
}

/// Where a unit's name was read (reports.csv `unit_source`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitSource {
    /// The title ("示例区财政局2023年政府信息公开工作年度报告").
    Title,
    /// The body ("现将示例区财政局2023年…", "本报告由…编制", "…（以下简称…）").
    Body,
    /// The signature above the date at the end.
    Signature,
    /// The file's name ("2023年示例区财政局年报.docx").
    FileName,
    /// A folder's name ("示例区财政局/2023.txt").
    Folder,
    /// A roster id in the path ("B003_2023.txt").
    RosterHint,
}

impl UnitSource {
    /// As written in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitSource::Title => "title",
            UnitSource::Body => "body",
            UnitSource::Signature => "signature",
            UnitSource::FileName => "file_name",
            UnitSource::Folder => "folder",
            UnitSource::RosterHint => "roster_hint",
        }
    }
}

/// A name the report may go by, and where it was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitCandidate {
    /// The name as written (Traditional characters read as Simplified).
    pub name: String,
    /// Where.
    pub source: UnitSource,
}

/// A year named in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearMention {
    /// The year.
    pub year: i32,
    /// Where it was read.
    pub source: YearSource,
    /// Where it is in the text.
    pub span: Span,
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Where the publication date was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// Page or file metadata (发布时间, 发布日期, core properties).
    Metadata,
    /// The date under the signature at the end.
    Signature,
}

/// The publication date and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// The date.
    pub date: Date,
    /// Where it was read.
    pub source: DateSource,
    /// Where it is in the text.
    pub span: Span,
}

/// A section heading found in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Which section the heading stands for.
    pub id: SectionId,
    /// The heading text as written.
    pub heading: String,
    /// The numbering as written (`五、`, `5、`, `（五）`…), empty when there is none.
    pub numbering: String,
    /// The number the numbering gives (5 for `5、`), if any.
    pub number: Option<usize>,
    /// Where the heading is.
    pub span: Span,
}

/// A figure quoted in the prose, to compare with the tables (N001).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextFigure {
    /// The table cell it should equal.
    pub table: TableId,
    /// Row id.
    #[serde(deserialize_with = "crate::model::ids::de::id")]
    pub row: super::ids::Id,
    /// Column id.
    #[serde(deserialize_with = "crate::model::ids::de::id")]
    pub col: super::ids::Id,
    /// The number in the text.
    pub value: Num,
    /// The quoted words, for messages.
    pub quote: String,
    /// Where it is.
    pub span: Span,
}

/// Report metadata.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportMeta {
    /// The reporting unit's name, when the text gives it (Traditional characters read as
    /// Simplified).
    pub unit_name: Option<String>,
    /// Where `unit_name` was read.
    pub unit_source: Option<UnitSource>,
    /// Every name the text gives the unit, in the order they are tried: title, body,
    /// signature.
    pub unit_candidates: Vec<UnitCandidate>,
    /// The title line, when found.
    pub title: Option<String>,
    /// The report year N (FORMAT.md: period, else title, else body, else publication − 1).
    pub year: Option<i32>,
    /// Every year the title, body and period name.
    pub years: Vec<YearMention>,
    /// The statistics period's year, when stated.
    pub period_year: Option<i32>,
    /// The publication date, when known.
    pub published: Option<Published>,
    /// The template the tables follow.
    pub template: Option<Template>,
    /// self or region.
    pub scope: Option<Scope>,
}

/// A parsed annual report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Metadata.
    pub meta: ReportMeta,
    /// Section headings found, in text order.
    pub sections: Vec<Section>,
    /// The tables found: 二 (2021 and/or 2019 layout), 三, 四.
    pub tables: Vec<Table>,
    /// Figures quoted in the prose.
    pub text_figures: Vec<TextFigure>,
    /// Evidence of the 2019 layout in a table, for P006 (e.g. "政府集中采购").
    pub layout_2019_evidence: Vec<(String, Span)>,
    /// Hashes of the prose sentences (figures and the unit's name masked, the template's
    /// sentences left out; sorted, at most 256 smallest), to tell copied reports (X003, X004)
    /// without keeping the text.
    #[serde(skip)]
    pub sentence_hashes: Vec<u64>,
    /// The tables once packed ([`Report::pack`], after the checks of one report): `tables`
    /// is then empty and [`Report::tables_view`] reads them back.
    #[serde(skip)]
    pub packed: Option<super::Packed>,
}

/// A report's tables, as held or read back from their packed form.
#[derive(Debug)]
pub struct Tables<'a>(std::borrow::Cow<'a, [Table]>);

impl Tables<'_> {
    /// The table with `id`, if the report has it.
    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.0.iter().find(|t| t.id == id)
    }

    /// Every cell with its table, tables in report order.
    pub fn cells(&self) -> impl Iterator<Item = (TableId, &Cell)> {
        self.0
            .iter()
            .flat_map(|t| t.cells.iter().map(move |c| (t.id, c)))
    }
}

impl std::ops::Deref for Tables<'_> {
    type Target = [Table];
    fn deref(&self) -> &[Table] {
        &self.0
    }
}

impl Report {
    /// Packs the tables ([`super::Packed`]), for a report kept while many more are read:
    /// about 1 KB instead of 12. Read them with [`Report::tables_view`],
    /// [`Report::each_cell`] or [`Report::unpacked`] from then on.
    ///
    /// The parts no stage after the checks reads go with them ([`super::packed::Cold`]:
    /// sections, quoted figures, 2019-layout evidence, year mentions); [`Report::unpacked`]
    /// gives them back.
    pub fn pack(&mut self) {
        if self.packed.is_none() {
            let cold = super::packed::Cold {
                sections: std::mem::take(&mut self.sections),
                text_figures: std::mem::take(&mut self.text_figures),
                layout_2019_evidence: std::mem::take(&mut self.layout_2019_evidence),
                years: std::mem::take(&mut self.meta.years),
            };
            self.packed = Some(super::Packed::pack(&self.tables, &cold));
            self.tables = Vec::new();
        }
    }

    /// The tables, packed or not.
    pub fn tables_view(&self) -> Tables<'_> {
        match &self.packed {
            Some(p) => Tables(std::borrow::Cow::Owned(p.unpack())),
            None => Tables(std::borrow::Cow::Borrowed(&self.tables)),
        }
    }

    /// Calls `f` on every cell with its table, in report order, packed or not (no table is
    /// built).
    pub fn each_cell(&self, mut f: impl FnMut(TableId, &Cell)) {
        match &self.packed {
            Some(p) => p.cells().for_each(|(t, c)| f(t, &c)),
            None => self.cells().for_each(|(t, c)| f(t, c)),
        }
    }

    /// The [`super::packed::digest`] of the tables, packed or not.
    pub fn tables_digest(&self) -> u64 {
        match &self.packed {
            Some(p) => p.digest(),
            None => super::packed::digest(self.cells()),
        }
    }

    /// How many cells the tables have, packed or not.
    pub fn cell_count(&self) -> usize {
        match &self.packed {
            Some(p) => p.cell_count(),
            None => self.tables.iter().map(|t| t.cells.len()).sum(),
        }
    }

    /// The report with its tables unpacked (itself when they are not packed).
    pub fn unpacked(&self) -> std::borrow::Cow<'_, Report> {
        match &self.packed {
            None => std::borrow::Cow::Borrowed(self),
            Some(p) => {
                let cold = p.cold();
                let mut r = Report {
                    meta: self.meta.clone(),
                    sections: cold.sections,
                    tables: p.unpack(),
                    text_figures: cold.text_figures,
                    layout_2019_evidence: cold.layout_2019_evidence,
                    sentence_hashes: self.sentence_hashes.clone(),
                    packed: None,
                };
                r.meta.years = cold.years;
                std::borrow::Cow::Owned(r)
            }
        }
    }

    /// Drops the spare capacity of every list, for a report kept while many more are read.
    pub fn shrink_to_fit(&mut self) {
        for t in &mut self.tables {
            t.cells.shrink_to_fit();
            t.rows.shrink_to_fit();
        }
        self.tables.shrink_to_fit();
        self.sections.shrink_to_fit();
        self.text_figures.shrink_to_fit();
        self.layout_2019_evidence.shrink_to_fit();
        self.sentence_hashes.shrink_to_fit();
        self.meta.years.shrink_to_fit();
        self.meta.unit_candidates.shrink_to_fit();
    }

    /// The table with this id, if found.
    pub fn table(&self, id: TableId) -> Option<&Table> {
        debug_assert!(
            self.packed.is_none(),
            "a packed report's tables: use tables_view"
        );
        self.tables.iter().find(|t| t.id == id)
    }

    /// Every cell of every table, in table order.
    pub fn cells(&self) -> impl Iterator<Item = (TableId, &Cell)> {
        debug_assert!(
            self.packed.is_none(),
            "a packed report's cells: use tables_view"
        );
        self.tables
            .iter()
            .flat_map(|t| t.cells.iter().map(move |c| (t.id, c)))
    }
}

impl Scope {
    /// As written in outputs: `self` or `region`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Own => "self",
            Scope::Region => "region",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_texts_in_place_and_on_the_heap_read_as_they_were_written() {
        // 22 bytes fit in place; "不适用" is 9; 23 bytes and a long note go to the heap.
        for s in [
            "",
            "0",
            "1234567890123456789012",
            "不适用",
            "12345678901234567890123",
            "因涉及国家秘密依法不予公开的申请",
        ] {
            let raw = Raw::from(s);
            assert_eq!(raw.as_str(), s);
            assert_eq!(Raw::from(s.to_owned()), raw);
            assert!(raw == s);
            assert_eq!(raw.to_string(), s);
            let back: Raw = serde_json::from_str(&serde_json::to_string(&raw).unwrap()).unwrap();
            assert_eq!(back, raw);
        }
        assert!(matches!(Raw::from("不适用").0, RawRepr::Inline { .. }));
        assert!(matches!(
            Raw::from("12345678901234567890123").0,
            RawRepr::Heap(_)
        ));
        assert_eq!(std::mem::size_of::<Raw>(), 24);
    }
}
