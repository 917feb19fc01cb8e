use super::*;

fn letter() -> Letter {
    Letter {
        unit_id: "B001".into(),
        unit_name: "示例区财政局".into(),
        year: Some(2023),
        stem: "B001".into(),
        deadline: Some(Date {
            year: 2024,
            month: 1,
            day: 31,
        }),
        files: vec![File {
            path: "2023/财政局.docx".into(),
            published: Some(Date {
                year: 2024,
                month: 2,
                day: 3,
            }),
        }],
        problems: vec![
            Problem {
                rule: "Y002",
                severity: Severity::Warning,
                file: "2023/财政局.docx".into(),
                place: String::new(),
                message: "发布日期晚于期限".into(),
            },
            Problem {
                rule: "T301",
                severity: Severity::Error,
                file: "2023/财政局.docx".into(),
                place: "表三「本年新收」×「自然人」".into(),
                message: "勾稽关系不成立 <3 ≠ 4>".into(),
            },
        ],
        missing: vec!["late"],
    }
}

#[test]
fn a_letter_lists_errors_before_warnings_each_with_where_found_and_fix() {
    let page = html(&letter(), Lang::Zh);
    assert!(page.contains("关于示例区财政局2023年度政府信息公开工作年度报告的审核意见"));
    let error = page.find("须更正的错误").unwrap();
    let warning = page.find("应核实的问题").unwrap();
    assert!(error < warning);
    let t301 = page.find("（T301）").unwrap();
    assert!(error < t301 && t301 < warning);
    assert!(page.contains("位置：表三「本年新收」×「自然人」"));
    assert!(page.contains("勾稽关系不成立 &lt;3 ≠ 4&gt;"), "escaped");
    assert!(page.contains(rule_info("T301").unwrap().fix_zh));
    // The file against the deadline, and the late row.
    assert!(page.contains("发布日期2024年2月3日，规定期限2024年1月31日，逾期"));
    assert!(page.contains("晚于规定期限（2024年1月31日）"));
    assert!(page.contains(OUTPUT_SIGN));
    assert_eq!(page.matches("class=\"item\"").count(), 2);
}

#[test]
fn a_unit_that_did_not_report_is_told_so_and_by_when_in_either_language() {
    let l = Letter {
        files: Vec::new(),
        problems: Vec::new(),
        missing: vec!["no_report"],
        ..letter()
    };
    let zh = html(&l, Lang::Zh);
    assert!(zh.contains("未收到你单位2023年度政府信息公开工作年度报告（应于2024年1月31日前发布）"));
    assert!(zh.contains("5个工作日内"));
    assert!(!zh.contains("报送文件"));
    let en = html(&l, Lang::En);
    assert!(en.contains("have not received your 2023 annual report (due by 2024-01-31)"));
    assert!(en.contains("lang=\"en\""));
}

#[test]
fn every_rule_says_how_to_fix_it_in_both_languages() {
    for r in crate::check::registry::RULE_INFO {
        assert!(r.fix_zh.ends_with('。'), "{}: {}", r.id, r.fix_zh);
        assert!(r.fix_en.ends_with('.'), "{}: {}", r.id, r.fix_en);
    }
}

#[test]
fn the_word_letter_holds_the_same_paragraphs() {
    let bytes = docx(&letter(), Lang::Zh).unwrap();
    let doc = crate::ingest::decode(std::path::Path::new("letter.docx"), &bytes).unwrap();
    let page = html(&letter(), Lang::Zh);
    for line in doc.line_texts() {
        let line = line.trim();
        if !line.is_empty() {
            assert!(
                page.contains(&line.replace('<', "&lt;").replace('>', "&gt;")),
                "{line}"
            );
        }
    }
    assert!(doc.text.contains("整改要求："));
}
