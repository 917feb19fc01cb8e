//! The order of stages, and the only user of rayon: discover → par_iter(decode → parse →
//! check) → results in input order.

use crate::check::{self, Context};
use crate::ingest::{self, Format};
use crate::model::{Finding, FindingKind, ReadProblem, Report, Severity};
use crate::parse::{self, Status};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What happened to one input file.
#[derive(Clone, Debug)]
pub struct DocOutcome {
    /// The path as discovered.
    pub path: PathBuf,
    /// The format.
    pub format: Format,
    /// The encoding, when the file was decoded.
    pub encoding: Option<&'static str>,
    /// How far processing got.
    pub status: Status,
    /// The parsed report, when there is one.
    pub report: Option<Report>,
    /// Every finding, parse and check, in rule order within each stage.
    pub findings: Vec<Finding>,
    /// The decoded text, kept for rendering source snippets.
    pub text: Option<String>,
}

impl DocOutcome {
    /// The highest severity among the findings.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// Decodes, parses and checks one file. Never panics: a panic inside becomes P001.
pub fn process_one(path: &Path, keep_text: bool) -> DocOutcome {
    let run = std::panic::AssertUnwindSafe(|| process_inner(path, keep_text));
    std::panic::catch_unwind(run).unwrap_or_else(|_| {
        failed(
            path,
            ReadProblem::Io {
                message: "internal error while reading this file".into(),
            },
        )
    })
}

fn process_inner(path: &Path, keep_text: bool) -> DocOutcome {
    let doc = match ingest::read(path) {
        Ok(d) => d,
        Err(problem) => return failed(path, problem),
    };
    let parse::Parsed {
        report,
        mut findings,
        status,
    } = parse::parse(&doc);
    if status == Status::Ok {
        findings.extend(check::check(&report, &Context::default()));
    }
    DocOutcome {
        path: path.to_owned(),
        format: doc.format,
        encoding: Some(doc.encoding),
        status,
        report: Some(report),
        findings,
        text: keep_text.then_some(doc.text),
    }
}

fn failed(path: &Path, problem: ReadProblem) -> DocOutcome {
    DocOutcome {
        path: path.to_owned(),
        format: Format::from_path(path),
        encoding: None,
        status: Status::Failed,
        report: None,
        findings: vec![Finding::new(
            "P001",
            Severity::Error,
            FindingKind::Unreadable(problem),
        )],
        text: None,
    }
}

/// Processes files in parallel; results come back in the order of `paths`.
pub fn check_paths(paths: &[PathBuf], keep_text: bool) -> Vec<DocOutcome> {
    paths
        .par_iter()
        .map(|p| process_one(p, keep_text))
        .collect()
}

/// Checks a batch: every file in parallel, then the rules across reports (X001–X004), with
/// units told apart by their normalised names. Texts are not kept (see [`load_text`]).
pub fn check_batch(inputs: &[PathBuf]) -> crate::error::Result<Vec<DocOutcome>> {
    let paths = ingest::discover(inputs)?;
    let mut outcomes: Vec<DocOutcome> = paths.par_iter().map(|p| process_one(p, false)).collect();
    let keys: Vec<Option<String>> = outcomes
        .iter()
        .map(|o| {
            o.report
                .as_ref()
                .and_then(|r| r.meta.unit_name.as_deref())
                .map(crate::roster::normalise)
        })
        .collect();
    add_cross_findings(&mut outcomes, &keys);
    Ok(outcomes)
}

/// Runs X001–X004 over the parsed reports, `keys[i]` naming the unit of `outcomes[i]`, and
/// appends the findings to their reports.
pub fn add_cross_findings(outcomes: &mut [DocOutcome], keys: &[Option<String>]) {
    let paths: Vec<String> = outcomes
        .iter()
        .map(|o| o.path.display().to_string())
        .collect();
    let (index, entries): (Vec<usize>, Vec<crate::check::cross::Entry<'_>>) = outcomes
        .iter()
        .zip(keys)
        .enumerate()
        .filter(|(_, (o, _))| o.status == Status::Ok)
        .filter_map(|(i, (o, k))| {
            let report = o.report.as_ref()?;
            let entry = crate::check::cross::Entry {
                report,
                unit: k.as_deref()?,
                unit_name: report.meta.unit_name.as_deref().unwrap_or(""),
                path: &paths[i],
            };
            Some((i, entry))
        })
        .unzip();
    let found = crate::check::cross::check_batch(&entries);
    drop(entries);
    for (e, f) in found {
        outcomes[index[e]].findings.push(f);
    }
}

/// Maps outcomes in parallel (results in the same order), each with its text read again
/// for the time `f` runs, so that only what `f` returns stays in memory.
pub fn map_outcomes<T: Send>(
    outcomes: Vec<DocOutcome>,
    f: impl Fn(&DocOutcome) -> T + Sync,
) -> Vec<T> {
    outcomes
        .into_par_iter()
        .map(|mut o| {
            load_text(&mut o);
            f(&o)
        })
        .collect()
}

/// Reads the file again to put its text back (for showing findings in their context).
pub fn load_text(outcome: &mut DocOutcome) {
    if outcome.text.is_none() && outcome.findings.iter().any(|f| f.span.is_some()) {
        outcome.text = ingest::read(&outcome.path).ok().map(|d| d.text);
    }
}

/// Discovers the inputs, checks every file in parallel and hands each outcome to `f` on the
/// worker thread, so that what `f` keeps (a rendered report) is all that stays in memory.
/// Results come back in input order.
pub fn map_inputs<T: Send>(
    inputs: &[PathBuf],
    keep_text: bool,
    f: impl Fn(DocOutcome) -> T + Sync,
) -> crate::error::Result<Vec<T>> {
    let paths = ingest::discover(inputs)?;
    Ok(paths
        .par_iter()
        .map(|p| f(process_one(p, keep_text)))
        .collect())
}

/// Discovers the inputs and checks every file.
pub fn check_inputs(inputs: &[PathBuf], keep_text: bool) -> crate::error::Result<Vec<DocOutcome>> {
    let paths = ingest::discover(inputs)?;
    Ok(check_paths(&paths, keep_text))
}
