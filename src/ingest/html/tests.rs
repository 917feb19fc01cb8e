use super::*;

fn doc(html: &str) -> Document {
    decode(Path::new("page.html"), html.as_bytes()).unwrap()
}

#[test]
fn rowspan_leaves_an_empty_cell_per_covering_cell_and_colspan_one_cell() {
    let d = doc(
        r#"<table><tr><td rowspan="2" colspan="2">申请人情况</td><td>自然人</td></tr>
        <tr><td>&nbsp;</td></tr><tr><td>本年新收</td><td>x</td><td>3</td></tr></table>"#,
    );
    assert_eq!(
        d.table_texts(),
        vec![vec![
            vec!["申请人情况".to_string(), "自然人".into()],
            vec!["".into(), "".into()],
            vec!["本年新收".into(), "x".into(), "3".into()],
        ]]
    );
}

#[test]
fn line_breaks_inside_a_cell_join_its_label_and_paragraphs_are_lines() {
    let d = doc("<p>一、总体\n情况</p><p>正文<br/>第二行</p><table><tr><td><p>本年新<br />制作数量</p></td><td>13</td></tr></table>");
    assert_eq!(d.line_texts()[..3], ["一、总体情况", "正文", "第二行"]);
    assert_eq!(
        d.table_texts(),
        vec![vec![vec!["本年新制作数量".to_string(), "13".into()]]]
    );
}

#[test]
fn the_article_is_found_among_the_chrome_and_the_info_table_gives_date_and_publisher() {
    let page = r#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
        <title>示例区财政局2023年政府信息公开工作年度报告_示例区人民政府</title>
        <script>var x = "一、总体情况";</script></head><body>
        <div class="nav"><a href="/">首页</a> &gt; <a>政府信息公开年报</a></div>
        <table class="info"><tr><td>索引号：</td><td>113-2024-001</td><td>发布机构：</td><td>示例区财政局</td></tr>
        <tr><td>发布日期：</td><td>2024-01-18</td><td>主题分类：</td><td>年报</td></tr></table>
        <div id="zoom"><p>一、总体情况</p><p>2023年，本局……</p>
        <table><tr><td>信息内容</td><td>本年新制作数量</td></tr><tr><td>规章</td><td>0</td></tr>
        <tr><td>行政许可</td><td>1</td></tr></table><p>示例区财政局</p><p>2024年1月18日</p></div>
        <div class="footer">版权所有：示例区人民政府 网站标识码</div></body></html>"#;
    let (gbk, _, _) = encoding_rs::GBK.encode(page);
    let d = decode(Path::new("p.html"), &gbk).unwrap();
    assert_eq!(d.encoding, "GBK");
    let l = d.line_texts();
    assert_eq!(
        l[..4],
        [
            "标题：示例区财政局2023年政府信息公开工作年度报告",
            "发布日期：2024-01-18",
            "发布机构：示例区财政局",
            "一、总体情况"
        ]
    );
    assert_eq!(l.last(), Some(&"2024年1月18日"));
    assert!(!d.text.contains("首页") && !d.text.contains("版权所有") && !d.text.contains("var x"));
    assert_eq!(d.table_texts().len(), 1);
}

#[test]
fn a_utf8_page_labelled_gbk_is_read_by_its_label_and_a_bom_wins() {
    let page = "<meta charset=\"utf-8\"><p>一、总体情况</p>";
    assert_eq!(doc(page).encoding, "UTF-8");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice("<meta charset=gb2312><p>一、总体情况</p>".as_bytes());
    let d = decode(Path::new("p.htm"), &bom).unwrap();
    assert_eq!(d.encoding, "UTF-8");
    assert!(d.text.contains("一、总体情况"));
}

#[test]
fn hostile_spans_and_empty_pages_do_not_blow_up() {
    let d = doc(
        r#"<p>总体情况</p><table><tr><td colspan="999999999" rowspan="999999">a</td><td>b</td></tr><tr><td>c</td></tr></table>"#,
    );
    let t = d.table_texts();
    assert_eq!(t[0][0], vec!["a".to_string(), "b".into()]);
    assert!(t[0][1].len() <= 2);
    assert_eq!(
        decode(
            Path::new("e.html"),
            b"<html><body><script>x</script></body></html>"
        )
        .unwrap_err(),
        ReadProblem::Empty
    );
}

#[test]
fn a_page_nested_eight_thousand_deep_is_read_without_exhausting_the_stack() {
    // Deep enough to overflow a worker's stack without the depth cap; html5ever's time grows
    // with the square of the nesting (a 100,000-deep page took 12 minutes in a debug build),
    // which the per-file budget bounds in a run.
    let n = 8_000;
    let page = format!(
        "<p>一、总体情况</p>{}<p>正文</p>{}",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    // Run on a thread with a small stack, as a rayon worker's.
    let d = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || doc(&page))
        .unwrap()
        .join()
        .unwrap();
    assert!(d.text.contains("正文"));
}

#[test]
fn only_small_shallow_pages_are_parsed_without_a_thread_of_their_own() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for rel in [
        "forms/seed/seed.html",
        "forms/gen2023/gen2023.html",
        "reports/published/shanghai_szfbgt_2019.html",
    ] {
        let bytes = std::fs::read(fixtures.join(rel)).unwrap();
        assert!(parses_quickly(&bytes), "{rel}");
    }
    // Unclosed paragraphs, cells and line breaks nest nothing.
    let flat = "<table><tr><td>1<td>2<br><p>3<p>4</table>".repeat(5_000);
    assert!(parses_quickly(flat.as_bytes()));
    let deep = format!("{}x{}", "<div>".repeat(200), "</div>".repeat(200));
    assert!(!parses_quickly(deep.as_bytes()));
    // Formatting elements left open are reconstructed at every paragraph: they count.
    let open: String = (0..200).map(|i| format!("<p><b id={i}>x")).collect();
    assert!(!parses_quickly(open.as_bytes()));
    let big = format!("<p>{}</p>", "字".repeat(INLINE_BYTES));
    assert!(!parses_quickly(big.as_bytes()));
}
