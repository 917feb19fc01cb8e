//! From a report's name candidates to a roster unit, with the evidence: which name matched
//! and where it was read, and — when none did — the roster units that come closest.
//!
//! Candidates are tried in a stated order: the names the text gives (title, body,
//! signature), then the file's name, its folders' names, then a roster id in the path. The
//! first that names exactly one unit decides. Nothing is guessed: a name that is merely
//! close to a unit's never matches it; it only lists the unit as a candidate for a clerk.

use super::{canonical, Match, Roster};
use crate::model::{UnitCandidate, UnitSource};
use std::path::Path;

/// Who a report is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identified {
    /// The roster's verdict (`Unknown` without a roster).
    pub matched: Match,
    /// The name that decided, else the first name found.
    pub name: Option<String>,
    /// Where that name was read.
    pub source: Option<UnitSource>,
}

/// The names a path carries: its file name, then up to two folders' names.
pub fn path_candidates(path: &Path) -> Vec<UnitCandidate> {
    let mut out = Vec::new();
    let stem = path.file_stem().and_then(|s| s.to_str());
    let folders = path
        .parent()
        .into_iter()
        .flat_map(|p| p.iter().rev().take(2))
        .filter_map(|c| c.to_str());
    let named = stem
        .map(|s| (s, UnitSource::FileName))
        .into_iter()
        .chain(folders.map(|f| (f, UnitSource::Folder)));
    for (text, source) in named {
        if let Some(name) = crate::parse::unit::from_file_name(text) {
            if !out.iter().any(|c: &UnitCandidate| c.name == name) {
                out.push(UnitCandidate { name, source });
            }
        }
    }
    out
}

/// Identifies a report's unit from the names its text gives and its path.
pub fn identify(roster: Option<&Roster>, text: &[UnitCandidate], path: &Path) -> Identified {
    let from_path = path_candidates(path);
    let all = || text.iter().chain(&from_path);
    let first = all().next();
    let Some(roster) = roster else {
        return Identified {
            matched: Match::Unknown,
            name: first.map(|c| c.name.clone()),
            source: first.map(|c| c.source),
        };
    };
    let mut ambiguous = None;
    for c in all() {
        match roster.match_name(&c.name) {
            Match::Unit(u) => {
                return Identified {
                    matched: Match::Unit(u),
                    name: Some(c.name.clone()),
                    source: Some(c.source),
                }
            }
            Match::Ambiguous(us) => {
                ambiguous.get_or_insert((us, c));
            }
            Match::Unknown => {}
        }
    }
    if let Some(u) = roster.match_id_in_path(path) {
        return Identified {
            matched: Match::Unit(u),
            name: Some(roster.units[u].name.clone()),
            source: Some(UnitSource::RosterHint),
        };
    }
    match ambiguous {
        Some((us, c)) => Identified {
            matched: Match::Ambiguous(us),
            name: Some(c.name.clone()),
            source: Some(c.source),
        },
        None => Identified {
            matched: Match::Unknown,
            name: first.map(|c| c.name.clone()),
            source: first.map(|c| c.source),
        },
    }
}

/// Character pairs of a key, for similarity.
fn pairs(key: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = key.chars().collect();
    let mut out: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How alike two keys are, 0 to 1: the share of character pairs and of characters they
/// have in common (Dice), averaged.
fn likeness(a: &str, b: &str) -> f64 {
    let dice = |x: &[(char, char)], y: &[(char, char)]| {
        let common = x.iter().filter(|p| y.binary_search(p).is_ok()).count();
        if x.is_empty() && y.is_empty() {
            0.0
        } else {
            2.0 * common as f64 / (x.len() + y.len()) as f64
        }
    };
    let chars = |k: &str| {
        let mut v: Vec<(char, char)> = k.chars().map(|c| (c, c)).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    (dice(&pairs(a), &pairs(b)) + dice(&chars(a), &chars(b))) / 2.0
}

/// A name must be at least this alike to a unit's to be named as a candidate.
const CLOSE: f64 = 0.5;

impl Roster {
    /// A roster id in the path: a component, or its part before an underscore
    /// ("B001_2023_pdf.txt", "B001/2023.txt").
    pub fn match_id_in_path(&self, path: &Path) -> Option<usize> {
        path.iter()
            .rev()
            .take(3)
            .filter_map(|c| c.to_str())
            .map(|c| c.split('.').next().unwrap_or(c))
            .find_map(|hint| {
                hint.match_indices('_')
                    .map(|(k, _)| &hint[..k])
                    .chain([hint])
                    .find_map(|id| self.ids.get(id).copied())
            })
    }

    /// The roster units whose names come closest to `names` (best first, at most `k`),
    /// for a report that matched none: names compared without the district's name.
    pub fn closest(&self, names: &[&str], k: usize) -> Vec<usize> {
        let mut best: Vec<(f64, usize)> = Vec::new();
        for name in names {
            let key = canonical(name);
            let short = self.strip_region(&key);
            if short.chars().count() < 2 {
                continue;
            }
            for u in self.candidates_sharing(short) {
                let score = self
                    .keys_of(u)
                    .map(|unit_key| likeness(short, self.strip_region(&unit_key)))
                    .fold(0.0, f64::max);
                if score >= CLOSE {
                    match best.iter_mut().find(|(_, v)| *v == u) {
                        Some(b) => b.0 = b.0.max(score),
                        None => best.push((score, u)),
                    }
                }
            }
        }
        best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        best.into_iter().take(k).map(|(_, u)| u).collect()
    }

    /// The canonical keys of a unit's name and aliases.
    fn keys_of(&self, u: usize) -> impl Iterator<Item = String> + '_ {
        let unit = &self.units[u];
        std::iter::once(&unit.name)
            .chain(&unit.aliases)
            .map(|n| canonical(n))
    }

    /// Units that share a character with `key` (through the character index), so that a
    /// near miss is looked for among few units, whatever the roster's size.
    fn candidates_sharing(&self, key: &str) -> Vec<usize> {
        let mut out: Vec<usize> = key
            .chars()
            .filter_map(|c| self.by_char.get(&c))
            // A character most units' names share (局, 区) tells nothing.
            .filter(|units| units.len() * 4 <= self.units.len().max(8))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "unit_id,unit_name,aliases,level,parent_id\nGOV,示例区人民政府,,district,\nCZ,示例区财政局,,department,GOV\nJY,示例区教育局,,department,GOV\nMZ,示例区民政局,,department,GOV\nB007,示例区司法局,,department,GOV\nDC,示例区东城街道办事处,,township,GOV\n";

    fn c(name: &str, source: UnitSource) -> UnitCandidate {
        UnitCandidate {
            name: name.into(),
            source,
        }
    }

    #[test]
    fn candidates_are_tried_in_order_and_the_source_kept() {
        let r = Roster::parse(CSV.as_bytes()).unwrap();
        // The title names nobody in the roster; the body does.
        let text = [
            c("示例区某某中心", UnitSource::Title),
            c("示例区财政局", UnitSource::Body),
        ];
        let id = identify(Some(&r), &text, Path::new("in/P020240119384756.txt"));
        assert_eq!(id.matched, Match::Unit(1));
        assert_eq!(id.source, Some(UnitSource::Body));
        // Nothing in the text: the file name, then the folder, then an id in the path.
        let id = identify(Some(&r), &[], Path::new("in/2023年示例区教育局年报.txt"));
        assert_eq!(
            (id.matched, id.source),
            (Match::Unit(2), Some(UnitSource::FileName))
        );
        let id = identify(Some(&r), &[], Path::new("in/区民政局/2023.txt"));
        assert_eq!(
            (id.matched, id.source),
            (Match::Unit(3), Some(UnitSource::Folder))
        );
        let id = identify(Some(&r), &[], Path::new("in/2023/B007_2023_pipe.txt"));
        assert_eq!(
            (id.matched, id.source),
            (Match::Unit(4), Some(UnitSource::RosterHint))
        );
        let id = identify(Some(&r), &[], Path::new("in/P0202401193847.txt"));
        assert_eq!((id.matched, id.name), (Match::Unknown, None));
        // Without a roster the first name found is the unit's.
        let id = identify(None, &text, Path::new("x.txt"));
        assert_eq!(id.name.as_deref(), Some("示例区某某中心"));
        assert_eq!(id.source, Some(UnitSource::Title));
    }

    #[test]
    fn a_near_miss_names_the_closest_units_and_never_matches() {
        let r = Roster::parse(CSV.as_bytes()).unwrap();
        let text = [c("示例区财政局（国资办）", UnitSource::Title)];
        let id = identify(Some(&r), &text, Path::new("x.txt"));
        assert_eq!(id.matched, Match::Unknown);
        let close = r.closest(&["示例区财政局（国资办）"], 3);
        assert_eq!(close.first(), Some(&1), "{close:?}");
        let close = r.closest(&["东城街道办"], 3);
        assert_eq!(close.first(), Some(&5), "{close:?}");
        assert!(r.closest(&["云州市气象台"], 3).is_empty());
    }
}
