//! Who reported: roster findings (R001–R003) and the non-reporting list (missing.csv).
//!
//! Pure functions over what the batch found: which unit each report belongs to, its year,
//! publication date and findings.

use super::{Match, Roster};
use crate::model::{Date, Finding, FindingKind, Severity};
use std::collections::BTreeMap;

/// What the status logic needs to know of one input file.
#[derive(Clone, Debug)]
pub struct Filed<'a> {
    /// The file, for messages and tie-breaks.
    pub path: &'a str,
    /// The name the report gives, for R001.
    pub name: Option<&'a str>,
    /// How the report matched the roster (`None` when the file could not be read).
    pub matched: Option<&'a Match>,
    /// The report year, when known.
    pub year: Option<i32>,
    /// Publication date, when known.
    pub published: Option<Date>,
    /// True when the file could not be read or is not a report (P001/P002).
    pub unreadable: bool,
    /// Rule ids found in the report.
    pub rules: Vec<&'static str>,
    /// True for a report that summarises the whole region (scope `region`): it is chosen
    /// among the unit's region reports, never in place of its own report.
    pub region: bool,
}

/// A row of missing.csv: a roster unit and year whose reporting is not in order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Missing {
    /// Roster id.
    pub unit_id: String,
    /// Name.
    pub unit_name: String,
    /// Roster level.
    pub level: String,
    /// Year.
    pub year: i32,
    /// no_report, unreadable, late, copied or empty.
    pub status: &'static str,
}

/// What the roster says about a batch.
#[derive(Clone, Debug, Default)]
pub struct Status {
    /// Findings for input files (index into the batch).
    pub findings: Vec<(usize, Finding)>,
    /// R003 findings (about roster units, not files).
    pub unit_findings: Vec<Finding>,
    /// For each file, whether it is the one chosen for its unit, year and scope (the roll-up
    /// sums the chosen own-unit reports; a chosen region report is compared with that sum).
    pub counted: Vec<bool>,
    /// missing.csv rows, sorted.
    pub missing: Vec<Missing>,
}

fn finding(rule: &'static str, kind: FindingKind) -> Finding {
    let severity = crate::check::rule_info(rule).map_or(Severity::Warning, |r| r.severity);
    Finding::new(rule, severity, kind)
}

/// Works out R001–R003, which reports count, and missing.csv, for the `years` expected.
pub fn evaluate(roster: &Roster, filed: &[Filed<'_>], years: &[i32]) -> Status {
    let mut st = Status {
        counted: vec![false; filed.len()],
        ..Status::default()
    };
    let mut by_unit_year: BTreeMap<(usize, i32), Vec<usize>> = BTreeMap::new();
    let mut unreadable: BTreeMap<(usize, i32), usize> = BTreeMap::new();
    for (i, f) in filed.iter().enumerate() {
        match f.matched {
            Some(Match::Unit(u)) => match (f.year, f.unreadable) {
                (Some(y), false) => by_unit_year.entry((*u, y)).or_default().push(i),
                (Some(y), true) => *unreadable.entry((*u, y)).or_default() += 1,
                (None, _) => {}
            },
            Some(m) if !f.unreadable => {
                let candidates = match m {
                    Match::Ambiguous(us) => {
                        us.iter().map(|&u| roster.units[u].name.clone()).collect()
                    }
                    _ => Vec::new(),
                };
                let name = f.name.unwrap_or(f.path).to_string();
                st.findings.push((
                    i,
                    finding("R001", FindingKind::NotInRoster { name, candidates }),
                ));
            }
            _ => {}
        }
    }
    // Per unit-year, one report of each scope: the latest published, else the last by path
    // (DESIGN.md, roll-up membership).
    let mut chosen: BTreeMap<(usize, i32), [Option<usize>; 2]> = BTreeMap::new();
    for (&(u, year), files) in &by_unit_year {
        for region in [false, true] {
            let same: Vec<usize> = files
                .iter()
                .copied()
                .filter(|&i| filed[i].region == region)
                .collect();
            let Some(pick) = same
                .iter()
                .copied()
                .max_by_key(|&i| (filed[i].published, filed[i].path))
            else {
                continue;
            };
            st.counted[pick] = true;
            chosen.entry((u, year)).or_default()[usize::from(region)] = Some(pick);
            if same.len() > 1 {
                for &i in &same {
                    let others = same
                        .iter()
                        .filter(|&&j| j != i)
                        .map(|&j| filed[j].path.to_string())
                        .collect();
                    let kind = FindingKind::SeveralReports {
                        unit: roster.units[u].name.clone(),
                        year,
                        others,
                        counted: i == pick,
                    };
                    st.findings.push((i, finding("R002", kind)));
                }
            }
        }
    }
    for (u, unit) in roster.units.iter().enumerate() {
        for &year in years {
            let row = |status| Missing {
                unit_id: unit.id.clone(),
                unit_name: unit.name.clone(),
                level: unit.level.clone(),
                year,
                status,
            };
            let Some(&[own, region]) = chosen.get(&(u, year)) else {
                // Only files that could not be read (P001/P002) came for this unit-year.
                if unreadable.contains_key(&(u, year)) {
                    st.missing.push(row("unreadable"));
                } else {
                    st.unit_findings.push(finding(
                        "R003",
                        FindingKind::NoReport {
                            unit: unit.name.clone(),
                            year,
                        },
                    ));
                    st.missing.push(row("no_report"));
                }
                continue;
            };
            // The unit's own report says how it reported; a region report when it has no other.
            let Some(counted) = own.or(region) else {
                continue;
            };
            let rules = &filed[counted].rules;
            for (status, ids) in [
                ("late", &["Y002"][..]),
                ("copied", &["X003", "X004"][..]),
                ("empty", &["Z001"][..]),
            ] {
                if rules.iter().any(|r| ids.contains(r)) {
                    st.missing.push(row(status));
                }
            }
        }
    }
    st.missing.sort();
    st.findings
        .sort_by(|a, b| a.0.cmp(&b.0).then(a.1.rule.cmp(&b.1.rule)));
    st
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "unit_id,unit_name,aliases,level,parent_id\nA,示例区甲局,,department,\nB,示例区乙局,,department,\n";

    fn filed<'a>(path: &'a str, m: &'a Match, year: i32, rules: Vec<&'static str>) -> Filed<'a> {
        Filed {
            path,
            name: Some("x"),
            matched: Some(m),
            year: Some(year),
            published: None,
            unreadable: false,
            rules,
            region: false,
        }
    }

    #[test]
    fn missing_late_and_several_reports() {
        let r = Roster::parse(CSV.as_bytes()).unwrap();
        let (a, unknown) = (Match::Unit(0), Match::Unknown);
        let files = vec![
            filed("a1.txt", &a, 2023, vec![]),
            filed("a2.txt", &a, 2023, vec!["Y002"]),
            filed("z.txt", &unknown, 2023, vec![]),
        ];
        let st = evaluate(&r, &files, &[2023]);
        assert_eq!(st.counted, vec![false, true, false]);
        let rules: Vec<(usize, &str)> = st.findings.iter().map(|(i, f)| (*i, f.rule.0)).collect();
        assert_eq!(rules, vec![(0, "R002"), (1, "R002"), (2, "R001")]);
        assert_eq!(st.unit_findings.len(), 1);
        let missing: Vec<(&str, &str)> = st
            .missing
            .iter()
            .map(|m| (m.unit_id.as_str(), m.status))
            .collect();
        assert_eq!(missing, vec![("A", "late"), ("B", "no_report")]);
    }

    #[test]
    fn an_own_report_and_a_region_report_of_one_unit_are_not_several() {
        let r = Roster::parse(CSV.as_bytes()).unwrap();
        let a = Match::Unit(0);
        let region = |path| Filed {
            region: true,
            ..filed(path, &a, 2023, vec![])
        };
        let files = vec![
            filed("own.txt", &a, 2023, vec!["Y002"]),
            region("region1.txt"),
            region("region2.txt"),
        ];
        let st = evaluate(&r, &files, &[2023]);
        assert_eq!(st.counted, vec![true, false, true]);
        let rules: Vec<(usize, &str)> = st.findings.iter().map(|(i, f)| (*i, f.rule.0)).collect();
        assert_eq!(
            rules,
            vec![(1, "R002"), (2, "R002")],
            "the two region reports only"
        );
        let a_rows: Vec<&str> = st
            .missing
            .iter()
            .filter(|m| m.unit_id == "A")
            .map(|m| m.status)
            .collect();
        assert_eq!(a_rows, vec!["late"], "the unit's own report decides");
        // A unit that filed only a region report has reported.
        let st = evaluate(&r, &[region("region1.txt")], &[2023]);
        assert!(!st.missing.iter().any(|m| m.unit_id == "A"));
    }
}
