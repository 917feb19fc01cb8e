//! Web pages: a government CMS page as saved from the browser, or a bare fragment of the
//! article. The article body is found among the site's chrome; its paragraphs become lines and
//! its tables rows of cells (`rowspan`/`colspan` resolved the way a Word table reads).
//!
//! What the page says about the article (its title, 发布日期, 发布机构) is put above the
//! body as a crawler writes it, so the parser reads it the same way.

use super::builder::DocBuilder;
use super::document::{Document, Format};
use crate::model::ReadProblem;
use encoding_rs::Encoding;
use scraper::node::Node;
use scraper::{ElementRef, Html};
use std::path::Path;

mod slim;

/// Decodes a web page.
pub(super) fn decode(path: &Path, bytes: &[u8]) -> Result<Document, ReadProblem> {
    let (text, encoding) = decode_charset(bytes)?;
    let html = Html::parse_document(&slim::slim(&text));
    let page = PageMeta::read(&html);
    let root = body_root(&html);
    let mut b = DocBuilder::new();
    page.write_header(&mut b, &leading_lines(root), &chrome(&html, root));
    let mut walker = Walker::default();
    walker.element(root, &mut b)?;
    walker.flush(&mut b);
    b.finish(path, Format::Html, encoding)
}

/// True when bytes without a known extension are a web page.
pub(super) fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || t.starts_with("<?xml") && t.contains("<html")
}

/// Pages up to this size whose tags nest at most [`INLINE_DEPTH`] deep are parsed on the
/// calling thread: html5ever's time is linear in size for them (it grows with size × depth,
/// and with the formatting elements left open, which the count includes).
const INLINE_BYTES: usize = 1024 * 1024;
const INLINE_DEPTH: usize = 128;

/// True for a page html5ever parses in time linear in its size, so it needs no thread of its
/// own to stay within the budget: small, and its tags (counted naively: every start tag
/// opens, every end tag of the same kind closes) never nest deep.
pub(super) fn parses_quickly(bytes: &[u8]) -> bool {
    if bytes.len() > INLINE_BYTES {
        return false;
    }
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', &bytes[at..]) {
        at += i + 1;
        let closing = bytes.get(at) == Some(&b'/');
        let name_at = at + usize::from(closing);
        let len = bytes[name_at..]
            .iter()
            .take(16)
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 {
            continue;
        }
        let name = &bytes[name_at..name_at + len];
        // Void elements, and those the next sibling closes, do not nest.
        let flat = [
            &b"br"[..],
            b"img",
            b"meta",
            b"link",
            b"input",
            b"hr",
            b"col",
            b"area",
            b"base",
            b"wbr",
            b"source",
            b"embed",
            b"param",
            b"track",
            b"p",
            b"li",
            b"td",
            b"th",
            b"tr",
            b"option",
            b"dt",
            b"dd",
            b"colgroup",
            b"tbody",
            b"thead",
            b"tfoot",
        ]
        .iter()
        .any(|v| v.eq_ignore_ascii_case(name));
        if flat {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > INLINE_DEPTH {
                return false;
            }
        }
    }
    true
}

// ---------------------------------------------------------------------------------------
// Charset

/// The page's text and encoding: BOM, then `<meta charset>` / `http-equiv` in the first KiB,
/// then valid UTF-8, then detection (a `gb2312` label decodes as GBK, as browsers do).
fn decode_charset(bytes: &[u8]) -> Result<(String, &'static str), ReadProblem> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (t, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok((t.into_owned(), enc.name()));
    }
    if let Some(enc) = meta_charset(&bytes[..bytes.len().min(1024)]) {
        // A page labelled UTF-8 that is not is common enough: trust the bytes then.
        if enc != encoding_rs::UTF_8 {
            let (t, _, _) = enc.decode(bytes);
            return Ok((t.into_owned(), enc.name()));
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), encoding_rs::UTF_8.name()));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    let (t, _, _) = enc.decode(bytes);
    Ok((t.into_owned(), enc.name()))
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv content="…; charset=…">` names.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'') {
            i += 1;
        }
        let end = lower[i..]
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'>' | b'/'))
            .map_or(lower.len(), |p| i + p);
        if let Some(enc) = Encoding::for_label(&lower[i..end]) {
            // A page cannot really be UTF-16 if its meta is readable as ASCII.
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    enc
                },
            );
        }
    }
    None
}

// ---------------------------------------------------------------------------------------
// The page's own metadata

#[derive(Debug, Default)]
struct PageMeta {
    /// `<meta name="ArticleTitle">`, else `<title>` without the site's name.
    title: Option<String>,
    /// `<meta name="PubDate">`, else a 发布日期/发文日期/成文日期 line of the page.
    published: Option<String>,
    /// 发布机构 / 发文机关 of the page's info table.
    publisher: Option<String>,
}

/// Keys the info block above an article gives its date under, best first.
const DATE_KEYS: &[&str] = &["发布日期", "发布时间", "公开日期", "发文日期", "成文日期"];
const PUBLISHER_KEYS: &[&str] = &["发布机构", "发文机关", "发文单位", "公开责任部门"];

impl PageMeta {
    fn read(html: &Html) -> PageMeta {
        let mut m = PageMeta::default();
        for el in html
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
        {
            match el.value().name() {
                "meta" => {
                    let name = el.value().attr("name").unwrap_or("").to_ascii_lowercase();
                    let content = el.value().attr("content").unwrap_or("").trim();
                    if content.is_empty() {
                        continue;
                    }
                    match name.as_str() {
                        "articletitle" | "title" => m.title = Some(content.to_owned()),
                        "pubdate" | "publishdate" | "firstpublishedtime" | "createdate"
                            if m.published.is_none() =>
                        {
                            m.published = Some(content.to_owned());
                        }
                        "contentsource" | "author"
                            if m.publisher.is_none()
                                && content.ends_with([
                                    '局', '委', '办', '府', '院', '会', '处', '厅',
                                ]) =>
                        {
                            m.publisher = Some(content.to_owned());
                        }
                        _ => {}
                    }
                }
                "title" if m.title.is_none() => {
                    let t: String = el.text().collect();
                    let t = t.trim();
                    // "报告标题_站点名" / "报告标题 - 站点名": the site's name is not the report's.
                    let t = t
                        .split(['_', '|'])
                        .next()
                        .unwrap_or(t)
                        .split(" - ")
                        .next()
                        .unwrap_or(t)
                        .trim();
                    if !t.is_empty() {
                        m.title = Some(t.to_owned());
                    }
                }
                _ => {}
            }
        }
        m
    }

    /// Writes the header lines the body lacks: the title when the body starts without one,
    /// the publication date and the publisher when the page gives them outside the body.
    fn write_header(&self, out: &mut DocBuilder, head: &[String], chrome: &[String]) {
        if let Some(t) = &self.title {
            let titled = head.iter().take(4).any(|l| l.contains("报告"));
            if !titled && t.contains("报告") && t.chars().any(|c| c.is_ascii_digit()) {
                out.header("标题", t);
            }
        }
        let date = self
            .published
            .clone()
            .or_else(|| key_value(chrome, DATE_KEYS));
        if let Some(d) = date {
            if !head.iter().any(|l| DATE_KEYS.iter().any(|k| l.contains(k))) {
                out.header("发布日期", &d);
            }
        }
        let publisher = key_value(chrome, PUBLISHER_KEYS).or_else(|| self.publisher.clone());
        if let Some(p) = publisher {
            out.header("发布机构", &p);
        }
    }
}

/// The value after the first of `keys` (`key：value`, `key: value`, or `key` then the value
/// in the next piece of text) among the pieces of the page's chrome.
fn key_value(chrome: &[String], keys: &[&str]) -> Option<String> {
    for key in keys {
        for (i, piece) in chrome.iter().enumerate() {
            let Some(at) = piece.find(key) else {
                continue;
            };
            let rest = piece[at + key.len()..]
                .trim_start_matches([' ', ':', '：', '\u{a0}', '\u{3000}'])
                .trim();
            let value = if rest.is_empty() {
                chrome.get(i + 1).map_or("", |s| s.trim())
            } else {
                rest
            };
            // The value ends where the next key of the info line starts.
            let value = value
                .split(['\u{a0}', '\u{3000}', '\t'])
                .next()
                .unwrap_or("")
                .split("  ")
                .next()
                .unwrap_or("")
                .trim();
            let value = cut_at_next_key(value);
            if !value.is_empty() && value.chars().count() <= 40 {
                return Some(value.to_owned());
            }
        }
    }
    None
}

fn cut_at_next_key(value: &str) -> &str {
    let mut end = value.len();
    for k in [
        "索引号",
        "发布机构",
        "发文机关",
        "发布日期",
        "成文日期",
        "发文日期",
        "来源",
        "浏览",
        "字号",
        "分类",
        "主题",
        "文号",
    ] {
        if let Some(p) = value.find(k) {
            if p > 0 {
                end = end.min(p);
            }
        }
    }
    value[..end].trim()
}

/// The first few pieces of the article's text (its title and 发布日期 lines, if it has them):
/// text nodes, without walking the whole article.
fn leading_lines(root: ElementRef<'_>) -> Vec<String> {
    root.text()
        .map(tidy)
        .filter(|t| !t.is_empty())
        .take(6)
        .collect()
}

/// The page's text outside the article and above its end: the info table and the header
/// lines a CMS puts around it, a piece per text node.
fn chrome(html: &Html, root: ElementRef<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for node in html.root_element().descendants() {
        if node.id() == root.id() {
            break;
        }
        let Node::Text(t) = node.value() else {
            continue;
        };
        let skipped = node.ancestors().any(|a| match a.value() {
            Node::Element(e) => is_skipped(e.name()),
            _ => false,
        });
        let t = tidy(t);
        if !skipped && !t.is_empty() {
            out.push(t);
        }
        if out.len() > 2000 {
            break;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Finding the article among the chrome

/// Elements that never hold the article's text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "select"
            | "option"
            | "button"
            | "input"
            | "textarea"
            | "svg"
            | "object"
            | "head"
            | "nav"
            | "map"
    )
}

/// Words of the national tables: a table with two of them is one of the report's tables.
const TABLE_WORDS: &[&str] = &[
    "本年新收",
    "信息内容",
    "行政复议",
    "申请人情况",
    "予以公开",
    "本年新制作",
    "行政许可",
    "行政处罚",
    "结果维持",
    "规范性文件",
];

/// The element holding the article: the lowest element around the report's tables whose
/// text starts the report (its 总体情况 section or its title); without such tables, the
/// element holding most paragraph text.
fn body_root(html: &Html) -> ElementRef<'_> {
    let root = html.root_element();
    let tables: Vec<ElementRef<'_>> = root
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "table")
        .filter(|t| !has_table_inside(*t))
        .filter(|t| {
            let text: String = t.text().collect();
            TABLE_WORDS.iter().filter(|w| text.contains(*w)).count() >= 2
        })
        .collect();
    let start = match tables.as_slice() {
        [] => densest(root),
        [first, rest @ ..] => rest
            .iter()
            .fold(*first, |lca, t| common_ancestor(lca, *t).unwrap_or(root)),
    };
    // Go up until the element also holds the report's opening.
    let mut el = start;
    loop {
        let text: String = el.text().take(4000).collect();
        if text.contains("总体情况") || text.contains("概述") {
            return el;
        }
        match el.parent().and_then(ElementRef::wrap) {
            Some(p) => el = p,
            None => return root,
        }
    }
}

fn has_table_inside(t: ElementRef<'_>) -> bool {
    t.descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .any(|e| e.value().name() == "table")
}

fn common_ancestor<'a>(a: ElementRef<'a>, b: ElementRef<'a>) -> Option<ElementRef<'a>> {
    let ids: Vec<_> = a.ancestors().map(|n| n.id()).collect();
    let mut node = Some(*b);
    while let Some(n) = node {
        if n.id() == a.id() || ids.contains(&n.id()) {
            return ElementRef::wrap(n);
        }
        node = n.parent();
    }
    None
}

/// The element whose own `<p>`/`<div>`/`<br>` children hold the most text: an article
/// without the national tables (a pre-2019 report).
fn densest(root: ElementRef<'_>) -> ElementRef<'_> {
    let mut best = (0usize, root);
    for el in root.descendants().filter_map(ElementRef::wrap) {
        if is_skipped(el.value().name()) {
            continue;
        }
        let own: usize = el
            .children()
            .map(|c| match c.value() {
                Node::Text(t) => t.trim().chars().count(),
                Node::Element(e) if matches!(e.name(), "p" | "span" | "font" | "strong" | "b") => {
                    ElementRef::wrap(c)
                        .map_or(0, |e| e.text().map(|t| t.trim().chars().count()).sum())
                }
                _ => 0,
            })
            .sum();
        if own > best.0 {
            best = (own, el);
        }
    }
    best.1
}

// ---------------------------------------------------------------------------------------
// Walking the article

/// Elements that end a line before and after them.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "section"
            | "article"
            | "blockquote"
            | "pre"
            | "center"
            | "dl"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "form"
            | "header"
            | "footer"
            | "address"
            | "hr"
            | "main"
            | "aside"
            | "figure"
            | "figcaption"
    )
}

/// Elements nested deeper than this are read as plain text: a hostile page of a million
/// nested `<div>`s must not exhaust the stack (real pages nest a few dozen levels).
const MAX_DEPTH: usize = 256;

#[derive(Default)]
struct Walker {
    /// The line being collected.
    line: String,
    /// How deep the walk is.
    depth: usize,
}

impl Walker {
    fn flush(&mut self, b: &mut DocBuilder) {
        let l = tidy(&self.line);
        if !l.is_empty() {
            b.line(&l);
        }
        self.line.clear();
    }

    fn block(&mut self, el: ElementRef<'_>, b: &mut DocBuilder) -> Result<(), ReadProblem> {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.line.push_str(t),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child, b)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn element(&mut self, el: ElementRef<'_>, b: &mut DocBuilder) -> Result<(), ReadProblem> {
        let name = el.value().name();
        if is_skipped(name) {
            return Ok(());
        }
        if self.depth >= MAX_DEPTH {
            self.line.extend(el.text());
            return Ok(());
        }
        self.depth += 1;
        let done = self.element_inner(el, name, b);
        self.depth -= 1;
        done
    }

    fn element_inner(
        &mut self,
        el: ElementRef<'_>,
        name: &str,
        b: &mut DocBuilder,
    ) -> Result<(), ReadProblem> {
        match name {
            "br" => self.flush(b),
            "table" if !has_table_inside(el) && !is_layout(el) => {
                self.flush(b);
                b.table(&grid(el))?;
            }
            _ if is_block(name) || name == "table" => {
                self.flush(b);
                self.block(el, b)?;
                self.flush(b);
            }
            _ => self.block(el, b)?,
        }
        Ok(())
    }
}

/// A table used for layout, not data: every row one cell (a framed paragraph).
fn is_layout(t: ElementRef<'_>) -> bool {
    rows(t).all(|r| cells(r).count() <= 1)
}

fn rows<'a>(t: ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    t.descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "tr")
}

fn cells<'a>(tr: ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    tr.children()
        .filter_map(ElementRef::wrap)
        .filter(|e| matches!(e.value().name(), "td" | "th"))
}

/// Spans are capped: a `colspan="100000"` must not make a huge row.
const MAX_SPAN: usize = 64;

/// The table as rows of cell texts: a cell spanning columns once, a cell covered by a
/// `rowspan` from above as an empty cell (one per covering cell), as Tika writes Word tables.
fn grid(t: ElementRef<'_>) -> Vec<Vec<String>> {
    // Per grid column: (rows still covered, the covering cell's column span).
    let mut covered: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    for tr in rows(t) {
        let mut row = Vec::new();
        let mut col = 0;
        for td in cells(tr) {
            take_covered(&mut covered, &mut col, &mut row);
            let span = |a: &str| {
                td.value()
                    .attr(a)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_SPAN)
            };
            let (cs, rs) = (span("colspan"), span("rowspan"));
            row.push(cell_text(td));
            if covered.len() < col + cs {
                covered.resize(col + cs, (0, 0));
            }
            for c in covered.iter_mut().skip(col).take(cs) {
                *c = (rs - 1, cs);
            }
            col += cs;
        }
        take_covered(&mut covered, &mut col, &mut row);
        out.push(row);
    }
    out
}

/// Steps over the grid columns a `rowspan` from above covers at `col`, an empty cell for each
/// covering cell.
fn take_covered(covered: &mut [(usize, usize)], col: &mut usize, row: &mut Vec<String>) {
    while let Some(&(left, span)) = covered.get(*col) {
        if left == 0 {
            break;
        }
        row.push(String::new());
        for c in covered.iter_mut().skip(*col).take(span) {
            c.0 = c.0.saturating_sub(1);
        }
        *col += span.max(1);
    }
}

/// A cell's text: its paragraphs and `<br>`s are line breaks, `&nbsp;` is blank.
fn cell_text(td: ElementRef<'_>) -> String {
    let mut w = Walker::default();
    let mut lines = Vec::new();
    collect_lines(td, &mut w, &mut lines);
    let l = tidy(&w.line);
    if !l.is_empty() {
        lines.push(l);
    }
    lines.join("\n")
}

fn collect_lines(el: ElementRef<'_>, w: &mut Walker, lines: &mut Vec<String>) {
    if w.depth >= MAX_DEPTH {
        w.line.extend(el.text());
        return;
    }
    w.depth += 1;
    collect_lines_inner(el, w, lines);
    w.depth -= 1;
}

fn collect_lines_inner(el: ElementRef<'_>, w: &mut Walker, lines: &mut Vec<String>) {
    let flush = |w: &mut Walker, lines: &mut Vec<String>| {
        let l = tidy(&w.line);
        if !l.is_empty() {
            lines.push(l);
        }
        w.line.clear();
    };
    for child in el.children() {
        match child.value() {
            Node::Text(t) => w.line.push_str(t),
            Node::Element(e) if !is_skipped(e.name()) => {
                let Some(c) = ElementRef::wrap(child) else {
                    continue;
                };
                if e.name() == "br" {
                    flush(w, lines);
                } else if is_block(e.name()) {
                    flush(w, lines);
                    collect_lines(c, w, lines);
                    flush(w, lines);
                } else {
                    collect_lines(c, w, lines);
                }
            }
            _ => {}
        }
    }
}

/// White space as a browser shows it: runs become one space, none between two Chinese
/// characters (a line break in the source between them is no space), `&nbsp;` alone is
/// blank.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        if c.is_ascii_whitespace() || c == '\u{a0}' {
            pending = !out.is_empty();
            continue;
        }
        if pending {
            let prev_wide = out.chars().next_back().is_some_and(|p| !p.is_ascii());
            if !prev_wide || c.is_ascii() {
                out.push(' ');
            }
            pending = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
