//! A first roster made from a folder of reports (`nianbao roster init`): the units the
//! reports name, each once, with the other names its reports use as aliases and a level
//! guessed from the name, for an office that has no roster file yet to start from and edit.
//!
//! A report's unit is the first name it gives (title, body, signature, then its file and
//! folder names: the order [`super::matching::identify`] tries). Names that a roster would
//! take for one unit are one unit (示例区财政局 = 区财政局 = 云州市示例区财政局; 人民政府 =
//! 政府; 街道办事处 = 街道). Two different names are joined only on a report's own word: its
//! title, body and signature naming the unit in two ways (区人社局 in the title, 示例区人力
//! 资源和社会保障局 in the body), and only when both are the same kind of unit and did not
//! each report separately in one year. Nothing else is guessed: a renamed unit whose reports
//! never give both names stays two units for the clerk to join.

mod alike;

use super::{canonical, normalise, Roster, Unit, ROSTER_HEADER};
use crate::model::{UnitCandidate, UnitSource};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One report as roster init sees it.
#[derive(Clone, Copy, Debug)]
pub struct Seen<'a> {
    /// The file.
    pub path: &'a Path,
    /// The names its text gives, in order (title, body, signature).
    pub names: &'a [UnitCandidate],
    /// Its year, when known.
    pub year: Option<i32>,
}

/// A roster made from reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Initial {
    /// The units, the district's government first, then departments, townships and others.
    pub units: Vec<Unit>,
    /// For each unit, how many reports name it.
    pub reports: Vec<usize>,
    /// Reports that name no unit anywhere (text, file or folder name).
    pub unnamed: Vec<std::path::PathBuf>,
}

/// What a unit is, guessed from its name; the roster's `level`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// The district's (county's, city's) people's government.
    Government,
    /// A department: 局, 委, 办, 中心…
    Department,
    /// A township, town or sub-district: 镇, 乡, 街道.
    Township,
    /// A name ending in none of the words above.
    Other,
}

impl Kind {
    fn of(short_key: &str) -> Kind {
        if short_key.is_empty() {
            return Kind::Government;
        }
        let k = short_key.strip_suffix("政府").unwrap_or(short_key);
        if ["镇", "乡", "街道", "苏木"].iter().any(|w| k.ends_with(w)) {
            return Kind::Township;
        }
        const AGENCY: [&str; 14] = [
            "局",
            "委",
            "委员会",
            "办",
            "办公室",
            "中心",
            "院",
            "会",
            "馆",
            "队",
            "站",
            "所",
            "处",
            "室",
        ];
        if AGENCY.iter().any(|w| k.ends_with(w)) || k.ends_with("政府") {
            return Kind::Department;
        }
        Kind::Other
    }

    fn level(self, region: &str) -> &'static str {
        match self {
            Kind::Government if region.ends_with('县') => "county",
            Kind::Government if region.ends_with('市') => "city",
            Kind::Government => "district",
            Kind::Department => "department",
            Kind::Township => "township",
            Kind::Other => "other",
        }
    }

    fn id_prefix(self) -> char {
        match self {
            Kind::Government => 'D',
            Kind::Department => 'B',
            Kind::Township => 'T',
            Kind::Other => 'U',
        }
    }

    /// The word a unit's kind ends in, for joining two names of one unit: a 局 is not a 镇.
    fn suffix(short_key: &str) -> Option<char> {
        short_key.chars().last()
    }
}

/// Union–find over unit keys.
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }
}

/// Makes a roster from the reports' names. Deterministic: the same reports in any order give
/// the same roster.
pub fn init(seen: &[Seen<'_>]) -> Initial {
    let mut seen: Vec<&Seen<'_>> = seen.iter().collect();
    seen.sort_by(|a, b| a.path.cmp(b.path));
    // Each report's names: text first, then file and folders; the first is its unit.
    let named: Vec<Vec<UnitCandidate>> = seen
        .iter()
        .map(|s| {
            let mut all: Vec<UnitCandidate> = s.names.to_vec();
            all.extend(super::matching::path_candidates(s.path));
            all
        })
        .collect();
    // The district's name, from every name as a roster would find it.
    let probe = Roster::new(
        named
            .iter()
            .flatten()
            .map(|c| Unit {
                id: String::new(),
                name: c.name.clone(),
                aliases: Vec::new(),
                level: String::new(),
                parent_id: None,
            })
            .collect(),
    );
    // A name's key: the roster's form of it without the district's name, "" for the
    // government. A bare name keeps a first 区/县/市 that names of the district show to be
    // its own (市场监督管理局, as in 示例区市场监督管理局).
    let tail = super::region_tail(&probe.region).to_string();
    let with_region = |key: &str| !tail.is_empty() && key.contains(tail.as_str());
    let own: BTreeSet<String> = named
        .iter()
        .flatten()
        .map(|c| canonical(without_brackets(&c.name)))
        .filter(|k| with_region(k))
        .map(|k| probe.strip_region(&k).to_string())
        .collect();
    let key_of = |name: &str| -> String {
        let key = canonical(without_brackets(name));
        let short = if with_region(&key) || !own.contains(&key) {
            probe.strip_region(&key)
        } else {
            &key
        };
        if short == "政府" {
            String::new()
        } else {
            short.to_string()
        }
    };
    let mut keys: BTreeMap<String, usize> = BTreeMap::new();
    let mut key_names: Vec<String> = Vec::new();
    let mut id_of = |key: String, keys: &mut BTreeMap<String, usize>| -> usize {
        let n = keys.len();
        *keys.entry(key.clone()).or_insert_with(|| {
            key_names.push(key);
            n
        })
    };
    let mut primary: Vec<Option<usize>> = Vec::with_capacity(named.len());
    // (key, name as written, whether it is the report's unit's first name)
    let mut variants: Vec<(usize, &str, bool)> = Vec::new();
    let mut links: Vec<(usize, usize)> = Vec::new();
    let mut unnamed = Vec::new();
    for (s, names) in seen.iter().zip(&named) {
        // The government's key is empty: "示例区人民政府", "区政府", "示例区".
        let usable: Vec<(&UnitCandidate, String)> = names
            .iter()
            .filter(|c| !canonical(&c.name).is_empty())
            .map(|c| (c, key_of(&c.name)))
            .collect();
        let Some((first, first_key)) = usable.first() else {
            unnamed.push(s.path.to_path_buf());
            primary.push(None);
            continue;
        };
        let p = id_of(first_key.clone(), &mut keys);
        primary.push(Some(p));
        variants.push((p, first.name.as_str(), true));
        // The report's other names of the unit in its own text: the same unit when of the
        // same kind; a file's or folder's name is only a variant of the same key.
        for (c, k) in usable.iter().skip(1) {
            let same_key = k == first_key;
            let text = !matches!(c.source, UnitSource::FileName | UnitSource::Folder);
            if same_key {
                variants.push((p, c.name.as_str(), false));
            } else if text
                && matches!(first.source, UnitSource::Title | UnitSource::Body)
                && Kind::suffix(k) == Kind::suffix(first_key)
                && Kind::of(k) == Kind::of(first_key)
                && k.contains("办公室") == first_key.contains("办公室")
            {
                let q = id_of(k.clone(), &mut keys);
                links.push((p, q));
                variants.push((q, c.name.as_str(), false));
            }
        }
    }
    // Years each key reported in as a report's unit: two keys that each did in one year are
    // two units, whatever a text says.
    let mut years: Vec<BTreeSet<i32>> = vec![BTreeSet::new(); keys.len()];
    for (s, p) in seen.iter().zip(&primary) {
        if let (Some(p), Some(y)) = (p, s.year) {
            years[*p].insert(y);
        }
    }
    let mut groups = Groups {
        parent: (0..keys.len()).collect(),
    };
    for (a, b) in links {
        let (ra, rb) = (groups.find(a), groups.find(b));
        if ra == rb || !years[ra].is_disjoint(&years[rb]) {
            continue;
        }
        groups.parent[rb] = ra;
        let moved = std::mem::take(&mut years[rb]);
        years[ra].extend(moved);
    }
    alike::join(&key_names, &mut groups, &mut years);
    // Each group: its names as written, with how many reports give each as their unit's.
    let mut group_names: BTreeMap<usize, BTreeMap<String, usize>> = BTreeMap::new();
    let mut reports_of: BTreeMap<usize, usize> = BTreeMap::new();
    for (k, name, first) in variants {
        let g = groups.find(k);
        *group_names
            .entry(g)
            .or_default()
            .entry(name.to_string())
            .or_default() += usize::from(first);
        *reports_of.entry(g).or_default() += usize::from(first);
    }
    let region = probe.region.clone();
    let mut made: Vec<(Kind, String, Vec<String>, usize)> = group_names
        .into_iter()
        .map(|(g, names)| {
            let kind = Kind::of(&key_names[g]);
            let (name, aliases) = choose_name(&names, &region);
            (
                kind,
                name,
                aliases,
                reports_of.get(&g).copied().unwrap_or(0),
            )
        })
        .collect();
    made.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let mut numbers: BTreeMap<Kind, usize> = BTreeMap::new();
    let government = made
        .iter()
        .any(|m| m.0 == Kind::Government)
        .then(|| format!("{}000", Kind::Government.id_prefix()));
    let mut units = Vec::with_capacity(made.len());
    let mut reports = Vec::with_capacity(made.len());
    for (kind, name, aliases, n) in made {
        let number = numbers
            .entry(kind)
            .or_insert(if kind == Kind::Government { 0 } else { 1 });
        let id = format!("{}{:03}", kind.id_prefix(), *number);
        *number += 1;
        units.push(Unit {
            parent_id: if kind == Kind::Government {
                None
            } else {
                government.clone()
            },
            id,
            name,
            aliases,
            level: kind.level(&region).to_string(),
        });
        reports.push(n);
    }
    Initial {
        units,
        reports,
        unnamed,
    }
}

/// A name without a second name in brackets after it ("应急管理局（区地震局）" → "应急管理局"),
/// when something is left.
fn without_brackets(name: &str) -> &str {
    let trimmed = name.trim_end();
    if !trimmed.ends_with(['）', ')']) {
        return name;
    }
    match trimmed.rfind(['（', '(']) {
        Some(p) if trimmed[..p].chars().count() >= 3 => &trimmed[..p],
        _ => name,
    }
}

/// The unit's name — the formal form most of its reports write, with the district's name in
/// front — and the other forms as aliases.
fn choose_name(names: &BTreeMap<String, usize>, region: &str) -> (String, Vec<String>) {
    let formal = |n: &str| -> String {
        // "区财政局" → "示例区财政局" when the district is known.
        let tail = super::region_tail(region);
        let kind = region.chars().last();
        let mut out = n.to_string();
        if !region.is_empty() && !n.starts_with(region) && !n.contains(tail) {
            if let Some(rest) = n.strip_prefix(|c| Some(c) == kind) {
                out = format!("{region}{rest}");
            }
        }
        out
    };
    let score = |n: &str, count: usize| {
        let f = formal(n);
        (
            !region.is_empty() && f.starts_with(region),
            // 人民政府 rather than 政府, 街道办事处 rather than 街道.
            !((f.contains("政府") && !f.contains("人民政府")) || f.ends_with("街道")),
            !f.contains('(') && !f.contains(')'),
            count,
            f.chars().count(),
        )
    };
    let best = names
        .iter()
        .max_by(|a, b| {
            score(a.0, *a.1)
                .cmp(&score(b.0, *b.1))
                .then_with(|| b.0.cmp(a.0))
        })
        .map(|(n, _)| formal(n))
        .unwrap_or_default();
    let mut seen = BTreeSet::from([normalise(&best)]);
    let mut aliases = Vec::new();
    for n in names.keys() {
        if seen.insert(normalise(n)) {
            aliases.push(n.clone());
        }
    }
    (best, aliases)
}

/// The roster as `roster.csv` (UTF-8 with a BOM, so that Excel opens it as such).
pub fn to_csv(units: &[Unit]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    // Writing to a Vec cannot fail.
    let _ = w.write_record(ROSTER_HEADER);
    for u in units {
        let aliases = u.aliases.join("|");
        let _ = w.write_record([
            u.id.as_str(),
            u.name.as_str(),
            aliases.as_str(),
            u.level.as_str(),
            u.parent_id.as_deref().unwrap_or(""),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests;
