//! Word files (.docx): the zip package read with limits, word/document.xml walked by hand
//! (quick-xml), paragraphs and tables laid out the way Apache Tika writes them, so the parser
//! reads a Word file exactly as it reads the Tika text of one.

mod body;
mod layout;
mod numbering;
pub(super) mod package;
mod xml;

use super::budget::Deadline;
use super::builder::DocBuilder;
use super::document::{Document, Format};
use crate::model::ReadProblem;
use body::Item;
pub(super) use body::{attr, entity};
use package::Package;
use std::path::Path;

/// Decodes a DOCX file.
pub(super) fn decode(path: &Path, bytes: &[u8]) -> Result<Document, ReadProblem> {
    let deadline = Deadline::start();
    if package::is_encrypted_ole(bytes) {
        return Err(ReadProblem::Encrypted {
            format: "docx".into(),
        });
    }
    let mut pkg = Package::open(bytes, "docx")?;
    let main = main_part(&mut pkg)?;
    let xml = pkg.text(&main)?.ok_or_else(|| ReadProblem::Corrupt {
        format: "docx".into(),
        detail: format!("no {main} in the package"),
    })?;
    // Styles are read only for a document with lists (headings may be numbered by style).
    let numbering = match pkg.text("word/numbering.xml")? {
        Some(list) if list.contains("abstractNumId") => {
            let styles = pkg.text("word/styles.xml")?;
            Some(numbering::Numbering::read(Some(&list), styles.as_deref()))
                .filter(|n| !n.is_empty())
        }
        _ => None,
    };
    let items = body::read(&xml, numbering, deadline)?;
    let title = pkg.text("docProps/core.xml")?.and_then(|x| core_title(&x));
    let mut b = DocBuilder::new();
    if let Some(t) = title.filter(|t| names_a_report(t) && !titled(&items)) {
        b.header("标题", &t);
    }
    layout::write(&items, &mut b)?;
    b.finish(path, Format::Docx, "UTF-8")
}

/// The main document part: the target of the package's officeDocument relationship,
/// word/document.xml as Word names it.
fn main_part(pkg: &mut Package<'_>) -> Result<String, ReadProblem> {
    const DEFAULT: &str = "word/document.xml";
    let Some(rels) = pkg.text("_rels/.rels")? else {
        return Ok(DEFAULT.into());
    };
    let mut reader = quick_xml::Reader::from_str(&rels);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e))
                if e.local_name().as_ref() == "Relationship" =>
            {
                let attr = |k: &str| body::attr(&e, k);
                let is_main = attr("Type").is_some_and(|t| t.ends_with("/officeDocument"));
                if let (true, Some(target)) = (is_main, attr("Target")) {
                    return Ok(target.trim_start_matches('/').to_owned());
                }
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return Ok(DEFAULT.into()),
            Ok(_) => {}
        }
    }
}

/// `dc:title` of docProps/core.xml.
///
/// The dates there (`dcterms:created`, `dcterms:modified`) are deliberately not used as the
/// publication date: they say when this file was made or saved, not when the report was
/// published. A collecting office's copy (re-saved, pasted into a new file, converted from
/// .doc or from the web page) carries the copy's date: the real blank 2021 template says
/// "created 2025-12-03". Fed to Y002 they would call on-time reports late, and a false alarm
/// costs a clerk an afternoon, while the report's own signature date is read from its text.
fn core_title(xml: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut in_title = false;
    let mut title = String::new();
    loop {
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(e) => in_title = e.name().as_ref() == "dc:title",
            quick_xml::events::Event::Text(t) if in_title => title.push_str(&t.xml10_content()),
            quick_xml::events::Event::GeneralRef(r) if in_title => title.extend(entity(&r)),
            quick_xml::events::Event::End(_) if in_title => break,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    let title = title.trim();
    (!title.is_empty()).then(|| title.to_owned())
}

/// A title that names a report with a year ("…2023年政府信息公开工作年度报告"), not a
/// template's or an author's leftover ("Microsoft Word - 文档1", "年报模板").
fn names_a_report(title: &str) -> bool {
    title.contains("报告")
        && title
            .as_bytes()
            .windows(4)
            .any(|w| w.iter().all(u8::is_ascii_digit) && (w[0] == b'1' || w[0] == b'2'))
}

/// True when the body opens with a title of its own (a paragraph naming a report).
fn titled(items: &[Item]) -> bool {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Para(t) if !t.trim().is_empty() => Some(t),
            _ => None,
        })
        .take(4)
        .any(|t| t.contains("报告"))
}

#[cfg(test)]
pub(super) mod tests;
