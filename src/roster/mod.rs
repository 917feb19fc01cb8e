//! The roster: the units that must report (`roster.csv`), and matching report unit names
//! to them.
//!
//! Matching never guesses: a name that fits no unit, or several, is R001 for the caller to
//! report. Names are compared after normalisation (Simplified characters, no white space or
//! punctuation) and also without the district's own name in front ("区商务局" ↔ "示例区商务局").

pub mod status;

use crate::ingest::decode_text;
use serde::Serialize;
use std::path::Path;

/// One unit that must report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unit {
    /// Stable id from the roster.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Other names the unit's reports use.
    pub aliases: Vec<String>,
    /// Free text: district, department, township…
    pub level: String,
    /// The unit above, if any.
    pub parent_id: Option<String>,
}

impl Unit {
    /// True when the roster's level says this is a government (its own report is due by
    /// 31 March): 政府, government, district, county. The level decides when it is given (a
    /// 镇人民政府 listed as a township reports by 31 January, FORMAT.md); the name only when
    /// it is not.
    pub fn is_government(&self) -> bool {
        let l = self.level.to_lowercase();
        if l.trim().is_empty() {
            return self.name.ends_with("人民政府");
        }
        ["政府", "government", "district", "county", "区级", "县级"]
            .iter()
            .any(|w| l.contains(w))
    }
}

/// Why a roster could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum RosterError {
    /// The bytes are not text in a known encoding.
    #[error("the roster is not readable text ({0})")]
    Encoding(String),
    /// The header is not `unit_id,unit_name,aliases,level,parent_id`.
    #[error("the roster's header must be unit_id,unit_name,aliases,level,parent_id; found {0}")]
    Header(String),
    /// A line is malformed.
    #[error("roster line {line}: {message}")]
    Line {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// The header, exactly (a BOM and surrounding spaces are tolerated).
pub const ROSTER_HEADER: [&str; 5] = ["unit_id", "unit_name", "aliases", "level", "parent_id"];

/// The result of matching a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Match {
    /// Exactly one unit (its index in the roster).
    Unit(usize),
    /// Several units fit (their indices).
    Ambiguous(Vec<usize>),
    /// No unit fits.
    Unknown,
}

/// The list of units that must report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Roster {
    /// Units in file order.
    pub units: Vec<Unit>,
    /// The district's own name ("示例区"), taken from the names, for prefix matching.
    #[serde(skip)]
    region: String,
    /// Normalised name or alias → units, and the same without the region prefix: a report
    /// is matched by two look-ups, whatever the size of the roster.
    #[serde(skip)]
    exact: std::collections::HashMap<String, Vec<usize>>,
    #[serde(skip)]
    short: std::collections::HashMap<String, Vec<usize>>,
    /// Unit id → unit (the first with that id).
    #[serde(skip)]
    ids: std::collections::HashMap<String, usize>,
}

impl Roster {
    /// Parses `roster.csv` bytes: UTF-8 (with or without BOM) or GBK, as Excel or WPS saves it.
    pub fn parse(bytes: &[u8]) -> Result<Roster, RosterError> {
        let text = decode_text(bytes)
            .map_err(|e| RosterError::Encoding(format!("{e:?}")))?
            .text;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            Some(Ok(h)) => h,
            _ => return Err(RosterError::Header("nothing".into())),
        };
        let names: Vec<String> = header
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
            .collect();
        if names.len() < 2
            || names[..2] != ROSTER_HEADER[..2]
            || names.iter().zip(ROSTER_HEADER).any(|(a, b)| a != b)
        {
            return Err(RosterError::Header(names.join(",")));
        }
        let mut units = Vec::new();
        for (i, rec) in records.enumerate() {
            let line = i + 2;
            let rec = rec.map_err(|e| RosterError::Line {
                line,
                message: e.to_string(),
            })?;
            let field = |k: usize| rec.get(k).map(str::trim).unwrap_or("").to_string();
            if rec.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let (id, name) = (field(0), field(1));
            if id.is_empty() || name.is_empty() {
                return Err(RosterError::Line {
                    line,
                    message: "unit_id and unit_name are required".into(),
                });
            }
            if units.iter().any(|u: &Unit| u.id == id) {
                return Err(RosterError::Line {
                    line,
                    message: format!("unit_id {id} appears twice"),
                });
            }
            let aliases = field(2)
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect();
            let parent = field(4);
            units.push(Unit {
                id,
                name,
                aliases,
                level: field(3),
                parent_id: (!parent.is_empty()).then_some(parent),
            });
        }
        Ok(Roster::new(units))
    }

    /// Reads a roster file.
    pub fn read(path: &Path) -> Result<Roster, RosterError> {
        let bytes = std::fs::read(path).map_err(|e| RosterError::Encoding(e.to_string()))?;
        Roster::parse(&bytes)
    }

    /// A roster of these units.
    pub fn new(units: Vec<Unit>) -> Roster {
        let region = region_of(&units);
        let mut r = Roster {
            units,
            region,
            ..Roster::default()
        };
        for (i, u) in r.units.iter().enumerate() {
            r.ids.entry(u.id.clone()).or_insert(i);
            for n in std::iter::once(&u.name).chain(&u.aliases) {
                let key = normalise(n);
                let short = r.strip_region(&key).to_string();
                for (map, k) in [(&mut r.exact, key), (&mut r.short, short)] {
                    let list = map.entry(k).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            }
        }
        r
    }

    /// The unit with this id.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.ids.get(id).map(|&i| &self.units[i])
    }

    /// Matches a report to a unit by the name it gives, else by its file or folder name.
    pub fn match_report(&self, name: Option<&str>, path: &Path) -> Match {
        if let Some(n) = name {
            match self.match_name(n) {
                Match::Unknown => {}
                found => return found,
            }
        }
        // The file or folder name as a hint: "unit07_2023.txt", "示例区教育局/2023.txt".
        let hints = path
            .iter()
            .rev()
            .take(3)
            .filter_map(|c| c.to_str())
            .map(|c| c.split('.').next().unwrap_or(c));
        for hint in hints {
            // The id alone, or in front of an underscore ("B001_2023_pdf").
            let by_id = hint
                .match_indices('_')
                .map(|(k, _)| &hint[..k])
                .chain([hint])
                .find_map(|id| self.ids.get(id));
            if let Some(&i) = by_id {
                return Match::Unit(i);
            }
            if let found @ (Match::Unit(_) | Match::Ambiguous(_)) = self.match_name(hint) {
                return found;
            }
        }
        Match::Unknown
    }

    /// Matches a name: exact after normalisation, then without the district's name in front.
    pub fn match_name(&self, name: &str) -> Match {
        let key = normalise(name);
        if key.is_empty() {
            return Match::Unknown;
        }
        if let Some(found) = self.exact.get(&key) {
            return one_or_many(found.clone());
        }
        let short = self.strip_region(&key);
        if short.chars().count() < 2 {
            return Match::Unknown;
        }
        one_or_many(self.short.get(short).cloned().unwrap_or_default())
    }

    /// "示例区商务局" → "商务局", "区商务局" → "商务局", "本区商务局" → "商务局".
    fn strip_region<'a>(&self, key: &'a str) -> &'a str {
        let k = if self.region.is_empty() {
            key
        } else {
            key.strip_prefix(self.region.as_str()).unwrap_or(key)
        };
        let k = k.strip_prefix('本').unwrap_or(k);
        k.strip_prefix(['区', '县', '市'])
            .filter(|rest| rest.chars().count() >= 2)
            .unwrap_or(k)
    }
}

fn one_or_many(found: Vec<usize>) -> Match {
    match found.len() {
        0 => Match::Unknown,
        1 => Match::Unit(found[0]),
        _ => Match::Ambiguous(found),
    }
}

/// A name for comparison: Simplified characters, no white space, brackets or punctuation.
pub fn normalise(name: &str) -> String {
    crate::parse::text::fold_traditional(name)
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !c.is_ascii_punctuation()
                && !"（）()《》“”\"、，。·　".contains(*c)
        })
        .collect()
}

/// The district's name: the place name most unit names start with ("示例区").
fn region_of(units: &[Unit]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for u in units {
        let n = normalise(&u.name);
        let Some(end) = n
            .char_indices()
            .find(|&(_, c)| matches!(c, '区' | '县' | '市' | '旗'))
            .map(|(i, c)| i + c.len_utf8())
        else {
            continue;
        };
        let prefix = n[..end].to_string();
        match counts.iter_mut().find(|(p, _)| *p == prefix) {
            Some((_, c)) => *c += 1,
            None => counts.push((prefix, 1)),
        }
    }
    counts
        .into_iter()
        .filter(|(_, c)| *c >= 2)
        .max_by_key(|(_, c)| *c)
        .map(|(p, _)| p)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "unit_id,unit_name,aliases,level,parent_id\nGOV,示例区人民政府,示例区政府,district,\nSW,示例区商务局,区商务局|商务局,department,GOV\nJY,示例区教育局,,department,GOV\nDC,示例区东城街道办事处,东城街道,township,GOV\n";

    #[test]
    fn reads_utf8_with_bom_and_gbk() {
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(CSV.as_bytes());
        let a = Roster::parse(&bom).unwrap();
        let (gbk, _, _) = encoding_rs::GBK.encode(CSV);
        let b = Roster::parse(&gbk).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.units.len(), 4);
        assert_eq!(a.units[1].aliases, vec!["区商务局", "商务局"]);
        assert_eq!(a.units[1].parent_id.as_deref(), Some("GOV"));
        assert!(a.units[0].is_government());
        assert!(!a.units[1].is_government());
    }

    #[test]
    fn a_wrong_header_is_an_error() {
        assert!(matches!(
            Roster::parse(b"id,name\n1,x\n"),
            Err(RosterError::Header(_))
        ));
    }

    #[test]
    fn matches_names_aliases_and_short_forms() {
        let r = Roster::parse(CSV.as_bytes()).unwrap();
        assert_eq!(r.match_name("示例区商务局"), Match::Unit(1));
        assert_eq!(r.match_name("区商务局"), Match::Unit(1));
        assert_eq!(r.match_name("示例区 教育局"), Match::Unit(2));
        assert_eq!(r.match_name("区教育局"), Match::Unit(2));
        assert_eq!(r.match_name("示例區教育局"), Match::Unit(2));
        assert_eq!(r.match_name("东城街道"), Match::Unit(3));
        assert_eq!(r.match_name("示例区财政局"), Match::Unknown);
        assert_eq!(r.match_name(""), Match::Unknown);
    }

    #[test]
    fn the_file_name_is_a_hint() {
        let r = Roster::parse(CSV.as_bytes()).unwrap();
        assert_eq!(
            r.match_report(None, Path::new("in/JY_2023.txt")),
            Match::Unit(2)
        );
        assert_eq!(
            r.match_report(None, Path::new("in/示例区教育局/2023.txt")),
            Match::Unit(2)
        );
        assert_eq!(r.match_report(None, Path::new("in/x.txt")), Match::Unknown);
    }

    #[test]
    fn two_units_with_one_alias_are_ambiguous() {
        let csv = "unit_id,unit_name,aliases,level,parent_id\nA,示例区甲局,综合局,department,\nB,示例区乙局,综合局,department,\n";
        let r = Roster::parse(csv.as_bytes()).unwrap();
        assert_eq!(r.match_name("综合局"), Match::Ambiguous(vec![0, 1]));
    }
}
