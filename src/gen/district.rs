//! A fictional district (示例区) over several years: its roster and one report per unit and
//! year, every identity holding and carry-over and stock chained from year to year. Never
//! real agencies: every name is the sample district's.
//!
//! [`write_district_with`] writes into a folder:
//! - `roster.csv`;
//! - the reports: plain text, their tables in the text forms of [`TextForm`] in turn, or —
//!   a share [`DistrictSpec::mix`] says — a government site's web page or a Word file
//!   ([`super::file_form`]). A
//!   varied district ([`Dressing::Varied`], what `nianbao gen` writes) dresses each report
//!   as real ones vary ([`super::variety`]): titles in every order, the unit named by its
//!   alias, short form, old name…, one-line texts, headings and numbering punctuation of
//!   every kind, stray years, narratives quoting table rows, and file names as an office
//!   receives them (`2023年示例区财政局年报.txt`, `示例区财政局/2023.txt`, a CMS name). A plain
//!   district writes every report alike, as earlier versions did, in `YEAR/UNITID_YEAR_FORM.txt`;
//! - `files.csv`, the manifest: one row per written file, saying whose it is and how it is
//!   dressed, with the columns `path` (relative, `/`-separated), `unit_id`, `year`, `scope`
//!   (`self`, or `region` for the government's region-wide report), `title_variant`,
//!   `name_variant`, `layout`, then `form` (the tables' text form, or `html`, `html_gbk`,
//!   `docx` for a file of that kind: [`FileForm`]), `file_name`, `intro`, `signature`,
//!   `headings`, `numbering`, `narrative`, `stray_years` (`+`-joined, or `none`): the
//!   values are the `as_str` names of [`super::variety`] and [`NameVariant`];
//! - `truth.csv`, when faults were asked for: `path,unit_id,year,fault,rule`, one row per
//!   fault (an empty path for a unit that did not report).
//!
//! The dress is drawn from its own random stream: a district's tables and faults are the same
//! plain or varied, for the same seed.

use super::faults::{self, Fault};
use super::file_form::{self, FileForm, FormMix, Publisher};
use super::forms::{render_dressed, Dress, Style, TextForm};
use super::names::{self, FileFacts, NameVariant};
use super::random::{random_report, Rng};
use super::variety::{Dimension, Variety, Who};
use crate::model::{CellState, Num, Report, Scope, TableId};
use std::collections::HashSet;
use std::io::Write as _;
use std::ops::RangeInclusive;
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
    /// The abbreviation its reports use (区人社局), also among `aliases`.
    pub abbreviation: Option<String>,
    /// Its name before the institutional reform (示例区国土资源局), also among `aliases`.
    pub former: Option<String>,
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

/// The plain district's units: its government office, `departments` departments and
/// `townships` townships and sub-district offices (the varied district's are
/// [`names::varied_units`]).
pub fn units(departments: usize, townships: usize) -> Vec<DistrictUnit> {
    let mut out = vec![DistrictUnit {
        id: "D000".into(),
        name: "示例区人民政府".into(),
        aliases: vec!["示例区政府".into(), REGION.into()],
        level: "district",
        abbreviation: None,
        former: None,
    }];
    for (i, d) in DEPARTMENTS.iter().cycle().take(departments).enumerate() {
        let name = if i < DEPARTMENTS.len() {
            format!("示例区{d}")
        } else {
            let place = super::names::place_name(i - DEPARTMENTS.len());
            format!("示例区{place}{d}")
        };
        out.push(DistrictUnit {
            id: format!("B{:03}", i + 1),
            aliases: vec![format!("区{}", &name["示例区".len()..])],
            name,
            level: "department",
            abbreviation: None,
            former: None,
        });
    }
    for (i, t) in TOWNSHIPS.iter().cycle().take(townships).enumerate() {
        let name = if i < TOWNSHIPS.len() {
            format!("示例区{t}")
        } else {
            let place = super::names::place_name(i - TOWNSHIPS.len());
            format!("示例区{place}{}", t.chars().skip(2).collect::<String>())
        };
        out.push(DistrictUnit {
            id: format!("Z{:03}", i + 1),
            aliases: Vec::new(),
            name,
            level: "township",
            abbreviation: None,
            former: None,
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
    let mut sum = RegionSum::default();
    clean.iter().for_each(|r| sum.add(r));
    sum.finish(year, prev)
}

/// [`region_report`] summed a unit at a time, so that a year's reports need not be held.
#[derive(Debug, Default)]
struct RegionSum {
    /// The first unit's report: the region report's cells, in order.
    first: Option<Report>,
    /// Millionths summed per cell of `first`.
    sums: Vec<i64>,
}

impl RegionSum {
    fn add(&mut self, unit: &Report) {
        let first = self.first.get_or_insert_with(|| unit.clone());
        let cells: Vec<(TableId, &str, &str)> = first
            .tables
            .iter()
            .flat_map(|t| {
                t.cells
                    .iter()
                    .map(move |c| (t.id, c.row.as_str(), c.col.as_str()))
            })
            .collect();
        self.sums.resize(cells.len(), 0);
        for ((t, row, col), sum) in cells.into_iter().zip(&mut self.sums) {
            if let Some(v) = unit
                .table(t)
                .and_then(|t| t.get(row, col))
                .and_then(|c| c.as_operand())
            {
                *sum += v.millionths();
            }
        }
    }

    fn finish(self, year: i32, prev: Option<&Report>) -> Option<Report> {
        let mut r = self.first?;
        let mut sums = self.sums.into_iter();
        for t in &mut r.tables {
            for c in &mut t.cells {
                let sum = Num::from_millionths(sums.next().unwrap_or(0));
                c.state = CellState::Number;
                c.value = Some(sum);
                c.raw = sum.to_string().into();
            }
        }
        // Where a unit's own chain broke (a fault last year), the office carries its own
        // figures on, as it would.
        if let Some(p) = prev {
            chain_carry_over(&mut r, p);
            chain_stock(&mut r, p);
        }
        r.text_figures.clear();
        r.meta.unit_name = Some(REGION.into());
        r.meta.title = Some(format!("{REGION}{year}年政府信息公开工作年度报告"));
        Some(r)
    }
}

/// The house dress; a region-wide report is named by the district's name, a roster alias of
/// its government.
fn house(region: bool) -> Variety {
    let mut v = Variety::house();
    if region {
        v.name = NameVariant::Alias;
    }
    v
}

/// Where the region-wide report's prose names the district, in a varied district.
const UNIT_MARK: &str = "{unit}";

/// The sentence that makes the government's report region-wide (汇总…各部门).
fn region_lead() -> String {
    format!(
        "本报告由{REGION}人民政府办公室汇总{REGION}人民政府及各部门、各街道（乡镇）的政府信息公开工作情况编制。"
    )
}

/// What district to write.
#[derive(Clone, Debug)]
pub struct DistrictSpec {
    /// Number of departments.
    pub departments: usize,
    /// Number of townships and sub-district offices.
    pub townships: usize,
    /// The report years.
    pub years: RangeInclusive<i32>,
    /// Share of unit-years given a fault (0 to 1); truth.csv says which.
    pub fault_rate: f64,
    /// Random seed.
    pub seed: u64,
    /// How the reports are dressed.
    pub dressing: Dressing,
    /// Shares of web pages and Word files among the reports (the rest is text).
    pub mix: FormMix,
}

/// How a district's reports are dressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dressing {
    /// Every report alike, as earlier versions wrote them (`nianbao gen --plain`).
    House,
    /// As real reports vary, every dimension at once (`nianbao gen`); the units are named as a
    /// real roster names them ([`names::varied_units`]).
    Varied,
    /// The varied district's units, with these dimensions varied and the house style
    /// otherwise: to see what one kind of variety (or two together) does to the parser.
    Only(&'static [Dimension]),
}

/// One report of the district, as written.
#[derive(Clone, Debug)]
pub struct GeneratedFile {
    /// Path in the district folder, `/`-separated.
    pub path: String,
    /// The roster id of its unit.
    pub unit_id: String,
    /// Its year.
    pub year: i32,
    /// `Own`, or `Region` for the government's region-wide report.
    pub scope: Scope,
    /// The text form of its tables.
    pub form: TextForm,
    /// The kind of file: text, web page or Word file.
    pub file: FileForm,
    /// How it is dressed.
    pub variety: Variety,
    /// The report as written: its tables are the truth the parser must read back.
    pub report: Report,
    /// The report as a text file (its tables in `form`): the file's text when `file` is
    /// [`FileForm::Text`].
    pub text: String,
    /// The file's bytes when it is not text (empty for text: see [`GeneratedFile::contents`]).
    pub bytes: Vec<u8>,
}

impl GeneratedFile {
    /// The bytes written to the file.
    pub fn contents(&self) -> &[u8] {
        match self.file {
            FileForm::Text => self.text.as_bytes(),
            _ => &self.bytes,
        }
    }
}

/// A fault given to a unit-year (a row of truth.csv).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultEntry {
    /// The faulty file ("" for [`Fault::NoReport`]).
    pub path: String,
    /// The unit.
    pub unit_id: String,
    /// The year.
    pub year: i32,
    /// The fault.
    pub fault: Fault,
}

/// One year of the district.
#[derive(Clone, Debug)]
pub struct DistrictYear {
    /// The year.
    pub year: i32,
    /// Its reports, the units' in roster order, then the region-wide one.
    pub files: Vec<GeneratedFile>,
    /// Its faults, in roster order.
    pub faults: Vec<FaultEntry>,
}

/// A file or a fault, as [`District::each`] makes them.
#[derive(Clone, Debug)]
pub enum Made {
    /// A report's file (a unit's in roster order, then the region-wide one).
    File(Box<GeneratedFile>),
    /// A unit-year's fault (before its file, which a fault may leave unwritten).
    Fault(FaultEntry),
}

/// A district, generated a year at a time (an iterator over [`DistrictYear`], or all of
/// it streamed with [`District::each`]).
#[derive(Clone, Debug)]
pub struct District {
    spec: DistrictSpec,
    units: Vec<DistrictUnit>,
    rng: Rng,
    /// Last year's report and prose of each unit.
    prev: Vec<Option<(Report, Vec<String>)>>,
    /// Whether last year's report was written (copies need one to copy).
    filed: Vec<bool>,
    next_fault: usize,
    prev_region: Option<Report>,
    next_year: i32,
    /// Paths given out, so that no two files share one.
    taken: HashSet<String>,
}

impl District {
    /// The district of `spec`, before its first year.
    pub fn new(spec: DistrictSpec) -> District {
        let units = if spec.dressing == Dressing::House {
            units(spec.departments, spec.townships)
        } else {
            names::varied_units(spec.departments, spec.townships)
        };
        District {
            rng: Rng::new(spec.seed),
            prev: vec![None; units.len()],
            filed: vec![false; units.len()],
            next_fault: 0,
            prev_region: None,
            next_year: *spec.years.start(),
            taken: HashSet::new(),
            units,
            spec,
        }
    }

    /// Its units, the roster.
    pub fn units(&self) -> &[DistrictUnit] {
        &self.units
    }

    /// The fault for unit `i` this year, if it gets one (faults are taken in turn, so that a
    /// district gets each of them).
    fn draw_fault(&mut self, i: usize, year: i32) -> Option<Fault> {
        let draw = self.rng.below(1_000_000) as f64 / 1_000_000.0;
        if draw >= self.spec.fault_rate {
            return None;
        }
        let first_year = *self.spec.years.start();
        let f = (0..Fault::ALL.len())
            .map(|k| Fault::ALL[(self.next_fault + k) % Fault::ALL.len()])
            .find(|f| {
                f.applies_to(year)
                    && !(f.needs_previous() && (year == first_year || !self.filed[i]))
            })
            .unwrap_or(Fault::BrokenBalance);
        self.next_fault = Fault::ALL.iter().position(|x| *x == f).map_or(0, |p| p + 1);
        Some(f)
    }

    /// The dress of a report: drawn from a stream of its own per unit and year (`index` past
    /// the units for the region-wide report), so that tables and faults do not depend on it.
    fn variety(&self, index: usize, year: i32, region: bool, form: TextForm) -> Variety {
        if self.spec.dressing == Dressing::House {
            return house(region);
        }
        let mut rng = Rng::new(
            self.spec.seed.wrapping_mul(0x2545_f491_4f6c_dd1d)
                ^ (index as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)
                ^ (year as u64).wrapping_mul(0xbf58_476d_1ce4_e5b9),
        );
        let unit = &self.units[if region { 0 } else { index }];
        let drawn = Variety::draw(&mut rng, unit, region, form);
        match self.spec.dressing {
            Dressing::Only(dims) => {
                let mut v = drawn.only(dims);
                if !dims.contains(&Dimension::Name) {
                    v.name = house(region).name;
                }
                v
            }
            _ => drawn,
        }
    }

    /// A path no other file has: `path`, else `path (2)`, `path (3)`…
    fn claim(&mut self, path: String) -> String {
        let mut p = path.clone();
        let mut n = 2;
        while !self.taken.insert(p.to_lowercase()) {
            p = names::numbered(&path, n);
            n += 1;
        }
        p
    }

    /// Path, text and file of a report, dressed.
    fn dressed(&mut self, d: &Draft<'_>) -> Dressed {
        let u = &self.units[d.unit];
        let full = if d.region { UNIT_MARK } else { u.name.as_str() };
        let shown = match d.named {
            Some(n) => n.to_string(),
            None => names::shown(u, d.variety.name, d.region).unwrap_or_else(|| u.name.clone()),
        };
        let short = names::short_name(u, d.region);
        let dress = if self.spec.dressing == Dressing::House {
            Dress::house(d.report, d.prose)
        } else {
            let who = Who {
                shown: &shown,
                short: &short,
                full,
            };
            d.variety.dress(d.report, &who, d.prose)
        };
        let text = render_dressed(d.report, d.form, d.style, &dress);
        let year = d.report.meta.year.unwrap_or_default();
        let index = if d.region { self.units.len() } else { d.unit };
        let file = self.spec.mix.draw(self.spec.seed, index, year);
        let site = &self.units[0].name;
        let publisher = Publisher {
            site,
            unit: if d.region { site } else { &shown },
            salt: d.variety.salt ^ index as u64,
        };
        let bytes = file_form::write(file, d.report, d.style, &dress, &publisher);
        let facts = FileFacts {
            unit: u,
            year,
            form: d.form,
            file,
            region: d.region,
            shown: &shown,
            published: d.report.meta.published.map(|p| p.date),
            salt: d.variety.salt,
        };
        let path = names::file_path(d.variety.file_name, &facts);
        Dressed {
            path: self.claim(path),
            text,
            file,
            bytes,
        }
    }

    /// Makes `year`'s files and faults, handing each to `out` as it is made.
    fn year(&mut self, year: i32, out: &mut dyn FnMut(Made)) {
        let mut clean = RegionSum::default();
        let mut government_silent = false;
        for i in 0..self.units.len() {
            let filed = self.unit_year(i, year, &mut clean, out);
            // A government that does not report writes no region report either.
            government_silent |= i == 0 && !filed;
        }
        // Its own stream, so that the units' reports are the same with or without it.
        let seed = self.spec.seed;
        let mut region_rng = Rng::new(seed ^ (year as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let region = clean.finish(year, self.prev_region.as_ref());
        if let Some(r) = region.as_ref().filter(|_| !government_silent) {
            let file = self.region_file(r, year, &mut region_rng);
            out(Made::File(Box::new(file)));
        }
        self.prev_region = region;
    }

    /// Makes every year's files and faults in turn, handing each to `f` as it is made: a
    /// district of any size in the memory of one year's units.
    pub fn each(mut self, mut f: impl FnMut(i32, Made)) {
        while self.next_year <= *self.spec.years.end() {
            let year = self.next_year;
            self.next_year += 1;
            self.year(year, &mut |m| f(year, m));
        }
    }

    /// Unit `i`'s report for `year`, its fault if it gets one; false when it does not report.
    /// `clean` gets the report before any fault.
    fn unit_year(
        &mut self,
        i: usize,
        year: i32,
        clean: &mut RegionSum,
        out: &mut dyn FnMut(Made),
    ) -> bool {
        // Last year's report, held packed (a year of a large district's units).
        let prev = self.prev[i]
            .as_ref()
            .map(|(r, _)| r.unpacked().into_owned());
        let prev = prev.as_ref();
        let mut report = unit_report(&mut self.rng, &self.units[i], year, prev);
        clean.add(&report);
        let mut text_prose = prose(&mut self.rng, &self.units[i].name);
        let mut style = Style::default();
        let form = TextForm::ALL[(i + year as usize) % TextForm::ALL.len()];
        let mut variety = self.variety(i, year, false, form);
        let fault = self.draw_fault(i, year);
        let unit_id = self.units[i].id.clone();
        if let Some(f) = fault {
            faults::apply(f, &mut report, &mut style, prev, &mut self.rng);
            match (f, &self.prev[i]) {
                (Fault::CopiedLastYear, Some((_, p))) => text_prose = p.clone(),
                (Fault::ShortName, _) => variety.name = NameVariant::ShortQu,
                (Fault::NoReport, _) => {
                    out(Made::Fault(FaultEntry {
                        path: String::new(),
                        unit_id,
                        year,
                        fault: f,
                    }));
                    report.pack();
                    self.prev[i] = Some((report, text_prose));
                    self.filed[i] = false;
                    return false;
                }
                _ => {}
            }
        }
        // The fault's short name (区商务局), written as such.
        let named = (fault == Some(Fault::ShortName))
            .then(|| report.meta.unit_name.clone())
            .flatten();
        let dressed = self.dressed(&Draft {
            unit: i,
            report: &report,
            form,
            style,
            variety: &variety,
            prose: &text_prose,
            region: false,
            named: named.as_deref(),
        });
        if let Some(f) = fault {
            out(Made::Fault(FaultEntry {
                path: dressed.path.clone(),
                unit_id: unit_id.clone(),
                year,
                fault: f,
            }));
        }
        out(Made::File(Box::new(GeneratedFile {
            path: dressed.path,
            unit_id,
            year,
            scope: Scope::Own,
            form,
            file: dressed.file,
            variety,
            report: report.clone(),
            text: dressed.text,
            bytes: dressed.bytes,
        })));
        report.pack();
        self.prev[i] = Some((report, text_prose));
        self.filed[i] = true;
        true
    }

    /// The government's region-wide report for `year`.
    fn region_file(&mut self, r: &Report, year: i32, rng: &mut Rng) -> GeneratedFile {
        let form = TextForm::ALL[year as usize % TextForm::ALL.len()];
        let variety = self.variety(self.units.len(), year, true, form);
        let mut text_prose = vec![region_lead()];
        // A mark for the name, so that the dress names the district its own way while the
        // region lead keeps its words.
        let name = if self.spec.dressing == Dressing::House {
            REGION
        } else {
            UNIT_MARK
        };
        text_prose.extend(prose(rng, name));
        let dressed = self.dressed(&Draft {
            unit: 0,
            report: r,
            form,
            style: Style::default(),
            variety: &variety,
            prose: &text_prose,
            region: true,
            named: None,
        });
        GeneratedFile {
            path: dressed.path,
            unit_id: self.units[0].id.clone(),
            year,
            scope: Scope::Region,
            form,
            file: dressed.file,
            variety,
            report: r.clone(),
            text: dressed.text,
            bytes: dressed.bytes,
        }
    }
}

/// A report rendered: its path, its text form, its file.
struct Dressed {
    path: String,
    text: String,
    file: FileForm,
    bytes: Vec<u8>,
}

/// A report about to be rendered.
struct Draft<'a> {
    /// The unit's index.
    unit: usize,
    report: &'a Report,
    form: TextForm,
    style: Style,
    variety: &'a Variety,
    prose: &'a [String],
    /// The government's region-wide report.
    region: bool,
    /// The unit's name when a fault named it already.
    named: Option<&'a str>,
}

impl Iterator for District {
    type Item = DistrictYear;

    fn next(&mut self) -> Option<DistrictYear> {
        let year = self.next_year;
        if year > *self.spec.years.end() {
            return None;
        }
        self.next_year += 1;
        let mut out = DistrictYear {
            year,
            files: Vec::new(),
            faults: Vec::new(),
        };
        self.year(year, &mut |m| match m {
            Made::File(f) => out.files.push(*f),
            Made::Fault(f) => out.faults.push(f),
        });
        Some(out)
    }
}

/// The header of files.csv.
pub const MANIFEST_HEADER: [&str; 15] = [
    "path",
    "unit_id",
    "year",
    "scope",
    "title_variant",
    "name_variant",
    "layout",
    "form",
    "file_name",
    "intro",
    "signature",
    "headings",
    "numbering",
    "narrative",
    "stray_years",
];

/// The files.csv row of a file.
pub fn manifest_row(f: &GeneratedFile) -> [String; 15] {
    let v = &f.variety;
    [
        f.path.clone(),
        f.unit_id.clone(),
        f.year.to_string(),
        match f.scope {
            Scope::Own => "self",
            Scope::Region => "region",
        }
        .into(),
        v.title.as_str().into(),
        v.name.as_str().into(),
        v.layout.as_str().into(),
        f.file.as_str().unwrap_or(f.form.as_str()).into(),
        v.file_name.as_str().into(),
        v.intro.as_str().into(),
        v.signature.as_str().into(),
        v.headings.as_str().into(),
        v.numbering.as_str().into(),
        v.narrative.as_str().into(),
        v.stray_years_str(),
    ]
}

/// Writes a plain district into `out` (every report alike, `YEAR/UNITID_YEAR_FORM.txt`, as
/// earlier versions did); see [`write_district_with`].
pub fn write_district(
    out: &Path,
    departments: usize,
    townships: usize,
    years: RangeInclusive<i32>,
    fault_rate: f64,
    seed: u64,
) -> std::io::Result<usize> {
    write_district_with(
        out,
        &DistrictSpec {
            departments,
            townships,
            years,
            fault_rate,
            seed,
            dressing: Dressing::House,
            mix: FormMix::TEXT,
        },
    )
}

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

/// Writes the district into `out`: `roster.csv`, every report, `files.csv` and — when
/// `fault_rate` > 0 — `truth.csv` (see the module's docs). Returns how many reports it wrote.
pub fn write_district_with(out: &Path, spec: &DistrictSpec) -> std::io::Result<usize> {
    std::fs::create_dir_all(out)?;
    let district = District::new(spec.clone());
    std::fs::File::create(out.join("roster.csv"))?
        .write_all(roster_csv(district.units()).as_bytes())?;
    let mut truth = csv_writer();
    truth
        .write_record(["path", "unit_id", "year", "fault", "rule"])
        .expect("write to memory");
    let mut manifest = csv_writer();
    manifest
        .write_record(MANIFEST_HEADER)
        .expect("write to memory");
    let mut written = 0;
    let mut failed = None;
    district.each(|year, made| {
        if failed.is_some() {
            return;
        }
        match made {
            Made::Fault(f) => {
                truth
                    .write_record([
                        f.path.as_str(),
                        &f.unit_id,
                        &year.to_string(),
                        f.fault.as_str(),
                        f.fault.rule(),
                    ])
                    .expect("write to memory");
            }
            Made::File(f) => {
                let path = out.join(&f.path);
                let wrote = path
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|()| std::fs::write(&path, f.contents()));
                if let Err(e) = wrote {
                    failed = Some(e);
                    return;
                }
                manifest
                    .write_record(manifest_row(&f))
                    .expect("write to memory");
                written += 1;
            }
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    if spec.fault_rate > 0.0 {
        std::fs::write(
            out.join("truth.csv"),
            truth.into_inner().expect("flush to memory"),
        )?;
    }
    std::fs::write(
        out.join("files.csv"),
        manifest.into_inner().expect("flush to memory"),
    )?;
    Ok(written)
}
