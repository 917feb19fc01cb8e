//! The command line: exit codes, formats, languages, bad inputs.

use crate::util::fixture;
use assert_cmd::Command;

fn nianbao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

#[test]
fn parse_facts_prints_the_seed_cells() {
    let out = nianbao()
        .args(["parse", "--format", "facts"])
        .arg(fixture("reports/seed/huancui_shangwuju_2023.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let expected = std::fs::read(fixture("reports/seed/huancui_shangwuju_2023.facts.csv")).unwrap();
    assert_eq!(out.stdout, expected);
}

#[test]
fn check_json_lists_every_file_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("reports/seed/huancui_shangwuju_2023.txt"),
        dir.path().join("a_seed.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("b_empty.txt"), b"").unwrap();
    std::fs::write(
        dir.path().join("c_binary.txt"),
        (0..4000u32)
            .map(|i| (i * 31 % 256) as u8)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    std::fs::write(dir.path().join("d_other.txt"), "会议纪要\n今天开会。\n").unwrap();
    let out = nianbao()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "P001/P002 are errors");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = doc["files"].as_array().unwrap();
    let summary: Vec<(String, String, Vec<String>)> = files
        .iter()
        .map(|f| {
            let name = f["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            let rules = f["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["rule"].as_str().unwrap().to_string())
                .collect();
            (name, f["status"].as_str().unwrap().to_string(), rules)
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "a_seed.txt".into(),
                "ok".into(),
                vec!["P005".into(), "Y001".into()]
            ),
            ("b_empty.txt".into(), "failed".into(), vec!["P001".into()]),
            ("c_binary.txt".into(), "failed".into(), vec!["P001".into()]),
            (
                "d_other.txt".into(),
                "not_a_report".into(),
                vec!["P002".into()]
            ),
        ]
    );
    let y001 = &files[0]["findings"][1];
    assert_eq!(y001["severity"], "warning");
    assert_eq!(y001["name"], "years-disagree");
    assert_eq!(y001["location"]["line"], 3);
}

#[test]
fn messages_are_chinese_by_default_and_english_on_request() {
    let seed = fixture("reports/seed/huancui_shangwuju_2023.txt");
    let zh = nianbao().arg("check").arg(&seed).output().unwrap();
    assert!(String::from_utf8_lossy(&zh.stdout).contains("正文写的是2022年，报告年度为2023年"));
    let en = nianbao()
        .args(["--lang", "en", "check"])
        .arg(&seed)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&en.stdout)
        .contains("the body names 2022, the report year is 2023"));
    assert_eq!(en.status.code(), Some(0));
}

#[test]
fn fail_on_warning_turns_warnings_into_exit_1() {
    let out = nianbao()
        .args(["check", "--fail-on", "warning"])
        .arg(fixture("reports/seed/huancui_shangwuju_2023.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_missing_input_is_a_finding_and_the_batch_goes_on() {
    let seed = fixture("reports/seed/huancui_shangwuju_2023.txt");
    let out = nianbao()
        .args(["check", "--format", "json", "/nonexistent/nowhere.txt"])
        .arg(&seed)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    // Files are listed in path order, and where the clone lives decides
    // which of the two comes first: look them up by path.
    let by_path = |p: &str| {
        files
            .iter()
            .find(|f| f["path"] == p)
            .unwrap_or_else(|| panic!("{p} not in {files:?}"))
    };
    let missing = by_path("/nonexistent/nowhere.txt");
    assert_eq!(missing["status"], "failed");
    assert_eq!(missing["findings"][0]["rule"], "P001");
    let seed = by_path(&seed.to_string_lossy());
    assert_eq!(seed["status"], "ok");
}

#[test]
fn parse_of_a_missing_file_is_exit_2() {
    let out = nianbao()
        .args(["parse", "--format", "facts", "/nonexistent/nowhere.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法读取文件"));
}

#[test]
fn check_output_is_the_same_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let status = nianbao()
        .args(["gen", "--count", "40", "--seed", "3", "--out"])
        .arg(dir.path())
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    std::fs::copy(
        fixture("reports/real/pingtan_2021_crawled.txt"),
        dir.path().join("pingtan.txt"),
    )
    .unwrap();
    let run = |threads: &str, format: &str| {
        nianbao()
            .env("RAYON_NUM_THREADS", threads)
            .args(["check", "--format", format])
            .arg(dir.path())
            .output()
            .unwrap()
            .stdout
    };
    for format in ["json", "human"] {
        let one = run("1", format);
        assert!(one.len() > 1000, "{format}: some output");
        assert_eq!(one, run("2", format), "{format}: 1 vs 2 threads");
        assert_eq!(one, run("4", format), "{format}: 1 vs 4 threads");
    }
}

#[test]
fn a_generated_district_is_clean_and_chained_from_year_to_year() {
    let dir = tempfile::tempdir().unwrap();
    // The house style (the output of earlier versions): the varied district that `gen` writes
    // by default waits for the parser (tests/generator.rs, issue 7).
    let out = nianbao()
        .args([
            "gen",
            "--plain",
            "--units",
            "12",
            "--years",
            "2021-2023",
            "--seed",
            "9",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let roster = nianbao::roster::Roster::read(&dir.path().join("roster.csv")).unwrap();
    assert_eq!(roster.units.len(), 13);
    let outcomes = nianbao::pipeline::check_batch(&[dir.path().to_path_buf()]).unwrap();
    // 13 units and the government's region-wide report, three years.
    assert_eq!(outcomes.len(), 42);
    let rules: Vec<&str> = outcomes
        .iter()
        .flat_map(|o| o.findings.iter().map(|f| f.rule.0))
        .collect();
    // X001/X002 would fire if carry-over or stock were not chained, X003 if years repeated.
    assert!(rules.is_empty(), "{rules:?}");
    for o in &outcomes {
        let name = o
            .report
            .as_ref()
            .and_then(|r| r.meta.unit_name.as_deref())
            .unwrap();
        assert!(
            matches!(roster.match_name(name), nianbao::roster::Match::Unit(_)),
            "{name}"
        );
    }
}

#[test]
fn run_writes_the_district_outputs_and_finds_who_did_not_report() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    // The house style, whose paths carry the unit id; the varied district waits for the
    // parser (tests/generator.rs, issue 7).
    let gen = nianbao()
        .args([
            "gen",
            "--plain",
            "--units",
            "8",
            "--years",
            "2022-2023",
            "--seed",
            "4",
            "--out",
        ])
        .arg(&input)
        .output()
        .unwrap();
    assert!(gen.status.success());
    // One unit does not report for 2023.
    let gone: Vec<_> = std::fs::read_dir(input.join("2023"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("B002_"))
        .collect();
    assert_eq!(gone.len(), 1);
    std::fs::remove_file(&gone[0]).unwrap();
    let run = |threads: &str| {
        let o = nianbao()
            .env("RAYON_NUM_THREADS", threads)
            .arg("run")
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\r'),
            "no progress bar when piped: {stderr:?}"
        );
        assert!(stderr.contains("输出目录"), "{stderr}");
        // Every file, charts/ and assets/ included.
        crate::util::snapshot(&out)
    };
    let all = run("1");
    let again = run("2");
    assert!(all.len() >= 15, "{:?}", all.keys().collect::<Vec<_>>());
    for (a, b) in all.iter().zip(&again) {
        assert_eq!(a.0, b.0);
        assert!(a.1 == b.1, "{} differs with 1 and 2 threads", a.0);
    }
    assert_eq!(all.len(), again.len());
    let one = ["reports.csv", "facts.csv", "findings.csv", "missing.csv"]
        .map(|f| std::fs::read(out.join(f)).unwrap());
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap();
    let missing = text(&one[3]);
    let rows: Vec<&str> = missing.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{missing}");
    assert!(
        rows[0].starts_with("B002,")
            && rows[0].ends_with(",2023,no_report,,名单9个单位中8个报送了该年度"),
        "{missing}"
    );
    assert!(
        missing.starts_with("\u{feff}unit_id,unit_name,level,year,status,candidates,year_basis\n")
    );
    assert!(text(&one[2]).contains(",B002,2023,R003,warning,"));
    let reports = text(&one[0]);
    // Header, 9 units and the region-wide report over two years, less the one removed.
    assert_eq!(reports.lines().count(), 1 + 10 * 2 - 1);
    assert_eq!(
        reports.lines().filter(|l| l.contains(",region,")).count(),
        2
    );
    assert!(reports.starts_with("\u{feff}path,format,encoding,status,unit_id,unit_name,unit_source,year,template,scope,published,counted,errors,warnings\n"));
    let facts = text(&one[1]);
    assert!(facts.starts_with(
        "\u{feff}unit_id,unit_name,year,path,table,row,col,value,state,raw,scope,counted\n"
    ));
}

#[test]
fn run_draws_with_a_font_given_and_fails_cleanly_on_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    let font = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/fonts/NotoSansSC-Regular.subset.otf");
    let out = dir.path().join("out");
    let o = nianbao()
        .arg("run")
        .arg(&sample)
        .arg("--font")
        .arg(&font)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("charts/trend.png").is_file());

    let missing = dir.path().join("out2");
    let o = nianbao()
        .arg("run")
        .arg(&sample)
        .args(["--font", "/nonexistent/font.otf", "--out"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/font.otf"));
    assert!(
        !missing.exists(),
        "nothing written when the run cannot start"
    );

    let not_a_font = dir.path().join("not-a-font.otf");
    std::fs::write(&not_a_font, b"plain text").unwrap();
    let o = nianbao()
        .arg("run")
        .arg(&sample)
        .arg("--font")
        .arg(&not_a_font)
        .arg("--out")
        .arg(dir.path().join("out3"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--font"));
}

/// `run` never reads what it wrote: its output folder inside the input folder, run twice,
/// and an earlier run's output folder when this one writes elsewhere.
#[test]
fn run_never_reads_its_own_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let district = dir.path().join("district");
    nianbao::gen::district::write_district(&district, 5, 2, 2022..=2023, 0.0, 3).unwrap();
    let rows = |out: &std::path::Path| {
        csv::Reader::from_path(out.join("reports.csv"))
            .unwrap()
            .records()
            .count()
    };
    let run = |out: &std::path::Path| {
        let o = nianbao()
            .arg("run")
            .arg(&district)
            .arg("--out")
            .arg(out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let inside = district.join("out");
    run(&inside);
    let first = rows(&inside);
    assert!(first >= 14, "{first}");
    run(&inside);
    assert_eq!(
        rows(&inside),
        first,
        "the second run read the first one's outputs"
    );
    let elsewhere = dir.path().join("elsewhere");
    run(&elsewhere);
    assert_eq!(rows(&elsewhere), first, "an earlier output folder was read");
    // Our outputs copied loose into the reports' folder are not read either.
    for name in ["rollup-2023.md", "rollup-2023.html", "index.html"] {
        std::fs::copy(inside.join(name), district.join(name)).unwrap();
    }
    let svg = std::fs::read_dir(inside.join("charts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "svg"))
        .unwrap();
    std::fs::copy(&svg, district.join("chart.svg")).unwrap();
    let loose = dir.path().join("loose");
    run(&loose);
    assert_eq!(rows(&loose), first, "a loose copy of an output was read");
    // Writing into the reports' folder itself is refused: its outputs would be read back.
    let o = nianbao()
        .args(["--lang", "en", "run"])
        .arg(&district)
        .arg("--out")
        .arg(&district)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("output folder"));
}

// See: issue 8 point 3, "a per-file time budget (default a few seconds, `--file-timeout`)".
#[test]
fn file_timeout_takes_seconds_and_refuses_nonsense() {
    let ok = nianbao()
        .args(["--file-timeout", "0.5", "parse", "--format", "facts"])
        .arg(fixture("reports/seed/huancui_shangwuju_2023.txt"))
        .output()
        .unwrap();
    assert!(ok.status.success());
    for bad in ["0", "-1", "soon"] {
        let out = nianbao()
            .args(["--file-timeout", bad, "parse"])
            .arg(fixture("reports/seed/huancui_shangwuju_2023.txt"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
    }
}
