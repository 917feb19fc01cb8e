//! The rubric (评分细则): full score, floor, categories with caps and the points each rule id
//! or missing.csv status takes off, read from TOML and validated.
//!
//! Points are kept in hundredths ([`Points`]) so that sums are exact: deductions.csv adds up
//! to `full − score` to the last digit.

use crate::model::{Lang, RULE_IDS};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The default rubric, as `nianbao rubric` prints it.
pub const DEFAULT_RUBRIC: &str = include_str!("../../assets/rubric.toml");

/// The missing.csv statuses a rubric may charge (DESIGN.md "Outputs").
pub const STATUSES: &[&str] = &["no_report", "unreadable", "late", "copied", "empty"];

/// Statuses that restate a rule's finding: charging both would count one fault twice.
const SAME_FAULT: &[(&str, &[&str])] = &[
    ("late", &["Y002"]),
    ("copied", &["X003", "X004"]),
    ("empty", &["Z001"]),
];

/// Points in hundredths of a point (2.5 points = 250), so that sums are exact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(pub i64);

impl Points {
    /// As a float (for Parquet and the workbook).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl std::fmt::Display for Points {
    /// `95`, `97.5`, `0.25`: the shortest decimal.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (sign, v) = if self.0 < 0 {
            ("-", -self.0)
        } else {
            ("", self.0)
        };
        match v % 100 {
            0 => write!(f, "{sign}{}", v / 100),
            c if c % 10 == 0 => write!(f, "{sign}{}.{}", v / 100, c / 10),
            c => write!(f, "{sign}{}.{c:02}", v / 100),
        }
    }
}

/// How often a deduction applies to one unit-year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Per {
    /// Once per finding (the default).
    #[default]
    Finding,
    /// Once per unit-year, however many times the rule fires.
    Report,
}

/// A category (类别) and the most it can take off.
#[derive(Clone, Debug, PartialEq)]
pub struct Category {
    /// Id, as [`Deduction::category`] names it.
    pub id: String,
    /// 中文名称.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// The most this category takes off one unit-year.
    pub cap: Points,
}

/// What one rule id or status costs.
#[derive(Clone, Debug, PartialEq)]
pub struct Deduction {
    /// Points taken off each time it applies.
    pub points: Points,
    /// The category whose cap limits it.
    pub category: String,
    /// Once per finding or once per unit-year.
    pub per: Per,
}

/// A validated rubric.
#[derive(Clone, Debug, PartialEq)]
pub struct Rubric {
    /// 满分.
    pub full: Points,
    /// 最低分: no score goes below it.
    pub floor: Points,
    /// Categories, by id.
    pub categories: BTreeMap<String, Category>,
    /// Rule id or status → what it costs.
    pub deductions: BTreeMap<String, Deduction>,
}

/// Why a rubric cannot be used. Each message says which key to fix.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RubricError {
    /// Not TOML, or not the rubric's shape (an unknown field, a string for a number).
    #[error("not a rubric: {0}")]
    Syntax(String),
    /// A key of `[deductions]` is neither a rule id nor a status.
    #[error("[deductions] {0}: not a rule id (P001…Z001) nor a missing.csv status ({statuses})", statuses = STATUSES.join(", "))]
    UnknownKey(String),
    /// A deduction names a category that `[categories]` lacks.
    #[error("[deductions] {key}: category \"{category}\" is not in [categories]")]
    UnknownCategory {
        /// The deduction.
        key: String,
        /// The category it names.
        category: String,
    },
    /// A negative or non-finite amount, or one with more than two decimals.
    #[error("{0}: must be a number ≥ 0 with at most two decimals")]
    BadPoints(String),
    /// The floor is above the full score.
    #[error("floor is above full")]
    FloorAboveFull,
    /// A status and the rule it restates both cost points.
    #[error(
        "[deductions] {status} and {rule} are the same fault: give points to one of them only"
    )]
    Twice {
        /// The missing.csv status.
        status: &'static str,
        /// The rule.
        rule: &'static str,
    },
}

impl RubricError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            RubricError::Syntax(e) => format!("不是有效的评分细则：{e}"),
            RubricError::UnknownKey(k) => format!(
                "[deductions] {k}：既不是规则编号（P001…Z001），也不是 missing.csv 的状态（{}）",
                STATUSES.join("、")
            ),
            RubricError::UnknownCategory { key, category } => {
                format!("[deductions] {key}：类别“{category}”不在 [categories] 中")
            }
            RubricError::BadPoints(k) => format!("{k}：应为不小于 0 的数，最多两位小数"),
            RubricError::FloorAboveFull => "floor（最低分）高于 full（满分）".to_string(),
            RubricError::Twice { status, rule } => {
                format!("[deductions] {status} 与 {rule} 是同一问题，只能给其中一个设扣分")
            }
        }
    }
}

/// The TOML as written, before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRubric {
    full: f64,
    #[serde(default)]
    floor: f64,
    categories: BTreeMap<String, RawCategory>,
    #[serde(default)]
    deductions: BTreeMap<String, RawDeduction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    name: String,
    #[serde(default)]
    name_en: Option<String>,
    cap: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeduction {
    points: f64,
    category: String,
    #[serde(default)]
    per: Per,
}

/// An amount in hundredths: finite, not negative, at most two decimals.
fn points(value: f64, what: impl FnOnce() -> String) -> Result<Points, RubricError> {
    let hundredths = value * 100.0;
    let whole = hundredths.round();
    if !value.is_finite() || value < 0.0 || (hundredths - whole).abs() > 1e-6 || whole > 1e15 {
        return Err(RubricError::BadPoints(what()));
    }
    Ok(Points(whole as i64))
}

impl Rubric {
    /// The default rubric (assets/rubric.toml).
    pub fn default_rubric() -> Rubric {
        Rubric::parse(DEFAULT_RUBRIC).expect("the default rubric is valid (tested)")
    }

    /// Reads and validates a rubric.
    pub fn parse(text: &str) -> Result<Rubric, RubricError> {
        let raw: RawRubric = toml::from_str(text)
            .map_err(|e| RubricError::Syntax(e.to_string().trim_end().replace('\n', " ")))?;
        let full = points(raw.full, || "full".into())?;
        let floor = points(raw.floor, || "floor".into())?;
        if floor > full {
            return Err(RubricError::FloorAboveFull);
        }
        let mut categories = BTreeMap::new();
        for (id, c) in raw.categories {
            let cap = points(c.cap, || format!("[categories.{id}] cap"))?;
            let category = Category {
                name_en: c.name_en.unwrap_or_else(|| id.clone()),
                name: c.name,
                cap,
                id: id.clone(),
            };
            categories.insert(id, category);
        }
        let mut deductions = BTreeMap::new();
        for (key, d) in raw.deductions {
            if !RULE_IDS.contains(&key.as_str()) && !STATUSES.contains(&key.as_str()) {
                return Err(RubricError::UnknownKey(key));
            }
            if !categories.contains_key(&d.category) {
                return Err(RubricError::UnknownCategory {
                    key,
                    category: d.category,
                });
            }
            let points = points(d.points, || format!("[deductions] {key} points"))?;
            let deduction = Deduction {
                points,
                category: d.category,
                per: d.per,
            };
            deductions.insert(key, deduction);
        }
        let rubric = Rubric {
            full,
            floor,
            categories,
            deductions,
        };
        rubric.check_twice()?;
        Ok(rubric)
    }

    /// A status and the rule it restates may not both cost points.
    fn check_twice(&self) -> Result<(), RubricError> {
        for &(status, rules) in SAME_FAULT {
            for &rule in rules {
                if self.costs(status) && self.costs(rule) {
                    return Err(RubricError::Twice { status, rule });
                }
            }
        }
        Ok(())
    }

    /// Whether a rule id or status costs points.
    pub fn costs(&self, key: &str) -> bool {
        self.deductions
            .get(key)
            .is_some_and(|d| d.points > Points(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_rubric_is_valid_and_charges_every_status_or_its_rule() {
        let r = Rubric::default_rubric();
        assert_eq!(r.full, Points(100 * 100));
        assert_eq!(r.floor, Points(0));
        assert!(r.costs("no_report") && r.costs("unreadable"));
        assert!(r.costs("Y002") && r.costs("X003") && r.costs("X004"));
        // Info findings cost nothing by default.
        assert!(!r.costs("Z001") && !r.costs("empty"));
        // An error costs more than any warning of its category.
        assert!(r.deductions["T301"].points > r.deductions["N001"].points);
    }

    #[test]
    fn points_print_as_the_shortest_decimal() {
        let shown: Vec<String> = [9500, 9750, 25, -150, 0]
            .map(|p| Points(p).to_string())
            .into();
        assert_eq!(shown, ["95", "97.5", "0.25", "-1.5", "0"]);
    }

    fn error_of(text: &str) -> RubricError {
        Rubric::parse(text).expect_err("a bad rubric")
    }

    const HEAD: &str = "full = 100\n[categories.a]\nname = \"甲\"\ncap = 10\n";

    #[test]
    fn a_bad_rubric_says_what_to_fix() {
        let cases = [
            ("[deductions]\nT999 = { points = 1, category = \"a\" }", "T999"),
            ("[deductions]\nlost = { points = 1, category = \"a\" }", "lost"),
            ("[deductions]\nT301 = { points = -1, category = \"a\" }", "T301 points"),
            ("[deductions]\nT301 = { points = 0.125, category = \"a\" }", "T301 points"),
            ("[deductions]\nT301 = { points = 1, category = \"b\" }", "\"b\""),
            ("[deductions]\nT301 = { points = 1, category = \"a\", per = \"year\" }", "per"),
            ("[deductions]\nT301 = { point = 1, category = \"a\" }", "point"),
            (
                "[deductions]\nlate = { points = 1, category = \"a\" }\nY002 = { points = 1, category = \"a\" }",
                "Y002",
            ),
        ];
        for (tail, names) in cases {
            let e = error_of(&format!("{HEAD}{tail}"));
            assert!(e.to_string().contains(names), "{tail}: {e}");
            assert!(!e.message(Lang::Zh).is_empty());
        }
        let cap = error_of("full = 100\n[categories.a]\nname = \"甲\"\ncap = -5\n");
        assert_eq!(cap, RubricError::BadPoints("[categories.a] cap".into()));
        assert!(cap.message(Lang::Zh).contains("不小于 0"));
        let floor = error_of("full = 10\nfloor = 20\n[categories.a]\nname = \"甲\"\ncap = 5\n");
        assert_eq!(floor, RubricError::FloorAboveFull);
        assert!(matches!(error_of("full = "), RubricError::Syntax(_)));
    }
}
