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
}

const fn info(
    id: &'static str,
    name: &'static str,
    severity: Severity,
    summary_zh: &'static str,
    summary_en: &'static str,
) -> RuleInfo {
    RuleInfo {
        id,
        name,
        severity,
        summary_zh,
        summary_en,
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
    ),
    info(
        "P001",
        "unreadable-file",
        Error,
        "文件无法读取或解码",
        "file cannot be read or decoded",
    ),
    info(
        "P002",
        "not-an-annual-report",
        Error,
        "未找到年度报告结构（没有表三）",
        "no annual-report structure found (no table 三)",
    ),
    info(
        "P003",
        "legacy-free-form-report",
        Warning,
        "2019年以前的自由格式报告，未按表格核对",
        "pre-2019 free-form report, not checked against the tables",
    ),
    info(
        "P004",
        "section-missing",
        Warning,
        "缺少某一部分（一至六）",
        "a section (一…六) is missing",
    ),
    info(
        "P005",
        "section-misnumbered",
        Warning,
        "部分标题编号错误或顺序颠倒",
        "a section heading is misnumbered or out of order",
    ),
    info(
        "P006",
        "old-template-layout",
        Warning,
        "2021年及以后的报告使用了2019年版表格",
        "a report for 2021 or later uses the 2019 table layout",
    ),
    info(
        "P007",
        "table-incomplete",
        Warning,
        "表格不完整：缺行或缺单元格",
        "a table is incomplete: rows or cells missing",
    ),
    info(
        "P008",
        "cell-not-a-number",
        Warning,
        "单元格内容不是数字",
        "a cell holds text that is not a number",
    ),
    info(
        "R001",
        "unit-not-in-roster",
        Warning,
        "报告单位不在名单中（或与多个单位相符）",
        "report's unit is not in the roster (or matches several)",
    ),
    info(
        "R002",
        "several-reports-for-unit-year",
        Warning,
        "同一单位同一年度有多份报告",
        "several reports for one unit and year",
    ),
    info(
        "R003",
        "unit-without-report",
        Warning,
        "名单中的单位没有该年度报告",
        "roster unit has no report for the year",
    ),
    info(
        "T201",
        "table2-value-invalid",
        Error,
        "表二数值无效（负数或件数非整数）",
        "table 二 value invalid (negative; a count that is not whole)",
    ),
    info(
        "T301",
        "balance-broken",
        Error,
        "勾稽关系不成立：第一项加第二项之和不等于第三项加第四项之和",
        "balance broken: new_received + carried_over ≠ total_processed + carried_forward",
    ),
    info(
        "T302",
        "outcome-total-mismatch",
        Error,
        "（七）总计不等于各办理结果之和",
        "outcome total ≠ sum of outcome rows",
    ),
    info(
        "T303",
        "row-total-mismatch",
        Error,
        "总计列不等于六类申请人之和",
        "row total ≠ sum of the six applicant columns",
    ),
    info(
        "T304",
        "table3-count-invalid",
        Error,
        "表三数值为负数或非整数",
        "table 三 count negative or not whole",
    ),
    info(
        "T305",
        "blank-cells",
        Warning,
        "应填数字的单元格为空（填报不完整）",
        "blank cells where numbers are required (incomplete filling)",
    ),
    info(
        "T401",
        "table4-total-mismatch",
        Error,
        "表四总计不等于维持、纠正、其他、尚未审结之和",
        "table 四 block total ≠ upheld + corrected + other + pending",
    ),
    info(
        "T402",
        "table4-count-invalid",
        Error,
        "表四数值为负数或非整数",
        "table 四 count negative or not whole",
    ),
    info(
        "X001",
        "carry-over-break",
        Warning,
        "上年结转不等于上一年报告的结转下年度继续办理",
        "carry-over break: carried_over(N) ≠ carried_forward(N−1)",
    ),
    info(
        "X002",
        "stock-break",
        Warning,
        "现行有效件数不等于上年现行有效加本年制发减本年废止",
        "stock break: in_force(N) ≠ in_force(N−1) + issued(N) − repealed(N)",
    ),
    info(
        "X003",
        "copies-previous-report",
        Warning,
        "报告照搬本单位上一年的报告",
        "report copies the same unit's previous report",
    ),
    info(
        "X004",
        "same-as-other-unit",
        Warning,
        "报告与同年度其他单位的报告相同",
        "report is identical to another unit's report of the same year",
    ),
    info(
        "Y001",
        "years-disagree",
        Warning,
        "标题、正文、统计期限、发布日期的年份不一致",
        "years disagree: title, body, statistics period, publication date",
    ),
    info(
        "Y002",
        "published-late",
        Warning,
        "发布日期晚于法定期限",
        "published after the deadline",
    ),
    info(
        "Z001",
        "all-zero",
        Info,
        "各表所有单元格均为0或空白",
        "every table cell is zero or blank",
    ),
];

/// Looks a rule up by id.
pub fn rule_info(id: &str) -> Option<&'static RuleInfo> {
    RULE_INFO.iter().find(|r| r.id == id)
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
}
