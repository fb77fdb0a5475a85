//! PDFs with a real browser: whole sheets (fitting and `print-overflow`), the cache (nothing
//! reprinted when nothing changed, one edited handout reprints only its PDFs) and plain builds
//! keeping the PDFs. Gated like tests/print.rs: skipped without Chromium and poppler unless
//! `YUXIN_REQUIRE_PDF_TEST` is set (CI).

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{project, read, yuxin};

const KIT: &str = "primary/developmental/adaptation/new-friends/";
const KIT_DIR: &str = "curricula/primary/developmental/adaptation/new-friends";

fn pdf_tools() -> bool {
    let why = if yuxin::pdf::find(None).is_err() {
        Some("没有浏览器".to_string())
    } else if Command::new("pdfinfo").arg("-v").output().is_err() {
        Some("没有 pdfinfo（poppler-utils）".to_string())
    } else {
        None
    };
    match why {
        None => true,
        Some(why) => {
            assert!(
                std::env::var_os("YUXIN_REQUIRE_PDF_TEST").is_none(),
                "YUXIN_REQUIRE_PDF_TEST is set but {why}"
            );
            eprintln!("跳过 PDF 测试：{why}");
            false
        }
    }
}

fn pages(pdf: &Path) -> u32 {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&out.stdout);
    let line = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .expect("Pages");
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// A handout of `n` one-line paragraphs (12 pt: 30 fill one A4 page under its header), with
/// `front` added to its front matter.
fn long_handout(root: &Path, name: &str, n: usize, front: &str) {
    let mut text = format!("---\ntitle: 长学习单{name}\n{front}---\n\n");
    for i in 1..=n {
        text.push_str(&format!(
            "第 {i} 段：今天我想说一说我和新朋友一起做的事情。\n\n"
        ));
    }
    fs::write(root.join(KIT_DIR).join(format!("{name}.md")), text).unwrap();
}

#[test]
fn a_handout_spilling_one_line_is_tightened_onto_one_sheet() {
    if !pdf_tools() {
        return;
    }
    let p = project("good");
    long_handout(p.path(), "one-line", 31, "");
    let run = yuxin(p.path(), &["build", "--pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("print-overflow"), "{}", run.stderr);
    let pdf = p
        .path()
        .join("public")
        .join(KIT)
        .join("one-line/print/one-line.pdf");
    assert_eq!(pages(&pdf), 1, "one line over is pulled back");
    let manifest = read(&p.path().join("public/.yuxin-pdf.json"));
    assert!(manifest.contains("\"natural\": 2"), "{manifest}");
}

#[test]
fn a_handout_spilling_half_a_page_past_its_pages_is_a_print_overflow_warning() {
    if !pdf_tools() {
        return;
    }
    let p = project("good");
    long_handout(p.path(), "half", 45, "pages: 1\n");
    let run = yuxin(p.path(), &["build", "--pdf"]);
    assert_eq!(run.code, 0, "a warning, not an error: {}", run.stderr);
    let err = &run.stderr;
    assert!(err.contains("print-overflow"), "{err}");
    // At the file's last line, with how many lines to cut.
    assert!(err.contains(&format!("{KIT_DIR}/half.md:94:1")), "{err}");
    assert!(err.contains("pages: 1") && err.contains("行"), "{err}");
    let pdf = p
        .path()
        .join("public")
        .join(KIT)
        .join("half/print/half.pdf");
    assert_eq!(
        pages(&pdf),
        2,
        "put back as written, not squeezed unreadably"
    );
    // The project can turn it into an error.
    let config = p.path().join("yuxin.yaml");
    fs::write(&config, read(&config) + "lints:\n  print-overflow: error\n").unwrap();
    let run = yuxin(p.path(), &["build", "--pdf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("print-overflow"),
        "the cached PDF still reports it"
    );
}

#[test]
fn pdfs_are_printed_once_kept_by_plain_builds_and_reprinted_only_when_edited() {
    if !pdf_tools() {
        return;
    }
    let p = project("good");
    let public = p.path().join("public");
    let first = yuxin(p.path(), &["build", "--pdf"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stdout.contains("沿用 0 份"), "{}", first.stdout);
    let kit_pdf = public.join(KIT).join("print/new-friends.pdf");
    let made = fs::metadata(&kit_pdf).unwrap().modified().unwrap();

    let again = yuxin(p.path(), &["build", "--pdf"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("新打印 0 份"), "{}", again.stdout);
    assert_eq!(fs::metadata(&kit_pdf).unwrap().modified().unwrap(), made);

    // A plain build keeps every PDF and its links.
    let plain = yuxin(p.path(), &["build"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(kit_pdf.is_file());
    assert!(read(&public.join(KIT).join("index.html")).contains("下载 PDF"));

    // One edited handout: its own PDF and its kit's, nothing else.
    let sheet = p.path().join(KIT_DIR).join("sheet.md");
    fs::write(&sheet, read(&sheet) + "\n再写一句。\n").unwrap();
    let plain = yuxin(p.path(), &["build"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(!kit_pdf.exists(), "a stale PDF is dropped");
    let kit_page = read(&public.join(KIT).join("index.html"));
    assert!(
        !kit_page.contains("new-friends.pdf"),
        "and its link with it"
    );
    assert!(
        public
            .join("primary/developmental/adaptation/hello/print/hello.pdf")
            .is_file()
    );
    let edited = yuxin(p.path(), &["build", "--pdf"]);
    assert_eq!(edited.code, 0, "{}", edited.stderr);
    assert!(edited.stdout.contains("新打印 2 份"), "{}", edited.stdout);
    assert!(kit_pdf.is_file() && read(&public.join(KIT).join("index.html")).contains("下载 PDF"));
}
