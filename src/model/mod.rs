//! The domain model: reports, tables, cells, findings. std + serde only.
//!
//! Everything the pipeline passes between stages is defined here, so that `check` can see a
//! report without knowing which file format it came from.

pub mod finding;
pub mod ids;
pub mod num;
pub mod packed;
pub mod report;

pub use finding::{
    CellRef, Finding, FindingKind, Incomplete, Lang, ReadProblem, RuleId, Severity, RULE_IDS,
};
pub use ids::{CellId, RowSpec, SectionId, TableId};
pub use num::Num;
pub use packed::Packed;
pub use report::{
    raw_text, Cell, CellState, Date, DateSource, Published, Raw, Report, ReportMeta, Scope,
    Section, Span, Table, Tables, Template, TextFigure, UnitCandidate, UnitSource, YearMention,
    YearSource,
};

/// The sign nianbao writes into its own HTML, Markdown and SVG outputs (a generator `<meta>`,
/// a comment), so that a folder walk never reads one as a report, wherever it was copied.
pub const OUTPUT_SIGN: &str = "nianbao-output";
