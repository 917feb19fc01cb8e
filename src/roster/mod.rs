//! The roster: the units that must report (`roster.csv`), and matching report unit names
//! to them.
//!
//! Matching never guesses: a name that fits no unit, or several, is R001 for the caller to
//! report. Names are compared after normalisation (Simplified characters, no white space or
//! punctuation) and also without the district's own name in front ("区商务局" ↔ "示例区商务局").

pub mod init;
pub mod matching;
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
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
    /// Character → units whose short names hold it, to look for near misses.
    #[serde(skip)]
    by_char: std::collections::HashMap<char, Vec<usize>>,
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
        let mut seen = std::collections::HashSet::new();
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
            // A set, not a scan of the units so far: a province's roster has 10⁵ units.
            if !seen.insert(id.clone()) {
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
                let key = canonical(n);
                let short = r.strip_region(&key).to_string();
                for ch in short.chars() {
                    let list = r.by_char.entry(ch).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
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

    /// Matches a report to a unit by the name it gives, else by its file or folder name,
    /// else by a roster id in its path (see [`matching::identify`]).
    pub fn match_report(&self, name: Option<&str>, path: &Path) -> Match {
        let text: Vec<crate::model::UnitCandidate> = name
            .map(|n| crate::model::UnitCandidate {
                name: n.to_string(),
                source: crate::model::UnitSource::Title,
            })
            .into_iter()
            .collect();
        matching::identify(Some(self), &text, path).matched
    }

    /// Matches a name: exact after normalisation, then without the district's name (and a
    /// city's in front of it) — and a signature's "办公室" after a unit's name is the unit.
    pub fn match_name(&self, name: &str) -> Match {
        let key = canonical(name);
        match self.match_key(&key) {
            Match::Unknown => match key.strip_suffix("办公室") {
                Some(unit) if unit.chars().count() >= 3 => self.match_key(unit),
                _ => Match::Unknown,
            },
            found => found,
        }
    }

    fn match_key(&self, key: &str) -> Match {
        if key.is_empty() {
            return Match::Unknown;
        }
        if let Some(found) = self.exact.get(key) {
            return one_or_many(found.clone());
        }
        let short = self.strip_region(key);
        // "区人民政府" is the district's government, as "示例区人民政府" is.
        let short = if short == "政府" { "" } else { short };
        if short.is_empty() && !self.region.is_empty() {
            // The district's name alone (with its city's, or a 政府 after it): its government.
            return one_or_many(self.exact.get(&self.region).cloned().unwrap_or_default());
        }
        if short.chars().count() < 2 {
            return Match::Unknown;
        }
        // A bare name whose first character only looks like a district's kind
        // ("市场监督管理局") is looked up as it is too.
        let found = self
            .short
            .get(short)
            .or_else(|| self.short.get(key))
            .cloned()
            .unwrap_or_default();
        one_or_many(found)
    }

    /// "示例区商务局" → "商务局", "区商务局" → "商务局", "本区商务局" → "商务局",
    /// "云州市示例区商务局" → "商务局" (a city's or province's name before the district's).
    fn strip_region<'a>(&self, key: &'a str) -> &'a str {
        let tail = region_tail(&self.region);
        for region in [self.region.as_str(), tail] {
            if region.is_empty() {
                continue;
            }
            match key.find(region) {
                Some(0) => return &key[region.len()..],
                Some(p) if is_place_prefix(&key[..p]) => return &key[p + region.len()..],
                _ => {}
            }
        }
        // "区商务局", "本区商务局": the district named by its kind alone. Only then: in
        // "示例区市场监督管理局" the 市 after the district's name is the unit's own.
        let k = key.strip_prefix('本').unwrap_or(key);
        k.strip_prefix(['区', '县', '市'])
            .filter(|rest| rest.chars().count() >= 2)
            .unwrap_or(k)
    }
}

/// The district's own name in a region that carries its city's ("示例区" in "云州市示例区").
fn region_tail(region: &str) -> &str {
    region
        .char_indices()
        .rev()
        .find(|&(i, c)| matches!(c, '区' | '县' | '市' | '旗') && i + c.len_utf8() < region.len())
        .map_or(region, |(i, c)| &region[i + c.len_utf8()..])
}

/// True for a city's or province's name standing before the district's ("云州市",
/// "某某省云州市"): at most 12 characters ending in a place word.
fn is_place_prefix(prefix: &str) -> bool {
    prefix.chars().count() <= 12
        && ["市", "省", "州", "盟", "地区", "自治区"]
            .iter()
            .any(|w| prefix.ends_with(w))
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
                && !"（）()《》“”\"、，。·　【】［］〔〕".contains(*c)
        })
        .collect()
}

/// A name as the roster compares it: [`normalise`]d, with the forms one unit goes by made
/// one: 人民政府 = 政府, 街道办事处 = 街道, and a government named by its place alone
/// (示例区人民政府 = 示例区政府 = 示例区, 青山镇人民政府 = 青山镇).
pub fn canonical(name: &str) -> String {
    let mut key = normalise(name)
        .replace("人民政府", "政府")
        .replace("街道办事处", "街道");
    if let Some(place) = key.strip_suffix("政府") {
        if place.chars().count() >= 2 {
            key.truncate(place.len());
        }
    }
    key
}

/// The district's name: the place name most unit names start with ("示例区"), with the
/// city's in front when most names carry both ("云州市示例区").
fn region_of(units: &[Unit]) -> String {
    let place_end = |n: &str, from: usize, within: usize| {
        n[from..]
            .char_indices()
            .take(within)
            .find(|&(_, c)| matches!(c, '区' | '县' | '市' | '旗'))
            .map(|(i, c)| from + i + c.len_utf8())
    };
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for u in units {
        let n = normalise(&u.name);
        let Some(end) = place_end(&n, 0, usize::MAX) else {
            continue;
        };
        *counts.entry(n[..end].to_string()).or_default() += 1;
        if n[..end].ends_with('市') {
            if let Some(end2) = place_end(&n, end, 8) {
                *counts.entry(n[..end2].to_string()).or_default() += 1;
            }
        }
    }
    let best = |pred: &dyn Fn(&str) -> bool| {
        counts
            .iter()
            .filter(|(p, c)| **c >= 2 && pred(p))
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(p, c)| (p.clone(), *c))
    };
    let Some((first, n)) = best(&|_| true) else {
        return String::new();
    };
    match best(&|p| p.len() > first.len() && p.starts_with(first.as_str())) {
        Some((both, m)) if m * 2 >= n => both,
        _ => first,
    }
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
    fn an_id_given_twice_is_an_error_naming_its_line() {
        let twice = format!("{CSV}SW,示例区审计局,,department,GOV\n");
        match Roster::parse(twice.as_bytes()) {
            Err(RosterError::Line { line, message }) => {
                assert_eq!(line, 6);
                assert!(message.contains("SW appears twice"), "{message}");
            }
            other => panic!("{other:?}"),
        }
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
    fn matches_the_forms_one_unit_goes_by() {
        let csv = "unit_id,unit_name,aliases,level,parent_id\nGOV,示例区人民政府,,district,\nSW,示例区商务局,,department,GOV\nDC,示例区东城街道办事处,,township,GOV\nQS,示例区青山镇人民政府,,township,GOV\nBG,示例区人民政府办公室（区外事办公室）,,department,GOV\nYJ,示例区应急管理局,示例区安全生产监督管理局,department,GOV\nSC,示例区市场监督管理局,,department,GOV\n";
        let r = Roster::parse(csv.as_bytes()).unwrap();
        let id = |name: &str| match r.match_name(name) {
            Match::Unit(u) => r.units[u].id.as_str(),
            _ => "-",
        };
        // A city's name in front; 政府 for 人民政府; 街道 for 街道办事处; the place alone.
        assert_eq!(id("云州市示例区商务局"), "SW");
        assert_eq!(id("某某省云州市示例区商务局"), "SW");
        assert_eq!(id("示例区政府"), "GOV");
        assert_eq!(id("示例区"), "GOV");
        assert_eq!(id("区人民政府"), "GOV");
        assert_eq!(id("区政府"), "GOV");
        assert_eq!(id("云州市示例区人民政府"), "GOV");
        assert_eq!(id("东城街道"), "DC");
        assert_eq!(id("示例区东城街道办事处"), "DC");
        assert_eq!(id("青山镇人民政府"), "QS");
        assert_eq!(id("青山镇政府"), "QS");
        assert_eq!(id("青山镇"), "QS");
        // Brackets full- or half-width.
        assert_eq!(id("示例区人民政府办公室(区外事办公室)"), "BG");
        assert_eq!(id("示例区人民政府办公室（区外事办公室）"), "BG");
        // Renamed in a reform: the old name is an alias.
        assert_eq!(id("示例区安全生产监督管理局"), "YJ");
        // A unit whose own name starts with 市 (市场监督管理局), in every form.
        assert_eq!(id("区市场监督管理局"), "SC");
        assert_eq!(id("示例区市场监督管理局"), "SC");
        assert_eq!(id("市场监督管理局"), "SC");
        // A signature's office of the unit.
        assert_eq!(id("示例区商务局办公室"), "SW");
        // Not a prefix of a place: a different unit stays unknown.
        assert_eq!(id("云州市财政局"), "-");
        assert_eq!(id("示例区财政局"), "-");
    }

    #[test]
    fn a_roster_whose_names_carry_the_city_matches_short_forms() {
        let csv = "unit_id,unit_name,aliases,level,parent_id\nSW,云州市示例区商务局,,department,\nJY,云州市示例区教育局,,department,\nCZ,云州市示例区财政局,,department,\n";
        let r = Roster::parse(csv.as_bytes()).unwrap();
        assert_eq!(r.match_name("示例区商务局"), Match::Unit(0));
        assert_eq!(r.match_name("区教育局"), Match::Unit(1));
        assert_eq!(r.match_name("财政局"), Match::Unit(2));
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
