//! Print views and PDFs of class-meeting kits, on the `good` fixture's kit (a plan, a student
//! handout and a parent letter with a reply slip).

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{project, read, yuxin, yuxin_env};

const KIT: &str = "primary/developmental/adaptation/new-friends/";
const BASE: &str = "https://test.example.edu.cn/";

/// The `<article class="sheet …">` elements of a print view, in order.
fn sheets(html: &str) -> Vec<&str> {
    html.split("<article class=\"sheet ")
        .skip(1)
        .map(|s| &s[..s.find("</article>").expect("closed article")])
        .collect()
}

/// Decodes the inline SVG QR code in `html`: its path, one stroke a module high per run of dark
/// modules (`M x y.5 h n`, then `m dx dy h n` from where the last run ended), is drawn into a
/// bitmap, four pixels a module, and read back with a real QR decoder.
fn decode_svg_qr(html: &str) -> String {
    let svg = &html[html.find("<svg class=\"qr-code\"").expect("a QR code")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    let view = &svg[svg.find("viewBox=\"0 0 ").unwrap() + 13..];
    let size: usize = view[..view.find(' ').unwrap()].parse().unwrap();
    let d = &svg[svg.find(" d=\"").unwrap() + 4..];
    let d = &d[..d.find('"').unwrap()];
    let mut dark = vec![false; size * size];
    let (mut x, mut y) = (0f64, 0f64);
    let mut rest = d;
    while !rest.is_empty() {
        let op = rest.as_bytes()[0];
        let end = rest[1..]
            .find(['M', 'm', 'h'])
            .map_or(rest.len(), |i| i + 1);
        let args: Vec<f64> = rest[1..end]
            .split(' ')
            .map(|a| a.parse().unwrap())
            .collect();
        match op {
            b'M' => (x, y) = (args[0], args[1]),
            b'm' => (x, y) = (x + args[0], y + args[1]),
            b'h' => {
                let row = y.floor() as usize;
                for i in x as usize..(x + args[0]) as usize {
                    dark[row * size + i] = true;
                }
                x += args[0];
            }
            _ => panic!("unexpected path command in {d}"),
        }
        rest = &rest[end..];
    }
    let scale = 4;
    let px = size * scale;
    decode(px, px, |x, y| {
        if dark[(y / scale) * size + x / scale] {
            0
        } else {
            255
        }
    })
}

fn decode(w: usize, h: usize, pixel: impl FnMut(usize, usize) -> u8) -> String {
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, pixel);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "exactly one QR code");
    grids[0].decode().expect("the QR code decodes").1
}

#[test]
fn a_kit_prints_its_plan_and_each_handout_on_pages_of_their_own() {
    let p = project("good");
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = read(&p.path().join("public").join(KIT).join("print/index.html"));
    let sheets = sheets(&html);
    assert_eq!(sheets.len(), 3, "plan, handout, letter");
    for (sheet, (role, title)) in sheets.iter().zip([
        ("sheet-plan", "新朋友班会"),
        ("sheet-handout", "学习单：我的新朋友"),
        ("sheet-letter", "致家长的一封信"),
    ]) {
        assert!(sheet.starts_with(&format!("{role} ")), "{sheet}");
        assert!(
            sheet[..sheet.find('>').unwrap()].contains("page-break"),
            "every sheet starts a page: {sheet}"
        );
        assert!(sheet.contains(&format!("<h1>{title}</h1>")), "{sheet}");
    }
    // No site chrome.
    for chrome in [
        "site-header",
        "site-nav",
        "breadcrumbs",
        "site-footer",
        "style.css",
    ] {
        assert!(!html.contains(chrome), "{chrome}");
    }
    assert!(html.contains("../../../../../static/print.css"));
    // Writing space and the reply slip.
    assert!(sheets[1].contains("class=\"answer-box\""));
    let slip = &sheets[2][sheets[2]
        .find("<section class=\"reply-slip\"")
        .expect("a slip")..];
    assert!(slip.contains("class=\"cut-line\"") && slip.contains("回执"));
    assert!(slip.contains("type=\"checkbox\""));
    // The handout's own 姓名 blank is not asked for again in the header.
    assert!(sheets[1].contains("学校：<span class=\"blank\">"));
    assert!(!sheets[1].contains("<span class=\"field\">姓名"));
    assert!(sheets[0].contains("<span class=\"field\">授课教师"));
    // Primary without grades: 12 pt.
    assert!(sheets[1].contains("size-normal"));
}

#[test]
fn the_print_stylesheet_sets_a4_page_breaks_and_keeps_boxes_whole() {
    let p = project("good");
    assert_eq!(yuxin(p.path(), &["build"]).code, 0);
    let css = read(&p.path().join("public/static/print.css"));
    let rule = |selector: &str| -> String {
        let at = css
            .find(&format!("\n{selector} {{"))
            .unwrap_or_else(|| panic!("no rule for {selector}"));
        css[at..at + css[at..].find('}').unwrap()].to_string()
    };
    assert!(css.contains("@page { size: A4;"));
    assert!(rule(".answer-box").contains("break-inside: avoid"));
    assert!(rule("table").contains("break-inside: avoid"));
    assert!(rule(".reply-slip").contains("break-inside: avoid"));
    assert!(css.contains(".page-break { break-before: page; }"));
    assert!(rule(".size-large").contains("--body: 14pt"));
    // The sheet itself is set in its size: 14 pt once reached only headings (bug fixed).
    assert!(rule(".sheet").contains("font-size: var(--body)"));
    assert!(rule(":root").contains("--body: 12pt"));
}

#[test]
fn every_sheet_has_a_qr_code_that_decodes_to_its_online_page() {
    let p = project("good");
    assert_eq!(yuxin(p.path(), &["build"]).code, 0);
    let html = read(&p.path().join("public").join(KIT).join("print/index.html"));
    let urls: Vec<String> = sheets(&html).iter().map(|s| decode_svg_qr(s)).collect();
    assert_eq!(
        urls,
        [
            format!("{BASE}{KIT}"),
            format!("{BASE}{KIT}sheet/"),
            format!("{BASE}{KIT}letter/"),
        ]
    );
}

#[test]
fn a_parent_letter_leads_to_the_micro_course_on_its_stage_and_topic() {
    let p = project("good");
    let course = "curricula/primary/developmental/adaptation/parents-first-weeks.md";
    fs::write(
        p.path().join(course),
        "---\ntitle: 入学头两周，家长能做的三件事\nkind: microcourse\nminutes: 8\n---\n\n正文。\n",
    )
    .unwrap();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = read(&p.path().join("public").join(KIT).join("print/index.html"));
    let letter = sheets(&html)[2];
    assert_eq!(
        decode_svg_qr(letter),
        format!("{BASE}primary/developmental/adaptation/parents-first-weeks/")
    );
    assert!(letter.contains("扫码看家长微课《入学头两周，家长能做的三件事》"));
    // The handout still leads to itself.
    assert_eq!(
        decode_svg_qr(sheets(&html)[1]),
        format!("{BASE}{KIT}sheet/")
    );
}

#[test]
fn kit_and_handout_pages_link_to_their_print_views() {
    let p = project("good");
    assert_eq!(yuxin(p.path(), &["build"]).code, 0);
    let public = p.path().join("public");
    let kit = read(&public.join(KIT).join("index.html"));
    assert!(kit.contains("打印/下载"));
    assert!(kit.contains(&format!(
        "href=\"../../../../{KIT}print/\">打印整套材料</a>"
    )));
    assert!(kit.contains(&format!("href=\"../../../../{KIT}sheet/print/\">打印</a>")));
    assert!(kit.contains(&format!("href=\"../../../../{KIT}letter/print/\">打印</a>")));
    assert!(!kit.contains("下载 PDF"), "no PDF without --pdf");
    let sheet = read(&public.join(KIT).join("sheet/index.html"));
    assert!(sheet.contains(&format!("{KIT}sheet/print/\">打印这份材料</a>")));
    let alone = read(&public.join(KIT).join("sheet/print/index.html"));
    assert_eq!(sheets(&alone).len(), 1);
    assert!(alone.contains("打印整套材料"));
    // A plain lesson has a 教案 print view of its own.
    let lesson = read(&public.join("primary/developmental/adaptation/hello/index.html"));
    assert!(lesson.contains("hello/print/\">打印教案</a>"), "{lesson}");
    let view = read(&public.join("primary/developmental/adaptation/hello/print/index.html"));
    assert_eq!(sheets(&view).len(), 1);
    assert!(!view.contains("分钟读完") && !view.contains("site-nav"));
}

#[test]
fn without_a_full_base_url_the_print_view_says_how_to_get_qr_codes() {
    let p = project("good");
    let config = p.path().join("yuxin.yaml");
    let text = read(&config).replace(&format!("base_url: {BASE}"), "base_url: /");
    fs::write(&config, text).unwrap();
    assert_eq!(yuxin(p.path(), &["build"]).code, 0);
    let html = read(&p.path().join("public").join(KIT).join("print/index.html"));
    assert!(!html.contains("<svg"));
    assert!(html.contains("class=\"warn\"") && html.contains("base_url"));
}

#[test]
fn pdf_without_a_browser_still_builds_the_site_and_says_what_to_install() {
    let p = project("good");
    let empty = tempfile::tempdir().unwrap();
    let path = empty.path().to_string_lossy();
    let run = yuxin_env(p.path(), &["build", "--pdf"], &[("PATH", &path)]);
    let (stdout, stderr) = (run.stdout, run.stderr);
    assert_eq!(run.code, 0, "{stderr}");
    assert!(stdout.contains("构建完成"), "{stdout}");
    assert!(stderr.contains("没有找到能生成 PDF 的浏览器"), "{stderr}");
    assert!(stderr.contains("chromium") && stderr.contains("microsoft-edge"));
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
    let public = p.path().join("public");
    assert!(public.join(KIT).join("print/index.html").is_file());
    assert!(!public.join(KIT).join("print/new-friends.pdf").exists());
    assert!(!read(&public.join(KIT).join("index.html")).contains("下载 PDF"));
}

#[test]
fn a_configured_browser_that_is_missing_is_named() {
    let p = project("good");
    let config = p.path().join("yuxin.yaml");
    let text = read(&config) + "pdf: true\nbrowser: /no/such/chrome\n";
    fs::write(&config, text).unwrap();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("/no/such/chrome"), "{}", run.stderr);
}

/// Whether the PDF test can run here; CI sets `YUXIN_REQUIRE_PDF_TEST` so that it never
/// skips there.
fn pdf_tools() -> Result<(), String> {
    if yuxin::pdf::find(None).is_err() {
        return Err(format!("没有浏览器（{}）", yuxin::pdf::NAMES.join("、")));
    }
    for tool in ["pdfinfo", "pdftotext", "pdftoppm"] {
        if Command::new(tool).arg("-v").output().is_err() {
            return Err(format!("没有 {tool}（poppler-utils）"));
        }
    }
    Ok(())
}

fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().expect(tool);
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Reads a binary PGM (`P5`) as pdftoppm writes it.
fn read_pgm(path: &Path) -> (usize, usize, Vec<u8>) {
    let bytes = fs::read(path).unwrap();
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = bytes[at + 1..].to_vec();
    assert_eq!(pixels.len(), w * h);
    (w, h, pixels)
}

#[test]
fn pdf_of_a_kit_is_a4_one_page_a_sheet_with_its_title_slip_and_qr() {
    if let Err(why) = pdf_tools() {
        assert!(
            std::env::var_os("YUXIN_REQUIRE_PDF_TEST").is_none(),
            "YUXIN_REQUIRE_PDF_TEST is set but {why}"
        );
        eprintln!("跳过 PDF 测试：{why}");
        return;
    }
    let p = project("good");
    let run = yuxin(p.path(), &["build", "--pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The kit, its two parts, the lessons and the training session and certificate.
    assert!(run.stdout.contains("新打印 8 份"), "{}", run.stdout);
    let public = p.path().join("public");
    let pdf = public.join(KIT).join("print/new-friends.pdf");
    let pdf_arg = pdf.to_str().unwrap();
    let info = poppler("pdfinfo", &[pdf_arg]);
    assert!(info.contains("\nPages:           3\n"), "{info}");
    let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
    let numbers: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    // A4 is 595.28 × 841.89 pt; browsers round to whole pixels.
    assert!(
        (numbers[0] - 595.3).abs() < 2.0 && (numbers[1] - 841.9).abs() < 2.0,
        "{size}"
    );
    let text = poppler("pdftotext", &[pdf_arg, "-"]);
    assert!(text.contains("新朋友班会"), "{text}");
    assert!(text.contains("回执"), "{text}");
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(pages[1].contains("学习单：我的新朋友") && pages[2].contains("致家长的一封信"));
    // The handout's page carries a QR code a phone can read.
    let out = tempfile::tempdir().unwrap();
    let prefix = out.path().join("page");
    poppler(
        "pdftoppm",
        &[
            "-gray",
            "-r",
            "200",
            "-f",
            "2",
            "-l",
            "2",
            "-singlefile",
            pdf_arg,
            prefix.to_str().unwrap(),
        ],
    );
    let (w, h, pixels) = read_pgm(&out.path().join("page.pgm"));
    // The code sits in the sheet's top-right corner; the decoder wants it without the page's
    // text around it.
    let (left, height) = (w * 3 / 4, h / 6);
    assert_eq!(
        decode(w - left, height, |x, y| pixels[y * w + left + x]),
        format!("{BASE}{KIT}sheet/")
    );
    // Pages link to the PDF only now that it exists.
    let kit = read(&public.join(KIT).join("index.html"));
    assert!(kit.contains("print/new-friends.pdf\" download=\"新朋友班会.pdf\">下载 PDF</a>"));
}

#[test]
fn each_school_has_its_own_copies_of_its_letters_and_kits_named_and_coded_for_it() {
    let p = project("good");
    let config = p.path().join("yuxin.yaml");
    let school = "schools:\n  - id: jia\n    name: 甲实验小学\n    stages: [小学]\n    contact:\n      office: 心理辅导室\n      phone: \"0591-1234567\"\n    hotlines: [{ name: 区心理热线, number: \"0591-7654321\" }]\n";
    fs::write(&config, read(&config) + school).unwrap();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = p.path().join("public");
    let site = public.join("schools/jia");
    let letter = read(&site.join(KIT).join("letter/print/index.html"));
    assert!(
        letter.contains("学校：<span class=\"filled\">甲实验小学</span>"),
        "{letter}"
    );
    assert!(letter.contains("甲实验小学联系：心理辅导室；电话 0591-1234567"));
    assert!(letter.contains("区心理热线 0591-7654321"));
    assert!(!letter.contains("<span class=\"field\">学校：<span class=\"blank\">"));
    // The QR code opens the same page on the school's microsite, which has it.
    let own = format!("{BASE}schools/jia/{KIT}letter/print/");
    assert_eq!(decode_svg_qr(&letter), own);
    assert!(site.join(KIT).join("letter/print/index.html").is_file());
    assert!(site.join("static/print.css").is_file());
    let kit = read(&site.join(KIT).join("print/index.html"));
    assert_eq!(decode_svg_qr(sheets(&kit)[2]), own);
    // The teacher site keeps the blanks.
    let teacher = read(&public.join(KIT).join("letter/print/index.html"));
    assert!(teacher.contains("学校：<span class=\"blank\">") && !teacher.contains("甲实验小学"));
    // Another stage's kits are not the school's.
    assert!(!site.join("junior").exists());
}
