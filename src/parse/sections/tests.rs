use super::numbering::GLUED;
use super::*;

/// Wordings of each section's heading met in real reports, 2021 and 2019 templates first.
const WORDINGS: [&[&str]; 6] = [
    &[
        "总体情况",
        "概述",
        "基本情况",
        "总体概况",
        "工作概况",
        "政府信息公开工作总体情况",
    ],
    &[
        "主动公开政府信息情况",
        "主动公开政府信息的情况",
        "主动公开情况",
        "政府信息主动公开情况",
    ],
    &[
        "收到和处理政府信息公开申请情况",
        "收到和处理政府信息公开申请的情况",
        "依申请公开政府信息情况",
        "收到及处理政府信息公开申请情况",
        "依申请公开情况",
        "政府信息公开申请情况",
    ],
    &[
        "政府信息公开行政复议、行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "因政府信息公开申请行政复议、提起行政诉讼情况",
        "政府信息公开行政复议、行政诉讼的情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
    ],
    &[
        "存在的主要问题及改进情况",
        "政府信息公开工作存在的主要问题及改进情况",
        "存在问题及改进措施",
        "主要问题和改进措施",
        "存在的主要问题及改进措施",
        "存在问题及改进情况",
    ],
    &[
        "其他需要报告的事项",
        "其它需要报告的事项",
        "其他需要报告事项",
        "其他事项",
    ],
];

const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// Every numbering form of section `k` (0-based) that is not a numbering fault.
fn numberings(k: usize) -> Vec<String> {
    let n = NUMERALS[k];
    let mut out: Vec<String> = ["、", "．", ".", "，", " ", "、 ", " 、", "　", "﹑"]
        .iter()
        .map(|p| format!("{n}{p}"))
        .collect();
    out.push(format!("（{n}）"));
    out.push(format!("第{n}部分 "));
    out.push(format!("第{n}部分"));
    out
}

fn ids(line: &str) -> Vec<(SectionId, String)> {
    find_in_line(line, 0)
        .into_iter()
        .map(|h| (h.id, h.text))
        .collect()
}

/// The one heading of `line`, which must have the section's own number.
fn only(line: &str) -> Heading {
    let found = find_in_line(line, 0);
    assert_eq!(found.len(), 1, "{line}: {found:?}");
    found.into_iter().next().expect("one heading")
}

#[test]
fn finds_every_wording_with_every_punctuation_on_its_line() {
    for (k, words) in WORDINGS.iter().enumerate() {
        for w in *words {
            for n in numberings(k) {
                let line = format!("{n}{w}");
                let h = only(&line);
                assert_eq!(h.id, SectionId::ALL[k], "{line}");
                assert_eq!(h.number, Some(k + 1), "{line}");
                assert_eq!(h.rank(), u8::from(n.starts_with('（')), "{line}");
                assert_eq!(h.text, line.trim(), "{line}");
                assert_eq!(h.numbering, n.trim(), "{line}");
            }
        }
    }
}

/// Crawler text before a heading: a page's paragraphs glued on one line (a space, a comma or
/// a bracket numbers a heading inside a line only in text this long).
const GLUED_TEXT: &str = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，持续推进政务公开标准化规范化建设，全面提升政务公开质量和实效，切实保障人民群众的知情权、参与权、表达权和监督权。本机关健全工作机制，明确专人负责政务公开工作，严格落实信息发布保密审查制度，确保公开内容准确规范。本机关围绕重点领域信息公开，及时发布政策文件、工作动态和办事指南，积极回应社会关切，不断提升政府工作透明度。本机关加强政策解读，采取图文解读、视频解读等多种形式，增强政策解读的针对性和有效性，让群众看得懂、用得上。本机关加强政府网站和政务新媒体管理，定期开展检查，及时更新栏目内容，确保信息发布及时、准确、规范，为企业和群众提供更加便捷的服务。本机关畅通依申请公开渠道，规范办理流程，按时答复申请人。";

#[test]
fn finds_every_wording_with_every_punctuation_inside_glued_text() {
    assert!(GLUED_TEXT.len() > GLUED);
    for (k, words) in WORDINGS.iter().enumerate() {
        for w in *words {
            for n in numberings(k) {
                let line = format!("{GLUED_TEXT}{n}{w}2023年，本机关依法依规开展工作。");
                let h = only(&line);
                assert_eq!(
                    (h.id, h.number, h.text.as_str()),
                    (SectionId::ALL[k], Some(k + 1), format!("{n}{w}").trim()),
                    "{line}"
                );
            }
        }
    }
}

#[test]
fn finds_line_headings_and_misnumbering() {
    assert_eq!(
        ids("二、主动公开政府信息情况"),
        vec![(SectionId::S2, "二、主动公开政府信息情况".into())]
    );
    let h = only("5、 存在的主要问题及改进情况");
    assert_eq!(h.id, SectionId::S5);
    assert_eq!(h.numbering, "5、");
    assert_eq!(h.number, Some(5));
    assert_eq!(h.kind, Kind::Arabic);
    let h = only("本年度收费0.5万元。5.存在的主要问题及改进情况");
    assert_eq!(
        (h.id, h.kind, h.numbering.as_str()),
        (SectionId::S5, Kind::Arabic, "5.")
    );
    let h = only("三、政府信息公开行政复议、行政诉讼情况");
    assert_eq!((h.id, h.number, h.rank()), (SectionId::S4, Some(3), 2));
}

#[test]
fn the_2019_review_heading_ends_after_its_closing_word_inside_a_line() {
    let line = "本年度无相关情况。四、因政府信息公开工作被申请行政复议、提起行政诉讼情况 行政复议 行政诉讼 结果维持";
    let h = only(line);
    assert_eq!(h.id, SectionId::S4);
    assert_eq!(
        h.text,
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    );
    assert_eq!(&line[h.span.start as usize..h.span.end as usize], h.text);
}

#[test]
fn ignores_sub_items_and_row_labels() {
    assert!(ids("1.主动公开情况。2023年，环翠区商务局共通过政府网站公开信息161条，涵盖人事任免、政策文件、业务动态、执法公示、财政信息等多个方面。").is_empty());
    for label in [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "四、结转下年度继续办理",
        "（一）予以公开",
        "（六）其他处理",
        "（七）总计",
        "\t[bookmark: _Hlk66973412]一、本年新收政府信息公开申请数量",
        "第二十条第（一）项",
        "2.依申请公开工作方面。2023年，环翠区商务局通过邮寄方式收到依申请公开信息1条。",
        "1.主动公开情况",
        "2.依申请公开情况",
    ] {
        assert!(ids(label).is_empty(), "{label}: {:?}", ids(label));
    }
    assert!(
        ids("本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况").is_empty()
    );
}

#[test]
fn ignores_an_outline_listed_in_a_sentence() {
    let line = "本报告分为六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。";
    assert_eq!(ids(line), vec![]);
    assert_eq!(
        ids("主要包括一、总体情况，二、主动公开政府信息情况"),
        vec![]
    );
}

#[test]
fn ignores_numbers_inside_prose_and_figures() {
    // An Arabic numeral with a space numbers a heading only on a short line of its own.
    for line in [
        "全年共开展第三、四季度行政复议案件评查。",
        "共计24252.3存在问题",
        "5 存在的主要问题及改进情况 一是公开内容有待丰富，二是解读形式较为单一，三是工作人员业务水平有待提高，下一步将持续改进。",
    ] {
        assert!(ids(line).is_empty(), "{line}: {:?}", ids(line));
    }
}

#[test]
fn finds_inline_headings_in_glued_text() {
    let line = "切实提升我区政务公开质效。二、主动公开政府信息情况 第二十条第（一）项信息内容";
    assert_eq!(
        ids(line),
        vec![(SectionId::S2, "二、主动公开政府信息情况".into())]
    );
}

#[test]
fn finds_the_six_headings_of_a_report_on_one_line() {
    let line = "某局2023年政府信息公开工作年度报告 本报告包括总体情况、主动公开政府信息情况等六个部分。一．概述 2023年，本局认真落实《条例》。1.主动公开情况。全年公开信息58条。二．主动公开政府信息情况 第二十条第（一）项 信息内容 本年制发件数 规章 0 0 0 三．收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1 三、本年度办理结果 （一）予以公开 1 0 0 0 0 0 1 四、结转下年度继续办理 0 0 0 0 0 0 0 四．因政府信息公开工作被申请行政复议、提起行政诉讼情况 行政复议 结果维持 0 五．存在问题及改进措施 一是公开内容有待丰富。六．其它需要报告的事项 本年度未收取信息处理费。某局 2024年1月20日";
    let found = find_in_line(line, 0);
    let got: Vec<(SectionId, &str)> = found.iter().map(|h| (h.id, h.text.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (SectionId::S1, "一．概述"),
            (SectionId::S2, "二．主动公开政府信息情况"),
            (SectionId::S3, "三．收到和处理政府信息公开申请情况"),
            (
                SectionId::S4,
                "四．因政府信息公开工作被申请行政复议、提起行政诉讼情况"
            ),
            (SectionId::S5, "五．存在问题及改进措施"),
            (SectionId::S6, "六．其它需要报告的事项"),
        ]
    );
    let kept = choose(found);
    assert!(kept.iter().all(|h| h.rank() == 0), "{kept:?}");
    assert_eq!(kept.len(), 6);
}

#[test]
fn reads_traditional_and_fullwidth_headings() {
    // As `parse` gives it: Traditional characters turned Simplified, byte offsets kept.
    let line = crate::parse::text::fold_traditional("四．政府資訊公開行政復議、行政訴訟情況");
    let h = only(&line);
    assert_eq!((h.id, h.number), (SectionId::S4, Some(4)));
    let h = only(&crate::parse::text::fold_traditional(
        "５、存在的主要問題及改進情況",
    ));
    assert_eq!((h.id, h.kind), (SectionId::S5, Kind::Arabic));
}

/// Candidates of a report whose lines are `lines`, as `find_sections` gathers them.
fn candidates(lines: &[&str]) -> Vec<Heading> {
    let mut base = 0;
    let mut out = Vec::new();
    for l in lines {
        out.extend(find_in_line(l, base));
        base += l.len() + 1;
    }
    out
}

fn chosen(lines: &[&str]) -> Vec<(SectionId, String)> {
    choose(candidates(lines))
        .into_iter()
        .map(|h| (h.id, h.text))
        .collect()
}

const REPORT: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

#[test]
fn choose_prefers_the_own_number_over_a_sub_item() {
    let lines = [
        REPORT[0],
        "1.组织领导情况。",
        "2.主动公开情况",
        "3.依申请公开情况",
        REPORT[1],
        REPORT[2],
        REPORT[3],
        REPORT[4],
        REPORT[5],
    ];
    let got = chosen(&lines);
    let want: Vec<(SectionId, String)> = SectionId::ALL
        .into_iter()
        .zip(REPORT)
        .map(|(id, t)| (id, t.to_string()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn choose_takes_a_misnumbered_heading_between_its_neighbours_only() {
    let lines = [
        REPORT[0],
        "3.依申请公开情况。全年收到申请2件。",
        REPORT[1],
        "3、收到和处理政府信息公开申请情况",
        REPORT[3],
        "5、 存在的主要问题及改进情况",
        REPORT[5],
    ];
    let got = chosen(&lines);
    assert_eq!(
        got[2],
        (SectionId::S3, "3、收到和处理政府信息公开申请情况".into())
    );
    assert_eq!(
        got[4],
        (SectionId::S5, "5、 存在的主要问题及改进情况".into())
    );
    // A sub-item before section 二 is not section 三, however it is numbered.
    let lines = [REPORT[0], "3.依申请公开情况", REPORT[1], REPORT[3]];
    let got: Vec<SectionId> = chosen(&lines).into_iter().map(|(id, _)| id).collect();
    assert_eq!(got, vec![SectionId::S1, SectionId::S2, SectionId::S4]);
}

#[test]
fn choose_keeps_a_repeated_number_and_a_real_disorder() {
    let lines = [
        REPORT[0],
        REPORT[1],
        REPORT[2],
        "三、政府信息公开行政复议、行政诉讼情况",
        REPORT[5],
        REPORT[4],
    ];
    let got = choose(candidates(&lines));
    let order: Vec<(SectionId, Option<usize>)> = got.iter().map(|h| (h.id, h.number)).collect();
    assert_eq!(
        order,
        vec![
            (SectionId::S1, Some(1)),
            (SectionId::S2, Some(2)),
            (SectionId::S3, Some(3)),
            (SectionId::S4, Some(3)),
            (SectionId::S6, Some(6)),
            (SectionId::S5, Some(5)),
        ]
    );
}

#[test]
fn choose_skips_an_outline_in_the_introduction() {
    let intro = "本报告分为六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。";
    let mut lines = vec![intro];
    lines.extend(REPORT);
    let got = choose(candidates(&lines));
    assert_eq!(got.len(), 6);
    assert!(
        got.iter().all(|h| h.span.start as usize > intro.len()),
        "{got:?}"
    );
}

#[test]
fn choose_leaves_bracketed_sub_items_alone() {
    let lines = [
        REPORT[0],
        "（一）主动公开情况",
        "（二）依申请公开情况",
        "（三）政府信息管理",
        REPORT[1],
        REPORT[2],
        REPORT[3],
        REPORT[4],
        "（一）存在的主要问题",
        "（二）改进措施",
        REPORT[5],
    ];
    let got: Vec<String> = chosen(&lines).into_iter().map(|(_, t)| t).collect();
    assert_eq!(got, REPORT.map(String::from).to_vec());
    // Without the 二 and 三 headings the sub-items do not stand in for them.
    let lines = [
        REPORT[0], lines[1], lines[2], REPORT[3], REPORT[4], REPORT[5],
    ];
    let got: Vec<SectionId> = chosen(&lines).into_iter().map(|(id, _)| id).collect();
    assert_eq!(
        got,
        vec![SectionId::S1, SectionId::S4, SectionId::S5, SectionId::S6]
    );
}

#[test]
fn choose_reads_a_report_numbered_in_brackets() {
    let bracketed: Vec<String> = REPORT
        .iter()
        .zip(NUMERALS)
        .map(|(h, n)| h.replacen(&format!("{n}、"), &format!("（{n}）"), 1))
        .collect();
    let b: Vec<&str> = bracketed.iter().map(String::as_str).collect();
    // 五 and 六 swapped: both kept, out of order.
    let lines = [b[0], b[1], b[2], b[3], b[5], b[4]];
    let got: Vec<SectionId> = chosen(&lines).into_iter().map(|(id, _)| id).collect();
    assert_eq!(
        got,
        vec![
            SectionId::S1,
            SectionId::S2,
            SectionId::S3,
            SectionId::S4,
            SectionId::S6,
            SectionId::S5
        ]
    );
    // 五 numbered （四）: kept with its wrong number.
    let lines = [
        b[0],
        b[1],
        b[2],
        b[3],
        "（四）存在的主要问题及改进情况",
        b[5],
    ];
    let got = choose(candidates(&lines));
    assert_eq!((got[4].id, got[4].number), (SectionId::S5, Some(4)));
}

#[test]
fn every_keyword_starts_with_a_listed_character() {
    for (w, _) in KEYWORDS {
        let c = w.chars().next().expect("a keyword");
        assert!(starts_keyword(c), "{w}");
    }
}

#[test]
fn a_heading_touching_a_page_footer_in_one_line_text_is_found() {
    let line = "结果维持0 0 0 0 0                    - 2 -五、存在的主要问题及改进情况一是公开内容有待丰富。";
    assert_eq!(
        ids(line),
        vec![(SectionId::S5, "五、存在的主要问题及改进情况".to_string())]
    );
    // A dash that ends no page number is not a boundary.
    assert!(ids("情况-五、存在的主要问题及改进情况一是").is_empty());
}

#[test]
fn an_arabic_heading_with_a_comma_inside_a_line_follows_a_table_or_a_sentence() {
    let line = "总计 | 0 | 0 ||5，存在的主要问题及改进情况一是公开内容有待丰富。";
    let found = find_in_line(line, 0);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].id, found[0].kind), (SectionId::S5, Kind::Arabic));
    let line = "本年度办结。5，存在的主要问题及改进情况";
    assert_eq!(ids(line).len(), 1);
    // A count in a sentence is not a numbering.
    assert!(ids("共收到意见5，存在的主要问题及改进情况将另行报告").is_empty());
}

#[test]
fn a_heading_number_glued_to_a_tables_digits_is_the_last_digit() {
    let line = "尚未审结总计0000030003001015、政府信息公开工作存在的主要问题及改进情况一是公开内容有待丰富。";
    let found = find_in_line(line, 0);
    assert_eq!(found.len(), 1, "{found:?}");
    let h = &found[0];
    assert_eq!(
        (h.id, h.kind, h.number),
        (SectionId::S5, Kind::Arabic, Some(5))
    );
    assert_eq!(&line[h.span.start as usize..h.span.start as usize + 1], "5");
    // A run of digits before 、 with other words after is no heading.
    assert!(find_in_line("共计12345、其他事项均已办结", 0).is_empty());
}

#[test]
fn an_arabic_heading_with_a_space_right_after_a_tables_last_cell() {
    // A one-line text: long, its table's cells ended by `|`.
    let line = format!(
        "{GLUED_TEXT}总计|0|0|0|5 存在问题及改进情况一是公开内容有待丰富。六 其他需要报告事项"
    );
    let found = find_in_line(&line, 0);
    assert!(
        found
            .iter()
            .any(|h| (h.id, h.kind, h.number) == (SectionId::S5, Kind::Arabic, Some(5))),
        "{found:?}"
    );
    // A cell's value is not a numbering.
    assert!(find_in_line(&format!("{GLUED_TEXT}总计|0|0|5 |3 |"), 0).is_empty());
}

#[test]
fn a_comma_heading_glued_to_a_tables_digits() {
    let line = "尚未审结总计0000000000000005，政府信息公开工作存在的主要问题及改进情况一是公开内容有待丰富。";
    let found = find_in_line(line, 0);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].id, found[0].number), (SectionId::S5, Some(5)));
    // A count in a sentence, with a comma, is not a numbering.
    assert!(find_in_line("本年度共收到申请5，存在的主要问题是办理不及时。", 0).is_empty());
}
