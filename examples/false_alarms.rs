//! False alarms per rule on a district `nianbao gen` wrote (benches/README.md records them):
//!
//! ```sh
//! nianbao gen --out /tmp/fa --units 1000 --faults 0.1 --seed 3
//! cargo run --release --example false_alarms -- /tmp/fa
//! ```
//!
//! Runs the district job on the folder and compares every finding with the generator's
//! truth (`truth.csv`: the fault given to each unit-year, and the rule that must catch it).
//! A finding on a file the truth gives no fault is wrong; one on a file given another
//! fault may follow from that fault (a wrong row total breaks the outcome total too) and is
//! counted apart. Also: missing.csv's `no_report` rows against the truth's, and faults missed.

use nianbao::pipeline::{run_batch, RunConfig};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Default)]
struct Count {
    severity: &'static str,
    fired: usize,
    /// On a file whose fault this rule catches.
    caught: usize,
    /// On a file the truth gives no fault: a false alarm.
    wrong: usize,
    /// On a file given another fault.
    other_fault: usize,
    /// Those faults.
    other_kinds: BTreeSet<String>,
    /// Faults of this rule in the truth.
    truth: usize,
    example: Option<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: false_alarms DIR")?);
    let mut truth: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut no_report: BTreeSet<(String, i32)> = BTreeSet::new();
    // A district written without faults has no truth.csv.
    let truth_csv = dir.join("truth.csv");
    let records = match truth_csv.exists() {
        true => csv::Reader::from_path(&truth_csv)?.into_records().collect(),
        false => Vec::new(),
    };
    for r in records {
        let r = r?;
        if &r[3] == "no_report" {
            no_report.insert((r[1].to_string(), r[2].parse()?));
        } else {
            truth.insert(r[0].to_string(), (r[3].to_string(), r[4].to_string()));
        }
    }
    let mut whose: BTreeMap<String, String> = BTreeMap::new();
    for r in csv::Reader::from_path(dir.join("files.csv"))?.records() {
        let r = r?;
        whose.insert(r[0].to_string(), r[1].to_string());
    }
    let started = std::time::Instant::now();
    let batch = run_batch(&RunConfig {
        inputs: vec![dir.clone()],
        ..Default::default()
    })?;
    let elapsed = started.elapsed();
    let rel = |p: &Path| -> String {
        let parts: Vec<_> = p
            .strip_prefix(&dir)
            .unwrap_or(p)
            .iter()
            .map(|c| c.to_string_lossy().into_owned())
            .collect();
        parts.join("/")
    };
    let mut counts: BTreeMap<&'static str, Count> = BTreeMap::new();
    for (_, rule) in truth.values().filter(|(_, rule)| !rule.is_empty()) {
        let rule: &'static str = Box::leak(rule.clone().into_boxed_str());
        counts.entry(rule).or_default().truth += 1;
    }
    let mut missed = 0;
    let mut missed_files = Vec::new();
    let (mut unmatched, mut wrong_unit) = (0, 0);
    let roster = batch.roster.as_ref().ok_or("no roster.csv in the folder")?;
    for o in &batch.outcomes {
        let path = rel(&o.path);
        match (o.unit, whose.get(&path)) {
            (None, Some(_)) => unmatched += 1,
            (Some(u), Some(id)) if roster.units[u].id != *id => wrong_unit += 1,
            _ => {}
        }
        let fault = truth.get(&path);
        let mut rules = BTreeSet::new();
        for f in &o.findings {
            if !rules.insert(f.rule.0) {
                continue;
            }
            let c = counts.entry(f.rule.0).or_default();
            c.severity = f.severity.as_str();
            c.fired += 1;
            match fault {
                Some((_, rule)) if rule == f.rule.0 => c.caught += 1,
                Some((kind, _)) => {
                    c.other_fault += 1;
                    c.other_kinds.insert(kind.clone());
                }
                None => {
                    c.wrong += 1;
                    c.example.get_or_insert_with(|| path.clone());
                }
            }
        }
        if let Some((kind, rule)) = fault.filter(|(_, rule)| !rule.is_empty()) {
            if !rules.contains(rule.as_str()) {
                missed += 1;
                missed_files.push(format!("{path} ({kind}, {rule})"));
            }
        }
    }
    let mut out = String::new();
    let rows: BTreeSet<(String, i32)> = batch
        .missing
        .iter()
        .filter(|m| m.status == "no_report")
        .map(|m| (m.unit_id.clone(), m.year))
        .collect();
    writeln!(
        out,
        "{} files, {} roster units, years {:?}, read and judged in {:.2} s",
        batch.outcomes.len(),
        roster.units.len(),
        batch.years,
        elapsed.as_secs_f64()
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "| rule | severity | fired (files) | caught | wrong (fault-free files) | on another fault's file | faults in truth |")?;
    writeln!(out, "|---|---|---|---|---|---|---|")?;
    for (rule, c) in &counts {
        writeln!(
            out,
            "| {rule} | {} | {} | {} | {} | {} | {} |",
            c.severity, c.fired, c.caught, c.wrong, c.other_fault, c.truth
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "no_report rows: {} (truth {}), false {}, missed {}; faults missed: {missed}",
        rows.len(),
        no_report.len(),
        rows.difference(&no_report).count(),
        no_report.difference(&rows).count(),
    )?;
    writeln!(
        out,
        "reports matched to no unit: {unmatched}; to another unit: {wrong_unit}"
    )?;
    for m in &missed_files {
        writeln!(out, "fault missed: {m}")?;
    }
    for (rule, c) in &counts {
        if !c.other_kinds.is_empty() {
            let kinds: Vec<&str> = c.other_kinds.iter().map(String::as_str).collect();
            writeln!(out, "{rule} on files given: {}", kinds.join(", "))?;
        }
    }
    for (rule, c) in &counts {
        if let Some(e) = &c.example {
            writeln!(out, "{rule} wrong, e.g. {e}")?;
        }
    }
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(())
}
