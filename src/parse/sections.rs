//! Section headings 一…六: found by their wording, whatever the numbering punctuation.
//!
//! A heading is a numbering (`二、`, `二．`, `二.`, `二，`, `二 `, `（二）`, `第二部分`, or Arabic
//! `2、`) followed closely by one of its section's wordings (2019 and 2021 templates and the
//! variants agencies write). [`find_in_line`] yields every candidate; [`choose`] then keeps one
//! per section, preferring the right Chinese number in the report's order, so that sub-items
//! ("3.依申请公开情况") and an outline listed in the introduction do not stand in for a heading.

mod numbering;

use super::text::{find_str, fold_char};
use crate::model::{SectionId, Span};
use numbering::{lead_len, numbering_before, parts, separators, Mark};

/// Section wordings, as (keyword, section index): the keyword starting first after the
/// numbering names the section. Each is part of a heading wording of the 2019 or 2021 template
/// or of a variant met in real reports.
const KEYWORDS: &[(&str, usize)] = &[
    ("总体", 0),
    ("基本情况", 0),
    ("基本概况", 0),
    ("概述", 0),
    ("概况", 0),
    ("综述", 0),
    ("整体情况", 0),
    ("主动公开", 1),
    ("收到和处理", 2),
    ("收到及处理", 2),
    ("收到与处理", 2),
    ("受理和处理", 2),
    ("受理及处理", 2),
    ("依申请", 2),
    ("公开申请情况", 2),
    ("公开申请的情况", 2),
    ("公开申请办理情况", 2),
    ("公开申请处理情况", 2),
    ("行政复议", 3),
    ("行政诉讼", 3),
    ("问题", 4),
    ("不足", 4),
    ("改进", 4),
    ("整改", 4),
    ("其他需要", 5),
    ("其它需要", 5),
    ("其他需", 5),
    ("其它需", 5),
    ("其他事项", 5),
    ("其它事项", 5),
    ("需要报告", 5),
];

/// Words a heading ends with; inside a long line the heading ends after the first of them.
const CLOSERS: [&str; 5] = ["情况", "事项", "措施", "概述", "概况"];

/// Words of table 三's row labels ("一、本年新收政府信息公开申请数量", "四、结转下年度继续办理"),
/// which are numbered like headings but are not.
const ROW_WORDS: [&str; 6] = ["数量", "办理结果", "结转", "予以公开", "不予", "总计"];

/// How far (in characters) after the numbering a keyword may start: the 2019 template's
/// "四、因政府信息公开工作被申请行政复议、…" has 13 characters before "行政复议".
const KEYWORD_REACH: usize = 20;

/// How many characters of heading are read after the numbering.
const TITLE_REACH: usize = 32;

/// A line this short (in characters) that starts with a heading is the heading.
const SHORT_LINE: usize = 60;

/// How a heading is numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A Chinese numeral and a separator: `二、`, `二．`, `二.`, `二，`, `二 `.
    Chinese,
    /// `第二部分`.
    Part,
    /// `（二）`: it numbers sub-items too, so a wrong number counts only in a report whose
    /// headings are bracketed.
    Bracket,
    /// Arabic `2、`, `2.`, taken only with the section's own number (it numbers sub-items too).
    Arabic,
}

/// A heading candidate found in a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Heading {
    pub(crate) id: SectionId,
    /// The numbering as written, separator included, surrounding spaces not.
    pub(crate) numbering: String,
    pub(crate) number: Option<usize>,
    pub(crate) kind: Kind,
    pub(crate) text: String,
    pub(crate) span: Span,
}

impl Heading {
    /// How sure the candidate is: 0 for the section's own Chinese number, 1 for its own
    /// bracketed one, 2 for a wrong Chinese number or an Arabic numeral (a misnumbered heading,
    /// or a sub-item), 3 for a wrong bracketed number (most often a sub-item).
    fn rank(&self) -> u8 {
        let own = self.number == Some(self.id.number());
        match self.kind {
            Kind::Chinese | Kind::Part if own => 0,
            Kind::Bracket if own => 1,
            Kind::Bracket => 3,
            _ => 2,
        }
    }
}

/// Finds heading candidates in one line that starts at byte `base` of the document.
///
/// At the start of a short line the whole line is the heading; inside a long line (crawler
/// text glues everything, a web page may come as one line) the heading ends after its closing
/// word and must follow a sentence end, a space, a bracket or a digit.
pub(crate) fn find_in_line(line: &str, base: usize) -> Vec<Heading> {
    let mut out = Vec::new();
    let lead = lead_len(line);
    // Whether the line is short enough to be a heading on its own (counted only if needed).
    let short = std::cell::OnceCell::new();
    let is_short = || *short.get_or_init(|| is_short_line(line.trim()));
    let marks = separators(line, lead)
        .filter_map(|i| numbering_before(line, i))
        .chain(parts(line, lead));
    for m in marks {
        let line_start = m.start == lead;
        if !line_start && !is_boundary_before(line, m.start) {
            continue;
        }
        let alone = line_start && is_short();
        if m.kind == Kind::Arabic && !alone && !arabic_inside_line(line, &m) {
            continue;
        }
        // Sections are 一…六; a report with a section too many may reach 七 or so.
        let most = if m.kind == Kind::Arabic { 6 } else { 10 };
        if !m.number.is_some_and(|n| (1..=most).contains(&n)) {
            continue;
        }
        let title = m.end + (line[m.end..].len() - line[m.end..].trim_start().len());
        let Some((id, end)) = match_title(&line[title..]) else {
            continue;
        };
        if m.kind == Kind::Arabic && m.number != Some(id.number()) {
            continue;
        }
        let end = title + end;
        let trimmed_end = line.trim_end().len();
        let rest = &line[end..trimmed_end];
        let end = if alone && !rest.contains(['。', '；', ';', '，', ',']) {
            trimmed_end
        } else if is_list_item(rest) {
            continue;
        } else {
            end
        };
        out.push(Heading {
            id,
            numbering: line[m.start..m.end].trim().to_string(),
            number: m.number,
            kind: m.kind,
            text: line[m.start..end].trim().to_string(),
            span: Span::new(base + m.start, base + end),
        });
    }
    if out.len() > 1 {
        out.sort_by_key(|h| h.span.start);
    }
    out
}

/// Whether an Arabic numbering inside a line (not alone on a short one) may be a heading's:
/// with `、` ("。5、存在的主要问题…"), with a dot after a sentence end, not after a digit
/// (a decimal: "0.5"), or with `，` right after a sentence or a table's last cell.
fn arabic_inside_line(line: &str, m: &Mark) -> bool {
    // "…0 ||5，存在的主要问题…": with a comma only right after a table, a sentence or a
    // glued run of a table's digits ("…00000000000000005，政府信息公开工作存在…").
    let before = line[..m.start].trim_end();
    let glued_run = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count()
        >= 5;
    let comma =
        line[..m.end].ends_with('，') && (before.ends_with(['。', '|', '｜', '；']) || glued_run);
    // "…|0|0|5 存在问题…": a space numbering right after a table's last cell.
    let spaced = line[..m.end].ends_with(' ') && line[..m.start].ends_with('|');
    m.dun || comma || spaced || (m.dot && !after_digit(line, m.start))
}

/// True when `text` has at most `SHORT_LINE` characters (counted only when the byte length
/// does not tell).
fn is_short_line(text: &str) -> bool {
    text.len() <= SHORT_LINE
        || (text.len() <= 4 * SHORT_LINE && text.chars().nth(SHORT_LINE).is_none())
}

/// Keeps one heading per section, in text order (`candidates` are in text order).
///
/// Per section, in order 一…六: the first candidate with its own Chinese number after the
/// previous sections' headings, else the first anywhere (a section really out of order). Then,
/// for a section still without one, a bracketed or misnumbered candidate (`5、`, a repeated
/// `三、`) between its neighbours' headings: outside them it is a sub-item or an outline
/// entry, and no heading is better than a wrong one. A report whose headings are bracketed
/// (`（一）`…) gets the same treatment for its brackets.
pub(crate) fn choose(candidates: Vec<Heading>) -> Vec<Heading> {
    let mut pick: [Option<usize>; 6] = [None; 6];
    in_order(&candidates, &mut pick, |h| h.rank() == 0);
    for rank in [1, 2] {
        between(&candidates, &mut pick, |h| h.rank() == rank);
    }
    let bracketed = pick
        .iter()
        .flatten()
        .filter(|&&i| candidates[i].kind == Kind::Bracket)
        .count();
    if bracketed >= 3 {
        in_order(&candidates, &mut pick, |h| h.rank() == 1);
        between(&candidates, &mut pick, |h| h.rank() == 3);
    }
    // Candidates come in text order, so the kept ones do too.
    candidates
        .into_iter()
        .enumerate()
        .filter(|(i, _)| pick.contains(&Some(*i)))
        .map(|(_, h)| h)
        .collect()
}

/// For each section without a heading: the first candidate taken by `ok` after the headings
/// of the sections before it, else the first anywhere.
fn in_order(candidates: &[Heading], pick: &mut [Option<usize>; 6], ok: impl Fn(&Heading) -> bool) {
    for (k, id) in SectionId::ALL.into_iter().enumerate() {
        if pick[k].is_some() {
            continue;
        }
        let last = pick[..k]
            .iter()
            .flatten()
            .map(|&i| candidates[i].span.start)
            .max();
        let fits = |h: &Heading| h.id == id && ok(h);
        pick[k] = candidates
            .iter()
            .position(|h| fits(h) && last.is_none_or(|p| h.span.start > p))
            .or_else(|| candidates.iter().position(fits));
    }
}

/// For each section without a heading: the first candidate taken by `ok` between the headings
/// of the nearest sections before and after it.
fn between(candidates: &[Heading], pick: &mut [Option<usize>; 6], ok: impl Fn(&Heading) -> bool) {
    let pos = |i: usize| candidates[i].span.start;
    for (k, id) in SectionId::ALL.into_iter().enumerate() {
        if pick[k].is_some() {
            continue;
        }
        let lo = pick[..k].iter().rev().find_map(|p| p.map(pos));
        let hi = pick[k + 1..].iter().find_map(|p| p.map(pos));
        pick[k] = candidates.iter().position(|h| {
            h.id == id
                && ok(h)
                && lo.is_none_or(|p| h.span.start > p)
                && hi.is_none_or(|p| h.span.start < p)
        });
    }
}

/// Inside a line, a heading must follow a sentence end, a space, a bracket or a digit. Not a
/// "；" or "，": "…；二、主动公开政府信息情况；…" is an outline in the introduction.
fn is_boundary_before(line: &str, pos: usize) -> bool {
    match line[..pos].chars().next_back() {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || c.is_ascii_digit()
                || "。：:）)”\"》|]】！？!?".contains(c)
                || ('０'..='９').contains(&c)
                || ends_with_page_number(&line[..pos])
        }
    }
}

/// True when `text` ends with a page footer ("- 5 -", "—5—"): in one-line text the next
/// page's heading touches it.
fn ends_with_page_number(text: &str) -> bool {
    let dash = |c: char| matches!(c, '-' | '—' | '－' | '–');
    let Some(rest) = text.strip_suffix(dash) else {
        return false;
    };
    let rest = rest.trim_end();
    let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let rest = rest[..rest.len() - digits].trim_end();
    (1..=3).contains(&digits) && rest.ends_with(dash)
}

/// True when the character before `pos` is a digit (a decimal point, not a numbering).
fn after_digit(line: &str, pos: usize) -> bool {
    line[..pos]
        .chars()
        .next_back()
        .is_some_and(|c| fold_char(c).is_ascii_digit())
}

/// True when what follows a heading shows it is an entry of a list: "总体情况；二、…",
/// "总体情况，二、…", "总体情况、二、…".
fn is_list_item(rest: &str) -> bool {
    let mut cs = rest.trim_start().chars();
    match cs.next() {
        Some('；' | ';' | '，' | ',') => true,
        Some('、') => cs.next().is_some_and(|c| "一二三四五六（(".contains(c)),
        _ => false,
    }
}

/// True for the characters a heading's words are made of.
fn is_heading_char(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || matches!(c, '、' | '﹑')
}

/// The section a heading's words name, and the byte offset in `text` where the heading ends.
///
/// The words are the run of Chinese characters (and `、`) at the start of `text`, at most
/// `TITLE_REACH` of them: a keyword must start in its first `KEYWORD_REACH` characters, and
/// the heading ends after the first closing word (情况, 事项, 措施…) from the keyword on, or
/// after the keyword. Table 三's numbered row labels are turned down. `text` is read as it is:
/// `parse` has turned Traditional characters Simplified already.
fn match_title(text: &str) -> Option<(SectionId, usize)> {
    let run_end = text
        .char_indices()
        .take(TITLE_REACH)
        .take_while(|&(_, c)| is_heading_char(c))
        .last()
        .map(|(b, c)| b + c.len_utf8())?;
    if text.starts_with(['、', '﹑']) {
        return None;
    }
    let words = &text[..run_end];
    let (id, kw_start, kw_end) = first_keyword(words)?;
    let end = CLOSERS
        .iter()
        .filter_map(|w| closer_end(words, w, kw_start, kw_end))
        .min()
        .unwrap_or(kw_end);
    if ROW_WORDS
        .iter()
        .any(|w| find_str(&words[..end], w).is_some())
    {
        return None;
    }
    Some((id, end))
}

/// The section of the keyword starting first within reach (the longest of those starting
/// there), and the byte offsets of its start and end. One pass over the characters, testing
/// the keywords only where one may start: this runs on every numbered line.
fn first_keyword(words: &str) -> Option<(SectionId, usize, usize)> {
    for (n, (p, c)) in words.char_indices().enumerate() {
        if n == KEYWORD_REACH {
            break;
        }
        if !starts_keyword(c) {
            continue;
        }
        let rest = &words[p..];
        let found = KEYWORDS
            .iter()
            .filter(|(w, _)| rest.starts_with(w))
            .max_by_key(|(w, _)| w.len());
        if let Some(&(w, k)) = found {
            return Some((SectionId::ALL[k], p, p + w.len()));
        }
    }
    None
}

/// True for the first characters of the `KEYWORDS`.
fn starts_keyword(c: char) -> bool {
    matches!(
        c,
        '总' | '基'
            | '概'
            | '综'
            | '整'
            | '主'
            | '收'
            | '受'
            | '依'
            | '公'
            | '行'
            | '问'
            | '不'
            | '改'
            | '其'
            | '需'
    )
}

/// The end of the first closing word `w` from the keyword on that does not end inside it.
fn closer_end(words: &str, w: &str, kw_start: usize, kw_end: usize) -> Option<usize> {
    let e = kw_start + find_str(&words[kw_start..], w)? + w.len();
    if e >= kw_end {
        return Some(e);
    }
    Some(kw_end + find_str(&words[kw_end..], w)? + w.len())
}

#[cfg(test)]
mod tests;
