//! A small DOCX writer: paragraphs and tables with merged cells, in a minimal valid
//! package (`[Content_Types].xml`, `_rels/.rels`, `word/document.xml`, `docProps/core.xml`)
//! written with the `zip` crate and hand-written WordprocessingML. Self-contained: it knows
//! nothing of reports, so the generator's Word files and review letters can share it.

use std::io::{Cursor, Write as _};

/// A piece of the document body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A centred bold line.
    Title(String),
    /// A paragraph; `\n` breaks the line.
    Para(String),
    /// A table.
    Table(Table),
}

/// A table: its columns' widths and its rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Width of each grid column, in twentieths of a point.
    pub widths: Vec<u32>,
    /// The rows: every grid position covered once, by a cell that starts there, spans
    /// columns (`span`) or continues a vertical merge from the row above.
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// Its text; `\n` breaks the line inside the cell. Empty for a blank cell.
    pub text: String,
    /// Grid columns it spans (`gridSpan`), at least 1.
    pub span: usize,
    /// Its part in a vertical merge (`vMerge`).
    pub merge: Merge,
}

/// A cell's part in a vertical merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Merge {
    /// Not merged.
    None,
    /// The first cell of a merge: its text is the merged cell's.
    Restart,
    /// Covered by the cell above (its text is not shown).
    Continue,
}

/// What docProps/core.xml says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Properties {
    /// dc:title.
    pub title: String,
    /// dc:creator.
    pub creator: String,
    /// dcterms:created and dcterms:modified, W3CDTF (`2024-01-15T09:00:00Z`); none when empty.
    pub date: String,
}

/// The package's bytes (deterministic: fixed entry times).
pub fn write(blocks: &[Block], props: &Properties) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("docProps/core.xml", core(props)),
        ("word/document.xml", document(blocks)),
    ];
    for (name, xml) in parts {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(xml.as_bytes())?;
    }
    let out = zip.finish().map_err(std::io::Error::other)?;
    Ok(out.into_inner())
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

fn core(p: &Properties) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    );
    s.push_str(&format!(
        "<dc:title>{}</dc:title><dc:creator>{}</dc:creator>",
        escape(&p.title),
        escape(&p.creator)
    ));
    if !p.date.is_empty() {
        for tag in ["created", "modified"] {
            s.push_str(&format!(
                r#"<dcterms:{tag} xsi:type="dcterms:W3CDTF">{}</dcterms:{tag}>"#,
                escape(&p.date)
            ));
        }
    }
    s.push_str("</cp:coreProperties>");
    s
}

const FONT: &str = r#"<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="SimSun"/>"#;

fn document(blocks: &[Block]) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    for b in blocks {
        match b {
            Block::Title(t) => paragraph(
                &mut s,
                t,
                r#"<w:pPr><w:jc w:val="center"/></w:pPr>"#,
                "<w:b/><w:sz w:val=\"36\"/>",
            ),
            Block::Para(t) => paragraph(
                &mut s,
                t,
                r#"<w:pPr><w:ind w:firstLine="640"/></w:pPr>"#,
                "",
            ),
            Block::Table(t) => table(&mut s, t),
        }
    }
    s.push_str(
        r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1080" w:bottom="1440" w:left="1080" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
    );
    s
}

/// A `w:p` whose lines are broken by `w:br`.
fn paragraph(s: &mut String, text: &str, ppr: &str, rpr: &str) {
    s.push_str("<w:p>");
    s.push_str(ppr);
    if !text.is_empty() {
        s.push_str(&format!("<w:r><w:rPr>{FONT}{rpr}</w:rPr>"));
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                s.push_str("<w:br/>");
            }
            s.push_str(&format!(
                r#"<w:t xml:space="preserve">{}</w:t>"#,
                escape(line)
            ));
        }
        s.push_str("</w:r>");
    }
    s.push_str("</w:p>");
}

fn table(s: &mut String, t: &Table) {
    s.push_str(
        r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblBorders>"#,
    );
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        s.push_str(&format!(
            r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
        ));
    }
    s.push_str(r#"</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#);
    for w in &t.widths {
        s.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    s.push_str("</w:tblGrid>");
    for row in &t.rows {
        s.push_str("<w:tr>");
        let mut col = 0;
        for c in row {
            let span = c.span.max(1);
            let width: u32 = t.widths.iter().skip(col).take(span).sum();
            col += span;
            s.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#
            ));
            if span > 1 {
                s.push_str(&format!(r#"<w:gridSpan w:val="{span}"/>"#));
            }
            match c.merge {
                Merge::None => {}
                Merge::Restart => s.push_str(r#"<w:vMerge w:val="restart"/>"#),
                Merge::Continue => s.push_str("<w:vMerge/>"),
            }
            s.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
            let text = if c.merge == Merge::Continue {
                ""
            } else {
                c.text.as_str()
            };
            paragraph(
                s,
                text,
                r#"<w:pPr><w:jc w:val="center"/></w:pPr>"#,
                "<w:sz w:val=\"21\"/>",
            );
            s.push_str("</w:tc>");
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
}

/// Text as XML character data (control characters other than tab dropped).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_package_holds_its_parts_and_merges() {
        let t = Table {
            widths: vec![1000, 1000],
            rows: vec![
                vec![Cell {
                    text: "a&b".into(),
                    span: 2,
                    merge: Merge::None,
                }],
                vec![
                    Cell {
                        text: "x".into(),
                        span: 1,
                        merge: Merge::Restart,
                    },
                    Cell {
                        text: String::new(),
                        span: 1,
                        merge: Merge::None,
                    },
                ],
                vec![
                    Cell {
                        text: String::new(),
                        span: 1,
                        merge: Merge::Continue,
                    },
                    Cell {
                        text: "1\n2".into(),
                        span: 1,
                        merge: Merge::None,
                    },
                ],
            ],
        };
        let blocks = [Block::Title("标题".into()), Block::Table(t)];
        let bytes = write(&blocks, &Properties::default()).unwrap();
        assert_eq!(bytes, write(&blocks, &Properties::default()).unwrap());
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        assert!(xml.contains(r#"<w:gridSpan w:val="2"/>"#));
        assert!(xml.contains(r#"<w:vMerge w:val="restart"/>"#));
        assert!(xml.contains("<w:vMerge/>"));
        assert!(xml.contains("a&amp;b"));
        assert!(xml.contains("<w:t xml:space=\"preserve\">1</w:t><w:br/>"));
        assert!(zip.by_name("[Content_Types].xml").is_ok());
    }
}
