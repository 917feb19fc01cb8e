//! A small DOCX writer: paragraphs and tables with merged cells, in a minimal valid
//! package (`[Content_Types].xml`, `_rels/.rels`, `word/document.xml`, `docProps/core.xml`)
//! written with the `zip` crate and hand-written WordprocessingML. Self-contained: it knows
//! nothing of reports, so the generator's Word files and review letters can share it.

use std::io::{Cursor, Write as _};

/// A piece of the document body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// The document's title: centred, in the page's title font.
    Title(String),
    /// A first-level heading ("一、总体情况"): the heading font, not indented.
    Heading(String),
    /// A second-level heading ("（一）主动公开情况"): indented, in the subheading font.
    Subheading(String),
    /// A paragraph; `\n` breaks the line.
    Para(String),
    /// A right-aligned line (signature, date).
    Right(String),
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

/// Fonts, sizes and margins of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Margins in twips: top, right, bottom, left.
    pub margins: [u32; 4],
    /// Title font, size in half-points, bold.
    pub title: (Font, u32, bool),
    /// First-level heading font and size.
    pub heading: (Font, u32),
    /// Second-level heading font and size.
    pub subheading: (Font, u32),
    /// Body text font and size.
    pub body: (Font, u32),
    /// Table text font and size.
    pub table: (Font, u32),
    /// Exact line spacing of body paragraphs, in twips; `None` for single spacing.
    pub line: Option<u32>,
}

/// A font by name, with the names tried when it is not installed (written to
/// word/fontTable.xml as `w:altName`, which Word and WPS read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Font {
    /// The name asked for.
    pub name: &'static str,
    /// Alternatives, comma separated (`仿宋,FangSong,STFangsong`), or empty.
    pub alt: &'static str,
}

const SIMSUN: Font = Font {
    name: "SimSun",
    alt: "",
};

impl Default for Page {
    /// SimSun throughout, an 18 pt bold title, 2.54 cm and 1.9 cm margins.
    fn default() -> Page {
        Page {
            margins: [1440, 1080, 1440, 1080],
            title: (SIMSUN, 36, true),
            heading: (SIMSUN, 24),
            subheading: (SIMSUN, 24),
            body: (SIMSUN, 24),
            table: (SIMSUN, 21),
            line: None,
        }
    }
}

impl Page {
    /// A government document after GB/T 9704-2012: A4, margins top 37 mm, bottom 35 mm,
    /// left 28 mm, right 26 mm; the title in 方正小标宋简体 二号 (22 pt), headings in 黑体 and
    /// 楷体_GB2312 三号, text in 仿宋_GB2312 三号 (16 pt) at 22 lines a page (28.9 pt), tables
    /// in 仿宋_GB2312 五号; each font with the common fallbacks.
    pub fn official() -> Page {
        let fangsong = Font {
            name: "仿宋_GB2312",
            alt: "仿宋,FangSong,STFangsong,Noto Serif CJK SC",
        };
        Page {
            margins: [2098, 1474, 1984, 1587],
            title: (
                Font {
                    name: "方正小标宋简体",
                    alt: "方正小标宋_GBK,华文中宋,STZhongsong,宋体,SimSun,Noto Serif CJK SC",
                },
                44,
                false,
            ),
            heading: (
                Font {
                    name: "黑体",
                    alt: "SimHei,STHeiti,Noto Sans CJK SC",
                },
                32,
            ),
            subheading: (
                Font {
                    name: "楷体_GB2312",
                    alt: "楷体,KaiTi,STKaiti,Noto Serif CJK SC",
                },
                32,
            ),
            body: (fangsong.clone(), 32),
            table: (fangsong, 21),
            line: Some(578),
        }
    }

    /// The width between the margins on A4, in twips.
    pub fn text_width(&self) -> u32 {
        A4_WIDTH.saturating_sub(self.margins[1] + self.margins[3])
    }

    fn fonts(&self) -> Vec<&Font> {
        let mut out: Vec<&Font> = Vec::new();
        for f in [
            &self.title.0,
            &self.heading.0,
            &self.subheading.0,
            &self.body.0,
            &self.table.0,
        ] {
            if !out.iter().any(|o| o.name == f.name) {
                out.push(f);
            }
        }
        out
    }
}

const A4_WIDTH: u32 = 11906;
const A4_HEIGHT: u32 = 16838;

/// The package's bytes in the default layout (deterministic: fixed entry times).
pub fn write(blocks: &[Block], props: &Properties) -> std::io::Result<Vec<u8>> {
    write_page(blocks, props, &Page::default())
}

/// The package's bytes in the layout given (deterministic: fixed entry times).
pub fn write_page(blocks: &[Block], props: &Properties, page: &Page) -> std::io::Result<Vec<u8>> {
    package(blocks, props, page, true)
}

/// The parts every package holds as they are.
const FIXED: [(&str, &str); 3] = [
    ("[Content_Types].xml", CONTENT_TYPES),
    ("_rels/.rels", RELS),
    ("word/_rels/document.xml.rels", DOCUMENT_RELS),
];

fn part_options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
}

/// [`FIXED`] deflated once, for every package to copy as they are: a part's deflate stream
/// costs mostly its set-up (some 300 KB allocated and cleared), and a batch writes a
/// package for each of thousands of letters.
fn fixed_parts() -> &'static [u8] {
    static PARTS: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    PARTS.get_or_init(|| {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let written = FIXED.iter().try_for_each(|(name, xml)| {
            zip.start_file(*name, part_options())?;
            zip.write_all(xml.as_bytes())
                .map_err(zip::result::ZipError::from)
        });
        // Without them, each package deflates its own.
        written
            .and_then(|()| zip.finish())
            .map(Cursor::into_inner)
            .unwrap_or_default()
    })
}

/// The package, its fixed parts copied from [`fixed_parts`] (`copy_fixed`) or deflated
/// afresh: the bytes are the same either way.
fn package(
    blocks: &[Block],
    props: &Properties,
    page: &Page,
    copy_fixed: bool,
) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut fixed = copy_fixed
        .then(|| zip::ZipArchive::new(Cursor::new(fixed_parts())).ok())
        .flatten();
    let made = |name: &str| -> Option<String> {
        match name {
            "docProps/core.xml" => Some(core(props)),
            "word/fontTable.xml" => Some(font_table(page)),
            "word/document.xml" => Some(document(blocks, page)),
            _ => None,
        }
    };
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "word/_rels/document.xml.rels",
        "word/fontTable.xml",
        "word/document.xml",
    ] {
        let xml = match made(name) {
            Some(xml) => xml,
            None => {
                let copy = fixed
                    .as_mut()
                    .and_then(|parts| parts.by_name_raw(name.as_bytes()).ok());
                if let Some(part) = copy {
                    zip.raw_copy_file(part).map_err(std::io::Error::other)?;
                    continue;
                }
                let (_, xml) = FIXED
                    .iter()
                    .find(|(n, _)| *n == name)
                    .copied()
                    .unwrap_or_default();
                xml.to_string()
            }
        };
        zip.start_file(name, part_options())
            .map_err(std::io::Error::other)?;
        zip.write_all(xml.as_bytes())?;
    }
    let out = zip.finish().map_err(std::io::Error::other)?;
    Ok(out.into_inner())
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/></Relationships>"#;

fn font_table(page: &Page) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    for f in page.fonts() {
        s.push_str(&format!(r#"<w:font w:name="{}">"#, escape(f.name)));
        if !f.alt.is_empty() {
            s.push_str(&format!(r#"<w:altName w:val="{}"/>"#, escape(f.alt)));
        }
        s.push_str(r#"<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#);
    }
    s.push_str("</w:fonts>");
    s
}

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

/// A run's properties: font (all scripts) and size.
fn rpr(font: &Font, size: u32, bold: bool) -> String {
    let name = escape(font.name);
    format!(
        r#"<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>{}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#,
        if bold { "<w:b/>" } else { "" }
    )
}

fn document(blocks: &[Block], page: &Page) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    let spacing = match page.line {
        Some(l) => format!(r#"<w:spacing w:line="{l}" w:lineRule="exact"/>"#),
        None => String::new(),
    };
    // A first-line indent of two characters of the body's size.
    let indent = page.body.1 * 20;
    for b in blocks {
        match b {
            Block::Title(t) => paragraph(
                &mut s,
                t,
                &format!(
                    r#"<w:pPr><w:spacing w:after="{}"/><w:jc w:val="center"/></w:pPr>"#,
                    page.title.1 * 10
                ),
                &rpr(&page.title.0, page.title.1, page.title.2),
            ),
            Block::Heading(t) => paragraph(
                &mut s,
                t,
                &format!(r#"<w:pPr><w:keepNext/>{spacing}<w:ind w:firstLine="{indent}"/></w:pPr>"#),
                &rpr(&page.heading.0, page.heading.1, false),
            ),
            Block::Subheading(t) => paragraph(
                &mut s,
                t,
                &format!(r#"<w:pPr><w:keepNext/>{spacing}<w:ind w:firstLine="{indent}"/></w:pPr>"#),
                &rpr(&page.subheading.0, page.subheading.1, false),
            ),
            Block::Para(t) => paragraph(
                &mut s,
                t,
                &format!(
                    r#"<w:pPr>{spacing}<w:ind w:firstLine="{indent}"/><w:jc w:val="both"/></w:pPr>"#
                ),
                &rpr(&page.body.0, page.body.1, false),
            ),
            Block::Right(t) => paragraph(
                &mut s,
                t,
                &format!(r#"<w:pPr>{spacing}<w:jc w:val="right"/></w:pPr>"#),
                &rpr(&page.body.0, page.body.1, false),
            ),
            Block::Table(t) => table(&mut s, t, &rpr(&page.table.0, page.table.1, false)),
        }
    }
    let [top, right, bottom, left] = page.margins;
    s.push_str(&format!(
        r#"<w:sectPr><w:pgSz w:w="{A4_WIDTH}" w:h="{A4_HEIGHT}"/><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
    ));
    s
}

/// A `w:p` whose lines are broken by `w:br`.
fn paragraph(s: &mut String, text: &str, ppr: &str, rpr: &str) {
    s.push_str("<w:p>");
    s.push_str(ppr);
    if !text.is_empty() {
        s.push_str(&format!("<w:r><w:rPr>{rpr}</w:rPr>"));
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

fn table(s: &mut String, t: &Table, rpr: &str) {
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
            paragraph(s, text, r#"<w:pPr><w:jc w:val="center"/></w:pPr>"#, rpr);
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
    fn fixed_parts_copied_give_the_bytes_deflated_afresh() {
        let blocks = [
            Block::Title("关于年度报告的审查意见".into()),
            Block::Para("正文\n第二行".into()),
        ];
        let props = Properties::default();
        for page in [Page::default()] {
            let copied = package(&blocks, &props, &page, true).unwrap();
            let fresh = package(&blocks, &props, &page, false).unwrap();
            assert_eq!(copied, fresh);
            let mut zip = zip::ZipArchive::new(Cursor::new(copied)).unwrap();
            for (name, xml) in FIXED {
                let mut text = String::new();
                std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
                assert_eq!(text, xml);
            }
        }
        // The copies are made: each fixed part is in the once-deflated archive.
        let mut parts = zip::ZipArchive::new(Cursor::new(fixed_parts())).unwrap();
        for (name, _) in FIXED {
            assert!(parts.by_name_raw(name.as_bytes()).is_ok(), "{name}");
        }
    }
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
