//! nianbao (年报): check and summarise China's government information-disclosure annual
//! reports (政府信息公开工作年度报告), offline and exactly.
//!
//! The pipeline, one stage per module:
//!
//! - [`ingest`]: bytes → [`ingest::Document`] (encoding detection, lines and tables);
//! - [`parse`]: `Document` → [`model::Report`] (sections, metadata, tables 二/三/四 by
//!   keyword-matched row labels), plus what could not be read (P002, P003, P007, P008);
//! - [`check`]: rules over a `Report` → [`model::Finding`]s, one rule per file;
//! - [`score`]: the 考评 rubric (TOML) and the deductions it makes from findings and
//!   missing rows (scores.csv, deductions.csv);
//! - [`render`]: facts CSV, findings as text or JSON;
//! - [`pipeline`]: the order of the stages, in parallel over files.
//!
//! ```
//! use nianbao::{check, ingest, parse};
//! let text = std::fs::read("data/seed/huancui_shangwuju_2023.txt").unwrap();
//! let doc = ingest::decode("huancui.txt".as_ref(), &text).unwrap();
//! let parsed = parse::parse(&doc);
//! let t3 = parsed.report.table(nianbao::model::TableId::T3).unwrap();
//! assert_eq!(t3.get("new_received", "total").unwrap().raw, "1");
//! let findings = check::check(&parsed.report, &check::Context::default());
//! assert!(findings.iter().any(|f| f.rule.0 == "Y001"));
//! ```

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod aggregate;
pub mod check;
pub mod error;
pub mod gen;
pub mod ingest;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod render;
pub mod roster;
pub mod score;
