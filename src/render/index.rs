//! index.html: the chart pack's page (minijinja template embedded in the binary). It opens
//! from disk with no network: images by relative path, the font beside it under assets/.

use super::charts::{Chart, Pack};
use serde::Serialize;

const TEMPLATE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/templates/index.html"
));

/// A chart as the page lists it.
#[derive(Serialize)]
struct ChartEntry<'a> {
    name: &'a str,
    title: &'a str,
    width: u32,
    height: u32,
}

/// A row of the non-reporting list.
#[derive(Serialize)]
pub struct MissingEntry {
    /// Roster id.
    pub unit_id: String,
    /// Name.
    pub unit_name: String,
    /// Level, in Chinese.
    pub level: String,
    /// Year.
    pub year: i32,
    /// Status, in Chinese.
    pub status: String,
    /// Unmatched files that may be its report ("name (path)").
    pub candidates: Vec<String>,
}

/// The figures the page opens with (each "—" where there is no roster to count against).
#[derive(Serialize, Default)]
pub struct KeyFigures {
    /// Roster units.
    pub units: String,
    /// Unit-years expected (units × expected years).
    pub expected: String,
    /// Unit-years with a readable report.
    pub reported: String,
    /// Of those, published on time (no Y002).
    pub on_time: String,
    /// Unit-years with no report at all.
    pub no_report: String,
    /// Unit-years with a missing.csv row of any status.
    pub missing: String,
    /// Reports with a finding of error severity.
    pub with_errors: usize,
}

/// A review letter as the page links it.
#[derive(Serialize)]
pub struct LetterEntry {
    /// Roster id ("" for a report that matched no unit).
    pub unit_id: String,
    /// Name.
    pub unit_name: String,
    /// Year ("" when unknown).
    pub year: String,
    /// Problems in it (findings and missing.csv rows).
    pub problems: usize,
    /// `letters/YEAR/STEM`, without extension.
    pub path: String,
}

/// Findings of one rule.
#[derive(Serialize)]
pub struct RuleCount {
    /// Rule id.
    pub rule: &'static str,
    /// What it means.
    pub title: &'static str,
    /// error / warning / info.
    pub severity: &'static str,
    /// How many.
    pub count: usize,
}

/// What the page says.
pub struct Page<'a> {
    /// Years, as "2021–2023".
    pub years: String,
    /// Input paths.
    pub inputs: Vec<String>,
    /// Files read.
    pub files: usize,
    /// The roster file, when there is one.
    pub roster: Option<String>,
    /// The charts.
    pub pack: &'a Pack,
    /// Each year's roll-up tables, as HTML.
    pub rollups: Vec<String>,
    /// The non-reporting list.
    pub missing: Vec<MissingEntry>,
    /// Findings by rule, in rule order.
    pub findings: Vec<RuleCount>,
    /// The review letters written.
    pub letters: Vec<LetterEntry>,
    /// The figures the page opens with.
    pub key: KeyFigures,
}

/// Rows a list on the page shows; the rest are one link away (missing.csv, letters/index.html),
/// so that the page stays a few hundred kilobytes for any number of reports.
pub const TOP: usize = 200;

fn top<T>(list: &[T]) -> &[T] {
    &list[..list.len().min(TOP)]
}

/// letters/index.html: every letter, for when the main page shows only the first [`TOP`].
pub fn letters_index_html(letters: &[LetterEntry]) -> String {
    use super::escape_html as escape;
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"{}\">\n<title>审核意见（共 {} 份）</title>\n<style>body {{ font-family: sans-serif; }} table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #999; padding: 2px 6px; }}</style>\n</head>\n<body>\n<h1>审核意见（共 {} 份）</h1>\n<p><a href=\"../index.html\">返回汇总页</a></p>\n<table>\n<tr><th>单位编号</th><th>单位名称</th><th>年度</th><th>问题数</th><th>审核意见</th></tr>\n",
        crate::model::OUTPUT_SIGN,
        letters.len(),
        letters.len()
    );
    for l in letters {
        let path = escape(l.path.strip_prefix("letters/").unwrap_or(&l.path));
        s.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"{path}.html\">网页</a> · <a href=\"{path}.docx\">Word</a></td></tr>\n",
            escape(&l.unit_id),
            escape(&l.unit_name),
            escape(&l.year),
            l.problems
        ));
    }
    s.push_str("</table>\n</body>\n</html>\n");
    s
}

/// The page's HTML.
pub fn index_html(page: &Page<'_>) -> Result<String, minijinja::Error> {
    let mut env = minijinja::Environment::new();
    env.add_template("index.html", TEMPLATE)?;
    // The latest year's ranking charts go near the top, the rest with the other charts.
    let latest = page
        .pack
        .charts
        .iter()
        .filter_map(|c| c.name.strip_prefix("ranking-")?.get(..4))
        .max()
        .map(|y| format!("ranking-{y}-"));
    let ranked = |c: &&Chart| latest.as_deref().is_some_and(|l| c.name.starts_with(l));
    fn entry(c: &Chart) -> ChartEntry<'_> {
        ChartEntry {
            name: &c.name,
            title: &c.title,
            width: c.size.0,
            height: c.size.1,
        }
    }
    let rankings: Vec<ChartEntry<'_>> = page.pack.charts.iter().filter(ranked).map(entry).collect();
    let charts: Vec<ChartEntry<'_>> = page
        .pack
        .charts
        .iter()
        .filter(|c| !ranked(c))
        .map(entry)
        .collect();
    let skipped: Vec<minijinja::Value> = page
        .pack
        .skipped
        .iter()
        .map(|s| minijinja::context! { title => s.title.clone(), reason => s.reason.clone() })
        .collect();
    let count = |sev: &str| {
        page.findings
            .iter()
            .filter(|f| f.severity == sev)
            .map(|f| f.count)
            .sum::<usize>()
    };
    let title = format!("{}年度政府信息公开工作年度报告 汇总与图表", page.years);
    env.get_template("index.html")?.render(minijinja::context! {
        title,
        years => page.years.clone(),
        inputs => minijinja::Value::from(minijinja::value::Serde(&page.inputs)),
        files => page.files,
        roster => page.roster.clone(),
        charts => minijinja::Value::from(minijinja::value::Serde(&charts)),
        rankings => minijinja::Value::from(minijinja::value::Serde(&rankings)),
        ranking_year => latest.as_deref().and_then(|l| l.get(8..12)).unwrap_or_default(),
        skipped,
        rollups => minijinja::Value::from(minijinja::value::Serde(&page.rollups)),
        missing => minijinja::Value::from(minijinja::value::Serde(top(&page.missing))),
        missing_total => page.missing.len(),
        findings => minijinja::Value::from(minijinja::value::Serde(&page.findings)),
        letters => minijinja::Value::from(minijinja::value::Serde(top(&page.letters))),
        letters_total => page.letters.len(),
        key => minijinja::Value::from(minijinja::value::Serde(&page.key)),
        errors => count("error"),
        warnings => count("warning"),
        infos => count("info"),
    })
}
