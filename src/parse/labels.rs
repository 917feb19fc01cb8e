//! Row labels matched on keywords (FORMAT.md ids), never on position.
//!
//! Labels are matched after `text::fold_label`, so Traditional characters, white space and
//! half-width brackets do not matter.

use super::text::Label;

/// The outcome group a sub-row belongs to (（三）…（六）).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Group {
    /// （三）不予公开
    Denied,
    /// （四）无法提供
    Unable,
    /// （五）不予处理
    Rejected,
    /// （六）其他处理
    Other,
}

/// What a table 三 label says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct T3Label {
    /// The row the label names, if any.
    pub(crate) row: Option<&'static str>,
    /// The group the label opens, if any.
    pub(crate) group: Option<Group>,
    /// True when the label closes any open group (a top-level row).
    pub(crate) top_level: bool,
}

type SubRows = &'static [(&'static str, &'static [&'static str])];

const DENIED: SubRows = &[
    ("denied.state_secret", &["国家秘密"]),
    (
        "denied.law_forbidden",
        // 其他法律行政: the real Hongze 2023 PDF prints "2.其他法律行政止公开".
        &[
            "法律行政法规禁止",
            "法规禁止公开",
            "禁止公开",
            "其他法律行政",
        ],
    ),
    ("denied.security_stability", &["三安全一稳定", "危及"]),
    ("denied.third_party", &["第三方"]),
    ("denied.internal_affairs", &["内部事务"]),
    ("denied.process_info", &["过程性"]),
    ("denied.enforcement_file", &["执法案卷"]),
    ("denied.admin_query", &["行政查询"]),
];
const UNABLE: SubRows = &[
    ("unable.no_info", &["不掌握"]),
    ("unable.needs_creation", &["另行制作", "没有现成"]),
    ("unable.unclear", &["仍不明确", "补正后申请内容"]),
];
const REJECTED: SubRows = &[
    ("rejected.petition", &["信访", "举报投诉"]),
    ("rejected.repeat", &["重复申请"]),
    ("rejected.publication", &["出版物"]),
    ("rejected.excessive", &["大量反复", "大量反覆"]),
    ("rejected.confirmation", &["重新出具", "确认或"]),
];
const OTHER: SubRows = &[
    ("other.no_correction", &["不补正"]),
    ("other.unpaid_fee", &["缴纳费用", "收费通知"]),
];

const ALL_GROUPS: [SubRows; 4] = [DENIED, UNABLE, REJECTED, OTHER];

/// The sub-rows of a group, or of all groups when none is open.
fn sub_rows(
    group: Option<Group>,
) -> impl Iterator<Item = &'static (&'static str, &'static [&'static str])> {
    let groups: &'static [SubRows] = match group {
        Some(Group::Denied) => &ALL_GROUPS[0..1],
        Some(Group::Unable) => &ALL_GROUPS[1..2],
        Some(Group::Rejected) => &ALL_GROUPS[2..3],
        Some(Group::Other) => &ALL_GROUPS[3..4],
        None => &ALL_GROUPS,
    };
    groups.iter().flat_map(|g| g.iter())
}

/// Matches a folded table 三 label, given the group open before it.
pub(crate) fn t3_label(label: &str, open: Option<Group>) -> T3Label {
    let l = &Label::new(label);
    let top = |row| T3Label {
        row: Some(row),
        group: None,
        top_level: true,
    };
    if l.has("本年新收") || (l.has("新收") && l.has("申请数量")) {
        return top("new_received");
    }
    if l.has("上年结转") {
        return top("carried_over");
    }
    if l.has("结转下年") || l.has("下年度继续办理") {
        return top("carried_forward");
    }
    if l.has("总计")
        && (l.has("（七）")
            || label.starts_with("七")
            || (open.is_some() && strip_numbering(label) == "总计"))
    {
        return top("total_processed");
    }
    if l.has("予以公开") && !l.has("不予") {
        return top("granted");
    }
    if l.has("部分公开") {
        return top("partially_granted");
    }
    let group = if l.has("不予公开") {
        Some(Group::Denied)
    } else if l.has("无法提供") {
        Some(Group::Unable)
    } else if l.has("不予处理") {
        Some(Group::Rejected)
    } else if l.has("其他处理") || l.has("其它处理") {
        Some(Group::Other)
    } else {
        None
    };
    let effective = group.or(open);
    // Within an open group only its own sub-rows can match; fall back to all of them.
    let find = |g: Option<Group>| {
        sub_rows(g)
            .find(|(_, words)| words.iter().any(|w| l.has(w)))
            .map(|(id, _)| *id)
    };
    // Sub-row labels are numbered ("1.属于国家秘密"); an unnumbered label names a sub-row
    // only inside an open group. Headers (自然人, 商业企业…) and bare group labels skip the search.
    let numbered = label.bytes().any(|b| b.is_ascii_digit());
    let searched = if numbered || (open.is_some() && group.is_none()) {
        find(effective).or_else(|| effective.and_then(|_| find(None)))
    } else {
        None
    };
    let row = searched.or_else(|| {
        let bare = strip_numbering(label);
        (effective == Some(Group::Other) && (bare == "其他" || bare == "其它"))
            .then_some("other.other")
    });
    if l.has("办理结果") && row.is_none() && group.is_none() {
        return T3Label {
            row: None,
            group: None,
            top_level: true,
        };
    }
    T3Label {
        row,
        group,
        top_level: false,
    }
}

/// Drops a leading "3." / "（三）" / "三、" numbering.
fn strip_numbering(l: &str) -> &str {
    let t =
        l.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    let t = t.trim_start_matches(['.', '、']);
    if let Some(rest) = t.strip_prefix('（') {
        if let Some(p) = rest.find('）') {
            return &rest[p + '）'.len_utf8()..];
        }
    }
    t
}

/// Matches a folded table 二 label: the row id in the 2021 and the 2019 layout.
pub(crate) fn t2_label(label: &str) -> Option<(&'static str, &'static str)> {
    let l = &Label::new(label);
    if l.has("规范性文件") || l.has("规范性档案") {
        return Some(("normative", "normative"));
    }
    if l.has("规章") {
        return Some(("rules", "rules"));
    }
    if l.has("行政许可") {
        return Some(("licensing", "licensing"));
    }
    if l.has("其他对外管理服务") {
        return Some(("", "other_services"));
    }
    if l.has("行政处罚") {
        return Some(("penalty", "penalty"));
    }
    if l.has("行政强制") {
        return Some(("coercion", "coercion"));
    }
    if l.has("事业性收费") {
        return Some(("fees_10k_yuan", "fees"));
    }
    if l.has("集中采购") {
        return Some(("", "procurement"));
    }
    None
}

/// Header words that only the 2019 table 二 has.
pub(crate) const T2_2019_HEADERS: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "采购项目数量",
    "采购总金额",
];

/// True for the table 四 header words.
pub(crate) fn is_t4_header(label: &str) -> bool {
    let l = &Label::new(label);
    l.has("行政复议") || l.has("行政诉讼") || l.has("结果维持") || l.has("尚未审结")
}

/// The table 四 block a label names: 0 行政复议, 1 未经复议直接起诉, 2 复议后起诉.
pub(crate) fn t4_block(label: &str) -> Option<usize> {
    let l = &Label::new(label);
    if l.has("复议后起诉") {
        Some(2)
    } else if l.has("直接起诉") {
        Some(1)
    } else if l.has("行政复议") && !l.has("诉讼") {
        Some(0)
    } else {
        None
    }
}

/// A PDF page's running head ("某区人民政府2023年政府信息公开工作年度报告") printed among the
/// table's rows: a report title that names no row.
pub(crate) fn is_running_head(label: &str) -> bool {
    let l = &Label::new(label);
    (l.has("年度报告") || l.has("年报") || l.has("工作报告"))
        && !is_t4_header(label)
        && t2_label(label).is_none()
        && t3_label(label, None).row.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_rows_in_context() {
        assert_eq!(
            t3_label("（三）不予公开1.属于国家秘密", None).row,
            Some("denied.state_secret")
        );
        assert_eq!(t3_label("（三）不予公开", None).group, Some(Group::Denied));
        assert_eq!(
            t3_label("3.其他", Some(Group::Other)).row,
            Some("other.other")
        );
        assert_eq!(t3_label("其他", None).row, None);
        assert_eq!(
            t3_label("（七）总计", Some(Group::Other)).row,
            Some("total_processed")
        );
        assert_eq!(t3_label("总计", None).row, None);
        assert_eq!(
            t3_label(
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                Some(Group::Other)
            )
            .row,
            Some("other.unpaid_fee")
        );
        assert_eq!(t3_label("（一）予以公开", None).row, Some("granted"));
        assert_eq!(
            t3_label("5.要求行政机关确认或重新出具已获取信息", None).row,
            Some("rejected.confirmation")
        );
    }

    #[test]
    fn running_heads_name_no_row() {
        assert!(is_running_head("示例区滨江街道政府信息公开工作年度报告"));
        assert!(!is_running_head(
            "示例区农业农村局2022年政府信息公开工作年度报告3.危及“三安全一稳定”"
        ));
        assert!(!is_running_head("行政许可"));
    }

    #[test]
    fn table_four_blocks_by_label() {
        assert_eq!(t4_block("行政复议"), Some(0));
        assert_eq!(t4_block("行政诉讼未经复议直接起诉"), Some(1));
        assert_eq!(t4_block("复议后起诉"), Some(2));
        assert_eq!(t4_block("总计"), None);
    }

    #[test]
    fn table_two_headers_do_not_match_rows() {
        assert_eq!(t2_label("本年收费金额（单位：万元）"), None);
        assert_eq!(t2_label("行政规范性文件"), Some(("normative", "normative")));
    }
}
