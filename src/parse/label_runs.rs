//! Labels of several rows run together into one label: crawler text whose row lost all its
//! cells (a page that drops empty cells, or a row it could not read) leaves that row's label
//! glued to the next one ("7.属于行政执法案卷8.属于行政查询事项1000001"). The values after it
//! are the last row's, never the first's: the label is cut where each row's label starts.

use super::labels::{t2_label, t3_label};
use super::text::{fold_char, fold_label, fold_traditional};

/// Where table 三 row labels start inside `label` (byte offsets past the first character):
/// before each numbering ("（一）", "2.", "四、"), when two pieces at least name a row or a
/// group. Empty when the label names one row only.
pub(crate) fn t3_cuts(label: &str) -> Vec<usize> {
    // Most labels have no numbering past their start: nothing to look at then.
    let after_first = label.char_indices().nth(1).map_or(label.len(), |(i, _)| i);
    if !label[after_first..].contains(['（', '(', '.', '．', '、']) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = label.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| fold_char(c));
    let numeral = |c: char| "一二三四五六七".contains(c);
    let cuts: Vec<usize> = (1..chars.len())
        .filter(|&k| {
            let prev = at(k - 1).unwrap_or(' ');
            match at(k) {
                Some('（') => at(k + 1).is_some_and(numeral) && at(k + 2) == Some('）'),
                Some(d @ '1'..='9') => {
                    !prev.is_ascii_digit()
                        && prev != '.'
                        && matches!(at(k + 1), Some('.' | '、'))
                        && at(k + 2).is_some_and(|c| c >= '\u{2E80}')
                        && d <= '8'
                }
                Some(c) if numeral(c) => {
                    at(k + 1) == Some('、') && !matches!(prev, '第' | '（') && !numeral(prev)
                }
                _ => false,
            }
        })
        .map(|k| chars[k].0)
        .collect();
    if cuts.is_empty() {
        return cuts;
    }
    let names = |p: &str| {
        let hit = t3_label(&fold_label(p), None);
        hit.row.is_some() || hit.group.is_some()
    };
    // Each numbered piece is a label of its own, even one the keywords do not know ("8.属于
    // 行政査询事项"): the values after it must not go to the row before.
    if pieces(label, &cuts).any(names) {
        cuts
    } else {
        Vec::new()
    }
}

/// True when a (folded) label starts with a row's numbering: "8.", "2、", "（三）", "四、".
pub(crate) fn starts_numbered(label: &str) -> bool {
    let mut cs = label.chars().map(fold_char);
    match (cs.next(), cs.next(), cs.next()) {
        (Some('1'..='9'), Some('.' | '、'), Some(c)) => c >= '\u{2E80}',
        (Some('（'), Some(n), Some('）')) => "一二三四五六七".contains(n),
        (Some(n), Some('、'), _) => "一二三四".contains(n),
        _ => false,
    }
}

/// Words that start a table 二 row's label, with the row they name.
const T2_STARTS: [(&str, &str); 9] = [
    ("规章", "rules"),
    ("行政规范性文件", "normative"),
    ("规范性文件", "normative"),
    ("行政许可", "licensing"),
    ("其他对外管理服务", "other_services"),
    ("行政处罚", "penalty"),
    ("行政强制", "coercion"),
    ("行政事业性收费", "fees"),
    ("政府集中采购", "procurement"),
];

/// Where table 二 row labels start inside `label`, when it names two rows at least
/// ("规章行政规范性文件693665": the values are 行政规范性文件's).
pub(crate) fn t2_cuts(label: &str) -> Vec<usize> {
    if t2_label(&fold_label(label)).is_none() {
        return Vec::new();
    }
    // Traditional and Simplified characters are both three bytes: offsets carry over.
    let folded = fold_traditional(label);
    let mut starts: Vec<(usize, &str)> = Vec::new();
    for (word, row) in T2_STARTS {
        let mut from = 0;
        while let Some(i) = crate::parse::text::find_str(&folded[from..], word) {
            let s = from + i;
            // "规范性文件" inside "行政规范性文件" starts where the longer word does.
            if !starts
                .iter()
                .any(|&(p, r)| r == row && p <= s && s < p + 21)
            {
                starts.push((s, row));
            }
            from = s + word.len();
        }
    }
    starts.sort_unstable();
    let rows: std::collections::BTreeSet<&str> = starts.iter().map(|&(_, r)| r).collect();
    if rows.len() < 2 {
        return Vec::new();
    }
    starts
        .into_iter()
        .map(|(s, _)| s)
        .filter(|&s| s > 0)
        .collect()
}

/// The pieces of `label` between the cuts.
pub(crate) fn pieces<'s>(label: &'s str, cuts: &[usize]) -> impl Iterator<Item = &'s str> {
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(cuts.iter().copied())
        .chain(std::iter::once(label.len()))
        .collect();
    (0..bounds.len() - 1).map(move |i| &label[bounds[i]..bounds[i + 1]])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut3(label: &str) -> Vec<&str> {
        pieces(label, &t3_cuts(label)).collect()
    }

    fn cut2(label: &str) -> Vec<&str> {
        pieces(label, &t2_cuts(label)).collect()
    }

    #[test]
    fn glued_table_three_labels_are_cut_at_their_numbering() {
        assert_eq!(
            cut3("7.属于行政执法案卷8.属于行政查询事项"),
            vec!["7.属于行政执法案卷", "8.属于行政查询事项"]
        );
        assert_eq!(
            cut3("1.本机关不掌握相关政府信息&nbsp;2.没有现成信息需要另行制作"),
            vec![
                "1.本机关不掌握相关政府信息&nbsp;",
                "2.没有现成信息需要另行制作"
            ]
        );
        assert_eq!(
            cut3("三、本年度办理结果（一）予以公开"),
            vec!["三、本年度办理结果", "（一）予以公开"]
        );
        // A piece the keywords do not know is a label of its own all the same.
        assert_eq!(
            cut3("7.属于行政执法案卷8.属于行政査询事项"),
            vec!["7.属于行政执法案卷", "8.属于行政査询事项"]
        );
        assert_eq!(
            cut3("（三）不予公开1.属于国家秘密"),
            vec!["（三）不予公开", "1.属于国家秘密"]
        );
    }

    #[test]
    fn one_row_label_stays_whole() {
        for l in [
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "3.危及“三安全一稳定”",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "一、本年新收政府信息公开申请数量",
        ] {
            assert_eq!(cut3(l), vec![l]);
        }
    }

    #[test]
    fn numbered_labels() {
        for l in [
            "8.属于行政査询事项",
            "2、重复申请",
            "（三）不予公开",
            "四、结转下年度继续办理",
        ] {
            assert!(starts_numbered(l), "{l}");
        }
        for l in ["已获取信息", "计其他情形）", "2023年", "自然人"] {
            assert!(!starts_numbered(l), "{l}");
        }
    }

    #[test]
    fn glued_table_two_labels_are_cut_at_each_row() {
        assert_eq!(cut2("规章行政规范性文件"), vec!["规章", "行政规范性文件"]);
        assert_eq!(cut2("規章行政規範性文件"), vec!["規章", "行政規範性文件"]);
        assert_eq!(
            cut2("行政许可第二十条第（六）项信息内容本年处理决定数量行政处罚"),
            vec![
                "行政许可第二十条第（六）项信息内容本年处理决定数量",
                "行政处罚"
            ]
        );
        assert_eq!(cut2("行政规范性文件"), vec!["行政规范性文件"]);
        assert_eq!(cut2("信息内容行政许可"), vec!["信息内容行政许可"]);
    }
}
