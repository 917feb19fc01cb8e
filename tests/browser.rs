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

/// The text a letter page shows: its body without tags, entities decoded.
fn shown_text(html: &str) -> String {
    let body = html.split("<body>").nth(1).unwrap_or(html);
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

/// A script that draws each character of the page's text, in its element's font, on a
/// canvas, and lists those drawn exactly as a character no font has (U+10FFFD, the .notdef
/// box): the characters chromium could not find a glyph for.
const PROBE: &str = r#"<script>
document.fonts.ready.then(() => {
  const c = document.createElement('canvas');
  c.width = 80; c.height = 80;
  const g = c.getContext('2d', { willReadFrequently: true });
  const draw = (font, ch) => {
    g.clearRect(0, 0, 80, 80); g.font = font; g.fillText(ch, 10, 60);
    return g.getImageData(0, 0, 80, 80).data.join(',');
  };
  const missing = new Set(); let seen = 0;
  for (const el of document.body.querySelectorAll('*')) {
    const st = getComputedStyle(el);
    const font = st.fontStyle + ' ' + st.fontWeight + ' 40px ' + st.fontFamily;
    const box = draw(font, '\u{10FFFD}');
    for (const n of el.childNodes) {
      if (n.nodeType !== 3) continue;
      for (const ch of n.textContent) {
        if (/\s/.test(ch)) continue;
        seen++;
        if (draw(font, ch) === box) missing.add(ch);
      }
    }
  }
  const out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = 'seen ' + seen + ' missing [' + [...missing].join('') + ']';
  document.body.appendChild(out);
});
</script>"#;

/// The characters of `page` chromium draws as a missing glyph, and how many it looked at.
fn undrawn(browser: &Path, page: &Path) -> (String, usize) {
    let html = std::fs::read_to_string(page).unwrap();
    let probe = page.with_file_name("_probe.html");
    std::fs::write(
        &probe,
        html.replacen("</body>", &format!("{PROBE}</body>"), 1),
    )
    .unwrap();
    let o = headless(
        browser,
        &probe,
        &["--virtual-time-budget=10000", "--dump-dom"],
    );
    let dom = String::from_utf8_lossy(&o.stdout);
    let said = dom
        .split("<pre id=\"probe\">")
        .nth(1)
        .and_then(|r| r.split("</pre>").next())
        .unwrap_or_else(|| panic!("no probe result: {}", String::from_utf8_lossy(&o.stderr)));
    let seen = said
        .strip_prefix("seen ")
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    let missing = said
        .split_once('[')
        .and_then(|(_, r)| r.strip_suffix(']'))
        .unwrap()
        .to_string();
    (missing, seen)
}

// See: issue 9, "the HTML letters render in headless Chromium with no missing glyph".
#[test]
fn html_letters_print_in_chromium_with_every_character_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_sample(&out);
    let mut pages: Vec<(PathBuf, String)> = Vec::new();
    for year in std::fs::read_dir(out.join("letters")).unwrap() {
        for f in std::fs::read_dir(year.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == "html") {
                let text = shown_text(&std::fs::read_to_string(&p).unwrap());
                pages.push((p, text));
            }
        }
    }
    pages.sort();
    assert!(pages.len() >= 5, "{}", pages.len());
    // Every character of every letter is in the font the pack ships, the last in each of
    // the page's font lists: no machine lacks one.
    let font = std::fs::read(out.join("assets/NotoSansSC-Regular.subset.otf")).unwrap();
    for (p, text) in &pages {
        let missing = nianbao::render::charts::missing_glyphs(&font, text);
        assert!(missing.is_empty(), "{}: {missing:?}", p.display());
    }
    let Some(browser) = chromium() else {
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "notice: chromium is not installed; letters not printed (.ci/run installs it)"
            );
        }
        return;
    };
    // Chromium draws them: the letters with the most different characters, printed.
    pages.sort_by_key(|(_, t)| {
        std::cmp::Reverse(t.chars().collect::<std::collections::BTreeSet<_>>().len())
    });
    for (page, text) in pages.iter().take(3) {
        let (missing, seen) = undrawn(&browser, page);
        assert!(missing.is_empty(), "{}: {missing}", page.display());
        let shown = text.chars().filter(|c| !c.is_whitespace()).count();
        assert!(seen >= shown, "{}: {seen} of {shown}", page.display());
    }
    // The check sees a character no font has (a private-use one).
    let (page, _) = &pages[0];
    let html = std::fs::read_to_string(page).unwrap();
    let bad = page.with_file_name("_bad.html");
    std::fs::write(&bad, html.replacen("</h1>", "\u{E000}</h1>", 1)).unwrap();
    assert_eq!(undrawn(&browser, &bad).0, "\u{E000}");
}
