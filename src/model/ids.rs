//! The vocabulary of FORMAT.md: table, row and column ids, in the official order.
//!
//! Every output (facts CSV, JSON, messages) uses these strings, so they are defined once here.

use serde::{Deserialize, Serialize};

/// Which table a cell belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TableId {
    /// 表二 主动公开 in the 2021 layout.
    #[serde(rename = "t2")]
    T2,
    /// 表二 in the 2019 trial layout.
    #[serde(rename = "t2v2019")]
    T2v2019,
    /// 表三 收到和处理政府信息公开申请情况.
    #[serde(rename = "t3")]
    T3,
    /// 表四 行政复议、行政诉讼.
    #[serde(rename = "t4")]
    T4,
}

impl TableId {
    /// The id as written in outputs: `t2`, `t2v2019`, `t3`, `t4`.
    pub fn as_str(self) -> &'static str {
        match self {
            TableId::T2 => "t2",
            TableId::T2v2019 => "t2v2019",
            TableId::T3 => "t3",
            TableId::T4 => "t4",
        }
    }

    /// The table for an id written by [`TableId::as_str`].
    pub fn from_id(id: &str) -> Option<TableId> {
        [TableId::T2, TableId::T2v2019, TableId::T3, TableId::T4]
            .into_iter()
            .find(|t| t.as_str() == id)
    }

    /// The Chinese name used in messages.
    pub fn zh(self) -> &'static str {
        match self {
            TableId::T2 | TableId::T2v2019 => "表二",
            TableId::T3 => "表三",
            TableId::T4 => "表四",
        }
    }
}

/// One row of a table layout: its id, its Chinese label and its column ids.
#[derive(Clone, Copy, Debug)]
pub struct RowSpec {
    /// FORMAT.md row id.
    pub id: &'static str,
    /// Short Chinese label, for messages.
    pub zh: &'static str,
    /// Column ids, left to right.
    pub cols: &'static [&'static str],
}

/// Table 三 columns: 申请人情况.
pub const T3_COLS: &[&str] = &[
    "natural_person",
    "business",
    "research",
    "nonprofit",
    "legal_service",
    "other_org",
    "total",
];

/// Chinese labels of the table 三 columns, in `T3_COLS` order.
pub const T3_COLS_ZH: &[&str] = &[
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

const fn t3(id: &'static str, zh: &'static str) -> RowSpec {
    RowSpec {
        id,
        zh,
        cols: T3_COLS,
    }
}

/// Table 三 rows, 2021 layout, in official order.
pub const T3_ROWS_2021: &[RowSpec] = &[
    t3("new_received", "一、本年新收政府信息公开申请数量"),
    t3("carried_over", "二、上年结转政府信息公开申请数量"),
    t3("granted", "（一）予以公开"),
    t3("partially_granted", "（二）部分公开"),
    t3("denied.state_secret", "（三）不予公开 1.属于国家秘密"),
    t3(
        "denied.law_forbidden",
        "（三）不予公开 2.其他法律行政法规禁止公开",
    ),
    t3(
        "denied.security_stability",
        "（三）不予公开 3.危及“三安全一稳定”",
    ),
    t3("denied.third_party", "（三）不予公开 4.保护第三方合法权益"),
    t3(
        "denied.internal_affairs",
        "（三）不予公开 5.属于三类内部事务信息",
    ),
    t3("denied.process_info", "（三）不予公开 6.属于四类过程性信息"),
    t3(
        "denied.enforcement_file",
        "（三）不予公开 7.属于行政执法案卷",
    ),
    t3("denied.admin_query", "（三）不予公开 8.属于行政查询事项"),
    t3(
        "unable.no_info",
        "（四）无法提供 1.本机关不掌握相关政府信息",
    ),
    t3(
        "unable.needs_creation",
        "（四）无法提供 2.没有现成信息需要另行制作",
    ),
    t3("unable.unclear", "（四）无法提供 3.补正后申请内容仍不明确"),
    t3("rejected.petition", "（五）不予处理 1.信访举报投诉类申请"),
    t3("rejected.repeat", "（五）不予处理 2.重复申请"),
    t3(
        "rejected.publication",
        "（五）不予处理 3.要求提供公开出版物",
    ),
    t3(
        "rejected.excessive",
        "（五）不予处理 4.无正当理由大量反复申请",
    ),
    t3(
        "rejected.confirmation",
        "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
    ),
    t3(
        "other.no_correction",
        "（六）其他处理 1.申请人无正当理由逾期不补正",
    ),
    t3(
        "other.unpaid_fee",
        "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用",
    ),
    t3("other.other", "（六）其他处理 3.其他"),
    t3("total_processed", "（七）总计"),
    t3("carried_forward", "四、结转下年度继续办理"),
];

/// The single （六）其他处理 row of the 2019 layout.
pub const T3_ROW_OTHER_2019: RowSpec = t3("other", "（六）其他处理");

/// Table 三 rows in the official order of both layouts (2021 rows, then the 2019 `other`).
pub fn t3_row(id: &str) -> Option<&'static RowSpec> {
    T3_ROWS_2021
        .iter()
        .chain(std::iter::once(&T3_ROW_OTHER_2019))
        .find(|r| r.id == id)
}

/// Table 四 columns (outcomes).
pub const T4_COLS: &[&str] = &["upheld", "corrected", "other", "pending", "total"];

/// Chinese labels of the table 四 columns.
pub const T4_COLS_ZH: &[&str] = &["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// Table 四 rows (blocks), in the order their cells appear in the official table.
pub const T4_ROWS: &[RowSpec] = &[
    RowSpec {
        id: "review",
        zh: "行政复议",
        cols: T4_COLS,
    },
    RowSpec {
        id: "suit_direct",
        zh: "行政诉讼（未经复议直接起诉）",
        cols: T4_COLS,
    },
    RowSpec {
        id: "suit_after_review",
        zh: "行政诉讼（复议后起诉）",
        cols: T4_COLS,
    },
];

const STOCK: &[&str] = &["issued", "repealed", "in_force"];
const VALUE: &[&str] = &["value"];

/// Table 二 rows, 2021 layout.
pub const T2_ROWS: &[RowSpec] = &[
    RowSpec {
        id: "rules",
        zh: "规章",
        cols: STOCK,
    },
    RowSpec {
        id: "normative",
        zh: "行政规范性文件",
        cols: STOCK,
    },
    RowSpec {
        id: "licensing",
        zh: "行政许可",
        cols: VALUE,
    },
    RowSpec {
        id: "penalty",
        zh: "行政处罚",
        cols: VALUE,
    },
    RowSpec {
        id: "coercion",
        zh: "行政强制",
        cols: VALUE,
    },
    RowSpec {
        id: "fees_10k_yuan",
        zh: "行政事业性收费（万元）",
        cols: VALUE,
    },
];

const MADE: &[&str] = &["made", "published", "total_public"];
const ITEMS: &[&str] = &["prev_items", "change", "decisions"];

/// Table 二 rows, 2019 trial layout (`t2v2019`).
pub const T2V2019_ROWS: &[RowSpec] = &[
    RowSpec {
        id: "rules",
        zh: "规章",
        cols: MADE,
    },
    RowSpec {
        id: "normative",
        zh: "规范性文件",
        cols: MADE,
    },
    RowSpec {
        id: "licensing",
        zh: "行政许可",
        cols: ITEMS,
    },
    RowSpec {
        id: "other_services",
        zh: "其他对外管理服务事项",
        cols: ITEMS,
    },
    RowSpec {
        id: "penalty",
        zh: "行政处罚",
        cols: ITEMS,
    },
    RowSpec {
        id: "coercion",
        zh: "行政强制",
        cols: ITEMS,
    },
    RowSpec {
        id: "fees",
        zh: "行政事业性收费",
        cols: &["prev_items", "change"],
    },
    RowSpec {
        id: "procurement",
        zh: "政府集中采购",
        cols: &["items", "amount"],
    },
];

/// The row layouts of a table.
pub fn rows_of(table: TableId) -> &'static [RowSpec] {
    match table {
        TableId::T2 => T2_ROWS,
        TableId::T2v2019 => T2V2019_ROWS,
        TableId::T3 => T3_ROWS_2021,
        TableId::T4 => T4_ROWS,
    }
}

/// Looks a row up in a table's layout (table 三 includes the 2019 `other` row).
pub fn row_spec(table: TableId, id: &str) -> Option<&'static RowSpec> {
    match table {
        TableId::T3 => t3_row(id),
        _ => rows_of(table).iter().find(|r| r.id == id),
    }
}

/// The Chinese label of a column, for messages.
pub fn col_zh(table: TableId, col: &str) -> &'static str {
    let (ids, zh): (&[&str], &[&str]) = match table {
        TableId::T3 => (T3_COLS, T3_COLS_ZH),
        TableId::T4 => (T4_COLS, T4_COLS_ZH),
        TableId::T2 => (
            &["issued", "repealed", "in_force", "value"],
            &["本年制发件数", "本年废止件数", "现行有效件数", "本年数量"],
        ),
        TableId::T2v2019 => (
            &[
                "made",
                "published",
                "total_public",
                "prev_items",
                "change",
                "decisions",
                "items",
                "amount",
            ],
            &[
                "本年新制作数量",
                "本年新公开数量",
                "对外公开总数量",
                "上一年项目数量",
                "本年增/减",
                "处理决定数量",
                "采购项目数量",
                "采购总金额",
            ],
        ),
    };
    ids.iter().position(|c| *c == col).map_or("", |i| zh[i])
}

/// Report sections 一…六.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionId {
    /// 一、总体情况
    S1,
    /// 二、主动公开政府信息情况
    S2,
    /// 三、收到和处理政府信息公开申请情况
    S3,
    /// 四、政府信息公开行政复议、行政诉讼情况
    S4,
    /// 五、存在的主要问题及改进情况
    S5,
    /// 六、其他需要报告的事项
    S6,
}

impl SectionId {
    /// All six, in order.
    pub const ALL: [SectionId; 6] = [
        SectionId::S1,
        SectionId::S2,
        SectionId::S3,
        SectionId::S4,
        SectionId::S5,
        SectionId::S6,
    ];

    /// 1-based number.
    pub fn number(self) -> usize {
        self as usize + 1
    }

    /// The id string, `s1`…`s6`.
    pub fn as_str(self) -> &'static str {
        ["s1", "s2", "s3", "s4", "s5", "s6"][self as usize]
    }

    /// The expected numbering, `一、`…`六、`.
    pub fn numeral(self) -> &'static str {
        ["一、", "二、", "三、", "四、", "五、", "六、"][self as usize]
    }

    /// The typical heading.
    pub fn heading_zh(self) -> &'static str {
        [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ][self as usize]
    }

    /// English name for messages.
    pub fn heading_en(self) -> &'static str {
        [
            "1 overview",
            "2 proactive disclosure",
            "3 requests received and handled",
            "4 administrative review and litigation",
            "5 problems and improvements",
            "6 other matters",
        ][self as usize]
    }
}

/// A row, column or rule id: always one of the catalogue's strings (or [`intern`]ed). A
/// named alias so that serde's derive does not take the field as borrowed from its input.
pub type Id = &'static str;

/// The one `&'static str` for an id read back from serialized data (a shard's part file):
/// the catalogue's own string when it is one, else a copy kept for the life of the process
/// (each distinct id once).
pub fn intern(s: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static OTHERS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    if let Some(id) = CellId::of(s) {
        return id.as_str();
    }
    if let Some(rule) = super::finding::RULE_IDS.iter().find(|r| **r == s) {
        return rule;
    }
    let mut others = OTHERS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match others.get(s) {
        Some(k) => k,
        None => {
            let k: &'static str = Box::leak(s.to_owned().into_boxed_str());
            others.insert(k);
            k
        }
    }
}

/// Deserializers for the `&'static str` ids of the model ([`intern`]).
pub mod de {
    use serde::{Deserialize, Deserializer};

    /// One id.
    pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
        Ok(super::intern(&String::deserialize(d)?))
    }

    /// An optional id.
    pub fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.map(|s| super::intern(&s)))
    }

    /// A list of ids.
    pub fn ids<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<&'static str>, D::Error> {
        Ok(Vec::<String>::deserialize(d)?
            .iter()
            .map(|s| super::intern(s))
            .collect())
    }
}

/// A row or column id of the catalogue in two bytes, for the ~200 cells of each report a
/// batch holds (a `&'static str` takes 16). Reads, compares, orders and prints as its text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellId(u16);

/// Every row and column id of every table layout, in a fixed order.
fn cell_ids() -> &'static (Vec<&'static str>, rustc_hash::FxHashMap<&'static str, u16>) {
    static IDS: std::sync::OnceLock<(Vec<&'static str>, rustc_hash::FxHashMap<&'static str, u16>)> =
        std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        let mut list: Vec<&'static str> = Vec::new();
        let rows = [T2_ROWS, T2V2019_ROWS, T3_ROWS_2021, T4_ROWS]
            .into_iter()
            .flatten()
            .chain([&T3_ROW_OTHER_2019]);
        for id in rows
            .flat_map(|r| std::iter::once(r.id).chain(r.cols.iter().copied()))
            .chain(T3_COLS.iter().copied())
            .chain(T4_COLS.iter().copied())
        {
            if !list.contains(&id) {
                list.push(id);
            }
        }
        let map = list
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, i as u16))
            .collect();
        (list, map)
    })
}

impl CellId {
    /// The id for `s`, when the catalogue has it.
    pub fn of(s: &str) -> Option<CellId> {
        cell_ids().1.get(s).map(|&i| CellId(i))
    }

    /// Its place in [`CellId::all`].
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// Every id, in the order of [`CellId::index`].
    pub fn all() -> &'static [&'static str] {
        &cell_ids().0
    }

    /// The id as text.
    pub fn as_str(self) -> &'static str {
        cell_ids().0.get(usize::from(self.0)).copied().unwrap_or("")
    }
}

impl From<&'static str> for CellId {
    /// A catalogue id. Any other text (the parser and the generator never make one) reads
    /// back as "": [`CellId::of`] tells.
    fn from(s: &'static str) -> CellId {
        CellId::of(s).unwrap_or(CellId(u16::MAX))
    }
}

impl std::ops::Deref for CellId {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialOrd for CellId {
    fn partial_cmp(&self, other: &CellId) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CellId {
    /// As the texts order.
    fn cmp(&self, other: &CellId) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialEq<str> for CellId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for CellId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<CellId> for &str {
    fn eq(&self, other: &CellId) -> bool {
        *self == other.as_str()
    }
}

impl From<CellId> for String {
    fn from(id: CellId) -> String {
        id.as_str().to_owned()
    }
}

impl std::fmt::Debug for CellId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for CellId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CellId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CellId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<CellId, D::Error> {
        let s = String::deserialize(d)?;
        CellId::of(&s).ok_or_else(|| serde::de::Error::custom(format!("no cell id {s}")))
    }
}

#[cfg(test)]
mod cell_id_tests {
    use super::*;

    #[test]
    fn every_catalogue_id_is_two_bytes_that_read_order_and_print_as_its_text() {
        let all = &cell_ids().0;
        assert!(all.len() >= 60, "{}", all.len());
        for &s in all {
            let id = CellId::of(s).expect("a catalogue id");
            assert_eq!(id.as_str(), s);
            assert!(std::ptr::eq(id.as_str(), s), "the catalogue's own string");
            assert_eq!(id, s);
            assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{s}\""));
            let back: CellId = serde_json::from_str(&format!("\"{s}\"")).unwrap();
            assert_eq!(back, id);
        }
        let (a, b) = (CellId::from("total"), CellId::from("business"));
        assert_eq!(a.cmp(&b), "total".cmp("business"));
        assert!(CellId::of("no_such_row").is_none());
        assert!(serde_json::from_str::<CellId>("\"no_such_row\"").is_err());
        // A batch holds ~200 cells a report: the cell stays this small.
        assert_eq!(std::mem::size_of::<CellId>(), 2);
        assert!(std::mem::size_of::<super::super::Cell>() <= 56);
    }
}
