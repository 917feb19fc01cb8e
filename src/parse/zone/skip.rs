//! Text in the table zone that is not table text: sentences of prose that quote the rows'
//! figures ("本年新收政府信息公开申请5件，上年结转…2件"), and the page layout's furniture
//! (page numbers "- 3 -" / "第3页", dates "2024年1月20日") that PDF text puts beside a row.
//!
//! Both are cut out of a line before it is split into labels and values: a narrative naming
//! a row must never be taken for that row, and a page number never for a cell.

/// Characters that end a sentence.
const SENTENCE_END: [char; 4] = ['。', '！', '？', '；'];

/// Characters that end a clause (and a sentence).
const CLAUSE_END: [char; 8] = ['。', '！', '？', '；', '，', '、', ',', ';'];

/// Count words written after a figure in prose: "5件", "3条", "1起"…
const COUNT_UNITS: [char; 10] = ['件', '条', '個', '个', '次', '项', '項', '起', '宗', '份'];

/// The byte ranges of `line` to leave out, sorted and disjoint. `long` (a long line of
/// crawler or one-line text): furniture glued to its neighbours is looked for too.
pub(super) fn skipped(line: &str, long: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if might_be_prose(line) {
        prose(line, &mut out);
    }
    if might_have_furniture(line) {
        furniture(line, long, &mut out);
    }
    bookmarks(line, &mut out);
    if out.len() > 1 {
        out.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
        for (s, e) in out {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        out = merged;
    }
    out
}

fn might_be_prose(line: &str) -> bool {
    line.contains(SENTENCE_END) || line.contains(COUNT_UNITS)
}

fn might_have_furniture(line: &str) -> bool {
    line.contains(['-', '—', '－', '–', '页', '頁', '年', '/', '.'])
}

fn is_digit(c: char) -> bool {
    super::fold_char(c).is_ascii_digit()
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

/// A CJK character of running text (not a digit, a space or a cell separator).
fn is_text_char(c: char) -> bool {
    c >= '\u{2E80}' && !is_digit(c) && !is_space(c)
}

/// Sentences that end with 。！？； and clauses that quote a figure with its count word.
fn prose(line: &str, out: &mut Vec<(usize, usize)>) {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(line.len(), |&(i, _)| i);
    // A sentence starts after a sentence end, a cell separator or a bare value glued to it
    // ("…办理0000000本年度…": the digits are the row before, not the sentence).
    let mut start = 0;
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if c == '|' || c == '\t' {
            start = k + 1;
        } else if is_digit(c) {
            let run_end = (k..chars.len())
                .find(|&j| !is_digit(chars[j].1) && chars[j].1 != '.')
                .unwrap_or(chars.len());
            let next = chars.get(run_end).map(|&(_, c)| c);
            let bare = next.is_some_and(|n| is_text_char(n) && !is_unit_or_date(n))
                && k > 0
                && is_text_char(chars[k - 1].1);
            if bare {
                start = run_end;
            }
            k = run_end.max(k + 1);
            continue;
        } else if SENTENCE_END.contains(&c) {
            if has_text(&chars[start..k]) {
                out.push((end_of(start), i + c.len_utf8()));
            }
            start = k + 1;
        }
        k += 1;
    }
    clauses_quoting_figures(line, &chars, out);
}

fn is_unit_or_date(c: char) -> bool {
    COUNT_UNITS.contains(&c) || matches!(c, '年' | '月' | '日' | '号' | '%' | '％' | '人' | '家')
}

fn has_text(chars: &[(usize, char)]) -> bool {
    chars.iter().filter(|(_, c)| is_text_char(*c)).count() >= 2
}

/// Clauses (between ，、；。 and cell separators) holding a figure glued to the text before it
/// and followed by a count word and more text: "其中本年新收政府信息公开申请0件".
fn clauses_quoting_figures(line: &str, chars: &[(usize, char)], out: &mut Vec<(usize, usize)>) {
    let boundary = |c: char| CLAUSE_END.contains(&c) || c == '|' || c == '\t';
    let mut k = 0;
    while k < chars.len() {
        let (_, c) = chars[k];
        if !(is_digit(c) && k > 0 && is_text_char(chars[k - 1].1)) {
            k += 1;
            continue;
        }
        let mut j = k;
        while j < chars.len() && (is_digit(chars[j].1) || chars[j].1 == '.') {
            j += 1;
        }
        let unit = chars.get(j).is_some_and(|&(_, u)| COUNT_UNITS.contains(&u));
        let after = chars.get(j + 1).map(|&(_, c)| c);
        let quoted = unit && after.is_none_or(|a| is_text_char(a) || boundary(a));
        if quoted {
            let s = (0..k)
                .rev()
                .find(|&b| boundary(chars[b].1))
                .map_or(0, |b| b + 1);
            let e = (j..chars.len())
                .find(|&b| boundary(chars[b].1))
                .map_or(line.len(), |b| chars[b].0 + chars[b].1.len_utf8());
            out.push((chars.get(s).map_or(line.len(), |&(i, _)| i), e));
            k = j;
        } else {
            k = j.max(k + 1);
        }
    }
}

/// Tika's `[bookmark: _Hlk12]` markers: on a line of their own the decoder drops them, but in
/// a text whose line breaks were stripped their digits would touch the cells around them.
fn bookmarks(line: &str, out: &mut Vec<(usize, usize)>) {
    const MARK: &str = "[bookmark:";
    // Most lines have no '[' at all: no searcher is set up for them (this runs per line).
    if !line.contains('[') {
        return;
    }
    let mut from = 0;
    while let Some(i) = crate::parse::text::find_str(&line[from..], MARK) {
        let s = from + i;
        let Some(len) = line[s..].find(']') else {
            return;
        };
        out.push((s, s + len + 1));
        from = s + len + 1;
    }
}

/// Page numbers and dates of the page layout.
fn furniture(line: &str, long: bool, out: &mut Vec<(usize, usize)>) {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let end_of = |k: usize| chars.get(k).map_or(line.len(), |&(i, _)| i);
    let skip_spaces = |mut k: usize| {
        while at(k).is_some_and(is_space) {
            k += 1;
        }
        k
    };
    let digits = |k: usize| {
        let mut j = k;
        while at(j).is_some_and(is_digit) {
            j += 1;
        }
        j
    };
    let dash = |c: char| matches!(c, '-' | '—' | '－' | '–');
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        // "-3-", "— 3 —" glued to its neighbours in one-line text: "…0- 2 -示例区…".
        if dash(c) {
            let d0 = skip_spaces(k + 1);
            let d1 = digits(d0);
            let e = skip_spaces(d1);
            if d1 > d0 && d1 - d0 <= 3 && at(e).is_some_and(dash) {
                let tight = d0 == k + 1 && e == d1;
                let before = k.checked_sub(1).and_then(at);
                let glued =
                    before.is_some_and(|b| !is_space(b)) && at(e + 1).is_some_and(|a| !is_space(a));
                let alone = before.is_none_or(is_space) && at(e + 1).is_none_or(is_space);
                if (tight && (alone || long)) || (long && glued) || far_at_end(&chars, k, e + 1) {
                    out.push((end_of(k), end_of(e + 1)));
                    k = e + 1;
                    continue;
                }
            }
        }
        // "第 3 页", "共 12 页", "第3页/共12页".
        if matches!(c, '第' | '共') {
            let d0 = skip_spaces(k + 1);
            let d1 = digits(d0);
            let e = skip_spaces(d1);
            if d1 > d0 && matches!(at(e), Some('页' | '頁')) {
                // The slash of "第3页/共12页" goes with the page number.
                let slash = matches!(at(e + 1), Some('/' | '／')) && at(e + 2) == Some('共');
                let end = if slash { e + 2 } else { e + 1 };
                out.push((end_of(k), end_of(end)));
                k = end;
                continue;
            }
        }
        // Dates: "2024年1月20日", "2024 年 1 月 20 日", "2024-01-20", "2024.1.20", "2024/1/20".
        if is_digit(c) && (k == 0 || !at(k - 1).is_some_and(is_digit)) {
            if let Some(e) = date_end(&chars, k) {
                out.push((end_of(k), end_of(e)));
                k = e;
                continue;
            }
        }
        k += 1;
    }
}

/// A page number `chars[k..end]` ("- 5 -", spaced like a page's footer) that ends the line
/// and stands apart from what precedes it: at least four spaces, and twice the widest gap
/// between the words before (not-applicable dashes among values, "0 - 3 -", are as far apart
/// as the values).
fn far_at_end(chars: &[(usize, char)], k: usize, end: usize) -> bool {
    if !chars[end..].iter().all(|&(_, c)| is_space(c)) {
        return false;
    }
    let gap = chars[..k]
        .iter()
        .rev()
        .take_while(|&&(_, c)| is_space(c))
        .count();
    if gap == k {
        return false;
    }
    let (mut widest, mut run) = (0, 0);
    for &(_, c) in &chars[..k - gap] {
        run = if is_space(c) { run + 1 } else { 0 };
        widest = widest.max(run);
    }
    gap >= 4 && gap >= 2 * widest.max(1)
}

/// The end (char index) of a date starting at `k`, if one does.
fn date_end(chars: &[(usize, char)], k: usize) -> Option<usize> {
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let number = |k: usize, max: usize| {
        let mut j = k;
        while at(j).is_some_and(is_digit) {
            j += 1;
        }
        (j > k && j - k <= max).then_some(j)
    };
    let spaces = |mut k: usize| {
        while at(k).is_some_and(is_space) {
            k += 1;
        }
        k
    };
    let y = number(k, 4).filter(|&j| j - k == 4)?;
    let year: String = chars[k..y]
        .iter()
        .map(|&(_, c)| super::fold_char(c))
        .collect();
    if !(year.starts_with("19") || year.starts_with("20")) {
        return None;
    }
    let sep = at(y)?;
    if matches!(sep, '-' | '.' | '/' | '－' | '／') {
        let m = number(y + 1, 2)?;
        if at(m) != Some(sep) {
            return None;
        }
        let d = number(m + 1, 2)?;
        return (!at(d).is_some_and(is_digit)).then_some(d);
    }
    let nian = spaces(y);
    if at(nian) != Some('年') {
        return None;
    }
    let m = number(spaces(nian + 1), 2)?;
    let yue = spaces(m);
    if at(yue) != Some('月') {
        // "2023 年" alone is a year in running text, not furniture.
        return None;
    }
    let Some(d) = number(spaces(yue + 1), 2) else {
        return Some(yue + 1);
    };
    let ri = spaces(d);
    if matches!(at(ri), Some('日' | '号')) {
        Some(ri + 1)
    } else {
        Some(yue + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(line: &str, long: bool) -> String {
        let mut s = String::new();
        let mut pos = 0;
        for (a, b) in skipped(line, long) {
            s.push_str(&line[pos..a]);
            s.push('¦');
            pos = b;
        }
        s.push_str(&line[pos..]);
        s
    }

    #[test]
    fn narratives_quoting_rows_are_prose() {
        assert_eq!(
            kept("本年新收政府信息公开申请5件，上年结转政府信息公开申请2件，办结5件，结转下年度0件。", false),
            "¦"
        );
        assert_eq!(
            kept("全年共办理政府信息公开申请2件，其中本年新收政府信息公开申请0件、上年结转政府信息公开申请2件；结转下年度继续办理0件。因政府信息公开被申请行政复议0件。（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", false),
            "¦（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        );
        // A PDF line of a wrapped paragraph, without its full stop.
        assert_eq!(kept("转政府信息公开申请2件，办结", false), "¦办结");
    }

    #[test]
    fn table_rows_are_not_prose() {
        for row in [
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）500000 5",
            "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3",
            "规章 000行政规范性文件693665第二十条第（五）项",
            "（一）予以公开 3件 2件 0 0 0 0 5件",
        ] {
            assert_eq!(kept(row, false), row);
        }
        // The row before a sentence glued to it stays.
        assert_eq!(
            kept("四、结转下年度继续办理0000000本年度未发生收费情况。", true),
            "四、结转下年度继续办理0000000¦"
        );
    }

    #[test]
    fn page_numbers_and_dates_are_furniture() {
        assert_eq!(kept("0 0 0 0 0    -4-", false), "0 0 0 0 0    ¦");
        assert_eq!(kept("0 0 0 第 4 页 共 9 页", false), "0 0 0 ¦ ¦");
        assert_eq!(kept("0 0 0 第4页/共9页", false), "0 0 0 ¦");
        // A footer's spaced page number far right of a row.
        assert_eq!(
            kept("10 1 0 0 5             - 5 -", false),
            "10 1 0 0 5             ¦"
        );
        assert_eq!(kept("0   -   3   -", false), "0   -   3   -");
        assert_eq!(kept("0 0 1 2024 年 1 月 20 日", false), "0 0 1 ¦");
        assert_eq!(kept("0 0 1 2024-01-20", false), "0 0 1 ¦");
        assert_eq!(
            kept("0 0 0 0 0 0 1- 2 -示例区农业农村局", true),
            "0 0 0 0 0 0 1¦示例区农业农村局"
        );
        // Not-applicable dashes around a value are cells.
        assert_eq!(kept("0 - 3 - 0", false), "0 - 3 - 0");
        assert_eq!(kept("0 - 3 - 0", true), "0 - 3 - 0");
        // Tika's bookmarks, glued to the cells of a one-line text.
        assert_eq!(
            kept(
                "87.3\t[bookmark: _Hlk12]行政处罚\t0\t[bookmark: _Hlk8]3.其他\t2",
                true
            ),
            "87.3\t¦行政处罚\t0\t¦3.其他\t2"
        );
        // A year alone, in running text, is not a date of the layout.
        assert_eq!(kept("2023 年", false), "2023 年");
    }
}
