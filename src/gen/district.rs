//! A fictional district (示例区) over several years: its roster and one report per unit and
//! year, every identity holding and carry-over and stock chained from year to year. Never
//! real agencies: every name is the sample district's.

use super::faults::{self, Fault};
use super::forms::{render_with_prose, Style, TextForm};
use super::random::{random_report, Rng};
use crate::model::{CellState, Num, Report, TableId};
use std::io::Write as _;
use std::path::Path;

/// One unit of the district.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DistrictUnit {
    /// Roster id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Other names its reports use.
    pub aliases: Vec<String>,
    /// district / department / township.
    pub level: &'static str,
}

const DEPARTMENTS: &[&str] = &[
    "发展和改革局",
    "教育局",
    "科学技术局",
    "工业和信息化局",
    "公安分局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境分局",
    "住房和城乡建设局",
    "交通运输局",
    "水务局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "城市管理局",
    "信访局",
    "数据资源局",
    "体育局",
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
];

/// The district's name: the unit name of its region-scope reports.
pub const REGION: &str = "示例区";

/// The district's units: its government office, `departments` departments and
/// `townships` townships and sub-district offices.
pub fn units(departments: usize, townships: usize) -> Vec<DistrictUnit> {
    let mut out = vec![DistrictUnit {
        id: "D000".into(),
        name: "示例区人民政府".into(),
        aliases: vec!["示例区政府".into(), REGION.into()],
        level: "district",
    }];
    for (i, d) in DEPARTMENTS.iter().cycle().take(departments).enumerate() {
        let name = if i < DEPARTMENTS.len() {
            format!("示例区{d}")
        } else {
            format!("示例区{d}{}", i / DEPARTMENTS.len() + 1)
        };
        out.push(DistrictUnit {
            id: format!("B{:03}", i + 1),
            aliases: vec![format!("区{}", &name["示例区".len()..])],
            name,
            level: "department",
        });
    }
    for (i, t) in TOWNSHIPS.iter().cycle().take(townships).enumerate() {
        let name = if i < TOWNSHIPS.len() {
            format!("示例区{t}")
        } else {
            format!("示例区{t}{}", i / TOWNSHIPS.len() + 1)
        };
        out.push(DistrictUnit {
            id: format!("Z{:03}", i + 1),
            aliases: Vec::new(),
            name,
            level: "township",
        });
    }
    out
}

/// The roster CSV of the units (UTF-8, as the roster reader expects).
pub fn roster_csv(units: &[DistrictUnit]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(crate::roster::ROSTER_HEADER)
        .expect("write to memory");
    for u in units {
        let parent = if u.level == "district" { "" } else { "D000" };
        w.write_record([
            u.id.as_str(),
            &u.name,
            &u.aliases.join("|"),
            u.level,
            parent,
        ])
        .expect("write to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("UTF-8 fields")
}

/// One unit's report for `year`, continuing from its report of the year before.
pub fn unit_report(rng: &mut Rng, unit: &DistrictUnit, year: i32, prev: Option<&Report>) -> Report {
    let mut r = random_report(rng, year, year <= 2020);
    r.meta.unit_name = Some(unit.name.clone());
    r.meta.title = Some(format!("{}{year}年政府信息公开工作年度报告", unit.name));
    if let Some(p) = prev {
        chain_carry_over(&mut r, p);
        chain_stock(&mut r, p);
    }
    r
}

fn value(r: &Report, t: TableId, row: &str, col: &str) -> i64 {
    r.table(t)
        .and_then(|t| t.get(row, col))
        .and_then(|c| c.as_operand())
        .map_or(0, Num::whole)
}

fn set(r: &mut Report, t: TableId, row: &str, col: &str, v: i64) {
    if let Some(c) = r
        .tables
        .iter_mut()
        .find(|x| x.id == t)
        .and_then(|t| t.cells.iter_mut().find(|c| c.row == row && c.col == col))
    {
        c.state = CellState::Number;
        c.value = Some(Num::int(v));
        c.raw = v.to_string().into();
    }
}

/// 上年结转 = last year's 结转下年度; what does not balance goes into this year's new requests.
fn chain_carry_over(r: &mut Report, prev: &Report) {
    let cols = crate::model::ids::T3_COLS;
    for &c in &cols[..6] {
        let carried = value(prev, TableId::T3, "carried_forward", c);
        let new = value(r, TableId::T3, "new_received", c);
        let processed = value(r, TableId::T3, "total_processed", c);
        let (new, forward) = if new + carried >= processed {
            (new, new + carried - processed)
        } else {
            (processed - carried, 0)
        };
        set(r, TableId::T3, "carried_over", c, carried);
        set(r, TableId::T3, "new_received", c, new);
        set(r, TableId::T3, "carried_forward", c, forward);
    }
    for row in ["carried_over", "new_received", "carried_forward"] {
        let total = cols[..6]
            .iter()
            .map(|c| value(r, TableId::T3, row, c))
            .sum();
        set(r, TableId::T3, row, "total", total);
    }
}

/// 现行有效 = last year's + issued − repealed (2021 layout).
fn chain_stock(r: &mut Report, prev: &Report) {
    for row in ["rules", "normative"] {
        if r.table(TableId::T2)
            .and_then(|t| t.get(row, "in_force"))
            .is_none()
        {
            continue;
        }
        let before = value(prev, TableId::T2, row, "in_force");
        let issued = value(r, TableId::T2, row, "issued");
        let repealed = value(r, TableId::T2, row, "repealed").min(before + issued);
        set(r, TableId::T2, row, "repealed", repealed);
        set(r, TableId::T2, row, "in_force", before + issued - repealed);
    }
}

const TOPICS: &[&str] = &[
    "优化营商环境",
    "重大建设项目",
    "公共资源配置",
    "财政预决算",
    "社会救助",
    "教育入学",
    "医疗卫生",
    "生态环境",
    "食品药品安全",
    "安全生产",
    "征地拆迁",
    "乡村振兴",
    "就业创业",
    "养老服务",
    "城市管理",
    "应急管理",
];
const ACTIONS: &[&str] = &[
    "集中发布了",
    "按月更新了",
    "专题解读了",
    "系统梳理了",
    "及时公开了",
    "分类整理了",
    "逐项核对了",
    "公开征求了",
];
const OBJECTS: &[&str] = &[
    "政策文件和配套措施",
    "办事指南和办理流程",
    "项目清单和资金安排",
    "执法结果和处罚依据",
    "监测数据和评估报告",
    "工作动态和进展情况",
    "意见建议的采纳情况",
    "服务事项目录",
    "权责清单",
    "年度计划和完成情况",
];

/// Five sentences of a report's own, drawn from the pools.
pub fn prose(rng: &mut Rng, unit: &str) -> Vec<String> {
    (0..5)
        .map(|_| {
            let (t, a, o) = (rng.pick(TOPICS), rng.pick(ACTIONS), rng.pick(OBJECTS));
            format!("围绕{t}领域，{unit}{a}{o}，方便群众查阅和监督。")
        })
        .collect()
}

/// The government's report for the whole district (scope `region`): every cell the sum of
/// the units' true figures for the year (`clean`: before any fault, including units that do
/// not report), so it is consistent in itself and differs from the sum of the units' reports
/// exactly where those are missing or wrong.
pub fn region_report(clean: &[Report], year: i32, prev: Option<&Report>) -> Option<Report> {
    let mut r = clean.first()?.clone();
    for t in &mut r.tables {
        for c in &mut t.cells {
            let sum: i64 = clean
                .iter()
                .filter_map(|u| u.table(t.id)?.get(c.row, c.col)?.as_operand())
                .map(Num::millionths)
                .sum();
            let sum = Num::from_millionths(sum);
            c.state = CellState::Number;
            c.value = Some(sum);
            c.raw = sum.to_string().into();
        }
    }
    // Where a unit's own chain broke (a fault last year), the office carries its own figures
    // on, as it would.
    if let Some(p) = prev {
        chain_carry_over(&mut r, p);
        chain_stock(&mut r, p);
    }
    r.text_figures.clear();
    r.meta.unit_name = Some(REGION.into());
    r.meta.title = Some(format!("{REGION}{year}年政府信息公开工作年度报告"));
    Some(r)
}

fn region_prose(rng: &mut Rng) -> Vec<String> {
    let mut p = vec![format!(
        "本报告由{REGION}人民政府办公室汇总{REGION}人民政府及各部门、各街道（乡镇）的政府信息公开工作情况编制。"
    )];
    p.extend(prose(rng, REGION));
    p
}

/// Writes the district into `out`: `roster.csv`, `YEAR/UNITID_YEAR_FORM.txt` for every
/// unit and year, cycling through the text forms, the government's region-scope report
/// (`YEAR/D000_YEAR_region_FORM.txt`), and — when `fault_rate` > 0 — faults in about that
/// share of the unit-years, with `truth.csv` saying which.
pub fn write_district(
    out: &Path,
    departments: usize,
    townships: usize,
    years: std::ops::RangeInclusive<i32>,
    fault_rate: f64,
    seed: u64,
) -> std::io::Result<usize> {
    std::fs::create_dir_all(out)?;
    let units = units(departments, townships);
    std::fs::File::create(out.join("roster.csv"))?.write_all(roster_csv(&units).as_bytes())?;
    let mut rng = Rng::new(seed);
    let mut prev: Vec<Option<(Report, Vec<String>)>> = vec![None; units.len()];
    // Whether last year's report was written (copies need one to copy).
    let mut filed = vec![false; units.len()];
    let mut truth = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    truth
        .write_record(["path", "unit_id", "year", "fault", "rule"])
        .expect("write to memory");
    let mut next_fault = 0usize;
    let mut written = 0;
    let first_year = *years.start();
    let mut prev_region: Option<Report> = None;
    for year in years {
        let dir = out.join(year.to_string());
        std::fs::create_dir_all(&dir)?;
        let mut clean = Vec::with_capacity(units.len());
        let mut government_silent = false;
        for (i, u) in units.iter().enumerate() {
            let mut report = unit_report(&mut rng, u, year, prev[i].as_ref().map(|(r, _)| r));
            clean.push(report.clone());
            let mut text_prose = prose(&mut rng, &u.name);
            let mut style = Style::default();
            let form = TextForm::ALL[(i + year as usize) % TextForm::ALL.len()];
            let rel = format!("{year}/{}_{year}_{}.txt", u.id, form.as_str());
            let fault = (rng.below(1_000_000) as f64 / 1_000_000.0 < fault_rate).then(|| {
                // Take the faults in turn, so that a district gets each of them.
                let f = (0..Fault::ALL.len())
                    .map(|k| Fault::ALL[(next_fault + k) % Fault::ALL.len()])
                    .find(|f| {
                        f.applies_to(year)
                            && !(f.needs_previous() && (year == first_year || !filed[i]))
                    })
                    .unwrap_or(Fault::BrokenBalance);
                next_fault = Fault::ALL.iter().position(|x| *x == f).map_or(0, |p| p + 1);
                f
            });
            if let Some(f) = fault {
                let path = if f == Fault::NoReport {
                    String::new()
                } else {
                    rel.clone()
                };
                truth
                    .write_record([
                        path.as_str(),
                        &u.id,
                        &year.to_string(),
                        f.as_str(),
                        f.rule(),
                    ])
                    .expect("write to memory");
                faults::apply(
                    f,
                    &mut report,
                    &mut style,
                    prev[i].as_ref().map(|(r, _)| r),
                    &mut rng,
                );
                if f == Fault::CopiedLastYear {
                    if let Some((_, p)) = &prev[i] {
                        text_prose = p.clone();
                    }
                }
                if f == Fault::NoReport {
                    // A government that does not report writes no region report either.
                    government_silent |= i == 0;
                    prev[i] = Some((report, text_prose));
                    filed[i] = false;
                    continue;
                }
            }
            let text = render_with_prose(&report, form, style, &text_prose);
            std::fs::write(out.join(&rel), text)?;
            prev[i] = Some((report, text_prose));
            filed[i] = true;
            written += 1;
        }
        // Its own stream, so that the units' reports are the same with or without it.
        let mut region_rng = Rng::new(seed ^ (year as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let region = region_report(&clean, year, prev_region.as_ref());
        if let Some(r) = region.as_ref().filter(|_| !government_silent) {
            let form = TextForm::ALL[year as usize % TextForm::ALL.len()];
            let rel = format!("{year}/D000_{year}_region_{}.txt", form.as_str());
            let text = render_with_prose(r, form, Style::default(), &region_prose(&mut region_rng));
            std::fs::write(out.join(&rel), text)?;
            written += 1;
        }
        prev_region = region;
    }
    if fault_rate > 0.0 {
        std::fs::write(
            out.join("truth.csv"),
            truth.into_inner().expect("flush to memory"),
        )?;
    }
    Ok(written)
}
