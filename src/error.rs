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
    /// An output could not be built (a frame or the workbook).
    #[error("cannot build {what}: {message}")]
    Build {
        /// Which output.
        what: &'static str,
        /// Why.
        message: String,
    },
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
            (Error::Build { what, message }, crate::model::Lang::Zh) => {
                format!("无法生成 {what}：{message}")
            }
            (Error::Build { what, message }, crate::model::Lang::En) => {
                format!("cannot build {what}: {message}")
            }
        }
    }
}
