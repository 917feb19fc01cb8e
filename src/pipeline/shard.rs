//! One run split across machines: `run --shard K/N` and `merge PART...` (DESIGN.md).
//!
//! A shard reads, parses and checks its share of the files and writes a *part*: every
//! outcome as read (report, findings, roster match, and where each finding is in its file),
//! with the roster it matched against. `merge` joins the parts in path order and does what a
//! run does after reading (the roster's choices, the rules across reports and units, every
//! output), so its outputs are byte for byte those of one run over all the inputs.
//!
//! Files are shared out by unit as far as their paths tell it (a roster id or a unit's name
//! in the file or folder name), so a unit's years usually land in one shard; the merge does
//! not rely on it, since the rules across reports run there over every report.

use super::{
    assemble, finish, guard_output, place, process, progress_bar, read_roster, Batch, DocOutcome,
    Known, RunConfig, Style, Timings, Written,
};
use crate::error::{Error, PartProblem};
use crate::ingest::{self, Format};
use crate::model::{Finding, Report, UnitSource};
use crate::parse::Status;
use crate::roster::{Match, Roster};
use indicatif::ParallelProgressIterator as _;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// The part's description.
const MANIFEST: &str = "nianbao-part.json";
/// One JSON line per file read, gzip-compressed.
const OUTCOMES: &str = "outcomes.jsonl.gz";
/// The roster's bytes as the shard read them.
const ROSTER: &str = "roster.csv";
/// The version of the part layout; `merge` refuses another.
const PART_FORMAT: u32 = 1;
/// Lines parsed together on the worker threads.
const CHUNK: usize = 2048;

/// Which share of the files a run reads: `K/N`, 1 ≤ K ≤ N.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// K, from 1.
    pub index: u32,
    /// N.
    pub count: u32,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("{s}: expected K/N with 1 ≤ K ≤ N, e.g. 2/8");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (index, count) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// Whether the file at `path` is this shard's.
    pub fn holds(&self, path: &Path, roster: Option<&Roster>) -> bool {
        fnv1a(unit_key(path, roster).as_bytes()) % u64::from(self.count)
            == u64::from(self.index - 1)
    }
}

/// The unit a path names, as far as it tells without reading the file: the roster unit
/// its file or folder names give (or a roster id in it), else the first such name, else the
/// file itself.
pub fn unit_key(path: &Path, roster: Option<&Roster>) -> String {
    let id = crate::roster::matching::identify(roster, &[], path);
    match (id.matched, roster, id.name) {
        (Match::Unit(u), Some(r), _) => format!("unit:{}", r.units[u].id),
        (_, _, Some(name)) => format!("name:{}", crate::roster::normalise(&name)),
        _ => format!("path:{}", path.display()),
    }
}

/// FNV-1a, 64 bits: the same on every machine and in every release, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What a part says of itself.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    /// [`PART_FORMAT`].
    format: u32,
    /// The nianbao version that wrote it.
    nianbao: String,
    /// K.
    shard: u32,
    /// N.
    shards: u32,
    /// Files read.
    files: usize,
    /// The roster's path as the shard was given or found it (as the outputs name it).
    roster: Option<String>,
    /// The inputs as given (as index.html names them).
    inputs: Vec<String>,
}

/// One file's outcome, as a part holds it: borrowed from the outcome when written, owned
/// when read back.
#[derive(Serialize, Deserialize)]
struct Record<'a> {
    path: String,
    /// The path's bytes when they are not UTF-8 (Unix).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path_bytes: Option<Vec<u8>>,
    format: Format,
    encoding: Option<String>,
    status: Status,
    report: Option<Cow<'a, Report>>,
    findings: Cow<'a, [Finding]>,
    unit: Option<usize>,
    matched: Cow<'a, Match>,
    unit_source: Option<UnitSource>,
    /// The report's sentence hashes (kept out of its own serialization).
    #[serde(default, skip_serializing_if = "<[u64]>::is_empty")]
    sentence_hashes: Cow<'a, [u64]>,
    /// Where each finding is (`line:column table/row/col`), worked out from the text.
    locations: Cow<'a, [String]>,
    /// Byte offset, line and column of the report's positions a finding may point at.
    #[serde(default, skip_serializing_if = "<[[u32; 3]]>::is_empty")]
    positions: Cow<'a, [[u32; 3]]>,
}

/// One file as a shard read it: the outcome, its findings' places, its text positions.
type Read = (DocOutcome, Vec<String>, Vec<[u32; 3]>);

impl<'a> Record<'a> {
    fn of((o, locations, positions): &'a Read) -> Record<'a> {
        let (path, path_bytes) = path_to_text(&o.path);
        Record {
            path,
            path_bytes,
            format: o.format,
            encoding: o.encoding.map(str::to_owned),
            status: o.status,
            report: o.report.as_ref().map(Report::unpacked),
            findings: Cow::Borrowed(&o.findings),
            unit: o.unit,
            matched: Cow::Borrowed(&o.matched),
            unit_source: o.unit_source,
            sentence_hashes: Cow::Borrowed(
                o.report.as_ref().map_or(&[][..], |r| &r.sentence_hashes),
            ),
            locations: Cow::Borrowed(locations),
            positions: Cow::Borrowed(positions),
        }
    }

    fn into_read(self) -> Read {
        let mut report = self.report.map(Cow::into_owned);
        if let Some(r) = &mut report {
            r.sentence_hashes = self.sentence_hashes.into_owned();
            // JSON gives no lengths ahead: lists grew by doubling while they were read.
            r.shrink_to_fit();
            r.pack();
        }
        let (mut findings, mut locations, mut positions) = (
            self.findings.into_owned(),
            self.locations.into_owned(),
            self.positions.into_owned(),
        );
        findings.shrink_to_fit();
        locations.shrink_to_fit();
        positions.shrink_to_fit();
        let outcome = DocOutcome {
            path: path_from_text(self.path, self.path_bytes),
            format: self.format,
            encoding: self.encoding.as_deref().map(crate::model::ids::intern),
            status: self.status,
            report,
            findings,
            text: None,
            unit: self.unit,
            matched: self.matched.into_owned(),
            unit_source: self.unit_source,
        };
        (outcome, locations, positions)
    }
}

#[cfg(unix)]
fn path_to_text(p: &Path) -> (String, Option<Vec<u8>>) {
    use std::os::unix::ffi::OsStrExt;
    match p.to_str() {
        Some(s) => (s.to_owned(), None),
        None => (
            p.to_string_lossy().into_owned(),
            Some(p.as_os_str().as_bytes().to_vec()),
        ),
    }
}

#[cfg(not(unix))]
fn path_to_text(p: &Path) -> (String, Option<Vec<u8>>) {
    (p.to_string_lossy().into_owned(), None)
}

#[cfg(unix)]
fn path_from_text(text: String, bytes: Option<Vec<u8>>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    bytes.map_or_else(
        || PathBuf::from(text),
        |b| PathBuf::from(std::ffi::OsString::from_vec(b)),
    )
}

#[cfg(not(unix))]
fn path_from_text(text: String, _bytes: Option<Vec<u8>>) -> PathBuf {
    PathBuf::from(text)
}

/// What a shard tells the summary.
#[derive(Clone, Debug)]
pub struct ShardWritten {
    /// Its files.
    pub files: usize,
    /// The files of all shards.
    pub of: usize,
}

/// `run --shard K/N`: reads, parses and checks this shard's files and writes its part into
/// `out` (replacing what was there, as a run does).
pub fn run_shard(
    config: &RunConfig,
    shard: Shard,
    out: &Path,
    timings: &mut Timings,
) -> Result<ShardWritten, Error> {
    let config = guard_output(config, out)?;
    let (roster, roster_path) = read_roster(&config)?;
    let all = ingest::discover_except(&config.inputs, &config.skip)?;
    let paths: Vec<PathBuf> = all
        .iter()
        .filter(|p| shard.holds(p, roster.as_ref()))
        .cloned()
        .collect();
    let read = read_shard(&paths, roster.as_ref(), config.progress);
    timings.mark("read");
    let output_error = |path: PathBuf| move |source| Error::Output { path, source };
    let staging =
        crate::render::write::Staging::begin(out).map_err(output_error(out.to_path_buf()))?;
    let dir = staging.path();
    let roster_bytes = match &roster_path {
        Some(p) => Some(std::fs::read(p).map_err(|source| Error::Input {
            path: p.clone(),
            source,
        })?),
        None => None,
    };
    let manifest = Manifest {
        format: PART_FORMAT,
        nianbao: env!("CARGO_PKG_VERSION").into(),
        shard: shard.index,
        shards: shard.count,
        files: read.len(),
        roster: roster_path.as_ref().map(|p| p.display().to_string()),
        inputs: config
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
    };
    let mut json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    json.push(b'\n');
    let mut artifacts = vec![crate::render::write::Artifact {
        rel_path: MANIFEST.into(),
        bytes: json,
    }];
    if let Some(bytes) = roster_bytes {
        artifacts.push(crate::render::write::Artifact {
            rel_path: ROSTER.into(),
            bytes,
        });
    }
    crate::render::write::write(&artifacts, dir).map_err(output_error(dir.to_path_buf()))?;
    crate::render::write::write_streamed(dir, OUTCOMES, |w| write_records(&read, w))
        .map_err(output_error(dir.join(OUTCOMES)))?;
    timings.mark("outputs");
    staging.commit().map_err(output_error(out.to_path_buf()))?;
    timings.mark("write");
    Ok(ShardWritten {
        files: read.len(),
        of: all.len(),
    })
}

/// Reads, parses and checks `paths` in parallel as a run does, and works out from each
/// text what the merge will need without it: its findings' places and its positions.
fn read_shard(paths: &[PathBuf], roster: Option<&Roster>, progress: bool) -> Vec<Read> {
    let bar = progress_bar(paths.len(), progress);
    let read = paths
        .par_iter()
        .progress_with(bar.clone())
        .map(|p| {
            let mut o = process(p, true, roster);
            let text = o.text.take();
            let text = text.as_deref();
            let places = o.findings.iter().map(|f| place(f, text, None)).collect();
            let positions = match (&o.report, text) {
                (Some(r), Some(t)) => positions(r, t),
                _ => Vec::new(),
            };
            if let Some(r) = &mut o.report {
                r.pack();
            }
            (o, places, positions)
        })
        .collect();
    bar.finish_and_clear();
    read
}

/// The line and column of every position in `report` a finding can point at (its tables,
/// cells, sections, years, dates, quoted figures), computed in one pass over `text`.
fn positions(report: &Report, text: &str) -> Vec<[u32; 3]> {
    let mut starts: Vec<u32> = report
        .tables
        .iter()
        .flat_map(|t| std::iter::once(t.span).chain(t.cells.iter().map(|c| c.span)))
        .chain(report.sections.iter().map(|s| s.span))
        .chain(report.meta.years.iter().map(|y| y.span))
        .chain(report.meta.published.iter().map(|p| p.span))
        .chain(report.text_figures.iter().map(|f| f.span))
        .chain(report.layout_2019_evidence.iter().map(|(_, s)| *s))
        .map(|s| s.start)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let (mut line, mut line_start, mut pos) = (1usize, 0usize, 0usize);
    let mut out = Vec::with_capacity(starts.len());
    for start in starts {
        let offset = (start as usize).min(text.len());
        let (l, c) = if text.is_char_boundary(offset) {
            for (i, b) in text.as_bytes()[pos..offset].iter().enumerate() {
                if *b == b'\n' {
                    line += 1;
                    line_start = pos + i + 1;
                }
            }
            pos = offset;
            (line, text[line_start..offset].chars().count() + 1)
        } else {
            crate::render::diagnostics::line_col(text, offset)
        };
        let (Ok(l), Ok(c)) = (u32::try_from(l), u32::try_from(c)) else {
            continue;
        };
        out.push([start, l, c]);
    }
    out
}

/// The files read as gzip-compressed JSON lines, serialized in parallel a chunk at a time.
fn write_records(read: &[Read], w: &mut impl Write) -> std::io::Result<()> {
    let mut gz = flate2::write::GzEncoder::new(w, flate2::Compression::fast());
    for chunk in read.chunks(CHUNK) {
        let lines: Vec<Vec<u8>> = chunk
            .par_iter()
            .map(|r| {
                let mut line = serde_json::to_vec(&Record::of(r))?;
                line.push(b'\n');
                Ok(line)
            })
            .collect::<serde_json::Result<_>>()?;
        for line in lines {
            gz.write_all(&line)?;
        }
    }
    gz.finish()?.flush()
}

/// `merge PART... --out DIR`: the outputs of one run over every part's files.
pub fn merge(
    parts: &[PathBuf],
    config: &RunConfig,
    out: &Path,
    lang: crate::model::Lang,
    timings: &mut Timings,
) -> Result<(Batch, Written), Error> {
    let style = Style::of(config, lang)?;
    // The parts are the inputs here: the outputs must not be written over one.
    let config = RunConfig {
        inputs: parts.to_vec(),
        ..config.clone()
    };
    let mut config = guard_output(&config, out)?;
    let (manifests, roster_bytes) = read_manifests(parts)?;
    // The outputs name the inputs the shards were given.
    config.inputs = manifests[0].inputs.iter().map(PathBuf::from).collect();
    let mut read = Vec::new();
    for part in parts {
        read.extend(read_records(part)?);
    }
    // Path order, as one run discovers its files.
    read.par_sort_by(|a, b| a.0.path.cmp(&b.0.path));
    if let Some(w) = read.windows(2).find(|w| w[0].0.path == w[1].0.path) {
        return Err(part_error(
            &parts[0],
            PartProblem::FileTwice {
                file: w[0].0.path.display().to_string(),
            },
        ));
    }
    let mut known = Known::default();
    let mut outcomes = Vec::with_capacity(read.len());
    for (o, l, p) in read {
        outcomes.push(o);
        known.locations.push(l);
        known.positions.push(p);
    }
    let roster = match &roster_bytes {
        Some(bytes) => Some(Roster::parse(bytes).map_err(|source| Error::Roster {
            path: parts[0].join(ROSTER),
            source,
        })?),
        None => None,
    };
    let roster_path = manifests[0].roster.as_ref().map(PathBuf::from);
    let batch = assemble(outcomes, roster, roster_path, &config);
    timings.mark("read");
    finish(batch, &config, &style, &known, out, timings)
}

fn part_error(part: &Path, problem: PartProblem) -> Error {
    Error::Part {
        path: part.to_path_buf(),
        problem,
    }
}

/// Every part's manifest, checked to make one whole: the same N, each K once, the same
/// roster. With the roster's bytes.
fn read_manifests(parts: &[PathBuf]) -> Result<(Vec<Manifest>, Option<Vec<u8>>), Error> {
    let mut manifests: Vec<Manifest> = Vec::new();
    let mut roster: Option<Option<Vec<u8>>> = None;
    for part in parts {
        let unreadable = |e: &dyn std::fmt::Display| {
            part_error(
                part,
                PartProblem::Unreadable {
                    detail: e.to_string(),
                },
            )
        };
        let bytes = std::fs::read(part.join(MANIFEST)).map_err(|e| unreadable(&e))?;
        let m: Manifest = serde_json::from_slice(&bytes).map_err(|e| unreadable(&e))?;
        if m.format != PART_FORMAT {
            return Err(part_error(part, PartProblem::Format { found: m.format }));
        }
        if let Some(first) = manifests.first() {
            if m.shards != first.shards {
                return Err(part_error(
                    part,
                    PartProblem::ShardCount {
                        expected: first.shards,
                        found: m.shards,
                    },
                ));
            }
            if m.inputs != first.inputs {
                return Err(part_error(part, PartProblem::InputsDiffer));
            }
            if manifests.iter().any(|o| o.shard == m.shard) {
                return Err(part_error(part, PartProblem::ShardTwice { shard: m.shard }));
            }
        }
        let r = match &m.roster {
            Some(_) => Some(std::fs::read(part.join(ROSTER)).map_err(|e| unreadable(&e))?),
            None => None,
        };
        match &roster {
            Some(first) if *first != r || manifests[0].roster != m.roster => {
                return Err(part_error(part, PartProblem::RosterDiffers));
            }
            Some(_) => {}
            None => roster = Some(r),
        }
        manifests.push(m);
    }
    let Some(first) = manifests.first() else {
        return Err(part_error(Path::new(""), PartProblem::NoParts));
    };
    let missing: Vec<u32> = (1..=first.shards)
        .filter(|k| !manifests.iter().any(|m| m.shard == *k))
        .collect();
    if !missing.is_empty() {
        return Err(part_error(
            &parts[0],
            PartProblem::ShardsMissing {
                shards: missing,
                of: first.shards,
            },
        ));
    }
    Ok((manifests, roster.flatten()))
}

/// A part's outcomes with their findings' places, parsed on the worker threads.
fn read_records(part: &Path) -> Result<Vec<Read>, Error> {
    let unreadable = |detail: String| part_error(part, PartProblem::Unreadable { detail });
    let file = std::fs::File::open(part.join(OUTCOMES)).map_err(|e| unreadable(e.to_string()))?;
    let mut lines = std::io::BufReader::new(flate2::read::GzDecoder::new(file)).lines();
    let mut out = Vec::new();
    loop {
        let chunk: Vec<String> = lines
            .by_ref()
            .take(CHUNK)
            .collect::<std::io::Result<_>>()
            .map_err(|e| unreadable(format!("{OUTCOMES}: {e}")))?;
        if chunk.is_empty() {
            return Ok(out);
        }
        let records: Vec<Record> = chunk
            .par_iter()
            .map(|l| serde_json::from_str(l))
            .collect::<serde_json::Result<_>>()
            .map_err(|e| unreadable(format!("{OUTCOMES}: {e}")))?;
        out.extend(records.into_iter().map(Record::into_read));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::locations;

    #[test]
    fn shards_parse_as_k_of_n() {
        assert_eq!("2/8".parse(), Ok(Shard { index: 2, count: 8 }));
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_units_years_share_a_shard_when_its_paths_name_it() {
        let a = unit_key(
            Path::new("in/2022/示例区教育局2022年政府信息公开年报.txt"),
            None,
        );
        let b = unit_key(
            Path::new("in/2023/示例区教育局2023年政府信息公开年报.txt"),
            None,
        );
        assert_eq!(a, b);
        assert!(a.starts_with("name:"), "{a}");
        let c = unit_key(Path::new("in/2023/示例区财政局2023年年报.txt"), None);
        assert_ne!(a, c);
        // A stable hash: these values are what every machine and release must give.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        let shards: Vec<u32> = (1..=4)
            .filter(|k| {
                Shard {
                    index: *k,
                    count: 4,
                }
                .holds(Path::new("in/2023/示例区财政局2023年年报.txt"), None)
            })
            .collect();
        assert_eq!(shards.len(), 1, "exactly one shard holds a file");
    }

    #[test]
    fn outcomes_come_back_from_a_part_as_they_were_read() {
        // The fixtures, and the real reports in ../shared/samples where they are.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs: Vec<PathBuf> = [root.join("tests/fixtures"), root.join("../shared/samples")]
            .into_iter()
            .filter(|d| d.is_dir())
            .collect();
        let paths = ingest::discover(&dirs).unwrap();
        let read = read_shard(&paths, None, false);
        let mut bytes = Vec::new();
        write_records(&read, &mut bytes).unwrap();
        let part = tempfile::tempdir().unwrap();
        std::fs::write(part.path().join(OUTCOMES), bytes).unwrap();
        let back = read_records(part.path()).unwrap();
        // As a run reads them.
        let outcomes: Vec<DocOutcome> = paths
            .par_iter()
            .map(|p| super::super::process_one(p, false))
            .collect();
        let places = locations(&outcomes);
        assert_eq!(back.len(), outcomes.len());
        let mut cells = 0;
        let mut positions = 0;
        let (mut packed_bytes, mut packed_cells) = (0, 0);
        for ((o, p), (b, bp, bpos)) in outcomes.iter().zip(&places).zip(&back) {
            assert_eq!(o.path, b.path);
            assert_eq!(
                (o.format, o.encoding, o.status),
                (b.format, b.encoding, b.status)
            );
            assert!(b.report.as_ref().is_none_or(|r| r.packed.is_some()));
            // The digest taken at packing is the one of the tables as read.
            assert_eq!(
                o.report.as_ref().map(Report::tables_digest),
                b.report.as_ref().map(Report::tables_digest),
                "{}",
                o.path.display()
            );
            if let Some(p) = b.report.as_ref().and_then(|r| r.packed.as_ref()) {
                packed_bytes += p.len();
                packed_cells += p.cell_count();
            }
            assert_eq!(
                o.report.as_ref().map(Report::unpacked),
                b.report.as_ref().map(Report::unpacked),
                "{}",
                o.path.display()
            );
            assert_eq!(
                o.report.as_ref().map(|r| &r.sentence_hashes),
                b.report.as_ref().map(|r| &r.sentence_hashes)
            );
            assert_eq!(o.findings, b.findings, "{}", o.path.display());
            assert_eq!(
                (o.unit, &o.matched, o.unit_source),
                (b.unit, &b.matched, b.unit_source)
            );
            assert_eq!(p, bp);
            if let Some(text) = bpos.first().and_then(|_| crate::ingest::read(&o.path).ok()) {
                for &[start, l, c] in bpos {
                    let want = crate::render::diagnostics::line_col(&text.text, start as usize);
                    assert_eq!((l as usize, c as usize), want, "{}", o.path.display());
                    positions += 1;
                }
            }
            let tables = b.report.as_ref().map(Report::tables_view);
            for t in tables.iter().flat_map(|t| t.iter()) {
                // The row index is rebuilt.
                for c in &t.cells {
                    assert_eq!(
                        t.get(c.row.as_str(), c.col.as_str()).map(|x| x.value),
                        Some(c.value)
                    );
                    cells += 1;
                }
            }
        }
        assert!(
            outcomes.len() > 100 && cells > 10_000 && positions > 10_000,
            "{} files, {cells} cells, {positions} positions",
            outcomes.len()
        );
        // Held packed: a few bytes a cell, the cold parts included (a `Cell` is 56).
        assert_eq!(packed_cells, cells);
        assert!(
            packed_bytes < cells * 10,
            "{packed_bytes} bytes for {cells} cells"
        );
    }
}
