//! Section headings 一…六: found by keyword, tolerant of wording and misnumbering.

use super::text::{chinese_number, find_str, fold_char, Label};
use crate::model::{SectionId, Span};

/// Keywords that identify each section's heading; one must follow the numbering closely.
const KEYWORDS: [&[&str]; 6] = [
    &["总体情况", "概述", "基本情况", "总体概况"],
    &["主动公开"],
    &["收到和处理", "依申请公开", "收到及处理", "申请情况"],
    &["行政复议", "行政诉讼"],
    &[
        "存在的主要问题",
        "存在问题",
        "主要问题",
        "改进情况",
        "问题及改进",
    ],
    &["其他需要报告", "其他事项", "其它需要报告"],
];

/// How far (in characters) after the numbering a keyword may start.
const KEYWORD_REACH: usize = 12;

/// A heading candidate found in a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Heading {
    pub(crate) id: SectionId,
    pub(crate) numbering: String,
    pub(crate) number: Option<usize>,
    pub(crate) text: String,
    pub(crate) span: Span,
}

/// Finds headings in one line that starts at byte `base` of the document.
///
/// A heading is a numbering (`五、`, `5、`, `五．`) followed within a few characters by
/// a section keyword. At the start of a short line the whole line is the heading; inside a
/// long line (crawler text glues everything) the heading ends after its closing word.
pub(crate) fn find_in_line(line: &str, base: usize) -> Vec<Heading> {
    let mut out = Vec::new();
    let lead = line.len() - line.trim_start().len();
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return out;
    }
    // Whether the line is short enough to be a heading on its own (counted only if needed).
    let short = std::cell::OnceCell::new();
    let at_start = || *short.get_or_init(|| trimmed.chars().nth(60).is_none());
    for i in separators(line) {
        let Some((num_start, number)) = numbering_before(line, i) else {
            continue;
        };
        let sep_len = line[i..].chars().next().map_or(1, char::len_utf8);
        let after = i + sep_len;
        let line_start = num_start == lead;
        if !line_start && !is_boundary_before(line, num_start) {
            continue;
        }
        if line[i..].starts_with('.') && !(line_start && at_start()) {
            continue;
        }
        let Some((id, kw_end)) = match_keywords(&line[after..]) else {
            continue;
        };
        // Arabic numbering ("1.主动公开情况", "2、依申请公开") is how sub-items inside 总体情况
        // are numbered; take it only when it gives the section's own number.
        let arabic = line[num_start..i]
            .chars()
            .all(|c| fold_char(c).is_ascii_digit());
        if arabic && number != Some(id.number()) {
            continue;
        }
        let end = if line_start && at_start() {
            lead + trimmed.len()
        } else {
            heading_end(line, after, after + kw_end)
        };
        out.push(Heading {
            id,
            numbering: line[num_start..after].to_string(),
            number,
            text: line[num_start..end].trim().to_string(),
            span: Span::new(base + num_start, base + end),
        });
    }
    out
}

/// Byte offsets of the numbering separators `、`, `.` and `．` (a byte scan: this runs over
/// every line of every report).
fn separators(line: &str) -> impl Iterator<Item = usize> + '_ {
    let b = line.as_bytes();
    memchr::memchr3_iter(b'.', 0xE3, 0xEF, b).filter(move |&i| match b[i] {
        b'.' => true,
        0xE3 => b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x81),
        _ => b.get(i + 1) == Some(&0xBC) && b.get(i + 2) == Some(&0x8E),
    })
}

/// The numbering ending at byte `sep` (the `、`): its start and value, when it is one
/// numeral or a one- or two-digit number.
fn numbering_before(line: &str, sep: usize) -> Option<(usize, Option<usize>)> {
    let before = &line[..sep];
    let mut start = sep;
    let mut count = 0;
    let mut arabic = None;
    for (j, c) in before.char_indices().rev() {
        let c = fold_char(c);
        let is_digit = c.is_ascii_digit();
        // One kind of numeral: in "…24252.311082三、" the heading's number is 三 alone.
        if (is_digit || "一二三四五六七八九十".contains(c)) && arabic.is_none_or(|a| a == is_digit)
        {
            arabic = Some(is_digit);
            start = j;
            count += 1;
            if count > 2 {
                return None;
            }
        } else {
            break;
        }
    }
    if count == 0 {
        return None;
    }
    let numeral = &line[start..sep];
    let folded: String = numeral.chars().map(fold_char).collect();
    let number = folded
        .parse::<usize>()
        .ok()
        .or_else(|| chinese_number(&folded).map(|n| n as usize));
    Some((start, number))
}

/// Inside a line, a heading must follow a sentence end, a space, a bracket or a digit.
fn is_boundary_before(line: &str, pos: usize) -> bool {
    match line[..pos].chars().next_back() {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || c.is_ascii_digit()
                || "。；;：:）)”\"》|".contains(c)
                || ('０'..='９').contains(&c)
        }
    }
}

/// The section whose keyword starts within reach of the text's start, and the byte offset
/// of the keyword's end in `text`. The window is folded once (Traditional, full-width).
fn match_keywords(text: &str) -> Option<(SectionId, usize)> {
    let reach = text
        .char_indices()
        .nth(KEYWORD_REACH + 8)
        .map_or(text.len(), |(b, _)| b);
    let raw = &text[..reach];
    // Text that needs no folding (the usual case) is searched as it is.
    let folded: std::borrow::Cow<'_, str> = if raw.chars().all(|c| fold_char(c) == c) {
        std::borrow::Cow::Borrowed(raw)
    } else {
        std::borrow::Cow::Owned(raw.chars().map(fold_char).collect())
    };
    let label = Label::new(&folded);
    let mut best: Option<(usize, SectionId, usize)> = None;
    for (k, words) in KEYWORDS.iter().enumerate() {
        for w in *words {
            if !label.has(w) {
                continue;
            }
            let Some(p) = find_str(&folded, w) else {
                continue;
            };
            let start_char = folded[..p].chars().count();
            if start_char >= KEYWORD_REACH || best.is_some_and(|(bp, _, _)| start_char >= bp) {
                continue;
            }
            let end_char = start_char + w.chars().count();
            let end = raw
                .char_indices()
                .nth(end_char)
                .map_or(raw.len(), |(b, _)| b);
            best = Some((start_char, SectionId::ALL[k], end));
        }
    }
    best.map(|(_, id, end)| (id, end))
}

/// Where an inline heading ends: after its closing word (情况, 事项, 措施), else after
/// the keyword.
fn heading_end(line: &str, from: usize, kw_end: usize) -> usize {
    let window_end = line[from..]
        .char_indices()
        .nth(30)
        .map_or(line.len(), |(j, _)| from + j);
    let window = &line[from..window_end];
    ["情况", "事项", "措施"]
        .iter()
        .filter_map(|w| window.find(w).map(|p| from + p + w.len()))
        .filter(|&e| e >= kw_end)
        .min()
        .unwrap_or(kw_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(line: &str) -> Vec<(SectionId, String)> {
        find_in_line(line, 0)
            .into_iter()
            .map(|h| (h.id, h.text))
            .collect()
    }

    #[test]
    fn finds_line_headings_and_misnumbering() {
        assert_eq!(
            ids("二、主动公开政府信息情况"),
            vec![(SectionId::S2, "二、主动公开政府信息情况".into())]
        );
        let h = find_in_line("5、 存在的主要问题及改进情况", 0);
        assert_eq!(h[0].id, SectionId::S5);
        assert_eq!(h[0].numbering, "5、");
        assert_eq!(h[0].number, Some(5));
    }

    #[test]
    fn ignores_sub_items_and_row_labels() {
        assert!(ids("1.主动公开情况。2023年，环翠区商务局共通过政府网站公开信息161条，涵盖人事任免、政策文件、业务动态、执法公示、财政信息等多个方面。").is_empty());
        assert!(ids("一、本年新收政府信息公开申请数量").is_empty());
        assert!(ids("四、结转下年度继续办理").is_empty());
        assert!(
            ids("本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况")
                .is_empty()
        );
    }

    #[test]
    fn finds_inline_headings_in_glued_text() {
        let line = "切实提升我区政务公开质效。二、主动公开政府信息情况 第二十条第（一）项信息内容";
        assert_eq!(
            ids(line),
            vec![(SectionId::S2, "二、主动公开政府信息情况".into())]
        );
    }
}
