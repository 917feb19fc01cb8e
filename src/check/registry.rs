//! Every rule id the project knows, with its name, severity and summary (DESIGN.md).
//!
//! Ids are stable: never renumber, never reuse. Parse-stage rules (P001–P003, P007, P008)
//! are emitted by `ingest`/`parse`; the rest by `check::rules`.

use crate::model::Severity;

/// A rule's documentation.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo {
    /// Stable id.
    pub id: &'static str,
    /// Kebab-case name: names the problem, not the fix.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// 中文说明.
    pub summary_zh: &'static str,
    /// English summary.
    pub summary_en: &'static str,
    /// 整改要求: how to fix it, one sentence (review letters).
    pub fix_zh: &'static str,
    /// How to fix it, one sentence.
    pub fix_en: &'static str,
}

const fn info(
    id: &'static str,
    name: &'static str,
    severity: Severity,
    summary_zh: &'static str,
    summary_en: &'static str,
    (fix_zh, fix_en): (&'static str, &'static str),
) -> RuleInfo {
    RuleInfo {
        id,
        name,
        severity,
        summary_zh,
        summary_en,
        fix_zh,
        fix_en,
    }
}

use Severity::{Error, Info, Warning};

/// All rules, sorted by id.
pub const RULE_INFO: &[RuleInfo] = &[
    info(
        "N001",
        "text-contradicts-table",
        Warning,
        "正文引用的数字与表格不一致",
        "a figure in the text contradicts the table",
        (
            "核对正文中引用的数字，使其与表格一致（更正有误的一方）。",
            "Make the figures quoted in the text agree with the tables (correct whichever is wrong).",
        ),
    ),
    info(
        "P001",
        "unreadable-file",
        Error,
        "文件无法读取或解码",
        "file cannot be read or decoded",
        (
            "请重新报送可以打开的文件（未加密、未损坏的Word文件、带文字层的PDF或网页），扫描件请另附文字版。",
            "Send the report again as a file that opens (a Word file, a PDF with a text layer or the web page, not encrypted or damaged); with a scan, send a text version too.",
        ),
    ),
    info(
        "P002",
        "not-an-annual-report",
        Error,
        "未找到年度报告结构（没有表三）",
        "no annual-report structure found (no table 三)",
        (
            "请按全国统一格式编写年度报告，包含表二、表三（收到和处理政府信息公开申请情况）和表四。",
            "Write the report in the national format, with tables 二, 三 (requests received and handled) and 四.",
        ),
    ),
    info(
        "P003",
        "legacy-free-form-report",
        Warning,
        "2019年以前的自由格式报告，未按表格核对",
        "pre-2019 free-form report, not checked against the tables",
        (
            "2019年及以后年度的报告须使用全国统一格式；历史报告无需处理。",
            "Reports for 2019 and later must use the national format; a historical report needs no action.",
        ),
    ),
    info(
        "P004",
        "section-missing",
        Warning,
        "缺少某一部分（一至六）",
        "a section (一…六) is missing",
        (
            "补齐缺少的部分：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。",
            "Add the missing section; the six are: overall situation, proactive disclosure, requests received and handled, administrative reviews and lawsuits, problems and improvements, other matters.",
        ),
    ),
    info(
        "P005",
        "section-misnumbered",
        Warning,
        "部分标题编号错误或顺序颠倒",
        "a section heading is misnumbered or out of order",
        (
            "按“一、二、三、四、五、六”的编号和顺序更正各部分标题。",
            "Number the section headings 一 to 六, in that order.",
        ),
    ),
    info(
        "P006",
        "old-template-layout",
        Warning,
        "2021年及以后的报告使用了2019年版表格",
        "a report for 2021 or later uses the 2019 table layout",
        (
            "改用2021年起施行的新版表格格式。",
            "Use the table layout in force since 2021.",
        ),
    ),
    info(
        "P007",
        "table-incomplete",
        Warning,
        "表格不完整：缺行或缺单元格",
        "a table is incomplete: rows or cells missing",
        (
            "补齐表格中缺少的行和单元格；没有发生的事项填“0”。",
            "Fill in the missing rows and cells; write 0 where nothing happened.",
        ),
    ),
    info(
        "P008",
        "cell-not-a-number",
        Warning,
        "单元格内容不是数字",
        "a cell holds text that is not a number",
        (
            "单元格内只填阿拉伯数字，说明文字移至表格外。",
            "Put only numerals in the cells; move explanations out of the table.",
        ),
    ),
    info(
        "R001",
        "unit-not-in-roster",
        Warning,
        "报告单位不在名单中（或与多个单位相符）",
        "report's unit is not in the roster (or matches several)",
        (
            "在报告标题或落款中写明单位全称，与名单一致。",
            "Give the unit's full name, as the roster has it, in the title or the signature.",
        ),
    ),
    info(
        "R002",
        "several-reports-for-unit-year",
        Warning,
        "同一单位同一年度有多份报告",
        "several reports for one unit and year",
        (
            "确认以哪一份报告为准，撤回其余报告或注明已作废。",
            "Say which report stands, and withdraw the others or mark them void.",
        ),
    ),
    info(
        "R003",
        "unit-without-report",
        Warning,
        "名单中的单位没有该年度报告",
        "roster unit has no report for the year",
        (
            "请尽快在政府信息公开专栏发布本年度报告并报送。",
            "Publish this year's report on the disclosure site and send it without delay.",
        ),
    ),
    info(
        "T201",
        "table2-value-invalid",
        Error,
        "表二数值无效（负数或件数非整数）",
        "table 二 value invalid (negative; a count that is not whole)",
        (
            "表二的件数须为非负整数（收费金额除外），请核对更正。",
            "Table 二 counts must be whole numbers and not negative (fees excepted): correct them.",
        ),
    ),
    info(
        "T301",
        "balance-broken",
        Error,
        "勾稽关系不成立：第一项加第二项之和不等于第三项加第四项之和",
        "balance broken: new_received + carried_over ≠ total_processed + carried_forward",
        (
            "核对表三各列，使“本年新收”与“上年结转”之和等于“本年度办理结果”总计与“结转下年度继续办理”之和。",
            "Correct table 三 so that, in every column, new requests plus those carried over equal those handled plus those carried forward.",
        ),
    ),
    info(
        "T302",
        "outcome-total-mismatch",
        Error,
        "（七）总计不等于各办理结果之和",
        "outcome total ≠ sum of outcome rows",
        (
            "核对表三各项办理结果，使“（七）总计”等于（一）至（六）各项之和。",
            "Make table 三's (七) total equal the sum of outcomes (一) to (六).",
        ),
    ),
    info(
        "T303",
        "row-total-mismatch",
        Error,
        "总计列不等于六类申请人之和",
        "row total ≠ sum of the six applicant columns",
        (
            "核对该行各类申请人的件数，使“总计”等于各类申请人之和。",
            "Make the row's total equal the sum of its applicant columns.",
        ),
    ),
    info(
        "T304",
        "table3-count-invalid",
        Error,
        "表三数值为负数或非整数",
        "table 三 count negative or not whole",
        (
            "表三的件数须为非负整数，请核对更正。",
            "Table 三 counts must be whole numbers and not negative: correct them.",
        ),
    ),
    info(
        "T305",
        "blank-cells",
        Warning,
        "应填数字的单元格为空（填报不完整）",
        "blank cells where numbers are required (incomplete filling)",
        (
            "空白单元格请填写“0”，没有发生的事项也应填“0”。",
            "Write 0 in the blank cells: a table shows 0 where nothing happened.",
        ),
    ),
    info(
        "T401",
        "table4-total-mismatch",
        Error,
        "表四总计不等于维持、纠正、其他、尚未审结之和",
        "table 四 block total ≠ upheld + corrected + other + pending",
        (
            "核对表四，使每项“总计”等于结果维持、结果纠正、其他结果、尚未审结之和。",
            "Make each table 四 total equal upheld + corrected + other + pending.",
        ),
    ),
    info(
        "T402",
        "table4-count-invalid",
        Error,
        "表四数值为负数或非整数",
        "table 四 count negative or not whole",
        (
            "表四的件数须为非负整数，请核对更正。",
            "Table 四 counts must be whole numbers and not negative: correct them.",
        ),
    ),
    info(
        "X001",
        "carry-over-break",
        Warning,
        "上年结转不等于上一年报告的结转下年度继续办理",
        "carry-over break: carried_over(N) ≠ carried_forward(N−1)",
        (
            "“上年结转”应等于上一年度报告的“结转下年度继续办理”，请核对更正或说明原因。",
            "Carried over should equal last year's carried forward: correct it or explain the difference.",
        ),
    ),
    info(
        "X002",
        "stock-break",
        Warning,
        "现行有效件数不等于上年现行有效加本年制发减本年废止",
        "stock break: in_force(N) ≠ in_force(N−1) + issued(N) − repealed(N)",
        (
            "核对表二“现行有效件数”与上年现行有效件数及本年制发、废止件数是否衔接，更正或说明原因。",
            "Reconcile table 二's in-force count with last year's and this year's issued and repealed, or explain.",
        ),
    ),
    info(
        "X003",
        "copies-previous-report",
        Warning,
        "报告照搬本单位上一年的报告",
        "report copies the same unit's previous report",
        (
            "依据本年度实际工作重新编写报告，不得照搬上年报告。",
            "Write the report from this year's work; do not copy last year's.",
        ),
    ),
    info(
        "X004",
        "same-as-other-unit",
        Warning,
        "报告与同年度其他单位的报告相同",
        "report is identical to another unit's report of the same year",
        (
            "依据本单位实际工作编写报告，不得套用其他单位的报告。",
            "Write the report from the unit's own work; do not copy another unit's.",
        ),
    ),
    info(
        "Y001",
        "years-disagree",
        Warning,
        "标题、正文、统计期限、发布日期的年份不一致",
        "years disagree: title, body, statistics period, publication date",
        (
            "统一标题、正文和统计期限中的年度，并确认发布日期在报告年度的次年。",
            "Make the year of the title, the body and the statistics period agree, and publish in the following year.",
        ),
    ),
    info(
        "Y002",
        "published-late",
        Warning,
        "发布日期晚于法定期限",
        "published after the deadline",
        (
            "年度报告应于次年1月31日前发布（本级人民政府3月31日前），今后请按时发布。",
            "Publish the report by 31 January of the following year (31 March for a government's own report).",
        ),
    ),
    info(
        "Z001",
        "all-zero",
        Info,
        "各表所有单元格均为0或空白",
        "every table cell is zero or blank",
        (
            "核实是否确无数据；如有，请如实填报。",
            "Check that there really is nothing to report; if there is, fill in the figures.",
        ),
    ),
];

/// Looks a rule up by id.
pub fn rule_info(id: &str) -> Option<&'static RuleInfo> {
    RULE_INFO.iter().find(|r| r.id == id)
}

/// A rule's name in a few words, for labels where a sentence does not fit (a chart's axis);
/// the id itself for a rule without one.
pub fn short_zh(id: &str) -> &str {
    match id {
        "N001" => "正文与表不符",
        "P001" => "文件无法读取",
        "P002" => "非年报格式",
        "P003" => "旧式报告",
        "P004" => "缺少部分",
        "P005" => "标题编号错误",
        "P006" => "使用旧版表格",
        "P007" => "表格不全",
        "P008" => "单元格非数字",
        "R001" => "单位不在名单",
        "R002" => "重复报送",
        "R003" => "未报送",
        "T201" => "表二数值无效",
        "T301" => "勾稽不平",
        "T302" => "结果总计不符",
        "T303" => "行合计不符",
        "T304" => "表三数值无效",
        "T305" => "空白单元格",
        "T401" => "表四合计不符",
        "T402" => "表四数值无效",
        "X001" => "结转不衔接",
        "X002" => "现行有效不衔接",
        "X003" => "照搬上年",
        "X004" => "与他单位雷同",
        "Y001" => "年度不一致",
        "Y002" => "逾期发布",
        "Z001" => "全为零或空白",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_unique_and_sorted() {
        for w in RULE_INFO.windows(2) {
            assert!(w[0].id < w[1].id, "{} before {}", w[0].id, w[1].id);
        }
        let mut names: Vec<&str> = RULE_INFO.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULE_INFO.len());
    }

    #[test]
    fn the_model_knows_every_documented_id() {
        let ids: Vec<&str> = RULE_INFO.iter().map(|r| r.id).collect();
        assert_eq!(ids, crate::model::RULE_IDS);
    }

    #[test]
    fn every_check_rule_is_documented_with_its_severity() {
        for rule in super::super::rules::RULES {
            assert!(rule_info(rule.id()).is_some(), "{} undocumented", rule.id());
        }
    }

    #[test]
    fn every_rule_has_a_short_name() {
        for r in RULE_INFO {
            assert_ne!(short_zh(r.id), r.id, "{}", r.id);
            assert!(short_zh(r.id).chars().count() <= 7, "{}", r.id);
        }
    }
}
