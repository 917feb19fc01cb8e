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
    /// Every name it goes by (text, file, folders), to find the closest roster units when
    /// none matches.
    pub names: Vec<&'a str>,
    /// How the report matched the roster (`None` when the file could not be read).
    pub matched: Option<&'a Match>,
    /// The report year, when known.
    pub year: Option<i32>,
    /// Publication date, when known.
    pub published: Option<Date>,
    /// True when the file could not be read or is not a report (P001/P002).
    pub unreadable: bool,
    /// True for a report that summarises the whole region (scope `region`): it is chosen
    /// among the unit's region reports, never in place of its own report.
    pub region: bool,
}

/// A row of missing.csv: a roster unit and year whose reporting is not in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
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
    /// For `no_report`: the files of that year that matched no unit (or this unit, but for
    /// a year not expected) and come closest to it: "name (path)", best first.
    pub candidates: Vec<String>,
    /// Why the year is expected: how many of how many roster units reported it, or given.
    pub basis: YearBasis,
}

/// Why a year is expected, as missing.csv says it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct YearBasis {
    /// Roster units that reported the year.
    pub reported: usize,
    /// Units in the roster.
    pub of: usize,
    /// Given with `--year`.
    pub given: bool,
}

impl YearBasis {
    /// The reason in words.
    pub fn text(&self, lang: crate::model::Lang) -> String {
        use crate::model::Lang;
        match (lang, self.given) {
            (Lang::Zh, true) => format!(
                "由 --year 指定（名单{}个单位中{}个已报送）",
                self.of, self.reported
            ),
            (Lang::Zh, false) => format!("名单{}个单位中{}个报送了该年度", self.of, self.reported),
            (Lang::En, true) => format!(
                "given with --year ({} of {} roster units reported)",
                self.reported, self.of
            ),
            (Lang::En, false) => format!(
                "{} of {} roster units reported this year",
                self.reported, self.of
            ),
        }
    }
}

/// Who did not report properly.
#[derive(Clone, Debug, Default)]
pub struct Status {
    /// R003 findings (about roster units, not files).
    pub unit_findings: Vec<Finding>,
    /// missing.csv rows, sorted.
    pub missing: Vec<Missing>,
}

/// A year the batch expects a report from every roster unit, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedYear {
    /// The year.
    pub year: i32,
    /// How many units' reports name this year.
    pub units: usize,
    /// True when the year was given (`--year`), not inferred from the reports.
    pub given: bool,
}

/// A year is expected when at least this share (percent) of the units of the busiest year
/// reported it: a few reports naming a stray year (a misread title, a report filed in the
/// wrong folder) never make a year in which every unit is missing.
const EXPECTED_SHARE: usize = 20;

/// The years expected: those given, else those that a real share of the units reported.
/// `units_by_year` counts, per report year, the distinct units whose reports name it.
pub fn expected_years(
    units_by_year: &BTreeMap<i32, usize>,
    given: Option<&[i32]>,
) -> Vec<ExpectedYear> {
    if let Some(years) = given {
        let mut years = years.to_vec();
        years.sort_unstable();
        years.dedup();
        return years
            .into_iter()
            .map(|year| ExpectedYear {
                year,
                units: units_by_year.get(&year).copied().unwrap_or(0),
                given: true,
            })
            .collect();
    }
    let busiest = units_by_year.values().copied().max().unwrap_or(0);
    units_by_year
        .iter()
        .filter(|&(_, &n)| n * 100 >= busiest * EXPECTED_SHARE && (n >= 2 || busiest <= 1))
        .map(|(&year, &units)| ExpectedYear {
            year,
            units,
            given: false,
        })
        .collect()
}

fn finding(rule: &'static str, kind: FindingKind) -> Finding {
    let severity = crate::check::rule_info(rule).map_or(Severity::Warning, |r| r.severity);
    Finding::new(rule, severity, kind)
}

/// Which report counts for each unit, year and scope, and what the roster says of each file
/// (R001, R002): all that needs no rule across reports, so it is known before they run.
#[derive(Clone, Debug, Default)]
pub struct Chosen {
    /// For each file, whether it is the one chosen for its unit, year and scope.
    pub counted: Vec<bool>,
    /// R001 and R002 findings by file index.
    pub findings: Vec<(usize, Finding)>,
    /// Unit and year → the chosen own (`self`) report and region report.
    reports: BTreeMap<(usize, i32), [Option<usize>; 2]>,
    /// Unit-years for which only unreadable files came.
    unreadable: BTreeMap<(usize, i32), usize>,
    /// Files of a known year that matched no unit, with the units they come closest to.
    unmatched: Vec<Unmatched>,
}

impl Chosen {
    /// The report that says how a unit reported a year: its own (`self`) report, else its
    /// region report (as missing.csv judges it); `None` when no readable report came.
    pub fn counted_report(&self, unit: usize, year: i32) -> Option<usize> {
        let [own, region] = self.reports.get(&(unit, year))?;
        own.or(*region)
    }
}

/// A file that matched no roster unit.
#[derive(Clone, Debug)]
struct Unmatched {
    year: i32,
    /// "name (path)", or the path.
    label: String,
    /// Closest units, best first.
    closest: Vec<usize>,
}

/// How many closest units R001 names and a missing row lists candidates for.
const CLOSEST: usize = 3;

fn label(f: &Filed<'_>) -> String {
    match f.name {
        Some(n) => format!("{n} ({})", f.path),
        None => f.path.to_string(),
    }
}

/// Chooses the report that counts per unit, year and scope (the latest published, else the
/// last by path: DESIGN.md, roll-up membership) and finds R001 and R002. Files that matched
/// no unit, and a unit's files of a year not `expected`, are kept as candidates for the
/// unit-years they may belong to.
pub fn choose(roster: &Roster, filed: &[Filed<'_>], expected: &[ExpectedYear]) -> Chosen {
    let mut st = Chosen {
        counted: vec![false; filed.len()],
        ..Chosen::default()
    };
    let mut by_unit_year: BTreeMap<(usize, i32), Vec<usize>> = BTreeMap::new();
    for (i, f) in filed.iter().enumerate() {
        match f.matched {
            Some(Match::Unit(u)) => match (f.year, f.unreadable) {
                (Some(y), false) => by_unit_year.entry((*u, y)).or_default().push(i),
                (Some(y), true) => *st.unreadable.entry((*u, y)).or_default() += 1,
                (None, _) => {}
            },
            Some(m) => {
                let (candidates, closest) = match m {
                    Match::Ambiguous(us) => (us.clone(), Vec::new()),
                    _ => (Vec::new(), roster.closest(&f.names, CLOSEST)),
                };
                if let Some(year) = f.year {
                    st.unmatched.push(Unmatched {
                        year,
                        label: label(f),
                        closest: if candidates.is_empty() {
                            closest.clone()
                        } else {
                            candidates.clone()
                        },
                    });
                }
                if f.unreadable {
                    continue;
                }
                let names =
                    |us: &[usize]| us.iter().map(|&u| roster.units[u].name.clone()).collect();
                let kind = FindingKind::NotInRoster {
                    name: f.name.unwrap_or(f.path).to_string(),
                    candidates: names(&candidates),
                    closest: names(&closest),
                };
                st.findings.push((i, finding("R001", kind)));
            }
            None => {}
        }
    }
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
            st.reports.entry((u, year)).or_default()[usize::from(region)] = Some(pick);
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
    // A unit's report of a year not expected (2024 in a 2021–2023 batch) is probably its
    // report of the expected year next to it.
    for (&(u, year), files) in &by_unit_year {
        if expected.iter().any(|e| e.year == year) {
            continue;
        }
        for e in expected.iter().filter(|e| (e.year - year).abs() == 1) {
            for &i in files {
                st.unmatched.push(Unmatched {
                    year: e.year,
                    label: label(&filed[i]),
                    closest: vec![u],
                });
            }
        }
    }
    st.findings
        .sort_by(|a, b| a.0.cmp(&b.0).then(a.1.rule.cmp(&b.1.rule)));
    st
}

/// Works out R003 and missing.csv for the years expected, from the reports [`choose`] chose
/// and the rules each file broke (`rules[i]`, the rules across reports included).
pub fn evaluate(
    roster: &Roster,
    rules: &[Vec<&'static str>],
    chosen: &Chosen,
    expected: &[ExpectedYear],
) -> Status {
    let mut st = Status::default();
    let mut reported: BTreeMap<i32, usize> = BTreeMap::new();
    for &(_, year) in chosen.reports.keys() {
        *reported.entry(year).or_default() += 1;
    }
    // Per unit and expected year, the files that may be its report: unmatched files of that
    // year that come close to it, and its own files of a year not expected.
    let mut candidates: BTreeMap<(usize, i32), Vec<(usize, String)>> = BTreeMap::new();
    for m in &chosen.unmatched {
        for (rank, &u) in m.closest.iter().enumerate() {
            candidates
                .entry((u, m.year))
                .or_default()
                .push((rank, m.label.clone()));
        }
    }

    for (u, unit) in roster.units.iter().enumerate() {
        for e in expected {
            let year = e.year;
            let basis = YearBasis {
                reported: reported.get(&year).copied().unwrap_or(0),
                of: roster.units.len(),
                given: e.given,
            };
            let row = |status| Missing {
                unit_id: unit.id.clone(),
                unit_name: unit.name.clone(),
                level: unit.level.clone(),
                year,
                status,
                candidates: Vec::new(),
                basis,
            };
            let Some(&[own, region]) = chosen.reports.get(&(u, year)) else {
                // Only files that could not be read (P001/P002) came for this unit-year.
                if chosen.unreadable.contains_key(&(u, year)) {
                    st.missing.push(row("unreadable"));
                } else {
                    st.unit_findings.push(finding(
                        "R003",
                        FindingKind::NoReport {
                            unit: unit.name.clone(),
                            year,
                        },
                    ));
                    let mut files = candidates.remove(&(u, year)).unwrap_or_default();
                    files.sort();
                    files.dedup_by(|a, b| a.1 == b.1);
                    st.missing.push(Missing {
                        candidates: files.into_iter().take(CLOSEST).map(|(_, l)| l).collect(),
                        ..row("no_report")
                    });
                }
                continue;
            };
            // The unit's own report says how it reported; a region report when it has no other.
            let Some(counted) = own.or(region) else {
                continue;
            };
            let rules = &rules[counted];
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
    st
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "unit_id,unit_name,aliases,level,parent_id\nA,示例区甲局,,department,\nB,示例区乙局,,department,\n";

    fn expect(year: i32) -> Vec<ExpectedYear> {
        vec![ExpectedYear {
            year,
            units: 1,
            given: false,
        }]
    }

    fn filed<'a>(path: &'a str, m: &'a Match, year: i32) -> Filed<'a> {
        Filed {
            path,
            name: Some("x"),
            names: vec!["x"],
            matched: Some(m),
            year: Some(year),
            published: None,
            unreadable: false,
            region: false,
        }
    }

    #[test]
    fn a_stray_year_is_not_expected() {
        let counts: BTreeMap<i32, usize> =
            [(2020, 3), (2021, 340), (2022, 352), (2023, 347), (2024, 5)].into();
        let years: Vec<i32> = expected_years(&counts, None)
            .iter()
            .map(|y| y.year)
            .collect();
        assert_eq!(years, vec![2021, 2022, 2023]);
        // A small batch: one stray report among five units is not a year either.
        let counts: BTreeMap<i32, usize> = [(2023, 5), (2024, 1)].into();
        let years: Vec<i32> = expected_years(&counts, None)
            .iter()
            .map(|y| y.year)
            .collect();
        assert_eq!(years, vec![2023]);
        // One report alone is its year.
        let counts: BTreeMap<i32, usize> = [(2022, 1)].into();
        assert_eq!(expected_years(&counts, None).len(), 1);
        // Years given are expected whatever was filed.
        let given = expected_years(&counts, Some(&[2023, 2021, 2023]));
        assert_eq!(
            given,
            vec![
                ExpectedYear {
                    year: 2021,
                    units: 0,
                    given: true
                },
                ExpectedYear {
                    year: 2023,
                    units: 0,
                    given: true
                }
            ]
        );
    }

    #[test]
    fn missing_late_and_several_reports() {
        let r = Roster::parse(CSV.as_bytes()).unwrap();
        let (a, unknown) = (Match::Unit(0), Match::Unknown);
        let files = vec![
            filed("a1.txt", &a, 2023),
            filed("a2.txt", &a, 2023),
            filed("z.txt", &unknown, 2023),
        ];
        let rules = vec![vec![], vec!["Y002"], vec![]];
        let chosen = choose(&r, &files, &expect(2023));
        let st = evaluate(&r, &rules, &chosen, &expect(2023));
        assert_eq!(chosen.counted, vec![false, true, false]);
        let rules: Vec<(usize, &str)> = chosen
            .findings
            .iter()
            .map(|(i, f)| (*i, f.rule.0))
            .collect();
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
            ..filed(path, &a, 2023)
        };
        let files = vec![
            filed("own.txt", &a, 2023),
            region("region1.txt"),
            region("region2.txt"),
        ];
        let rules = vec![vec!["Y002"], vec![], vec![]];
        let chosen = choose(&r, &files, &expect(2023));
        let st = evaluate(&r, &rules, &chosen, &expect(2023));
        assert_eq!(chosen.counted, vec![true, false, true]);
        let rules: Vec<(usize, &str)> = chosen
            .findings
            .iter()
            .map(|(i, f)| (*i, f.rule.0))
            .collect();
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
        let files = [region("region1.txt")];
        let st = evaluate(
            &r,
            &[vec![]],
            &choose(&r, &files, &expect(2023)),
            &expect(2023),
        );
        assert!(!st.missing.iter().any(|m| m.unit_id == "A"));
    }
}
