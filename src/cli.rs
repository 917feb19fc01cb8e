//! Command-line flags (clap derive). Flags only: validation and work happen elsewhere.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// nianbao (年报): check and summarise government information-disclosure annual reports.
#[derive(Debug, Parser)]
#[command(name = "nianbao", version, about)]
pub(crate) struct Cli {
    /// Language of messages: zh (default) or en.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Zh)]
    pub(crate) lang: LangArg,
    /// Seconds one file may take to decode (a PDF that loops, a huge workbook); a file over
    /// the budget is a finding (P001) and the batch goes on.
    #[arg(long, global = true, default_value_t = 5.0, value_parser = parse_seconds)]
    pub(crate) file_timeout: f64,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// What a run writes, shared by `run` and `merge`.
#[derive(Debug, clap::Args)]
pub(crate) struct OutputArgs {
    /// The years expected: 2023, 2021-2023 or 2021,2023 (default: the years a real
    /// share of the units reported; a report of another year is a finding).
    #[arg(long, alias = "years")]
    pub(crate) year: Option<String>,
    /// A font for the charts' labels (OpenType/TrueType) instead of the embedded Noto
    /// Sans SC subset, e.g. when a unit's name uses a character it lacks.
    #[arg(long)]
    pub(crate) font: Option<PathBuf>,
    /// Review letters (letters/YEAR/UNIT_ID.html and .docx): for the unit-years with a
    /// problem, for every unit-year, or none.
    #[arg(long, value_enum, default_value_t = LettersArg::Problems)]
    pub(crate) letters: LettersArg,
    /// The scoring rubric (TOML) for scores.csv and deductions.csv instead of the default
    /// one (`nianbao rubric` prints it).
    #[arg(long)]
    pub(crate) rubric: Option<PathBuf>,
    /// Write facts.csv even past a spreadsheet's 1,048,576 rows (by default it is left out
    /// then; facts.parquet always holds every cell).
    #[arg(long)]
    pub(crate) facts_csv: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// The district's job: check every report, match it to the roster, list who did not
    /// report, and write the outputs (reports, facts, findings, missing).
    Run {
        /// Files or folders (default: the bundled sample district).
        #[arg(default_value = "data/sample")]
        inputs: Vec<PathBuf>,
        /// The roster (default: roster.csv in an input folder).
        #[arg(long)]
        roster: Option<PathBuf>,
        /// Output folder.
        #[arg(long, default_value = "output")]
        out: PathBuf,
        /// Read only share K of N of the files (split by unit) and write a part for
        /// `nianbao merge` instead of the outputs.
        #[arg(long, value_name = "K/N")]
        shard: Option<String>,
        #[command(flatten)]
        outputs: OutputArgs,
    },
    /// Join the parts written by `run --shard K/N` (every K of one N) into the outputs one
    /// `run` over all their files would write.
    Merge {
        /// The parts' folders.
        #[arg(required = true)]
        parts: Vec<PathBuf>,
        /// Output folder.
        #[arg(long, default_value = "output")]
        out: PathBuf,
        #[command(flatten)]
        outputs: OutputArgs,
    },
    /// Draft the government's own annual report for a year (draft-YEAR.docx and
    /// draft-YEAR.md): the six sections, tables 二, 三 and 四 filled from the figures,
    /// sentences with the key figures and their change from the year before, 【待填写】
    /// where people must write.
    Draft {
        /// Files or folders (default: the bundled sample district).
        #[arg(default_value = "data/sample")]
        inputs: Vec<PathBuf>,
        /// The roster (default: roster.csv in an input folder).
        #[arg(long)]
        roster: Option<PathBuf>,
        /// The report year.
        #[arg(long)]
        year: i32,
        /// The unit (roster id or full name; default: the roster's government).
        #[arg(long)]
        unit: Option<String>,
        /// Whose figures: the unit's own report (self), or the sum of every counted unit's
        /// report as in rollup.csv's group `all` (region).
        #[arg(long, value_enum, default_value_t = ScopeArg::Region)]
        scope: ScopeArg,
        /// Output folder.
        #[arg(long, default_value = "output")]
        out: PathBuf,
    },
    /// Print the default scoring rubric (TOML, commented in Chinese and English): the points
    /// each rule or missing status takes off, by category with caps. Edit a copy and give it
    /// to `run --rubric`.
    Rubric,
    /// Check reports and list what is wrong with them.
    Check {
        /// Files or folders (folders are walked).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Exit with 1 when a finding at or above this severity exists.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
    },
    /// Parse one report and print its tables.
    Parse {
        /// The report file.
        file: PathBuf,
        /// Output format: the report as JSON, or its cells as the facts CSV.
        #[arg(long, value_enum, default_value_t = ParseFormat::Json)]
        format: ParseFormat,
    },
    /// Work with rosters: `roster init` makes a first one from a folder of reports.
    Roster {
        #[command(subcommand)]
        action: RosterCommand,
    },
    /// Write a synthetic district (示例区): roster.csv, one report per unit and year dressed as
    /// real reports vary, and files.csv saying whose each file is.
    Gen {
        /// Output folder.
        #[arg(long)]
        out: PathBuf,
        /// Number of units (besides the district government).
        #[arg(long, conflicts_with = "count")]
        units: Option<usize>,
        /// Number of reports in all (units × years), for benchmarks.
        #[arg(long)]
        count: Option<usize>,
        /// Years, e.g. 2021-2023.
        #[arg(long, default_value = "2021-2023")]
        years: String,
        /// Share of unit-years given a fault the rules catch (0 to 1); truth.csv says which.
        #[arg(long, default_value_t = 0.0)]
        faults: f64,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write every report alike (one title order, house wording, `YEAR/UNITID_YEAR_FORM.txt`),
        /// as earlier versions did, instead of the variety of real reports.
        #[arg(long)]
        plain: bool,
        /// Share of reports written as government web pages (.html, a third of them GBK);
        /// default 0.2, or 0 with --plain.
        #[arg(long)]
        html: Option<f64>,
        /// Share of reports written as Word files (.docx); default 0.1, or 0 with --plain.
        #[arg(long)]
        docx: Option<f64>,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum RosterCommand {
    /// A first roster from the reports' unit names: each unit once, its other names as
    /// aliases, a level guessed from the name. Check and edit it before use.
    Init {
        /// Files or folders of reports.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The roster file to write.
        #[arg(long, default_value = "roster.csv")]
        out: PathBuf,
        /// Overwrite the file when it exists.
        #[arg(long)]
        force: bool,
    },
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 86_400.0 => Ok(v),
        _ => Err(format!("not a number of seconds between 0 and 86400: {s}")),
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ScopeArg {
    /// The unit's own report.
    #[value(name = "self")]
    Own,
    /// The roll-up of every counted unit.
    Region,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ParseFormat {
    Json,
    Facts,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    Error,
    Warning,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}

/// `--letters`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum LettersArg {
    /// No letters.
    None,
    /// A letter for each unit and year with a finding or a missing.csv row.
    Problems,
    /// A letter for every roster unit and expected year, and every report.
    All,
}
