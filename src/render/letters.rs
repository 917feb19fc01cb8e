//! Review letters (审核意见): one per unit and year with a problem, as a page that prints on A4
//! and as a Word file. Each problem says where, what was found and how to fix it; a unit that
//! did not report is told so and by when.
//!
//! The letters are made from plain [`Letter`]s (the pipeline gathers them from the batch), so
//! this module knows nothing of how reports were read.

use super::docx::{self, Block};
use super::escape_html as escape;
use crate::check::registry::rule_info;
use crate::model::{Date, Lang, Severity, OUTPUT_SIGN};
use std::fmt::Write as _;

/// Which unit-years get a letter (`--letters`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Which {
    /// None.
    None,
    /// Those with a finding or a missing.csv row (default).
    #[default]
    Problems,
    /// Every roster unit and expected year, and every report besides.
    All,
}

/// One letter: a unit and year, the files read, the problems.
#[derive(Clone, Debug, Default)]
pub struct Letter {
    /// Roster id; empty for a report that matched no roster unit.
    pub unit_id: String,
    /// The unit's name (the roster's, else the report's own).
    pub unit_name: String,
    /// The report year, when known.
    pub year: Option<i32>,
    /// The letter's file name without extension: the unit id, or a name of its own for a
    /// report that matched no unit.
    pub stem: String,
    /// The deadline for the year (31 January of the next; 31 March for a government).
    pub deadline: Option<Date>,
    /// The files read for this unit and year.
    pub files: Vec<File>,
    /// The problems, in the order found (grouped by severity when written).
    pub problems: Vec<Problem>,
    /// missing.csv statuses for this unit and year (`no_report`, `late`…).
    pub missing: Vec<&'static str>,
}

/// A file read for a letter.
#[derive(Clone, Debug, Default)]
pub struct File {
    /// Its path as given.
    pub path: String,
    /// Its publication date, when known.
    pub published: Option<Date>,
}

/// One problem: a finding of a file, or of the unit.
#[derive(Clone, Debug)]
pub struct Problem {
    /// Rule id.
    pub rule: &'static str,
    /// Severity.
    pub severity: Severity,
    /// The file it was found in ("" for the unit).
    pub file: String,
    /// Where: the cell by its printed labels, the section, or the line.
    pub place: String,
    /// What was found (the finding's message).
    pub message: String,
}

impl Letter {
    /// The letter's path in the output folder, without extension: `letters/YEAR/STEM`.
    pub fn rel_stem(&self) -> String {
        let year = self
            .year
            .map_or_else(|| "unknown".to_owned(), |y| y.to_string());
        format!("letters/{year}/{}", self.stem)
    }

    /// Whether there is anything to say.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty() || !self.missing.is_empty()
    }
}

/// The words of a letter in one language.
struct Words {
    lang: Lang,
}

impl Words {
    fn pick(&self, zh: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    fn title(&self, l: &Letter) -> String {
        let year = l.year.map(|y| y.to_string());
        match self.lang {
            Lang::Zh => format!(
                "关于{}{}政府信息公开工作年度报告的审核意见",
                l.unit_name,
                year.map_or_else(String::new, |y| format!("{y}年度"))
            ),
            Lang::En => format!(
                "Review of the {}information-disclosure annual report of {}",
                year.map_or_else(String::new, |y| format!("{y} ")),
                if l.unit_name.is_empty() {
                    "(unit not identified)"
                } else {
                    &l.unit_name
                }
            ),
        }
    }

    fn salutation(&self, l: &Letter) -> String {
        let name = if l.unit_name.is_empty() {
            self.pick("报送单位", "To the reporting unit")
        } else {
            &l.unit_name
        };
        match self.lang {
            Lang::Zh => format!("{name}："),
            Lang::En => format!("{name}:"),
        }
    }

    fn opening(&self, l: &Letter) -> String {
        let year = l.year.map_or_else(String::new, |y| y.to_string());
        match (self.lang, l.has_problems()) {
            (Lang::Zh, true) => format!("经审核，你单位{year}年度政府信息公开工作年度报告存在以下问题，请对照整改，并于收到本意见后5个工作日内将整改后的报告重新发布并报送。"),
            (Lang::Zh, false) => format!("经审核，你单位{year}年度政府信息公开工作年度报告未发现问题。"),
            (Lang::En, true) => format!("We reviewed your {year} annual report and found the problems below. Please correct them, and publish and send the corrected report within 5 working days of receiving this letter."),
            (Lang::En, false) => format!("We reviewed your {year} annual report and found no problem."),
        }
    }

    fn missing(&self, status: &str, l: &Letter) -> String {
        let year = l.year.map_or_else(String::new, |y| y.to_string());
        let deadline = l.deadline.map(|d| self.date(d)).unwrap_or_default();
        match (self.lang, status) {
            (Lang::Zh, "no_report") => format!("截至审核之日，未收到你单位{year}年度政府信息公开工作年度报告（应于{deadline}前发布）。请于收到本意见后5个工作日内在政府信息公开专栏发布并报送。"),
            (Lang::Zh, "unreadable") => "你单位报送的文件均无法读取或不是年度报告，视为未报送。请于收到本意见后5个工作日内重新报送可以打开的年度报告。".to_owned(),
            (Lang::Zh, "late") => format!("你单位年度报告发布时间晚于规定期限（{deadline}）。"),
            (Lang::Zh, "copied") => "你单位年度报告与上年报告或其他单位报告雷同。".to_owned(),
            (Lang::Zh, "empty") => "你单位年度报告各表数据均为0或空白，请核实。".to_owned(),
            (Lang::Zh, other) => format!("报送状态：{other}。"),
            (Lang::En, "no_report") => format!("By the date of this review we have not received your {year} annual report (due by {deadline}). Please publish it on your disclosure site and send it within 5 working days of receiving this letter."),
            (Lang::En, "unreadable") => "None of the files you sent could be read as an annual report, so the report counts as not sent. Please send one that opens within 5 working days of receiving this letter.".to_owned(),
            (Lang::En, "late") => format!("Your annual report was published after the deadline ({deadline})."),
            (Lang::En, "copied") => "Your annual report repeats last year's or another unit's.".to_owned(),
            (Lang::En, "empty") => "Every table of your annual report is zero or blank: please check.".to_owned(),
            (Lang::En, other) => format!("Reporting status: {other}."),
        }
    }

    fn date(&self, d: Date) -> String {
        match self.lang {
            Lang::Zh => format!("{}年{}月{}日", d.year, d.month, d.day),
            Lang::En => d.to_string(),
        }
    }

    fn severity(&self, s: Severity) -> &'static str {
        match s {
            Severity::Error => self.pick("须更正的错误", "Errors to correct"),
            Severity::Warning => self.pick("应核实的问题", "Problems to check"),
            Severity::Info => self.pick("提示", "Notes"),
        }
    }

    fn fix(&self, rule: &str) -> &'static str {
        rule_info(rule).map_or("", |r| self.pick(r.fix_zh, r.fix_en))
    }

    fn rule_name(&self, rule: &str) -> &'static str {
        rule_info(rule).map_or("", |r| self.pick(r.summary_zh, r.summary_en))
    }

    fn file_line(&self, f: &File, deadline: Option<Date>) -> String {
        let published = f.published.map(|d| self.date(d));
        let late = f.published.zip(deadline).is_some_and(|(p, d)| p > d);
        let deadline = deadline.map(|d| self.date(d));
        match (self.lang, published, deadline) {
            (Lang::Zh, Some(p), Some(d)) => format!(
                "{}（发布日期{p}，规定期限{d}，{}）",
                f.path,
                if late { "逾期" } else { "按时" }
            ),
            (Lang::Zh, Some(p), None) => format!("{}（发布日期{p}）", f.path),
            (Lang::Zh, None, _) => format!("{}（未读到发布日期）", f.path),
            (Lang::En, Some(p), Some(d)) => format!(
                "{} (published {p}, due {d}: {})",
                f.path,
                if late { "late" } else { "on time" }
            ),
            (Lang::En, Some(p), None) => format!("{} (published {p})", f.path),
            (Lang::En, None, _) => format!("{} (no publication date found)", f.path),
        }
    }
}

/// The problems grouped by severity, most serious first (each group in the order found).
fn by_severity(l: &Letter) -> Vec<(Severity, Vec<&Problem>)> {
    [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|s| (s, l.problems.iter().filter(|p| p.severity == s).collect()))
        .filter(|(_, ps): &(Severity, Vec<&Problem>)| !ps.is_empty())
        .collect()
}

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn heading(n: usize, text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}、{text}", NUMERALS.get(n).copied().unwrap_or("")),
        Lang::En => format!("{}. {text}", n + 1),
    }
}

/// One problem's lines: what, where, found, fix.
fn problem_lines(w: &Words, k: usize, p: &Problem, with_file: bool) -> [String; 2] {
    let head = match w.lang {
        Lang::Zh => format!("{}. {}（{}）", k + 1, w.rule_name(p.rule), p.rule),
        Lang::En => format!("{}. {} ({})", k + 1, w.rule_name(p.rule), p.rule),
    };
    let mut body = String::new();
    if with_file && !p.file.is_empty() {
        let _ = write!(body, "{}{}", w.pick("文件：", "File: "), p.file);
        body.push_str(w.pick("；", "; "));
    }
    if !p.place.is_empty() {
        let _ = write!(body, "{}{}", w.pick("位置：", "Where: "), p.place);
        body.push_str(w.pick("；", "; "));
    }
    let _ = write!(body, "{}{}", w.pick("情况：", "Found: "), p.message);
    body.push_str(w.pick("；", "; "));
    let _ = write!(
        body,
        "{}{}",
        w.pick("整改要求：", "To fix: "),
        w.fix(p.rule)
    );
    [head, body]
}

/// The letter's paragraphs, in order (shared by the page and the Word file).
fn paragraphs(l: &Letter, lang: Lang) -> (String, Vec<Para>) {
    let w = Words { lang };
    let mut out = vec![Para::Text(w.salutation(l)), Para::Text(w.opening(l))];
    let mut n = 0;
    if !l.files.is_empty() {
        out.push(Para::Heading(heading(
            n,
            w.pick("报送文件", "Files received"),
            lang,
        )));
        n += 1;
        for f in &l.files {
            out.push(Para::Text(w.file_line(f, l.deadline)));
        }
    }
    if !l.missing.is_empty() {
        out.push(Para::Heading(heading(
            n,
            w.pick("报送情况", "Reporting"),
            lang,
        )));
        n += 1;
        for s in &l.missing {
            out.push(Para::Status(w.missing(s, l)));
        }
    }
    let several_files = l.files.len() > 1;
    for (severity, problems) in by_severity(l) {
        out.push(Para::Heading(heading(n, w.severity(severity), lang)));
        n += 1;
        for (k, p) in problems.into_iter().enumerate() {
            let [head, body] = problem_lines(&w, k, p, several_files);
            out.push(Para::Item(head, body));
        }
    }
    out.push(Para::Sign(
        w.pick(
            "政务公开工作机构",
            "Government information disclosure office",
        )
        .to_owned(),
    ));
    (w.title(l), out)
}

/// A paragraph of a letter.
enum Para {
    Heading(String),
    Text(String),
    /// What missing.csv says of the unit and year.
    Status(String),
    /// A problem: its heading line and its details.
    Item(String, String),
    /// The signature, right-aligned.
    Sign(String),
}

/// The letter as a page that prints on A4.
pub fn html(l: &Letter, lang: Lang) -> String {
    let (title, paras) = paragraphs(l, lang);
    let mut body = format!("<h1>{}</h1>\n", escape(&title));
    for p in &paras {
        match p {
            Para::Heading(t) => {
                let _ = writeln!(body, "<h2>{}</h2>", escape(t));
            }
            Para::Text(t) => {
                let _ = writeln!(body, "<p>{}</p>", escape(t));
            }
            Para::Status(t) => {
                let _ = writeln!(body, "<p class=\"status\">{}</p>", escape(t));
            }
            Para::Item(head, detail) => {
                let _ = writeln!(
                    body,
                    "<div class=\"item\"><p class=\"head\">{}</p><p>{}</p></div>",
                    escape(head),
                    escape(detail)
                );
            }
            Para::Sign(t) => {
                let _ = writeln!(body, "<p class=\"sign\">{}</p>", escape(t));
            }
        }
    }
    let html_lang = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"{OUTPUT_SIGN}\">\n<title>{}</title>\n<style>\n@font-face {{ font-family: \"Noto Sans SC\"; src: url(\"{LETTER_FONT}\") format(\"opentype\"); }}\n@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}\nbody {{ font-family: \"FangSong\", \"仿宋_GB2312\", \"仿宋\", \"Noto Serif CJK SC\", \"Noto Sans CJK SC\", \"Noto Sans SC\", serif; font-size: 16pt; line-height: 1.6; max-width: 156mm; margin: auto; }}\nh1 {{ font-family: \"方正小标宋简体\", \"SimSun\", \"Noto Serif CJK SC\", \"Noto Sans SC\", serif; font-size: 22pt; text-align: center; font-weight: normal; }}\nh2 {{ font-family: \"SimHei\", \"黑体\", \"Noto Sans CJK SC\", \"Noto Sans SC\", sans-serif; font-size: 16pt; font-weight: normal; margin: 0.6em 0 0.2em; }}\np {{ margin: 0.2em 0; text-indent: 2em; }}\n.item {{ page-break-inside: avoid; }}\n.item .head {{ font-weight: bold; }}\n.sign {{ text-align: right; margin-top: 2em; }}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(&title)
    )
}

/// The font the chart pack ships (assets/), from letters/YEAR/: the last in each font list,
/// so that a machine without Chinese fonts shows every character.
pub const LETTER_FONT: &str = "../../assets/NotoSansSC-Regular.subset.otf";

/// The letter as a Word file, A4 with GB/T 9704 margins and the official fonts.
pub fn docx(l: &Letter, lang: Lang) -> std::io::Result<Vec<u8>> {
    let (title, paras) = paragraphs(l, lang);
    let mut blocks = vec![Block::Title(title.clone())];
    for p in paras {
        match p {
            Para::Heading(t) => blocks.push(Block::Heading(t)),
            Para::Sign(t) => blocks.push(Block::Right(t)),
            Para::Text(t) | Para::Status(t) => blocks.push(Block::Para(t)),
            Para::Item(head, detail) => {
                blocks.push(Block::Para(head));
                blocks.push(Block::Para(detail));
            }
        }
    }
    // Laid out as its page is: a government letter after GB/T 9704.
    docx::write_page(
        &blocks,
        &docx::Properties {
            title,
            creator: OUTPUT_SIGN.to_owned(),
            date: String::new(),
        },
        &docx::Page::official(),
    )
}

#[cfg(test)]
mod tests;
