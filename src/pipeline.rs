//! The order of stages, and the only user of rayon: discover → par_iter(decode → parse →
//! check) → results in input order.

use crate::check::{self, Context};
use crate::ingest::{self, Format};
use crate::model::{Finding, FindingKind, ReadProblem, Report, Severity};
use crate::parse::{self, Status};
use indicatif::ParallelProgressIterator as _;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

pub mod draft;
mod letters;
mod locations;
mod outputs;
pub mod shard;
mod timings;

pub use locations::locations;
use locations::{locations_after, place, Known};
pub use outputs::Written;
use outputs::{build_outputs, chart_font, roll_up, write_facts_csv, write_facts_parquet};
pub use timings::Timings;

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
    /// The roster unit the report belongs to (index into the roster), in a `run`.
    pub unit: Option<usize>,
    /// The roster's verdict on the report's names (`Unknown` without a roster).
    pub matched: crate::roster::Match,
    /// Where the unit's name was read: the name the roster matched, else the first found.
    pub unit_source: Option<crate::model::UnitSource>,
}

impl DocOutcome {
    /// The highest severity among the findings.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// Decodes `bytes` as the file `path` names would be, parses and checks them, catching no
/// panic: what the fuzz targets (fuzz/) drive. `None` when the bytes do not decode.
pub fn decode_parse_check(path: &Path, bytes: &[u8]) -> Option<(Report, Vec<Finding>)> {
    let doc = ingest::decode(path, bytes).ok()?;
    let parse::Parsed {
        report,
        mut findings,
        status,
    } = parse::parse(&doc);
    if status == Status::Ok {
        findings.extend(check::check(&report, &Context { government: None }));
    }
    Some((report, findings))
}

/// For the fuzz targets: a panic raised in a third-party crate (its location under
/// `.cargo/registry`) is left to the decode budget, which turns it into P001 as in a run;
/// any other panic goes to the hook set before (libFuzzer's, which reports a crash).
pub fn fuzz_panics_of_ours_only() {
    let before = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let foreign = info
            .location()
            .is_some_and(|l| l.file().contains(".cargo/registry/"));
        if !foreign {
            before(info);
        }
    }));
}

/// Decodes, parses and checks one file. Never panics: a panic inside becomes P001.
pub fn process_one(path: &Path, keep_text: bool) -> DocOutcome {
    process(path, keep_text, None)
}

/// [`process_one`], matching the report to a roster when there is one (the roster's level
/// decides a government's deadline, Y002).
fn process(path: &Path, keep_text: bool, roster: Option<&crate::roster::Roster>) -> DocOutcome {
    let run = std::panic::AssertUnwindSafe(|| process_inner(path, keep_text, roster));
    std::panic::catch_unwind(run).unwrap_or_else(|_| {
        failed(
            path,
            ReadProblem::Io {
                message: "internal error while reading this file".into(),
            },
        )
    })
}

/// Who the report is: its unit's name and where it was read, and the roster's verdict.
fn identify(
    roster: Option<&crate::roster::Roster>,
    report: Option<&mut Report>,
    path: &Path,
) -> (
    Option<usize>,
    crate::roster::Match,
    Option<crate::model::UnitSource>,
) {
    let text = report
        .as_ref()
        .map_or(&[][..], |r| r.meta.unit_candidates.as_slice());
    let id = crate::roster::matching::identify(roster, text, path);
    if let Some(r) = report {
        r.meta.unit_name = id.name;
        r.meta.unit_source = id.source;
    }
    let unit = match id.matched {
        crate::roster::Match::Unit(u) => Some(u),
        _ => None,
    };
    (unit, id.matched, id.source)
}

fn process_inner(
    path: &Path,
    keep_text: bool,
    roster: Option<&crate::roster::Roster>,
) -> DocOutcome {
    let doc = match ingest::read(path) {
        Ok(d) => d,
        Err(problem) => {
            let (unit, matched, unit_source) = identify(roster, None, path);
            return DocOutcome {
                unit,
                matched,
                unit_source,
                ..failed(path, problem)
            };
        }
    };
    let parse::Parsed {
        mut report,
        mut findings,
        status,
    } = parse::parse(&doc);
    let (unit, matched, unit_source) = identify(roster, Some(&mut report), path);
    if status == Status::Ok {
        let government = roster.zip(unit).map(|(r, u)| r.units[u].is_government());
        findings.extend(check::check(&report, &Context { government }));
    }
    // Held until the outputs, for every file of the batch: no spare capacity.
    report.shrink_to_fit();
    findings.shrink_to_fit();
    DocOutcome {
        path: path.to_owned(),
        format: doc.format,
        encoding: Some(doc.encoding),
        status,
        report: Some(report),
        findings,
        text: keep_text.then_some(doc.text),
        unit,
        matched,
        unit_source,
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
        unit: None,
        matched: crate::roster::Match::Unknown,
        unit_source: None,
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
    for (i, f) in cross_findings(outcomes, keys) {
        outcomes[i].findings.push(f);
    }
}

/// The findings of the rules across reports, by outcome index, without touching the outcomes.
fn cross_findings(outcomes: &[DocOutcome], keys: &[Option<String>]) -> Vec<(usize, Finding)> {
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
    crate::check::cross::check_batch(&entries)
        .into_iter()
        .map(|(e, f)| (index[e], f))
        .collect()
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

/// Reads every report of the inputs in parallel and makes a first roster from the names
/// they give (`roster init`). Only reports are counted: a file that is not one names no unit.
/// (Nothing is checked: a roster is made from who reported, not from how well.)
pub fn roster_init(inputs: &[PathBuf]) -> crate::error::Result<crate::roster::init::Initial> {
    let paths = ingest::discover(inputs)?;
    // Read as `check` reads (a panic is P001 there, so a file that panics names no unit).
    let read: Vec<Option<Report>> = paths
        .par_iter()
        .map(|p| {
            let o = process_one(p, false);
            let report = o.report?;
            // A text whose tables could not be read is still a report when its title says
            // so; a file that is not one names no unit.
            let titled = report
                .meta
                .unit_candidates
                .iter()
                .any(|c| c.source == crate::model::UnitSource::Title);
            (matches!(o.status, Status::Ok | Status::Legacy) || titled).then_some(report)
        })
        .collect();
    let seen: Vec<crate::roster::init::Seen<'_>> = paths
        .iter()
        .zip(&read)
        .filter_map(|(path, r)| {
            r.as_ref().map(|r| crate::roster::init::Seen {
                path,
                names: &r.meta.unit_candidates,
                year: r.meta.year,
            })
        })
        .collect();
    Ok(crate::roster::init::init(&seen))
}

/// What `run` is asked to do.
#[derive(Clone, Debug, Default)]
pub struct RunConfig {
    /// Files or folders.
    pub inputs: Vec<PathBuf>,
    /// The roster; else a `roster.csv` in an input folder.
    pub roster: Option<PathBuf>,
    /// The years expected (`--year`); else the years a real share of the units reported.
    pub years: Option<Vec<i32>>,
    /// Show a progress bar on standard error (the caller checks that it is a terminal).
    pub progress: bool,
    /// A font file for the charts instead of the embedded one.
    pub font: Option<PathBuf>,
    /// Folders never read (the output folder, wherever it is).
    pub skip: Vec<PathBuf>,
    /// Which unit-years get a review letter.
    pub letters: crate::render::letters::Which,
    /// The scoring rubric (`--rubric`); else the default one.
    pub rubric: Option<PathBuf>,
    /// Write facts.csv even when it has more rows than a spreadsheet holds (`--facts-csv`).
    pub facts_csv: bool,
}

/// The rubric given, else the default (assets/rubric.toml).
fn read_rubric(config: &RunConfig) -> crate::error::Result<crate::score::Rubric> {
    let Some(path) = &config.rubric else {
        return Ok(crate::score::Rubric::default_rubric());
    };
    let text = std::fs::read_to_string(path).map_err(|source| crate::error::Error::Input {
        path: path.clone(),
        source,
    })?;
    crate::score::Rubric::parse(&text).map_err(|source| crate::error::Error::Rubric {
        path: path.clone(),
        source,
    })
}

/// A bar counting files on standard error, or a hidden one.
fn progress_bar(len: usize, show: bool) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} {per_sec} {msg}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// A checked district batch: every file's outcome, matched to the roster.
#[derive(Debug)]
pub struct Batch {
    /// One per input file, in path order.
    pub outcomes: Vec<DocOutcome>,
    /// The roster, when there is one.
    pub roster: Option<crate::roster::Roster>,
    /// Where the roster came from.
    pub roster_path: Option<PathBuf>,
    /// The years expected, sorted.
    pub years: Vec<i32>,
    /// The same, with why each is expected.
    pub expected: Vec<crate::roster::status::ExpectedYear>,
    /// For each outcome, whether it is the report chosen for its unit, year and scope (see
    /// [`Batch::in_rollup`] and [`Batch::is_region`]).
    pub counted: Vec<bool>,
    /// Which report counts for each roster unit, year and scope (with a roster).
    pub chosen: Option<crate::roster::status::Chosen>,
    /// Findings about roster units with no report (R003).
    pub unit_findings: Vec<Finding>,
    /// missing.csv rows.
    pub missing: Vec<crate::roster::status::Missing>,
}

impl Batch {
    /// Whether the roll-up sums outcome `i`: the chosen own-unit (`self`) report of a roster
    /// unit (of any unit without a roster), findings or not (DESIGN.md, roll-up membership).
    pub fn in_rollup(&self, i: usize) -> bool {
        let o = &self.outcomes[i];
        let Some(r) = &o.report else { return false };
        self.counted[i]
            && r.meta.scope != Some(crate::model::Scope::Region)
            && (self.roster.is_none() || o.unit.is_some())
            && self.expects(r.meta.year)
    }

    /// Whether `year` is one of the years expected.
    pub fn expects(&self, year: Option<i32>) -> bool {
        year.is_some_and(|y| self.years.binary_search(&y).is_ok())
    }

    /// Whether outcome `i` is the chosen region-scope report of its unit and year, to be
    /// compared with the sum of the units' own reports.
    pub fn is_region(&self, i: usize) -> bool {
        let o = &self.outcomes[i];
        o.report
            .as_ref()
            .is_some_and(|r| r.meta.scope == Some(crate::model::Scope::Region))
            && self.counted[i]
            && (self.roster.is_none() || o.unit.is_some())
            && self.expects(o.report.as_ref().and_then(|r| r.meta.year))
    }
}

/// Finds the roster: the one given, else `roster.csv` in one of the input folders.
fn find_roster(config: &RunConfig) -> Option<PathBuf> {
    config.roster.clone().or_else(|| {
        config
            .inputs
            .iter()
            .filter(|i| i.is_dir())
            .map(|d| d.join("roster.csv"))
            .find(|p| p.is_file())
    })
}

/// Checks a district batch: files in parallel, then the roster (R001–R003), the rules across
/// reports (by roster unit) and the non-reporting list.
pub fn run_batch(config: &RunConfig) -> Result<Batch, crate::error::Error> {
    let mut batch = read_batch(config)?;
    let judged = judge(&batch);
    apply(&mut batch, judged);
    Ok(batch)
}

/// Reads, parses and checks every file in parallel and matches each to the roster; the rules
/// across reports and the roster's verdicts are not applied yet (see [`judge`]).
fn read_batch(config: &RunConfig) -> Result<Batch, crate::error::Error> {
    let (roster, roster_path) = read_roster(config)?;
    let paths = ingest::discover_except(&config.inputs, &config.skip)?;
    let outcomes = read_outcomes(&paths, roster.as_ref(), config.progress);
    Ok(assemble(outcomes, roster, roster_path, config))
}

/// The roster of a run, and where it came from.
fn read_roster(
    config: &RunConfig,
) -> Result<(Option<crate::roster::Roster>, Option<PathBuf>), crate::error::Error> {
    let roster_path = find_roster(config);
    let roster = match &roster_path {
        Some(p) => {
            Some(
                crate::roster::Roster::read(p).map_err(|e| crate::error::Error::Roster {
                    path: p.clone(),
                    source: e,
                })?,
            )
        }
        None => None,
    };
    Ok((roster, roster_path))
}

/// Reads, parses and checks `paths` in parallel, each matched to the roster; in path order.
fn read_outcomes(
    paths: &[PathBuf],
    roster: Option<&crate::roster::Roster>,
    progress: bool,
) -> Vec<DocOutcome> {
    let bar = progress_bar(paths.len(), progress);
    let outcomes = paths
        .par_iter()
        .progress_with(bar.clone())
        .map(|p| {
            let mut o = process(p, false, roster);
            // Held until the outputs with every other file's: tables packed.
            if let Some(r) = &mut o.report {
                r.pack();
            }
            o
        })
        .collect();
    bar.finish_and_clear();
    outcomes
}

/// A batch of read outcomes (in path order): the years expected, and the roster's choice of
/// the report that counts for each unit (R001/R002 added to the outcomes).
fn assemble(
    mut outcomes: Vec<DocOutcome>,
    roster: Option<crate::roster::Roster>,
    roster_path: Option<PathBuf>,
    config: &RunConfig,
) -> Batch {
    let expected =
        crate::roster::status::expected_years(&units_by_year(&outcomes), config.years.as_deref());
    let years = expected.iter().map(|e| e.year).collect();
    let chosen = roster.as_ref().map(|r| {
        let mut chosen = choose(r, &outcomes, &expected);
        for (i, f) in std::mem::take(&mut chosen.findings) {
            outcomes[i].findings.push(f);
        }
        chosen
    });
    Batch {
        counted: chosen
            .as_ref()
            .map_or_else(|| vec![true; outcomes.len()], |c| c.counted.clone()),
        outcomes,
        roster,
        roster_path,
        years,
        expected,
        chosen,
        unit_findings: Vec::new(),
        missing: Vec::new(),
    }
}

/// For each report year, how many distinct units' reports name it (a unit is its roster
/// unit, else its normalised name, else its file).
fn units_by_year(outcomes: &[DocOutcome]) -> std::collections::BTreeMap<i32, usize> {
    let mut seen = std::collections::BTreeSet::new();
    for o in outcomes.iter().filter(|o| o.status == Status::Ok) {
        let Some(r) = &o.report else { continue };
        let Some(year) = r.meta.year else { continue };
        let unit = match (o.unit, r.meta.unit_name.as_deref()) {
            (Some(u), _) => format!("#{u}"),
            (None, Some(n)) => crate::roster::normalise(n),
            (None, None) => o.path.display().to_string(),
        };
        seen.insert((year, unit));
    }
    let mut counts = std::collections::BTreeMap::new();
    for (year, _) in seen {
        *counts.entry(year).or_insert(0) += 1;
    }
    counts
}

/// Y001 for each report whose year was not expected, unless the years were given (then the
/// other years are simply outside the run).
fn unexpected_years(batch: &Batch) -> Vec<(usize, Finding)> {
    if batch.expected.iter().any(|e| e.given) {
        return Vec::new();
    }
    batch
        .outcomes
        .iter()
        .enumerate()
        .filter(|(_, o)| o.status == Status::Ok)
        .filter_map(|(i, o)| {
            let year = o.report.as_ref()?.meta.year?;
            if batch.expects(Some(year)) {
                return None;
            }
            let kind = FindingKind::YearNotExpected {
                year,
                expected: batch.years.clone(),
            };
            let severity = check::rule_info("Y001").map_or(Severity::Warning, |r| r.severity);
            Some((i, Finding::new("Y001", severity, kind)))
        })
        .collect()
}

/// What the rules across reports and the roster say of a read batch.
struct Judged {
    cross: Vec<(usize, Finding)>,
    status: Option<crate::roster::status::Status>,
}

/// Runs the rules across reports (X001–X004), then the roster's (R001–R003, missing.csv),
/// which need X003/X004 to tell copied reports.
fn judge(batch: &Batch) -> Judged {
    // A report of a year that only a few units name (Y001, when the years are inferred) is
    // compared with nothing: it may be misdated, and a unit's stray 2020 report is no
    // evidence that its 2021 one repeats or breaks from it. Years given with `--year` leave
    // the other years' reports as context (last year's carried-forward for X001).
    let inferred = !batch.expected.iter().any(|e| e.given);
    let keys: Vec<Option<String>> = batch
        .outcomes
        .iter()
        .map(|o| {
            let year = o.report.as_ref().and_then(|r| r.meta.year);
            if inferred && year.is_some() && !batch.expects(year) {
                return None;
            }
            match (&batch.roster, o.unit) {
                (Some(r), Some(u)) => Some(r.units[u].id.clone()),
                _ => o
                    .report
                    .as_ref()
                    .and_then(|r| r.meta.unit_name.as_deref())
                    .map(crate::roster::normalise),
            }
        })
        .collect();
    let mut cross = cross_findings(&batch.outcomes, &keys);
    cross.extend(unexpected_years(batch));
    let status = batch
        .roster
        .as_ref()
        .zip(batch.chosen.as_ref())
        .map(|(r, chosen)| {
            // The rules across reports' findings are not yet pushed onto the outcomes.
            let mut rules: Vec<Vec<&'static str>> = batch
                .outcomes
                .iter()
                .map(|o| o.findings.iter().map(|f| f.rule.0).collect())
                .collect();
            for (k, f) in &cross {
                rules[*k].push(f.rule.0);
            }
            crate::roster::status::evaluate(r, &rules, chosen, &batch.expected)
        });
    Judged { cross, status }
}

fn apply(batch: &mut Batch, judged: Judged) {
    for (i, f) in judged.cross {
        batch.outcomes[i].findings.push(f);
    }
    if let Some(status) = judged.status {
        batch.unit_findings = status.unit_findings;
        batch.missing = status.missing;
    }
}

/// The whole of `run`, the stages overlapped on the two threads: facts.csv (which needs no
/// verdicts) is written while the rules across reports and the roster judge the batch, then
/// facts.parquet while every other output is built.
pub fn run(
    config: &RunConfig,
    out: &Path,
    lang: crate::model::Lang,
    timings: &mut Timings,
) -> Result<(Batch, Written), crate::error::Error> {
    // The font and the rubric first: a bad --font or --rubric is the run's failure, before
    // any work.
    let style = Style::of(config, lang)?;
    let config = &guard_output(config, out)?;
    let batch = read_batch(config)?;
    timings.mark("read");
    finish(batch, config, &style, &Known::default(), out, timings)
}

/// How the outputs are drawn and scored, read before any work.
struct Style {
    font: &'static [u8],
    rubric: crate::score::Rubric,
    lang: crate::model::Lang,
}

impl Style {
    fn of(config: &RunConfig, lang: crate::model::Lang) -> Result<Style, crate::error::Error> {
        Ok(Style {
            font: chart_font(config)?,
            rubric: read_rubric(config)?,
            lang,
        })
    }
}

/// `config` with the output folder never read: this one, wherever it points, and (through
/// its mark) any earlier one. An input inside it is the run's failure.
fn guard_output(config: &RunConfig, out: &Path) -> Result<RunConfig, crate::error::Error> {
    if let Ok(o) = out.canonicalize() {
        let holds = |i: &PathBuf| i.is_dir() && i.canonicalize().is_ok_and(|i| i.starts_with(&o));
        if config.inputs.iter().any(holds) {
            return Err(crate::error::Error::OutputHoldsInput {
                path: out.to_path_buf(),
            });
        }
    }
    let mut config = config.clone();
    config.skip.push(out.to_path_buf());
    Ok(config)
}

/// From a read batch to the outputs in `out`: judged, built, written beside `out` and put
/// in its place. `known` is what was worked out from the texts where the files were read
/// (a shard's part); without it, files are read again to place findings.
fn finish(
    mut batch: Batch,
    config: &RunConfig,
    style: &Style,
    known: &Known,
    out: &Path,
    timings: &mut Timings,
) -> Result<(Batch, Written), crate::error::Error> {
    let output_error = |path: PathBuf| move |source| crate::error::Error::Output { path, source };
    // Everything is written beside `out` and put in its place at the end: a failed or
    // killed run leaves the previous outputs as they were.
    let staging =
        crate::render::write::Staging::begin(out).map_err(output_error(out.to_path_buf()))?;
    let final_out = out;
    let out = staging.path();
    // facts.csv only where a spreadsheet opens it whole, unless asked for: facts.parquet
    // holds the same always.
    let rows = crate::render::tables::fact_rows(&batch);
    let csv_wanted = config.facts_csv || rows < crate::render::tables::EXCEL_ROWS;
    // The rules across reports judge on one thread; beside them, facts.csv and the roll-up
    // (neither needs a verdict).
    let ((judged, csv), rolled_up) = rayon::join(
        || {
            rayon::join(
                || judge(&batch),
                || {
                    if csv_wanted {
                        write_facts_csv(&batch, out)
                    } else {
                        Ok(())
                    }
                },
            )
        },
        || roll_up(&batch),
    );
    csv?;
    let rolled_up = rolled_up?;
    apply(&mut batch, judged);
    timings.mark("judge");
    let (parquet, built) = rayon::join(
        || write_facts_parquet(&batch, out),
        || build_outputs(&batch, rolled_up, config, style, known, out),
    );
    parquet?;
    let mut written = built?;
    written.facts_csv = (rows, csv_wanted);
    timings.mark("outputs");
    staging
        .commit()
        .map_err(output_error(final_out.to_path_buf()))?;
    timings.mark("commit");
    Ok((batch, written))
}

/// The roster's choice of the report that counts per unit, year and scope, with R001/R002.
fn choose(
    roster: &crate::roster::Roster,
    outcomes: &[DocOutcome],
    expected: &[crate::roster::status::ExpectedYear],
) -> crate::roster::status::Chosen {
    let paths: Vec<String> = outcomes
        .iter()
        .map(|o| o.path.display().to_string())
        .collect();
    // The names an unmatched file goes by, to name the closest units.
    let path_names: Vec<Vec<crate::model::UnitCandidate>> = outcomes
        .iter()
        .map(|o| match o.unit {
            Some(_) => Vec::new(),
            None => crate::roster::matching::path_candidates(&o.path),
        })
        .collect();
    let filed: Vec<crate::roster::status::Filed<'_>> = outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let meta = o.report.as_ref().map(|r| &r.meta);
            crate::roster::status::Filed {
                path: &paths[i],
                name: meta.and_then(|m| m.unit_name.as_deref()),
                names: meta
                    .map_or(&[][..], |m| m.unit_candidates.as_slice())
                    .iter()
                    .chain(&path_names[i])
                    .map(|c| c.name.as_str())
                    .collect(),
                matched: Some(&o.matched),
                year: meta.and_then(|m| m.year).or_else(|| year_in_path(&o.path)),
                published: meta.and_then(|m| m.published).map(|p| p.date),
                unreadable: matches!(o.status, Status::Failed | Status::NotAReport),
                region: meta.is_some_and(|m| m.scope == Some(crate::model::Scope::Region)),
            }
        })
        .collect();
    crate::roster::status::choose(roster, &filed, expected)
}

/// A year named in a file's path ("2023/B001_2023.txt"), for files that could not be read.
fn year_in_path(path: &Path) -> Option<i32> {
    let s = path.to_string_lossy();
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3))
        .filter(|&i| b[i..i + 4].iter().all(u8::is_ascii_digit))
        .filter(|&i| {
            (i == 0 || !b[i - 1].is_ascii_digit())
                && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        })
        .filter_map(|i| s[i..i + 4].parse::<i32>().ok())
        .rfind(|y| (2000..=2100).contains(y))
}
