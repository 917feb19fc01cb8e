//! Two names of one unit that share no form: an abbreviation (人社局 for 人力资源和社会保障局)
//! and a name from before the 2018–2019 institutional reform (国土资源局 for 自然资源局).
//! [`join`] joins such names only when exactly one unit fits and the two never reported
//! in the same year.

use super::Groups;
use std::collections::{BTreeMap, BTreeSet};

/// True when `short` abbreviates `long`: its characters appear in `long` in order, starting
/// with `long`'s first and ending with the word of the unit's kind (局, 委, 办 for 办公室).
pub(super) fn abbreviates(short: &str, long: &str) -> bool {
    let s: Vec<char> = short.chars().collect();
    let l: Vec<char> = long.chars().collect();
    if s.len() < 3 || s.len() >= l.len() || s.first() != l.first() {
        return false;
    }
    let kind_ok = match (s.last(), l.last()) {
        (Some(a), Some(b)) if a == b => true,
        (Some('办'), _) => long.ends_with("办公室"),
        (Some('委'), _) => long.ends_with("委员会"),
        _ => false,
    };
    if !kind_ok {
        return false;
    }
    // Every character of the short name but the kind word, in order, in the long name's
    // part before its kind word.
    let body_len = if s.last() == l.last() {
        l.len() - 1
    } else {
        l.len() - 3
    };
    let mut at = 0;
    for c in &s[..s.len() - 1] {
        match l[at..body_len].iter().position(|x| x == c) {
            Some(p) => at += p + 1,
            None => return false,
        }
    }
    true
}

/// Joins an abbreviation to the one name it abbreviates, and a name from before the reform to
/// the one name the reform gave it, when the two never reported in the same year.
pub(super) fn join(keys: &[String], groups: &mut Groups, years: &mut [BTreeSet<i32>]) {
    let index: BTreeMap<&str, usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let mut by_first: BTreeMap<char, Vec<usize>> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(c) = k.chars().next() {
            by_first.entry(c).or_default().push(i);
        }
    }
    for (a, key) in keys.iter().enumerate() {
        let Some(first) = key.chars().next() else {
            continue;
        };
        let mut alike: BTreeSet<usize> = by_first[&first]
            .iter()
            .filter(|&&b| abbreviates(key, &keys[b]))
            .map(|&b| groups.find(b))
            .collect();
        alike.extend(
            renamed_as(key)
                .filter_map(|new| index.get(new.as_str()).copied())
                .map(|b| groups.find(b)),
        );
        let ra = groups.find(a);
        let target = match alike.len() {
            1 => alike
                .first()
                .copied()
                .filter(|&rb| years[ra].is_disjoint(&years[rb])),
            _ => None,
        };
        if let Some(rb) = target.filter(|&rb| rb != ra) {
            groups.parent[ra] = rb;
            let moved = std::mem::take(&mut years[ra]);
            years[rb].extend(moved);
        }
    }
}

/// Names before and after the national institutional reform of 2018–2019 (and of the rural
/// revitalisation bureaus of 2021), as they end a unit's name.
const REFORMS: &[(&str, &str)] = &[
    ("国土资源局", "自然资源局"),
    ("国土资源分局", "自然资源分局"),
    ("安全生产监督管理局", "应急管理局"),
    ("安监局", "应急管理局"),
    ("工商行政管理局", "市场监督管理局"),
    ("工商局", "市场监督管理局"),
    ("食品药品监督管理局", "市场监督管理局"),
    ("质量技术监督局", "市场监督管理局"),
    ("扶贫开发办公室", "乡村振兴局"),
    ("扶贫办", "乡村振兴局"),
    ("文化广电新闻出版局", "文化和旅游局"),
    ("文化广电新闻出版旅游局", "文化和旅游局"),
    ("文化体育广电新闻出版局", "文化和旅游局"),
    ("卫生和计划生育局", "卫生健康局"),
    ("卫生和计划生育委员会", "卫生健康委员会"),
    ("卫生计生局", "卫生健康局"),
    ("环境保护局", "生态环境局"),
    ("环境保护分局", "生态环境分局"),
    ("环保局", "生态环境局"),
    ("农业局", "农业农村局"),
    ("农业委员会", "农业农村局"),
    ("水利局", "水务局"),
];

/// The names a reform gave a unit once called `old`.
pub(super) fn renamed_as(old: &str) -> impl Iterator<Item = String> + '_ {
    REFORMS.iter().filter_map(move |(before, after)| {
        old.strip_suffix(before)
            .map(|prefix| format!("{prefix}{after}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renamed(old: &str, new: &str) -> bool {
        renamed_as(old).any(|n| n == new)
    }

    #[test]
    fn abbreviations_of_department_names() {
        assert!(abbreviates("人社局", "人力资源和社会保障局"));
        assert!(abbreviates("发改局", "发展和改革局"));
        assert!(abbreviates("卫健局", "卫生健康局"));
        assert!(abbreviates("民宗局", "民族宗教事务局"));
        assert!(abbreviates("金融办", "金融工作办公室"));
        assert!(abbreviates("卫健委", "卫生健康委员会"));
        // Not an abbreviation: another first character, another kind, out of order.
        assert!(!abbreviates("社保局", "人力资源和社会保障局"));
        assert!(!abbreviates("人社委", "人力资源和社会保障局"));
        assert!(!abbreviates("改发局", "发展和改革局"));
        assert!(!abbreviates("财政局", "财政局"));
        assert!(!abbreviates("局", "财政局"));
    }

    #[test]
    fn names_before_the_reform() {
        assert!(renamed("国土资源局", "自然资源局"));
        assert!(renamed("东城国土资源分局", "东城自然资源分局"));
        assert!(renamed("农业局", "农业农村局"));
        assert!(!renamed("自然资源局", "国土资源局"));
        assert!(!renamed("民政局", "民政局"));
        assert!(!renamed("国土资源局", "东城自然资源局"));
        assert!(!renamed("财政局", "自然资源局"));
    }
}
