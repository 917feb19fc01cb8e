//! The variety of real reports around their tables, drawn per report: the title's order,
//! how the unit is named, the intro and the signature, the headings' wording and numbering
//! punctuation, stray years, narratives quoting table rows, one-line texts and file names.
//!
//! Only the text around the tables varies: the tables are the report's, rendered by
//! [`super::forms`]. Every choice is recorded in files.csv under the names of [`Variety`].

use super::district::DistrictUnit;
use super::forms::{Dress, TextForm};
use super::names::{self, NameVariant};
use super::random::Rng;
use crate::model::{Num, Report, TableId, YearSource};

/// An enum of choices with their files.csv names and a list of them all.
macro_rules! choices {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident => $s:literal,)+ }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vm])* $v,)+ }
        impl $name {
            /// Every choice.
            pub const ALL: &'static [$name] = &[$($name::$v,)+];
            /// The name written in files.csv.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s,)+ }
            }
        }
    };
}
pub(crate) use choices;

choices! {
    /// The title's order (files.csv `title_variant`).
    TitleOrder {
        /// 示例区财政局2023年政府信息公开工作年度报告
        NameYear => "name_year",
        /// 2023年示例区财政局政府信息公开工作年度报告
        YearName => "year_name",
        /// 示例区财政局关于2023年度政府信息公开工作的报告
        About => "about",
        /// 示例区财政局2023年度政府信息公开工作年度报告
        NameYearDu => "name_year_du",
        /// 区财政局2023年政府信息公开年报
        Nianbao => "nianbao",
        /// 示例区财政局政府信息公开工作年度报告: no year.
        NoYear => "no_year",
        /// 2023年政府信息公开工作年度报告: no unit (it is named in the body only).
        NoUnit => "no_unit",
        /// The title runs into the intro on one line.
        RunIn => "run_in",
    }
}

choices! {
    /// How the text is laid out (files.csv `layout`).
    Layout {
        /// Line breaks as the form writes them.
        Lines => "lines",
        /// Every line break stripped, as a web page's text.
        OneLine => "one_line",
        /// The ` |`-terminated one-cell-per-line form where an empty cell is a line holding
        /// only `|` (table 三's header keeps its empty corner cells).
        BareBar => "bare_bar",
    }
}

choices! {
    /// How the file is named (files.csv `file_name`).
    FileName {
        /// `2023/B009_2023_tika.txt`, as earlier versions named every file.
        Id => "id",
        /// `2023年示例区财政局年报.txt`
        YearName => "year_name",
        /// `示例区财政局/2023.txt`
        UnitFolder => "unit_folder",
        /// `P020240119573215823456.txt`: a CMS download that carries nothing.
        Cms => "cms",
        /// `2023/【示例区财政局】2023年政府信息公开年报（定稿）.txt` and other names with
        /// spaces or brackets.
        Spaced => "spaced",
    }
}

choices! {
    /// The paragraph after the title (files.csv `intro`).
    Intro {
        /// 现公布示例区财政局2023年度政府信息公开工作年度报告
        Publish => "publish",
        /// 现将示例区财政局2023年度政府信息公开工作情况报告如下
        Present => "present",
        /// 本报告由示例区财政局…编制
        CompiledBy => "compiled_by",
        /// 示例区财政局（以下简称“区财政局”）…: the short name from then on.
        Abbreviated => "abbreviated",
    }
}

choices! {
    /// What stands above the date at the end (files.csv `signature`).
    Signature {
        /// The unit's name, then the date.
        Name => "name",
        /// The date alone.
        DateOnly => "date_only",
        /// The unit's name and 办公室, then the date.
        Office => "office",
    }
}

choices! {
    /// The wording of the section headings (files.csv `headings`).
    Headings {
        /// The 2021 template's: 四、政府信息公开行政复议、行政诉讼情况.
        National => "national",
        /// 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况;
        /// 五、政府信息公开工作存在的主要问题及改进情况.
        Long => "long",
        /// 四、因政府信息公开申请行政复议、提起行政诉讼的情况; 五、存在问题及改进情况.
        Short => "short",
    }
}

choices! {
    /// What follows a heading's numeral (files.csv `numbering`): the numbers stay right.
    Numbering {
        /// 一、
        Dun => "dun",
        /// 一．
        FullStop => "full_stop",
        /// 一.
        Dot => "dot",
        /// 一，
        Comma => "comma",
        /// 一 (a space)
        Space => "space",
    }
}

choices! {
    /// Where the text quotes table 三's rows with their true figures (files.csv `narrative`).
    Narrative {
        /// Nowhere.
        None => "none",
        /// In section 一.
        Overview => "overview",
        /// Between heading 三 and its table.
        BeforeTable => "before_table",
    }
}

choices! {
    /// Years in the text that are not the report's (files.csv `stray_years`, `+`-joined).
    StrayYear {
        /// 2020年以来
        Since => "since",
        /// 自2024年1月1日起施行
        Effective => "effective",
        /// 2024年将…
        Plan => "plan",
        /// A policy of 2019 cited.
        Policy2019 => "policy_2019",
        /// 在2022年度政务公开工作考核中…: last year's rating.
        PriorRating => "prior_rating",
        /// 国办公开办函〔2021〕30号: the template cited.
        TemplateCite => "template_cite",
    }
}

choices! {
    /// A dimension of the variety: a column of files.csv.
    Dimension {
        /// [`TitleOrder`].
        Title => "title_variant",
        /// [`NameVariant`].
        Name => "name_variant",
        /// [`Layout`].
        Layout => "layout",
        /// [`FileName`].
        FileName => "file_name",
        /// [`Intro`].
        Intro => "intro",
        /// [`Signature`].
        Signature => "signature",
        /// [`Headings`].
        Headings => "headings",
        /// [`Numbering`].
        Numbering => "numbering",
        /// [`Narrative`].
        Narrative => "narrative",
        /// [`StrayYear`].
        StrayYears => "stray_years",
    }
}

/// How one report is dressed: every choice, as files.csv records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variety {
    /// The title's order.
    pub title: TitleOrder,
    /// How the unit is named.
    pub name: NameVariant,
    /// One line, or lines.
    pub layout: Layout,
    /// How the file is named.
    pub file_name: FileName,
    /// The paragraph after the title.
    pub intro: Intro,
    /// Above the date at the end.
    pub signature: Signature,
    /// The headings' wording.
    pub headings: Headings,
    /// The headings' numbering punctuation.
    pub numbering: Numbering,
    /// Where table 三's rows are quoted.
    pub narrative: Narrative,
    /// Years that are not the report's.
    pub stray_years: Vec<StrayYear>,
    /// Random bits for what has no column: a CMS number, a spaced file name's wording.
    pub salt: u64,
}

/// One of the items, each as likely as its weight.
fn weighted<T: Copy>(rng: &mut Rng, items: &[(T, u64)]) -> T {
    let total = items.iter().map(|(_, w)| w).sum();
    let mut k = rng.below(total);
    for &(item, w) in items {
        if k < w {
            return item;
        }
        k -= w;
    }
    items[0].0
}

impl Variety {
    /// The one house style of earlier versions: every report alike.
    pub fn house() -> Variety {
        Variety {
            title: TitleOrder::NameYear,
            name: NameVariant::Full,
            layout: Layout::Lines,
            file_name: FileName::Id,
            intro: Intro::Publish,
            signature: Signature::Name,
            headings: Headings::National,
            numbering: Numbering::Dun,
            narrative: Narrative::None,
            stray_years: Vec::new(),
            salt: 0,
        }
    }

    /// Draws a report's dress; `region` for the government's region-wide report. Every
    /// choice is reachable in a district of 50 units over 3 years.
    pub fn draw(rng: &mut Rng, unit: &DistrictUnit, region: bool, form: TextForm) -> Variety {
        use TitleOrder as T;
        let title = weighted(
            rng,
            &[
                (T::NameYear, 3),
                (T::YearName, 2),
                (T::About, 2),
                (T::NameYearDu, 2),
                (T::Nianbao, 1),
                (T::NoYear, 1),
                (T::NoUnit, 1),
                (T::RunIn, 1),
            ],
        );
        let name = weighted(rng, &names::weights(unit, region));
        let layout = if rng.chance(12) {
            Layout::OneLine
        } else if form == TextForm::LinesPipeAfter && rng.chance(60) {
            Layout::BareBar
        } else {
            Layout::Lines
        };
        use FileName as F;
        let file_name = weighted(
            rng,
            &[
                (F::Id, 3),
                (F::YearName, 2),
                (F::UnitFolder, 2),
                (F::Cms, 2),
                (F::Spaced, 2),
            ],
        );
        let intro = *rng.pick(Intro::ALL);
        use Signature as S;
        let signature = weighted(rng, &[(S::Name, 3), (S::DateOnly, 2), (S::Office, 1)]);
        let headings = *rng.pick(Headings::ALL);
        use Numbering as N;
        let numbering = weighted(
            rng,
            &[
                (N::Dun, 4),
                (N::FullStop, 1),
                (N::Dot, 1),
                (N::Comma, 1),
                (N::Space, 1),
            ],
        );
        use Narrative as R;
        let narrative = weighted(rng, &[(R::None, 2), (R::Overview, 1), (R::BeforeTable, 1)]);
        let stray_years = StrayYear::ALL
            .iter()
            .copied()
            .filter(|_| rng.chance(25))
            .collect();
        Variety {
            title,
            name,
            layout,
            file_name,
            intro,
            signature,
            headings,
            numbering,
            narrative,
            stray_years,
            salt: rng.next_u64(),
        }
    }

    /// The house style but for these dimensions, which keep this draw's choices.
    pub fn only(&self, dims: &[Dimension]) -> Variety {
        let mut v = Variety::house();
        v.salt = self.salt;
        for &dim in dims {
            self.copy_to(&mut v, dim);
        }
        v
    }

    fn copy_to(&self, v: &mut Variety, dim: Dimension) {
        match dim {
            Dimension::Title => v.title = self.title,
            Dimension::Name => v.name = self.name,
            Dimension::Layout => v.layout = self.layout,
            Dimension::FileName => v.file_name = self.file_name,
            Dimension::Intro => v.intro = self.intro,
            Dimension::Signature => v.signature = self.signature,
            Dimension::Headings => v.headings = self.headings,
            Dimension::Numbering => v.numbering = self.numbering,
            Dimension::Narrative => v.narrative = self.narrative,
            Dimension::StrayYears => v.stray_years = self.stray_years.clone(),
        }
    }

    /// The `stray_years` column: the kinds `+`-joined, or `none`.
    pub fn stray_years_str(&self) -> String {
        if self.stray_years.is_empty() {
            return "none".into();
        }
        let kinds: Vec<&str> = self.stray_years.iter().map(|s| s.as_str()).collect();
        kinds.join("+")
    }

    fn has(&self, s: StrayYear) -> bool {
        self.stray_years.contains(&s)
    }

    /// The text around the report's tables. `shown` is the unit's name as this report
    /// writes it, `short` its short name (以下简称), `full` its name in `prose`.
    pub fn dress(&self, report: &Report, who: &Who<'_>, prose: &[String]) -> Dress {
        let year = report.meta.year.unwrap_or(2023);
        let body_year = report
            .meta
            .years
            .iter()
            .find(|y| y.source == YearSource::Body)
            .map_or(year, |y| y.year);
        // After 以下简称, the short name.
        let later = if self.intro == Intro::Abbreviated {
            who.short
        } else {
            who.shown
        };
        let mut overview = format!("{year}年，{later}认真贯彻落实政务公开工作部署。");
        if self.has(StrayYear::Since) {
            let since = (year - 1).min(2020);
            overview.push_str(&format!(
                "{since}年以来，{later}持续推进政务公开标准化规范化建设。"
            ));
        }
        for p in prose {
            overview.push_str(&p.replace(who.full, later));
        }
        overview.push_str(&self.stray_sentences(year, later));
        let quoted = narrative(report, self.salt);
        if self.narrative == Narrative::Overview {
            overview.push_str(&quoted);
        }
        let mut problems =
            "一是公开内容有待丰富，二是解读形式较为单一。下一步将持续改进。".to_string();
        if self.has(StrayYear::Plan) {
            problems.push_str(&format!(
                "{}年将进一步加强政策解读，提升政务公开质量。",
                year + 1
            ));
        }
        Dress {
            title: self.title_text(year, who.shown),
            title_run_in: self.title == TitleOrder::RunIn,
            intro: self.intro_text(year, body_year, who),
            overview,
            before_table3: (self.narrative == Narrative::BeforeTable).then_some(quoted),
            headings: headings(self.headings),
            numbering: match self.numbering {
                Numbering::Dun => "、",
                Numbering::FullStop => "．",
                Numbering::Dot => ".",
                Numbering::Comma => "，",
                Numbering::Space => " ",
            },
            problems,
            other: "本年度未收取信息处理费。".into(),
            signature: match self.signature {
                Signature::Name => vec![who.shown.to_string()],
                Signature::DateOnly => Vec::new(),
                Signature::Office => vec![format!("{}办公室", who.shown)],
            },
            one_line: self.layout == Layout::OneLine,
            bare_bar: self.layout == Layout::BareBar,
        }
    }

    fn title_text(&self, year: i32, n: &str) -> String {
        match self.title {
            TitleOrder::NameYear | TitleOrder::RunIn => {
                format!("{n}{year}年政府信息公开工作年度报告")
            }
            TitleOrder::YearName => format!("{year}年{n}政府信息公开工作年度报告"),
            TitleOrder::About => format!("{n}关于{year}年度政府信息公开工作的报告"),
            TitleOrder::NameYearDu => format!("{n}{year}年度政府信息公开工作年度报告"),
            TitleOrder::Nianbao => format!("{n}{year}年政府信息公开年报"),
            TitleOrder::NoYear => format!("{n}政府信息公开工作年度报告"),
            TitleOrder::NoUnit => format!("{year}年政府信息公开工作年度报告"),
        }
    }

    fn intro_text(&self, year: i32, body_year: i32, who: &Who<'_>) -> String {
        let n = who.shown;
        let law = if self.has(StrayYear::TemplateCite) {
            let cite = if year >= 2021 {
                "国办公开办函〔2021〕30号"
            } else {
                "国办公开办函〔2019〕60号"
            };
            format!("《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（{cite}）")
        } else {
            "《中华人民共和国政府信息公开条例》".to_string()
        };
        let first = match self.intro {
            Intro::Publish => {
                format!("根据{law}规定，现公布{n}{body_year}年度政府信息公开工作年度报告。")
            }
            Intro::Present => {
                format!("根据{law}要求，现将{n}{body_year}年度政府信息公开工作情况报告如下。")
            }
            Intro::CompiledBy => {
                format!("本报告由{n}根据{law}编制，报告{body_year}年度政府信息公开工作情况。")
            }
            Intro::Abbreviated => format!(
                "{n}（以下简称“{}”）根据{law}要求，编制{body_year}年度政府信息公开工作年度报告。",
                who.short
            ),
        };
        let period = if self.salt.is_multiple_of(2) {
            format!("本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
        } else {
            format!("本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。")
        };
        first + &period
    }

    fn stray_sentences(&self, year: i32, n: &str) -> String {
        let mut s = String::new();
        if self.has(StrayYear::Policy2019) {
            s.push_str(&format!(
                "{n}继续执行2019年印发的《示例区政府信息公开申请办理工作规范》，依法依规答复申请。"
            ));
        }
        if self.has(StrayYear::Effective) {
            s.push_str(&format!(
                "修订后的《示例区政务公开工作实施细则》自{}年1月1日起施行，解读材料同步发布。",
                year + 1
            ));
        }
        if self.has(StrayYear::PriorRating) {
            s.push_str(&format!(
                "在{}年度政务公开工作考核中，{n}获评优秀等次。",
                year - 1
            ));
        }
        s
    }
}

/// The unit as a report names it.
#[derive(Clone, Copy, Debug)]
pub struct Who<'a> {
    /// Its name as this report writes it (title, intro, signature).
    pub shown: &'a str,
    /// Its short name, after 以下简称.
    pub short: &'a str,
    /// Its name as the prose sentences were written with.
    pub full: &'a str,
}

/// Section headings' wording after the numbering, 一 to 六.
fn headings(h: Headings) -> [&'static str; 6] {
    let [s1, s2, s3] = [
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
    ];
    match h {
        Headings::National => [
            s1,
            s2,
            s3,
            "政府信息公开行政复议、行政诉讼情况",
            "存在的主要问题及改进情况",
            "其他需要报告的事项",
        ],
        Headings::Long => [
            s1,
            s2,
            s3,
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "政府信息公开工作存在的主要问题及改进情况",
            "其他需要报告的事项",
        ],
        Headings::Short => [
            s1,
            s2,
            s3,
            "因政府信息公开申请行政复议、提起行政诉讼的情况",
            "存在问题及改进情况",
            "其他需要报告事项",
        ],
    }
}

/// Table 三's rows in words, with the figures of the table as written (so a parser that
/// takes them for table rows reads no other figure, only in the wrong place).
fn narrative(report: &Report, salt: u64) -> String {
    let v = |t: TableId, row: &str| {
        report
            .table(t)
            .and_then(|t| t.get(row, "total"))
            .and_then(|c| c.as_operand())
            .unwrap_or(Num::ZERO)
    };
    let new = v(TableId::T3, "new_received");
    let over = v(TableId::T3, "carried_over");
    let done = v(TableId::T3, "total_processed");
    let forward = v(TableId::T3, "carried_forward");
    let review = v(TableId::T4, "review");
    if (salt >> 8).is_multiple_of(2) {
        format!(
            "本年新收政府信息公开申请{new}件，上年结转政府信息公开申请{over}件，办结{done}件，结转下年度{forward}件。"
        )
    } else {
        format!(
            "全年共办理政府信息公开申请{}件，其中本年新收政府信息公开申请{new}件、上年结转政府信息公开申请{over}件；结转下年度继续办理{forward}件。因政府信息公开被申请行政复议{review}件。",
            new + over
        )
    }
}
