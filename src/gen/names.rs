//! Names as real reports and offices write them: the varied district's units (abbreviations
//! and names from before the 2019 institutional reform as roster aliases, names with
//! brackets), a unit's name as one report writes it, and file names as an office receives
//! them.

use super::district::{DistrictUnit, REGION};
use super::file_form::FileForm;
use super::forms::TextForm;
use super::variety::{choices, FileName};
use crate::model::Date;

/// The city the sample district belongs to, as some reports put it in front.
pub const CITY: &str = "云州市";

choices! {
    /// How a report names its unit (files.csv `name_variant`).
    NameVariant {
        /// The roster's name: 示例区财政局.
        Full => "full",
        /// An alias from the roster: 区人社局 (the district's 示例区 for its region report).
        Alias => "alias",
        /// Without the district, with 区: 区财政局, 区人民政府.
        ShortQu => "short_qu",
        /// Without the district at all: 财政局, 东城街道办事处.
        Bare => "bare",
        /// With the city in front: 云州市示例区财政局.
        City => "city",
        /// 政府 for 人民政府: 示例区青山镇政府.
        Gov => "gov",
        /// 街道 for 街道办事处: 示例区东城街道.
        Street => "street",
        /// Half-width brackets in a name that has brackets: 示例区人民政府办公室(区外事办公室).
        HalfBrackets => "half_brackets",
        /// The name before the institutional reform (a roster alias): 示例区国土资源局.
        Former => "former",
    }
}

/// A department of the varied district: its name after 示例区, its abbreviation and its
/// name before the reform (both roster aliases).
struct Department {
    name: &'static str,
    abbreviation: Option<&'static str>,
    former: Option<&'static str>,
}

const fn dept(
    name: &'static str,
    abbreviation: Option<&'static str>,
    former: Option<&'static str>,
) -> Department {
    Department {
        name,
        abbreviation,
        former,
    }
}

/// In an order that puts names with brackets and renamed units among the first of any
/// district.
const DEPARTMENTS: &[Department] = &[
    dept("人民政府办公室（区外事办公室）", Some("区政府办"), None),
    dept("发展和改革局", Some("区发改局"), None),
    dept("教育局", None, None),
    dept("自然资源局", None, Some("国土资源局")),
    dept("财政局", None, None),
    dept("人力资源和社会保障局", Some("区人社局"), None),
    dept("卫生健康局", Some("区卫健局"), Some("卫生和计划生育局")),
    dept("公安分局", None, None),
    dept("民政局", None, None),
    dept("应急管理局（区地震局）", None, Some("安全生产监督管理局")),
    dept("科学技术局", Some("区科技局"), None),
    dept("工业和信息化局", Some("区工信局"), None),
    dept("生态环境分局", None, Some("环境保护局")),
    dept("住房和城乡建设局", Some("区住建局"), None),
    dept("交通运输局", None, None),
    dept("水务局", None, Some("水利局")),
    dept("农业农村局", None, Some("农业局")),
    dept("商务局", None, None),
    dept("文化和旅游局", Some("区文旅局"), Some("文化广电新闻出版局")),
    dept("退役军人事务局", None, None),
    dept("审计局", None, None),
    dept(
        "市场监督管理局",
        Some("区市场监管局"),
        Some("工商行政管理局"),
    ),
    dept("统计局", None, None),
    dept("医疗保障局", Some("区医保局"), None),
    dept("城市管理局", Some("区城管局"), Some("城市管理行政执法局")),
    dept(
        "金融工作办公室（区地方金融监督管理局）",
        Some("区金融办"),
        None,
    ),
    dept("司法局", None, None),
    dept("信访局", None, None),
    dept("数据资源局", None, Some("电子政务办公室")),
    dept("体育局", None, None),
    dept(
        "行政审批服务局",
        Some("区审批局"),
        Some("政务服务管理办公室"),
    ),
    dept("人民防空办公室（区民防局）", Some("区人防办"), None),
    dept("机关事务管理局", Some("区机关事务局"), None),
    dept("林业局", None, None),
    dept("民族宗教事务局（区侨务办公室）", Some("区民宗局"), None),
    dept("粮食和物资储备局", Some("区粮储局"), Some("粮食局")),
    dept("投资促进局", Some("区投促局"), None),
    dept("乡村振兴局", None, Some("扶贫开发办公室")),
];

const TOWNSHIPS: &[&str] = &[
    "东城街道办事处",
    "西城街道办事处",
    "南湖街道办事处",
    "北苑街道办事处",
    "滨江街道办事处",
    "青山镇人民政府",
    "白沙镇人民政府",
    "石桥镇人民政府",
    "云溪镇人民政府",
    "长林乡人民政府",
    "柳河乡人民政府",
    "金田镇人民政府",
    "望海街道办事处",
    "新港街道办事处",
    "桃源镇人民政府",
    "龙泉镇人民政府",
    "枫林乡人民政府",
    "清水镇人民政府",
];

/// The `k`-th entry of a list that cycles, and from its second round a place name of its
/// own to tell the units apart ("东湖" in "示例区东湖财政局", "东湖镇人民政府"): real unit names
/// carry places, not numbers, and a number glued to a year ("财政局22023年") is no name.
fn nth<T>(list: &[T], k: usize) -> (&T, String) {
    let place = if k < list.len() {
        String::new()
    } else {
        place_name(k - list.len())
    };
    (&list[k % list.len()], place)
}

/// The `n`-th generated two-character place name (none of them a base name's place: no
/// 湖 or 港 second, so never 南湖 or 新港).
pub(crate) fn place_name(n: usize) -> String {
    const FIRST: &[char] = &[
        '东', '西', '南', '北', '中', '上', '下', '前', '后', '新', '老', '大', '小', '高', '平',
        '安', '永', '兴', '福', '康', '和', '丰', '宝', '红', '黄', '碧', '翠', '明', '春', '秋',
    ];
    const SECOND: &[char] = &[
        '陂', '岭', '峰', '坪', '湾', '塘', '洲', '坝', '岗', '桥', '汊', '源', '田', '庄', '屯',
        '浦', '溪', '埠', '店', '营', '堡', '岩', '坡', '畈', '垸', '墩', '冲', '垭', '渡', '集',
    ];
    let (a, b) = (n % FIRST.len(), (n / FIRST.len()) % SECOND.len());
    // Beyond 900 places, a third character keeps them apart.
    let extra = n / (FIRST.len() * SECOND.len());
    let mut out = format!("{}{}", FIRST[a], SECOND[b]);
    if extra > 0 {
        out.push(FIRST[(extra - 1) % FIRST.len()]);
        if extra > FIRST.len() {
            out.push(SECOND[(extra / FIRST.len()) % SECOND.len()]);
        }
    }
    out
}

/// The varied district's units: its government, `departments` departments and `townships`
/// townships and sub-district offices. Roster aliases are abbreviations and names before the
/// reform only: short forms (区财政局, 财政局, 东城街道) are left to the matcher.
pub fn varied_units(departments: usize, townships: usize) -> Vec<DistrictUnit> {
    let mut out = vec![DistrictUnit {
        id: "D000".into(),
        name: format!("{REGION}人民政府"),
        aliases: vec![format!("{REGION}政府"), REGION.into()],
        level: "district",
        abbreviation: None,
        former: None,
    }];
    for k in 0..departments {
        let (d, place) = nth(DEPARTMENTS, k);
        // Only the first round's units have an abbreviation and a name before the reform.
        let first = place.is_empty();
        let abbreviation = d.abbreviation.filter(|_| first).map(String::from);
        let former = d.former.filter(|_| first).map(|f| format!("{REGION}{f}"));
        out.push(DistrictUnit {
            id: format!("B{:03}", k + 1),
            name: format!("{REGION}{place}{}", d.name),
            aliases: abbreviation.iter().chain(&former).cloned().collect(),
            level: "department",
            abbreviation,
            former,
        });
    }
    for k in 0..townships {
        let (t, place) = nth(TOWNSHIPS, k);
        // A township of a later round keeps the kind (镇人民政府, 街道办事处), not the place.
        let t: String = if place.is_empty() {
            t.to_string()
        } else {
            format!("{place}{}", t.chars().skip(2).collect::<String>())
        };
        out.push(DistrictUnit {
            id: format!("Z{:03}", k + 1),
            name: format!("{REGION}{t}"),
            aliases: Vec::new(),
            level: "township",
            abbreviation: None,
            former: None,
        });
    }
    out
}

/// The name variants a unit's report may use, with their weights (the unit's own, such as
/// a name before the reform, weigh more, so that a district of 50 units has each).
pub fn weights(unit: &DistrictUnit, region: bool) -> Vec<(NameVariant, u64)> {
    use NameVariant as N;
    if region {
        return vec![(N::Alias, 4), (N::Full, 2), (N::Gov, 2), (N::City, 2)];
    }
    let weight = |v: NameVariant| match v {
        N::Full => 4,
        N::Alias | N::ShortQu | N::City => 2,
        N::Bare => 1,
        N::Gov | N::Street => 3,
        N::HalfBrackets | N::Former => 5,
    };
    NameVariant::ALL
        .iter()
        .filter(|&&v| shown(unit, v, false).is_some())
        .map(|&v| (v, weight(v)))
        .collect()
}

/// The unit's name as a report with this variant writes it (None when the variant does not
/// apply to the unit). `region` for the government's region-wide report, whose name is the
/// district's: 示例区, 示例区人民政府, 示例区政府, 云州市示例区.
pub fn shown(unit: &DistrictUnit, v: NameVariant, region: bool) -> Option<String> {
    let name = unit.name.as_str();
    let rest = name.strip_prefix(REGION);
    match v {
        NameVariant::Full => Some(name.into()),
        NameVariant::Alias if region => Some(REGION.into()),
        NameVariant::Alias => unit.abbreviation.clone(),
        NameVariant::ShortQu => match unit.level {
            "department" => rest.map(|r| format!("区{r}")),
            "district" if !region => Some("区人民政府".into()),
            _ => None,
        },
        NameVariant::Bare => rest.filter(|_| unit.level != "district").map(String::from),
        NameVariant::City if region => Some(format!("{CITY}{REGION}")),
        NameVariant::City => Some(format!("{CITY}{name}")),
        NameVariant::Gov => name
            .contains("人民政府")
            .then(|| name.replacen("人民政府", "政府", 1)),
        NameVariant::Street => name
            .contains("街道办事处")
            .then(|| name.replace("街道办事处", "街道")),
        NameVariant::HalfBrackets => name
            .contains('（')
            .then(|| name.replace('（', "(").replace('）', ")")),
        NameVariant::Former => unit.former.clone(),
    }
}

/// The short name a report introduces with 以下简称: 区人社局, 区财政局, 东城街道, 青山镇.
pub fn short_name(unit: &DistrictUnit, region: bool) -> String {
    if region {
        return "本区".into();
    }
    let rest = unit.name.strip_prefix(REGION).unwrap_or(&unit.name);
    match unit.level {
        "district" => "区政府".into(),
        "department" => unit
            .abbreviation
            .clone()
            .unwrap_or_else(|| format!("区{rest}")),
        _ => rest.replace("办事处", "").replace("人民政府", ""),
    }
}

/// What a file's name may carry.
#[derive(Clone, Copy, Debug)]
pub struct FileFacts<'a> {
    /// The unit.
    pub unit: &'a DistrictUnit,
    /// The report's year.
    pub year: i32,
    /// The text form of its tables.
    pub form: TextForm,
    /// The kind of file: a text's name carries its table form, another file its own.
    pub file: FileForm,
    /// The government's region-wide report.
    pub region: bool,
    /// The unit's name as the report writes it.
    pub shown: &'a str,
    /// The publication date, if any.
    pub published: Option<Date>,
    /// Random bits.
    pub salt: u64,
}

/// The file's path in the district folder, `/`-separated.
pub fn file_path(kind: FileName, f: &FileFacts<'_>) -> String {
    let stem = file_stem(kind, f);
    format!("{stem}.{}", f.file.extension())
}

fn file_stem(kind: FileName, f: &FileFacts<'_>) -> String {
    let (year, id) = (f.year, &f.unit.id);
    let form = f.file.as_str().unwrap_or(f.form.as_str());
    let shown = f.shown;
    match kind {
        FileName::Id if f.region => format!("{year}/{id}_{year}_region_{form}"),
        FileName::Id => format!("{year}/{id}_{year}_{form}"),
        FileName::YearName => format!("{year}年{shown}年报"),
        FileName::UnitFolder if f.region => format!("{REGION}/{year}"),
        FileName::UnitFolder => format!("{}/{year}", f.unit.name),
        FileName::Cms => {
            let d = f.published.unwrap_or(Date {
                year: year + 1,
                month: 1,
                day: 20,
            });
            format!(
                "P0{:04}{:02}{:02}{:012}",
                d.year,
                d.month,
                d.day,
                f.salt % 1_000_000_000_000
            )
        }
        FileName::Spaced => match (f.salt >> 40) % 3 {
            0 => format!("{year}/{shown} {year}年度政府信息公开工作年度报告"),
            1 => format!("{year}/【{shown}】{year}年政府信息公开年报（定稿）"),
            _ => format!("{year}/{year}年度 {shown} 信息公开年报 (1)"),
        },
    }
}

/// `path` with " (2)", " (3)"… before its extension: the name a second file of the same
/// name gets.
pub fn numbered(path: &str, n: usize) -> String {
    match path.rfind('.') {
        Some(dot) if !path[dot..].contains('/') => {
            format!("{} ({n}){}", &path[..dot], &path[dot..])
        }
        _ => format!("{path} ({n})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_applies_to_some_unit_of_fifty() {
        let units = varied_units(35, 15);
        for &v in NameVariant::ALL {
            assert!(units.iter().any(|u| shown(u, v, false).is_some()), "{v:?}");
        }
        let office = &units[1];
        assert_eq!(
            shown(office, NameVariant::HalfBrackets, false).as_deref(),
            Some("示例区人民政府办公室(区外事办公室)")
        );
        assert_eq!(
            shown(&units[4], NameVariant::Former, false).as_deref(),
            Some("示例区国土资源局")
        );
        assert!(units[4].aliases.contains(&"示例区国土资源局".to_string()));
    }

    #[test]
    fn short_names() {
        let units = varied_units(6, 8);
        assert_eq!(short_name(&units[0], false), "区政府");
        assert_eq!(short_name(&units[6], false), "区人社局");
        assert_eq!(short_name(&units[5], false), "区财政局");
        assert_eq!(short_name(&units[7], false), "东城街道");
        assert_eq!(short_name(&units[12], false), "青山镇");
    }

    #[test]
    fn numbered_names() {
        assert_eq!(numbered("2023/a.txt", 2), "2023/a (2).txt");
        assert_eq!(numbered("a", 3), "a (3)");
    }
}
