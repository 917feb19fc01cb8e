//! The domain model: reports, tables, cells, findings. std + serde only.
//!
//! Everything the pipeline passes between stages is defined here, so that `check` can see a
//! report without knowing which file format it came from.

pub mod finding;
pub mod ids;
pub mod num;
pub mod report;

pub use finding::{CellRef, Finding, FindingKind, Incomplete, Lang, ReadProblem, RuleId, Severity};
pub use ids::{RowSpec, SectionId, TableId};
pub use num::Num;
pub use report::{
    raw_text, Cell, CellState, Date, DateSource, Published, Raw, Report, ReportMeta, Scope,
    Section, Span, Table, Template, TextFigure, UnitCandidate, UnitSource, YearMention, YearSource,
};
