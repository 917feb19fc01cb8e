//! index.html in a real browser: Debian's chromium, headless, from file://. It must load with
//! no console error and no broken image, and give a screenshot. Skipped, with a notice, where
//! chromium is not installed (.ci/run installs it).

use crate::util::run_sample;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

fn headless(browser: &Path, page: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            // Containers often have a small /dev/shm, where chromium would crash.
            "--disable-dev-shm-usage",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1200,4000",
        ])
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap()
}

/// Console messages in chromium's log (it logs them all at INFO, whatever their level): the
/// page writes none unless something is wrong.
fn console_errors(log: &str) -> Vec<&str> {
    log.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

#[test]
fn index_html_loads_headless_with_no_console_error_or_broken_image() {
    let Some(browser) = chromium() else {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("notice: chromium is not installed; the browser test is skipped (.ci/run installs it)");
        }
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_sample(&out);
    let page = out.join("index.html");
    let shot = dir.path().join("shot.png");
    let o = headless(
        &browser,
        &page,
        &[&format!("--screenshot={}", shot.display())],
    );
    let log = String::from_utf8_lossy(&o.stderr);
    assert!(console_errors(&log).is_empty(), "{log}");
    let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot ({e}): {log}"));
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");

    // The check itself works: a page whose chart is gone reports it.
    std::fs::remove_file(out.join("charts/trend.png")).unwrap();
    let o = headless(&browser, &page, &["--dump-dom"]);
    let log = String::from_utf8_lossy(&o.stderr);
    let dom = String::from_utf8_lossy(&o.stdout);
    assert!(
        console_errors(&log)
            .iter()
            .any(|l| l.contains("broken image: charts/trend.png")),
        "a broken image is logged: {log}"
    );
    assert!(
        dom.contains("图表文件缺失：charts/trend.png"),
        "and said on the page"
    );
}
