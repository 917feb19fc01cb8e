//! The `nianbao` binary: parse flags, run the library, map results to exit codes
//! (0 clean, 1 findings at or above `--fail-on`, 2 the run itself failed).

mod cli;

use anyhow::{Context as _, Result};
use clap::Parser;
use cli::{
    CheckFormat, Cli, Command, FailOn, LangArg, LettersArg, OutputArgs, ParseFormat, RosterCommand,
    ScopeArg,
};
use nianbao::model::{Lang, Severity};
use nianbao::{gen, pipeline, render};
use std::io::Write;
use std::process::ExitCode;

/// jemalloc: what a batch holds between its stages (millions of small packed reports and
/// names) leaves glibc's heap fragmented, and its peak higher (benches/README.md: a million
/// reports 5.13 GB with glibc's allocator, 4.45 GB with jemalloc).
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings unless `_RJEM_MALLOC_CONF` says otherwise: two arenas (per-thread
/// caches take the small allocations; more arenas only hold more memory).
#[allow(non_upper_case_globals)]
#[export_name = "_rjem_malloc_conf"]
pub static malloc_conf: &[u8] = b"narenas:2\0";

fn main() -> ExitCode {
    let cli = Cli::parse();
    nianbao::ingest::set_file_timeout(std::time::Duration::from_secs_f64(cli.file_timeout));
    let lang = match cli.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let text = match err.downcast_ref::<nianbao::error::Error>() {
                Some(e) => e.message(lang),
                None => format!("{err:#}"),
            };
            let _ = writeln!(std::io::stderr(), "nianbao: {text}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    let lang = match cli.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    };
    match cli.command {
        Command::Check {
            inputs,
            format,
            fail_on,
        } => check(&inputs, format, fail_on, lang),
        Command::Parse { file, format } => parse(&file, format, lang),
        Command::Run {
            inputs,
            roster,
            out,
            shard,
            outputs,
        } => {
            let config = pipeline::RunConfig {
                inputs,
                roster,
                ..run_config(outputs)?
            };
            match shard {
                Some(s) => {
                    let shard = s
                        .parse::<pipeline::shard::Shard>()
                        .map_err(|e| anyhow::anyhow!("--shard {e}"))?;
                    run_shard(&config, shard, &out, lang)
                }
                None => run_district(&config, &out, lang, |config, out, timings| {
                    pipeline::run(config, out, lang, timings)
                }),
            }
        }
        Command::Merge {
            parts,
            out,
            outputs,
        } => run_district(&run_config(outputs)?, &out, lang, |config, out, timings| {
            pipeline::shard::merge(&parts, config, out, lang, timings)
        }),
        Command::Draft {
            inputs,
            roster,
            year,
            unit,
            scope,
            out,
        } => {
            let config = pipeline::draft::DraftConfig {
                run: pipeline::RunConfig {
                    inputs,
                    roster,
                    progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
                    ..pipeline::RunConfig::default()
                },
                year,
                unit,
                scope: match scope {
                    ScopeArg::Own => nianbao::model::Scope::Own,
                    ScopeArg::Region => nianbao::model::Scope::Region,
                },
            };
            let d = pipeline::draft::draft(&config, &out)?;
            let line = match (lang, config.scope) {
                (Lang::Zh, nianbao::model::Scope::Region) => format!(
                    "{}{year}年年报草稿：{}、{}（数据由{}份报告汇总；上年{}份）。【待填写】处须人工补写。\n",
                    d.unit_name, d.docx.display(), d.markdown.display(), d.sources.0, d.sources.1
                ),
                (Lang::Zh, nianbao::model::Scope::Own) => format!(
                    "{}{year}年年报草稿：{}、{}（本级年报数据）。【待填写】处须人工补写。\n",
                    d.unit_name, d.docx.display(), d.markdown.display()
                ),
                (Lang::En, nianbao::model::Scope::Region) => format!(
                    "draft {year} report of {}: {}, {} (figures summed from {} report(s); {} the year before). Fill in each 【待填写】.\n",
                    d.unit_name, d.docx.display(), d.markdown.display(), d.sources.0, d.sources.1
                ),
                (Lang::En, nianbao::model::Scope::Own) => format!(
                    "draft {year} report of {}: {}, {} (its own report's figures). Fill in each 【待填写】.\n",
                    d.unit_name, d.docx.display(), d.markdown.display()
                ),
            };
            std::io::stderr().write_all(line.as_bytes())?;
            if d.caveats > 0 {
                let line = match lang {
                    Lang::Zh => format!("注意：{} 份汇总的报告表格有错误或未能读取的数据，草稿开头的【待核实】段列出了这些单位，汇总数可能不准\n", d.caveats),
                    Lang::En => format!("note: {} summed report(s) have table errors or values not read; the draft opens with them (【待核实】), and its sums may be off\n", d.caveats),
                };
                std::io::stderr().write_all(line.as_bytes())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rubric => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(nianbao::score::DEFAULT_RUBRIC.as_bytes())?;
            stdout.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Roster {
            action: RosterCommand::Init { inputs, out, force },
        } => roster_init(&inputs, &out, force, lang),
        Command::Gen {
            out,
            units,
            count,
            years,
            faults,
            seed,
            plain,
            html,
            docx,
        } => {
            let (from, to) = parse_years(&years)
                .with_context(|| format!("--years {years}: expected e.g. 2021-2023"))?;
            let n_years = (to - from + 1) as usize;
            let units = units
                .or(count.map(|c| c.div_ceil(n_years).saturating_sub(1)))
                .unwrap_or(35);
            let townships = units * 3 / 10;
            let spec = gen::district::DistrictSpec {
                departments: units - townships,
                townships,
                years: from..=to,
                fault_rate: faults.clamp(0.0, 1.0),
                seed,
                dressing: if plain {
                    gen::district::Dressing::House
                } else {
                    gen::district::Dressing::Varied
                },
                mix: {
                    let default = if plain {
                        gen::file_form::FormMix::TEXT
                    } else {
                        gen::file_form::FormMix::MIXED
                    };
                    let html = html.unwrap_or(default.html).clamp(0.0, 1.0);
                    gen::file_form::FormMix {
                        html,
                        docx: docx.unwrap_or(default.docx).clamp(0.0, 1.0 - html),
                    }
                },
            };
            let written = gen::district::write_district_with(&out, &spec)
                .with_context(|| format!("writing {}", out.display()))?;
            let _ = writeln!(
                std::io::stderr(),
                "nianbao: {written} reports, roster.csv and files.csv in {}",
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `roster init`: a first roster from the reports' names, never over an existing file
/// without `--force`.
fn roster_init(
    inputs: &[std::path::PathBuf],
    out: &std::path::Path,
    force: bool,
    lang: Lang,
) -> Result<ExitCode> {
    if out.exists() && !force {
        let line = match lang {
            Lang::Zh => format!(
                "nianbao: {} 已存在，未改动（加 --force 覆盖）\n",
                out.display()
            ),
            Lang::En => format!(
                "nianbao: {} exists and was left alone (--force overwrites it)\n",
                out.display()
            ),
        };
        std::io::stderr().write_all(line.as_bytes())?;
        return Ok(ExitCode::from(2));
    }
    let made = pipeline::roster_init(inputs)?;
    std::fs::write(out, nianbao::roster::init::to_csv(&made.units))
        .with_context(|| format!("writing {}", out.display()))?;
    let count = |level: &str| made.units.iter().filter(|u| u.level == level).count();
    let governments = made.units.len() - count("department") - count("township") - count("other");
    let reports: usize = made.reports.iter().sum();
    let mut text = match lang {
        Lang::Zh => format!(
            "名册 {}：{} 个单位（政府 {governments}、部门 {}、乡镇街道 {}、其他 {}），来自 {reports} 份报告。请核对：同一单位的不同名称（如机构改革前后）合并为别名，补上没有报告的单位。\n",
            out.display(),
            made.units.len(),
            count("department"),
            count("township"),
            count("other"),
        ),
        Lang::En => format!(
            "roster {}: {} units ({governments} government, {} departments, {} townships, {} other) from {reports} reports. Check it: join one unit's names (before and after a reform) as aliases, add the units that filed nothing.\n",
            out.display(),
            made.units.len(),
            count("department"),
            count("township"),
            count("other"),
        ),
    };
    for path in &made.unnamed {
        text.push_str(&match lang {
            Lang::Zh => format!("  未写单位名称：{}\n", path.display()),
            Lang::En => format!("  names no unit: {}\n", path.display()),
        });
    }
    std::io::stderr().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// What `check` keeps of a file once it is rendered.
struct Checked {
    rendered: String,
    /// Findings by severity: info, warning, error.
    counts: [usize; 3],
}

fn check(
    inputs: &[std::path::PathBuf],
    format: CheckFormat,
    fail_on: FailOn,
    lang: Lang,
) -> Result<ExitCode> {
    let outcomes = pipeline::check_batch(inputs)?;
    // Each file is rendered on a worker thread, its text read again only for that.
    let checked: Vec<Checked> = pipeline::map_outcomes(outcomes, |o| Checked {
        rendered: match format {
            CheckFormat::Json => render::diagnostics::json_file(o, lang),
            CheckFormat::Human => render::diagnostics::human(o, lang),
        },
        counts: [Severity::Info, Severity::Warning, Severity::Error]
            .map(|s| o.findings.iter().filter(|f| f.severity == s).count()),
    });
    let code = exit_code(&checked, fail_on);
    let mut stdout = std::io::stdout().lock();
    match format {
        CheckFormat::Json => {
            let files: Vec<String> = checked.into_iter().map(|c| c.rendered).collect();
            stdout.write_all(render::diagnostics::json_document(&files).as_bytes())?;
        }
        CheckFormat::Human => {
            for c in &checked {
                stdout.write_all(c.rendered.as_bytes())?;
            }
            let total = |i: usize| checked.iter().map(|c| c.counts[i]).sum::<usize>();
            let summary = render::diagnostics::summary_line(
                checked.len(),
                total(2),
                total(1),
                total(0),
                lang,
            );
            stdout.write_all(summary.as_bytes())?;
        }
    }
    stdout.flush()?;
    Ok(code)
}

/// 1 when a finding is at or above `--fail-on`, else 0.
fn exit_code(checked: &[Checked], fail_on: FailOn) -> ExitCode {
    let any = |i: usize| checked.iter().any(|c| c.counts[i] > 0);
    let failed = match fail_on {
        FailOn::Error => any(2),
        FailOn::Warning => any(2) || any(1),
    };
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn parse(file: &std::path::Path, format: ParseFormat, lang: Lang) -> Result<ExitCode> {
    let outcome = pipeline::process_one(file, false);
    // One file is the whole job: if it cannot be read, the run failed.
    if outcome.status == nianbao::parse::Status::Failed {
        let message = outcome
            .findings
            .first()
            .map(|f| f.kind.message(lang))
            .unwrap_or_default();
        let _ = writeln!(std::io::stderr(), "nianbao: {}: {message}", file.display());
        return Ok(ExitCode::from(2));
    }
    let mut stdout = std::io::stdout().lock();
    match format {
        ParseFormat::Facts => {
            let report = outcome.report.clone().unwrap_or_default();
            stdout.write_all(render::facts::facts_csv(&report).as_bytes())?;
        }
        ParseFormat::Json => {
            let doc = serde_json::json!({
                "path": outcome.path.display().to_string(),
                "status": outcome.status.as_str(),
                "report": outcome.report,
                "findings": outcome.findings,
            });
            serde_json::to_writer_pretty(&mut stdout, &doc)?;
            stdout.write_all(b"\n")?;
        }
    }
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// "2021-2023" or "2023" → (first, last).
fn parse_years(s: &str) -> Option<(i32, i32)> {
    let (a, b) = s.split_once('-').unwrap_or((s, s));
    let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a <= b && (1990..=2100).contains(&a) && b - a < 50).then_some((a, b))
}

/// Which years were expected and why, and how many reports named another year.
fn expected_why(batch: &pipeline::Batch, lang: Lang) -> String {
    let outside = batch
        .outcomes
        .iter()
        .filter(|o| o.status == nianbao::parse::Status::Ok)
        .filter_map(|o| o.report.as_ref()?.meta.year)
        .filter(|&y| !batch.expects(Some(y)))
        .count();
    let given = batch.expected.iter().any(|e| e.given);
    let per_year = batch
        .expected
        .iter()
        .map(|e| match lang {
            Lang::Zh => format!("{} 年 {} 个单位", e.year, e.units),
            Lang::En => format!("{}: {} unit(s)", e.year, e.units),
        })
        .collect::<Vec<_>>()
        .join(if lang == Lang::Zh { "，" } else { ", " });
    let mut out = match (lang, given) {
        (Lang::Zh, true) => format!("预期年度由 --year 指定（已报送：{per_year}）"),
        (Lang::Zh, false) => format!("预期年度为报送单位较多的年度（{per_year}）"),
        (Lang::En, true) => format!("years expected as given with --year (reported: {per_year})"),
        (Lang::En, false) => format!("years expected: those most units reported ({per_year})"),
    };
    if outside > 0 {
        out.push_str(&match (lang, given) {
            (Lang::Zh, true) => format!("；另有 {outside} 份报告属其他年度，未计入"),
            (Lang::Zh, false) => {
                format!(
                    "；另有 {outside} 份报告的年度不在其中，未计入（见 findings.csv 中的 Y001）"
                )
            }
            (Lang::En, true) => format!("; {outside} report(s) of other years left out"),
            (Lang::En, false) => format!(
                "; {outside} report(s) name another year and are left out (Y001 in findings.csv)"
            ),
        });
    }
    out.push('\n');
    out
}

/// "2023", "2021-2023" or "2021,2023" → the years.
fn year_list(s: &str) -> Option<Vec<i32>> {
    let mut years = Vec::new();
    for part in s.split([',', '，']) {
        let (a, b) = parse_years(part)?;
        years.extend(a..=b);
    }
    Some(years)
}

/// The options of `run` and `merge` that shape the outputs.
fn run_config(o: OutputArgs) -> Result<pipeline::RunConfig> {
    Ok(pipeline::RunConfig {
        years: o
            .year
            .map(|y| {
                year_list(&y).with_context(|| {
                    format!("--year {y}: expected e.g. 2023, 2021-2023 or 2021,2023")
                })
            })
            .transpose()?,
        progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        font: o.font,
        // `pipeline::run` adds the output folder.
        skip: Vec::new(),
        letters: match o.letters {
            LettersArg::None => nianbao::render::letters::Which::None,
            LettersArg::Problems => nianbao::render::letters::Which::Problems,
            LettersArg::All => nianbao::render::letters::Which::All,
        },
        rubric: o.rubric,
        facts_csv: o.facts_csv,
        ..pipeline::RunConfig::default()
    })
}

/// `run --shard K/N`: one part, and a line saying so.
fn run_shard(
    config: &pipeline::RunConfig,
    shard: pipeline::shard::Shard,
    out: &std::path::Path,
    lang: Lang,
) -> Result<ExitCode> {
    let mut timings = pipeline::Timings::new();
    let w = pipeline::shard::run_shard(config, shard, out, &mut timings)?;
    let line = match lang {
        Lang::Zh => format!(
            "分片 {shard}：读取 {} 个文件（全部 {} 个），结果写入 {}；全部分片完成后用 nianbao merge 合并\n",
            w.files,
            w.of,
            out.display()
        ),
        Lang::En => format!(
            "shard {shard}: read {} of {} file(s), part written to {}; join all the parts with nianbao merge\n",
            w.files,
            w.of,
            out.display()
        ),
    };
    std::io::stderr().write_all(line.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `run` or `merge` (`work`), then the summary.
fn run_district(
    config: &pipeline::RunConfig,
    out: &std::path::Path,
    lang: Lang,
    work: impl FnOnce(
        &pipeline::RunConfig,
        &std::path::Path,
        &mut pipeline::Timings,
    ) -> std::result::Result<
        (pipeline::Batch, pipeline::Written),
        nianbao::error::Error,
    >,
) -> Result<ExitCode> {
    let mut timings = pipeline::Timings::new();
    let (batch, written) = work(config, out, &mut timings)?;
    let mut stderr = std::io::stderr().lock();
    let (region_reports, differing) = (written.region_reports, written.region_differences);
    stderr.write_all(run_summary(&batch, out, lang).as_bytes())?;
    if region_reports > 0 {
        let line = match lang {
            Lang::Zh => format!("全区汇总报告 {region_reports} 份，与各单位之和不一致：{differing} 格（见 region.csv）\n"),
            Lang::En => format!("{region_reports} region-wide report(s); {differing} cell(s) differ from the sum of the units (see region.csv)\n"),
        };
        stderr.write_all(line.as_bytes())?;
    }
    let line = match (lang, batch.roster.is_some()) {
        (Lang::Zh, true) => format!(
            "评分：{} 个单位·年度（见 scores.csv、deductions.csv）\n",
            written.scored
        ),
        (Lang::En, true) => format!(
            "scored {} unit-year(s) (see scores.csv, deductions.csv)\n",
            written.scored
        ),
        (Lang::Zh, false) => "未提供名单，未评分（评分只对名单内的单位）\n".to_string(),
        (Lang::En, false) => "no roster: no scores (only roster units are scored)\n".to_string(),
    };
    stderr.write_all(line.as_bytes())?;
    if let (rows, false) = written.facts_csv {
        let line = match lang {
            Lang::Zh => format!("facts.csv 未写出：{rows} 行，超过 Excel 的 1,048,576 行上限；每个单元格见 facts.parquet（加 --facts-csv 可照样写出）\n"),
            Lang::En => format!("facts.csv not written: {rows} rows, past Excel's 1,048,576; every cell is in facts.parquet (--facts-csv writes it anyway)\n"),
        };
        stderr.write_all(line.as_bytes())?;
    }
    if !written.cut_sheets.is_empty() {
        let rows = nianbao::render::xlsx::SHEET_ROWS;
        let line = match lang {
            Lang::Zh => format!(
                "nianbao.xlsx 的 {} 表只列前 {rows} 行；全部见同名的 CSV/Parquet 文件\n",
                written.cut_sheets.join("、")
            ),
            Lang::En => format!(
                "nianbao.xlsx lists the first {rows} rows of sheet(s) {}; all are in the CSV/Parquet files of the same name\n",
                written.cut_sheets.join(", ")
            ),
        };
        stderr.write_all(line.as_bytes())?;
    }
    let (drawn, skipped) = written.charts;
    let line = match lang {
        Lang::Zh => format!("图表 {drawn} 张（数据不足未画 {skipped} 张），见 index.html\n"),
        Lang::En => {
            format!("{drawn} chart(s) ({skipped} not drawn for lack of data), see index.html\n")
        }
    };
    stderr.write_all(line.as_bytes())?;
    for w in &written.missing_glyphs {
        let line = match lang {
            Lang::Zh => format!("警告：字体缺字，标签会显示为方框：{w}（可用 --font 指定其他字体）\n"),
            Lang::En => format!("warning: the font lacks characters of a label, drawn as boxes: {w} (give another font with --font)\n"),
        };
        stderr.write_all(line.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The few lines `run` ends with: what was read, what was found, who is missing, where the
/// outputs are.
fn run_summary(batch: &pipeline::Batch, out: &std::path::Path, lang: Lang) -> String {
    let count = |s: Severity| {
        batch
            .outcomes
            .iter()
            .flat_map(|o| &o.findings)
            .chain(&batch.unit_findings)
            .filter(|f| f.severity == s)
            .count()
    };
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let files = batch.outcomes.len();
    let units = batch
        .outcomes
        .iter()
        .filter_map(|o| o.unit)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let years = nianbao::model::finding::year_list(&batch.years);
    let years = if years.is_empty() {
        "-".to_string()
    } else {
        years
    };
    let why = expected_why(batch, lang);
    let missing = batch.missing.len();
    // Without a roster there is nothing to match against and no missing.csv.
    let (matched, reported) = match (&batch.roster, lang) {
        (Some(r), Lang::Zh) => (
            format!("，对应名单中 {units}/{} 个单位", r.units.len()),
            format!("未按要求报送：{missing} 项（见 missing.csv）\n"),
        ),
        (Some(r), Lang::En) => (
            format!(", matching {units} of {} roster units", r.units.len()),
            format!("not reported properly: {missing} (see missing.csv)\n"),
        ),
        (None, Lang::Zh) => (
            String::new(),
            "未提供名单（roster.csv），未核对报送情况\n".to_string(),
        ),
        (None, Lang::En) => (
            String::new(),
            "no roster (roster.csv): who did not report was not checked\n".to_string(),
        ),
    };
    match lang {
        Lang::Zh => format!(
            "共读取 {files} 个文件（年度 {years}）{matched}\n{why}发现问题：错误 {e} 个，警告 {w} 个，提示 {i} 个\n{reported}输出目录：{}\n",
            out.display()
        ),
        Lang::En => format!(
            "read {files} file(s) (years {years}){matched}\n{why}findings: {e} error(s), {w} warning(s), {i} note(s)\n{reported}outputs in {}\n",
            out.display()
        ),
    }
}
