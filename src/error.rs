//! Errors that stop the run itself (exit code 2). A bad input file is not one of them: it
//! becomes a finding (P001) and the batch goes on.

use std::path::PathBuf;

/// What can stop a run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input given on the command line cannot be read or walked.
    #[error("cannot read input {}", path.display())]
    Input {
        /// The path.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The roster cannot be used.
    #[error("cannot use the roster {}", path.display())]
    Roster {
        /// The roster file.
        path: PathBuf,
        /// Why.
        #[source]
        source: crate::roster::RosterError,
    },
    /// An output file cannot be written.
    #[error("cannot write {}", path.display())]
    Output {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The output folder is an input folder or holds one: the outputs would be read as
    /// reports, and the reports' folder marked as output.
    #[error("the output folder {} is an input folder or holds one", path.display())]
    OutputHoldsInput {
        /// The output folder.
        path: PathBuf,
    },
    /// The rubric given with `--rubric` cannot be read or is not valid.
    #[error("cannot use the rubric {}: {source}", path.display())]
    Rubric {
        /// The rubric file.
        path: PathBuf,
        /// Why.
        #[source]
        source: crate::score::RubricError,
    },
    /// `nianbao draft` has nothing to draft from.
    #[error("cannot draft: {0:?}")]
    Draft(DraftProblem),
    /// A part given to `merge` cannot be used.
    #[error("cannot merge {}: {problem:?}", path.display())]
    Part {
        /// The part folder.
        path: PathBuf,
        /// Why.
        problem: PartProblem,
    },
    /// An output could not be built (a frame or the workbook).
    #[error("cannot build {what}: {message}")]
    Build {
        /// Which output.
        what: &'static str,
        /// Why.
        message: String,
    },
}

/// Why `nianbao draft` cannot write a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DraftProblem {
    /// The year has no national table layout (before 2019).
    NoTemplate {
        /// The year asked for.
        year: i32,
    },
    /// `--unit` names no roster unit (or, without a roster, no report's unit).
    UnknownUnit {
        /// What was given.
        unit: String,
    },
    /// No unit to draft for: no roster with a government and no `--unit`.
    NoUnit,
    /// The unit has no counted report of its own for the year (`--scope self`).
    NoOwnReport {
        /// The unit's name.
        unit: String,
        /// The year.
        year: i32,
    },
    /// No counted report of the year to sum (`--scope region`).
    NoReports {
        /// The year.
        year: i32,
    },
}

impl DraftProblem {
    fn message(&self, lang: crate::model::Lang) -> String {
        use crate::model::Lang::{En, Zh};
        match (self, lang) {
            (DraftProblem::NoTemplate { year }, Zh) => {
                format!("{year}年没有全国统一的年报表格格式（2019年起才有），无法起草")
            }
            (DraftProblem::NoTemplate { year }, En) => format!(
                "{year} has no national table layout (there is one from 2019 on): nothing to draft"
            ),
            (DraftProblem::UnknownUnit { unit }, Zh) => {
                format!("--unit {unit}：名单中没有这个单位（可用单位编号或全称）")
            }
            (DraftProblem::UnknownUnit { unit }, En) => format!(
                "--unit {unit}: no such unit in the roster (give its id or full name)"
            ),
            (DraftProblem::NoUnit, Zh) => {
                "不知道为哪个单位起草：名单中没有政府（级别为 district、county 或“政府”），请用 --unit 指定".to_string()
            }
            (DraftProblem::NoUnit, En) => {
                "no unit to draft for: the roster names no government (level district, county or 政府); give one with --unit".to_string()
            }
            (DraftProblem::NoOwnReport { unit, year }, Zh) => format!(
                "{unit}没有可用的{year}年本级年报（--scope self 需要它）；可改用 --scope region 按各单位汇总"
            ),
            (DraftProblem::NoOwnReport { unit, year }, En) => format!(
                "{unit} has no report of its own for {year} to draft from (--scope self); --scope region sums the units instead"
            ),
            (DraftProblem::NoReports { year }, Zh) => {
                format!("没有可汇总的{year}年年报（输入中没有该年份计入汇总的报告）")
            }
            (DraftProblem::NoReports { year }, En) => {
                format!("no report of {year} to sum (none of the inputs counts in the roll-up for that year)")
            }
        }
    }
}

/// Why `nianbao merge` cannot use its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PartProblem {
    /// No part was given.
    NoParts,
    /// The part's files cannot be read or parsed.
    Unreadable {
        /// What went wrong.
        detail: String,
    },
    /// Written in another part layout (another nianbao version).
    Format {
        /// Its layout version.
        found: u32,
    },
    /// Parts of runs split differently (`--shard K/N` with another N).
    ShardCount {
        /// The first part's N.
        expected: u32,
        /// This part's.
        found: u32,
    },
    /// The same shard given twice.
    ShardTwice {
        /// K.
        shard: u32,
    },
    /// Shards of the run not given.
    ShardsMissing {
        /// Their K.
        shards: Vec<u32>,
        /// N.
        of: u32,
    },
    /// The parts were matched against different rosters.
    RosterDiffers,
    /// The shards were given different inputs.
    InputsDiffer,
    /// A file is in two parts.
    FileTwice {
        /// The file.
        file: String,
    },
}

impl PartProblem {
    fn message(&self, lang: crate::model::Lang) -> String {
        use crate::model::Lang::{En, Zh};
        let list = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
        match (self, lang) {
            (PartProblem::NoParts, Zh) => "没有给出分片结果目录".into(),
            (PartProblem::NoParts, En) => "no part given".into(),
            (PartProblem::Unreadable { detail }, Zh) => {
                format!("不是可读的分片结果（run --shard 的输出目录）：{detail}")
            }
            (PartProblem::Unreadable { detail }, En) => {
                format!("not a readable part (the output of run --shard): {detail}")
            }
            (PartProblem::Format { found }, Zh) => format!(
                "分片结果格式 {found} 与本程序不符：请用同一版本的 nianbao 重新运行 run --shard"
            ),
            (PartProblem::Format { found }, En) => format!(
                "part layout {found} is not this nianbao's: run the shards again with the same version"
            ),
            (PartProblem::ShardCount { expected, found }, Zh) => format!(
                "分片总数不一致：其他分片为 {expected} 片，此分片为 {found} 片"
            ),
            (PartProblem::ShardCount { expected, found }, En) => format!(
                "parts of different splits: {expected} shards elsewhere, {found} here"
            ),
            (PartProblem::ShardTwice { shard }, Zh) => format!("第 {shard} 片给出了两次"),
            (PartProblem::ShardTwice { shard }, En) => format!("shard {shard} given twice"),
            (PartProblem::ShardsMissing { shards, of }, Zh) => {
                format!("缺少分片 {}（共 {of} 片）：合并须包括全部分片", list(shards))
            }
            (PartProblem::ShardsMissing { shards, of }, En) => format!(
                "shard(s) {} of {of} missing: a merge needs every shard",
                list(shards)
            ),
            (PartProblem::RosterDiffers, Zh) => {
                "各分片使用的名单不同：请用同一份名单重新运行各分片".into()
            }
            (PartProblem::RosterDiffers, En) => {
                "the parts were matched against different rosters: run every shard with the same one".into()
            }
            (PartProblem::InputsDiffer, Zh) => {
                "各分片的输入不同：各分片须用同样的输入运行（只有 --shard K/N 的 K 不同）".into()
            }
            (PartProblem::InputsDiffer, En) => {
                "the shards were given different inputs: run each with the same ones (only K of --shard K/N differs)".into()
            }
            (PartProblem::FileTwice { file }, Zh) => {
                format!("文件 {file} 出现在两个分片中：各分片须来自同一次拆分")
            }
            (PartProblem::FileTwice { file }, En) => {
                format!("{file} is in two parts: the parts must come from one split")
            }
        }
    }
}

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// The message in `lang`, with its cause.
    pub fn message(&self, lang: crate::model::Lang) -> String {
        match (self, lang) {
            (Error::Input { path, source }, crate::model::Lang::Zh) => {
                format!("无法读取输入 {}：{source}", path.display())
            }
            (Error::Input { path, source }, crate::model::Lang::En) => {
                format!("cannot read input {}: {source}", path.display())
            }
            (Error::Roster { path, source }, crate::model::Lang::Zh) => {
                format!("无法使用名单 {}：{source}", path.display())
            }
            (Error::Roster { path, source }, crate::model::Lang::En) => {
                format!("cannot use the roster {}: {source}", path.display())
            }
            (Error::Output { path, source }, crate::model::Lang::Zh) => {
                format!("无法写入 {}：{source}", path.display())
            }
            (Error::Output { path, source }, crate::model::Lang::En) => {
                format!("cannot write {}: {source}", path.display())
            }
            (Error::OutputHoldsInput { path }, crate::model::Lang::Zh) => format!(
                "输出目录 {} 是输入目录或包含输入目录：请用 --out 指定另一个目录",
                path.display()
            ),
            (Error::OutputHoldsInput { path }, crate::model::Lang::En) => format!(
                "the output folder {} is an input folder or holds one: give another with --out",
                path.display()
            ),
            (Error::Rubric { path, source }, lang) => match lang {
                crate::model::Lang::Zh => {
                    format!(
                        "无法使用评分细则 {}：{}",
                        path.display(),
                        source.message(lang)
                    )
                }
                crate::model::Lang::En => {
                    format!("cannot use the rubric {}: {source}", path.display())
                }
            },
            (Error::Draft(problem), lang) => problem.message(lang),
            (Error::Part { path, problem }, crate::model::Lang::Zh) => {
                format!("无法合并 {}：{}", path.display(), problem.message(lang))
            }
            (Error::Part { path, problem }, crate::model::Lang::En) => {
                format!("cannot merge {}: {}", path.display(), problem.message(lang))
            }
            (Error::Build { what, message }, crate::model::Lang::Zh) => {
                format!("无法生成 {what}：{message}")
            }
            (Error::Build { what, message }, crate::model::Lang::En) => {
                format!("cannot build {what}: {message}")
            }
        }
    }
}
