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
