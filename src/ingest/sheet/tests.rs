use super::*;

/// A workbook written with rust_xlsxwriter: a title, a paragraph merged across the sheet, and
/// a table with a vertical and a horizontal merge, a "/" cell, a blank cell, numbers.
fn workbook() -> Vec<u8> {
    use rust_xlsxwriter::{Format as F, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let f = F::new();
    ws.write(0, 0, "某局2023年政府信息公开工作年度报告")
        .unwrap();
    ws.merge_range(1, 0, 1, 4, "一、总体情况：全年共主动公开信息3条。", &f)
        .unwrap();
    ws.merge_range(3, 0, 4, 0, "项目", &f).unwrap();
    ws.merge_range(3, 1, 3, 3, "申请人情况", &f).unwrap();
    ws.write(3, 4, "总计").unwrap();
    ws.write(4, 1, "自然人").unwrap();
    ws.write(4, 2, "商业\n企业").unwrap();
    ws.write(4, 3, "科研机构").unwrap();
    ws.write(5, 0, "本年新收").unwrap();
    ws.write(5, 1, 3.0).unwrap();
    ws.write(5, 2, "/").unwrap();
    ws.write(5, 4, 24.5).unwrap();
    ws.write(7, 0, "五、存在的主要问题").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_sheet_gives_lines_and_a_table_with_merges_laid_out_as_tika_writes_them() {
    let doc = decode(Path::new("x.xlsx"), &workbook(), Format::Xlsx).unwrap();
    assert_eq!(
        doc.table_texts(),
        vec![vec![
            vec!["项目", "申请人情况", "总计"],
            vec!["", "自然人", "商业企业", "科研机构", ""],
            vec!["本年新收", "3", "/", "", "24.5"],
        ]]
    );
    assert_eq!(
        lines(&doc),
        vec![
            "某局2023年政府信息公开工作年度报告",
            "一、总体情况：全年共主动公开信息3条。",
            "五、存在的主要问题"
        ]
    );
    assert!(doc.text.contains("\t商业\n企业\n"), "{}", doc.text);
}

#[test]
fn numbers_read_as_a_person_reads_them() {
    assert_eq!(grid::number(3.0), "3");
    assert_eq!(grid::number(-2.0), "-2");
    assert_eq!(grid::number(24.5), "24.5");
    assert_eq!(grid::number(0.1 + 0.2), "0.3");
    assert_eq!(grid::number(1.25e-3), "0.00125");
    assert_eq!(grid::number(f64::NAN), "");
}

#[test]
fn broken_and_encrypted_workbooks_are_findings() {
    let wb = workbook();
    let cut = decode(Path::new("x.xlsx"), &wb[..wb.len() / 2], Format::Xlsx).unwrap_err();
    assert!(matches!(cut, ReadProblem::Corrupt { .. }), "{cut:?}");
    let xls = decode(Path::new("x.xls"), b"\xD0\xCF\x11\xE0 junk", Format::Xls).unwrap_err();
    assert!(matches!(xls, ReadProblem::Corrupt { .. }), "{xls:?}");
    let ods = decode(Path::new("x.ods"), b"PK\x03\x04 junk", Format::Ods).unwrap_err();
    assert!(matches!(ods, ReadProblem::Corrupt { .. }), "{ods:?}");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend("EncryptedPackage".bytes().flat_map(|b| [b, 0]));
    assert_eq!(
        decode(Path::new("x.xlsx"), &ole, Format::Xlsx).unwrap_err(),
        ReadProblem::Encrypted {
            format: "xlsx".into()
        }
    );
}

#[test]
fn an_ods_sheet_reads_its_spans_repeats_and_paragraphs() {
    let content = r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="S">
<table:table-row><table:table-cell><text:p>标题</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="4"/></table:table-row>
<table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>项目</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2"><text:p>申请人</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
<table:table-row><table:covered-table-cell/><table:table-cell><text:p>自然</text:p><text:p>人</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>a<text:s text:c="2"/>&amp;b</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"><text:p>0</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
    let bytes = crate::ingest::docx::tests::zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content.as_bytes()),
    ]);
    let doc = decode(Path::new("x.ods"), &bytes, Format::Ods).unwrap();
    assert_eq!(
        doc.table_texts(),
        vec![vec![
            vec!["项目", "申请人"],
            vec!["", "自然人", "3"],
            vec!["a  &b", "0", "0"],
        ]]
    );
    assert_eq!(doc.line_texts().first(), Some(&"标题"));
}

/// Calc's import of a page: every paragraph one cell merged across the sheet's used columns,
/// right above and below tables; the widest table (四) as wide as the paragraphs.
#[test]
fn paragraphs_merged_across_the_sheet_are_lines_between_tables() {
    use rust_xlsxwriter::{Format as F, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let f = F::new();
    ws.merge_range(0, 0, 0, 5, "二、主动公开政府信息情况", &f)
        .unwrap();
    // Table 二's own full-width row spans its columns only.
    ws.merge_range(1, 0, 1, 3, "第二十条第（一）项", &f)
        .unwrap();
    ws.write(2, 0, "信息内容").unwrap();
    ws.write(2, 1, "本年制发件数").unwrap();
    ws.write(3, 0, "规章").unwrap();
    ws.write(3, 1, 2.0).unwrap();
    ws.merge_range(4, 0, 5, 5, "四、政府信息公开行政复议、行政诉讼情况", &f)
        .unwrap();
    ws.merge_range(6, 0, 6, 2, "行政复议", &f).unwrap();
    ws.merge_range(6, 3, 6, 5, "行政诉讼", &f).unwrap();
    for c in 0..6 {
        ws.write(7, c, f64::from(c)).unwrap();
    }
    ws.merge_range(8, 0, 8, 5, "五、存在的主要问题及改进情况", &f)
        .unwrap();
    let doc = decode(Path::new("x.xlsx"), &workbook_bytes(wb), Format::Xlsx).unwrap();
    let tables = doc.table_texts();
    assert_eq!(tables.len(), 2, "{}", doc.text);
    assert_eq!(
        tables[0],
        vec![
            vec!["第二十条第（一）项"],
            vec!["信息内容", "本年制发件数", "", ""],
            vec!["规章", "2", "", ""],
        ]
    );
    assert_eq!(tables[1][0], vec!["行政复议", "行政诉讼"]);
    assert_eq!(
        lines(&doc),
        vec![
            "二、主动公开政府信息情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况"
        ]
    );
}

fn workbook_bytes(mut wb: rust_xlsxwriter::Workbook) -> Vec<u8> {
    wb.save_to_buffer().unwrap()
}

/// The document's non-empty lines outside tables.
fn lines(doc: &crate::ingest::Document) -> Vec<&str> {
    doc.line_texts()
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect()
}
