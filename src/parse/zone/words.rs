//! One line split into label and value tokens, including digit runs a crawler glued to the
//! labels around them.

use super::{tok, Ctx, Item};
use crate::model::Span;
use crate::parse::text::{fold_char, is_value};
use std::borrow::Cow;

/// Words longer than this (in characters) are searched for glued digit runs.
pub(super) const GLUED_WORD_CHARS: usize = 16;

/// Splits one line into label and value tokens: white-space separated values, and digit
/// runs glued to labels in crawler text ("规章 000行政规范性文件693665").
pub(super) fn split_line<'a>(line: &'a str, base: usize, ctx: Ctx, out: &mut Vec<Item<'a>>) {
    let mut label: Option<(usize, usize)> = None;
    let at = (false, ctx.line);
    let flush_label = |label: &mut Option<(usize, usize)>, out: &mut Vec<Item<'a>>| {
        if let Some((s, e)) = label.take() {
            let raw = &line[s..e];
            let text: Cow<'a, str> = if raw.contains(char::is_whitespace) {
                Cow::Owned(raw.split_whitespace().collect())
            } else {
                Cow::Borrowed(raw)
            };
            if !text.is_empty() {
                out.push(tok(text, Span::new(base + s, base + e), false, at));
            }
        }
    };
    for (ws, word) in words(line) {
        if is_value(word) {
            flush_label(&mut label, out);
            let span = Span::new(base + ws, base + ws + word.len());
            out.push(tok(word, span, true, at));
            continue;
        }
        for (s, e, is_val) in glued_parts(word, ctx.long) {
            let (s, e) = (ws + s, ws + e);
            if is_val {
                flush_label(&mut label, out);
                out.push(tok(&line[s..e], Span::new(base + s, base + e), true, at));
            } else {
                label = Some(match label {
                    Some((ls, _)) => (ls, e),
                    None => (s, e),
                });
            }
        }
    }
    flush_label(&mut label, out);
}

/// A word's label and value parts. Only crawler text glues cells into long words; a short
/// word ("约3") is one cell, unless its line is a whole report on one line, where a row's
/// first and last values touch the labels around them ("总计0", "02.重复申请0") — and even
/// there a one-character label ("约3") keeps its digits.
pub(super) fn glued_parts(word: &str, long: bool) -> Vec<(usize, usize, bool)> {
    let whole = vec![(0, word.len(), false)];
    if word.chars().count() > GLUED_WORD_CHARS {
        return segments(word);
    }
    if !long || !word.contains(|c: char| is_digitish(c)) {
        return whole;
    }
    let parts = segments(word);
    let labels_ok = parts
        .iter()
        .filter(|(_, _, v)| !v)
        .all(|&(s, e, _)| word[s..e].chars().count() >= 2);
    if parts.len() > 1 && labels_ok {
        parts
    } else {
        whole
    }
}

/// White-space separated words with their byte offsets.
pub(super) fn words(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        let sep = c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}';
        match (sep, start) {
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}

pub(super) fn is_digitish(c: char) -> bool {
    fold_char(c).is_ascii_digit()
}

/// Splits a word into (start, end, is_value) segments: digit runs are values unless they
/// are a label's numbering ("2.其他…"), a year, or part of "第…" / "…项".
pub(super) fn segments(word: &str) -> Vec<(usize, usize, bool)> {
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    let push = |s: usize, e: usize, v: bool, out: &mut Vec<(usize, usize, bool)>| {
        if s < e {
            match out.last_mut() {
                Some(last) if !last.2 && !v => last.1 = e,
                _ => out.push((s, e, v)),
            }
        }
    };
    let mut text_start = 0;
    let mut prev: Option<char> = None;
    let mut it = word.char_indices().peekable();
    while let Some((run_start, c)) = it.next() {
        if !is_digitish(c) {
            prev = Some(c);
            continue;
        }
        let (mut end, mut last_digit) = (run_start + c.len_utf8(), run_start);
        while let Some(&(j, d)) = it.peek() {
            let decimal_point = d == '.' && word[j + 1..].chars().next().is_some_and(is_digitish);
            if !is_digitish(d) && !decimal_point {
                break;
            }
            if is_digitish(d) {
                last_digit = j;
            }
            end = j + d.len_utf8();
            it.next();
        }
        let mut after = word[end..].chars();
        let next = after.next();
        let numbering = matches!(next, Some('.' | '、' | '．'))
            && after.next().is_some_and(|c| !is_digitish(c));
        let in_label =
            prev == Some('第') || matches!(next, Some('年' | '月' | '日' | '项' | '%' | '号'));
        prev = None;
        if in_label {
            continue;
        }
        push(text_start, run_start, false, &mut out);
        if numbering {
            // "00000002.其他": the last digit numbers the label, the rest is a value.
            push(run_start, last_digit, true, &mut out);
            text_start = last_digit;
        } else {
            push(run_start, end, true, &mut out);
            text_start = end;
        }
    }
    push(text_start, word.len(), false, &mut out);
    out
}
