use super::soffice::{to_docx, Slots};
use super::*;
use std::path::PathBuf;

/// A folder of its own under the system's temporary folder.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-doc-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An executable shell script standing in for `soffice`.
#[cfg(unix)]
fn fake_soffice(dir: &Path, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let p = dir.join("soffice");
    std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    p
}

#[cfg(unix)]
fn alive(pid: &str) -> bool {
    // A killed process whose parent is gone may stay a zombie where nothing reaps it.
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        s.rsplit(')')
            .next()
            .is_some_and(|r| !r.trim_start().starts_with('Z'))
    })
}

#[test]
fn without_libreoffice_the_finding_says_to_install_it_or_save_as_docx() {
    let e = convert(Path::new("a.doc"), b"\xD0\xCF\x11\xE0", None).unwrap_err();
    assert!(
        matches!(&e, ReadProblem::NeedsConverter { format, .. } if format == "doc"),
        "{e:?}"
    );
    let msg = crate::model::FindingKind::Unreadable(e).message(crate::model::Lang::En);
    assert!(
        msg.contains("install LibreOffice") && msg.contains(".docx"),
        "{msg}"
    );
}

#[cfg(unix)]
#[test]
fn a_hanging_converter_is_killed_with_what_it_started_at_its_deadline() {
    let dir = scratch("hang");
    let pids = dir.join("pids");
    let soffice = fake_soffice(
        &dir,
        &format!("sleep 60 &\necho $! > {}\nwait", pids.display()),
    );
    let start = Instant::now();
    let r = to_docx(&soffice, b"x", "doc", start + Duration::from_millis(500));
    assert!(matches!(r, Err(ReadProblem::TimedOut { .. })), "{r:?}");
    assert!(start.elapsed() < Duration::from_secs(5));
    let pid = std::fs::read_to_string(&pids).unwrap();
    let gone = (0..50).any(|_| {
        std::thread::sleep(Duration::from_millis(20));
        !alive(pid.trim())
    });
    assert!(gone, "the converter's child {pid} outlived it");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn the_converted_docx_is_read_and_a_failed_conversion_is_a_finding() {
    let dir = scratch("convert");
    let docx = dir.join("made.docx");
    std::fs::write(
        &docx,
        crate::ingest::docx::tests::docx("<w:p><w:r><w:t>转换后的正文</w:t></w:r></w:p>"),
    )
    .unwrap();
    // Copies the Word file into --outdir under the input's name, as soffice does.
    let soffice = fake_soffice(
        &dir,
        &format!(
            "while [ \"$1\" != --outdir ]; do shift; done\ncp {} \"$2/in.docx\" 2>/dev/null || {{ mkdir -p \"$2\"; cp {} \"$2/in.docx\"; }}",
            docx.display(),
            docx.display()
        ),
    );
    let doc = convert(Path::new("a.doc"), b"\xD0\xCF\x11\xE0", Some(&soffice)).unwrap();
    assert_eq!(doc.format, Format::Doc);
    assert!(doc.text.contains("转换后的正文"));
    let fails = fake_soffice(&dir, "exit 1");
    let e = convert(Path::new("a.wps"), b"\xD0\xCF\x11\xE0", Some(&fails)).unwrap_err();
    assert!(
        matches!(&e, ReadProblem::Corrupt { format, .. } if format == "wps"),
        "{e:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn conversions_never_run_more_at_once_than_the_slots() {
    let slots = Slots::new(1);
    let soon = || Instant::now() + Duration::from_millis(50);
    let first = slots.acquire(soon()).unwrap();
    assert!(slots.acquire(soon()).is_none());
    drop(first);
    assert!(slots.acquire(soon()).is_some());
}

#[test]
fn an_encrypted_office_file_is_told_by_its_name() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend("EncryptedPackage".bytes().flat_map(|b| [b, 0]));
    for (name, format) in [("a.docx", "docx"), ("a.xlsx", "xlsx"), ("a.bin", "office")] {
        assert_eq!(
            decode(Path::new(name), &ole).unwrap_err(),
            ReadProblem::Encrypted {
                format: format.into()
            }
        );
    }
    assert_eq!(input_ext(Path::new("a.doc"), b"{\\rtf1"), "rtf");
    assert_eq!(input_ext(Path::new("a.odt"), b"PK\x03\x04"), "odt");
    assert_eq!(input_ext(Path::new("a.rtf"), b"\xD0\xCF\x11\xE0"), "doc");
}
