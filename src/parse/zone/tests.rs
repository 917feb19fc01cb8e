//! Tests of the line splitting.

use super::lines::*;
use super::*;

fn toks_in(line: &str, long: bool) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let ctx = Ctx {
        line: 0,
        long,
        pdf: false,
    };
    if has_inline_pipe(line) {
        split_piped(line, 0, ctx, &mut out);
    } else {
        split_text(line, 0, ctx, &mut out);
    }
    out.into_iter()
        .filter_map(|i| match i {
            Item::Tok(t) => Some((t.text.into_owned(), t.is_value)),
            _ => None,
        })
        .collect()
}

fn toks(line: &str) -> Vec<(String, bool)> {
    toks_in(line, false)
}

fn texts(t: &[(String, bool)]) -> Vec<&str> {
    t.iter().map(|(s, _)| s.as_str()).collect()
}

#[test]
fn splits_pdf_rows() {
    assert_eq!(
        toks("（一）予以公开 2 0 / 0"),
        vec![
            ("（一）予以公开".into(), false),
            ("2".into(), true),
            ("0".into(), true),
            ("/".into(), true),
            ("0".into(), true)
        ]
    );
}

#[test]
fn splits_glued_crawler_text() {
    assert_eq!(
        toks("规章 000行政规范性文件693665第二十条第（五）项"),
        vec![
            ("规章".into(), false),
            ("000".into(), true),
            ("行政规范性文件".into(), false),
            ("693665".into(), true),
            ("第二十条第（五）项".into(), false),
        ]
    );
    assert_eq!(
        toks("1.属于国家秘密00000002.其他法律行政法规禁止公开0000000"),
        vec![
            ("1.属于国家秘密".into(), false),
            ("0000000".into(), true),
            ("2.其他法律行政法规禁止公开".into(), false),
            ("0000000".into(), true),
        ]
    );
}

#[test]
fn splits_rows_glued_in_one_line_text() {
    // The first and last values of a PDF row touch the labels around them.
    let t = toks_in(
        "02.重复申请0 0 0 0 0 0 03.要求提供公开出版物0 总计0 约3",
        true,
    );
    assert_eq!(
        texts(&t),
        vec![
            "0",
            "2.重复申请",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "3.要求提供公开出版物",
            "0",
            "总计",
            "0",
            "约3"
        ]
    );
    // Short words of ordinary lines are cells as written.
    assert_eq!(texts(&toks("总计0")), vec!["总计0"]);
}

#[test]
fn splits_pipe_tables_written_on_one_line() {
    let bordered =
        toks("| 规章 | 5 | 2 | 10 || 行政规范性文件 |  | 2 | 13 ||---|---|| 行政许可 | 4 |");
    assert_eq!(
        bordered,
        vec![
            ("规章".into(), false),
            ("5".into(), true),
            ("2".into(), true),
            ("10".into(), true),
            ("行政规范性文件".into(), false),
            ("".into(), true),
            ("2".into(), true),
            ("13".into(), true),
            ("行政许可".into(), false),
            ("4".into(), true),
        ]
    );
    // One cell per line, a `|` after each: `||` is a blank cell.
    assert_eq!(
        texts(&toks("规章|5||8|行政规范性文件|2|0|27|")),
        vec!["规章", "5", "", "8", "行政规范性文件", "2", "0", "27"]
    );
}

#[test]
fn prose_in_the_zone_gives_no_token() {
    assert!(toks(
        "本年新收政府信息公开申请5件，上年结转政府信息公开申请2件，办结5件，结转下年度0件。"
    )
    .is_empty());
}

#[test]
fn a_page_number_far_right_of_a_pdf_row_is_not_a_cell() {
    let row = "10    1      0   0    0   0    0   0   0    0   5   0     0   0   0                         4";
    assert_eq!(drop_far_page_number(row).split_whitespace().count(), 15);
    let tight = "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0 4";
    assert_eq!(drop_far_page_number(tight), tight);
}

#[test]
fn page_numbers_are_furniture() {
    assert!(is_page_number("- 4 -"));
    assert!(is_page_number("-3-"));
    assert!(is_page_number("第 2 页"));
    assert!(!is_page_number("-"));
    assert!(!is_page_number("4"));
}
