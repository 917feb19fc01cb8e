//! The chart pack of data/sample: PNG and SVG of the declared size for every chart the page
//! lists, an index.html that links only files that exist, and no label the font lacks.

use crate::util::run_sample;
use nianbao::render::charts::{missing_glyphs, FONT};
use std::path::Path;

/// Width and height from a PNG's IHDR chunk, after checking the signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |k: usize| u32::from_be_bytes([bytes[k], bytes[k + 1], bytes[k + 2], bytes[k + 3]]);
    (be(16), be(20))
}

/// Width and height attributes of an SVG's root element.
fn svg_size(text: &str) -> (u32, u32) {
    let root = &text[text.find("<svg").expect("an <svg> element")..];
    let root = &root[..root.find('>').unwrap()];
    let attr = |name: &str| -> u32 {
        let k = root.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        root[k..].split('"').next().unwrap().parse().unwrap()
    };
    (attr("width"), attr("height"))
}

#[test]
fn every_chart_is_a_png_and_an_svg_of_its_size_and_the_page_links_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    run_sample(out);
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let mut listed = 0;
    for piece in html.split("<img src=\"").skip(1) {
        let src = piece.split('"').next().unwrap();
        let stem = src
            .strip_prefix("charts/")
            .unwrap()
            .strip_suffix(".png")
            .unwrap();
        let png = std::fs::read(out.join(src)).unwrap();
        let svg = std::fs::read_to_string(out.join(format!("charts/{stem}.svg"))).unwrap();
        let size = png_size(&png);
        assert_eq!(svg_size(&svg), size, "{stem}");
        assert!(
            piece.contains(&format!("width=\"{}\" height=\"{}\"", size.0, size.1)),
            "{stem}: the page declares the PNG's size"
        );
        assert!(
            png.len() > 5_000,
            "{stem}: drawn, not blank ({} bytes)",
            png.len()
        );
        listed += 1;
    }
    // Per year (2021–2023): applications, outcomes, applicants, reviews, suits, status; then
    // the trend and the rates across years.
    for stem in [
        "applications-2023",
        "outcomes-2021",
        "applicants-2022",
        "status-2023",
        "trend",
        "rates",
    ] {
        assert!(
            html.contains(&format!("charts/{stem}.png")),
            "{stem} listed"
        );
    }
    assert!(listed >= 18, "{listed} charts");
    assert!(html.contains("href=\"findings.csv\""));
    assert!(html.contains("assets/NotoSansSC-Regular.subset.otf"));
    assert!(out.join("assets/NotoSansSC-Regular.subset.otf").is_file());
    assert!(html.contains("三、收到和处理政府信息公开申请情况") || html.contains("表三"));
}

#[test]
fn every_roster_name_and_row_label_has_its_glyphs() {
    let roster = nianbao::roster::Roster::read(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/roster.csv"),
    )
    .unwrap();
    let mut labels: Vec<String> = roster
        .units
        .iter()
        .flat_map(|u| std::iter::once(u.name.clone()).chain(u.aliases.clone()))
        .collect();
    use nianbao::model::ids::{col_zh, rows_of, TableId};
    for t in [TableId::T2, TableId::T2v2019, TableId::T3, TableId::T4] {
        for r in rows_of(t) {
            labels.push(r.zh.to_string());
            labels.extend(r.cols.iter().map(|c| col_zh(t, c).to_string()));
        }
    }
    labels.extend(
        ["按时报送 逾期发布 未报送 无法读取 照搬 全为零或空白 历年公开率与纠错率 复议纠错率 诉讼纠错率 其他 16 个单位 名单内单位报送情况（按层级）区政府 部门 镇街 未列层级 …"]
            .map(String::from),
    );
    for label in &labels {
        assert_eq!(missing_glyphs(FONT, label), Vec::<char>::new(), "{label}");
    }
}

#[test]
fn a_label_the_font_lacks_is_a_warning_naming_it() {
    // U+E000 (private use) is in no font's Chinese repertoire.
    assert_eq!(missing_glyphs(FONT, "示例区\u{e000}局"), vec!['\u{e000}']);
}

#[test]
fn real_reports_without_a_roster_give_a_pack_that_says_what_it_could_not_draw() {
    // The two real Pingtan reports, no roster: the 2018 free-form report has no tables, so it
    // gives no zeros to the figures and only 2021 has any.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("run")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports/real"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains("未提供名单（roster.csv），未核对报送情况"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("missing.csv") && !stderr.contains("对应名单"),
        "{stderr}"
    );
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("charts/applications-2021.png"), "{html}");
    assert!(out.join("charts/applications-2021.png").is_file());
    // Why the others are missing: no roster, one year only.
    assert!(html.contains("未提供名单（roster.csv），无法核对报送情况"));
    assert!(html.contains("只有一个年度，无法比较"));
    assert!(
        !out.join("missing.csv").exists(),
        "no roster, no missing list"
    );
    let reports = std::fs::read_to_string(out.join("reports.csv")).unwrap();
    assert_eq!(reports.lines().count(), 3, "{reports}");
    assert!(reports.contains(",legacy,"), "{reports}");
    let units = std::fs::read_to_string(out.join("units.csv")).unwrap();
    assert_eq!(
        units.lines().count(),
        2,
        "only the 2021 report has figures: {units}"
    );
}
