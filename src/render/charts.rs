//! The chart pack: comparison charts drawn with plotters into PNG (primary) and SVG, every
//! label in Chinese with the embedded Noto Sans SC subset (registered through plotters'
//! `ab_glyph` feature, ../shared/CRATES.md §1).
//!
//! Charts are drawn from plain rows (per unit and year, per year for the district, the
//! reporting status), so that the same inputs give the same bytes. A chart with too little
//! data is not drawn: it is listed with the reason instead.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};
use std::collections::BTreeMap;

pub mod ranking;

/// The embedded font: Noto Sans SC Regular, subset to the GBK repertoire (OFL-1.1,
/// assets/fonts/OFL.txt).
pub static FONT: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/NotoSansSC-Regular.subset.otf"
));

/// The family every chart draws with.
const FAMILY: &str = "sans-serif";

/// Registers `font` (the embedded one unless the user gave another) under the family the
/// charts use. Returns the font in use, for the glyph check.
pub fn use_font(font: Option<&'static [u8]>) -> Result<&'static [u8], String> {
    let bytes = font.unwrap_or(FONT);
    for family in [FAMILY, "serif", "monospace"] {
        register_font(family, FontStyle::Normal, bytes)
            .map_err(|_| "the font cannot be read (not an OpenType/TrueType font)".to_string())?;
    }
    Ok(bytes)
}

/// Characters of `label` the font has no glyph for (they would be drawn as boxes).
pub fn missing_glyphs(font: &[u8], label: &str) -> Vec<char> {
    use ab_glyph::Font as _;
    let Ok(f) = ab_glyph::FontRef::try_from_slice(font) else {
        return label.chars().collect();
    };
    let mut missing: Vec<char> = label
        .chars()
        .filter(|c| !c.is_whitespace() && f.glyph_id(*c).0 == 0)
        .collect();
    missing.dedup();
    missing
}

/// One unit's key figures for a year (a row of units.csv).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnitFigures {
    /// Name as shown (district prefix dropped).
    pub name: String,
    /// Report year.
    pub year: i32,
    /// Applications received (new_received total).
    pub applications: f64,
    /// Outcomes: 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理.
    pub outcomes: [f64; 6],
    /// 行政复议 and 行政诉讼: 维持, 纠正, 其他, 尚未审结 (both suit kinds summed).
    pub reviews: [f64; 4],
    /// The same for suits.
    pub suits: [f64; 4],
}

/// The district's figures for a year (group `all` of district.csv, with the applicant mix).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DistrictFigures {
    /// Year.
    pub year: i32,
    /// Applications received.
    pub applications: f64,
    /// Outcomes total (办理结果总计).
    pub processed: f64,
    /// Applicants: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他.
    pub applicants: [f64; 6],
    /// Disclosure rate, when there were outcomes.
    pub disclosure_rate: Option<f64>,
    /// Review correction rate and the closed reviews it is over.
    pub review_correction: (Option<f64>, f64),
    /// Suit correction rate and the closed suits it is over.
    pub suit_correction: (Option<f64>, f64),
}

/// How a roster level reported in a year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LevelStatus {
    /// Year.
    pub year: i32,
    /// Roster level.
    pub level: String,
    /// Counts: reported in order, late, missing, unreadable, copied, empty.
    pub counts: [u32; 6],
}

/// What the charts are drawn from.
#[derive(Clone, Debug, Default)]
pub struct ChartData {
    /// Per unit and year.
    pub units: Vec<UnitFigures>,
    /// Per year.
    pub district: Vec<DistrictFigures>,
    /// Per year and level, when there is a roster.
    pub status: Vec<LevelStatus>,
    /// Findings per year, unit and rule.
    pub findings: Vec<FindingCount>,
    /// Scores per year, level and unit, when there is a roster.
    pub scores: Vec<ranking::ScoreRow>,
}

/// How many findings of a rule a unit's report for a year got.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct FindingCount {
    /// Year.
    pub year: i32,
    /// Unit, as shown.
    pub unit: String,
    /// Rule id.
    pub rule: &'static str,
    /// Findings.
    pub count: u32,
}

/// A drawn chart.
#[derive(Clone, Debug)]
pub struct Chart {
    /// File stem under charts/ (`applications-2023`).
    pub name: String,
    /// Title, as drawn.
    pub title: String,
    /// Width and height in pixels.
    pub size: (u32, u32),
    /// PNG bytes.
    pub png: Vec<u8>,
    /// SVG text.
    pub svg: String,
}

/// A chart not drawn, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Title it would have had.
    pub title: String,
    /// Why not.
    pub reason: String,
}

/// The pack: charts drawn, charts skipped, labels with missing glyphs.
#[derive(Clone, Debug, Default)]
pub struct Pack {
    /// Drawn, in order.
    pub charts: Vec<Chart>,
    /// Not drawn.
    pub skipped: Vec<Skipped>,
    /// "label: missing 字" warnings.
    pub missing_glyphs: Vec<String>,
}

/// How many units a by-unit chart shows; the rest are summed into one bar.
pub const TOP_UNITS: usize = 20;
/// Fewest closed cases a correction rate is drawn over.
pub const MIN_CLOSED: f64 = 5.0;

const OUTCOMES: [&str; 6] = [
    "予以公开",
    "部分公开",
    "不予公开",
    "无法提供",
    "不予处理",
    "其他处理",
];
const CASE_OUTCOMES: [&str; 4] = ["结果维持", "结果纠正", "其他结果", "尚未审结"];
const APPLICANTS: [&str; 6] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他组织",
];
const STATUSES: [&str; 6] = [
    "按时报送",
    "逾期发布",
    "未报送",
    "无法读取",
    "照搬",
    "全为零或空白",
];

/// A fixed palette: the same colour for the same series in every chart.
const PALETTE: [RGBColor; 6] = [
    RGBColor(0x2b, 0x6c, 0xb0),
    RGBColor(0x5a, 0xa4, 0x69),
    RGBColor(0xd6, 0x4f, 0x3e),
    RGBColor(0xe0, 0x9b, 0x2d),
    RGBColor(0x80, 0x6c, 0xb4),
    RGBColor(0x8c, 0x8c, 0x8c),
];

/// A name shortened for an axis: at most `max` characters, cut between characters with "…".
pub fn short_label(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_string();
    }
    let mut s: String = name.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// Draws the whole pack.
pub fn pack(data: &ChartData, font: &[u8]) -> Pack {
    let mut p = Pack::default();
    let years: Vec<i32> = data
        .district
        .iter()
        .map(|d| d.year)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for &year in &years {
        let units: Vec<&UnitFigures> = data.units.iter().filter(|u| u.year == year).collect();
        bars_by_unit(&mut p, year, &units);
        outcomes_by_unit(&mut p, year, &units);
        if let Some(d) = data.district.iter().find(|d| d.year == year) {
            applicants(&mut p, d);
        }
        cases_by_unit(&mut p, year, &units);
        let findings: Vec<&FindingCount> =
            data.findings.iter().filter(|f| f.year == year).collect();
        findings_heat(&mut p, year, &findings);
        let status: Vec<&LevelStatus> = data.status.iter().filter(|s| s.year == year).collect();
        if status.is_empty() {
            p.skipped.push(Skipped {
                title: format!("{year}年 名单内单位报送情况（按层级）"),
                reason: "未提供名单（roster.csv），无法核对报送情况".into(),
            });
        } else {
            status_by_level(&mut p, year, &status);
        }
        ranking::ranking(&mut p, year, &data.scores);
    }
    trend(&mut p, &data.district);
    rates(&mut p, &data.district);
    let mut warnings = Vec::new();
    for c in &p.charts {
        labels_of(c, &mut warnings, font);
    }
    p.missing_glyphs = warnings;
    p
}

/// Checks a chart's labels (its SVG's text) against the font.
fn labels_of(c: &Chart, warnings: &mut Vec<String>, font: &[u8]) {
    for piece in c.svg.split("<text").skip(1) {
        let Some(text) = piece.split_once('>').map(|(_, t)| t) else {
            continue;
        };
        let label = text.split("</text>").next().unwrap_or("");
        let missing = missing_glyphs(font, label);
        if !missing.is_empty() {
            let chars: String = missing.into_iter().collect();
            warnings.push(format!("{}: {label}（缺字：{chars}）", c.name));
        }
    }
}

/// What a chart shows: one of three kinds, drawn by the same code on both backends.
enum Spec {
    /// Horizontal bars with their values, the axis from `from`.
    Bars {
        rows: Vec<(String, f64)>,
        unit: &'static str,
        from: f64,
    },
    /// Stacked horizontal bars with a legend.
    Stacked {
        rows: Vec<(String, Vec<f64>)>,
        series: &'static [&'static str],
        unit: &'static str,
    },
    /// A grid of counts, darker for more.
    Heat {
        rows: Vec<String>,
        cols: Vec<String>,
        values: Vec<Vec<u32>>,
    },
    /// Lines over the years.
    Lines {
        years: Vec<i32>,
        series: Vec<(String, Vec<Option<f64>>)>,
        percent: bool,
    },
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    spec: &Spec,
) -> Result<(), String> {
    match spec {
        Spec::Bars { rows, unit, from } => {
            let max = rows.iter().map(|r| r.1).fold(0.0, f64::max).max(1.0);
            hbars(root, title, rows, (*from, max), unit)
        }
        Spec::Stacked { rows, series, unit } => stacked(root, title, rows, series, unit),
        Spec::Lines {
            years,
            series,
            percent,
        } => lines(root, title, years, series, *percent),
        Spec::Heat { rows, cols, values } => heat(root, title, rows, cols, values),
    }
}

/// Draws a chart into a bitmap (encoded as PNG) and into SVG; a failure is a skipped chart.
fn add(p: &mut Pack, name: String, title: String, size: (u32, u32), spec: Spec) {
    match render(&title, size, &spec) {
        Ok((png, svg)) => p.charts.push(Chart {
            name,
            title,
            size,
            png,
            svg,
        }),
        Err(e) => p.skipped.push(Skipped {
            title,
            reason: format!("绘制失败：{e}"),
        }),
    }
}

/// Where the pack puts the font, relative to charts/.
pub const FONT_FROM_CHARTS: &str = "../assets/NotoSansSC-Regular.subset.otf";

/// The SVG with a style that draws its text with the pack's font (a CSS rule outranks the
/// `font-family` attribute plotters writes), so that Chinese renders where the viewer has no
/// Chinese font of its own.
fn with_font_face(svg: String) -> String {
    let Some(end) = svg.find('>') else {
        return svg;
    };
    let style = format!(
        "\n<!-- {} -->\n<style>@font-face {{ font-family: \"Noto Sans SC\"; src: url(\"{FONT_FROM_CHARTS}\") format(\"opentype\"); }} text {{ font-family: \"Noto Sans SC\", sans-serif; }}</style>",
        crate::model::OUTPUT_SIGN
    );
    let mut out = String::with_capacity(svg.len() + style.len());
    out.push_str(&svg[..=end]);
    out.push_str(&style);
    out.push_str(&svg[end + 1..]);
    out
}

fn render(title: &str, size: (u32, u32), spec: &Spec) -> Result<(Vec<u8>, String), String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&root, title, spec)?;
        root.present().map_err(err)?;
    }
    let svg = with_font_face(svg);
    let mut rgb = vec![0u8; size.0 as usize * size.1 as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, size).into_drawing_area();
        draw(&root, title, spec)?;
        root.present().map_err(err)?;
    }
    let mut png = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png, size.0, size.1);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().map_err(err)?;
        w.write_image_data(&rgb).map_err(err)?;
    }
    Ok((png, svg))
}

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

/// Top units by a value, the rest summed into one bar ("其他 N 个单位").
fn top<'a>(
    units: &[&'a UnitFigures],
    key: impl Fn(&UnitFigures) -> f64,
) -> (Vec<&'a UnitFigures>, Option<(usize, UnitFigures)>) {
    let mut sorted: Vec<&UnitFigures> = units.to_vec();
    sorted.sort_by(|a, b| key(b).total_cmp(&key(a)).then(a.name.cmp(&b.name)));
    if sorted.len() <= TOP_UNITS {
        return (sorted, None);
    }
    let rest = sorted.split_off(TOP_UNITS - 1);
    let mut sum = UnitFigures::default();
    for u in &rest {
        sum.applications += u.applications;
        for k in 0..6 {
            sum.outcomes[k] += u.outcomes[k];
        }
        for k in 0..4 {
            sum.reviews[k] += u.reviews[k];
            sum.suits[k] += u.suits[k];
        }
    }
    sum.name = format!("其他 {} 个单位", rest.len());
    (sorted, Some((rest.len(), sum)))
}

fn bars_by_unit(p: &mut Pack, year: i32, units: &[&UnitFigures]) {
    let title = format!("{year}年 各单位新收政府信息公开申请数量");
    if units.iter().all(|u| u.applications == 0.0) {
        p.skipped.push(Skipped {
            title,
            reason: "各单位均未收到申请".into(),
        });
        return;
    }
    let (shown, rest) = top(units, |u| u.applications);
    let mut rows: Vec<(String, f64)> = shown
        .iter()
        .map(|u| (short_label(&u.name, 14), u.applications))
        .collect();
    if let Some((_, r)) = rest {
        rows.push((r.name.clone(), r.applications));
    }
    let size = (1000, 120 + 30 * rows.len() as u32);
    add(
        p,
        format!("applications-{year}"),
        title,
        size,
        Spec::Bars {
            rows,
            unit: "件",
            from: 0.0,
        },
    );
}

/// Horizontal bars, one per row, with the value at the end of each bar.
/// The axes of a by-unit chart: values across, one segment per label down (first on top).
fn unit_axes<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    title: &str,
    labels: &[String],
    (x_min, x_max): (f64, f64),
    unit: &str,
) -> Result<UnitChart<'a, DB>, String> {
    root.fill(&WHITE).map_err(err)?;
    let n = labels.len();
    let mut chart = ChartBuilder::on(root)
        .caption(title, (FAMILY, 26))
        .margin(16)
        .x_label_area_size(36)
        .y_label_area_size(220)
        .build_cartesian_2d(x_min..x_max, (0..n.saturating_sub(1)).into_segmented())
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(n)
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => n
                .checked_sub(1 + *i)
                .and_then(|k| labels.get(k))
                .cloned()
                .unwrap_or_default(),
            _ => String::new(),
        })
        .x_label_formatter(&|x| format_number(*x))
        .x_desc(unit)
        .label_style((FAMILY, 15))
        .axis_desc_style((FAMILY, 15))
        .draw()
        .map_err(err)?;
    Ok(chart)
}

type UnitChart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::ranged1d::SegmentedCoord<plotters::coord::types::RangedCoordusize>,
    >,
>;

/// The series' legend, boxed, at `position`.
fn legend<'a, DB: DrawingBackend + 'a, CT: plotters::coord::CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
) -> Result<(), String> {
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.3))
        .label_font((FAMILY, 15))
        .draw()
        .map_err(err)
}

fn hbars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    rows: &[(String, f64)],
    (from, max): (f64, f64),
    unit: &str,
) -> Result<(), String> {
    let n = rows.len();
    let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let mut chart = unit_axes(
        root,
        title,
        &labels,
        (from, from + (max - from) * 1.12),
        unit,
    )?;
    chart
        .draw_series(rows.iter().enumerate().map(|(i, (_, v))| {
            let y = n - 1 - i;
            let mut bar = Rectangle::new(
                [
                    (from, SegmentValue::Exact(y)),
                    (*v, SegmentValue::Exact(y + 1)),
                ],
                PALETTE[0].filled(),
            );
            bar.set_margin(4, 4, 0, 0);
            bar
        }))
        .map_err(err)?;
    chart
        .draw_series(rows.iter().enumerate().map(|(i, (_, v))| {
            Text::new(
                format_number(*v),
                (*v + (max - from) * 0.01, SegmentValue::CenterOf(n - 1 - i)),
                (FAMILY, 14).into_font(),
            )
        }))
        .map_err(err)?;
    Ok(())
}

fn format_number(v: f64) -> String {
    super::tables::float(v)
}

/// Stacked horizontal bars with a legend.
fn stacked<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    rows: &[(String, Vec<f64>)],
    series: &[&str],
    unit: &str,
) -> Result<(), String> {
    let n = rows.len();
    let max = rows
        .iter()
        .map(|r| r.1.iter().sum::<f64>())
        .fold(0.0, f64::max)
        .max(1.0);
    let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let mut chart = unit_axes(root, title, &labels, (0.0, max * 1.05), unit)?;
    for (k, name) in series.iter().enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        chart
            .draw_series(rows.iter().enumerate().map(|(i, (_, values))| {
                let y = n - 1 - i;
                let from: f64 = values[..k].iter().sum();
                let to = from + values[k];
                let mut bar = Rectangle::new(
                    [
                        (from, SegmentValue::Exact(y)),
                        (to, SegmentValue::Exact(y + 1)),
                    ],
                    color.filled(),
                );
                bar.set_margin(4, 4, 0, 0);
                bar
            }))
            .map_err(err)?
            .label(*name)
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], color.filled()));
    }
    legend(&mut chart, SeriesLabelPosition::LowerRight)
}

fn outcomes_by_unit(p: &mut Pack, year: i32, units: &[&UnitFigures]) {
    let title = format!("{year}年 各单位申请办理结果构成");
    let total = |u: &UnitFigures| u.outcomes.iter().sum::<f64>();
    if units.iter().all(|u| total(u) == 0.0) {
        p.skipped.push(Skipped {
            title,
            reason: "各单位均无办理结果".into(),
        });
        return;
    }
    let (shown, rest) = top(units, total);
    let mut rows: Vec<(String, Vec<f64>)> = shown
        .iter()
        .map(|u| (short_label(&u.name, 14), u.outcomes.to_vec()))
        .collect();
    if let Some((_, r)) = rest {
        rows.push((r.name.clone(), r.outcomes.to_vec()));
    }
    let size = (1100, 140 + 30 * rows.len() as u32);
    add(
        p,
        format!("outcomes-{year}"),
        title,
        size,
        Spec::Stacked {
            rows,
            series: &OUTCOMES,
            unit: "件",
        },
    );
}

fn cases_by_unit(p: &mut Pack, year: i32, units: &[&UnitFigures]) {
    for (kind, name, pick) in [
        (
            "reviews",
            "行政复议",
            (|u: &UnitFigures| u.reviews) as fn(&UnitFigures) -> [f64; 4],
        ),
        ("suits", "行政诉讼", |u: &UnitFigures| u.suits),
    ] {
        let title = format!("{year}年 各单位{name}结果");
        let with: Vec<&UnitFigures> = units
            .iter()
            .copied()
            .filter(|u| pick(u).iter().sum::<f64>() > 0.0)
            .collect();
        if with.is_empty() {
            p.skipped.push(Skipped {
                title,
                reason: format!("本年没有单位发生{name}"),
            });
            continue;
        }
        let (shown, rest) = top(&with, |u| pick(u).iter().sum());
        let mut rows: Vec<(String, Vec<f64>)> = shown
            .iter()
            .map(|u| (short_label(&u.name, 14), pick(u).to_vec()))
            .collect();
        if let Some((_, r)) = rest {
            rows.push((r.name.clone(), pick(&r).to_vec()));
        }
        let size = (1000, 140 + 30 * rows.len() as u32);
        add(
            p,
            format!("{kind}-{year}"),
            title,
            size,
            Spec::Stacked {
                rows,
                series: &CASE_OUTCOMES,
                unit: "件",
            },
        );
    }
}

fn applicants(p: &mut Pack, d: &DistrictFigures) {
    let year = d.year;
    let title = format!("{year}年 全区申请人构成");
    if d.applicants.iter().all(|v| *v == 0.0) {
        p.skipped.push(Skipped {
            title,
            reason: "本年没有新收申请".into(),
        });
        return;
    }
    let rows: Vec<(String, f64)> = APPLICANTS
        .iter()
        .zip(d.applicants)
        .map(|(n, v)| (n.to_string(), v))
        .collect();
    add(
        p,
        format!("applicants-{year}"),
        title,
        (900, 360),
        Spec::Bars {
            rows,
            unit: "件",
            from: 0.0,
        },
    );
}

fn status_by_level(p: &mut Pack, year: i32, status: &[&LevelStatus]) {
    let title = format!("{year}年 名单内单位报送情况（按层级）");
    let rows: Vec<(String, Vec<f64>)> = status
        .iter()
        .map(|s| {
            (
                level_label(&s.level),
                s.counts.iter().map(|c| f64::from(*c)).collect(),
            )
        })
        .collect();
    let size = (1000, 180 + 40 * rows.len() as u32);
    add(
        p,
        format!("status-{year}"),
        title,
        size,
        Spec::Stacked {
            rows,
            series: &STATUSES,
            unit: "个单位",
        },
    );
}

/// A roster level in Chinese when it is one of the usual ones.
pub fn level_label(level: &str) -> String {
    match level {
        "district" | "government" => "区政府".into(),
        "department" => "部门".into(),
        "township" => "镇街".into(),
        "" => "未列层级".into(),
        other => other.into(),
    }
}

/// Lines over the years.
fn lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    years: &[i32],
    series: &[(String, Vec<Option<f64>>)],
    percent: bool,
) -> Result<(), String> {
    root.fill(&WHITE).map_err(err)?;
    let max = series
        .iter()
        .flat_map(|s| s.1.iter().flatten())
        .fold(0.0f64, |a, b| a.max(*b));
    let top = if percent { 1.0 } else { max.max(1.0) * 1.15 };
    let (first, last) = (years[0], years[years.len() - 1]);
    let mut chart = ChartBuilder::on(root)
        .caption(title, (FAMILY, 26))
        .margin(20)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(first as f64 - 0.3..last as f64 + 0.3, 0.0..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_labels(years.len())
        .x_label_formatter(&|x| {
            if (x.round() - x).abs() < 1e-9 {
                format!("{}年", x.round() as i32)
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|y| {
            if percent {
                format!("{:.0}%", y * 100.0)
            } else {
                format_number(*y)
            }
        })
        .label_style((FAMILY, 15))
        .draw()
        .map_err(err)?;
    for (k, (name, values)) in series.iter().enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        let points: Vec<(f64, f64)> = years
            .iter()
            .zip(values)
            .filter_map(|(y, v)| v.map(|v| (f64::from(*y), v)))
            .collect();
        chart
            .draw_series(LineSeries::new(points.clone(), color.stroke_width(3)))
            .map_err(err)?
            .label(name.as_str())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(3))
            });
        chart
            .draw_series(
                points
                    .iter()
                    .map(|&(x, y)| Circle::new((x, y), 5, color.filled())),
            )
            .map_err(err)?;
        chart
            .draw_series(points.iter().map(|&(x, y)| {
                let label = if percent {
                    format!("{:.1}%", y * 100.0)
                } else {
                    format_number(y)
                };
                Text::new(label, (x + 0.03, y + top * 0.02), (FAMILY, 14).into_font())
            }))
            .map_err(err)?;
    }
    legend(&mut chart, SeriesLabelPosition::UpperLeft)
}

/// Units with the most findings (the rest summed) × the rules found, counts in the cells.
fn findings_heat(p: &mut Pack, year: i32, findings: &[&FindingCount]) {
    let title = format!("{year}年 各单位发现的问题（按规则）");
    if findings.is_empty() {
        p.skipped.push(Skipped {
            title,
            reason: "本年没有发现问题".into(),
        });
        return;
    }
    let cols: Vec<&'static str> = findings
        .iter()
        .map(|f| f.rule)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut per_unit: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for f in findings {
        let row = per_unit
            .entry(f.unit.as_str())
            .or_insert_with(|| vec![0; cols.len()]);
        if let Some(k) = cols.iter().position(|c| *c == f.rule) {
            row[k] += f.count;
        }
    }
    let mut units: Vec<(&str, Vec<u32>)> = per_unit.into_iter().collect();
    units.sort_by(|a, b| {
        let total = |v: &Vec<u32>| v.iter().sum::<u32>();
        total(&b.1).cmp(&total(&a.1)).then(a.0.cmp(b.0))
    });
    let mut rows: Vec<String> = Vec::new();
    let mut values: Vec<Vec<u32>> = Vec::new();
    if units.len() > TOP_UNITS {
        let rest = units.split_off(TOP_UNITS - 1);
        let mut sum = vec![0; cols.len()];
        for (_, v) in &rest {
            for (k, x) in v.iter().enumerate() {
                sum[k] += x;
            }
        }
        for (u, v) in units {
            rows.push(short_label(u, 14));
            values.push(v);
        }
        rows.push(format!("其他 {} 个单位", rest.len()));
        values.push(sum);
    } else {
        for (u, v) in units {
            rows.push(short_label(u, 14));
            values.push(v);
        }
    }
    let size = (
        (320 + 110 * cols.len() as u32).max(700),
        140 + 30 * rows.len() as u32,
    );
    // Rules in words (结转不衔接), the id after them for findings.csv.
    let cols = cols
        .into_iter()
        .map(|r| format!("{} {r}", crate::check::registry::short_zh(r)))
        .collect();
    add(
        p,
        format!("findings-{year}"),
        title,
        size,
        Spec::Heat { rows, cols, values },
    );
}

fn heat<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    rows: &[String],
    cols: &[String],
    values: &[Vec<u32>],
) -> Result<(), String> {
    root.fill(&WHITE).map_err(err)?;
    let (n, m) = (rows.len(), cols.len());
    let max = values.iter().flatten().copied().max().unwrap_or(1).max(1);
    let mut chart = ChartBuilder::on(root)
        .caption(title, (FAMILY, 26))
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(220)
        .build_cartesian_2d(
            (0..m.saturating_sub(1)).into_segmented(),
            (0..n.saturating_sub(1)).into_segmented(),
        )
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(m)
        .y_labels(n)
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => cols.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => n
                .checked_sub(1 + *i)
                .and_then(|k| rows.get(k))
                .cloned()
                .unwrap_or_default(),
            _ => String::new(),
        })
        .label_style((FAMILY, 15))
        .draw()
        .map_err(err)?;
    let cells = values
        .iter()
        .enumerate()
        .flat_map(|(i, row)| row.iter().enumerate().map(move |(j, v)| (i, j, *v)));
    let shade = |v: u32| {
        if v == 0 {
            RGBColor(0xf4, 0xf4, 0xf4)
        } else {
            // From a light to a full red as the count goes up.
            let t = f64::from(v) / f64::from(max);
            let light = |c: u8| (255.0 - (255.0 - f64::from(c)) * (0.25 + 0.75 * t)) as u8;
            RGBColor(light(0xc0), light(0x39), light(0x2b))
        }
    };
    chart
        .draw_series(cells.clone().map(|(i, j, v)| {
            let y = n - 1 - i;
            let mut r = Rectangle::new(
                [
                    (SegmentValue::Exact(j), SegmentValue::Exact(y)),
                    (SegmentValue::Exact(j + 1), SegmentValue::Exact(y + 1)),
                ],
                shade(v).filled(),
            );
            r.set_margin(1, 1, 1, 1);
            r
        }))
        .map_err(err)?;
    chart
        .draw_series(cells.filter(|c| c.2 > 0).map(|(i, j, v)| {
            Text::new(
                v.to_string(),
                (SegmentValue::CenterOf(j), SegmentValue::CenterOf(n - 1 - i)),
                TextStyle::from((FAMILY, 14).into_font()).pos(
                    plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Center,
                        plotters::style::text_anchor::VPos::Center,
                    ),
                ),
            )
        }))
        .map_err(err)?;
    Ok(())
}

/// The years a chart across years spans, or `None` (and the chart skipped) for one year.
fn across_years(p: &mut Pack, title: &str, district: &[DistrictFigures]) -> Option<Vec<i32>> {
    if district.len() < 2 {
        p.skipped.push(Skipped {
            title: title.to_string(),
            reason: "只有一个年度，无法比较".into(),
        });
        return None;
    }
    Some(district.iter().map(|d| d.year).collect())
}

fn trend(p: &mut Pack, district: &[DistrictFigures]) {
    let title = "历年全区新收申请与办理结果".to_string();
    let Some(years) = across_years(p, &title, district) else {
        return;
    };
    let series = vec![
        (
            "新收申请".to_string(),
            district.iter().map(|d| Some(d.applications)).collect(),
        ),
        (
            "办理结果总计".to_string(),
            district.iter().map(|d| Some(d.processed)).collect(),
        ),
    ];
    add(
        p,
        "trend".to_string(),
        title,
        (900, 480),
        Spec::Lines {
            years,
            series,
            percent: false,
        },
    );
}

fn rates(p: &mut Pack, district: &[DistrictFigures]) {
    let title = "历年公开率与纠错率".to_string();
    let Some(years) = across_years(p, &title, district) else {
        return;
    };
    let closed = |(rate, n): (Option<f64>, f64)| rate.filter(|_| n >= MIN_CLOSED);
    let mut series = vec![(
        "公开率".to_string(),
        district
            .iter()
            .map(|d| d.disclosure_rate)
            .collect::<Vec<_>>(),
    )];
    let mut notes = Vec::new();
    for (name, pick) in [
        (
            "复议纠错率",
            (|d: &DistrictFigures| d.review_correction)
                as fn(&DistrictFigures) -> (Option<f64>, f64),
        ),
        ("诉讼纠错率", |d: &DistrictFigures| d.suit_correction),
    ] {
        let values: Vec<Option<f64>> = district.iter().map(|d| closed(pick(d))).collect();
        if values.iter().filter(|v| v.is_some()).count() >= 2 {
            series.push((name.to_string(), values));
        } else {
            notes.push(format!(
                "{name}：审结案件少于 {MIN_CLOSED} 件的年度过多，未画出"
            ));
        }
    }
    for reason in notes {
        p.skipped.push(Skipped {
            title: title.clone(),
            reason,
        });
    }
    add(
        p,
        "rates".to_string(),
        title,
        (900, 480),
        Spec::Lines {
            years,
            series,
            percent: true,
        },
    );
}

/// Reporting status per year and level from missing.csv's rows and the roster's levels.
pub fn level_status(
    levels: &[(String, String)],
    missing: &[crate::roster::status::Missing],
    years: &[i32],
) -> Vec<LevelStatus> {
    // Each unit-year's statuses, looked up once rather than searched for every unit.
    let mut statuses: std::collections::HashMap<(i32, &str), Vec<&str>> =
        std::collections::HashMap::new();
    for m in missing {
        statuses
            .entry((m.year, m.unit_id.as_str()))
            .or_default()
            .push(m.status);
    }
    let mut out = Vec::new();
    for &year in years {
        let mut by_level: BTreeMap<&str, LevelStatus> = BTreeMap::new();
        for (unit_id, level) in levels {
            let s = by_level
                .entry(level.as_str())
                .or_insert_with(|| LevelStatus {
                    year,
                    level: level.clone(),
                    counts: [0; 6],
                });
            let found = statuses
                .get(&(year, unit_id.as_str()))
                .map_or(&[][..], Vec::as_slice);
            // One count per unit, under the gravest of its statuses (index into STATUSES).
            let k = [
                ("no_report", 2),
                ("unreadable", 3),
                ("copied", 4),
                ("empty", 5),
                ("late", 1),
            ]
            .iter()
            .find(|(st, _)| found.contains(st))
            .map_or(0, |(_, k)| *k);
            s.counts[k] += 1;
        }
        out.extend(by_level.into_values());
    }
    out
}

/// The chart data from the frames: units (per unit and year), district (per year and
/// group), the roll-up cells (for the applicant mix) and the reporting status.
pub fn data_from(
    units: &polars::prelude::DataFrame,
    district: &polars::prelude::DataFrame,
    cells: &[super::rollup::RollupCell],
    status: Vec<LevelStatus>,
) -> polars::prelude::PolarsResult<ChartData> {
    let num = |df: &polars::prelude::DataFrame,
               name: &str|
     -> polars::prelude::PolarsResult<Vec<Option<f64>>> {
        Ok(df
            .column(name)?
            .cast(&polars::prelude::DataType::Float64)?
            .f64()?
            .iter()
            .collect())
    };
    let names: Vec<String> = units
        .column("unit_name")?
        .str()?
        .iter()
        .map(|n| n.unwrap_or_default().to_string())
        .collect();
    let prefix = region_prefix(&names);
    let years = units.column("year")?.i32()?.clone();
    let get = |name: &str| num(units, name);
    let outcome_cols = [
        "granted",
        "partially_granted",
        "denied",
        "unable",
        "rejected",
        "other_handling",
    ];
    let outcomes: Vec<Vec<Option<f64>>> = outcome_cols
        .iter()
        .map(|c| get(c))
        .collect::<Result<_, _>>()?;
    let case = |kind: &str| -> polars::prelude::PolarsResult<Vec<Vec<Option<f64>>>> {
        ["upheld", "corrected", "other", "pending"]
            .iter()
            .map(|o| get(&format!("{kind}_{o}")))
            .collect()
    };
    let (reviews, suits) = (case("review")?, case("suit")?);
    let applications = get("applications")?;
    let v = |col: &Vec<Option<f64>>, i: usize| col.get(i).copied().flatten().unwrap_or(0.0);
    let unit_rows = (0..units.height())
        .map(|i| UnitFigures {
            name: display_name(&names[i], &prefix),
            year: years.get(i).unwrap_or_default(),
            applications: v(&applications, i),
            outcomes: std::array::from_fn(|k| v(&outcomes[k], i)),
            reviews: std::array::from_fn(|k| v(&reviews[k], i)),
            suits: std::array::from_fn(|k| v(&suits[k], i)),
        })
        .collect();
    let groups = district.column("group")?.str()?.clone();
    let dyears = district.column("year")?.i32()?.clone();
    let d = |name: &str| num(district, name);
    let (apps, processed, disclosure) =
        (d("applications")?, d("processed")?, d("disclosure_rate")?);
    let (review_rate, suit_rate) = (d("review_correction_rate")?, d("suit_correction_rate")?);
    let (rt, rp, st, sp) = (
        d("review_total")?,
        d("review_pending")?,
        d("suit_total")?,
        d("suit_pending")?,
    );
    let district_rows = (0..district.height())
        .filter(|&i| groups.get(i) == Some("all"))
        .map(|i| {
            let year = dyears.get(i).unwrap_or_default();
            let applicants = std::array::from_fn(|k| {
                cells
                    .iter()
                    .find(|c| {
                        c.year == year
                            && c.group == "all"
                            && c.table == "t3"
                            && c.row == "new_received"
                            && c.col == crate::model::ids::T3_COLS[k]
                    })
                    .map_or(0.0, |c| c.value.to_f64())
            });
            DistrictFigures {
                year,
                applications: v(&apps, i),
                processed: v(&processed, i),
                applicants,
                disclosure_rate: disclosure.get(i).copied().flatten(),
                review_correction: (review_rate.get(i).copied().flatten(), v(&rt, i) - v(&rp, i)),
                suit_correction: (suit_rate.get(i).copied().flatten(), v(&st, i) - v(&sp, i)),
            }
        })
        .collect();
    Ok(ChartData {
        units: unit_rows,
        district: district_rows,
        status,
        findings: Vec::new(),
        scores: Vec::new(),
    })
}

/// A unit's name for an axis: "示例区教育局" → "教育局"; the government keeps its name
/// ("示例区人民政府").
pub fn display_name(name: &str, prefix: &str) -> String {
    name.strip_prefix(prefix)
        .filter(|s| !s.is_empty() && !s.starts_with("人民政府"))
        .unwrap_or(name)
        .to_string()
}

/// The district's name in front of every unit's ("示例区"), when all share one.
pub fn region_prefix(names: &[String]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut prefix: &str = first;
    for n in names {
        while !n.starts_with(prefix) {
            let mut cs = prefix.chars();
            cs.next_back();
            prefix = cs.as_str();
        }
    }
    // Up to the last 区/县/市/旗 of the common part.
    match prefix.rfind(['区', '县', '市', '旗']) {
        Some(k) => prefix[..k + '区'.len_utf8()].to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_district_prefix_is_found_and_only_whole() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            region_prefix(&names(&["示例区教育局", "示例区商务局"])),
            "示例区"
        );
        assert_eq!(region_prefix(&names(&["示例区教育局", "其他县商务局"])), "");
        assert_eq!(region_prefix(&names(&["教育局"])), "");
    }

    #[test]
    fn a_unit_counts_once_under_its_gravest_status() {
        use crate::roster::status::Missing;
        let m = |id: &str, year, status| Missing {
            unit_id: id.into(),
            unit_name: id.into(),
            level: "department".into(),
            year,
            status,
            ..Default::default()
        };
        let levels: Vec<(String, String)> = ["A", "B", "C"]
            .iter()
            .map(|id| (id.to_string(), "department".to_string()))
            .collect();
        let missing = [
            m("A", 2023, "late"),
            m("A", 2023, "copied"),
            m("B", 2022, "no_report"),
        ];
        let st = level_status(&levels, &missing, &[2022, 2023]);
        assert_eq!(st.len(), 2);
        // 2022: B missing, A and C in order; 2023: A copied (graver than late), B and C in order.
        assert_eq!(st[0].counts, [2, 0, 1, 0, 0, 0]);
        assert_eq!(st[1].counts, [2, 0, 0, 0, 1, 0]);
    }

    #[test]
    fn long_names_are_cut_between_characters() {
        assert_eq!(short_label("发展和改革局", 14), "发展和改革局");
        assert_eq!(short_label("一二三四五六七八九十", 5), "一二三四…");
    }

    #[test]
    fn the_embedded_font_has_the_labels_and_a_private_use_character_is_missing() {
        assert!(missing_glyphs(FONT, "予以公开 鄠邑区 硚口区 埇桥区 浉河区").is_empty());
        assert_eq!(missing_glyphs(FONT, "a\u{e000}b"), vec!['\u{e000}']);
    }
}
