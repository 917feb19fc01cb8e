//! Findings for people (source line with the offending text underlined) and for programs
//! (the `check --format json` document).

use crate::check::rule_info;
use crate::model::{Finding, Lang, Severity};
use crate::pipeline::DocOutcome;
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use serde::Serialize;

/// Where a finding points, for JSON.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Location {
    /// 1-based line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column, in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Byte offset of the start in the decoded text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<u32>,
    /// Byte offset of the end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<u32>,
    /// Table id, when the finding is about a cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<&'static str>,
    /// Row id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<&'static str>,
    /// Column id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub col: Option<&'static str>,
}

/// Line and column (1-based, column in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The location of a finding in a document's text.
pub fn location(f: &Finding, text: Option<&str>) -> Location {
    let mut loc = Location::default();
    if let Some(span) = f.span {
        loc.start = Some(span.start);
        loc.end = Some(span.end);
        if let Some(t) = text {
            let (l, c) = line_col(t, span.start as usize);
            loc.line = Some(l);
            loc.column = Some(c);
        }
    }
    if let Some(c) = f.cell {
        loc.table = Some(c.table.as_str());
        loc.row = Some(c.row);
        loc.col = Some(c.col);
    } else if let crate::model::FindingKind::TableIncomplete { table, row, .. } = &f.kind {
        loc.table = Some(table.as_str());
        loc.row = *row;
    }
    loc
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    name: &'a str,
    severity: Severity,
    message: String,
    location: Location,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: String,
    status: &'a str,
    format: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    findings: Vec<JsonFinding<'a>>,
}

/// The `check --format json` document: every file once, with its findings.
pub fn json(outcomes: &[DocOutcome], lang: Lang) -> String {
    let files: Vec<String> = outcomes.iter().map(|o| json_file(o, lang)).collect();
    json_document(&files)
}

/// One entry of the `files` array, pretty-printed and indented to its place in the document.
/// Rendering entries one by one lets a batch drop each file's text as soon as it is done.
pub fn json_file(o: &DocOutcome, lang: Lang) -> String {
    let file = JsonFile {
        path: o.path.display().to_string(),
        status: o.status.as_str(),
        format: o.format.as_str(),
        encoding: o.encoding,
        unit_name: o.report.as_ref().and_then(|r| r.meta.unit_name.as_deref()),
        year: o.report.as_ref().and_then(|r| r.meta.year),
        findings: o
            .findings
            .iter()
            .map(|f| JsonFinding {
                rule: f.rule.0,
                name: rule_info(f.rule.0).map_or("", |r| r.name),
                severity: f.severity,
                message: f.kind.message(lang),
                location: location(f, o.text.as_deref()),
            })
            .collect(),
    };
    let pretty = serde_json::to_string_pretty(&file).expect("findings serialise");
    let mut out = String::with_capacity(pretty.len() + pretty.len() / 8);
    for (i, line) in pretty.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("    ");
        out.push_str(line);
    }
    out
}

/// The `check --format json` document from entries made by [`json_file`].
pub fn json_document(files: &[String]) -> String {
    if files.is_empty() {
        return "{\n  \"files\": []\n}\n".to_string();
    }
    let mut s = String::from("{\n  \"files\": [\n");
    s.push_str(&files.join(",\n"));
    s.push_str("\n  ]\n}\n");
    s
}

/// Lines longer than this (crawler text glues a whole page into one line) are shown as an
/// excerpt around the finding.
const MAX_SHOWN_LINE: usize = 160;

/// Characters of context on each side of an excerpt.
const EXCERPT_CONTEXT: usize = 30;

/// Findings of one file for people: each with the source line and the text underlined.
pub fn human(outcome: &DocOutcome, lang: Lang) -> String {
    let name = outcome.path.display().to_string();
    let text = outcome.text.as_deref().unwrap_or("");
    let config = term::Config::default();
    let mut out = String::new();
    for f in &outcome.findings {
        let msg = f.kind.message(lang);
        let rule_name = rule_info(f.rule.0).map_or("", |r| r.name);
        let d = match f.severity {
            Severity::Error => Diagnostic::error(),
            Severity::Warning => Diagnostic::warning(),
            Severity::Info => Diagnostic::note(),
        }
        .with_code(f.rule.0)
        .with_message(format!("{msg} [{rule_name}]"));
        let label = f.cell.map(|c| c.name(lang)).unwrap_or_default();
        let rendered = match f.span.filter(|s| {
            s.end as usize <= text.len()
                && text.is_char_boundary(s.start as usize)
                && text.is_char_boundary(s.end as usize)
        }) {
            Some(span) => {
                let (file_name, source, range) = excerpt(&name, text, span.range());
                let file = SimpleFile::new(file_name, source);
                let mut d = d.with_labels(vec![Label::primary((), range).with_message(label)]);
                if source_is_excerpt(text, span.start as usize) {
                    let (line, col) = line_col(text, span.start as usize);
                    d = d.with_notes(vec![match lang {
                        Lang::Zh => format!("位置：第{line}行第{col}列（长行，仅显示片段）"),
                        Lang::En => {
                            format!("at line {line}, column {col} (long line, excerpt shown)")
                        }
                    }]);
                }
                term::emit_into_string(&config, &file, &d)
            }
            None => {
                let file = SimpleFile::new(name.clone(), text);
                term::emit_into_string(&config, &file, &d.with_notes(vec![name.clone()]))
            }
        };
        match rendered {
            Ok(s) => out.push_str(&s),
            Err(_) => out.push_str(&format!("{}[{}]: {}\n", f.severity.as_str(), f.rule.0, msg)),
        }
    }
    out
}

fn source_is_excerpt(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |p| at + p);
    text[line_start..line_end].chars().count() > MAX_SHOWN_LINE
}

/// The source to show for a span: the whole text, or for a very long line an excerpt
/// around the span, named `path:line:column` so the reader can still find it.
fn excerpt<'a>(
    name: &str,
    text: &'a str,
    range: std::ops::Range<usize>,
) -> (String, std::borrow::Cow<'a, str>, std::ops::Range<usize>) {
    let line_start = text[..range.start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[range.start..]
        .find('\n')
        .map_or(text.len(), |p| range.start + p);
    if !source_is_excerpt(text, range.start) {
        return (name.to_string(), std::borrow::Cow::Borrowed(text), range);
    }
    let from = text[line_start..range.start]
        .char_indices()
        .rev()
        .nth(EXCERPT_CONTEXT - 1)
        .map_or(line_start, |(i, _)| line_start + i);
    let span_end = range.end.min(line_end);
    let to = text[span_end..line_end]
        .char_indices()
        .nth(EXCERPT_CONTEXT)
        .map_or(line_end, |(i, _)| span_end + i);
    // Pad with empty lines so the line number shown is the real one.
    let (line, _) = line_col(text, range.start);
    let pad = line - 1;
    let source = format!("{}…{}…", "\n".repeat(pad), &text[from..to]);
    let shift = from as isize - (pad + "…".len()) as isize;
    let at = |p: usize| (p as isize - shift) as usize;
    (
        name.to_string(),
        std::borrow::Cow::Owned(source),
        at(range.start)..at(span_end),
    )
}

/// A one-line summary of a batch.
pub fn summary(outcomes: &[DocOutcome], lang: Lang) -> String {
    let count = |s: Severity| {
        outcomes
            .iter()
            .flat_map(|o| &o.findings)
            .filter(|f| f.severity == s)
            .count()
    };
    summary_line(
        outcomes.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        lang,
    )
}

/// The summary line from counts: files, errors, warnings, notes.
pub fn summary_line(files: usize, e: usize, w: usize, i: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("共检查 {files} 个文件：错误 {e} 个，警告 {w} 个，提示 {i} 个\n"),
        Lang::En => format!("checked {files} file(s): {e} error(s), {w} warning(s), {i} note(s)\n"),
    }
}
