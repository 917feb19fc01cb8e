use super::*;

#[test]
fn page_numbers_are_known() {
    for t in [
        "- 3 -",
        "3",
        "第3页",
        "第 3 页 共 7 页",
        "3/7",
        "—12—",
        "第3页/共7页",
    ] {
        assert!(is_page_number(t), "{t}");
    }
    for t in ["2023年", "一、总体情况", "第二十条", "3.其他", "12345"] {
        assert!(!is_page_number(t), "{t}");
    }
}

#[test]
fn numbered_items_open() {
    for t in [
        "一、总体情况",
        "（一）主动公开",
        "1.本机关",
        "十二、其他",
        "(2) 依申请",
    ] {
        assert!(opens_item(t), "{t}");
    }
    for t in ["2023 年，洪泽区", "一是扎实推进", "本报告"] {
        assert!(!opens_item(t), "{t}");
    }
}

fn g(x0: f64, y: f64, t: &str) -> Glyph {
    Glyph {
        x0,
        x1: x0 + 10.0,
        y,
        size: 10.0,
        text: t.into(),
    }
}

#[test]
fn lines_read_left_to_right_top_to_bottom() {
    let gs = [
        g(20.0, 100.0, "乙"),
        g(10.0, 100.5, "甲"),
        g(10.2, 100.5, "甲"),
        g(10.0, 80.0, "丙"),
        g(40.0, 100.0, "1"),
    ];
    let ls = lines(gs.iter().collect());
    let texts: Vec<&str> = ls.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["甲乙 1", "丙"]);
}

#[test]
fn a_repeated_heading_is_read_once() {
    let mut acc = vec![
        vec!["信息内容".to_string(), "件数".into()],
        vec!["a".into(), "1".into()],
    ];
    append(
        &mut acc,
        vec![
            vec!["信息内容".to_string(), "件数".into()],
            vec!["b".into(), "2".into()],
        ],
    );
    assert_eq!(acc.len(), 3);
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Edges of `n` cells `w` wide from `x`.
fn edges(x: f64, w: f64, n: usize) -> Vec<(f64, f64)> {
    (0..n)
        .map(|i| (x + w * i as f64, x + w * (i + 1) as f64))
        .collect()
}

// The seed's PDF: LibreOffice broke table 四's second heading row over two pages.
#[test]
fn a_heading_row_broken_over_pages_is_joined() {
    let mut acc = vec![
        strings(&["行政复议", "行政诉讼"]),
        strings(&[
            "结果",
            "结果",
            "其他",
            "尚未",
            "总计",
            "未经复议直接起诉",
            "复议后起诉",
        ]),
    ];
    let mut prev_edges = edges(0.0, 10.0, 5);
    prev_edges.extend(edges(50.0, 50.0, 2));
    let mut next = strings(&["维持", "纠正", "结果", "审结", ""]);
    next.extend(strings(
        &[
            "结果\n维持",
            "结果\n纠正",
            "其他\n结果",
            "尚未\n审结",
            "总计",
        ]
        .repeat(2),
    ));
    let mut next_edges = edges(0.0, 10.0, 5);
    next_edges.extend(edges(50.0, 10.0, 10));
    let mut rows = vec![next, strings(&["0"; 15])];
    join_broken_row(&mut acc, &prev_edges, &mut rows, &next_edges);
    assert_eq!(
        acc[1],
        strings(&[
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "未经复议直接起诉",
            "复议后起诉"
        ])
    );
    assert_eq!(rows[0][..6], strings(&["", "", "", "", "", "结果\n维持"]));
    assert_eq!(rows.len(), 2);
}

#[test]
fn whole_rows_on_either_side_of_a_page_break_stay_apart() {
    // A data row: numbers say the rows are whole.
    let mut acc = vec![strings(&["2.申请人逾期未按收费通知要求缴纳费用", "0", "0"])];
    let mut rows = vec![strings(&["3.其他", "1", "0"])];
    let e = edges(0.0, 10.0, 3);
    join_broken_row(&mut acc, &e, &mut rows, &e);
    assert_eq!(acc[0][0], "2.申请人逾期未按收费通知要求缴纳费用");
    assert_eq!(rows[0][0], "3.其他");
    // Two heading rows whose cells lie at other edges.
    let mut acc = vec![strings(&["行政复议", "行政诉讼"])];
    let mut rows = vec![strings(&["结果维持", "总计", "未经复议直接起诉"])];
    let prev = vec![(0.0, 20.0), (20.0, 60.0)];
    let next = vec![(0.0, 10.0), (10.0, 20.0), (20.0, 40.0)];
    join_broken_row(&mut acc, &prev, &mut rows, &next);
    assert_eq!(acc[0], strings(&["行政复议", "行政诉讼"]));
    assert_eq!(rows.len(), 1);
}
