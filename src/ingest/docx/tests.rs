use super::package::{Limits, Package, LIMITS};
use super::*;
use std::io::Write;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;

/// A zip of the given parts.
pub(crate) fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// A minimal .docx whose body is `body` (the children of `w:body`).
pub(crate) fn docx(body: &str) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    );
    zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", doc.as_bytes()),
    ])
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn tc(props: &str, content: &str) -> String {
    format!("<w:tc><w:tcPr><w:tcW w:w=\"100\"/>{props}</w:tcPr>{content}</w:tc>")
}

fn read(bytes: &[u8]) -> Document {
    decode(Path::new("x.docx"), bytes).unwrap()
}

#[test]
fn merged_cells_are_laid_out_as_tika_writes_them() {
    // 申请人情况 spans three columns; 自然人 and 总计 span two rows.
    let restart = r#"<w:vMerge w:val="restart"/>"#;
    let body = format!(
        "{}<w:tbl><w:tblPr/><w:tblGrid/>\
         <w:tr>{}{}</w:tr>\
         <w:tr>{}{}{}</w:tr>\
         <w:tr>{}{}{}{}</w:tr></w:tbl>{}",
        p("标题"),
        tc(restart, &p("")),
        tc(r#"<w:gridSpan w:val="3"/>"#, &p("申请人情况")),
        tc("<w:vMerge/>", &p("")),
        tc(restart, &p("自然人")),
        tc(r#"<w:gridSpan w:val="2"/>"#, &p("法人")),
        tc("<w:vMerge/>", &p("")),
        tc(r#"<w:vMerge w:val="continue"/>"#, &p("stale")),
        tc("", &p("商业企业")),
        tc("", &p("/")),
        p("正文"),
    );
    let doc = read(&docx(&body));
    assert_eq!(
        doc.table_texts(),
        vec![vec![
            vec!["", "申请人情况"],
            vec!["", "自然人", "法人"],
            vec!["", "", "商业企业", "/"],
        ]]
    );
    assert_eq!(doc.line_texts().first(), Some(&"标题"));
    assert!(doc.line_texts().contains(&"正文"));
}

#[test]
fn line_breaks_stay_inside_a_cell_and_a_wrapped_label_reads_as_one() {
    let cell = "<w:p><w:r><w:t>本年新</w:t><w:br/><w:t>制作数量</w:t></w:r></w:p>";
    let two = format!("{}{}", p("本年"), p("废止数量"));
    let body = format!(
        "<w:tbl><w:tr>{}{}{}</w:tr></w:tbl>",
        tc("", cell),
        tc("", &two),
        tc("", "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r></w:p>")
    );
    let doc = read(&docx(&body));
    assert_eq!(
        doc.table_texts(),
        vec![vec![vec!["本年新制作数量", "本年废止数量", "a b"]]]
    );
    assert!(doc.text.contains("\t本年新\n制作数量\n"), "{}", doc.text);
}

#[test]
fn deleted_revisions_and_field_codes_are_skipped_and_insertions_kept() {
    let body = r#"<w:p><w:r><w:t>共</w:t></w:r><w:del w:id="1"><w:r><w:delText>12</w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>13</w:t></w:r></w:ins><w:r><w:t>件</w:t></w:r></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>A&amp;B &#x4E00;</w:t></w:r></w:p>"#;
    let doc = read(&docx(body));
    assert_eq!(doc.line_texts(), vec!["共13件", "3", "A&B 一"]);
}

#[test]
fn a_text_box_is_read_once_after_its_paragraph_and_content_controls_are_read() {
    let boxed = format!(
        r#"<w:p><w:r><w:t>前</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>{}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>后</w:t></w:r></w:p>"#,
        p("框内"),
        p("框内")
    );
    let sdt = r#"<w:sdt><w:sdtPr><w:placeholder><w:docPart w:val="x"/></w:placeholder><w:text/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>控件</w:t></w:r></w:p></w:sdtContent></w:sdt>"#;
    let doc = read(&docx(&format!("{boxed}{sdt}")));
    assert_eq!(doc.line_texts(), vec!["前后", "框内", "控件"]);
}

#[test]
fn nested_tables_stay_in_their_cell_and_a_layout_frame_is_unwrapped() {
    let inner = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        tc("", &p("甲")),
        tc("", &p("乙"))
    );
    let data = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        tc("", &p("项目")),
        tc("", &format!("{inner}{}", p("")))
    );
    let doc = read(&docx(&data));
    assert_eq!(doc.table_texts(), vec![vec![vec!["项目", "甲 乙"]]]);
    let frame = format!(
        "<w:tbl><w:tr>{}</w:tr></w:tbl>",
        tc("", &format!("{}{inner}{}", p("表一"), p("")))
    );
    let doc = read(&docx(&frame));
    assert_eq!(doc.table_texts(), vec![vec![vec!["甲", "乙"]]]);
    assert_eq!(doc.line_texts().first(), Some(&"表一"));
}

#[test]
fn the_core_title_heads_a_body_without_one() {
    let core = |t: &str| {
        format!(
            r#"<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{t}</dc:title><dcterms:created>2024-01-20T00:00:00Z</dcterms:created></cp:coreProperties>"#
        )
    };
    let doc_xml = format!(
        r#"<w:document {W}><w:body>{}</w:body></w:document>"#,
        p("一、总体情况")
    );
    let make = |t: &str| {
        zip(&[
            ("word/document.xml", doc_xml.as_bytes()),
            ("docProps/core.xml", core(t).as_bytes()),
        ])
    };
    let doc = read(&make("某局2023年政府信息公开工作年度报告"));
    assert!(doc
        .text
        .starts_with("标题：某局2023年政府信息公开工作年度报告\n"));
    assert!(
        !doc.text.contains("发布日期"),
        "file dates are not publication dates"
    );
    let doc = read(&make("文档1"));
    assert!(doc.text.starts_with("一、总体情况"));
}

#[test]
fn broken_packages_are_findings() {
    let bad = decode(Path::new("x.docx"), b"PK\x03\x04 not really a zip").unwrap_err();
    assert!(matches!(bad, ReadProblem::Corrupt { .. }), "{bad:?}");
    let whole = docx(&p("正文"));
    let cut = decode(Path::new("x.docx"), &whole[..whole.len() / 2]).unwrap_err();
    assert!(matches!(cut, ReadProblem::Corrupt { .. }), "{cut:?}");
    let none = zip(&[("word/other.xml", b"<x/>")]);
    let none = decode(Path::new("x.docx"), &none).unwrap_err();
    assert!(matches!(none, ReadProblem::Corrupt { .. }), "{none:?}");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend("EncryptedPackage".bytes().flat_map(|b| [b, 0]));
    assert_eq!(
        decode(Path::new("x.docx"), &ole).unwrap_err(),
        ReadProblem::Encrypted {
            format: "docx".into()
        }
    );
}

#[test]
fn parts_beyond_the_limits_are_refused_even_when_their_header_lies() {
    let small = Limits {
        part: 1000,
        total: 5000,
        entries: 3,
        ratio: 10,
        floor: 100,
    };
    let zeros = vec![b'0'; 2000];
    let bytes = zip(&[("a.xml", &zeros)]);
    let mut pkg = Package::open_within(&bytes, "docx", small).unwrap();
    assert!(matches!(
        pkg.bytes("a.xml"),
        Err(ReadProblem::OverLimit { .. })
    ));
    // Declared sizes patched down to 10 bytes: the real size still counts.
    let mut lying = bytes.clone();
    for sig in [&b"PK\x03\x04"[..], &b"PK\x01\x02"[..]] {
        let at = memchr::memmem::find(&lying, sig).unwrap();
        let off = at + if sig[2] == 3 { 22 } else { 24 };
        lying[off..off + 4].copy_from_slice(&10u32.to_le_bytes());
    }
    let mut pkg = Package::open_within(&lying, "docx", small).unwrap();
    assert!(pkg.bytes("a.xml").is_err());
    let ratio = Limits {
        part: 5000,
        ..small
    };
    let mut pkg = Package::open_within(&bytes, "docx", ratio).unwrap();
    assert_eq!(
        pkg.bytes("a.xml"),
        Err(ReadProblem::OverLimit {
            what: "zip compression ratio".into(),
            cap: 10
        })
    );
    let many = zip(&[("a", b""), ("b", b""), ("c", b""), ("d", b"")]);
    assert!(matches!(
        Package::open_within(&many, "docx", small).map(|_| ()),
        Err(ReadProblem::OverLimit { .. })
    ));
    assert!(Package::open_within(&many, "docx", LIMITS).is_ok());
}

#[test]
fn list_numbers_word_draws_are_written_as_tika_writes_them() {
    let numbering = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>"#;
    let styles = r#"<w:styles xmlns:w="w"><w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="H1x"><w:basedOn w:val="H1"/></w:style></w:styles>"#;
    let np = |style: &str, num: &str, lvl: u8, text: &str| {
        let s = if style.is_empty() {
            String::new()
        } else {
            format!(r#"<w:pStyle w:val="{style}"/>"#)
        };
        let n = if num.is_empty() {
            String::new()
        } else {
            format!(r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>"#)
        };
        format!(
            r#"<w:p><w:pPr>{s}{n}<w:tabs><w:tab w:val="left" w:pos="1"/></w:tabs></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let body = [
        np("H1", "", 0, "总体情况"),
        np("", "2", 0, "主动公开"),
        np("", "2", 0, "依申请公开"),
        np("H1x", "", 0, "主动公开政府信息情况"),
        np("", "1", 1, "予以公开"),
        np("", "1", 1, "部分公开"),
        np("", "3", 0, "要点"),
        np("H1", "0", 0, "不编号"),
        np("H1", "", 0, "存在的主要问题"),
    ]
    .concat();
    let doc = format!(r#"<w:document {W}><w:body>{body}</w:body></w:document>"#);
    let bytes = zip(&[
        ("word/document.xml", doc.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ]);
    assert_eq!(
        read(&bytes).line_texts(),
        vec![
            "一、总体情况",
            "1.主动公开",
            "2.依申请公开",
            "二、主动公开政府信息情况",
            "（一）予以公开",
            "（二）部分公开",
            "要点",
            "不编号",
            "三、存在的主要问题"
        ]
    );
}

#[test]
fn counters_are_written_in_their_list_formats() {
    use super::numbering::format_number as f;
    assert_eq!(f(1, "chineseCounting"), "一");
    assert_eq!(f(10, "chineseCounting"), "十");
    assert_eq!(f(12, "chineseCountingThousand"), "十二");
    assert_eq!(f(20, "chineseCounting"), "二十");
    assert_eq!(f(105, "chineseCounting"), "一百零五");
    assert_eq!(f(3, "chineseLegalSimplified"), "叁");
    assert_eq!(f(2, "ideographTraditional"), "乙");
    assert_eq!(f(3, "decimalEnclosedCircle"), "③");
    assert_eq!(f(4, "upperRoman"), "IV");
    assert_eq!(f(28, "lowerLetter"), "bb");
    assert_eq!(f(7, "decimal"), "7");
}

#[test]
fn the_body_walk_stops_when_the_budget_is_spent() {
    let body = p("一、总体情况").repeat(3_000);
    let xml = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
    let spent = super::super::budget::Deadline::after(std::time::Duration::ZERO);
    std::thread::sleep(std::time::Duration::from_millis(2));
    assert_eq!(
        body::read(&xml, None, spent),
        Err(ReadProblem::TimedOut { millis: 0 })
    );
    let items = body::read(&xml, None, super::super::budget::Deadline::start()).unwrap();
    assert_eq!(items.len(), 3_000);
}
