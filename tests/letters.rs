//! Review letters (issue 9, point 1): every finding of findings.csv and every missing.csv row
//! of data/sample is in exactly one letter, as a page and as a Word file.

use crate::util::run_sample;
use nianbao::render::escape_html as escape;
use std::collections::BTreeMap;
use std::path::Path;

fn csv_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers: Vec<String> = r
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_owned())
        .collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// Every letter page under `out/letters`, by path relative to `out`.
fn letters(out: &Path) -> BTreeMap<String, String> {
    let mut pages = BTreeMap::new();
    let Ok(years) = std::fs::read_dir(out.join("letters")) else {
        return pages;
    };
    for year in years {
        for f in std::fs::read_dir(year.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == "html") {
                let rel = p.strip_prefix(out).unwrap().to_string_lossy().into_owned();
                pages.insert(rel, std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    pages
}

/// The paragraphs of a letter that say what missing.csv says.
fn missing_paragraphs(page: &str) -> usize {
    page.matches("<p class=\"status\">").count()
}

// See: issue 9, "Every finding of findings.csv and every missing.csv row of data/sample
// appears in exactly one letter (test)".
#[test]
fn every_finding_and_missing_row_of_the_sample_is_in_exactly_one_letter() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    run_sample(out);
    let findings = csv_rows(&out.join("findings.csv"));
    let missing = csv_rows(&out.join("missing.csv"));
    let pages = letters(out);
    assert!(!findings.is_empty() && !missing.is_empty());
    // As many problems in the letters as findings, each in its unit's letter.
    let items: usize = pages
        .values()
        .map(|p| p.matches("class=\"item\"").count())
        .sum();
    assert_eq!(items, findings.len());
    for f in &findings {
        let year = if f["year"].is_empty() {
            "unknown"
        } else {
            &f["year"]
        };
        let rel = format!("letters/{year}/{}.html", f["unit_id"]);
        let page = pages.get(&rel).unwrap_or_else(|| panic!("{rel} for {f:?}"));
        assert!(page.contains(&format!("（{}）", f["rule"])), "{rel}: {f:?}");
        assert!(
            page.contains(&escape(&f["message"])),
            "{rel} lacks {}",
            f["message"]
        );
    }
    let said: usize = pages.values().map(|p| missing_paragraphs(p)).sum();
    assert_eq!(said, missing.len());
    for m in &missing {
        let rel = format!("letters/{}/{}.html", m["year"], m["unit_id"]);
        let page = pages.get(&rel).unwrap_or_else(|| panic!("{rel} for {m:?}"));
        assert!(missing_paragraphs(page) >= 1, "{rel}");
    }
    // No letter without a problem; each has its Word file, with the same problems.
    for (rel, page) in &pages {
        let items = page.matches("class=\"item\"").count();
        assert!(items + missing_paragraphs(page) > 0, "{rel} says nothing");
        let docx = out.join(rel).with_extension("docx");
        let doc = nianbao::ingest::read(&docx).unwrap();
        assert_eq!(doc.text.matches("整改要求：").count(), items, "{rel}");
    }
    // The deadline is Y002's: 31 March for the government's own report, 31 January else.
    assert!(pages["letters/2021/D000.html"].contains("规定期限2022年3月31日"));
    assert!(pages["letters/2021/B003.html"].contains("规定期限2022年1月31日"));
    // Rules and tables are named in words where a person reads them (issue 9, point 4).
    let rollup = std::fs::read_to_string(out.join("rollup-2023.html")).unwrap();
    assert!(rollup.contains("<h2>表三 收到和处理政府信息公开申请情况</h2>"));
    assert!(!rollup.contains("(t3)") && !rollup.contains("〔"));
    // ... in the template's layout, merged headers and all, as the workbook has it.
    assert!(rollup.contains("<th colspan=\"5\">法人或其他组织</th>"));
    assert!(rollup.contains("<th rowspan=\"2\">自然人</th>"));
    assert!(rollup.contains("个单位填报数字"));
    // A ranking chart per year and level with more than one unit (issue 9, point 2), the
    // latest year's near the top of index.html.
    for year in 2021..=2023 {
        for level in ["department", "township"] {
            let svg =
                std::fs::read_to_string(out.join(format!("charts/ranking-{year}-{level}.svg")))
                    .unwrap();
            assert!(svg.contains("考评得分排名"), "{year} {level}");
        }
        assert!(!out
            .join(format!("charts/ranking-{year}-district.svg"))
            .exists());
    }
    let heat = std::fs::read_to_string(out.join("charts/findings-2023.svg")).unwrap();
    assert!(heat.contains("结转不衔接 X001"), "the heat map names X001");
    // index.html opens with what needs doing, links every letter, and keeps the roll-up and
    // the charts for after (issue 9, point 4).
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let at = |h: &str| {
        index
            .find(&format!("<h2>{h}</h2>"))
            .unwrap_or_else(|| panic!("{h}"))
    };
    let order = [
        "要点",
        "未按要求报送的单位",
        "审核意见",
        "考评排名",
        "发现的问题",
        "全区汇总表",
        "图表",
    ];
    assert!(order.windows(2).all(|w| at(w[0]) < at(w[1])), "{order:?}");
    let ranking = index.find("charts/ranking-2023-department.png").unwrap();
    assert!(at("考评排名") < ranking && ranking < at("发现的问题"));
    assert!(index.contains(&format!(
        "<tr><th>未报送</th><td>{}</td></tr>",
        missing
            .iter()
            .filter(|m| m["status"] == "no_report")
            .count()
    )));
    let index = index.replace("&#x2f;", "/");
    for rel in pages.keys() {
        assert!(index.contains(&format!("href=\"{rel}\"")), "{rel}");
    }
}

/// `nianbao [global] run data/sample --out OUT [more]`.
fn run(global: &[&str], out: &Path, more: &[&str]) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(global)
        .arg("run")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample"))
        .arg("--out")
        .arg(out)
        .args(more)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn letters_none_or_all_and_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let none = dir.path().join("none");
    run(&[], &none, &["--letters", "none"]);
    assert!(letters(&none).is_empty(), "--letters none writes none");
    assert!(!std::fs::read_to_string(none.join("index.html"))
        .unwrap()
        .contains("审核意见"));
    let all = dir.path().join("all");
    run(&["--lang", "en"], &all, &["--letters", "all"]);
    let pages = letters(&all);
    // Every roster unit (36) in every year (3): the sample's reports all match one.
    assert_eq!(pages.len(), 36 * 3);
    let with_problems = letters_with_problems(&pages);
    assert!(with_problems > 0 && with_problems < pages.len());
    let fine = pages
        .values()
        .filter(|p| p.contains("found no problem"))
        .count();
    assert_eq!(fine + with_problems, pages.len());
    assert!(pages.values().all(|p| p.contains("lang=\"en\"")));
    assert!(pages.values().all(|p| !p.contains("审核意见")));
}

fn letters_with_problems(pages: &BTreeMap<String, String>) -> usize {
    pages
        .values()
        .filter(|p| p.contains("class=\"item\"") || missing_paragraphs(p) > 0)
        .count()
}

// See: issue 9, "The letters … open in LibreOffice headless and convert to PDF (test, run
// when `soffice` is present)".
#[test]
fn a_letter_converts_to_pdf_in_libreoffice() {
    if !crate::forms::office::soffice_on_path() {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("note: soffice (LibreOffice) not on PATH: letters not converted");
        }
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run(&[], &out, &[]);
    let pages = letters(&out);
    let rel = pages.keys().next().unwrap();
    let pdfs = dir.path().join("pdf");
    for ext in ["docx", "html"] {
        let file = out.join(rel).with_extension(ext);
        let profile = dir.path().join(format!("profile-{ext}"));
        let o = std::process::Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&pdfs)
            .arg(&file)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let pdf = pdfs.join(file.with_extension("pdf").file_name().unwrap());
        let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        assert!(bytes.starts_with(b"%PDF") && bytes.len() > 1000, "{ext}");
        // The PDF reads back with the letter's problems.
        let doc = nianbao::ingest::read(&pdf).unwrap();
        assert!(doc.text.contains("整改要求"), "{ext}: {}", doc.text);
        std::fs::remove_file(&pdf).unwrap();
    }
}
